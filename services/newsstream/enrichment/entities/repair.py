"""Repairing one model mention (step 1 of the module docstring): `_repair` turns a span into a
`_Piece`, completing or dropping words the tokeniser cut, cutting at an inner possessive, trimming
possessives, punctuation, lower-case edges, scores, titles and descriptors, and reading the title and cues
that make the piece a person.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..datelines import dateline_of_paragraph
from .cues import CUE_WEIGHT, DESCRIPTORS, cue_votes
from .vocabulary import (
    _DEMONYMS, _FESTIVALS, _MEMBER_TITLES, _OFFICES, _OFFICES_AFTER_THE, _PERSON_DEMONYMS, _PRECEDING_PERSON_WORDS, _PROPER_NAME_LABELS, _ROLE_WORDS, _STRONG_TITLES, _WEAK_TITLES,
)

_PERSON_PARTICLES = frozenset({
    "de", "da", "di", "del", "della", "du", "dos", "das", "van", "von", "der", "den", "ter", "ten",
    "le", "la", "al", "el", "bin", "ibn", "ben", "mac", "st",
})

_HYPHEN_PREFIXES = frozenset({"anti", "pro", "non", "ex", "post", "pre", "mid", "neo", "pan", "all"})

_APOSTROPHES = "'’"
_WORD_JOINERS = "-'’"

_MAX_EXTENSION = 40  # chars a cut word may be extended by; bounds the scan on hostile input

_WORD = re.compile(r"\S+")


@dataclass(slots=True)
class _Piece:
    """A repaired model mention (or a found repetition) before grouping."""

    start: int
    end: int
    label: str
    strong_person: bool = False  # a personal title or a contributor says: this is a person
    cues: Counter[str] = field(default_factory=Counter)  # what the name's words and neighbours say it is


def _repair(text: str, start: int, end: int, label: str) -> _Piece | None:
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, start, end)]
    words = _fix_cut_edges(text, words)
    words = _cut_at_inner_possessive(text, words)
    words = _strip_possessive_and_punctuation(text, words)
    if len(words) > 1 and _is_droppable_article(text, words[0]):
        words = _strip_possessive_and_punctuation(text, words[1:])  # "the 'New Zealand Native Team"
    while len(words) > 1 and _is_score(text[words[-1][0]:words[-1][1]]):
        words = words[:-1]
    if label in _PROPER_NAME_LABELS:
        words = _trim_edges(text, words, label)
    words, strong = _strip_titles(text, words, label)
    words = _strip_descriptor(text, words)
    if not words:
        return None
    start, end = words[0][0], words[-1][1]
    if end - start < 2 or not any(char.isalpha() for char in text[start:end]):
        return None
    if label == "PERSON" and (not text[start].isalpha() or _is_lowercase_word(text[start:end])):
        return None  # "193bn", "iris scan": a person's name starts with a letter and has a capital
    if " ".join(text[start:end].split()).casefold() in _FESTIVALS or text[start:end] in _MEMBER_TITLES \
            or text[start:end].casefold() in _OFFICES \
            or text[start:end].casefold() in _OFFICES_AFTER_THE and _word_before(text, start) in ("the", "The"):
        return None
    strong = strong or _word_before(text, start) in _STRONG_TITLES
    cues = cue_votes(text, start, end)
    if not strong and _preceded_by_role(text, start):
        cues["PERSON"] += CUE_WEIGHT
    if label in ("GPE", "ORG", "LOC", "PERSON") and text[start:end].casefold() in _DEMONYMS:
        label = "NORP"
        cues.clear()
    if strong:
        label = "PERSON"
    return _Piece(start, end, label, strong, cues)


def _cut_at_inner_possessive(text: str, words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """"Bob Dylan's old sofa", "All Blacks' 1935": the name ends at the possessive.

    A possessive followed by a capitalised word stays ("People's Republic", "St John's Wood").
    """
    for index in range(len(words) - 1):
        word = text[words[index][0]:words[index][1]]
        if _is_possessive(word):
            following = text[words[index + 1][0]]
            if not following.isupper():
                return words[:index + 1]
    return words


def _is_possessive(word: str) -> bool:
    if len(word) > 2 and word[-2] in _APOSTROPHES and word[-1] in "sS":
        return True
    return len(word) > 1 and word[-1] in _APOSTROPHES and word[-2] in "sS"


def _is_droppable_article(text: str, word: tuple[int, int]) -> bool:
    """"the Pentagon" -> "Pentagon"; a capitalised "The" belongs to the name ("The Hague", "in The
    Aviator") unless it only starts the sentence."""
    article = text[word[0]:word[1]]
    if article == "the":
        return True
    return article in ("The", "THE") and _starts_sentence(text, word[0])


def _starts_sentence(text: str, start: int) -> bool:
    index = start
    limit = max(0, start - 6)
    while index > limit and text[index - 1] in " \t'\"‘“(":
        index -= 1
    if index == 0 or text[index - 1] in ".!?:;\n":
        return True
    dateline = dateline_of_paragraph(text, start)  # after a dateline's dash ("OSLO, June 19 (Newswire) - The ...")
    return dateline is not None and dateline.end == start


def _fix_cut_edges(text: str, words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop or complete edge words that the tokeniser cut mid-word.

    "Putin de-" (from "Putin de-escalated") loses "de-"; "Wright" (from "Wright-Phillips") becomes
    "Wright-Phillips": a cut word is kept, whole, only when it looks like a name.
    """
    if not words:
        return words
    last_start, last_end = words[-1]
    if _cut_after(text, last_end):
        full_end = _word_end(text, last_end)
        if text[last_start].isupper() and _hyphen_parts_are_names(text[last_start:full_end]):
            words[-1] = (last_start, full_end)
        else:
            words.pop()
    if not words:
        return words
    first_start, first_end = words[0]
    if _cut_before(text, first_start):
        full_start = _word_start(text, first_start)
        if _hyphen_parts_are_names(text[full_start:first_end]):
            words[0] = (full_start, first_end)
        elif text[first_start - 1].isalnum():
            words.pop(0)
    return words


def _cut_after(text: str, end: int) -> bool:
    if end >= len(text) or (not text[end].isalnum() and text[end] != "-"):
        return False
    if text[end] == "-":  # "Wright" + "-Phillips": cut only if a capitalised part follows
        return end + 1 < len(text) and text[end + 1].isupper()
    return text[end - 1].isalnum() or text[end - 1] == "-"


def _cut_before(text: str, start: int) -> bool:
    if start == 0:
        return False
    before = text[start - 1]
    if before.isalnum():
        return True
    return before == "-" and start >= 2 and text[start - 2].isalpha()


def _word_end(text: str, end: int) -> int:
    """End of the word that continues at `end` ("de-" -> "de-escalated"), at most 40 chars on."""
    limit = min(len(text), end + _MAX_EXTENSION)
    while end < limit and _continues_word(text, end, end + 1):
        end += 1
    return end


def _word_start(text: str, start: int) -> int:
    limit = max(0, start - _MAX_EXTENSION)
    while start > limit and _continues_word(text, start - 1, start - 2):
        start -= 1
    return start


def _continues_word(text: str, index: int, beyond: int) -> bool:
    """Whether `text[index]` is part of a word: alphanumeric, or an inner hyphen or apostrophe."""
    if text[index].isalnum():
        return True
    return text[index] in _WORD_JOINERS and 0 <= beyond < len(text) and text[beyond].isalnum()


def _hyphen_parts_are_names(word: str) -> bool:
    parts = [part for part in word.split("-") if part]
    if not parts or parts[0].casefold() in _HYPHEN_PREFIXES:
        return False
    return all(part[0].isupper() for part in parts)


def _strip_possessive_and_punctuation(text: str, words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Remove a possessive "'s" (own token or attached) and stray punctuation at the edges."""
    while words:
        start, end = words[-1]
        word = text[start:end]
        if word in ("'s", "’s", "'", "’", "-", "–", "—", ".", "'S"):
            words.pop()
            continue
        if len(word) > 2 and word[-2] in _APOSTROPHES and word[-1] in "sS":
            end -= 2
        elif len(word) > 1 and word[-1] in _APOSTROPHES and word[-2] in "sS":
            end -= 1  # "Paul Scholes'" is a possessive
        while end > start and not text[end - 1].isalnum() and not _keeps_final_dot(text[start:end]):
            end -= 1
        while start < end and not text[start].isalnum():
            start += 1
        if start == end:
            words.pop()
            continue
        words[-1] = (start, end)
        break
    if words:
        start, end = words[0]
        while start < end and not text[start].isalnum():
            start += 1
        if start == end:
            return _strip_possessive_and_punctuation(text, words[1:])
        words[0] = (start, end)
    return words


def _keeps_final_dot(word: str) -> bool:
    """"Inc.", "Jr.", "U.S." end in a dot that belongs to the name."""
    if not word.endswith("."):
        return False
    core = word[:-1]
    return "." in core or (0 < len(core) <= 3 and core[0].isupper())


def _trim_edges(text: str, words: list[tuple[int, int]], label: str) -> list[tuple[int, int]]:
    """Trim lowercase words ("United seemed home") and numbers ("All Blacks 23-11") at the edges."""
    if all(_is_lowercase_word(text[s:e]) for s, e in words):
        return words  # "communist" (NORP): nothing to trim back to
    while words and _is_trailing_noise(text[words[-1][0]:words[-1][1]], label):
        words = words[:-1]
    while words and _is_lowercase_word(text[words[0][0]:words[0][1]]):
        if label == "PERSON" and text[words[0][0]:words[0][1]] in _PERSON_PARTICLES:
            break
        words = words[1:]
    return words


def _is_trailing_noise(word: str, label: str) -> bool:
    if _is_lowercase_word(word):
        return True
    if any(char.isalpha() for char in word):
        return False
    # "Channel 4" and "Band Aid 20" are names; a number never ends a person's or a place's name.
    return label in ("PERSON", "GPE", "LOC", "NORP")


def _is_score(word: str) -> bool:
    """"23-11", "2-3-2": a result or formation, never the end of a name."""
    return "-" in word and all(char.isdigit() or char == "-" for char in word)


def _is_lowercase_word(word: str) -> bool:
    return not any(char.isupper() or char.isdigit() for char in word)


def _strip_titles(text: str, words: list[tuple[int, int]], label: str) -> tuple[list[tuple[int, int]], bool]:
    """Leading titles are not part of a name; returns the rest and whether a title proved a person."""
    strong = False
    index = 0
    while index < len(words) - 1:
        word = text[words[index][0]:words[index][1]].rstrip(".")
        if word in _STRONG_TITLES:
            strong = True
        elif not (label == "PERSON" and (word in _WEAK_TITLES or (word[0].isupper() and word.lower() in _ROLE_WORDS)
                                         or word.casefold() in _PERSON_DEMONYMS)):
            break
        index += 1
    return words[index:], strong


def _strip_descriptor(text: str, words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """"Chipmaker Aurelia", "Treasurer Peter Costello" at the start of a sentence: the capital is the
    sentence's, the word a description of the name that follows."""
    if len(words) < 2 or not _starts_sentence(text, words[0][0]):
        return words
    first = text[words[0][0]:words[0][1]]
    following = text[words[1][0]:words[1][1]]
    if first[:1].isupper() and first[1:].islower() and first.casefold() in DESCRIPTORS and following[:1].isupper():
        return words[1:]
    return words


def _word_before(text: str, start: int) -> str:
    end = start
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    begin = end
    while begin > 0 and begin > end - 20 and (text[begin - 1].isalpha() or text[begin - 1] == "."):
        begin -= 1
    return text[begin:end].rstrip(".")


def _preceded_by_role(text: str, start: int) -> bool:
    return _word_before(text, start) in _PRECEDING_PERSON_WORDS
