"""Speaker attribution, put together: `extract_quotes` finds the candidates and transcript
turns, and `_attribute` takes each candidate in text order, looks for its attribution (the parsed cue, the
window heuristics, a lead-in name, the discourse), decides whether it is a statement and chooses its speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from spacy.tokens import Doc

from ...errors import EnrichmentError
from ..records import Entity, Quote
from ..speech import Cue, is_listed_term
from .transcripts import transcript_turns
from .cues import _after_quote, _before_quote, _cue_attribution, _parsed_cue, _quote_tokens
from .discourse import _remember_speaker, _remember_until, _start_sentence
from .interviews import _interview
from .marks import (
    _MIN_STATEMENT_WORDS, _SENTENCE_FINAL, _Candidate, _may_be_statement, _paragraph_starts, _scan_candidates,
)
from .names import _build_context, _genders, _next_paragraph_token, _ref_at, _token_at
from .speakers import _is_possessor
from .state import _NOT_FOUND, _UNNAMED, _Attribution, _Context, _Previous, _Ref
from .vocabulary import (
    _AFTER_WINDOW, _BEFORE_WINDOW, _FALLBACK_PARAGRAPHS, _PERSON, _SEGMENT_REACH, _SENTENCE_END_TOKENS,
)

_NAMING_PHRASE_WORDS = 5
_ARTICLES = frozenset({"a", "an", "the"})


def extract_quotes(doc: Doc, entities: Sequence[Entity]) -> list[Quote]:
    """The direct quotes of `doc`, in text order, each with its speaker's canonical entity name."""
    if not isinstance(doc, Doc):
        raise EnrichmentError(f"extract_quotes needs a spaCy Doc, got {type(doc).__name__}")
    text = doc.text
    if not text or len(doc) == 0:
        return []
    para_starts = _paragraph_starts(text)
    turns = transcript_turns(text, para_starts, entities)
    candidates = [c for c in _scan_candidates(text, para_starts)
                  if _may_be_statement(text, c) and not any(t.start <= c.start < t.end for t in turns)]
    quotes = [Quote(text[turn.start:turn.end], turn.start, turn.end, turn.speaker) for turn in turns]
    if candidates:
        ctx = _build_context(doc, para_starts, entities)
        for candidate in candidates:
            first = bisect_left(ctx.starts, candidate.start)
            ctx.quoted.update(range(first, bisect_left(ctx.starts, candidate.end)))
        ctx.genders = _genders(ctx)
        ctx.interviewer, ctx.interviewee = _interview(text, para_starts, entities)
        quotes += _attribute(ctx, candidates)
    return sorted(quotes, key=lambda quote: quote.start)


def _attribute(ctx: _Context, candidates: list[_Candidate]) -> list[Quote]:
    quotes: list[Quote] = []
    memory = ctx.memory
    previous: _Previous | None = None
    token = 0
    paragraph = 0
    n = len(ctx.doc)
    unattributed: list[tuple[int, _Candidate]] = []  # statements nothing attributed, by index in `quotes`
    spans = [(_token_at(ctx, c.open_mark), _token_at(ctx, max(c.open_mark, c.after_close - 1))) for c in candidates]
    for index, candidate in enumerate(candidates):
        open_token, close_token = spans[index]
        token, paragraph = _remember_until(ctx, token, open_token, paragraph)
        lower = spans[index - 1][1] + 1 if index else 0
        upper = spans[index + 1][0] if index + 1 < len(spans) else n
        sentence_start = _sentence_start(ctx, open_token, max(lower, ctx.para_first_token[candidate.paragraph]))
        cue = _parsed_cue(ctx, candidate, open_token, close_token)
        if cue is not None:
            attribution = _cue_attribution(ctx, cue, candidate, previous, close_token, upper)
        else:
            attribution = _after_quote(ctx, candidate, close_token, upper)
            if not attribution.found and not candidate.title_like:
                attribution = _before_quote(ctx, open_token, sentence_start)
        if not attribution.found and not candidate.fragment:
            attribution = _lead_in_name(ctx, candidate, open_token)
        if not attribution.found:
            attribution = _name_after_colon(ctx, candidate)
        if not attribution.found and previous is not None and _same_sentence(ctx, previous, candidate, open_token):
            attribution = _Attribution(True, previous.speaker)  # 'X said she "threw it" in an "angry" attack'
        quote_only = not _has_words(ctx, sentence_start, open_token) and not _words_after(
            ctx, candidate, close_token, upper
        )
        if _is_statement(ctx, candidate, attribution, open_token, close_token, cue):
            speaker = _choose_speaker(ctx, candidate, attribution, previous, quote_only)
            if speaker == _UNNAMED:
                speaker, attribution = None, _Attribution(True, None, unnamed=True)
            if speaker is None and not attribution.found:
                unattributed.append((len(quotes), candidate))
            quotes.append(Quote(ctx.text[candidate.start : candidate.end], candidate.start, candidate.end,
                                speaker.name if speaker else None))
            if speaker is not None:
                _remember_speaker(memory, speaker, candidate.paragraph, close_token)
            elif attribution.unnamed:
                _remember_speaker(memory, _UNNAMED, candidate.paragraph, close_token)
            if not candidate.fragment:
                # A fragment is words borrowed inside a sentence about them ('Labour claims he used her as a
                # "human shield"'), not the statement that a following quote-only sentence continues.
                previous = _Previous(candidate, speaker, close_token)
                memory.attribution = (speaker, candidate.paragraph)
                memory.attribution_at = close_token
        token = max(token, close_token + 1)
        if candidate.ends_sentence:
            _start_sentence(memory, token)
        else:
            memory.floor = token
    _run_on_statements_take_the_next_speaker(ctx.text, quotes, unattributed)
    return quotes


