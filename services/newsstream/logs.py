"""Structured logs: one JSON object per line (time, level, logger, message, and context such as article_id)."""

from __future__ import annotations

import logging
import logging.config
import sys
from datetime import UTC, datetime
from typing import Any

import orjson

# Attributes every LogRecord has; anything else on a record came from `extra=` and is context worth keeping.
_STANDARD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}
_SECRET_WORDS = ("password", "secret", "token", "sasl_plain", "credential")
_SECRET_VALUES: set[str] = set()


def register_secret(value: str) -> None:
    """Never print `value`: every log line that would contain it shows *** instead."""
    if value:
        _SECRET_VALUES.add(value)


def _redact(text: str) -> str:
    for secret in _SECRET_VALUES:
        if secret in text:
            text = text.replace(secret, "***")
    return text


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds").replace(
                "+00:00", "Z"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRIBUTES and not key.startswith("_"):
                entry[key] = "[redacted]" if any(word in key.lower() for word in _SECRET_WORDS) else value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        line = orjson.dumps(entry, default=str).decode("utf-8")
        return _redact(line) if _SECRET_VALUES else line


def logging_config(level: str) -> dict[str, Any]:
    """A dictConfig that sends every logger (Faust's and aiokafka's included) to stderr as JSON."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
        "root": {"level": level, "handlers": ["stderr"]},
        "loggers": {
            # aiokafka logs every connection retry at INFO/ERROR; keep the useful WARNINGs.
            "aiokafka": {"level": max(logging.WARNING, logging.getLevelName(level))},
            "kafka": {"level": max(logging.WARNING, logging.getLevelName(level))},
        },
    }


def setup_logging(level: str) -> None:
    logging.config.dictConfig(logging_config(level))
    logging.captureWarnings(True)
    sys.stderr.reconfigure(line_buffering=True)  # type: ignore[union-attr]
