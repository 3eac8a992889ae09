"""The two things `continuity` needs from Faust's consumer: where a partition starts, and marking a range done.

Both reach below Faust's public API (its aiokafka client, its gap bookkeeping); they are kept here, small, so
that a Faust upgrade has one place to check.
"""

from __future__ import annotations

from typing import Any

import faust
from aiokafka.structs import TopicPartition
from faust.types import TP


async def committed_or_earliest(app: faust.App, tp: TP) -> int:
    """The group's committed offset of `tp`, asked of the broker; with none committed, the log start offset."""
    consumer: Any = app.consumer
    thread = consumer._thread
    client = thread._ensure_consumer()
    partition = TopicPartition(tp.topic, tp.partition)
    committed = await thread.call_thread(client.committed, partition)
    if committed is not None and committed >= 0:
        return int(committed)
    earliest = await thread.call_thread(client.beginning_offsets, [partition])
    return int(earliest.get(partition, 0))


async def mark_processed(app: faust.App, tp: TP, start: int, end: int) -> None:
    """Let Faust's commits pass [start, end): records processed outside its streams (a "gap" in its terms)."""
    consumer: Any = app.consumer
    if app.topics.acks_enabled_for(tp.topic):
        await consumer._add_gap(tp, start, end - 1)