def _run_on_statements_take_the_next_speaker(text: str, quotes: list[Quote],
                                             unattributed: list[tuple[int, _Candidate]]) -> None:
    """`"We're the sources ... what we're doing. "No matter how you look at it, ...," he says.`: a quote left
    open runs on into the next one, and the attribution that closes the statement is for all of it."""
    for index, candidate in reversed(unattributed):
        if candidate.closed or index + 1 >= len(quotes):
            continue
        following = quotes[index + 1]
        between = text[candidate.end:following.start]
        if following.speaker is not None and between.strip(" \t\n\"“”'‘’") == "":
            quotes[index].speaker = following.speaker


def _lead_in_name(ctx: _Context, candidate: _Candidate, open_token: int) -> _Attribution:
    """`- Bolton boss Sam Allardyce "I am bitterly disappointed ..."`, `Sam Allardyce: "..."`: a paragraph
    or line that opens with nothing but a name before its quote, as match reports and briefings print
    reactions."""
    line_start = ctx.text.rfind("\n", 0, candidate.open_mark) + 1
    begin = max(ctx.para_first_token[candidate.paragraph], bisect_left(ctx.starts, line_start))
    lead = [k for k in range(begin, open_token) if not ctx.doc[k].is_space and not ctx.doc[k].is_punct]
    if not lead or len(lead) > _SEGMENT_REACH or any(ctx.doc[k].tag_[:2] in {"VB", "MD"} for k in lead):
        return _NOT_FOUND
    ref = _ref_at(ctx, lead[-1])
    if ref is None or ref.label == _PERSON and _is_possessor(ctx, lead[-1], ref):
        return _NOT_FOUND
    return _Attribution(True, ref)


def _name_after_colon(ctx: _Context, candidate: _Candidate) -> _Attribution:
    """`"I still see that ball": Lucía Ferreyra on the final`: a headline's quote, then its speaker."""
    after = re.match(r"[ \t]*:[ \t]*", ctx.text[candidate.after_close:candidate.after_close + 5])
    if not candidate.closed or after is None:
        return _NOT_FOUND
    first = bisect_left(ctx.starts, candidate.after_close + after.end())
    ref = _ref_at(ctx, first) if first < len(ctx.doc) else None
    return _Attribution(True, ref) if ref is not None and ref.label == _PERSON else _NOT_FOUND


def _same_sentence(ctx: _Context, previous: _Previous, candidate: _Candidate, open_token: int) -> bool:
    """Whether the candidate follows the previous quote in the same sentence of narration."""
    earlier = previous.candidate
    if earlier.paragraph != candidate.paragraph or earlier.ends_sentence or not earlier.closed:
        return False
    doc = ctx.doc
    return not any(doc[k].text in _SENTENCE_END_TOKENS for k in range(previous.close_token + 1, open_token))


