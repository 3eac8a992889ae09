"""The common forms of a date, one regular expression each, and how each resolves."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from .calendar import _day_mode_year, _monday, _month_year, _shift_months, _valid_day, _weekday_in, _year_of
from .vocabulary import (
    _COUNT, COUNT_WORDS, _DAY, Granularity, HOLIDAYS, Mode, _MONTH, MONTHS, PARTS_OF_DAY, _REL, Resolution, _WEEKDAY,
    WEEKDAYS, _YEAR,
)


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
