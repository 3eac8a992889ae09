"""The dateline of wire copy: `OSLO, June 19 (Newswire) -`, `NEW DELHI, Sept 8 -`, `LONDON (Newswire) -`.

A dateline opens a story's first paragraph with the place it was filed from, often the date and the agency,
then a dash. It is not part of the first sentence's grammar: its place is where the reporter was, not the
subject of the sentence after it, and its agency in brackets is an organisation (`Newswire`, `Reuters`),
whatever the model makes of it. `dateline_at` finds one at a paragraph start, `dateline_of_paragraph` the one of the paragraph around an offset; `truecase` restores its place's
case for the model, `entities.cues` types its agency, `quotes` keeps its place out of the speaker search.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
_DATELINE = re.compile(
    r"[ \t]*(?P<place>[A-Z][A-Za-z .'’-]{1,40}?)"
    rf"(?P<date>,\s*{_MONTH})?"
    r"(?:\s*\((?P<agency>[A-Z][^()\n]{0,40})\))?"
    r"\s+[-–—]{1,2}\s")
_MIN_PLACE_CHARS = 3
_MAX_DATELINE_CHARS = 120
_LEADING_SPACE = re.compile(r"\s*")


@dataclass(frozen=True, slots=True)
class Dateline:
    place: tuple[int, int]  # character span of the place
    agency: tuple[int, int] | None  # character span of the agency in brackets, if any
    end: int  # just after the dash: where the story's first sentence starts


def dateline_at(text: str, start: int) -> Dateline | None:
    """The dateline that opens the paragraph starting at `start`, or None.

    The place is in capitals (`OSLO -`), or a date or an agency follows it (`Oslo, June 19 -`, as the model reads
    a restored dateline), so an ordinary sentence with a dash (`Meanwhile - ...`) is not one.
    """
    match = _DATELINE.match(text, start, min(len(text), start + _MAX_DATELINE_CHARS))
    if match is None or "\n" in match.group():
        return None
    place = match.group("place").strip()
    if len(place) < _MIN_PLACE_CHARS:
        return None
    if not (place.isupper() or match.group("date") or match.group("agency")):
        return None
    place_start = match.start("place")
    agency = match.span("agency") if match.group("agency") else None
    return Dateline((place_start, place_start + len(place)), agency, match.end())


def dateline_of_paragraph(text: str, offset: int) -> Dateline | None:
    """The dateline that opens the paragraph holding `offset`, when `offset` is near enough its start to be in it."""
    paragraph = text.rfind("\n\n", 0, offset)
    paragraph = 0 if paragraph < 0 else paragraph + 2
    return dateline_at(text, paragraph) if offset - paragraph < _MAX_DATELINE_CHARS else None


def is_paragraph_start(text: str, start: int) -> bool:
    return start == 0 or text[max(0, start - 2):start] == "\n\n" or _LEADING_SPACE.match(text).end() == start
