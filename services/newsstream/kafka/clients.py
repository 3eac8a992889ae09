"""kafka-python clients (admin, producer, consumer) built from settings, for the CLI and topic set-up.

The Faust worker has its own aiokafka clients; these are for the short-lived commands (`feed`, `tail`,
topic creation) where a synchronous client is simpler.
"""

from __future__ import annotations

import logging
import ssl
from typing import Any

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer

from ..errors import BrokerError
from ..settings import KafkaSecurity, Settings
from .broker import accepts_connections

log = logging.getLogger(__name__)


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
