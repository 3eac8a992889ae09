"""What a web process holds: the latest enriched articles (bounded), the newest global trending list, and the
filters the page and the API share."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..state.trending import country_code
from .render import objects_in

Record = Mapping[str, Any]
LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
                    "LANGUAGE", "MISC"})
MAX_LIMIT = 500
DEFAULT_LIMIT = 50


class FilterError(ValueError):
    """A query parameter that is not a valid filter; `name` says which."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name


@dataclass(frozen=True, slots=True)
class Filters:
    entity: str = ""
    label: str = ""
    source: str = ""
    country: str = ""
    limit: int = DEFAULT_LIMIT

    @classmethod
    def from_query(cls, query: Mapping[str, str], *, limit_allowed: bool = True) -> Filters:
        """The filters of a query string; FilterError names the first bad one."""
        unknown = sorted(set(query) - {"entity", "label", "source", "country", "limit", "since"})
        if unknown:
            raise FilterError(unknown[0], f"unknown parameter {unknown[0]!r}: the filters are entity, label, "
                                          "source, country and limit")
        label = query.get("label", "").strip().upper()
        if label and label not in LABELS:
            raise FilterError("label", f"label must be one of {', '.join(sorted(LABELS))}")
        country = query.get("country", "").strip()
        if country and country_code(country) is None:
            raise FilterError("country", f"country {country!r} is not an ISO 3166-1 alpha-2 code (e.g. GB)")
        limit = DEFAULT_LIMIT
        if "limit" in query and limit_allowed:
            text = query["limit"].strip()
            if not (text.isascii() and text.isdecimal()) or not 1 <= int(text) <= MAX_LIMIT:
                raise FilterError("limit", f"limit must be a whole number from 1 to {MAX_LIMIT}")
            limit = int(text)
        return cls(entity=query.get("entity", "").strip(), label=label, source=query.get("source", "").strip(),
                   country=country_code(country) or "", limit=limit)

    def as_query(self) -> dict[str, str]:
        return {name: value for name, value in (("entity", self.entity), ("label", self.label),
                                                ("source", self.source), ("country", self.country)) if value}

    def matches(self, record: Record) -> bool:
        if self.source and str(record.get("source") or "").casefold() != self.source.casefold():
            return False
        places = objects_in(record.get("places"))
        if self.country and not any(place.get("country_code") == self.country for place in places):
            return False
        if self.entity or self.label:
            wanted = self.entity.casefold()
            return any((not wanted or str(entity.get("name", "")).casefold() == wanted)
                       and (not self.label or entity.get("label") == self.label)
                       for entity in objects_in(record.get("entities")))
        return True


class ArticleStore:
    """The newest `capacity` articles by id, newest first; a revision replaces the version it revises."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._articles: OrderedDict[str, Record] = OrderedDict()  # oldest first
        self._sequence: dict[str, int] = {}  # article id -> the number of the add that put it here
        self.sequence = 0  # adds so far: a page rendered at N asks the event stream for what came after N
        self.trending: Record | None = None

    def __len__(self) -> int:
        return len(self._articles)

    def add(self, record: Record) -> bool:
        """Keep the record (it replaces an equal or earlier revision); False when a later one is held."""
        article_id = record.get("id")
        if not isinstance(article_id, str) or not article_id:
            return False
        held = self._articles.get(article_id)
        if held is not None and _revision(held) > _revision(record):
            return False
        self._articles.pop(article_id, None)
        self._articles[article_id] = record
        self.sequence += 1
        self._sequence[article_id] = self.sequence
        while len(self._articles) > self.capacity:
            dropped, _ = self._articles.popitem(last=False)
            self._sequence.pop(dropped, None)
        return True

    def sequence_of(self, article_id: str) -> int:
        return self._sequence.get(article_id, 0)

    def added_after(self, sequence: int) -> list[Record]:
        """The articles added (or revised) after add number `sequence`, oldest first."""
        return [record for article_id, record in self._articles.items() if self._sequence[article_id] > sequence]

    def get(self, article_id: str) -> Record | None:
        return self._articles.get(article_id)

    def newest(self) -> Iterator[Record]:
        return reversed(self._articles.values())

    def select(self, filters: Filters) -> list[Record]:
        found = []
        for record in self.newest():
            if filters.matches(record):
                found.append(record)
                if len(found) >= filters.limit:
                    break
        return found

    def set_trending(self, record: Record) -> bool:
        """Keep the newest global list (a country's list, or an older window, changes nothing)."""
        if record.get("country") is not None or not isinstance(record.get("window_end"), str):
            return False
        if self.trending is not None and str(self.trending.get("window_end")) > str(record["window_end"]):
            return False
        self.trending = record
        return True


def _revision(record: Record) -> int:
    revision = record.get("revision")
    return revision if isinstance(revision, int) else 0

