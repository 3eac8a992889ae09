"""A local Apache Kafka cluster (KRaft) for development, `make run` and the tests: one node by default, or N
combined broker-and-controller nodes (`newsstream broker start --nodes 3`).

The brokers' jars come from Maven Central through `deploy/kafka/pom.xml` and are cached in
`NEWSSTREAM_KAFKA_LIBS`. Node 1's storage, config, logs and pid file live under `NEWSSTREAM_STATE_DIR/broker`
(where the single-node broker always kept them), node i's under `NEWSSTREAM_STATE_DIR/broker-<i>`; node i
listens on `NEWSSTREAM_BROKER_PORT + 2(i-1)` and its controller on `NEWSSTREAM_BROKER_CONTROLLER_PORT + 2(i-1)`.
The cluster's size is kept in `NEWSSTREAM_STATE_DIR/broker-nodes`, which is how clients of a local cluster find
every node. Nothing here is used when `KAFKA_BOOTSTRAP_SERVERS` points at a real cluster.
"""

from __future__ import annotations

import base64
import os
import shutil
import signal
import socket
import subprocess
import time
import uuid
from dataclasses import dataclass
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path

from ..errors import BrokerError
from ..settings import Settings

KAFKA_MAIN_CLASS = "kafka.Kafka"
STORAGE_TOOL_CLASS = "kafka.tools.StorageTool"
# The Maven description of the broker's jars (Apache Kafka from Maven Central), shipped inside the package so that
# an installed newsstream can fetch them too (deploy/kafka/pom.xml links here for the Makefile and the image).
DEFAULT_POM = Path(str(resources.files("newsstream").joinpath("broker_pom.xml")))
# The Prometheus JMX exporter, run as a java agent in each node when NEWSSTREAM_BROKER_METRICS_PORT is set: the
# Maven Central coordinates (1.0.1 is the newest this project's mirror serves) and its rules, shipped like the pom.
JMX_EXPORTER = "io.prometheus.jmx:jmx_prometheus_javaagent:1.0.1"
JMX_EXPORTER_CONFIG = Path(str(resources.files("newsstream").joinpath("broker_jmx_exporter.yml")))
MAVEN_DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1"

_SERVER_PROPERTIES = """\
# Written by `newsstream broker start`: node {node_id} of a {nodes}-node KRaft cluster on loopback.
process.roles=broker,controller
node.id={node_id}
controller.quorum.voters={voters}
listeners=PLAINTEXT://127.0.0.1:{port},CONTROLLER://127.0.0.1:{controller_port}
advertised.listeners=PLAINTEXT://127.0.0.1:{port}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs={data_dir}
num.partitions=1
# With three or more nodes every topic, the internal ones included, has three replicas and needs two in sync to
# accept a write: a node lost loses nothing, and the group coordinator (consumer offsets) survives it.
default.replication.factor={replication}
min.insync.replicas={min_insync}
offsets.topic.replication.factor={replication}
offsets.topic.num.partitions=6
transaction.state.log.replication.factor={replication}
transaction.state.log.min.isr={min_insync}
share.coordinator.state.topic.replication.factor={replication}
share.coordinator.state.topic.min.isr={min_insync}
# Topics are created by the project with explicit partition counts, never by a typo in a client.
auto.create.topics.enable=false
group.initial.rebalance.delay.ms=0
log.retention.hours=168
message.max.bytes={max_message_bytes}
"""

_LOG4J2_PROPERTIES = """\
status = warn
# Kafka logs its own shutdown; log4j must not close the appenders under it.
shutdownHook = disable
appender.file.type = RollingFile
appender.file.name = file
appender.file.fileName = {log_dir}/server.log
appender.file.filePattern = {log_dir}/server.log.%i
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
appender.file.policies.type = Policies
appender.file.policies.size.type = SizeBasedTriggeringPolicy
appender.file.policies.size.size = 20MB
appender.file.strategy.type = DefaultRolloverStrategy
appender.file.strategy.max = 3
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = file
logger.kafka.name = kafka
logger.kafka.level = INFO
logger.kafka_request.name = kafka.request.logger
logger.kafka_request.level = WARN
logger.apache.name = org.apache.kafka
logger.apache.level = INFO
"""


