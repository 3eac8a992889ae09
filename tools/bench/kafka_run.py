"""The end-to-end configurations on a real broker: pre-load a raw topic, run workers, read what they publish.

Timestamps are Kafka record timestamps (CreateTime, set by the producing process from the same wall clock
as this process), so they measure when a record was handed to the producer, not when it was read back.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import orjson
from kafka import KafkaConsumer, KafkaProducer, TopicPartition

from newsstream.kafka.broker import LocalBroker
from newsstream.kafka.topics import ensure_topics
from newsstream.settings import Settings

from .corpus import BenchArticle, with_id
from .machine import tree_cpu_seconds, tree_peak_rss_mib

PROJECT_ROOT = Path(__file__).resolve().parents[2]
MAX_FETCH_BYTES = 128 * 1024 * 1024


class ProcessStopped(RuntimeError):
    """A worker or agent ended before the benchmark stopped it."""

    def __init__(self, message: str, returncode: int) -> None:
        super().__init__(message)
        # A clean exit or SIGTERM that the benchmark did not send: another session on this shared machine
        # stopped processes by name. Worth one retry; a crash is not.
        self.stopped_from_outside = returncode in (0, -signal.SIGTERM, -signal.SIGINT)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def local_broker(state_dir: Path) -> Iterator[str]:
    """The project's KRaft broker on free ports under `state_dir`; stopped even when the benchmark fails."""
    libs = os.environ.get("NEWSSTREAM_KAFKA_LIBS", str(PROJECT_ROOT / ".cache" / "kafka" / "libs"))
    settings = Settings.from_env({"NEWSSTREAM_BROKER_PORT": str(free_port()),
                                  "NEWSSTREAM_BROKER_CONTROLLER_PORT": str(free_port()),
                                  "NEWSSTREAM_STATE_DIR": str(state_dir), "NEWSSTREAM_KAFKA_LIBS": libs})
    broker = LocalBroker(settings)
    broker.start(timeout=180)
    try:
        yield broker.bootstrap
    finally:
        broker.stop()


@dataclass
class Deployment:
    """One isolated deployment on the broker: its own topic prefix, consumer group, state dir and logs."""

    bootstrap: str
    name: str
    work_dir: Path
    env: dict[str, str] = field(init=False)
    settings: Settings = field(init=False)
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def __post_init__(self) -> None:
        prefix = f"bench-{self.name}-{uuid.uuid4().hex[:6]}."
        self.env = {**os.environ, "KAFKA_BOOTSTRAP_SERVERS": self.bootstrap, "NEWSSTREAM_TOPIC_PREFIX": prefix,
                    "NEWSSTREAM_APP_ID": f"newsstream-{prefix.rstrip('.')}",
                    "NEWSSTREAM_STATE_DIR": str(self.work_dir / "state"), "NEWSSTREAM_METRICS_PORT": "0",
                    "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")]))}
        self.settings = Settings.from_env(self.env)
        self.work_dir.mkdir(parents=True, exist_ok=True)
        ensure_topics(self.settings)

    def start(self, command: Sequence[str], **extra_env: str) -> subprocess.Popen[bytes]:
        log = open(self.work_dir / f"process-{len(self.processes)}.log", "wb")  # noqa: SIM115 (lives with the process)
        process = subprocess.Popen(list(command), env={**self.env, **extra_env}, stdout=log,
                                   stderr=subprocess.STDOUT, cwd=self.work_dir)
        self.processes.append(process)
        return process

    def start_workers(self, count: int, **extra_env: str) -> list[subprocess.Popen[bytes]]:
        return [self.start([sys.executable, "-m", "newsstream", "worker"], **extra_env) for _ in range(count)]

    def start_naive_agent(self, model: str) -> subprocess.Popen[bytes]:
        return self.start([sys.executable, "-m", "faust", "-A", "tools.bench.naive_agent", "worker", "-l", "warn"],
                          NAIVE_BOOTSTRAP=self.bootstrap, NAIVE_RAW_TOPIC=self.settings.topics.raw,
                          NAIVE_OUT_TOPIC=self.settings.topics.enriched, NAIVE_APP_ID=self.env["NEWSSTREAM_APP_ID"],
                          NAIVE_MODEL=model)

    def peak_rss(self) -> list[float]:
        """Per worker, its own process and its enrichment process together."""
        return [tree_peak_rss_mib(process.pid) for process in self.processes]

    def cpu(self) -> list[float]:
        return [tree_cpu_seconds(process.pid) for process in self.processes]

    def check_alive(self) -> None:
        for index, process in enumerate(self.processes):
            if process.poll() is not None:
                raise ProcessStopped(f"{self.name}: process {index} exited with {process.returncode}\n"
                                     f"{self.log_tail()}", returncode=process.returncode)

    def log_tail(self, lines: int = 30) -> str:
        tails = []
        for index in range(len(self.processes)):
            text = (self.work_dir / f"process-{index}.log").read_text(errors="replace")
            tails.append(f"--- process {index} ---\n" + "\n".join(text.splitlines()[-lines:]))
        return "\n".join(tails)

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def new_work_dir(root: Path, name: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=f"{name}-", dir=root))


