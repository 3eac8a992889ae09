"""Calendar arithmetic: which year, month or day a bare weekday, month or day of a month is."""

from __future__ import annotations

from datetime import date, timedelta

from .vocabulary import Mode


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
