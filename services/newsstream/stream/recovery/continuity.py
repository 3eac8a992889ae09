"""Offset continuity: every record of a partition is processed, whatever the consumer underneath does.

At-least-once delivery needs each partition's records to reach the agent in order from the group's committed
offset. faust-streaming does not always manage that around a rebalance: in the fault test with two workers, one
killed, a worker taking over a partition that had no committed offset yet sometimes started at its end, and
(before `rebalance_order`) records were dropped from a stream buffer. The consumer's position moved past those
records, and Faust could then commit past them too (its commit check is skipped when it knows no committed
offset), so nothing would ever read them again.

So the agents check, per partition, that each record is the next one expected: the first record after an
assignment must be at the group's committed offset (or, with none committed, at the start of the log), and each
later one must follow the last. When records are missing, the agent reads them itself (a plain consumer,
assigned to that partition, reads exactly the missing range), processes them before the record that revealed
the hole, and tells Faust's commit bookkeeping that the range is done. Offsets that are not in the log at all
(transaction markers, compaction) simply yield no record.

Records arriving again (offset below the expected one) are re-deliveries after a rebalance: processed again,
as at-least-once allows.

Proven by: the two-workers-one-killed fault test (tests/integration/test_faults.py) reading every topic back
(records missing, committed past, 1 run in 6 before this guard); tests/unit/test_continuity.py drives the guard.
To drop it: when a faust-streaming release starts every assigned partition at its committed offset (or the log
start) and never commits past a record it did not hand to a stream, remove this guard with `hole_reader`,
`offsets` and `stalls`, and run the fault tests a dozen times; `newsstream_records_recovered_total` staying at 0
in production is the sign it is no longer needed.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from faust.types import TP

log = logging.getLogger(__name__)

READ_TIMEOUT_SECONDS = 90.0
STALL_SECONDS = 20.0


@dataclass(frozen=True, slots=True)
class RecoveredMessage:
    """A record read back from a hole, shaped like the `event.message` the agents read."""

    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes
    timestamp: float | None


@dataclass(frozen=True, slots=True)
class RecoveredEvent:
    message: RecoveredMessage


StartOffset = Callable[[TP], Awaitable[int]]
"""Where a freshly assigned partition must start: the committed offset, else the log start offset."""
ReadRange = Callable[[TP, int, int], Awaitable[Sequence[RecoveredMessage]]]
"""Read the records of [start, end) of a partition."""
MarkDone = Callable[[TP, int, int], Awaitable[None]]
"""Tell the commit bookkeeping that [start, end) is processed."""


@dataclass
class OffsetContinuity:
    start_offset: StartOffset
    read_range: ReadRange
    mark_done: MarkDone
    rewind: Callable[[TP, int], Awaitable[None]]
    """Seek the consumer back to an offset: used only when a hole cannot be read back."""
    on_hole: Callable[[TP, int], None] = lambda tp, recovered: None
    clock: Callable[[], float] = time.monotonic
    _expected: dict[TP, int] = field(default_factory=dict)
    _last_seen: dict[TP, float] = field(default_factory=dict)
    _since: float = field(default_factory=time.monotonic)

    def reset(self) -> None:
        """After a rebalance: Faust seeks every partition back to its committed offset, so start over."""
        self._expected.clear()
        self._last_seen.clear()
        self._since = self.clock()

    def stalled_at(self, tp: TP, highwater: int | None, start: int | None) -> int | None:
        """For a periodic check: the offset to rewind `tp` to when records wait past the next expected one and
        none has reached the agent for `STALL_SECONDS` (a hole at a partition's tail has no later record to
        reveal it). `start` stands in for the expected offset before the partition's first record."""
        expected = self._expected.get(tp, start)
        if highwater is None or expected is None or highwater <= expected:
            return None
        now = self.clock()
        if now - self._last_seen.get(tp, self._since) < STALL_SECONDS:
            return None
        self._last_seen[tp] = now  # at most one rewind per period
        return expected

    def expected(self, tp: TP) -> int | None:
        return self._expected.get(tp)

    async def missing_before(self, tp: TP, offset: int) -> Hole | None:
        """Account for a record at `offset`; return the hole before it (with its records read back), if any."""
        self._last_seen[tp] = self.clock()
        expected = self._expected.get(tp)
        if expected is None:
            try:
                expected = await self.start_offset(tp)
            except Exception as error:  # the check must never stop the stream it protects
                log.warning("cannot tell where %s/%d starts (%r); not checking it before offset %d",
                            tp.topic, tp.partition, error, offset)
                expected = offset
        if offset <= expected:
            self._expected[tp] = max(expected, offset + 1)
            return None
        log.warning("records %d..%d of %s/%d never reached the agent; reading them back",
                    expected, offset - 1, tp.topic, tp.partition,
                    extra={"topic": tp.topic, "partition": tp.partition, "missing_from": expected, "received": offset})
        try:
            recovered = await asyncio.wait_for(self.read_range(tp, expected, offset), READ_TIMEOUT_SECONDS)
        except Exception as error:
            # Second line of defence: have the consumer read the partition again from the first missing record.
            log.error("could not read back %s/%d %d..%d (%r); rewinding the consumer to %d",
                      tp.topic, tp.partition, expected, offset - 1, error, expected)
            await self.rewind(tp, expected)
            return None
        self.on_hole(tp, len(recovered))
        self._expected[tp] = offset + 1
        return Hole(tp, expected, offset, recovered)

    async def fill_holes(self, events: Iterable[Any],
                         process: Callable[[Sequence[RecoveredEvent]], Awaitable[Any]]) -> None:
        """Before events are processed: process the records missing before any of them, in offset order, and
        mark each hole done for the commit bookkeeping (`on_hole` counts what was read back)."""
        for event in events:
            message = event.message
            hole = await self.missing_before(TP(message.topic, message.partition), message.offset)
            if hole is None:
                continue
            if hole.records:
                await process([RecoveredEvent(record) for record in hole.records])
            await self.mark_done(hole.tp, hole.start, hole.end)


@dataclass(frozen=True, slots=True)
class Hole:
    tp: TP
    start: int
    end: int
    """Exclusive: the offset of the record that revealed the hole."""
    records: Sequence[RecoveredMessage]
