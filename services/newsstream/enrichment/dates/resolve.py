"""`resolve`: one date expression to a value and a granularity, by its form or, for the rarer forms,
dateparser."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from .forms import _RESOLVERS
from .vocabulary import Mode, MONTHS, _PREFIX, Resolution, _TIME, TIME_ZONES


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