def producer(bootstrap: str, linger_ms: int = 10) -> KafkaProducer:
    return KafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=linger_ms, max_request_size=16 * 1024 * 1024)


def preload(bootstrap: str, topic: str, articles: Sequence[BenchArticle]) -> None:
    sender = producer(bootstrap)
    try:
        for article in articles:
            sender.send(topic, key=article.key, value=article.value)
        sender.flush(timeout=120)
    finally:
        sender.close()


def end_offsets_total(bootstrap: str, topic: str) -> int:
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, group_id=None)
    try:
        partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or ()]
        return sum(consumer.end_offsets(partitions).values())
    finally:
        consumer.close()


def drain_timestamps(bootstrap: str, topic: str) -> list[tuple[str, float]]:
    """(key, timestamp in seconds) of every record on `topic` now."""
    return [(key, stamp) for key, stamp, _ in drain_records(bootstrap, topic)]


def drain_records(bootstrap: str, topic: str) -> list[tuple[str, float, bytes]]:
    """(key, timestamp in seconds, value) of every record on `topic` now."""
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, group_id=None,
                             fetch_max_bytes=MAX_FETCH_BYTES, max_partition_fetch_bytes=MAX_FETCH_BYTES)
    try:
        partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or ()]
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        ends = consumer.end_offsets(partitions)
        records: list[tuple[str, float, bytes]] = []
        while any(consumer.position(tp) < end for tp, end in ends.items()):
            for batch in consumer.poll(timeout_ms=1000).values():
                records.extend(((record.key or b"").decode("utf-8", "replace"), record.timestamp / 1000,
                                record.value or b"") for record in batch)
        return records
    finally:
        consumer.close()


def wait_for_output(deployment: Deployment, topic: str, wanted: set[str], timeout: float,
                    poll_seconds: float = 0.5) -> list[tuple[str, float, bytes]]:
    """Every record of `topic` (key, timestamp, value) once each id in `wanted` is on it. Polls end offsets
    (cheap) and only reads the topic when there are enough records, so the benchmark itself takes little CPU
    from the workers."""
    deadline = time.monotonic() + timeout
    while True:
        deployment.check_alive()
        if end_offsets_total(deployment.bootstrap, topic) >= len(wanted):
            records = drain_records(deployment.bootstrap, topic)
            if wanted <= {key for key, _, _ in records}:
                return records
        if time.monotonic() > deadline:
            raise TimeoutError(f"{deployment.name}: {topic} did not get all {len(wanted)} records within "
                               f"{timeout:.0f}s\n{deployment.log_tail()}")
        time.sleep(poll_seconds)


@dataclass(frozen=True, slots=True)
class EndToEnd:
    started_at: float                      # wall clock when the processes were started
    records: list[tuple[str, float]]       # (article id, output timestamp), duplicates included
    peak_rss_mib: list[float]
    cpu_seconds: list[float]               # per process, start-up included: low values mean CPU starvation
    first_output_at: float | None = None   # first record on any output topic (entities leave before enriched)
    # article id -> (raw partition, when its enrichment finished), from newsstream's enriched records
    finished: dict[str, tuple[int, float]] = field(default_factory=dict)