@dataclass(frozen=True, slots=True)
class BrokerStatus:
    running: bool
    pid: int | None
    bootstrap: str
    data_dir: Path
    log_file: Path

    def describe(self) -> str:
        if self.running:
            return (f"local Kafka broker running (pid {self.pid}) at {self.bootstrap}; "
                    f"data in {self.data_dir}; log {self.log_file}")
        return f"local Kafka broker not running (would listen on {self.bootstrap}; data in {self.data_dir})"


def replication_for(nodes: int) -> tuple[int, int]:
    """(replication factor, min.insync.replicas) of a cluster of `nodes` brokers: min(3, nodes), and 2 with three
    or more replicas (one node may fail without refusing writes or losing acknowledged ones)."""
    replication = min(3, max(1, nodes))
    return replication, 2 if replication >= 3 else 1


def local_nodes(state_dir: Path) -> int:
    """The size of the local cluster last started under `state_dir` (1 when none was)."""
    try:
        return max(1, int((state_dir / NODES_FILE).read_text().strip()))
    except (OSError, ValueError):
        return 1


def node_ports(settings: Settings, node_id: int) -> tuple[int, int]:
    """(client port, controller port) of node `node_id` (1-based) of the local cluster."""
    return settings.broker_port + 2 * (node_id - 1), settings.broker_controller_port + 2 * (node_id - 1)


def metrics_port(settings: Settings, node_id: int) -> int | None:
    """The port of node `node_id`'s JMX exporter, or None when the local broker runs without one."""
    return None if settings.broker_metrics_port is None else settings.broker_metrics_port + node_id - 1


def local_bootstrap(settings: Settings, nodes: int) -> str:
    return ",".join(f"127.0.0.1:{node_ports(settings, node)[0]}" for node in range(1, nodes + 1))


NODES_FILE = "broker-nodes"
CLUSTER_ID_FILE = "broker-cluster-id"


