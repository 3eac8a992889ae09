"""Offset continuity: holes in a partition's records are read back and processed, in order, before going on."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field

from faust.types import TP

from newsstream.stream.recovery.continuity import OffsetContinuity, RecoveredEvent, RecoveredMessage

RAW = TP("news.raw", 3)


@dataclass
class Message:
    topic: str
    partition: int
    offset: int
    value: bytes = b"{}"
    key: bytes | None = None
    timestamp: float | None = None


@dataclass
class Event:
    message: Message


def events(*offsets: int, tp: TP = RAW) -> list[Event]:
    return [Event(Message(tp.topic, tp.partition, offset)) for offset in offsets]


@dataclass
class FakeConsumer:
    """A partition log (offset -> present?) plus what the continuity guard asked of it."""

    committed: dict[TP, int] = field(default_factory=dict)
    absent: set[int] = field(default_factory=set)
    start_asked: list[TP] = field(default_factory=list)
    reads: list[tuple[TP, int, int]] = field(default_factory=list)
    done: list[tuple[TP, int, int]] = field(default_factory=list)
    processed: list[int] = field(default_factory=list)

    async def start_offset(self, tp: TP) -> int:
        self.start_asked.append(tp)
        return self.committed.get(tp, 0)

    async def read_range(self, tp: TP, start: int, end: int) -> Sequence[RecoveredMessage]:
        self.reads.append((tp, start, end))
        return [RecoveredMessage(tp.topic, tp.partition, offset, None, b"{}", None)
                for offset in range(start, end) if offset not in self.absent]

    async def mark_done(self, tp: TP, start: int, end: int) -> None:
        self.done.append((tp, start, end))

    async def process(self, batch: Sequence[RecoveredEvent | Event]) -> None:
        self.processed.extend(event.message.offset for event in batch)

    rewinds: list[tuple[TP, int]] = field(default_factory=list)

    async def rewind(self, tp: TP, offset: int) -> None:
        self.rewinds.append((tp, offset))

    def guard(self) -> OffsetContinuity:
        return OffsetContinuity(start_offset=self.start_offset, read_range=self.read_range, mark_done=self.mark_done,
                                rewind=self.rewind)


def run_batches(guard: OffsetContinuity, consumer: FakeConsumer, *batches: list[Event]) -> None:
    async def go() -> None:
        for batch in batches:
            await guard.fill_holes(batch, consumer.process)
            await consumer.process(batch)
    asyncio.run(go())


def test_records_in_order_from_the_committed_offset_need_nothing_read_back():
    consumer = FakeConsumer(committed={RAW: 10})
    guard = consumer.guard()
    run_batches(guard, consumer, events(10, 11, 12), events(13, 14))
    assert consumer.processed == [10, 11, 12, 13, 14]
    assert consumer.reads == [] and consumer.done == []
    assert consumer.start_asked == [RAW]
    assert guard.expected(RAW) == 15


def test_a_partition_taken_over_at_its_end_is_read_from_the_committed_offset_first():
    # The fault seen with faust-streaming: the new owner's first record is far past the committed offset.
    consumer = FakeConsumer(committed={RAW: 17})
    guard = consumer.guard()
    run_batches(guard, consumer, events(111, 112))
    assert consumer.reads == [(RAW, 17, 111)]
    assert consumer.processed == [*range(17, 111), 111, 112], "the hole is processed first, in order"
    assert consumer.done == [(RAW, 17, 111)], "Faust's commits are told the hole is done"


def test_a_hole_in_the_middle_of_a_stream_is_filled_before_the_record_after_it():
    consumer = FakeConsumer(committed={RAW: 0})
    guard = consumer.guard()
    run_batches(guard, consumer, events(0, 1, 2), events(6, 7))
    assert consumer.processed == [0, 1, 2, 3, 4, 5, 6, 7]
    assert consumer.done == [(RAW, 3, 6)]


def test_records_delivered_again_after_a_rebalance_are_processed_again_without_a_hole():
    consumer = FakeConsumer(committed={RAW: 0})
    guard = consumer.guard()
    run_batches(guard, consumer, events(0, 1, 2, 3), events(1, 2, 3, 4))
    assert consumer.processed == [0, 1, 2, 3, 1, 2, 3, 4]
    assert consumer.reads == []
    assert guard.expected(RAW) == 5


def test_offsets_without_records_are_marked_done_and_nothing_is_invented():
    consumer = FakeConsumer(committed={RAW: 0}, absent={3, 4})  # e.g. transaction markers
    guard = consumer.guard()
    run_batches(guard, consumer, events(0, 1, 2), events(5))
    assert consumer.processed == [0, 1, 2, 5]
    assert consumer.done == [(RAW, 3, 5)]


def test_after_a_rebalance_the_start_is_asked_again_and_partitions_are_independent():
    other = TP("news.raw", 4)
    consumer = FakeConsumer(committed={RAW: 0, other: 50})
    guard = consumer.guard()
    run_batches(guard, consumer, events(0, 1) + events(50, tp=other))
    guard.reset()
    consumer.committed[RAW] = 2
    run_batches(guard, consumer, events(2, 3))
    assert consumer.start_asked == [RAW, other, RAW]
    assert consumer.reads == []
    assert guard.expected(RAW) == 4 and guard.expected(other) is None


def test_when_the_start_cannot_be_found_the_stream_goes_on_unchecked_until_the_next_record():
    consumer = FakeConsumer()

    async def broken_start(tp: TP) -> int:
        raise TimeoutError("no answer")

    guard = OffsetContinuity(start_offset=broken_start, read_range=consumer.read_range, mark_done=consumer.mark_done,
                             rewind=consumer.rewind)
    run_batches(guard, consumer, events(40, 41), events(44))
    assert consumer.processed == [40, 41, 42, 43, 44], "checked from the first record on"
    assert consumer.reads == [(RAW, 42, 44)]


def test_a_hole_that_cannot_be_read_back_rewinds_the_consumer_instead():
    consumer = FakeConsumer(committed={RAW: 0})

    async def broken_read(tp: TP, start: int, end: int) -> Sequence[RecoveredMessage]:
        raise TimeoutError("broker gone")

    guard = OffsetContinuity(start_offset=consumer.start_offset, read_range=broken_read,
                             mark_done=consumer.mark_done, rewind=consumer.rewind)
    run_batches(guard, consumer, events(0, 1), events(5))
    assert consumer.rewinds == [(RAW, 2)]
    assert consumer.done == [], "nothing is counted done that was not processed"
    assert guard.expected(RAW) == 2, "the hole is still expected"


def test_a_record_that_waits_at_a_partitions_tail_gets_the_partition_read_again():
    # One record on a partition nobody committed: fetched, then lost before the agent; nothing later reveals it.
    now = [100.0]
    consumer = FakeConsumer()
    guard = OffsetContinuity(start_offset=consumer.start_offset, read_range=consumer.read_range,
                             mark_done=consumer.mark_done, rewind=consumer.rewind, clock=lambda: now[0])
    guard.reset()
    assert guard.stalled_at(RAW, highwater=1, start=0) is None, "not before the stall period"
    now[0] += 25.0
    assert guard.stalled_at(RAW, highwater=1, start=0) == 0
    assert guard.stalled_at(RAW, highwater=1, start=0) is None, "one rewind per period"
    run_batches(guard, consumer, events(0))
    now[0] += 60.0
    assert guard.stalled_at(RAW, highwater=1, start=0) is None, "caught up: nothing waits"