def run_end_to_end(root: Path, bootstrap: str, name: str, articles: Sequence[BenchArticle],
                   start: Callable[[Deployment], object], timeout: float) -> EndToEnd:
    """Pre-load the raw topic, then start the process(es) and wait for every article on the output topic."""
    deployment = Deployment(bootstrap, name, new_work_dir(root, name))
    try:
        preload(bootstrap, deployment.settings.topics.raw, articles)
        started_at = time.time()
        start(deployment)
        records = wait_for_output(deployment, deployment.settings.topics.enriched, {a.id for a in articles}, timeout)
        entities = drain_timestamps(bootstrap, deployment.settings.topics.entities)
        return EndToEnd(started_at=started_at, records=[(key, stamp) for key, stamp, _ in records],
                        peak_rss_mib=deployment.peak_rss(), cpu_seconds=deployment.cpu(),
                        first_output_at=min((stamp for _, stamp in entities), default=None),
                        finished=finished_enrichments(records))
    finally:
        deployment.stop()


def finished_enrichments(records: Sequence[tuple[str, float, bytes]]) -> dict[str, tuple[int, float]]:
    """article id -> (raw partition, processing.enriched_at) of the first copy of each newsstream record among
    `records` (key, timestamp, value); empty for the naive agent's records, which carry neither."""
    finished: dict[str, tuple[int, float]] = {}
    for key, _, value in records:
        processing = orjson.loads(value).get("processing") or {}
        if key in finished or "enriched_at" not in processing:
            continue
        finished[key] = (int(processing["source_partition"]),
                         dt.datetime.fromisoformat(processing["enriched_at"].replace("Z", "+00:00")).timestamp())
    return finished


@dataclass(frozen=True, slots=True)
class LatencyRun:
    raw: dict[str, float]
    enriched: dict[str, float]
    analysed: dict[str, float]             # processing.enriched_at: when the worker finished the article
    sent: int
    peak_rss_mib: list[float]


def run_latency(root: Path, bootstrap: str, articles: Sequence[BenchArticle], rate: float, duration: float,
                timeout: float) -> LatencyRun:
    """One worker, already warm; a producer thread sends at `rate` articles/s for `duration` seconds."""
    deployment = Deployment(bootstrap, "latency", new_work_dir(root, "latency"))
    topics = deployment.settings.topics
    try:
        deployment.start_workers(1)
        # Ready means: model loaded, partitions assigned, one record through. Only then does the clock start.
        sender = producer(bootstrap, linger_ms=0)
        sender.send(topics.raw, key=b"warm-up", value=with_id(articles[0], "warm-up"))
        sender.flush()
        wait_for_output(deployment, topics.enriched, {"warm-up"}, timeout)
        count = max(1, int(rate * duration))
        ids = [f"latency-{index}" for index in range(count)]
        values = [with_id(articles[index % len(articles)], ids[index]) for index in range(count)]
        paced = threading.Thread(target=_send_paced, args=(sender, topics.raw, ids, values, rate), daemon=True)
        paced.start()
        paced.join(timeout=duration * 2 + 30)
        sender.flush()
        sender.close()
        output = wait_for_output(deployment, topics.enriched, set(ids) | {"warm-up"}, timeout)
        peak = deployment.peak_rss()
        wanted = set(ids)
        raw = {key: stamp for key, stamp in drain_timestamps(bootstrap, topics.raw) if key in wanted}
        enriched: dict[str, float] = {}
        analysed: dict[str, float] = {}
        for key, stamp, value in output:
            if key in enriched:
                continue  # first copy wins if a record was ever published twice
            enriched[key] = stamp
            finished = orjson.loads(value).get("processing", {}).get("enriched_at")
            if finished:
                analysed[key] = dt.datetime.fromisoformat(finished.replace("Z", "+00:00")).timestamp()
        return LatencyRun(raw=raw, enriched=enriched, analysed=analysed, sent=count, peak_rss_mib=peak)
    finally:
        deployment.stop()


def _send_paced(sender: KafkaProducer, topic: str, ids: Sequence[str], values: Sequence[bytes], rate: float) -> None:
    began = time.monotonic()
    for index, (key, value) in enumerate(zip(ids, values, strict=True)):
        delay = began + index / rate - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        sender.send(topic, key=key.encode(), value=value)
