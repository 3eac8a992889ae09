"""A fix for faust-streaming's rebalance recovery that otherwise loses records when an app has tables.

Found with the two-workers-one-killed fault test and the stateful stage on (SIGUSR2 flow state, then the
topics read back): after a rebalance a few records of each newly assigned partition were never processed,
while the consumer's position had moved past them (11 of 150 records in one run; 1 run in 6). Without
tables Faust takes another path (`Recovery._resume_streams`) that did not lose any.

Cause, in `Recovery.on_recovery_completed` (faust-streaming 0.15.3): with flow already resumed for reading
the changelogs, it first resumes the stream partitions, then seeks them to their committed offsets, then
calls `flow_control.resume()`, which clears the stream buffers. Records fetched in that window are handed
to the streams, the seek runs in the consumer thread while that fetch is being consumed (so the position
ends past them again), and the buffer clear then drops them: nothing re-reads them.

The fix keeps the same steps in a safe order: seek while the stream partitions are still paused, clear the
buffers, and only then resume the stream partitions. Nothing reaches a stream before the seek, and nothing
handed to a stream is cleared afterwards.

Proven by: tests/integration/test_faults.py (two workers, one killed, stage on) failing 1 run in 6 before the fix
and not since; tests/unit/test_rebalance_order.py checks the order of the steps.
To drop it: when a faust-streaming release seeks before resuming in `on_recovery_completed` (and seeks
uncommitted partitions to the log start in `perform_seek`), remove this module and its `install()` call, pin that
release, and run the fault tests a dozen times.

A second gap, in `Consumer.perform_seek`: "seek to the committed offsets" skips partitions without one
(aiokafka's `seek_to_committed` only seeks to offsets above 0), so their position stays wherever the fetcher
left it, and records fetched before a buffer clear are never read again. Seen in the stateful test: a worker
restarted after a record arrived on a partition nobody had committed yet never processed it. The fix seeks
those stream partitions to the log start, which is what `auto_offset_reset=earliest` promises.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, cast

import faust
from faust.tables.recovery import Recovery
from faust.transport.consumer import Consumer
from faust.types import TP

log = logging.getLogger(__name__)

# The body below mirrors this release's method line for line, except for the order of the three steps.
PATCHED_FAUST_VERSIONS = ("0.15.3",)
_ORIGINAL = Recovery.on_recovery_completed


async def _on_recovery_completed(self: Recovery, generation_id: int = 0) -> None:
    consumer = self.app.consumer
    self.log.info("Restore complete!")
    await self.app.on_rebalance_complete.send()
    self._set_recovery_ended()
    callback_coros = [
        asyncio.ensure_future(table.on_recovery_completed(self.actives_for_table[table],
                                                          self.standbys_for_table[table]))
        for table in self.tables.values()
    ]
    if callback_coros:
        await asyncio.wait(callback_coros)
    assignment = consumer.assignment()
    if self.app.consumer_generation_id != generation_id:
        self.log.warning(f"Recovery rebalancing again app id {self.app.consumer_generation_id} "
                         f"param {generation_id}")
        return
    stream_partitions = {tp for tp in assignment if not self._is_changelog_tp(tp)}
    if assignment:
        # 1. Seek while the stream partitions are paused: nothing of theirs has been handed to a stream yet.
        self.log.info("Seek stream partitions to committed offsets.")
        await self._wait(consumer.perform_seek(), timeout=self.app.conf.broker_request_timeout)
    self.completed.set()
    # 2. Clear the stream buffers (resume() does) before any record of a stream partition can enter them.
    self.app.flow_control.resume()
    # 3. Only now let the stream partitions be fetched, from the committed offsets.
    consumer.resume_partitions(stream_partitions)
    consumer.resume_flow()
    await cast(Any, self.app)._fetcher.maybe_start()
    self.tables.on_actives_ready()
    if not self.app.assignor.assigned_standbys():
        self.tables.on_standbys_ready()
    self.app.on_rebalance_end()
    self.log.info("Worker ready")


async def _perform_seek(self: Any) -> None:
    read_offset = self._read_offset
    committed = await self.seek_to_committed()
    changelogs = self.app.tables.changelog_topics
    # Changelog partitions are positioned by table recovery, not here.
    uncommitted = [tp for tp, offset in committed.items()
                   if (offset is None or offset <= 0) and tp.topic not in changelogs]
    if uncommitted:
        await self._thread.seek_to_beginning(*uncommitted)
    read_offset.update({TP(tp.topic, tp.partition): offset if offset is not None and offset >= 0 else None
                        for tp, offset in committed.items()})
    self._committed_offset.update({TP(tp.topic, tp.partition): offset if offset else None
                                   for tp, offset in committed.items() if offset is not None})


def install() -> bool:
    """Apply the fix (idempotent). Returns False, and leaves Faust alone, on a release it was not written for
    (the caller, `recovery.apply`, decides what that means)."""
    if Recovery.on_recovery_completed is _on_recovery_completed and Consumer.perform_seek is _perform_seek:
        return True
    if faust.__version__ not in PATCHED_FAUST_VERSIONS:
        return False
    Recovery.on_recovery_completed = _on_recovery_completed  # type: ignore[method-assign]
    Consumer.perform_seek = _perform_seek  # type: ignore[method-assign]
    return True
