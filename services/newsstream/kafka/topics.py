"""The topics newsstream writes and reads, their partitions and configs, and the changelog topics of its tables
(Faust's naming), in one place; `ensure_topics` creates what is missing."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from kafka import KafkaAdminClient
from kafka.admin import NewTopic
from kafka.errors import TopicAlreadyExistsError

from ..errors import BrokerError
from ..settings import Settings
from .clients import admin_client

log = logging.getLogger(__name__)

DEADLETTER_RETENTION_MS = 30 * 24 * 3600 * 1000
DEDUP_RETENTION_MS = 24 * 3600 * 1000


def dedup_topic_retention_ms(settings: Settings) -> int:
    """news.dedup keeps records as long as the index keeps articles (and at least a day): a revision reads the
    copy's record back from there to publish it again."""
    return max(DEDUP_RETENTION_MS, int(settings.dedup_retention_seconds * 1000))
DEDUP_INDEX_TABLE = "dedup_index"
TRENDING_TABLE = "trending_buckets"
TABLES = (DEDUP_INDEX_TABLE, TRENDING_TABLE)  # the worker's Faust tables (stream/app.py), each with a changelog


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
        replication = replication_factor(settings, admin) if wanted else 1
        durability = {"min.insync.replicas": "2"} if replication >= 3 else {}
        for spec in wanted:
            try:
                admin.create_topics([NewTopic(spec.name, spec.partitions, replication,
                                              topic_configs={**durability, **spec.config})])
                created.append(spec.name)
            except TopicAlreadyExistsError:
                pass
        _wait_until_visible(admin, [spec.name for spec in wanted])
        _warn_about_partition_counts(admin, settings)
        return created
    finally:
        admin.close()


def replication_factor(settings: Settings, admin: KafkaAdminClient) -> int:
    """NEWSSTREAM_REPLICATION_FACTOR, or for `auto` min(3, the brokers the cluster has)."""
    if settings.replication_factor is not None:
        return settings.replication_factor
    brokers = admin.describe_cluster().get("brokers") or []
    return min(3, max(1, len(brokers)))


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
