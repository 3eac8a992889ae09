"""kafka-python clients (admin, producer, consumer) built from settings, for the CLI and topic set-up.

The Faust worker has its own aiokafka clients; these are for the short-lived commands (`feed`, `tail`,
topic creation) where a synchronous client is simpler.
"""

from __future__ import annotations

import logging
import ssl
import time
from dataclasses import dataclass
from typing import Any

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer
from kafka.admin import NewTopic
from kafka.errors import TopicAlreadyExistsError

from .broker import accepts_connections
from .errors import BrokerError
from .settings import KafkaSecurity, Settings

log = logging.getLogger(__name__)

DEADLETTER_RETENTION_MS = 30 * 24 * 3600 * 1000
DEDUP_RETENTION_MS = 24 * 3600 * 1000


def dedup_topic_retention_ms(settings: Settings) -> int:
    """news.dedup keeps records as long as the index keeps articles (and at least a day): a revision reads the
    copy's record back from there to publish it again."""
    return max(DEDUP_RETENTION_MS, int(settings.dedup_retention_seconds * 1000))
TABLES = ("dedup_index", "trending_buckets")


def client_config(settings: Settings) -> dict[str, Any]:
    """Connection options for kafka-python clients, security included."""
    security = settings.security
    config: dict[str, Any] = {"bootstrap_servers": settings.bootstrap.split(","),
                              "security_protocol": security.protocol}
    if security.uses_sasl:
        assert security.sasl_password is not None
        config.update(sasl_mechanism=security.sasl_mechanism, sasl_plain_username=security.sasl_username,
                      sasl_plain_password=security.sasl_password.reveal())
    if security.uses_ssl:
        config.update(ssl_check_hostname=security.ssl_check_hostname,
                      ssl_cafile=str(security.ssl_cafile) if security.ssl_cafile else None,
                      ssl_certfile=str(security.ssl_certfile) if security.ssl_certfile else None,
                      ssl_keyfile=str(security.ssl_keyfile) if security.ssl_keyfile else None)
    return config


def ssl_context(security: KafkaSecurity) -> ssl.SSLContext:
    """The TLS context of the Faust (aiokafka) clients: the CA file, optional client certificate."""
    context = ssl.create_default_context(cafile=str(security.ssl_cafile) if security.ssl_cafile else None)
    context.check_hostname = security.ssl_check_hostname
    if security.ssl_certfile and security.ssl_keyfile:
        context.load_cert_chain(str(security.ssl_certfile), str(security.ssl_keyfile))
    return context


def admin_client(settings: Settings) -> KafkaAdminClient:
    return KafkaAdminClient(client_id="newsstream-admin", request_timeout_ms=30000, **client_config(settings))


