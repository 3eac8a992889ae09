"""Records that wait on a partition but never reach the agent: read the partition again from there.

faust-streaming 0.15.3 can leave a partition fetched but never delivered to its stream after a rebalance (its
flow control or a buffer clear drops what was fetched, and the fetcher's position is already past it): the
highwater moves on while the agent waits. Seen in the fault tests before `continuity` covered most of it; kept
as the last resort, counted by `newsstream_partition_rewinds_total`, which should stay 0.
To drop it: with `continuity` (same condition), once a Faust release delivers every fetched record.
"""

from __future__ import annotations

import logging

import faust

from ...metrics import WorkerMetrics
from .continuity import STALL_SECONDS, OffsetContinuity
from .offsets import committed_or_earliest

log = logging.getLogger(__name__)


async def rewind_stalled_partitions(app: faust.App, continuity: OffsetContinuity, topics: tuple[str, ...],
                                    metrics: WorkerMetrics) -> None:
    """One round of the check, for a timer: each assigned partition of `topics` whose next record waits past
    STALL_SECONDS without reaching the agent is sought back to it."""
    for tp in app.consumer.assignment():
        try:
            highwater = app.consumer.highwater(tp)
        except AssertionError:
            # Faust's assignment can still list a partition aiokafka revoked in a rebalance under way, and
            # aiokafka's highwater() asserts it is assigned ("Partition is not assigned", seen crashing the
            # survivor in test_two_workers_share_the_work...): the next round sees the new assignment.
            continue
        if tp.topic not in topics or not highwater:
            continue  # an empty partition has nothing waiting: no need to ask where it starts
        start = None
        if continuity.expected(tp) is None:
            try:
                start = await committed_or_earliest(app, tp)
            except Exception:  # no answer now: the next round asks again
                continue
        target = continuity.stalled_at(tp, highwater, start)
        if target is not None:
            log.warning("records from offset %d of %s/%d wait but none reached the agent for %.0f s; "
                        "reading the partition again from there", target, tp.topic, tp.partition,
                        STALL_SECONDS, extra={"topic": tp.topic, "partition": tp.partition, "offset": target})
            metrics.rewinds.labels(topic=tp.topic).inc()
            await app.consumer.seek(tp, target)
