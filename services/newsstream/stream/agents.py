"""The worker's agents, as objects Faust's `test_context()` can drive: their dependencies are given, not closed
over, so a unit test builds one with a processor, a stage and a continuity guard of its own."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import faust

from .inflight import InFlightBatches
from .processor import BatchProcessor
from .recovery.continuity import OffsetContinuity, RecoveredEvent
from ..state.stage import StatefulStage


@dataclass
class EnrichAgent:
    """Raw records, in batches, through the model runner to the output topics; acknowledged once published."""

    processor: BatchProcessor
    continuity: OffsetContinuity
    batch_size: int
    batch_timeout: float
    in_flight_limit: int  # batches with a model, plus one being cleaned

    async def run(self, stream: faust.StreamT[bytes]) -> None:
        # A batch for each model and one more: the next batch is cleaned and waits for a model while the last one
        # is annotated and published, so the model never idles. Batches are acknowledged in order, once
        # published; a worker stopped (SIGTERM) while a batch is with a model abandons it, unacknowledged.
        in_flight: InFlightBatches[faust.types.EventT] = InFlightBatches(
            self.processor.enrich, self.processor.publish, stream.ack, limit=self.in_flight_limit)
        try:
            async for events in stream.noack_take(self.batch_size, within=self.batch_timeout):
                await self.continuity.fill_holes(events, self.processor.process)
                await in_flight.submit(events)
        finally:
            await in_flight.cancel()


@dataclass
class DedupAgent:
    """Every enriched article, one at a time in the one-partition dedup topic, through the stateful stage."""

    stage: StatefulStage
    continuity: OffsetContinuity

    async def run(self, stream: faust.StreamT[bytes]) -> None:
        async for event in stream.events():
            await self.continuity.fill_holes([event], self._process_recovered)
            await self.stage.process(event.value, event.message.timestamp, event.message.offset)

    async def _process_recovered(self, events: Sequence[RecoveredEvent]) -> None:
        for recovered in events:
            await self.stage.process(recovered.message.value, recovered.message.timestamp, recovered.message.offset)
