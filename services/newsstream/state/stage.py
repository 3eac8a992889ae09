"""The stateful stage: near-duplicate detection and trending entities, on Faust tables.

Design (correct across raw partitions): enrich agents, one per raw partition, send each enriched record to the
internal one-partition topic `news.dedup`. A single dedup agent instance (on whichever worker owns that
partition) therefore sees every article, in one order, and keeps two tables co-partitioned with it, both
backed by compacted changelog topics so that a restarted worker (or the one taking the partition over)
recovers them:

- `dedup_index`: the `DuplicateIndex` of state/dedup.py (LSH band -> article ids, article id -> signature, order key
  and decision, articles by hour for retention);
- `trending_buckets`: the `TrendingCounter` of state/trending.py (each article's entities and countries in its
  step-sized event-time bucket; a window is the sum of its buckets, published as a global list and one list per
  country, keyed `<window end>|<country code or *>`).

Which copy is the original does not depend on which reaches this stage first: each article's order key (see
`order_key`) decides, and when an earlier article arrives after its copy was published as an original, the copy
is published again as a revision (its record read back from `news.dedup`, `duplicate_of` set, `revision` + 1),
news.unique gets a retraction of it, and its trending count is taken back. Consumers keep the highest revision
per id.

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

from . import dedup
from .dedup import DuplicateIndex, Revision
from ..metrics import WorkerMetrics
from ..settings import Settings, TopicNames
from ..timestamps import iso_time, parse_time
from .trending import TrendingCounter, TrendingSnapshot, event_time_of

log = logging.getLogger(__name__)

TICK_KEY = b"_tick"
TICK_VALUE = b'{"tick": true}'

Send = Callable[[str, bytes | None, bytes], Awaitable[Any]]
ReadBack = Callable[[Any], Awaitable[bytes | None]]  # the record at a `news.dedup` offset, None when gone
RETRACTION_SCHEMA_VERSION = 2


async def _nothing() -> None:
    return None


def order_key(record: dict[str, Any], received: float) -> tuple[float, int, int]:
    """Which copy came first: `published_at` when present and not later than the raw record's timestamp (a
    future or absent one never wins), else that timestamp; then the raw partition and offset."""
    processing = record.get("processing") or {}
    partition, offset = processing.get("source_partition"), processing.get("source_offset")
    return order_key_of(record.get("published_at"), received, partition if isinstance(partition, int) else -1,
                        offset if isinstance(offset, int) else -1)


def order_key_of(published_at: str | None, received: float, partition: int, offset: int) -> tuple[float, int, int]:
    published = parse_time(published_at)
    return (published if published is not None and published <= received else received, partition, offset)


def place_countries(record: dict[str, Any]) -> list[str]:
    """The country codes of an enriched record's `places` (absent in records enriched before places were)."""
    places = record.get("places") or []
    return [place["country_code"] for place in places
            if isinstance(place, dict) and isinstance(place.get("country_code"), str)]


def retraction(revision: Revision, now: float) -> dict[str, Any]:
    """The unique topic's record that takes back an article published there as an original."""
    return {"schema_version": RETRACTION_SCHEMA_VERSION, "id": revision.article_id, "retracted": True,
            "revision": revision.revision, "duplicate_of": revision.duplicate_of,
            "similarity": revision.similarity, "retracted_at": iso_time(now)}
STATE_REPORT_SECONDS = 15.0


@dataclass(frozen=True, slots=True)
class StageConfig:
    """What the stage needs of the settings: its topics, the near-duplicate rule and the trending windows."""

    topics: TopicNames
    dedup_threshold: float
    dedup_measure: dedup.Measure
    dedup_retention_seconds: float
    trending_window_seconds: float
    trending_step_seconds: float
    trending_grace_seconds: float
    trending_top: int

    @classmethod
    def from_settings(cls, settings: Settings) -> StageConfig:
        return cls(topics=settings.topics, dedup_threshold=settings.dedup_threshold,
                   dedup_measure=settings.dedup_measure,  # type: ignore[arg-type]
                   dedup_retention_seconds=settings.dedup_retention_seconds,
                   trending_window_seconds=settings.trending_window_seconds,
                   trending_step_seconds=settings.trending_step_seconds,
                   trending_grace_seconds=settings.trending_grace_seconds, trending_top=settings.trending_top)


