"""A replicated three-node cluster of the project's own brokers (`LocalCluster`, what `newsstream broker start
--nodes 3` runs): topics get three replicas and need two in sync; a node killed with SIGKILL mid-stream (the one
leading the most raw partitions, or the active controller) loses no article while the worker carries on without
a restart, and so does a rolling restart of every node. The nodes run their JMX exporters, and a real
Prometheus shows the node lost for good: its broker-down and under-replicated alerts' expressions true."""

from __future__ import annotations

import os
import signal
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from kafka.admin import ConfigResource, ConfigResourceType

from newsstream.kafka.broker import LocalCluster
from newsstream.kafka.clients import admin_client
from newsstream.kafka.topics import ensure_topics
from newsstream.settings import Settings

from ..kafka_stack import ENGLISH_ONLY, PROJECT_ROOT, Stack, free_port
from ..ops.conftest import PROMETHEUS_DIR, RULE_FILES, system_tool
from ..ops.prometheus_server import PrometheusServer, live_config
from ..ops.promql_parts import threshold_free_parts
from ..ops.rules import alert_rules
from .test_faults import BATCH, MAX_DUPLICATES_PER_CRASH, duplicates, feed, wait_for_all


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[LocalCluster]:
    base = free_port()
    libs = os.environ.get("NEWSSTREAM_KAFKA_LIBS", str(PROJECT_ROOT / ".cache" / "kafka" / "libs"))
    settings = Settings.from_env({"NEWSSTREAM_BROKER_PORT": str(free_port()),
                                  "NEWSSTREAM_BROKER_CONTROLLER_PORT": str(base),
                                  "NEWSSTREAM_STATE_DIR": str(tmp_path / "cluster"), "NEWSSTREAM_KAFKA_LIBS": libs,
                                  "NEWSSTREAM_BROKER_METRICS_PORT": str(free_port()),
                                  "KAFKA_HEAP_OPTS": "-Xms128m -Xmx384m"})
    cluster = LocalCluster(settings, 3)
    status = cluster.start(timeout=180)
    try:
        assert status.exit_code() == 0, status.describe()
        yield cluster
    finally:
        cluster.stop()


def leaders(settings: Settings, topic: str) -> Counter:
    admin = admin_client(settings)
    try:
        [description] = admin.describe_topics([topic])
    finally:
        admin.close()
    return Counter(partition["leader_id"] for partition in description["partitions"])


def active_controller(settings: Settings) -> int:
    admin = admin_client(settings)
    try:
        quorum = admin.describe_metadata_quorum()
    finally:
        admin.close()
    return int(quorum["topics"][0]["partitions"][0]["leader_id"])


def cluster_stack(cluster: LocalCluster, tmp_path: Path) -> Stack:
    env = {**os.environ, "KAFKA_BOOTSTRAP_SERVERS": cluster.bootstrap, "NEWSSTREAM_TOPIC_PREFIX": "cluster.",
           "NEWSSTREAM_APP_ID": "newsstream-cluster", "NEWSSTREAM_STATE_DIR": str(tmp_path / "state"),
           "NEWSSTREAM_LOG_LEVEL": "INFO", "NEWSSTREAM_MODELS": ENGLISH_ONLY}
    settings = Settings.from_env(env)
    ensure_topics(settings)
    return Stack(bootstrap=cluster.bootstrap, env=env, settings=settings, log_dir=tmp_path)


def kill(cluster: LocalCluster, node_id: int) -> None:
    pid = cluster.nodes[node_id - 1].status().pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)


def broker_prometheus(cluster: LocalCluster, workdir: Path) -> PrometheusServer:
    """A real Prometheus with the deployed rules, scraping every node's JMX exporter each second."""
    workdir.mkdir()
    targets = [f"127.0.0.1:{node.metrics_port}" for node in cluster.nodes]
    config = live_config(PROMETHEUS_DIR / "prometheus.yml", PROMETHEUS_DIR / "rules", None, kafka_targets=targets)
    server = PrometheusServer(system_tool("prometheus"), config, workdir, free_port())
    server.wait_until_ready()
    return server


