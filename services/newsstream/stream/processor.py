"""Turns a batch of raw Kafka events into published records: decode, enrich, publish, count.

Kept apart from the Faust app so that it can be driven by `agent.test_context()` and by plain tests. It
never raises for bad input: every record ends up either on the enriched topic or on the dead-letter topic.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..enrichment.raw_batch import parse_batch
from ..enrichment.records import EnrichedArticle
from ..errors import InputError, Reason
from ..metrics import WorkerMetrics
from ..outputs import (
    KeyValue,
    SourcePosition,
    deadletter_record,
    enriched_record,
    entity_records,
    figure_records,
)
from ..settings import TopicNames
from ..timestamps import iso_time
from ..state.stage import order_key_of
from .model_runner import ModelRunner

log = logging.getLogger(__name__)


class RawEvent(Protocol):
    """What the processor needs of a Kafka event (a Faust `Event` has all of it via `.message`)."""

    @property
    def message(self) -> Any: ...


RECORD_OVERHEAD_BYTES = 16 * 1024  # key, headers and batch framing around a value

Send = Callable[[str, bytes | None, bytes], Awaitable[Any]]
"""Publish (topic, key, value); returns once the record is handed to the producer."""


@dataclass(slots=True)
class EnrichedBatch:
    """A batch between enrichment and publishing: each record's outcome (a parse failure included), in order."""

    events: list[RawEvent]
    results: list[tuple[RawEvent, str | None, EnrichedArticle | InputError]] = field(default_factory=list)


@dataclass(slots=True)
class BatchResult:
    enriched: int = 0
    dead_lettered: int = 0


class BatchProcessor:
    def __init__(self, *, enricher: ModelRunner, topics: TopicNames, send: Send, metrics: WorkerMetrics,
                 max_record_bytes: int, max_message_bytes: int = 8 * 1024 * 1024, stateful: bool = False) -> None:
        self.max_message_bytes = max_message_bytes
        # With the stateful stage on, enriched records go through the one-partition dedup topic, whose agent
        # adds duplicate_of and publishes them; without it they are published here.
        self.stateful = stateful
        self.enricher = enricher
        self.topics = topics
        self.send = send
        self.metrics = metrics
        self.max_record_bytes = max_record_bytes
        self.processed_offsets: dict[tuple[str, int], int] = {}

    def close(self) -> None:
        self.enricher.close()

    async def process(self, events: Sequence[RawEvent]) -> BatchResult:
        return await self.publish(await self.enrich(events))

    async def enrich(self, events: Sequence[RawEvent]) -> EnrichedBatch:
        """Parse and enrich a batch; publishes nothing, so it can be abandoned (cancelled) at any point."""
        batch = EnrichedBatch(events=list(events))
        self.metrics.batch_size.observe(len(events))
        self.metrics.consumed.inc(len(events))
        started = time.perf_counter()
        parsed = parse_batch([event.message.value for event in events], self.max_record_bytes)
        self.metrics.observe_stage("parse", time.perf_counter() - started)
        records = parsed.records
        outcomes = await self.enricher.enrich_batch(records) if records else []
        batch.results.extend((event, article_id, outcome)
                             for event, (article_id, outcome) in zip(events, parsed.merge(outcomes), strict=True))
        return batch

    async def publish(self, batch: EnrichedBatch) -> BatchResult:
        """Publish an enriched batch's records and dead letters."""
        result = BatchResult()
        started = time.perf_counter()
        results = batch.results
        if self.stateful:
            # The stage decides which copy is the original by order key, whatever arrives first; a batch sent
            # to it in that order spares it revisions for copies enriched together with their original.
            results = sorted(results, key=_order_key)
        for event, article_id, outcome in results:
            if isinstance(outcome, EnrichedArticle):
                if await self._publish(event, outcome):
                    result.enriched += 1
                else:
                    result.dead_lettered += 1
            else:
                await self._dead_letter(event, outcome, article_id=article_id)
                result.dead_lettered += 1
        self.metrics.observe_stage("publish", time.perf_counter() - started)
        events = batch.events

        for event in events:
            message = event.message
            self.processed_offsets[(message.topic, message.partition)] = message.offset
        return result

    async def _send_all(self, topic: str, records: list[KeyValue]) -> None:
        for key, value in records:
            await self.send(topic, key, value)
        if records:
            self.metrics.published.labels(topic=topic).inc(len(records))

    async def _publish(self, event: RawEvent, article: EnrichedArticle) -> bool:
        """Publish an article's records; an enriched record too large for Kafka is dead-lettered instead."""
        message = event.message
        article.processing.update({
            "received_at": iso_time(message.timestamp) if message.timestamp else None,
            "source_topic": message.topic,
            "source_partition": message.partition,
            "source_offset": message.offset,
        })
        record = enriched_record(article)
        if len(record[1]) > self.max_message_bytes - RECORD_OVERHEAD_BYTES:
            await self._dead_letter(event, InputError(
                Reason.TOO_LARGE, f"the enriched record would be {len(record[1])} bytes, over the "
                                  f"{self.max_message_bytes} bytes a Kafka record may have here"),
                article_id=article.id)
            return False
        await self._send_all(self.topics.dedup if self.stateful else self.topics.enriched, [record])
        await self._send_all(self.topics.entities, entity_records(article))
        await self._send_all(self.topics.figures, figure_records(article))
        self.metrics.enriched.inc()
        for entity in article.entities:
            self.metrics.entities.labels(label=entity.label).inc()
        for figure in article.figures:
            self.metrics.figures.labels(kind=figure.kind).inc()
        self.metrics.entities_per_article.observe(len(article.entities))
        self.metrics.figures_per_article.observe(len(article.figures))
        if not self.stateful and message.timestamp:
            self.metrics.latency.observe(max(0.0, time.time() - message.timestamp))
        return True

    async def _dead_letter(self, event: RawEvent, error: InputError, article_id: str | None = None) -> None:
        message = event.message
        log.warning("dead-lettered a record: %s", error.message,
                    extra={"reason": error.reason.value, "article_id": article_id, "topic": message.topic,
                           "partition": message.partition, "offset": message.offset})
        record = deadletter_record(
            error, key=message.key, value=message.value, article_id=article_id,
            source=SourcePosition(message.topic, message.partition, message.offset, message.timestamp))
        await self._send_all(self.topics.deadletter, [record])
        self.metrics.dead_lettered.labels(reason=error.reason.value).inc()


def _order_key(result: tuple[RawEvent, str | None, EnrichedArticle | InputError]) -> tuple[float, int, int]:
    event, _, outcome = result
    message = event.message
    published = outcome.published_at if isinstance(outcome, EnrichedArticle) else None
    return order_key_of(published, message.timestamp or 0.0, message.partition, message.offset)
