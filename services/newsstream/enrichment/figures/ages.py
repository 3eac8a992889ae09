"""Ages without "years old": "aged 31", "Slater, 35, is", "when he was just 14", "aged 18 years and 185 days".
A bare number is a person's age from the words around it; a duration after "aged", or joined to an age
just before it, is part of that age.
"""

from __future__ import annotations

from .parsing import _Number
from .tokens import _State, _Tokens
from .vocabulary import AGE_ADVERBS, AGE_BE_VERBS, AGE_SUBJECTS, AGE_TURN_VERBS, AGE_WORDS_BEFORE


def _is_age_by_context(toks: _Tokens, number: _Number) -> bool:
    """ "aged 31", "at the age of 31", "Slater, 35, is", "Smith (35)", "when he was just 14"."""
    if not (number.plain or (number.word and not number.vague)) or not 1 <= number.value <= 115:
        return False
    if _follows_age_words(toks, number.first) or _is_age_after_be(toks, number):
        return True
    if not number.plain:
        return False
    before = toks.lower_at(number.first - 1)
    if not toks.text_at(number.first - 2).isalpha():
        return False
    after = toks.text_at(number.last + 1)
    name = number.first - 2
    if before in (",", "(") and name >= 0 and (toks.pos[name] == "PROPN" or toks.ent[name] == "PERSON"):
        closing = ")" if before == "(" else ","
        return after == closing or (before == "," and after in (".", ";"))
    return False


def _follows_age_words(toks: _Tokens, first: int) -> bool:
    """ "aged 18 years", "at the age of 31"."""
    before = toks.lower_at(first - 1)
    return before in AGE_WORDS_BEFORE or (before == "of" and toks.lower_at(first - 2) == "age")


def _is_age_after_be(toks: _Tokens, number: _Number) -> bool:
    """ "when he was just 14,", "Federer, who turned 23 last week": a person's age without "years"."""
    verb = number.first - 1
    if toks.lower_at(verb) in AGE_ADVERBS:
        verb -= 1
    verb_lower = toks.lower_at(verb)
    if verb_lower in AGE_TURN_VERBS:
        nxt = number.last + 1
        return not (nxt < toks.n and toks.pos[nxt] in ("NOUN", "PROPN", "NUM"))
    if verb_lower not in AGE_BE_VERBS:
        return False
    subject = verb - 1
    if toks.lower_at(subject) not in AGE_SUBJECTS and not (subject >= 0 and toks.ent[subject] == "PERSON"):
        return False
    after = number.last + 1
    return after >= toks.n or toks.text[after] in _AGE_CLAUSE_ENDS or toks.lower[after] in _AGE_CLAUSE_ENDS


_AGE_CLAUSE_ENDS = frozenset({",", ".", ";", ")", "-", "–", "—", "when", "and", "but"})


def _is_age_duration(state: _State, number: _Number) -> bool:
    """ "Aged 18 years and 185 days": a duration after "aged", or joined to an age just before."""
    toks = state.toks
    start = number.start if number.start >= 0 else number.first
    if _follows_age_words(toks, start):
        return True
    previous = state.figures[-1] if state.figures else None
    joiner = start - 1
    return (
        previous is not None and previous.kind == "age" and toks.lower_at(joiner) in ("and", ",")
        and joiner >= 1 and previous.end == toks.end[joiner - 1]
    )
