"""Reading a range of one partition back, for `continuity`: a plain consumer outside Faust's machinery.

Also reads a single `news.dedup` record back for a near-duplicate revision (not a workaround: stays if
`continuity` is dropped, then as a reader of its own)."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from faust.types import TP
from kafka import KafkaConsumer, TopicPartition

from ...kafka.clients import consumer as kafka_consumer
from ...settings import Settings
from .continuity import RecoveredMessage

READ_TIMEOUT_SECONDS = 60.0


class HoleReader:
    """Reads [start, end) of a partition with its own kafka-python consumer (no group: it commits nothing)."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._consumer: KafkaConsumer | None = None
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsstream-holes")

    async def read(self, tp: TP, start: int, end: int) -> Sequence[RecoveredMessage]:
        return await asyncio.get_running_loop().run_in_executor(self._executor, self._read, tp, start, end)

    def _read(self, tp: TP, start: int, end: int) -> list[RecoveredMessage]:
        with self._lock:
            if self._consumer is None:
                # Committed records only: what a consumer of Faust's transactions (NEWSSTREAM_PROCESSING_GUARANTEE
                # exactly_once) may see; records written without transactions are all committed, so at least once
                # reads the same.
                self._consumer = kafka_consumer(self._settings, client_id="newsstream-holes", group_id=None,
                                                isolation_level="read_committed",
                                                max_partition_fetch_bytes=self._settings.max_message_bytes,
                                                fetch_max_bytes=self._settings.max_message_bytes)
            consumer = self._consumer
            partition = TopicPartition(tp.topic, tp.partition)
            consumer.assign([partition])
            consumer.seek(partition, start)
            records: list[RecoveredMessage] = []
            deadline = time.monotonic() + READ_TIMEOUT_SECONDS
            # position() moves past offsets that hold no record (transaction markers), so this ends on those too.
            while consumer.position(partition, timeout_ms=5000) < end:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"could not read back {tp.topic}/{tp.partition} {start}..{end - 1} "
                                       f"within {READ_TIMEOUT_SECONDS:.0f} s")
                for record in consumer.poll(timeout_ms=500, max_records=max(1, end - start)).get(partition, ()):
                    if start <= record.offset < end:
                        records.append(RecoveredMessage(
                            topic=tp.topic, partition=tp.partition, offset=record.offset, key=record.key,
                            value=record.value,
                            timestamp=record.timestamp / 1000 if record.timestamp is not None else None))
            return records

    def close(self) -> None:
        with self._lock:
            if self._consumer is not None:
                self._consumer.close()
                self._consumer = None
        self._executor.shutdown(wait=False)