class _ConnectionFailures(logging.Handler):
    """Collects the SASL and TLS failures kafka-python logs while it retries (in the end it reports only a
    timeout), so that the error can say which of the two went wrong."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.authentication = False
        self.tls = False

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "AuthenticationFailed" in message:
            self.authentication = True
        elif "CERTIFICATE_VERIFY_FAILED" in message or "SSLError" in message or "SSL:" in message:
            self.tls = True


def check_connection(settings: Settings, timeout: float = 20.0) -> None:
    """Fail fast with a clear sentence when the cluster is unreachable or refuses our credentials.

    Without this, the Faust clients would retry a wrong password forever.
    """
    from kafka.errors import KafkaError

    failures = _ConnectionFailures()
    kafka_logger = logging.getLogger("kafka")
    kafka_logger.addHandler(failures)
    try:
        admin = KafkaAdminClient(client_id="newsstream-check", request_timeout_ms=int(timeout * 1000),
                                 bootstrap_timeout_ms=int(timeout * 1000), **client_config(settings))
        try:
            admin.describe_cluster()
        finally:
            admin.close()
    except (KafkaError, ssl.SSLError, OSError) as error:
        raise BrokerError(_connection_failure(settings, error, failures)) from None
    finally:
        kafka_logger.removeHandler(failures)


def _connection_failure(settings: Settings, error: Exception, failures: _ConnectionFailures) -> str:
    security = settings.security
    name = type(error).__name__
    # The broker may close the connection before the client reads its "authentication failed" answer, so a
    # reachable SASL listener that never lets us in is reported as a credentials problem too.
    refused_in = security.uses_sasl and not failures.tls and accepts_connections(settings.bootstrap)
    if failures.authentication or "Authentication" in name or refused_in:
        return (f"the cluster at {settings.bootstrap} refused the credentials of user {security.sasl_username!r} "
                f"({security.sasl_mechanism} over {security.protocol}): check KAFKA_SASL_USERNAME and "
                f"KAFKA_SASL_PASSWORD")
    if failures.tls or isinstance(error, ssl.SSLError):
        return (f"TLS with {settings.bootstrap} failed: the broker's certificate is not trusted or does not match; "
                f"check KAFKA_SSL_CAFILE ({security.ssl_cafile}) and KAFKA_SSL_CHECK_HOSTNAME")
    return f"cannot use the Kafka cluster at {settings.bootstrap} ({security.describe()}): {name}: {error}"


def producer(settings: Settings, **overrides: Any) -> KafkaProducer:
    options: dict[str, Any] = {
        "client_id": "newsstream-feed",
        "acks": "all",
        "linger_ms": 20,
        "max_request_size": settings.max_message_bytes,
        "retries": 5,
    }
    options.update(overrides)
    return KafkaProducer(**client_config(settings), **options)


def consumer(settings: Settings, **overrides: Any) -> KafkaConsumer:
    options: dict[str, Any] = {"client_id": "newsstream-tail", "enable_auto_commit": False}
    options.update(overrides)
    return KafkaConsumer(**client_config(settings), **options)


@dataclass(frozen=True, slots=True)
class TopicSpec:
    name: str
    partitions: int
    config: dict[str, str]


def topic_specs(settings: Settings) -> list[TopicSpec]:
    """Every topic newsstream reads or writes, with its partition count and config."""
    topics = settings.topics
    max_bytes = str(settings.max_message_bytes)
    return [
        TopicSpec(topics.raw, settings.raw_partitions, {"max.message.bytes": max_bytes}),
        TopicSpec(topics.enriched, settings.output_partitions, {"max.message.bytes": max_bytes}),
        TopicSpec(topics.entities, settings.output_partitions, {}),
        TopicSpec(topics.figures, settings.output_partitions, {}),
        TopicSpec(topics.deadletter, settings.output_partitions,
                  {"max.message.bytes": max_bytes, "retention.ms": str(DEADLETTER_RETENTION_MS)}),
        TopicSpec(topics.unique, settings.output_partitions, {"max.message.bytes": max_bytes}),
        TopicSpec(topics.trending, 1, {}),
        # One partition: every article meets every earlier one in one place, whatever raw partition it came from.
        TopicSpec(topics.dedup, 1, {"max.message.bytes": max_bytes, "retention.ms": str(dedup_topic_retention_ms(settings))}),
        *(TopicSpec(changelog_topic(settings, table), 1, {"cleanup.policy": "compact"}) for table in TABLES),
    ]


def changelog_topic(settings: Settings, table: str) -> str:
    """The compacted topic a Faust table's state is kept in (Faust's naming: <app id>-<table>-changelog)."""
    return f"{settings.app_id}-{table}-changelog"


def ensure_topics(settings: Settings) -> list[str]:
    """Create the missing topics with explicit partition counts; return the names created.

    Existing topics are left as they are (their partition count is the operator's choice), but a raw topic
    with fewer partitions than configured is reported, since it caps how many workers can share the work.
    """
    admin = admin_client(settings)
    try:
        existing = set(admin.list_topics())
        wanted = [spec for spec in topic_specs(settings) if spec.name not in existing]
        created: list[str] = []
        for spec in wanted:
            try:
                admin.create_topics([NewTopic(spec.name, spec.partitions, settings.replication_factor,
                                              topic_configs=spec.config)])
                created.append(spec.name)
            except TopicAlreadyExistsError:
                pass
        _wait_until_visible(admin, [spec.name for spec in wanted])
        _warn_about_partition_counts(admin, settings)
        return created
    finally:
        admin.close()


def _wait_until_visible(admin: KafkaAdminClient, names: list[str], timeout: float = 30.0) -> None:
    """Topic creation returns before every broker's metadata has the topic; clients need it there."""
    deadline = time.monotonic() + timeout
    while names and time.monotonic() < deadline:
        if set(names) <= set(admin.list_topics()):
            return
        time.sleep(0.1)


def _warn_about_partition_counts(admin: KafkaAdminClient, settings: Settings) -> None:
    for description in admin.describe_topics([settings.topics.raw]):
        partitions = len(description.get("partitions", []))
        if partitions and partitions < settings.raw_partitions:
            log.warning("topic %s has %d partitions, fewer than NEWSSTREAM_RAW_PARTITIONS=%d: at most %d "
                        "workers will share the work", settings.topics.raw, partitions,
                        settings.raw_partitions, partitions)
