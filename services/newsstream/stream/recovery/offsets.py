"""The two things `continuity` needs from Faust's consumer: where a partition starts, and marking a range done.

Both reach below Faust's public API (its aiokafka client, its gap bookkeeping); they are kept here, small, so
that a Faust upgrade has one place to check. Goes with `continuity` (drop them together).
"""

from __future__ import annotations

import asyncio
from typing import Any

import faust
from aiokafka.structs import TopicPartition
from faust.types import TP


async def committed_or_earliest(app: faust.App, tp: TP, timeout: float = 10.0) -> int:
    """Where `tp` must start after an assignment: the committed offset Faust found when it sought the partition
    (before any record was handed to a stream), or with none committed, the log start offset."""
    committed = committed_offset(app, tp)
    if committed is not None:
        return committed
    consumer: Any = app.consumer
    thread = consumer._thread
    partition = TopicPartition(tp.topic, tp.partition)
    earliest = await asyncio.wait_for(
        thread.call_thread(thread._ensure_consumer().beginning_offsets, [partition]), timeout)
    return int(earliest.get(partition, 0))


def committed_offset(app: faust.App, tp: TP) -> int | None:
    consumer: Any = app.consumer
    committed = consumer._committed_offset.get(tp)
    return int(committed) if committed is not None and committed >= 0 else None


async def mark_processed(app: faust.App, tp: TP, start: int, end: int) -> None:
    """Let Faust's commits pass [start, end): records processed outside its streams (a "gap" in its terms)."""
    consumer: Any = app.consumer
    if app.topics.acks_enabled_for(tp.topic):
        await consumer._add_gap(tp, start, end - 1)
