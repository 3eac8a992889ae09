"""Case restored for the model, where copy shouts: ALL-CAPS headlines and datelines of wire copy.

The model reads capitals as names, so `KESTREL PROFIT FALLS 12 PCT ON WEAK EUROPEAN DEMAND` gives it nine
names and `FRANKFURT, March 3 (Newswire) -` a shouted one. `restore_case` rewrites such words as the article
writes them elsewhere ("Kestrel", "European", "pct"); a word it never writes otherwise is lower-cased, kept
capitalised when it is a dateline's place (but for an acronym of three letters) or a headline's first
word. Only letters change case: the result has the same length as the text, so every offset the model's
annotations give still points into the article's text, which is what the enriched record carries.
"""

from __future__ import annotations

import re
from collections import Counter

from .datelines import dateline_at, is_paragraph_start

_LINE = re.compile(r"[^\n]+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’.&-]*")
_SHOUTING_SHARE = 0.8
_MIN_SHOUTING_WORDS = 3
_MAX_ACRONYM_LETTERS = 4


def restore_case(text: str) -> tuple[str, int]:
    """`text` with shouted lines and datelines in ordinary case, and how many were rewritten."""
    written = _written_forms(text)
    pieces: list[str] = []
    last = 0
    rewritten = 0
    for line in _LINE.finditer(text):
        start, end = line.span()
        if _is_shouting(line.group()):
            pieces += [text[last:start], _recase_line(line.group(), written)]
            last = end
            rewritten += 1
            continue
        dateline = dateline_at(text, start) if is_paragraph_start(text, start) else None
        if dateline and text[dateline.place[0]:dateline.place[1]].isupper():
            place_start, place_end = dateline.place
            pieces += [text[last:place_start], _recase_place(text[place_start:place_end], written)]
            last = place_end
            rewritten += 1
    pieces.append(text[last:])
    restored = "".join(pieces)
    assert len(restored) == len(text)
    return restored, rewritten


def _is_shouting(line: str) -> bool:
    words = _WORD.findall(line)
    if len(words) < _MIN_SHOUTING_WORDS:
        return False
    letters = [char for char in line if char.isalpha()]
    return sum(char.isupper() for char in letters) >= _SHOUTING_SHARE * len(letters)


def _written_forms(text: str) -> dict[str, str]:
    """How the article writes each word outside shouted lines: its most frequent spelling with a lower-case
    letter, or the capitals of an acronym it writes so in ordinary lines."""
    counts: dict[str, Counter[str]] = {}
    for line in _LINE.finditer(text):
        if _is_shouting(line.group()):
            continue
        for word in _WORD.findall(line.group()):
            counts.setdefault(word.casefold(), Counter())[word] += 1
    forms: dict[str, str] = {}
    for key, spellings in counts.items():
        mixed = [(count, spelling) for spelling, count in spellings.items() if not spelling.isupper()]
        forms[key] = max(mixed)[1] if mixed else max((count, spelling) for spelling, count in spellings.items())[1]
    return forms


def _recase_line(line: str, written: dict[str, str]) -> str:
    out = list(line)
    for position, match in enumerate(_WORD.finditer(line)):
        word = match.group()
        form = written.get(word.casefold()) or word.lower()
        if position == 0:
            form = form[:1].upper() + form[1:]
        out[match.start():match.end()] = form
    return "".join(out)


def _recase_place(place: str, written: dict[str, str]) -> str:
    out = list(place)
    for match in _WORD.finditer(place):
        word = match.group()
        form = written.get(word.casefold())
        if form is None or form.islower() or (form.isupper() and len(form) > _MAX_ACRONYM_LETTERS - 1):
            form = word[:1] + word[1:].lower()  # a dateline's place is in capitals by convention
        out[match.start():match.end()] = form
    return "".join(out)
