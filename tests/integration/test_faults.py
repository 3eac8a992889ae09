"""Delivery under faults, on real brokers: every raw record ends on news.enriched or news.deadletter.

Each test does full accounting: sent == enriched (unique ids) + dead-lettered, and counts duplicates, which
at-least-once delivery allows only for records processed after the last offset commit (docs/guarantees.md).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from collections import Counter

import pytest

from newsstream.kafka.clients import admin_client
from newsstream.kafka.topics import ensure_topics
from newsstream.settings import Settings

from ..kafka_stack import Stack
from .workloads import corpus_records

pytestmark = pytest.mark.integration

BATCH = 8
# Faust commits every 4 batches (broker_commit_every) or every 2.8 s: a crash repeats at most the records
# processed since the last commit, which is bounded by one commit's worth plus the batch in flight.
MAX_DUPLICATES_PER_CRASH = 4 * BATCH + BATCH
# When one of two workers dies, the survivor's own partitions are rebalanced too and it repeats what it had not
# committed either; with the stateful stage (the default) the owner of news.dedup also repeats the dedup records
# it processed since its last commit (docs/guarantees.md).
MAX_DUPLICATES_TWO_WORKERS = 2 * MAX_DUPLICATES_PER_CRASH
MAX_DUPLICATES_PER_CRASH_STATEFUL = 2 * MAX_DUPLICATES_PER_CRASH
MAX_DUPLICATES_TWO_WORKERS_STATEFUL = 3 * MAX_DUPLICATES_PER_CRASH


def feed(stack: Stack, count: int) -> set[str]:
    records = corpus_records(count // 3 + 1)[:count]
    producer = stack.producer()
    for record in records:
        producer.send(stack.settings.topics.raw, key=record.key, value=record.value)
    producer.flush()
    producer.close()
    return {record.key.decode() for record in records}


def wait_for_all(stack: Stack, expected: set[str], process: subprocess.Popen[bytes], timeout: float = 300) -> Counter:
    enriched = stack.consume(stack.settings.topics.enriched, lambda got: {m.key.decode() for m in got} >= expected,
                             timeout=timeout, process=process)
    ids = Counter(message.key.decode() for message in enriched)
    assert set(ids) == expected, "an article was lost or an unknown one appeared"
    assert not stack.drain(stack.settings.topics.deadletter), "valid articles were dead-lettered"
    return ids


def duplicates(ids: Counter) -> int:
    return sum(count - 1 for count in ids.values())


def wait_for_log(stack: Stack, index: int, pattern: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not re.search(pattern, stack.worker_log(index)):
        if time.monotonic() > deadline:
            raise AssertionError(f"worker {index} never logged {pattern!r}\n{stack.worker_log(index)[-3000:]}")
        if stack.workers[index].poll() is not None:
            raise AssertionError(f"worker {index} exited\n{stack.worker_log(index)[-3000:]}")
        time.sleep(0.2)


def test_a_worker_killed_with_sigkill_loses_nothing_after_restart(stack):
    expected = feed(stack, 120)
    first = stack.start_worker(NEWSSTREAM_BATCH_SIZE=str(BATCH))
    stack.wait_for_progress(30, first)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    assert len(stack.progress()) < len(expected), "finished before the kill"

    second = stack.start_worker(NEWSSTREAM_BATCH_SIZE=str(BATCH))
    ids = wait_for_all(stack, expected, second)
    print(f"SIGKILL: {len(expected)} sent, {len(ids)} enriched, {duplicates(ids)} duplicates")
    assert duplicates(ids) <= MAX_DUPLICATES_PER_CRASH_STATEFUL


@pytest.mark.parametrize("stateful", [True, False], ids=["stateful", "stateless"])
def test_two_workers_share_the_work_and_the_survivor_finishes_when_one_is_killed(stack, stateful):
    expected = feed(stack, 150)
    workers = [stack.start_worker(NEWSSTREAM_BATCH_SIZE=str(BATCH), NEWSSTREAM_SESSION_TIMEOUT="6",
                                  NEWSSTREAM_STATEFUL=str(stateful).lower())
               for _ in range(2)]
    for index in range(2):
        wait_for_log(stack, index, r"partitions assigned: \S+/\d")
    stack.wait_for_progress(20, workers[0])
    workers[0].send_signal(signal.SIGKILL)
    workers[0].wait(timeout=10)

    ids = wait_for_all(stack, expected, workers[1])
    # The survivor takes over all six partitions once the session of the dead one times out.
    wait_for_log(stack, 1, r"partitions assigned: (\S+/\d+, ){5}\S+/\d+\"", timeout=60)
    recovered = sum(stack.worker_log(index).count("never reached the agent") for index in range(2))
    print(f"two workers, one killed (stateful={stateful}): {len(expected)} sent, {len(ids)} enriched, "
          f"{duplicates(ids)} duplicates, {recovered} holes read back")
    assert duplicates(ids) <= (MAX_DUPLICATES_TWO_WORKERS_STATEFUL if stateful else MAX_DUPLICATES_TWO_WORKERS)


def delete_topic(settings: Settings, topic: str) -> None:
    admin = admin_client(settings)
    try:
        admin.delete_topics([topic])
        deadline = time.monotonic() + 30
        while topic in admin.list_topics():
            assert time.monotonic() < deadline, f"{topic} was not deleted"
            time.sleep(0.1)
    finally:
        admin.close()


def test_an_output_topic_that_vanishes_delays_records_but_loses_none(stack):
    """Sends to a missing topic cannot complete; the worker keeps retrying (holding its batch, so no offset
    is committed past what it could not publish) and delivers everything once the topic is back."""
    enriched_topic = stack.settings.topics.enriched
    worker = stack.start_worker(NEWSSTREAM_BATCH_SIZE=str(BATCH))
    wait_for_log(stack, 0, r"partitions assigned: \S+/\d")
    delete_topic(stack.settings, enriched_topic)
    expected = feed(stack, 30)
    wait_for_log(stack, 0, "not found in cluster metadata", timeout=180)  # the producer is retrying
    assert worker.poll() is None
    ensure_topics(stack.settings)
    ids = wait_for_all(stack, expected, worker)
    assert worker.poll() is None, "the worker died instead of retrying"
    print(f"vanished topic: {len(expected)} sent, {len(ids)} enriched, {duplicates(ids)} duplicates")
    assert duplicates(ids) <= MAX_DUPLICATES_PER_CRASH


def test_the_worker_rides_out_a_broker_restart(private_broker, tmp_path):
    env = {**os.environ, "KAFKA_BOOTSTRAP_SERVERS": private_broker.bootstrap, "NEWSSTREAM_TOPIC_PREFIX": "restart.",
           "NEWSSTREAM_APP_ID": "newsstream-restart", "NEWSSTREAM_STATE_DIR": str(tmp_path / "state"),
           "NEWSSTREAM_LOG_LEVEL": "INFO"}
    settings = Settings.from_env(env)
    ensure_topics(settings)
    stack = Stack(bootstrap=private_broker.bootstrap, env=env, settings=settings, log_dir=tmp_path)
    try:
        expected = feed(stack, 90)
        worker = stack.start_worker(NEWSSTREAM_BATCH_SIZE=str(BATCH))
        stack.wait_for_progress(15, worker)
        private_broker.stop()
        down = time.monotonic()
        wait_for_log(stack, 0, r"(?i)(connect|disconnect|unable|error)", timeout=60)
        private_broker.start(timeout=120)
        print(f"broker was down {time.monotonic() - down:.1f} s")
        ids = wait_for_all(stack, expected, worker)
        assert worker.poll() is None, "the worker died with the broker instead of reconnecting"
        print(f"broker restart: {len(expected)} sent, {len(ids)} enriched, {duplicates(ids)} duplicates")
        assert duplicates(ids) <= MAX_DUPLICATES_PER_CRASH
    finally:
        stack.stop_all()
