"""Trending entities: unique articles per canonical entity in hopping event-time windows (pure; no Kafka).

Every window has a global list and one list per country (ISO 3166-1 alpha-2) with articles in it: an article
counts in the global list and in the list of each country of its `places`.

A hopping window of `size` seconds advancing by `step` is the union of size / step consecutive step-long
buckets, so each article is counted once, in the bucket of its event time, and a window's count is the sum of
its buckets. That is one state write per article instead of one per window it falls in (12 with the defaults),
and the count is still the number of distinct articles: each article lies in exactly one bucket.

The watermark is the newest event time seen (or a later wall-clock time given to `advance`). A window closes
when the watermark passes its end plus `grace`; an article whose latest window is closed is late and not
counted. An article accepted late still counts in the earlier windows of its bucket, so a snapshot's `previous`
(the window one step earlier, recomputed when the snapshot is taken) includes the late articles accepted after
that window was published: the change compares like with like. Buckets older than the last closed window are
dropped, so the state holds at most (size + grace + step) / step + 1 buckets.

All state lives in `store`, str keys to JSON-able values (a dict, or a Faust table: values are replaced, never
mutated in place):

- `"_meta"` -> {"watermark": float | None, "closed_until": start of the newest closed window | None,
  "buckets": [bucket start, ...]};
- `"sa:<bucket start>|<article id>"` -> [{entity name: label}, [country code, ...]]: the article is counted,
  with these entities, in the global list and these countries' (a re-delivered one, at-least-once, counts once).
  A value written before countries were counted is the bare {entity name: label} dict: read as no country.

One key per article, written once: a Faust table sends every write to its changelog, so a whole-bucket value
rewritten per article would grow quadratically with the articles per bucket, and a counter per (bucket, entity)
cost one changelog record per entity of every article (~20). A window's counts are summed from its articles
when it closes (every `step`), which is cheap next to writing them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, MutableMapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

import pycountry

from ..timestamps import iso_time

META_KEY = "_meta"
ARTICLE_PREFIX = "sa:"
DEFAULT_SIZE = 3600.0
DEFAULT_STEP = 300.0
DEFAULT_GRACE = 600.0
DEFAULT_TOP = 20
TRENDING_SCHEMA_VERSION = 2

GLOBAL_KEY = "*"  # the record key's list part for the global list (a country's list has its code)

EntityLike = str | tuple[str, str | None] | Mapping[str, Any]
Counts = dict[str, tuple[str, int]]  # {entity name: (label, unique articles)}


@lru_cache(maxsize=512)
def country_code(text: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country, upper case ("gb" -> "GB"), or None when the text is not one
    (GBR, XX, G1; also user-assigned codes such as Kosovo's XK, which ISO 3166-1 leaves out)."""
    code = text.strip().upper()
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        return None
    return code if pycountry.countries.get(alpha_2=code) is not None else None


def window_starts(event_time: float, size: float = DEFAULT_SIZE, step: float = DEFAULT_STEP) -> list[float]:
    """Starts of every hopping window [start, start + size) containing the time, oldest first."""
    latest = float(math.floor(event_time / step) * step)
    count = math.ceil(size / step)
    return [start for start in (latest - i * step for i in range(count - 1, -1, -1)) if start + size > event_time]


def event_time_of(published_at: str | None, kafka_timestamp: float | None, now: float,
                  max_future_seconds: float = 300.0) -> float:
    """`published_at` if it parses and is not in the future, else the Kafka timestamp, else `now`.

    A publication time far ahead of the clock (a typo, a hostile feed) would move the watermark and close every
    window early, so it is not trusted.
    """
    if published_at:
        try:
            parsed = datetime.fromisoformat(published_at.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            parsed = None
        if parsed is not None:
            if parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=UTC)
            seconds = parsed.timestamp()
            if seconds <= now + max_future_seconds:
                return seconds
    return kafka_timestamp if kafka_timestamp else now


