"""The one catalogue of errors that an input record can cause.

Every way a raw record can fail maps to a short, stable `reason` code that lands in the dead-letter
record (and in the `reason` label of `newsstream_articles_dead_lettered_total`). Consumers and alerts
match on these codes, so they never change meaning; new failure kinds get new codes.
"""

from __future__ import annotations

from enum import Enum


class Reason(str, Enum):
    """Dead-letter reason codes (the `reason` field of `news.deadletter`)."""

    INVALID_JSON = "invalid_json"
    NOT_AN_OBJECT = "not_an_object"
    SCHEMA_VIOLATION = "schema_violation"
    TOO_LARGE = "too_large"
    INVALID_ENCODING = "invalid_encoding"
    EMPTY_TEXT = "empty_text"
    ENRICHMENT_FAILED = "enrichment_failed"
    TIMEOUT = "timeout"


class NewsstreamError(Exception):
    """Base class of the project's own errors."""


class InputError(NewsstreamError):
    """A raw record that cannot be enriched. Carries the dead-letter reason code."""

    def __init__(self, reason: Reason, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message

    def __str__(self) -> str:
        return f"{self.reason.value}: {self.message}"

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        # Pickled (a process pool, copy), an exception is rebuilt by calling its class with `args` (here the
        # message alone).
        return InputError, (self.reason, self.message)


class EnrichmentError(InputError):
    """An enrichment step failed on a record it accepted."""

    def __init__(self, message: str, reason: Reason = Reason.ENRICHMENT_FAILED) -> None:
        super().__init__(reason, message)

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return EnrichmentError, (self.message, self.reason)


class ConfigurationError(NewsstreamError):
    """A setting is missing or invalid; raised at start-up, never per record."""


class BrokerError(NewsstreamError):
    """The local Kafka broker could not be installed, started or reached."""
