"""The stateful stage: near-duplicate detection and trending entities, on Faust tables.

Design (correct across raw partitions): enrich agents, one per raw partition, send each enriched record to the
internal one-partition topic `news.dedup`. A single dedup agent instance (on whichever worker owns that
partition) therefore sees every article, in one order, and keeps two tables co-partitioned with it:

- `dedup_bands`: LSH band key -> [[article id, MinHash signature, seen at], ...], so an article meets every
  earlier article it shares a band with, wherever it came from. The first one with estimated Jaccard
  similarity >= the threshold is what it duplicates.
- `trending_windows`: hopping event-time window start -> {articles, entities: {name: [label, count]}}, counting
  each canonical entity once per unique article; a `_state` key holds the watermark and what was published.

Both tables are backed by compacted changelog topics, so a restarted worker (or the one that takes the
partition over) recovers them. The work done here is a few milliseconds per article, far below what one
partition can carry; the expensive enrichment stays spread over all raw partitions.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

import orjson

from .. import dedup
from ..metrics import WorkerMetrics
from ..outputs import iso_time
from ..settings import Settings

log = logging.getLogger(__name__)

STATE_KEY = "_state"

Send = Callable[[str, bytes | None, bytes], Awaitable[Any]]


class MutableTable(Protocol):
    def __getitem__(self, key: str) -> Any: ...
    def __setitem__(self, key: str, value: Any) -> None: ...
    def __delitem__(self, key: str) -> None: ...
    def get(self, key: str, default: Any = None) -> Any: ...
    def keys(self) -> Iterable[str]: ...


def parse_time(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


@dataclass
class StatefulStage:
    settings: Settings
    bands: MutableTable
    windows: MutableTable
    send: Send
    metrics: WorkerMetrics
    clock: Callable[[], float] = time.time

    # --- near-duplicates ---------------------------------------------------------------------------------
    def find_original(self, article_id: str, text: str, seen_at: float) -> tuple[str | None, float | None]:
        """Record the article in the index; return (id of the first near-identical article, similarity)."""
        signature = dedup.signature(text)
        encoded = dedup.encode_signature(signature)
        keys = dedup.band_keys(signature, threshold=self.settings.dedup_threshold)
        own_seen_at = seen_at
        horizon = seen_at - self.settings.dedup_retention_seconds
        candidates: dict[str, tuple[str, float]] = {}
        for key in keys:
            for other_id, other_signature, other_seen_at in self.bands.get(key) or []:
                if other_seen_at < horizon:
                    continue  # past the retention window: forgotten
                if other_id == article_id:
                    own_seen_at = min(own_seen_at, other_seen_at)  # processed before: keep the first decision
                else:
                    candidates[other_id] = (other_signature, other_seen_at)
        best: tuple[float, str, float] | None = None  # (seen at, id, similarity)
        for other_id, (other_signature, other_seen_at) in candidates.items():
            if other_seen_at > own_seen_at or (other_seen_at == own_seen_at and other_id > article_id):
                continue
            similarity = dedup.jaccard(signature, dedup.decode_signature(other_signature))
            if similarity >= self.settings.dedup_threshold and (best is None or (other_seen_at, other_id) < best[:2]):
                best = (other_seen_at, other_id, similarity)
        for key in keys:
            entries = [entry for entry in self.bands.get(key) or [] if entry[2] >= horizon and entry[0] != article_id]
            entries.append([article_id, encoded, own_seen_at])
            self.bands[key] = entries
        if best is None:
            return None, None
        return best[1], round(best[2], 4)

    # --- trending ------------------------------------------------------------------------------------------
    # Faust lets a table change only inside stream iteration (it needs the event's partition): `count` runs
    # there and also prunes; the timer's `publish_closed_windows` only reads. What was published is kept in
    # memory, so after a restart the last windows may be published once more, under the same key (window end).
    published_until: float = 0.0

    def _watermark(self) -> float:
        state = self.windows.get(STATE_KEY) or {}
        return max(float(state.get("watermark", 0.0)), self.clock())

    def window_starts(self, event_time: float) -> list[float]:
        size, step = self.settings.trending_window_seconds, self.settings.trending_step_seconds
        start = event_time - event_time % step
        starts = []
        while start > event_time - size:
            starts.append(start)
            start -= step
        return starts

    def _closes_at(self, start: float) -> float:
        return start + self.settings.trending_window_seconds + self.settings.trending_grace_seconds

    def count(self, event_time: float, entities: list[dict[str, Any]]) -> bool:
        """Count a unique article's entities in each of its windows still open. False if it is too late."""
        watermark = self._watermark()
        counted = False
        names = {entity["name"]: entity["label"] for entity in entities}
        for start in self.window_starts(event_time):
            if self._closes_at(start) <= watermark:
                continue  # closed (published, or about to be): too late for this window
            key = f"{start:.0f}"
            window = self.windows.get(key) or {"articles": 0, "entities": {}}
            window["articles"] += 1
            for name, label in names.items():
                window["entities"].setdefault(name, [label, 0])[1] += 1
            self.windows[key] = window
            counted = True
        state = dict(self.windows.get(STATE_KEY) or {})
        state["watermark"] = max(float(state.get("watermark", 0.0)), event_time)
        self.windows[STATE_KEY] = state
        # A closed window is kept one step longer: it is the "previous" of the next window to close.
        for key in [k for k in self.windows.keys() if k != STATE_KEY]:
            if self._closes_at(float(key)) + self.settings.trending_step_seconds < watermark:
                del self.windows[key]
        return counted

    def open_window_starts(self) -> list[float]:
        return sorted(float(key) for key in self.windows.keys() if key != STATE_KEY)

    async def publish_closed_windows(self) -> int:
        """Publish, in order, every window whose end plus the grace period the watermark has passed."""
        watermark = self._watermark()
        published = 0
        starts = self.open_window_starts()
        for start in starts:
            end = start + self.settings.trending_window_seconds
            if self._closes_at(start) > watermark or end <= self.published_until:
                continue
            await self._publish_window(start)
            self.published_until = end
            published += 1
        self.metrics.trending_entities.set(sum(len((self.windows.get(f"{start:.0f}") or {}).get("entities", {}))
                                               for start in starts))
        return published

    async def _publish_window(self, start: float) -> None:
        size, step = self.settings.trending_window_seconds, self.settings.trending_step_seconds
        window = self.windows.get(f"{start:.0f}") or {"articles": 0, "entities": {}}
        previous = (self.windows.get(f"{start - step:.0f}") or {"entities": {}})["entities"]
        ranked = sorted(window["entities"].items(), key=lambda item: (-item[1][1], item[0]))
        top = [{"name": name, "label": label, "count": count,
                "previous": previous.get(name, [label, 0])[1], "change": count - previous.get(name, [label, 0])[1]}
               for name, (label, count) in ranked[:self.settings.trending_top]]
        record = {"schema_version": 1, "window_start": iso_time(start), "window_end": iso_time(start + size),
                  "articles": window["articles"], "top": top, "computed_at": iso_time()}
        await self.send(self.settings.topics.trending, iso_time(start + size).encode(), orjson.dumps(record))
        self.metrics.published.labels(topic=self.settings.topics.trending).inc()

    # --- one record -----------------------------------------------------------------------------------------
    async def process(self, value: bytes, kafka_timestamp: float | None) -> None:
        record = orjson.loads(value)
        received = parse_time(record.get("processing", {}).get("received_at")) or kafka_timestamp or self.clock()
        event_time = parse_time(record.get("published_at")) or received
        # "First seen" is the order in which articles reach this one-partition stage.
        original, similarity = self.find_original(record["id"], record["text"], self.clock())
        record["duplicate_of"], record["similarity"] = original, similarity
        encoded = orjson.dumps(record)
        key = record["id"].encode("utf-8")
        await self.send(self.settings.topics.enriched, key, encoded)
        self.metrics.published.labels(topic=self.settings.topics.enriched).inc()
        if original is None:
            await self.send(self.settings.topics.unique, key, encoded)
            self.metrics.published.labels(topic=self.settings.topics.unique).inc()
            if not self.count(event_time, record.get("entities", [])):
                self.metrics.trending_late.inc()
        else:
            self.metrics.duplicates.inc()
        if received:
            self.metrics.latency.observe(max(0.0, self.clock() - received))
