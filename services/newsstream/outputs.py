"""The records newsstream publishes, shaped from an enriched article (pure; no Kafka).

Each function returns (key, value) pairs of bytes, ready for any producer: the Faust worker and the tests
use the same shapes (schemas/). `news.enriched` is keyed by article id, `news.entities` by canonical entity name,
`news.figures` by article id, `news.deadletter` by the original key.
"""

from __future__ import annotations

import base64
import os
import socket
from dataclasses import dataclass
from typing import Any

import orjson

from .enrichment.records import EnrichedArticle
from .errors import InputError
from .timestamps import iso_time

OUTPUT_SCHEMA_VERSION = 1
WORKER_NAME = f"{socket.gethostname()}:{os.getpid()}"

KeyValue = tuple[bytes | None, bytes]


def dumps(value: Any) -> bytes:
    return orjson.dumps(value)


def enriched_record(article: EnrichedArticle) -> KeyValue:
    return article.id.encode("utf-8"), dumps(article)


def _article_reference(article: EnrichedArticle) -> dict[str, Any]:
    return {"article_id": article.id, "url": article.url, "title": article.title, "source": article.source,
            "published_at": article.published_at}


def entity_records(article: EnrichedArticle) -> list[KeyValue]:
    """One record per (article, entity), keyed by the canonical name so one entity stays in one partition."""
    reference = _article_reference(article)
    return [
        (entity.name.encode("utf-8"), dumps({
            "schema_version": OUTPUT_SCHEMA_VERSION, **reference,
            "name": entity.name, "label": entity.label, "salience": entity.salience,
            "mention_count": len(entity.mentions),
            "first_mention": entity.mentions[0].start if entity.mentions else None,
            "place": entity.place, "tone": entity.tone,
        }))
        for entity in article.entities
    ]


def figure_records(article: EnrichedArticle) -> list[KeyValue]:
    """One record per figure, keyed by article id."""
    reference = _article_reference(article)
    key = article.id.encode("utf-8")
    return [(key, dumps({"schema_version": OUTPUT_SCHEMA_VERSION, **reference, "figure": figure}))
            for figure in article.figures]


@dataclass(frozen=True, slots=True)
class SourcePosition:
    """Where a raw record came from."""

    topic: str
    partition: int
    offset: int
    timestamp: float | None


def deadletter_record(error: InputError, *, key: bytes | None, value: bytes | None, source: SourcePosition,
                      article_id: str | None = None) -> KeyValue:
    """A dead letter keeps the reason, a human sentence, the source position and the original bytes."""
    return key, dumps({
        "schema_version": OUTPUT_SCHEMA_VERSION,
        "reason": error.reason.value,
        "error": error.message,
        "article_id": article_id,
        "source_topic": source.topic,
        "source_partition": source.partition,
        "source_offset": source.offset,
        "source_timestamp": iso_time(source.timestamp) if source.timestamp else None,
        "key_base64": base64.b64encode(key).decode("ascii") if key is not None else None,
        "value_base64": base64.b64encode(value).decode("ascii") if value is not None else None,
        "value_size": len(value) if value is not None else 0,
        "failed_at": iso_time(),
        "worker": WORKER_NAME,
    })
