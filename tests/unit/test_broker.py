"""The local broker and cluster: storage format arguments, node configs, bootstrap, status and replication."""

from __future__ import annotations

import base64
from pathlib import Path

from newsstream.kafka.broker import new_cluster_id


def test_cluster_ids_are_16_random_bytes_that_never_read_as_an_option():
    ids = [new_cluster_id() for _ in range(3000)]  # a leading "-" would come up ~47 times in 3,000
    assert not [cluster_id for cluster_id in ids if cluster_id.startswith("-")]
    assert len(set(ids)) == len(ids)
    assert all(len(base64.urlsafe_b64decode(cluster_id + "==")) == 16 for cluster_id in ids)


def cluster_settings(tmp_path, **extra: str):
    from newsstream.settings import Settings

    return Settings.from_env({"NEWSSTREAM_BROKER_PORT": "19092", "NEWSSTREAM_BROKER_CONTROLLER_PORT": "19093",
                              "NEWSSTREAM_STATE_DIR": str(tmp_path), **extra})


def test_each_node_of_a_local_cluster_has_its_ports_dir_and_the_quorum_of_all(tmp_path):
    from newsstream.kafka.broker import LocalCluster, replication_for

    cluster = LocalCluster(cluster_settings(tmp_path), 3)
    node = cluster.nodes[1]
    node._write_config()
    config = node.config_file.read_text()
    assert node.home == tmp_path / "broker-2" and cluster.nodes[0].home == tmp_path / "broker"
    assert "node.id=2" in config and "listeners=PLAINTEXT://127.0.0.1:19094,CONTROLLER://127.0.0.1:19095" in config
    assert "controller.quorum.voters=1@127.0.0.1:19093,2@127.0.0.1:19095,3@127.0.0.1:19097" in config
    assert "default.replication.factor=3" in config and "min.insync.replicas=2" in config
    assert "offsets.topic.replication.factor=3" in config and "transaction.state.log.min.isr=2" in config
    assert cluster.bootstrap == "127.0.0.1:19092,127.0.0.1:19094,127.0.0.1:19096"
    assert [replication_for(nodes) for nodes in (1, 2, 3, 5)] == [(1, 1), (2, 1), (3, 2), (3, 2)]


def test_clients_of_a_local_cluster_get_every_node_and_status_says_how_many_answer(tmp_path):
    import socket

    from newsstream.kafka.broker import BrokerStatus, ClusterStatus

    (tmp_path / "broker-nodes").write_text("2")
    assert cluster_settings(tmp_path).bootstrap == "127.0.0.1:19092,127.0.0.1:19094"
    assert cluster_settings(tmp_path, KAFKA_BOOTSTRAP_SERVERS="kafka:9092").bootstrap == "kafka:9092"
    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen()
        up = BrokerStatus(True, 41, f"127.0.0.1:{listening.getsockname()[1]}", tmp_path, tmp_path / "log")
        down = BrokerStatus(False, None, "127.0.0.1:1", tmp_path, tmp_path / "log")
        assert ClusterStatus([up, up], "b").exit_code() == 0
        assert ClusterStatus([up, down], "b").exit_code() == 4
        assert ClusterStatus([down, down], "b").exit_code() == 3
        lines = ClusterStatus([up, down], "127.0.0.1:19092,127.0.0.1:19094").describe().splitlines()
        assert lines[0] == f"node 1 pid 41 at {up.bootstrap}" and lines[1].startswith("node 2 pid - at")
        assert lines[-1] == "bootstrap 127.0.0.1:19092,127.0.0.1:19094"


def test_replication_is_auto_unless_a_number_is_given(tmp_path):
    assert cluster_settings(tmp_path).replication_factor is None
    assert cluster_settings(tmp_path, NEWSSTREAM_REPLICATION_FACTOR="2").replication_factor == 2


def test_nodes_is_only_for_start_and_must_be_positive(tmp_path, capsys):
    import pytest

    from newsstream.cli import build_parser, main

    with pytest.raises(SystemExit):
        build_parser().parse_args(["broker", "start", "--nodes", "0"])
    assert main(["broker", "status", "--nodes", "3"]) == 2
    assert "--nodes is for `broker start`" in capsys.readouterr().err


def test_each_node_runs_the_jmx_exporter_on_its_own_port_only_when_asked(tmp_path):
    from newsstream.kafka.broker import JMX_EXPORTER, JMX_EXPORTER_CONFIG, LocalCluster
    from newsstream.settings import Settings

    base = {"NEWSSTREAM_STATE_DIR": str(tmp_path), "NEWSSTREAM_KAFKA_LIBS": str(tmp_path / "libs")}
    assert [node._agent_options() for node in LocalCluster(Settings.from_env(base), 3).nodes] == [[], [], []]

    cluster = LocalCluster(Settings.from_env({**base, "NEWSSTREAM_BROKER_METRICS_PORT": "9404"}), 3)
    for node in cluster.nodes:
        node.jmx_exporter_jar.parent.mkdir(parents=True, exist_ok=True)
        node.jmx_exporter_jar.write_bytes(b"")  # present: nothing is fetched
    assert [node.metrics_port for node in cluster.nodes] == [9404, 9405, 9406]
    assert cluster.nodes[2]._agent_options() == [
        f"-javaagent:{tmp_path / 'agents' / 'jmx_prometheus_javaagent-1.0.1.jar'}=127.0.0.1:9406:{JMX_EXPORTER_CONFIG}"]
    assert JMX_EXPORTER_CONFIG.is_file()
    # `make install` fetches the same agent the broker runs (the Compose brokers mount it from there).
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    assert f"-Dartifact={JMX_EXPORTER} " in makefile
    assert f"jmx_prometheus_javaagent-{JMX_EXPORTER.rsplit(':', 1)[1]}.jar" in makefile
