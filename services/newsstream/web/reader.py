"""The web process's view of the topics: a plain aiokafka reader of `news.enriched` and `news.trending`.

It assigns itself every partition, joins no consumer group and commits nothing, so any number of web
processes can run beside the workers. On start it reads back the newest `backlog` records of each partition of
both topics (oldest first, so the newest end on top; the store keeps the newest `backlog` articles), then follows
both topics live. A probe every few seconds asks the
broker for the topics' end offsets: it says whether the broker answers and how far behind the reader is.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer, TopicPartition

from ..kafka.clients import ssl_context
from ..settings import Settings
from .store import ArticleStore

log = logging.getLogger(__name__)

PROBE_SECONDS = 2.0
PROBE_TIMEOUT = 3.0
START_RETRY_SECONDS = 2.0
FILL_SECONDS = 120.0  # a read-back that takes longer (a broker gone mid-way) starts over

Listener = Callable[[str, dict[str, Any]], Awaitable[None]]  # (event kind, its record or status)


class TopicReader:
    def __init__(self, settings: Settings, store: ArticleStore, backlog: int, listener: Listener) -> None:
        self.settings = settings
        self.store = store
        self.backlog = backlog
        self.listener = listener
        self.broker_up = False
        self.lag = 0
        self._consumer: AIOKafkaConsumer | None = None
        self._partitions: list[TopicPartition] = []
        self._tasks: list[asyncio.Task[None]] = []

    async def start(self) -> None:
        self._tasks = [asyncio.create_task(self._run(), name="web-reader"),
                       asyncio.create_task(self._probe(), name="web-probe")]

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._consumer is not None:
            await self._consumer.stop()

    def _new_consumer(self) -> AIOKafkaConsumer:
        security = self.settings.security
        options: dict[str, Any] = {"security_protocol": security.protocol}
        if security.uses_ssl:
            options["ssl_context"] = ssl_context(security)
        if security.uses_sasl:
            assert security.sasl_password is not None
            options.update(sasl_mechanism=security.sasl_mechanism, sasl_plain_username=security.sasl_username,
                           sasl_plain_password=security.sasl_password.reveal())
        return AIOKafkaConsumer(bootstrap_servers=self.settings.bootstrap, group_id=None, enable_auto_commit=False,
                                client_id="newsstream-web", fetch_max_bytes=64 * 1024 * 1024,
                                max_partition_fetch_bytes=64 * 1024 * 1024, **options)

    async def _run(self) -> None:
        while True:
            try:
                await self._connect()
                await self._fill()
                await self._follow()
            except asyncio.CancelledError:
                raise
            except Exception as error:  # a broker not there yet, or gone while starting: try again
                log.warning("web reader: %s: %s; retrying", type(error).__name__, error)
                await self._set_broker(False)
                if self._consumer is not None:
                    consumer, self._consumer = self._consumer, None
                    try:
                        await consumer.stop()
                    except Exception:  # already broken: it is dropped either way
                        log.debug("web reader: stopping a failed consumer", exc_info=True)
                await asyncio.sleep(START_RETRY_SECONDS)

    async def _connect(self) -> None:
        if self._consumer is not None:
            return
        consumer = self._new_consumer()
        try:
            await consumer.start()
        except BaseException:
            await consumer.stop()  # a consumer that could not start still holds a client to close
            raise
        self._consumer = consumer
        topics = (self.settings.topics.enriched, self.settings.topics.trending)
        numbers = await asyncio.to_thread(_partition_numbers, self.settings, topics)
        partitions = [TopicPartition(topic, number) for topic in topics for number in numbers.get(topic, ())]
        if not partitions:
            raise RuntimeError(f"the topics {', '.join(topics)} do not exist yet")
        consumer.assign(partitions)
        self._partitions = partitions
        await self._set_broker(True)

    async def _fill(self) -> None:
        """The newest `backlog` records of each partition, added oldest first (by record time)."""
        consumer = self._consumer
        assert consumer is not None
        beginning = await consumer.beginning_offsets(self._partitions)
        end = await consumer.end_offsets(self._partitions)
        for partition in self._partitions:
            consumer.seek(partition, max(beginning[partition], end[partition] - self.backlog))
        pending = {partition for partition in self._partitions if end[partition] > beginning[partition]}
        collected = []
        live = []  # records that arrived past the snapshot while reading back: kept, and sent as live ones
        deadline = asyncio.get_running_loop().time() + FILL_SECONDS
        while pending:
            if asyncio.get_running_loop().time() > deadline:
                raise TimeoutError(f"reading back {len(pending)} partitions took over {FILL_SECONDS:.0f} s")
            batches = await consumer.getmany(timeout_ms=1000)
            for partition, messages in batches.items():
                collected.extend(message for message in messages if message.offset < end[partition])
                live.extend(message for message in messages if message.offset >= end[partition])
                if await consumer.position(partition) >= end[partition]:
                    pending.discard(partition)
        collected.sort(key=lambda message: message.timestamp)
        for message in collected:
            self._take(message.topic, message.value)
        for message in live:
            taken = self._take(message.topic, message.value)
            if taken is not None:
                await self.listener(*taken)

    async def _follow(self) -> None:
        consumer = self._consumer
        assert consumer is not None
        while True:
            batches = await consumer.getmany(timeout_ms=500)
            for messages in batches.values():
                for message in messages:
                    taken = self._take(message.topic, message.value)
                    if taken is not None:
                        await self.listener(*taken)

    def _take(self, topic: str, value: bytes | None) -> tuple[str, dict[str, Any]] | None:
        """Keep a record; the event it makes ("article" or "trending", with the record), or None."""
        try:
            record = orjson.loads(value or b"")
        except orjson.JSONDecodeError:
            return None  # not ours to judge: the workers publish JSON; anything else is skipped here
        if not isinstance(record, dict):
            return None
        if topic == self.settings.topics.trending:
            return ("trending", record) if self.store.set_trending(record) else None
        return ("article", record) if self.store.add(record) else None

    async def _probe(self) -> None:
        while True:
            await asyncio.sleep(PROBE_SECONDS)
            consumer = self._consumer
            if consumer is None or not self._partitions:
                continue
            try:
                end, positions = await asyncio.wait_for(self._offsets(consumer), PROBE_TIMEOUT)
            except asyncio.CancelledError:
                raise
            except Exception:  # the broker does not answer: the page says so until it does again
                await self._set_broker(False)
                continue
            self.lag = sum(max(0, end[partition] - positions[partition]) for partition in self._partitions)
            await self._set_broker(True)

    async def _offsets(self, consumer: AIOKafkaConsumer) -> tuple[dict[TopicPartition, int], dict[TopicPartition, int]]:
        end = await consumer.end_offsets(self._partitions)
        return end, {partition: await consumer.position(partition) for partition in self._partitions}

    async def _set_broker(self, up: bool) -> None:
        if up != self.broker_up:
            self.broker_up = up
            log.info("web reader: broker %s", "reachable" if up else "unreachable")
            await self.listener("status", {"up": up})


def _partition_numbers(settings: Settings, topics: tuple[str, ...]) -> dict[str, list[int]]:
    """The partitions of each topic that exists, from kafka-python's metadata (aiokafka's consumer has no public
    call that refreshes it for topics it is not subscribed to)."""
    from ..kafka.clients import consumer

    kafka = consumer(settings, client_id="newsstream-web", request_timeout_ms=10000)
    try:
        return {topic: sorted(kafka.partitions_for_topic(topic) or ()) for topic in topics}
    finally:
        kafka.close()