def _is_statement(ctx: _Context, candidate: _Candidate, attribution: _Attribution, open_token: int,
                  close_token: int, cue: Cue | None) -> bool:
    if candidate.title_like:
        return attribution.found and attribution.ref is not None
    if candidate.fragment:
        # 'called the plan "absolutely rubbish"', 'said he was "deeply concerned"': the parse links the words
        # to a speech cue; a scare quote or a term in the writer's voice has none.
        return cue is not None and not is_listed_term(ctx.doc, ctx.syntax, *_quote_tokens(ctx, candidate))
    short = candidate.words <= _NAMING_PHRASE_WORDS
    if not attribution.found and short and _is_naming_phrase(ctx, open_token, close_token):
        return False  # 'its reputation as "an island of democracy"', 'coined the term "the R&J effect"'
    if candidate.words >= _MIN_STATEMENT_WORDS:
        return True
    return candidate.utterance_shaped and attribution.found and attribution.ref is not None


def _is_naming_phrase(ctx: _Context, open_token: int, close_token: int) -> bool:
    """A quoted noun phrase without a verb that starts with, or follows, an article."""
    doc = ctx.doc
    inside = range(open_token + 1, min(close_token, len(doc)))
    if not inside or any(doc[k].tag_[:2] in {"VB", "MD"} for k in inside):
        return False
    return doc[inside[0]].lower_ in _ARTICLES or (open_token > 0 and doc[open_token - 1].lower_ in _ARTICLES)


def _choose_speaker(
    ctx: _Context,
    candidate: _Candidate,
    attribution: _Attribution,
    previous: _Previous | None,
    quote_only: bool,
) -> _Ref | None:
    if attribution.found:
        return attribution.ref
    if not quote_only:
        return None  # a quote woven into narration without an attribution verb: not ours to guess
    if previous is not None and candidate.continues:
        return previous.speaker
    newer_person = _newer_subject(ctx, candidate)
    if previous is not None and previous.candidate.paragraph == candidate.paragraph:
        # "...," said Nadal. US coach Patrick McEnroe wants Roddick to ... "I think ...": a new subject
        # named between two quotes of a paragraph introduces the second.
        if newer_person is not None and ctx.memory.person_at > previous.close_token:
            return newer_person
        return previous.speaker
    remembered = ctx.memory.attribution
    if newer_person is not None and ctx.memory.person_at > ctx.memory.attribution_at:
        return newer_person
    if remembered is not None and candidate.paragraph - remembered[1] <= _FALLBACK_PARAGRAPHS:
        return remembered[0]
    return None


def _newer_subject(ctx: _Context, candidate: _Candidate) -> _Ref | None:
    """The person the narration made its subject last, if in the quote's own paragraph."""
    person = ctx.memory.person
    if person is None or person[1] != candidate.paragraph:
        return None
    return person[0]


def _sentence_start(ctx: _Context, open_token: int, lower: int) -> int:
    """The first token of the sentence holding the opening mark, not before `lower`."""
    doc = ctx.doc
    lower = max(lower, open_token - _BEFORE_WINDOW)
    for k in range(open_token - 1, lower - 1, -1):
        if doc[k].text in _SENTENCE_END_TOKENS:
            return k + 1
    return lower


def _has_words(ctx: _Context, begin: int, end: int) -> bool:
    doc = ctx.doc
    return any(doc[k].is_alpha or doc[k].is_digit for k in range(begin, end))


def _words_after(ctx: _Context, candidate: _Candidate, close_token: int, upper: int) -> bool:
    """Whether narration follows the quote in its sentence."""
    if not candidate.closed or _SENTENCE_FINAL.search(ctx.text[candidate.start : candidate.end]):
        return False
    doc = ctx.doc
    upper = min(upper, _next_paragraph_token(ctx, candidate.paragraph), len(doc), close_token + 1 + _AFTER_WINDOW)
    for k in range(close_token + 1, upper):
        if doc[k].text in _SENTENCE_END_TOKENS:
            return False
        if doc[k].is_alpha or doc[k].is_digit:
            return True
    return False
