"""Dates in French text, resolved against the article's publication day: "mardi", "le 3 mars", "3 mars 2024",
"mars 2024", "l'an dernier", "l'année prochaine", "la semaine dernière", "hier", "demain", "d'ici à 2030",
"en 2023". Same calendar rules as English (dates/calendar.py): a weekday in news is one that has happened
unless a future verb ("aura lieu", "va") or "prochain" says otherwise.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..dates.calendar import _day_mode_year, _monday, _weekday_in
from ..dates.extract import publication_day
from ..records import DateMention

_WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}
_MONTHS = {"janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "août": 8,
           "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12}
_W = "|".join(_WEEKDAYS)
_M = "|".join(_MONTHS)
_DATE = re.compile(
    rf"\b(?P<day_month>(?:(?:{_W})\s+)?(?:le\s+)?(?P<d>1er|\d{{1,2}})\s+(?P<m>{_M})(?:\s+(?P<y>\d{{4}}))?)\b"
    rf"|\b(?P<month_year>(?P<m2>{_M})\s+(?P<y2>\d{{4}}))\b"
    rf"|\b(?P<weekday>(?P<w>{_W})(?:\s+(?P<wq>prochain|dernier))?)\b"
    rf"|(?P<relative_year>\bl['’](?:an|année)\s+(?P<ry>dernier|dernière|prochain|prochaine|passé|passée))"
    rf"|(?P<relative_week>\bla\s+semaine\s+(?P<rw>dernière|prochaine|passée))"
    rf"|(?P<relative_month>\ble\s+mois\s+(?P<rm>dernier|prochain|passé))"
    rf"|\b(?P<day_word>hier|aujourd['’]hui|demain|avant-hier|après-demain)\b"
    rf"|(?P<by_year>\bd['’]ici\s+(?:à\s+|a\s+)?(?P<by>\d{{4}}))"
    rf"|(?P<in_year>\b(?:en|depuis|dès)\s+(?P<iy>(?:19|20)\d{{2}}))\b",
    re.IGNORECASE)
_FUTURE = re.compile(r"\b(?:aura|auront|sera|seront|va|vont|devra|devrait|prévu|prévue|doit|doivent)\b", re.IGNORECASE)


def extract_french_dates(text: str, published_at: str | None) -> list[DateMention]:
    today = publication_day(published_at)
    mentions = []
    for match in _DATE.finditer(text):
        value, granularity = _resolve(match, today, text)
        start, end = match.span()
        if match.group("by_year") or match.group("in_year"):
            start = match.start("by") if match.group("by") else match.start("iy")
        mentions.append(DateMention(text=text[start:end], start=start, end=end, value=value,
                                    granularity=granularity))
    return mentions


def _resolve(match: re.Match[str], today: date | None, text: str) -> tuple[str | None, str]:
    if match.group("day_month"):
        month, day = _MONTHS[match.group("m").casefold()], 1 if match.group("d") == "1er" else int(match.group("d"))
        if match.group("y"):
            return _iso(date(int(match.group("y")), month, day) if 1 <= day <= 31 else None), "day"
        resolved = _day_mode_year(today, month, day, _mode(text, match)) if today else None
        return _iso(resolved), "day"
    if match.group("month_year"):
        return f"{int(match.group('y2')):04d}-{_MONTHS[match.group('m2').casefold()]:02d}", "month"
    if match.group("by_year") or match.group("in_year"):
        return match.group("by") or match.group("iy"), "year"
    if today is None:
        granularity = "week" if match.group("relative_week") else "month" if match.group("relative_month") else \
            "year" if match.group("relative_year") else "day"
        return None, granularity
    if match.group("weekday"):
        qualifier = (match.group("wq") or "").casefold()
        mode = "next" if qualifier == "prochain" else "last" if qualifier == "dernier" else _mode(text, match)
        return _iso(_weekday_in(today, _WEEKDAYS[match.group("w").casefold()], mode)), "day"
    if match.group("relative_year"):
        step = -1 if match.group("ry").casefold().startswith(("dernier", "dernière", "pass")) else 1
        return str(today.year + step), "year"
    if match.group("relative_week"):
        step = -7 if match.group("rw").casefold() in ("dernière", "passée") else 7
        return _iso(_monday(today + timedelta(days=step))), "week"
    if match.group("relative_month"):
        step = -1 if match.group("rm").casefold() in ("dernier", "passé") else 1
        year, month = divmod(today.year * 12 + today.month - 1 + step, 12)
        return f"{year:04d}-{month + 1:02d}", "month"
    offsets = {"hier": -1, "aujourd'hui": 0, "aujourd’hui": 0, "demain": 1, "avant-hier": -2, "après-demain": 2}
    return _iso(today + timedelta(days=offsets[match.group("day_word").casefold()])), "day"


def _mode(text: str, match: re.Match[str]) -> str:
    """"past" unless the sentence speaks of the future."""
    sentence_start = max(text.rfind(". ", 0, match.start()), text.rfind("\n", 0, match.start())) + 1
    sentence_end = min((i for i in (text.find(". ", match.end()), text.find("\n", match.end())) if i >= 0),
                       default=len(text))
    return "future" if _FUTURE.search(text, sentence_start, sentence_end) else "past"


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