class LocalBroker:
    """Install, start, stop and inspect one node of the project's local cluster (node 1: the single broker)."""

    def __init__(self, settings: Settings, pom: Path = DEFAULT_POM, *, extra_properties: str = "",
                 format_arguments: Sequence[str] = (), node_id: int = 1, nodes: int = 1) -> None:
        """`extra_properties` are appended to server.properties (a later key overrides an earlier one), and
        `format_arguments` are given to the storage format (e.g. `--add-scram` to create SCRAM users)."""
        self.settings = settings
        self.pom = pom
        self.extra_properties = extra_properties
        self.format_arguments = list(format_arguments)
        self.node_id = node_id
        self.nodes = nodes
        self.port, self.controller_port = node_ports(settings, node_id)
        self.metrics_port = metrics_port(settings, node_id)
        self.home = settings.state_dir / ("broker" if node_id == 1 else f"broker-{node_id}")
        self.data_dir = self.home / "data"
        self.log_dir = self.home / "logs"
        self.config_file = self.home / "server.properties"
        self.log_config_file = self.home / "log4j2.properties"
        self.pid_file = self.home / "broker.pid"
        self.stdout_file = self.log_dir / "stdout.log"
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    # --- jars -------------------------------------------------------------------------------------------
    def jars_present(self) -> bool:
        libs = self.settings.kafka_libs
        return libs.is_dir() and any(libs.glob("kafka_2.13-*.jar")) and any(libs.glob("kafka-server-*.jar"))

    def ensure_jars(self) -> None:
        """Fetch the broker's jars from Maven Central with Maven, once."""
        if self.jars_present():
            return
        if not self.pom.is_file():
            raise BrokerError(f"cannot find {self.pom} to resolve the Kafka jars")
        self.settings.kafka_libs.mkdir(parents=True, exist_ok=True)
        _fetch_with_maven(["-f", str(self.pom), "dependency:copy-dependencies",
                           f"-DoutputDirectory={self.settings.kafka_libs}"], "the Kafka jars", self.jars_present)

    @property
    def jmx_exporter_jar(self) -> Path:
        _, artifact, version = JMX_EXPORTER.split(":")
        return self.settings.kafka_libs.parent / "agents" / f"{artifact}-{version}.jar"

    def ensure_jmx_exporter(self) -> None:
        """Fetch the JMX exporter's agent jar from Maven Central, once (kept out of the brokers' classpath)."""
        if self.jmx_exporter_jar.is_file():
            return
        self.jmx_exporter_jar.parent.mkdir(parents=True, exist_ok=True)
        _fetch_with_maven([f"{MAVEN_DEPENDENCY_PLUGIN}:copy", f"-Dartifact={JMX_EXPORTER}",
                           f"-DoutputDirectory={self.jmx_exporter_jar.parent}"], JMX_EXPORTER,
                          self.jmx_exporter_jar.is_file, cwd=self.jmx_exporter_jar.parent)

    def _agent_options(self) -> list[str]:
        if self.metrics_port is None:
            return []
        self.ensure_jmx_exporter()
        return [f"-javaagent:{self.jmx_exporter_jar}=127.0.0.1:{self.metrics_port}:{JMX_EXPORTER_CONFIG}"]

    # --- lifecycle --------------------------------------------------------------------------------------
    def _pid(self) -> int | None:
        try:
            pid = int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            return pid
        return pid

    def status(self) -> BrokerStatus:
        pid = self._pid()
        return BrokerStatus(running=pid is not None, pid=pid, bootstrap=self.bootstrap,
                            data_dir=self.data_dir, log_file=self.log_dir / "server.log")

    def _java(self) -> str:
        java_home = os.environ.get("JAVA_HOME")
        if java_home and (Path(java_home) / "bin" / "java").exists():
            return str(Path(java_home) / "bin" / "java")
        java = shutil.which("java")
        if java is None:
            raise BrokerError("Java is not installed: the Kafka broker needs Java 17 or newer "
                              "(Debian package openjdk-17-jre-headless).")
        return java

    def _classpath(self) -> str:
        return str(self.settings.kafka_libs / "*")

    def _write_config(self) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        replication, min_insync = replication_for(self.nodes)
        voters = ",".join(f"{node}@127.0.0.1:{node_ports(self.settings, node)[1]}" for node in range(1, self.nodes + 1))
        self.config_file.write_text(_SERVER_PROPERTIES.format(
            node_id=self.node_id, nodes=self.nodes, voters=voters, replication=replication, min_insync=min_insync,
            port=self.port,
            controller_port=self.controller_port,
            data_dir=self.data_dir,
            # Leave headroom above the largest record the worker accepts so that oversized inputs reach
            # the worker (and its dead-letter topic) instead of being refused at the broker.
            max_message_bytes=self.settings.max_message_bytes,
        ) + self.extra_properties)
        self.log_config_file.write_text(_LOG4J2_PROPERTIES.format(log_dir=self.log_dir))

    def _format_storage(self, java: str) -> None:
        if (self.data_dir / "meta.properties").exists():
            return
        cluster_id = self._cluster_id()
        result = subprocess.run(
            [java, "-cp", self._classpath(), f"-Dlog4j2.configurationFile={self.log_config_file}",
             STORAGE_TOOL_CLASS, "format", "-t", cluster_id, "-c", str(self.config_file), *self.format_arguments],
            capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise BrokerError("formatting the broker storage failed:\n" + (result.stdout + result.stderr)[-4000:])

    def _cluster_id(self) -> str:
        """The id every node of a cluster is formatted with (a new one for a single node, as before)."""
        if self.nodes == 1:
            return new_cluster_id()
        path = self.settings.state_dir / CLUSTER_ID_FILE
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(new_cluster_id())
        return path.read_text().strip()

    def start(self, timeout: float = 90.0, *, wait: bool = True) -> BrokerStatus:
        """Start the broker (fetching jars and formatting storage when needed); wait until it answers (a node of
        a cluster cannot answer before a quorum of controllers runs: `wait=False` leaves that to the caller)."""
        current = self.status()
        if current.running:
            if wait:
                wait_until_broker_answers(self.bootstrap, timeout)
            return current
        self.ensure_jars()
        java = self._java()
        self._write_config()
        self._format_storage(java)
        heap = self.settings.kafka_heap_opts.split()
        command = [java, *heap, "-XX:+UseG1GC", "-Djava.awt.headless=true", *self._agent_options(),
                   f"-Dlog4j2.configurationFile={self.log_config_file}",
                   "-cp", self._classpath(), KAFKA_MAIN_CLASS, str(self.config_file)]
        with open(self.stdout_file, "ab") as out:
            process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT,
                                       stdin=subprocess.DEVNULL, start_new_session=True)
        self.pid_file.write_text(str(process.pid))
        self._process = process
        if not wait:
            return self.status()
        try:
            wait_until_broker_answers(self.bootstrap, timeout, process=process)
        except BrokerError:
            self.stop()
            raise BrokerError(f"the local broker did not start; last log lines:\n{self.tail_log()}") from None
        return self.status()

    def stop(self, timeout: float = 30.0) -> bool:
        """Stop the broker cleanly (SIGTERM, then SIGKILL after `timeout`). Returns whether one ran."""
        pid = self._pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return False
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not _alive(pid):
                break
            time.sleep(0.1)
        else:
            os.kill(pid, signal.SIGKILL)
            while _alive(pid):
                time.sleep(0.1)
        self.pid_file.unlink(missing_ok=True)
        return True

    def tail_log(self, lines: int = 30) -> str:
        chunks = []
        for path in (self.log_dir / "server.log", self.stdout_file):
            if path.exists():
                chunks.append("\n".join(path.read_text(errors="replace").splitlines()[-lines:]))
        return "\n".join(chunks)