@dataclass(frozen=True, slots=True)
class TrendingSnapshot:
    """The top entities of one window (of one country's articles, or of all), with their count in the window one
    step earlier."""

    window_start: float
    window_end: float
    articles: int
    top: list[dict[str, Any]] = field(default_factory=list)  # {name, label, count, previous, change}
    country: str | None = None  # None: the global list

    @property
    def key(self) -> str:
        """The `news.trending` key: `<window end>|<country code>`, `|*` for the global list."""
        return f"{iso_time(self.window_end)}|{self.country or GLOBAL_KEY}"

    def as_record(self, computed_at: float) -> dict[str, Any]:
        """The `news.trending` value (schemas/trending.schema.json)."""
        return {"schema_version": TRENDING_SCHEMA_VERSION, "revision": 0, "window_start": iso_time(self.window_start),
                "window_end": iso_time(self.window_end), "country": self.country, "articles": self.articles,
                "top": [dict(item) for item in self.top], "computed_at": iso_time(computed_at)}


@dataclass(slots=True)
class _Tally:
    """One list's unique articles and entity counts in a window, while it is summed."""

    articles: int = 0
    counts: Counts = field(default_factory=dict)

    def count(self, entities: Mapping[str, str]) -> None:
        self.articles += 1
        for name, label in entities.items():
            seen = self.counts.get(name)
            self.counts[name] = (seen[0], seen[1] + 1) if seen else (label, 1)


def _entity_labels(entities: Iterable[EntityLike]) -> dict[str, str]:
    """Each canonical name once (an article counts once per entity), with the first label given for it."""
    labels: dict[str, str] = {}
    for entity in entities:
        if isinstance(entity, str):
            name, label = entity, None
        elif isinstance(entity, Mapping):
            name, label = entity["name"], entity.get("label")
        else:
            name, label = entity
        if name and name not in labels:
            labels[name] = label or ""
    return labels


def _country_codes(countries: Iterable[str | None]) -> list[str]:
    """Each valid country code once, in the order given; anything else is left out, so that every list published
    is a country's."""
    codes: list[str] = []
    for text in countries:
        code = country_code(text) if isinstance(text, str) else None
        if code is not None and code not in codes:
            codes.append(code)
    return codes


def _stored(value: Any) -> tuple[Mapping[str, str], list[str]]:
    """An article's entities and countries as stored. A bare {name: label} dict was written before countries were
    counted (state from before an upgrade): the article is in the global list only."""
    if not value:
        return {}, []
    if isinstance(value, Mapping):
        return value, []
    entities, countries = value
    return entities or {}, list(countries or [])