@dataclass
class StatefulStage:
    config: StageConfig
    index_store: MutableMapping[str, Any]
    trending_store: MutableMapping[str, Any]
    send: Send
    metrics: WorkerMetrics
    read_back: ReadBack = field(default=lambda offset: _nothing())
    clock: Callable[[], float] = time.time
    _ticked_for: list[float] = field(default_factory=list)
    _reported_at: float = -math.inf

    def __post_init__(self) -> None:
        config = self.config
        self.index = DuplicateIndex(self.index_store, threshold=config.dedup_threshold,
                                    retention_seconds=config.dedup_retention_seconds, measure=config.dedup_measure)
        self.trending = TrendingCounter(self.trending_store, size=config.trending_window_seconds,
                                        step=config.trending_step_seconds, grace=config.trending_grace_seconds,
                                        top=config.trending_top)

    async def process(self, value: bytes, kafka_timestamp: float | None, offset: int | None = None) -> None:
        """One record of `news.dedup` (at `offset`): an enriched article, or a tick that closes due trending
        windows."""
        now = self.clock()
        if value == TICK_VALUE:
            await self._publish(self.trending.advance(now))
            return
        record = orjson.loads(value)
        processing = record.get("processing") or {}
        received = parse_time(processing.get("received_at")) or kafka_timestamp or now
        decision = self.index.decide(record["id"], dedup.signature(record["text"]), now,
                                     order_key(record, received), locator=offset)
        self.index.expire(now)
        original = decision.duplicate_of
        record["duplicate_of"], record["similarity"] = original, decision.similarity
        record["revision"] = decision.revision
        encoded = orjson.dumps(record)
        key = record["id"].encode("utf-8")
        await self._send(self.config.topics.enriched, key, encoded)
        if original is None:
            await self._send(self.config.topics.unique, key, encoded)
        elif not decision.repeated:
            self.metrics.duplicates.inc()
        event_time = event_time_of(record.get("published_at"), received, now)
        if (not self.trending.add(record["id"], record.get("entities", []), event_time, duplicate_of=original,
                                  countries=place_countries(record))
                and original is None):
            self.metrics.trending_late.inc()
        for revision in decision.revisions:
            await self._publish_revision(revision)
        await self._publish(self.trending.advance(now))
        self.metrics.latency.observe(max(0.0, self.clock() - received))

    async def _publish_revision(self, revision: Revision) -> None:
        """A copy published as an original (or under a later original) before its original arrived: the copy
        again on the enriched topic with its new decision and revision number, and on the unique topic a
        retraction of it; its trending count is taken back."""
        self.metrics.revisions.inc()
        self.metrics.duplicates.inc(1 if revision.was_original else 0)
        if revision.was_original:
            self.trending.retract(revision.article_id)
        value = await self.read_back(revision.locator) if revision.locator is not None else None
        key = revision.article_id.encode("utf-8")
        if value is None:
            self.metrics.revisions_unpublished.inc()
            log.error("the decision of article %s changed (a copy of %s, revision %d) but its record could not "
                      "be read back from %s to publish the revision", revision.article_id, revision.duplicate_of,
                      revision.revision, self.config.topics.dedup,
                      extra={"article_id": revision.article_id, "offset": revision.locator})
        else:
            record = orjson.loads(value)
            record["duplicate_of"], record["similarity"] = revision.duplicate_of, revision.similarity
            record["revision"] = revision.revision
            await self._send(self.config.topics.enriched, key, orjson.dumps(record))
        if revision.was_original:
            await self._send(self.config.topics.unique, key, orjson.dumps(retraction(revision, self.clock())))
        log.info("article %s is a copy of %s, which arrived after it: revision %d published",
                 revision.article_id, revision.duplicate_of, revision.revision,
                 extra={"article_id": revision.article_id, "duplicate_of": revision.duplicate_of})

    async def _send(self, topic: str, key: bytes, value: bytes) -> None:
        await self.send(topic, key, value)
        self.metrics.published.labels(topic=topic).inc()

    async def _publish(self, snapshots: list[TrendingSnapshot]) -> None:
        for snapshot in snapshots:
            await self.send(self.config.topics.trending, snapshot.key.encode(),
                            orjson.dumps(snapshot.as_record(self.clock())))
            self.metrics.published.labels(topic=self.config.topics.trending).inc()

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
