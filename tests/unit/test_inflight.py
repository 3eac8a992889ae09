"""Batches in flight: processed concurrently, acknowledged in order and only once processed."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import pytest

from newsstream.stream.inflight import InFlightBatches


class Recorder:
    def __init__(self) -> None:
        self.started: list[int] = []
        self.acked: list[int] = []
        self.published: list[int] = []
        self.gates: dict[int, asyncio.Event] = {}
        self.fail: set[int] = set()

    def gate(self, batch: int) -> asyncio.Event:
        return self.gates.setdefault(batch, asyncio.Event())

    async def enrich(self, events: Sequence[int]) -> Sequence[int]:
        batch = events[0] // 10
        self.started.append(batch)
        await self.gate(batch).wait()
        if batch in self.fail:
            raise RuntimeError(f"batch {batch} failed")
        return events

    async def publish(self, events: Sequence[int]) -> None:
        self.published.extend(events)

    async def ack(self, event: int) -> None:
        self.acked.append(event)


def run(scenario) -> None:
    asyncio.run(asyncio.wait_for(scenario, timeout=10))


async def until(condition, timeout: float = 2.0) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0)


def test_the_next_batch_starts_before_the_last_is_done_and_acks_stay_in_order():
    async def scenario() -> None:
        recorder = Recorder()
        in_flight = InFlightBatches(recorder.enrich, recorder.publish, recorder.ack, limit=2)
        await in_flight.submit([0, 1])
        second = asyncio.ensure_future(in_flight.submit([10, 11]))
        await until(lambda: recorder.started == [0, 1])
        assert not second.done(), "two batches are in flight: submit must wait"
        recorder.gate(1).set()            # the later batch finishes first ...
        await asyncio.sleep(0.01)
        assert recorder.acked == []       # ... but is not acknowledged before the earlier one
        recorder.gate(0).set()
        await second
        await until(lambda: recorder.acked == [0, 1, 10, 11])
        await in_flight.submit([20])
        recorder.gate(2).set()
        await in_flight.drain()
        assert recorder.acked == [0, 1, 10, 11, 20]
        assert len(in_flight) == 0

    run(scenario())


def test_a_failed_batch_and_every_later_one_stay_unacknowledged_and_the_error_reaches_the_agent():
    async def scenario() -> None:
        recorder = Recorder()
        recorder.fail.add(0)
        in_flight = InFlightBatches(recorder.enrich, recorder.publish, recorder.ack, limit=3)
        await in_flight.submit([0])
        await in_flight.submit([10])
        recorder.gate(1).set()
        recorder.gate(0).set()
        with pytest.raises(RuntimeError, match="batch 0 failed"):
            await in_flight.drain()
        assert recorder.acked == []

    run(scenario())


def test_the_error_of_a_batch_is_raised_by_the_next_submit():
    async def scenario() -> None:
        recorder = Recorder()
        recorder.fail.add(0)
        recorder.gate(0).set()
        in_flight = InFlightBatches(recorder.enrich, recorder.publish, recorder.ack, limit=2)
        await in_flight.submit([0])
        await until(lambda: len(in_flight) == 0)
        with pytest.raises(RuntimeError, match="batch 0 failed"):
            await in_flight.submit([10])
        assert recorder.started == [0]

    run(scenario())


def test_cancel_abandons_the_batches_with_the_model_and_finishes_those_publishing():
    async def scenario() -> None:
        recorder = Recorder()
        publishing = asyncio.Event()
        release = asyncio.Event()

        async def slow_publish(events):
            publishing.set()
            await release.wait()
            recorder.published.extend(events)

        in_flight = InFlightBatches(recorder.enrich, slow_publish, recorder.ack, limit=3)
        await in_flight.submit([0])
        await in_flight.submit([10])
        recorder.gate(0).set()            # batch 0 leaves the model and is being published; batch 1 is not
        await publishing.wait()
        stopping = asyncio.ensure_future(in_flight.cancel())
        await asyncio.sleep(0.01)
        release.set()
        await stopping
        assert recorder.published == [0] and recorder.acked == [0]
        recorder.gate(1).set()
        await asyncio.sleep(0.01)
        assert recorder.published == [0] and recorder.acked == [0] and len(in_flight) == 0
        await in_flight.drain()  # nothing left, no failure recorded

    run(scenario())
