"""The words and forms of dates: months, weekdays, holidays, counts, the pieces of the patterns, and the
resolution they give."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal


Granularity = Literal["year", "month", "week", "day", "time"]
# How a bare month/weekday/day is anchored: the latest one on or before publication ("past"), the
# first on or after ("future"), the closest either way ("nearest"), or by "last/next/this X".
Mode = Literal["past", "future", "nearest", "last", "next", "this"]


@dataclass(frozen=True, slots=True)
class Resolution:
    value: str | None
    granularity: Granularity


MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3,
    "fri": 4, "sat": 5, "sun": 6,
}
# Fixed-date holidays: (month, day). Bare "Christmas" is a season, resolved to its month only.
HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas day": (12, 25), "christmas eve": (12, 24), "boxing day": (12, 26),
    "new year's day": (1, 1), "new year's eve": (12, 31), "halloween": (10, 31),
    "valentine's day": (2, 14), "st valentine's day": (2, 14), "bonfire night": (11, 5),
    "guy fawkes night": (11, 5), "independence day": (7, 4),
}
COUNT_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
}
FUTURE_MODALS = frozenset({"will", "'ll", "shall", "wo"})
INTENT_WORDS = frozenset({"due", "set", "going", "scheduled", "planned", "expected"})
PARTS_OF_DAY = r"(?:morning|afternoon|evening|night|lunchtime|overnight)"
TIME_ZONES: dict[str, str] = {"gmt": "Z", "utc": "Z", "bst": "+01:00", "cet": "+01:00"}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[0-9]{3}|20[0-9]{2}|21[0-9]{2})"
_REL = r"(?P<rel>last|this|next)"
_COUNT = r"(?P<count>\d{1,3}|" + "|".join(COUNT_WORDS) + r")"

# A leading preposition, "the" and a narrowing modifier ("the end of", "early", "mid-") are read
# past: the value is the period they narrow.
_PREFIX = re.compile(
    r"^(?:(?:in|on|at|during|since|by|until|till|from|of|before|after|around|as of)\s+)?"
    r"(?:the\s+)?"
    r"(?:(?:very\s+)?(?:early|late|mid|middle|end|start|beginning|close|turn|earlier|later"
    r"|(?:first|second|third|fourth|final|last|opening|closing)\s+(?:half|quarter|week|weekend|days)"
    r"|spring|summer|autumn|fall|winter)(?:\s+of\s+|\s*-\s*|\s+)(?:the\s+)?)?"
)
_TIME = re.compile(
    r"(?<![\w:.])(?:(?P<h12>\d{1,2})(?:[:.](?P<m12>\d{2}))?\s*(?P<ampm>am|pm|a\.m\.|p\.m\.)"
    r"|(?P<h24>\d{1,2}):(?P<m24>\d{2})|(?P<hhmm>[01]\d|2[0-3])(?P<mm>[0-5]\d)(?=\s*(?:gmt|bst|utc|cet))"
    r"|(?P<word>noon|midday|midnight))"
    r"(?:\s*(?P<tz>gmt|bst|utc|cet))?\b"
)
