"""The tone of an article and of each entity, from VADER's sentence scores.

VADER's compound score saturates on long texts (a whole article scores near +1 or -1), so the article's score
is a mean of its sentences' compound scores; a sentence is positive at 0.05 or more and negative at -0.05 or
less (VADER's own thresholds). In that mean each sentence weighs by its share of the reporter's own words:
a quote is its speaker's view (a beaten manager's "we were the better side", a chief executive's optimism on
the day the shares fell), while the story's news is told in the narration. An entity's tone is the plain
mean score of the sentences that mention it, quotes included: what is said about it counts.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache
from statistics import fmean

from spacy.tokens import Doc
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from ..records import Entity, Quote, Tone
from .lexicon import LEXICON_UPDATES, rewritten

_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})
_BLANK_LINE = re.compile(r"\n\s*\n")
POSITIVE_FROM = 0.05
NEGATIVE_FROM = -0.05


def load_lexicon() -> None:
    """Read VADER's lexicon now rather than on the first article."""
    _analyzer()


@cache
def _analyzer() -> SentimentIntensityAnalyzer:
    analyzer = SentimentIntensityAnalyzer()
    analyzer.lexicon.update(LEXICON_UPDATES)
    return analyzer


def sentence_scores(doc: Doc, entities: Sequence[Entity] = ()) -> list[tuple[int, int, float]]:
    """(start, end, compound score) of each sentence with a letter in it."""
    analyzer = _analyzer()
    text = doc.text
    # Names carry no tone: "United States", "Department of Justice", "Johnny Grant" are not praise.
    unnamed = _without_names(text, doc, entities)
    scores = []
    for sentence in doc.sents:
        # A headline or a paragraph the model runs into the next sentence is a sentence of its own.
        for start, end in _split_at_blank_lines(text, sentence.start_char, sentence.end_char):
            if any(char.isalpha() for char in text[start:end]):
                piece = unnamed[start:end].strip()
                scores.append((start, end, analyzer.polarity_scores(rewritten(piece))["compound"]))
    return scores


def _without_names(text: str, doc: Doc, entities: Sequence[Entity]) -> str:
    """The text with every name blanked out (same length, so offsets hold): the model's entities and the
    enrichment's mentions, which include the repetitions the model missed ("Grant" after "Johnny Grant")."""
    spans = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in _NAME_LABELS]
    spans += [(mention.start, mention.end) for entity in entities if entity.label in _NAME_LABELS
              for mention in entity.mentions if 0 <= mention.start < mention.end <= len(text)]
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _split_at_blank_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    for blank in _BLANK_LINE.finditer(text, start, end):
        pieces.append((start, blank.start()))
        start = blank.end()
    pieces.append((start, end))
    return pieces


def narration_weights(scores: Sequence[tuple[int, int]], quotes: Sequence[Quote]) -> list[float]:
    """Each sentence's share of characters outside the quotes (the marks around a quote count as the quote's)."""
    spans = sorted((quote.start - 1, quote.end + 1) for quote in quotes)
    weights = []
    for start, end in scores:
        quoted = sum(max(0, min(end, quote_end) - max(start, quote_start)) for quote_start, quote_end in spans)
        weights.append(max(0.0, 1 - quoted / max(1, end - start)))
    return weights


def score_tone(doc: Doc, entities: list[Entity], quotes: Sequence[Quote] = ()) -> Tone | None:
    """The article's tone (None for a text without sentences); sets each entity's `tone`."""
    scores = sentence_scores(doc, entities)
    if not scores:
        return None
    values = [score for _, _, score in scores]
    weights = narration_weights([(start, end) for start, end, _ in scores], quotes)
    # An article that is all quotes (an interview transcript) has no narration: every sentence weighs the same.
    narration = sum(weights)
    score = sum(value * weight for value, weight in zip(values, weights)) / narration if narration else fmean(values)
    count = len(values)
    starts = [start for start, _, _ in scores]
    for entity in entities:
        sentences = {at for mention in entity.mentions
                     if (at := bisect_right(starts, mention.start) - 1) >= 0 and mention.start < scores[at][1]}
        entity.tone = round(fmean(scores[at][2] for at in sentences), 4) if sentences else None
    return Tone(score=round(score, 4),
                positive=round(sum(value >= POSITIVE_FROM for value in values) / count, 4),
                negative=round(sum(value <= NEGATIVE_FROM for value in values) / count, 4),
                neutral=round(sum(NEGATIVE_FROM < value < POSITIVE_FROM for value in values) / count, 4),
                sentences=count)
