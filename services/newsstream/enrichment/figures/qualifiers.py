"""Qualifiers of a figure: "about", "more than", "up to" before it, "or more" after it, and ranges.
The phrase before or after a number gives its qualifier (approximate, at least, at most); "over" that
spans or places rather than bounds ("developed over four years") is no qualifier; the two ends of a range
are at least and at most, unless the range is a change ("from 5% to 7%"); "topped the 100,000 mark" is at
least the threshold.
"""

from __future__ import annotations

from newsstream.enrichment.records import Qualifier

from .parsing import _Number
from .tokens import _Tokens
from .units import _Part
from .vocabulary import (
    OVER_AS_MORE_THAN_AFTER, OVER_PARTICLE_VERBS, PASSING_VERBS, QUALIFIERS_AFTER, QUALIFIERS_BEFORE, THRESHOLD_NOUNS,
    _QUALIFIER_LENGTHS,
)


def _qualifier_after(toks: _Tokens, j: int) -> tuple[Qualifier | None, int]:
    """ "or more", "-plus", "-odd" right after position j-1: the qualifier and its last token."""
    first = toks.lower_at(j)
    if first in ("or", "-"):
        key = (first, toks.lower_at(j + 1))
        if key in QUALIFIERS_AFTER and (first == "or" or toks.glued(j)):
            return QUALIFIERS_AFTER[key], j + 1
    return None, j - 1


def _qualifier_before(toks: _Tokens, start: int) -> tuple[Qualifier | None, int]:
    """The qualifier phrase ending right before token `start`, and where it begins."""
    for length in _QUALIFIER_LENGTHS:
        begin = start - length
        if begin < 0:
            continue
        key = tuple(toks.lower[begin:start])
        qualifier = QUALIFIERS_BEFORE.get(key)
        if qualifier is not None:
            return qualifier, begin
    return None, start


def _over_means_across(toks: _Tokens, part: _Part, over: int) -> bool:
    """ "sent over one radio band", "done over three days": "over" is a place or a span, not a bound.

    "over one" is never "more than one" (that is written "more than one"); before a duration,
    "over" bounds it after words of lasting and waiting ("for over 50 years", "took over 10 hours")
    and spans it after other verbs and nouns ("developed over four years", "PCs over three days").
    """
    start = part.number.start if part.number.start >= 0 else part.number.first
    if toks.lower[over] != "over" or start != over + 1:
        return False
    if over > 0 and toks.pos[over - 1] == "VERB" and toks.lemma(over - 1) in OVER_PARTICLE_VERBS:
        return True  # "handed over $103,500": "over" belongs to the verb
    number = part.number
    if number.word and number.value == 1 and not number.scale_word and toks.lower[number.first] == "one":
        return True
    if part.tail.kind != "duration":
        return False
    before = over - 1
    if before < 0 or toks.lower[before] in OVER_AS_MORE_THAN_AFTER:
        return False
    return toks.pos[before] in ("NOUN", "PROPN", "PRON", "VERB")


def _qualifiers_for(
    toks: _Tokens,
    parts: list[_Part],
    before: Qualifier | None,
    after: Qualifier | None,
    qualifier_start: int,
) -> list[Qualifier]:
    first = parts[0].number
    if len(parts) == 2:
        change_words = ("from", "by")
        if toks.lower_at(qualifier_start - 1) in change_words or toks.lower_at(first.start - 1) in change_words:
            return ["exact", "exact"]  # "from 5% to 7%", "fell by 600,000 to 5.9 million": a change
        return ["at_least", "at_most"]
    if first.vague or (before is None and after is None and _passes_a_mark(toks, first)):
        return ["at_least"]
    return [before or after or parts[0].tail.qualifier or "exact"]


def _passes_a_mark(toks: _Tokens, number: _Number) -> bool:
    """ "topped the 100,000 mark", "passed the £1bn barrier": at least the threshold."""
    if toks.lower_at(number.last + 1) not in THRESHOLD_NOUNS or toks.lower_at(number.start - 1) != "the":
        return False
    verb = number.start - 2
    return verb >= 0 and toks.lemma(verb) in PASSING_VERBS