def _fetch_with_maven(arguments: Sequence[str], what: str, fetched: Callable[[], bool], cwd: Path | None = None) -> None:
    """Run Maven (batch mode, quiet) to fetch `what` from Maven Central; BrokerError unless `fetched()` after."""
    mvn = shutil.which("mvn")
    if mvn is None:
        raise BrokerError(f"Maven (mvn) is not installed: it fetches {what}. Run `make install` "
                          "or install the Debian package `maven`.")
    result = subprocess.run([mvn, "-B", "-q", *arguments], capture_output=True, text=True, check=False, cwd=cwd)
    if result.returncode != 0 or not fetched():
        raise BrokerError(f"fetching {what} with Maven failed:\n" + (result.stdout + result.stderr)[-4000:])


def _alive(pid: int) -> bool:
    try:
        waited, _ = os.waitpid(pid, os.WNOHANG)
        if waited == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def accepts_connections(bootstrap: str) -> bool:
    """A cheap TCP check before a Kafka client is made (kafka-python logs every refused connection)."""
    for server in bootstrap.split(","):
        host, _, port = server.strip().rpartition(":")
        try:
            with socket.create_connection((host or "127.0.0.1", int(port)), timeout=2.0):
                return True
        except (OSError, ValueError):
            continue
    return False


