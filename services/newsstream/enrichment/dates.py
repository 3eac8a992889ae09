"""Dates in news text, resolved to ISO 8601 against the article's publication time.

`extract_dates(doc, published_at)` reads the spaCy DATE and TIME entities (the small model finds
nearly every date; in the BBC corpus it misses only years inside names such as "Euro 2004"), and
resolves each one to a value and a granularity:

| granularity | value | examples |
| --- | --- | --- |
| `year` | `2014` | "2014", "last year", "early 2005", "the end of 2005", "two years ago" |
| `month` | `2021-12` | "December", "December 2021", "last month", "late January", "4-6 March", "Christmas" |
| `week` | `2022-01-24` (the Monday of the ISO week) | "last week", "this weekend", "earlier this week" |
| `day` | `2022-02-02` | "Wednesday", "yesterday", "5 January 2005", "Sunday night", "Christmas Day" |
| `time` | `2022-01-31T10:30:00` (`Z` / `+01:00` when GMT / BST is written) | "10:30 on Monday", "3pm yesterday" |

Decisions (documented because the issue asks for them):

- Relative expressions are resolved against the publication date as written in `published_at` (its
  local date, not converted to UTC): the writer's "Wednesday" is a day in their own time zone.
- Tense decides which of the candidates a bare weekday, month, day of a month ("3 January") or
  holiday is. The nearest finite verb of its clause says: a future ("will", "'ll", "shall", "is
  due/set/going/scheduled to") picks the first one on or after publication; a past tense the latest
  one on or before it; no clear tense (present, none) the closest one either way, except for a
  weekday, which is then the latest one: a weekday in a news story has happened ("Wednesday" in a
  story published on a Wednesday is that day). "last X" is strictly before publication, "next X"
  strictly after, "this X" within the current week (weekdays) or year (months, holidays). "last
  week" is the ISO week before the one of publication; a weekend belongs to the ISO week of its
  Saturday. A weekday written with its date ("Saturday, 5 February") picks the year in which that
  date is that weekday. "midnight" with a day gives the day (start or end of it, the text rarely
  says). Times carry a zone only when one is written (GMT/UTC -> Z, BST/CET -> +01:00).
- A modifier narrows a period without making it more precise, so the value is the containing
  period: "the end of 2005", "mid-2005", "the third quarter of 2004" are the year 2005/2004,
  "late January" is the month. A range inside one month ("6 to 9 January") is that month.
- Vague or anaphoric spans are DROPPED, never given a made-up precise value: durations ("three weeks",
  "the past five years", "recent weeks"), decades ("the 1990s"), seasons ("last summer", "this
  season"), frequencies ("annual"), ages ("32-year-old"), "the year", "two years later", "next
  weekend" (it can mean two different weekends), "3pm" with no day, and model mistakes ("Green Day").
  The granularities are therefore exactly year, month, week, day and time.
- Without `published_at` (or with one that is not RFC 3339), absolute dates ("2014", "December
  2021", "5 January 2005") are still resolved, relative ones ("last week", "Wednesday", "5 January")
  are kept with `value` None and their granularity: nothing depends on the wall clock.
- Candidates are the model's DATE and TIME entities (neighbours it cut apart, "10:30" "on" "Monday",
  are joined; a list it joined, "Monday, Tuesday and Friday", is split when it does not resolve as a
  whole), plus fixed-date holidays it labelled as something else ("on Boxing Day" as a LAW).
- The common forms are read with regular expressions (nearly all of the BBC corpus); the rest with a
  month name in it go to dateparser (1.5), whose answer is accepted only at the granularity the text
  supports and only when it kept the numbers written. Resolutions are cached per (text, publication
  day, tense), so the cost per article is a dictionary look-up for most mentions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal

from spacy.tokens import Doc, Token

from newsstream.enrichment.records import DateMention

Granularity = Literal["year", "month", "week", "day", "time"]
# How a bare month/weekday/day is anchored: the latest one on or before publication ("past"), the
# first on or after ("future"), the closest either way ("nearest"), or by "last/next/this X".
Mode = Literal["past", "future", "nearest", "last", "next", "this"]


@dataclass(frozen=True, slots=True)
class Resolution:
    value: str | None
    granularity: Granularity


# --- vocabulary -----------------------------------------------------------------------------------

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


# --- calendar arithmetic --------------------------------------------------------------------------


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _weekday_in(today: date, weekday: int, mode: Mode) -> date:
    current = today.weekday()
    if mode in ("past", "nearest"):  # a weekday in news is a day that has happened
        return today - timedelta(days=(current - weekday) % 7)
    if mode == "future":
        return today + timedelta(days=(weekday - current) % 7)
    if mode == "last":
        return today - timedelta(days=(current - weekday - 1) % 7 + 1)
    if mode == "next":
        return today + timedelta(days=(weekday - current - 1) % 7 + 1)
    return _monday(today) + timedelta(days=weekday)


def _year_of(today: date, month: int, day: int, mode: Mode) -> int:
    """The year of the (month, day) the mode points at, relative to `today`."""
    this_year, here = today.year, (today.month, today.day)
    if mode == "nearest":
        past, future = _year_of(today, month, day, "past"), _year_of(today, month, day, "future")
        past_gap = (today - date(past, month, min(day, 28))).days
        future_gap = (date(future, month, min(day, 28)) - today).days
        return future if future_gap < past_gap else past
    if mode == "past":
        return this_year if (month, day) <= here else this_year - 1
    if mode == "future":
        return this_year if (month, day) >= here else this_year + 1
    if mode == "last":
        return this_year if (month, day) < here else this_year - 1
    if mode == "next":
        return this_year if (month, day) > here else this_year + 1
    return this_year


def _month_year(today: date, month: int, mode: Mode) -> int:
    """The year of the month the mode points at; a month compares as a whole ("December" in a
    December story is that December)."""
    if mode == "this":
        return today.year
    if mode == "nearest":
        past, future = _month_year(today, month, "past"), _month_year(today, month, "future")
        past_gap = (today.year - past) * 12 + today.month - month
        future_gap = (future - today.year) * 12 + month - today.month
        return future if future_gap < past_gap else past
    before = {"past": month <= today.month, "last": month < today.month,
              "future": month < today.month, "next": month <= today.month}[mode]
    if mode in ("past", "last"):
        return today.year if before else today.year - 1
    return today.year + 1 if before else today.year


def _valid_day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day_mode_year(today: date, month: int, day: int, mode: Mode) -> date | None:
    year = _year_of(today, month, day, mode)
    found = _valid_day(year, month, day)
    if found is None and (month, day) == (2, 29):  # the nearest leap year in the mode's direction
        step = 1 if mode in ("future", "next") or year > today.year else -1
        for offset in range(1, 8):
            found = _valid_day(year + step * offset, 2, 29)
            if found:
                break
    return found


# --- resolvers: one regular expression per form ---------------------------------------------------

Resolver = Callable[[re.Match[str], date | None, Mode], Resolution | None]


def _mode(match: re.Match[str], default: Mode) -> Mode:
    rel = match.groupdict().get("rel")
    return rel if rel in ("last", "this", "next") else default  # type: ignore[return-value]


def _year(match: re.Match[str], today: date | None, mode: Mode) -> Resolution:
    return Resolution(match["year"], "year")


def _month_and_year(match: re.Match[str], today: date | None, mode: Mode) -> Resolution:
    return Resolution(f"{match['year']}-{MONTHS[match['month']]:02d}", "month")


def _numeric_date(match: re.Match[str], today: date | None, mode: Mode) -> Resolution | None:
    found = _valid_day(int(match["year"]), int(match["num_month"]), int(match["day"]))
    return Resolution(found.isoformat(), "day") if found else None


def _day_of_month(match: re.Match[str], today: date | None, mode: Mode) -> Resolution | None:
    month, day = MONTHS[match["month"]], int(match["day"])
    if match["year"]:
        found = _valid_day(int(match["year"]), month, day)
        return Resolution(found.isoformat(), "day") if found else None
    if _valid_day(2000, month, day) is None:  # 2000 is a leap year: only impossible days fail
        return None
    if today is None:
        return Resolution(None, "day")
    weekday = match.groupdict().get("weekday")
    if weekday:  # "Saturday, 5 February": the year whose 5 February is a Saturday, nearest first
        for year in sorted(range(today.year - 6, today.year + 7), key=lambda y: abs(y - today.year)):
            candidate = _valid_day(year, month, day)
            if candidate and candidate.weekday() == WEEKDAYS[weekday]:
                return Resolution(candidate.isoformat(), "day")
    found = _day_mode_year(today, month, day, mode)
    return Resolution(found.isoformat(), "day") if found else None


def _day_range(match: re.Match[str], today: date | None, mode: Mode) -> Resolution | None:
    month = MONTHS[match["month"]]
    if match["year"]:
        return Resolution(f"{match['year']}-{month:02d}", "month")
    if today is None:
        return Resolution(None, "month")
    return Resolution(f"{_year_of(today, month, int(match['day']), mode)}-{month:02d}", "month")


def _month(match: re.Match[str], today: date | None, mode: Mode) -> Resolution:
    if today is None:
        return Resolution(None, "month")
    month = MONTHS[match["month"]]
    return Resolution(f"{_month_year(today, month, _mode(match, mode))}-{month:02d}", "month")


def _month_of_relative_year(match: re.Match[str], today: date | None, mode: Mode) -> Resolution:
    if today is None:
        return Resolution(None, "month")
    year = today.year + {"last": -1, "this": 0, "next": 1}[match["rel"]]
    return Resolution(f"{year}-{MONTHS[match['month']]:02d}", "month")


def _weekday(match: re.Match[str], today: date | None, mode: Mode) -> Resolution:
    if today is None:
        return Resolution(None, "day")
    return Resolution(_weekday_in(today, WEEKDAYS[match["weekday"]], _mode(match, mode)).isoformat(), "day")


def _relative_period(match: re.Match[str], today: date | None, mode: Mode) -> Resolution | None:
    unit, rel = match["unit"], match["rel"]
    if unit == "weekend" and rel == "next":
        return None  # the coming weekend or the one after: ambiguous
    granularity: Granularity = "week" if unit == "weekend" else unit  # type: ignore[assignment]
    if today is None:
        return Resolution(None, granularity)
    delta = {"last": -1, "this": 0, "next": 1}[rel]
    if granularity == "year":
        return Resolution(str(today.year + delta), "year")
    if granularity == "month":
        year, month = _shift_months(today.year, today.month, delta)
        return Resolution(f"{year}-{month:02d}", "month")
    return Resolution((_monday(today) + timedelta(weeks=delta)).isoformat(), "week")


_DAY_WORD_OFFSETS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "this": 0, "last": -1}


def _day_word(match: re.Match[str], today: date | None, mode: Mode) -> Resolution:
    if today is None:
        return Resolution(None, "day")
    return Resolution((today + timedelta(days=_DAY_WORD_OFFSETS[match["word"]])).isoformat(), "day")


def _ago(match: re.Match[str], today: date | None, mode: Mode) -> Resolution | None:
    count_text, unit = match["count"], match["unit"]
    count = int(count_text) if count_text.isdigit() else COUNT_WORDS[count_text]
    granularity: Granularity = unit  # type: ignore[assignment]
    if today is None:
        return Resolution(None, granularity)
    if unit == "day":
        return Resolution((today - timedelta(days=count)).isoformat(), "day")
    if unit == "week":
        return Resolution((_monday(today) - timedelta(weeks=count)).isoformat(), "week")
    if unit == "month":
        year, month = _shift_months(today.year, today.month, -count)
        return Resolution(f"{year}-{month:02d}", "month")
    return Resolution(str(today.year - count), "year")


def _holiday(match: re.Match[str], today: date | None, mode: Mode) -> Resolution | None:
    name = match["holiday"]
    if name == "christmas":
        if today is None:
            return Resolution(None, "month")
        return Resolution(f"{_month_year(today, 12, _mode(match, mode))}-12", "month")
    if today is None:
        return Resolution(None, "day")
    month, day = HOLIDAYS[name]
    found = _day_mode_year(today, month, day, _mode(match, mode))
    return Resolution(found.isoformat(), "day") if found else None


_RESOLVERS: list[tuple[re.Pattern[str], Resolver]] = [
    (re.compile(rf"^{_YEAR}$"), _year),
    (re.compile(rf"^{_MONTH},?\s+(?:of\s+)?{_YEAR}$"), _month_and_year),
    (re.compile(rf"^{_YEAR}-(?P<num_month>\d{{2}})-(?P<day>\d{{2}})$"), _numeric_date),
    (re.compile(rf"^(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?$"), _day_of_month),
    (re.compile(rf"^(?:{_WEEKDAY},?\s+)?{_MONTH}\s+(?:the\s+)?{_DAY}(?:,?\s+{_YEAR})?$"), _day_of_month),
    (re.compile(rf"^(?:between\s+)?{_DAY}\s*(?:-|–|to|and)\s*\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+{_YEAR})?$"),
     _day_range),
    (re.compile(rf"^(?:{_REL}\s+)?{_MONTH}$"), _month),
    (re.compile(rf"^{_MONTH}\s+(?:of\s+)?{_REL}\s+year$"), _month_of_relative_year),
    (re.compile(rf"^(?:{_REL}\s+)?{_WEEKDAY}(?:\s+{PARTS_OF_DAY})?$"), _weekday),
    (re.compile(r"^(?P<rel>last|this|next)\s+(?P<unit>week|weekend|month|year)$"), _relative_period),
    (re.compile(rf"^(?P<word>today|tonight|yesterday|tomorrow)(?:\s+{PARTS_OF_DAY})?$"), _day_word),
    (re.compile(r"^(?P<word>this)\s+(?:morning|afternoon|evening)$"), _day_word),
    (re.compile(r"^(?P<word>last)\s+night$"), _day_word),
    (re.compile(rf"^{_COUNT}\s+(?P<unit>day|week|month|year)s?\s+ago$"), _ago),
    (re.compile(r"^(?:(?P<rel>last|this|next)\s+)?(?P<holiday>christmas|" + "|".join(HOLIDAYS) + r")$"), _holiday),
]
# Spans with one of these words and no form above are durations or vague: never sent to dateparser.
_NOT_A_POINT = re.compile(
    r"\b(?:ago|later|earlier|recent|past|coming|previous|following|every|each|since|until|and|or|to"
    r"|season|decade|century|\d+s|days|weeks|months|years|hours|minutes|year-old|half|quarter)\b"
    r"|\d\s*[/–-]\s*\d"
)
# "the last year", "the next week": a stretch of time up to or from now, or anaphoric; not a point.
_STRETCH = re.compile(
    r"^(?:(?:in|over|during|for|of|within)\s+)?the\s+(?:last|next|past|coming|following|previous|same)\b"
)
_MONTH_WORD = re.compile(r"\b(?:" + "|".join(MONTHS) + r")\b")


def _normalise(text: str) -> str:
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"\s+", " ", text).strip(" ,.")
    return re.sub(r"(?:'s|')$", "", text)


def _resolve_core(core: str, today: date | None, mode: Mode) -> Resolution | None:
    for pattern, resolver in _RESOLVERS:
        match = pattern.match(core)
        if match:
            return resolver(match, today, mode)
    return None


def _resolve_time(text: str, today: date | None, mode: Mode) -> Resolution | None:
    """A clock time with a day: "10:30 on Monday", "3pm yesterday", "Saturday at 9pm"."""
    time_match = _TIME.search(text)
    if not time_match:
        return None
    day_text = (text[: time_match.start()] + " " + text[time_match.end():]).strip(" ,")
    day_text = re.sub(r"^(?:on|at)\s+|\s+(?:on|at)$", "", day_text).strip(" ,")
    day = _resolve_core(day_text, today, mode) if day_text else None
    if day is None or day.granularity != "day":
        return None  # a time without its day is not a point in time we can name
    if time_match["word"] == "midnight":
        return day  # the start or the end of the day named: which one, the text rarely says
    if day.value is None:
        return Resolution(None, "time")
    if time_match["word"]:
        hour, minute = {"noon": 12, "midday": 12}[time_match["word"]], 0
    elif time_match["ampm"]:
        hour, minute = int(time_match["h12"]), int(time_match["m12"] or 0)
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if time_match["ampm"].startswith("p") else 0)
    elif time_match["h24"]:
        hour, minute = int(time_match["h24"]), int(time_match["m24"])
    else:
        hour, minute = int(time_match["hhmm"]), int(time_match["mm"])
    if hour > 23 or minute > 59:
        return None
    zone = TIME_ZONES.get(time_match["tz"] or "", "")
    return Resolution(f"{day.value}T{hour:02d}:{minute:02d}:00{zone}", "time")


@lru_cache(maxsize=8192)
def resolve(text: str, today: date | None, mode: Mode = "past") -> Resolution | None:
    """Resolve one date expression (already normalised) against the publication day `today`.

    `mode` is the tense of its clause ("past", "future" or "nearest"), which anchors a bare weekday,
    month, day of a month or holiday. Returns None for anything that is not a point or period at one
    of the five granularities.
    """
    if _STRETCH.match(text):
        return None
    prefix = _PREFIX.match(text)
    core = text[prefix.end():] if prefix else text
    resolution = _resolve_core(core, today, mode)
    if resolution is None and core != text:
        resolution = _resolve_core(text, today, mode)  # "the last week" is not "the last" + "week"
    if resolution is None and _TIME.search(text):
        resolution = _resolve_time(text, today, mode)
    if resolution is None and _MONTH_WORD.search(text) and not _NOT_A_POINT.search(text):
        resolution = _resolve_with_dateparser(text, today, mode)
    return resolution


# --- dateparser, for the rarer forms --------------------------------------------------------------

# Two fixed, unrelated bases: an expression that resolves the same against both is absolute.
_PROBE_BASES = (datetime(2001, 6, 15, 12, 0), datetime(2013, 11, 20, 12, 0))


@lru_cache(maxsize=64)
def _date_parser(base: datetime, mode: Mode):  # type: ignore[no-untyped-def]
    from dateparser.date import DateDataParser  # imported on first use: it loads language data

    prefer = "future" if mode in ("future", "next") else "past"
    return DateDataParser(
        languages=["en"],
        settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": prefer, "RETURN_TIME_AS_PERIOD": True,
                  "DATE_ORDER": "DMY"},
    )


def _dateparser_value(text: str, base: datetime, mode: Mode) -> Resolution | None:
    try:
        data = _date_parser(base, mode).get_date_data(text)
    except Exception:  # dateparser raises on some odd inputs; they are simply not dates
        return None
    if data.date_obj is None:
        return None
    found = data.date_obj
    numbers = {int(n) for n in re.findall(r"\d+", text)}
    if any(n > 31 for n in numbers) and found.year not in numbers:
        return None  # dateparser read a year that is not the one written
    has_day_number = found.day in numbers
    if data.period == "day" and has_day_number:
        return Resolution(found.date().isoformat(), "day")
    if data.period == "month" or (data.period == "day" and not has_day_number):
        return Resolution(f"{found.year}-{found.month:02d}", "month")
    if data.period == "year" and re.search(r"\b\d{4}\b", text):
        return Resolution(str(found.year), "year")
    return None


def _resolve_with_dateparser(text: str, today: date | None, mode: Mode) -> Resolution | None:
    if today is not None:
        return _dateparser_value(text, datetime(today.year, today.month, today.day, 12, 0), mode)
    first, second = (_dateparser_value(text, base, mode) for base in _PROBE_BASES)
    if first is None or second is None:
        return None
    return first if first == second else Resolution(None, first.granularity)


# --- the document pass ----------------------------------------------------------------------------

_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$")
# Neighbouring DATE/TIME entities the model cut apart: "10:30" + "on" + "Monday", "Saturday" + ","
# + "5 February".
_JOINABLE_GAP = re.compile(r"^ *(?:,|on|at|, *at)? *$")
_ZONE_AFTER = re.compile(r"\s+(?:GMT|BST|UTC|CET)\b")
_HOLIDAY_IN_TEXT = re.compile(
    r"\b(?:Christmas (?:Day|Eve)|Boxing Day|New Year['’]s (?:Day|Eve)|Halloween|(?:St )?Valentine['’]s Day)\b"
)
_POSSESSIVE_END = re.compile(r"(?:['’]s|['’])$")
# What separates the items of a list of dates.
_LIST_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and|or)\b|,|\band\b|\bor\b)\s*")


def publication_day(published_at: str | None) -> date | None:
    """The local calendar day of an RFC 3339 timestamp; None when absent or not RFC 3339."""
    if not published_at or not _RFC3339.match(published_at.strip()):
        return None
    try:
        return datetime.fromisoformat(published_at.strip().replace("z", "Z")).date()
    except ValueError:
        return None


def _tense(doc: Doc, start: int, end: int) -> Mode:
    """"past", "future" or "nearest" (no clear tense) for the clause around tokens [start, end).

    Reads the nearest finite verb before the date in its sentence (after it, for a date that opens
    the sentence): "will"/"'ll"/"shall", or "is due/set/going to", mean the future; a past-tense
    verb the past; a present tense or no verb says nothing.
    """
    intent = False
    for index in range(start - 1, max(-1, start - 26), -1):
        token = doc[index]
        verdict = _verb_tense(token, intent)
        if verdict:
            return verdict
        if token.lower_ in INTENT_WORDS and index + 1 < len(doc) and doc[index + 1].lower_ == "to":
            intent = True
        if token.is_sent_start:
            break
    for token in doc[end: min(len(doc), end + 25)]:
        if token.is_sent_start:
            break
        verdict = _verb_tense(token, False)
        if verdict:
            return verdict
    return "nearest"


def _verb_tense(token: Token, intent: bool) -> Mode | None:
    if token.tag_ == "MD":
        return "future" if token.lower_ in FUTURE_MODALS else "nearest"
    if token.tag_ == "VBD":
        return "past"
    if token.tag_ in ("VBZ", "VBP"):
        return "future" if intent else "nearest"
    return None


@dataclass(slots=True)
class _Piece:
    """A DATE/TIME entity, or several the model cut apart, as a token and a character range."""

    start: int
    end: int
    start_char: int
    end_char: int
    has_time: bool


def _pieces(doc: Doc, text: str) -> list[_Piece]:
    """DATE/TIME entities, neighbours that belong together joined ("10:30" "on" "Monday")."""
    pieces: list[_Piece] = []
    for entity in doc.ents:
        if entity.label_ not in ("DATE", "TIME"):
            continue
        piece = _Piece(entity.start, entity.end, entity.start_char, entity.end_char, entity.label_ == "TIME")
        zone = _ZONE_AFTER.match(text, piece.end_char)
        if zone and entity.end < len(doc):  # "1945 GMT": a time the model took for a year
            piece.end_char, piece.end, piece.has_time = zone.end(), entity.end + 1, True
        if pieces:
            previous = pieces[-1]
            gap = text[previous.end_char: piece.start_char]
            with_a_time = (previous.has_time or piece.has_time) and _JOINABLE_GAP.match(gap) is not None
            two_dates = not (previous.has_time or piece.has_time) and gap.strip() == ","
            if len(gap) <= 6 and (with_a_time or two_dates):
                previous.end, previous.end_char = piece.end, piece.end_char
                previous.has_time = previous.has_time or piece.has_time
                continue
        pieces.append(piece)
    return _add_missed_holidays(doc, text, pieces)


def _add_missed_holidays(doc: Doc, text: str, pieces: list[_Piece]) -> list[_Piece]:
    """Holidays the model labelled as something else ("the Ospreys on Boxing Day" as a LAW)."""
    covered = [(piece.start_char, piece.end_char) for piece in pieces]
    for match in _HOLIDAY_IN_TEXT.finditer(text):
        if any(start < match.end() and match.start() < end for start, end in covered):
            continue
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None:
            pieces.append(_Piece(span.start, span.end, match.start(), match.end(), False))
    return pieces


def _mention(doc_text: str, start: int, end: int, mode: Mode, today: date | None) -> DateMention | None:
    stripped = _POSSESSIVE_END.sub("", doc_text[start:end].rstrip(" ,"))
    end = start + len(stripped)
    normalised = _normalise(stripped)
    if not normalised or not any(ch.isalnum() for ch in normalised):
        return None
    resolution = resolve(normalised, today, mode)
    if resolution is None:
        return None
    return DateMention(text=stripped, start=start, end=end, value=resolution.value,
                       granularity=resolution.granularity)


def _piece_mentions(doc: Doc, doc_text: str, piece: _Piece, today: date | None) -> list[DateMention]:
    mode = _tense(doc, piece.start, piece.end)
    whole = _mention(doc_text, piece.start_char, piece.end_char, mode, today)
    if whole is not None:
        return [whole]
    # "Monday and Tuesday", "Saturday, 5 February" the model joined: each part on its own.
    text = doc_text[piece.start_char: piece.end_char]
    bounds = [0] + [i for m in _LIST_SEPARATOR.finditer(text) for i in m.span()] + [len(text)]
    parts = [(a, b) for a, b in zip(bounds[::2], bounds[1::2], strict=True) if b > a]
    if len(parts) < 2:
        return []
    found = (_mention(doc_text, piece.start_char + a, piece.start_char + b, mode, today) for a, b in parts)
    return [mention for mention in found if mention is not None]


def extract_dates(doc: Doc, published_at: str | None) -> list[DateMention]:
    """Every date or time the article names, with its ISO 8601 value, sorted by start offset."""
    today = publication_day(published_at)
    text = doc.text  # built from the tokens on every access: read it once
    mentions = [mention for piece in _pieces(doc, text) for mention in _piece_mentions(doc, text, piece, today)]
    mentions.sort(key=lambda m: m.start)
    return mentions
