"""The stateful stage: near-duplicate detection and trending entities, on Faust tables.

Design (correct across raw partitions): enrich agents, one per raw partition, send each enriched record to the
internal one-partition topic `news.dedup`. A single dedup agent instance (on whichever worker owns that
partition) therefore sees every article, in one order, and keeps two tables co-partitioned with it, both
backed by compacted changelog topics so that a restarted worker (or the one taking the partition over)
recovers them:

- `dedup_index`: the `DuplicateIndex` of dedup.py (LSH band -> article ids, article id -> signature and
  decision, articles by hour for retention);
- `trending_buckets`: the `TrendingCounter` of trending.py (entity counts per step-sized event-time bucket; a
  window is the sum of its buckets).

Faust lets a table change only inside stream iteration, so everything that writes happens in the agent. The
timer only reads: when a trending window is due it sends a tick record through `news.dedup`, and the agent
closes the window and publishes it.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

import orjson

from .. import dedup
from ..dedup import DuplicateIndex
from ..metrics import WorkerMetrics
from ..settings import Settings
from ..timestamps import iso_time, parse_time
from ..trending import TrendingCounter, TrendingSnapshot, event_time_of

log = logging.getLogger(__name__)

TICK_KEY = b"_tick"
TICK_VALUE = b'{"tick": true}'

Send = Callable[[str, bytes | None, bytes], Awaitable[Any]]
STATE_REPORT_SECONDS = 15.0


@dataclass
class StatefulStage:
    settings: Settings
    index_store: MutableMapping[str, Any]
    trending_store: MutableMapping[str, Any]
    send: Send
    metrics: WorkerMetrics
    clock: Callable[[], float] = time.time
    _ticked_for: list[float] = field(default_factory=list)
    _reported_at: float = -math.inf

    def __post_init__(self) -> None:
        settings = self.settings
        self.index = DuplicateIndex(self.index_store, threshold=settings.dedup_threshold,
                                    retention_seconds=settings.dedup_retention_seconds,
                                    measure=settings.dedup_measure)  # type: ignore[arg-type]
        self.trending = TrendingCounter(self.trending_store, size=settings.trending_window_seconds,
                                        step=settings.trending_step_seconds, grace=settings.trending_grace_seconds,
                                        top=settings.trending_top)

    def find_original(self, article_id: str, text: str, seen_at: float) -> tuple[str | None, float | None]:
        """Index the article; return (id of the first near-identical article seen before it, similarity)."""
        match = self.index.add(article_id, dedup.signature(text), seen_at)
        self.index.expire(seen_at)
        return (match.original_id, match.similarity) if match else (None, None)

    async def process(self, value: bytes, kafka_timestamp: float | None) -> None:
        """One record of `news.dedup`: an enriched article, or a tick that closes due trending windows."""
        now = self.clock()
        if value == TICK_VALUE:
            await self._publish(self.trending.advance(now))
            return
        record = orjson.loads(value)
        received = parse_time(record.get("processing", {}).get("received_at")) or kafka_timestamp or now
        # "First seen" is the order in which articles reach this one-partition stage.
        original, similarity = self.find_original(record["id"], record["text"], now)
        record["duplicate_of"], record["similarity"] = original, similarity
        encoded = orjson.dumps(record)
        key = record["id"].encode("utf-8")
        await self.send(self.settings.topics.enriched, key, encoded)
        self.metrics.published.labels(topic=self.settings.topics.enriched).inc()
        if original is None:
            await self.send(self.settings.topics.unique, key, encoded)
            self.metrics.published.labels(topic=self.settings.topics.unique).inc()
        else:
            self.metrics.duplicates.inc()
        event_time = event_time_of(record.get("published_at"), received, now)
        if (not self.trending.add(record["id"], record.get("entities", []), event_time, duplicate_of=original)
                and original is None):
            self.metrics.trending_late.inc()
        await self._publish(self.trending.advance(now))
        self.metrics.latency.observe(max(0.0, self.clock() - received))

    async def _publish(self, snapshots: list[TrendingSnapshot]) -> None:
        for snapshot in snapshots:
            await self.send(self.settings.topics.trending, iso_time(snapshot.window_end).encode(),
                            orjson.dumps(snapshot.as_record(self.clock())))
            self.metrics.published.labels(topic=self.settings.topics.trending).inc()

    def tick_needed(self) -> bool:
        """For the timer (read only): a window is due and no tick was sent for it yet."""
        due = self.trending.due(self.clock())
        if not due or due == self._ticked_for:
            return False
        self._ticked_for = due
        return True

    def report_state(self) -> None:
        """Refresh the state-size gauges, at most every STATE_REPORT_SECONDS: counting the tracked entities
        reads every article in the open windows."""
        now = self.clock()
        if now - self._reported_at < STATE_REPORT_SECONDS:
            return
        self._reported_at = now
        self.metrics.dedup_index_entries.set(len(self.index))
        self.metrics.trending_entities.set(self.trending.tracked_entities())
