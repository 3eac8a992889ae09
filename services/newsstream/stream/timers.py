"""The worker's periodic jobs and its reaction to a new assignment, as methods Faust's timers and signals call.

- `WorkerTimers.rewind_stalled` (every `LAG_INTERVAL_SECONDS`): the stall check of `recovery/stalls.py`.
- `WorkerTimers.report_lag`: assigned raw partitions and the consumer lag per partition, for Prometheus.
- `WorkerTimers.on_assigned` (Faust's `on_partitions_assigned` signal): the continuity guard starts over from
  the committed offsets Faust seeks to, and the log says which partitions this worker now has.
- `TrendingTicker.tick` (every `TRENDING_CHECK_SECONDS`, stateful stage only): tables change only inside
  stream iteration, so a trending window that is due is closed by the dedup agent, on a tick record sent here.

They are objects, not closures inside `create_app`, so a unit test can drive them with a stand-in consumer;
`register` wires them to the app.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import faust
from faust.types import TP

from ..metrics import WorkerMetrics
from ..settings import TopicNames
from ..state.stage import TICK_KEY, TICK_VALUE, StatefulStage
from .recovery.continuity import OffsetContinuity
from .recovery.stalls import rewind_stalled_partitions

log = logging.getLogger(__name__)

LAG_INTERVAL_SECONDS = 5.0
TRENDING_CHECK_SECONDS = 1.0


class ProcessedOffsets(Protocol):
    @property
    def processed_offsets(self) -> Mapping[tuple[str, int], int]: ...


@dataclass(eq=False)  # a service object: identity, not value, equality
class WorkerTimers:
    app: faust.App
    topics: TopicNames
    metrics: WorkerMetrics
    processor: ProcessedOffsets
    continuity: OffsetContinuity

    def register(self) -> None:
        self.app.timer(interval=LAG_INTERVAL_SECONDS)(self.rewind_stalled)
        self.app.timer(interval=LAG_INTERVAL_SECONDS)(self.report_lag)
        self.app.on_partitions_assigned.connect(self.on_assigned)

    async def rewind_stalled(self) -> None:
        await rewind_stalled_partitions(self.app, self.continuity, (self.topics.raw, self.topics.dedup), self.metrics)

    async def report_lag(self) -> None:
        assignment = [tp for tp in self.app.consumer.assignment() if tp.topic == self.topics.raw]
        self.metrics.assigned_partitions.set(len(assignment))
        self.metrics.consumer_lag.clear()
        for tp in assignment:
            last = self.processor.processed_offsets.get((tp.topic, tp.partition))
            self.metrics.consumer_lag.labels(topic=tp.topic, partition=str(tp.partition)).set(await self._lag(tp, last))

    async def on_assigned(self, app: faust.App, assigned: set[TP], **kwargs: Any) -> None:
        # Faust seeks every assigned partition back to its committed offset: continuity starts over from there.
        self.continuity.reset()
        raw = sorted(tp.partition for tp in assigned if tp.topic == self.topics.raw)
        self.metrics.assigned_partitions.set(len(raw))
        log.info("partitions assigned: %s", ", ".join(f"{self.topics.raw}/{p}" for p in raw) or "none",
                 extra={"partitions": raw})

    async def _lag(self, tp: TP, last_processed: int | None) -> float:
        consumer = self.app.consumer
        highwater = consumer.highwater(tp)
        if highwater is None:
            return 0.0
        if last_processed is not None:
            position = last_processed + 1
        else:
            # Nothing processed since this worker got the partition: the fetch position starts at the
            # group's committed offset.
            position = await consumer.position(tp) or 0
        return float(max(0, highwater - position))


@dataclass(eq=False)  # a service object: identity, not value, equality
class TrendingTicker:
    app: faust.App
    dedup_topic: faust.TopicT
    stage: StatefulStage
    partition: TP

    def register(self) -> None:
        self.app.timer(interval=TRENDING_CHECK_SECONDS)(self.tick)

    async def tick(self) -> None:
        if self.partition in self.app.consumer.assignment():
            if self.stage.tick_needed():
                await self.dedup_topic.send(key=TICK_KEY, value=TICK_VALUE)
            self.stage.report_state()