def wait_until_broker_answers(bootstrap: str, timeout: float, process: subprocess.Popen[bytes] | None = None) -> None:
    """Block until a Kafka broker at `bootstrap` answers a metadata request."""
    from kafka import KafkaAdminClient
    from kafka.errors import KafkaError

    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise BrokerError(f"the broker process exited with code {process.returncode}")
        if not accepts_connections(bootstrap):
            last_error = ConnectionRefusedError(f"nothing listens on {bootstrap}")
            time.sleep(0.2)
            continue
        try:
            admin = KafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=5000,
                                     client_id="newsstream-probe")
            try:
                admin.describe_cluster()
                return
            finally:
                admin.close()
        except (KafkaError, OSError, ValueError) as error:
            last_error = error
            time.sleep(0.25)
    raise BrokerError(f"no Kafka broker answered at {bootstrap} within {timeout:.0f} s ({last_error})")


def new_cluster_id() -> str:
    """A KRaft cluster id: a random UUID in URL-safe base64, as `kafka-storage random-uuid` makes them, and
    like Kafka's own never with a leading "-" (one in 64 would be read as an option by kafka-storage format)."""
    while True:
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not cluster_id.startswith("-"):
            return cluster_id


@dataclass(frozen=True, slots=True)
class ClusterStatus:
    nodes: list[BrokerStatus]
    bootstrap: str

    @property
    def answering(self) -> int:
        return sum(1 for node in self.nodes if node.running and accepts_connections(node.bootstrap))

    def describe(self) -> str:
        lines = [f"node {number} pid {node.pid if node.running else '-'} at {node.bootstrap}"
                 + ("" if node.running else " (not running)") for number, node in enumerate(self.nodes, 1)]
        return "\n".join([*lines, f"bootstrap {self.bootstrap}"])

    def exit_code(self) -> int:
        """0 when every node answers, 4 when some do, 3 when none does."""
        answering = self.answering
        return 0 if answering == len(self.nodes) else 4 if answering else 3


class LocalCluster:
    """The local cluster: N LocalBroker nodes started together, sharing one cluster id and controller quorum."""

    def __init__(self, settings: Settings, nodes: int | None = None, **options: object) -> None:
        self.settings = settings
        self.size = nodes if nodes is not None else local_nodes(settings.state_dir)
        if self.size < 1:
            raise BrokerError(f"a cluster needs at least one node, not {self.size}")
        self.nodes = [LocalBroker(settings, node_id=node, nodes=self.size, **options)  # type: ignore[arg-type]
                      for node in range(1, self.size + 1)]

    @property
    def bootstrap(self) -> str:
        return local_bootstrap(self.settings, self.size)

    def start(self, timeout: float = 120.0) -> ClusterStatus:
        if self.size == 1:
            self.nodes[0].start(timeout)
            self._record_size()
            return self.status()
        recorded = self.settings.state_dir / NODES_FILE
        if recorded.exists() and local_nodes(self.settings.state_dir) != self.size and \
                any(node.status().running for node in LocalCluster(self.settings).nodes):
            raise BrokerError(f"a {local_nodes(self.settings.state_dir)}-node local cluster is running: stop it first")
        self.nodes[0].ensure_jars()
        for node in self.nodes:
            node.start(timeout, wait=False)
        self._record_size()
        deadline = time.monotonic() + timeout
        for node in self.nodes:
            try:
                wait_until_broker_answers(node.bootstrap, max(1.0, deadline - time.monotonic()), process=node._process)
            except BrokerError:
                logs = "\n".join(f"--- node {other.node_id} ---\n{other.tail_log(15)}" for other in self.nodes)
                self.stop()
                raise BrokerError(f"the local cluster did not start:\n{logs}") from None
        return self.status()

    def _record_size(self) -> None:
        self.settings.state_dir.mkdir(parents=True, exist_ok=True)
        (self.settings.state_dir / NODES_FILE).write_text(str(self.size))

    def stop(self, timeout: float = 30.0) -> bool:
        """Stop every node (the last controllers last); whether any ran."""
        return any([node.stop(timeout) for node in reversed(self.nodes)])

    def status(self) -> ClusterStatus:
        return ClusterStatus([node.status() for node in self.nodes], self.bootstrap)