def test_a_node_killed_mid_stream_loses_no_article(cluster: LocalCluster, tmp_path: Path):
    """...and stays down for good: the stream goes on, and in a real Prometheus scraping the nodes' exporters
    the under-replicated alert's expression (and the broker-down one's) becomes true."""
    prometheus = broker_prometheus(cluster, tmp_path / "prometheus")
    stack = cluster_stack(cluster, tmp_path)
    settings = stack.settings
    assert settings.replication_factor is None  # auto: min(3, brokers)
    admin = admin_client(settings)
    try:
        [raw] = admin.describe_topics([settings.topics.raw])
        assert {len(partition["replica_nodes"]) for partition in raw["partitions"]} == {3}
        configs = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, settings.topics.raw)])
        [by_name] = configs["topic"].values()
        assert by_name["min.insync.replicas"]["value"] == "2"
    finally:
        admin.close()

    try:
        prometheus.wait_for("three brokers scraped", lambda: len(prometheus.query('up{job="kafka"} == 1')) == 3)
        kafka_rules = {rule.name: rule for rule in alert_rules(RULE_FILES) if rule.name.startswith("Kafka")}
        for rule in kafka_rules.values():
            for part in threshold_free_parts(rule.expr):
                prometheus.wait_for(f"{rule.name}'s {part} to return data", lambda part=part: prometheus.query(part))
        assert not prometheus.query(kafka_rules["KafkaUnderReplicatedPartitions"].expr)  # all in sync before
        expected = feed(stack, 90)
        worker = stack.start_worker(NEWSSTREAM_BATCH_SIZE=str(BATCH))
        stack.wait_for_progress(15, worker)
        victim_id, led = leaders(settings, settings.topics.raw).most_common(1)[0]
        kill(cluster, victim_id)
        killed = time.monotonic()
        ids = wait_for_all(stack, expected, worker)
        assert worker.poll() is None, "the worker died with the node instead of carrying on"
        print(f"node {victim_id} (leader of {led} raw partitions) killed: {len(expected)} sent, {len(ids)} "
              f"enriched, {duplicates(ids)} duplicates, all delivered {time.monotonic() - killed:.1f} s after")
        assert duplicates(ids) <= MAX_DUPLICATES_PER_CRASH
        assert cluster.status().exit_code() == 4  # two of three nodes answer

        # The alert's expression without its `for: 5m`: true once the controller has fenced the dead node and
        # shrunk the in-sync sets it was in (broker.session.timeout.ms, 9 s by default).
        under = prometheus.wait_for("KafkaUnderReplicatedPartitions' expression to be true", lambda: prometheus.query(
            kafka_rules["KafkaUnderReplicatedPartitions"].expr), timeout=120)
        down = prometheus.query(kafka_rules["KafkaBrokerDown"].expr)
        dead = f"127.0.0.1:{cluster.nodes[victim_id - 1].metrics_port}"
        assert [sample["metric"]["instance"] for sample in down] == [dead]
        assert dead not in {sample["metric"]["instance"] for sample in under}  # the survivors report it
        print(f"under-replicated after node {victim_id}'s loss: " + ", ".join(
            f"{sample['metric']['instance']}: {sample['value'][1]}" for sample in under))
        assert not prometheus.query(kafka_rules["KafkaOfflinePartitions"].expr)
        assert not prometheus.query(kafka_rules["KafkaActiveControllerCountNotOne"].expr)
    finally:
        stack.stop_all()
        prometheus.stop()


def test_the_active_controller_killed_mid_stream_loses_no_article(cluster: LocalCluster, tmp_path: Path):
    stack = cluster_stack(cluster, tmp_path)
    try:
        expected = feed(stack, 90)
        worker = stack.start_worker(NEWSSTREAM_BATCH_SIZE=str(BATCH))
        stack.wait_for_progress(15, worker)
        controller = active_controller(stack.settings)
        kill(cluster, controller)
        killed = time.monotonic()
        ids = wait_for_all(stack, expected, worker)
        assert worker.poll() is None, "the worker died with the controller instead of carrying on"
        assert active_controller(stack.settings) != controller  # the quorum elected another
        print(f"active controller (node {controller}) killed: {len(expected)} sent, {len(ids)} enriched, "
              f"{duplicates(ids)} duplicates, all delivered {time.monotonic() - killed:.1f} s after")
        assert duplicates(ids) <= MAX_DUPLICATES_PER_CRASH
    finally:
        stack.stop_all()


def test_a_rolling_restart_of_every_node_loses_no_article(cluster: LocalCluster, tmp_path: Path):
    stack = cluster_stack(cluster, tmp_path)
    try:
        expected = feed(stack, 90)
        worker = stack.start_worker(NEWSSTREAM_BATCH_SIZE=str(BATCH))
        stack.wait_for_progress(10, worker)
        started = time.monotonic()
        for node in cluster.nodes:  # one at a time, each back and answering before the next goes
            node.stop()
            node.start(timeout=120)
        print(f"rolling restart of {len(cluster.nodes)} nodes took {time.monotonic() - started:.1f} s")
        ids = wait_for_all(stack, expected, worker)
        assert worker.poll() is None, "the worker died during the rolling restart"
        print(f"rolling restart: {len(expected)} sent, {len(ids)} enriched, {duplicates(ids)} duplicates")
        assert duplicates(ids) <= len(cluster.nodes) * MAX_DUPLICATES_PER_CRASH
    finally:
        stack.stop_all()