class TrendingCounter:
    def __init__(self, store: MutableMapping[str, Any] | None = None, *, size: float = DEFAULT_SIZE,
                 step: float = DEFAULT_STEP, grace: float = DEFAULT_GRACE, top: int = DEFAULT_TOP) -> None:
        if step <= 0 or size <= 0 or grace < 0 or top < 1:
            raise ValueError("size and step must be positive, grace at least 0 and top at least 1")
        if not math.isclose(size / step, round(size / step)):
            raise ValueError(f"the window size ({size:g} s) must be a multiple of its step ({step:g} s)")
        self.store: MutableMapping[str, Any] = {} if store is None else store
        self.size, self.step, self.grace, self.top = size, step, grace, top

    # --- state -------------------------------------------------------------------------------------------------
    @property
    def watermark(self) -> float | None:
        return self._meta()["watermark"]

    @property
    def closed_until(self) -> float | None:
        """Start of the newest closed window (None before the first)."""
        return self._meta()["closed_until"]

    def bucket_starts(self) -> list[float]:
        return sorted(self._meta()["buckets"])

    def tracked_entities(self) -> int:
        """Distinct entities counted in the kept buckets (the state's size, for a gauge; scans the state)."""
        names: set[str] = set()
        for key in list(self.store.keys()):
            if key.startswith(ARTICLE_PREFIX):
                names.update(_stored(self.store[key])[0])
        return len(names)

    def is_open(self, window_start: float) -> bool:
        meta = self._meta()
        if meta["closed_until"] is not None and window_start <= meta["closed_until"]:
            return False
        return meta["watermark"] is None or window_start + self.size + self.grace > meta["watermark"]

    # --- counting ----------------------------------------------------------------------------------------------
    def add(self, article_id: str, entities: Iterable[EntityLike], event_time: float,
            duplicate_of: str | None = None, countries: Iterable[str | None] = ()) -> bool:
        """Count a unique article's entities in the windows of its event time, in the global list and in the list
        of each of its countries (ISO 3166-1 alpha-2 codes; others are ignored); False if nothing was counted.

        Nothing is counted for a near-duplicate (its original was), for an article already counted, or for a
        late one (its newest window is closed). Every call moves the watermark.
        """
        bucket = self._bucket_of(event_time)
        counted = False
        meta = self._meta()
        changed = False
        if duplicate_of is None and self.is_open(bucket):
            marker = _article_key(bucket, article_id)
            if self.store.get(marker) is None:
                # One write per article, its entities and countries in it: the counts are summed when a window
                # closes. A key per (bucket, entity) instead cost ~20 changelog records per article.
                self.store[marker] = [_entity_labels(entities), _country_codes(countries)]
                if bucket not in meta["buckets"]:
                    meta["buckets"] = sorted([*meta["buckets"], bucket])
                    changed = True
                counted = True
        if meta["watermark"] is None or event_time > meta["watermark"]:
            meta["watermark"] = event_time
            changed = True
        if changed:
            self.store[META_KEY] = meta
        return counted

    # --- windows -----------------------------------------------------------------------------------------------
    def retract(self, article_id: str) -> bool:
        """Take back the count of an article that turned out to be a copy (a revision): the windows still open no
        longer count it, so the story is counted once, under its original; a window already published keeps it."""
        removed = False
        for bucket in self.bucket_starts():
            marker = _article_key(bucket, article_id)
            if self.store.get(marker) is not None:
                del self.store[marker]
                removed = True
        return removed

    def window_counts(self, window_start: float, country: str | None = None) -> tuple[int, Counts]:
        """(articles, {name: (label, count)}) of the window starting there: of all its articles, or of the
        country's."""
        tally = self._tallies(window_start).get(country) or _Tally()
        return tally.articles, tally.counts

    def snapshot(self, window_start: float, country: str | None = None) -> TrendingSnapshot:
        """The window's top entities (of all its articles, or of the country's) and change against the window one
        step earlier (reads only)."""
        current = self._tallies(window_start).get(country) or _Tally()
        previous = self._tallies(window_start - self.step).get(country) or _Tally()
        return self._snapshot(window_start, country, current, previous)

    def snapshots(self, window_start: float) -> list[TrendingSnapshot]:
        """The window's global list, then one per country with articles in the window, by code (reads only)."""
        current = self._tallies(window_start)
        previous = self._tallies(window_start - self.step)
        countries = sorted(country for country in current if country is not None)
        return [self._snapshot(window_start, country, current.get(country) or _Tally(),
                               previous.get(country) or _Tally()) for country in (None, *countries)]

    def due(self, now: float | None = None) -> list[float]:
        """Starts of the windows not yet closed whose end plus grace the watermark (or `now`) has passed and
        which hold at least one article, oldest first (reads only)."""
        meta = self._meta()
        watermark = _later(meta["watermark"], now)
        if watermark is None:
            return []
        closed_until = meta["closed_until"]
        # A bucket is kept from the first article counted in it, so every kept bucket holds one.
        starts = {start for bucket in self.bucket_starts() for start in window_starts(bucket, self.size, self.step)}
        return sorted(start for start in starts if start + self.size + self.grace <= watermark
                      and (closed_until is None or start > closed_until))

    def close(self, window_start: float) -> list[TrendingSnapshot]:
        """The window's snapshots (global, then per country); the window and all before it are closed and their
        buckets no longer kept."""
        snapshots = self.snapshots(window_start)
        meta = self._meta()
        meta["closed_until"] = _later(meta["closed_until"], window_start)
        self.store[META_KEY] = meta
        self._prune(meta["closed_until"])
        return snapshots

    def advance(self, now: float | None = None) -> list[TrendingSnapshot]:
        """Move the watermark to `now` if later, close every due window in order and return their snapshots (each
        window's global list, then its countries').

        Call it at every step (the state stays bounded because it prunes); windows without articles are
        skipped, not published.
        """
        meta = self._meta()
        watermark = _later(meta["watermark"], now)
        if watermark is None:
            return []
        snapshots = [snapshot for start in self.due(watermark) for snapshot in self.close(start)]
        meta = self._meta()
        meta["watermark"] = watermark
        last_passed = math.floor((watermark - self.size - self.grace) / self.step) * self.step
        meta["closed_until"] = _later(meta["closed_until"], last_passed)
        if meta != self.store.get(META_KEY):
            self.store[META_KEY] = meta
        self._prune(meta["closed_until"])
        return snapshots

    # --- helpers -----------------------------------------------------------------------------------------------
    def _tallies(self, window_start: float) -> dict[str | None, _Tally]:
        """Every list of the window in one scan of the state: None (global) and each country with articles."""
        kept = set(self.bucket_starts())
        buckets = [bucket for bucket in self._window_buckets(window_start) if bucket in kept]
        tallies: dict[str | None, _Tally] = {None: _Tally()}
        if not buckets:
            return tallies
        prefixes = tuple(_article_key(bucket, "") for bucket in buckets)
        for key in list(self.store.keys()):
            if key.startswith(prefixes):
                entities, countries = _stored(self.store[key])
                for country in (None, *countries):
                    tallies.setdefault(country, _Tally()).count(entities)
        return tallies

    def _snapshot(self, window_start: float, country: str | None, current: _Tally,
                  previous: _Tally) -> TrendingSnapshot:
        ranked = sorted(current.counts.items(), key=lambda item: (-item[1][1], item[0]))[:self.top]
        top = [{"name": name, "label": label, "count": count, "previous": previous.counts.get(name, ("", 0))[1],
                "change": count - previous.counts.get(name, ("", 0))[1]} for name, (label, count) in ranked]
        return TrendingSnapshot(window_start, window_start + self.size, current.articles, top, country)

    def _meta(self) -> dict[str, Any]:
        stored = self.store.get(META_KEY) or {}
        return {"watermark": stored.get("watermark"), "closed_until": stored.get("closed_until"),
                "buckets": list(stored.get("buckets", []))}

    def _bucket_of(self, event_time: float) -> float:
        return float(math.floor(event_time / self.step) * self.step)

    def _window_buckets(self, window_start: float) -> list[float]:
        return [window_start + i * self.step for i in range(round(self.size / self.step))]

    def _prune(self, closed_until: float | None) -> None:
        # The next window to close starts after closed_until; its previous window starts at closed_until.
        if closed_until is None:
            return
        dropped = [bucket for bucket in self.bucket_starts() if bucket < closed_until]
        if not dropped:
            return
        prefixes = tuple(_article_key(bucket, "") for bucket in dropped)
        for key in [key for key in list(self.store.keys()) if key.startswith(prefixes)]:
            del self.store[key]
        meta = self._meta()
        meta["buckets"] = [bucket for bucket in meta["buckets"] if bucket >= closed_until]
        self.store[META_KEY] = meta


def _article_key(bucket: float, article_id: str) -> str:
    return f"{ARTICLE_PREFIX}{float(bucket)!r}|{article_id}"


def _later(a: float | None, b: float | None) -> float | None:
    if a is None:
        return b
    return a if b is None else max(a, b)
