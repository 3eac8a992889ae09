"""The Faust application: the raw topic, the enrichment agent, the output topics, a lag timer."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import faust
from faust.types import TP
from prometheus_client import CollectorRegistry

from .. import __version__
from ..enrichment.nlp import load_pipeline
from ..enrichment.pipeline import Enricher
from ..metrics import WorkerMetrics
from ..kafka_client import ssl_context
from ..settings import KafkaSecurity, Settings
from . import faust_fixes
from .continuity import STALL_SECONDS, OffsetContinuity, RecoveredEvent
from .enrichers import BatchEnricher, EnricherConfig, ProcessEnricher, ThreadEnricher
from .hole_reader import HoleReader
from .inflight import InFlightBatches
from .offsets import committed_or_earliest, mark_processed
from .processor import BatchProcessor
from .stateful import TICK_KEY, TICK_VALUE, StatefulStage

log = logging.getLogger(__name__)

LAG_INTERVAL_SECONDS = 5.0
CHANGELOG_BUFFER_MESSAGES = 20_000
TRENDING_CHECK_SECONDS = 1.0


def faust_broker_url(bootstrap: str) -> str:
    return ";".join(f"kafka://{server.strip()}" for server in bootstrap.split(",") if server.strip())


@dataclass(frozen=True, slots=True)
class WorkerApp:
    app: faust.App
    metrics: WorkerMetrics
    registry: CollectorRegistry
    processor: BatchProcessor
    hole_reader: HoleReader

    def close(self) -> None:
        self.processor.close()
        self.hole_reader.close()


def broker_credentials(security: KafkaSecurity) -> faust.types.auth.CredentialsT | None:
    if security.uses_sasl:
        assert security.sasl_password is not None
        return faust.SASLCredentials(username=security.sasl_username, password=security.sasl_password.reveal(),
                                     mechanism=security.sasl_mechanism,
                                     ssl_context=ssl_context(security) if security.uses_ssl else None)
    if security.uses_ssl:
        return faust.SSLCredentials(ssl_context(security))
    return None


def default_enricher(settings: Settings) -> BatchEnricher:
    """The enrichment process (or thread, NEWSSTREAM_ENRICHER=thread), its spaCy pipeline loaded."""
    if settings.enricher == "thread":
        nlp = load_pipeline(settings.spacy_model, settings.matmul)
        return ThreadEnricher(Enricher(nlp, max_analysed_chars=settings.max_analysed_chars,
                                       budget_seconds=settings.article_budget_seconds))
    return ProcessEnricher(EnricherConfig(model=settings.spacy_model, matmul=settings.matmul,
                                          max_analysed_chars=settings.max_analysed_chars,
                                          budget_seconds=settings.article_budget_seconds),
                           observe=lambda stage, seconds: None, processes=settings.enrich_processes)


def create_app(settings: Settings, *, registry: CollectorRegistry | None = None) -> WorkerApp:
    """Build the worker's Faust app. The spaCy pipeline is loaded here, once, before any event arrives."""
    faust_fixes.install()
    registry = registry if registry is not None else CollectorRegistry()
    enricher = default_enricher(settings)
    metrics = WorkerMetrics(registry, version=__version__, model=str(enricher.description["model"]))
    enricher.attach(observe=metrics.observe_stage, on_restart=metrics.enrichment_restarts.inc)
    if enricher.pids:
        metrics.watch_enrichment_processes(lambda: enricher.pids)

    app = faust.App(
        settings.app_id,
        broker=faust_broker_url(settings.bootstrap),
        datadir=str(settings.state_dir / "worker"),
        store="memory://",
        web_enabled=False,
        # Topics are created by `newsstream` with explicit partition counts (see kafka_client.ensure_topics).
        topic_allow_declare=False,
        topic_disable_leader=True,
        consumer_auto_offset_reset="earliest",
        producer_acks=-1,
        producer_linger=0.005,
        producer_max_request_size=settings.max_message_bytes,
        consumer_max_fetch_size=settings.max_message_bytes,
        broker_commit_every=settings.batch_size * 4,
        stream_buffer_maxsize=settings.batch_size * 4,
        processing_guarantee="at_least_once",
        broker_credentials=broker_credentials(settings.security),
        broker_session_timeout=settings.session_timeout,
        broker_heartbeat_interval=min(3.0, settings.session_timeout / 3),
    )
    # Table writes (the stateful stage's changelogs) wait in this buffer for the producer. Faust's conductor stops
    # delivering records to every agent of the worker while it holds more than 100, and with ~14 changelog
    # records per article the enrich agent kept stalling behind the stage's flushes; 20,000 (a few MB) lets
    # them drain alongside.
    app.producer.buffer.max_messages = CHANGELOG_BUFFER_MESSAGES
    topics = settings.topics
    raw_topic = app.topic(topics.raw, key_type=bytes, value_type=bytes,
                          key_serializer="raw", value_serializer="raw")
    output_topics = {name: app.topic(name, key_type=bytes, value_type=bytes,
                                     key_serializer="raw", value_serializer="raw")
                     for name in topics.outputs()}

    async def send(topic: str, key: bytes | None, value: bytes) -> Any:
        try:
            return await output_topics[topic].send(key=key, value=value)
        except Exception:
            # Counted, then raised: the batch is not acknowledged, so the records are retried, not dropped.
            metrics.publish_errors.labels(topic=topic).inc()
            raise

    processor = BatchProcessor(enricher=enricher, topics=topics, send=send, metrics=metrics,
                               max_record_bytes=settings.max_record_bytes,
                               max_message_bytes=settings.max_message_bytes, stateful=settings.stateful)

    hole_reader = HoleReader(settings)
    continuity = OffsetContinuity(
        start_offset=lambda tp: committed_or_earliest(app, tp), read_range=hole_reader.read,
        mark_done=lambda tp, start, end: mark_processed(app, tp, start, end),
        rewind=lambda tp, offset: app.consumer.seek(tp, offset),
        on_hole=lambda tp, recovered: metrics.recovered.labels(topic=tp.topic).inc(recovered))

    @app.agent(raw_topic, name="enrich")
    async def enrich(stream: faust.StreamT[bytes]) -> None:
        # A batch for each model and one more: the next batch is cleaned and waits for a model while the last
        # one is annotated and published, so the model never idles. Batches are acknowledged in order, once
        # published; a worker stopped (SIGTERM) while a batch is with a model abandons it, unacknowledged.
        in_flight: InFlightBatches[faust.types.EventT] = InFlightBatches(
            processor.enrich, processor.publish, stream.ack, limit=enricher.processes + 1)
        try:
            async for events in stream.noack_take(settings.batch_size, within=settings.batch_timeout):
                await continuity.fill_holes(events, processor.process)
                await in_flight.submit(events)
        finally:
            await in_flight.cancel()

    if settings.stateful:
        # The stateful stage: one partition, so every article meets every earlier one (see stateful.py).
        dedup_topic = app.topic(topics.dedup, key_type=bytes, value_type=bytes, key_serializer="raw",
                                value_serializer="raw", partitions=1)
        index_table = app.Table("dedup_index", default=None, partitions=1, key_type=str)
        trending_table = app.Table("trending_buckets", default=None, partitions=1, key_type=str)
        dedup_partition = TP(topics.dedup, 0)

        async def read_back(offset: int) -> bytes | None:
            # a revision republishes a copy's record, read again where it passed through news.dedup
            found = await hole_reader.read(dedup_partition, offset, offset + 1)
            return found[0].value if found else None

        stage = StatefulStage(settings=settings, index_store=index_table, trending_store=trending_table, send=send,
                              metrics=metrics, read_back=read_back)

        @app.agent(dedup_topic, name="dedup")
        async def deduplicate(stream: faust.StreamT[bytes]) -> None:
            async def process_recovered(events: Sequence[RecoveredEvent]) -> None:
                for recovered in events:
                    await stage.process(recovered.message.value, recovered.message.timestamp,
                                        recovered.message.offset)

            async for event in stream.events():
                await continuity.fill_holes([event], process_recovered)
                await stage.process(event.value, event.message.timestamp, event.message.offset)

        @app.timer(interval=TRENDING_CHECK_SECONDS)
        async def trending_tick() -> None:
            # Tables change only inside stream iteration: a due window is closed by the agent, on a tick record.
            if dedup_partition in app.consumer.assignment():
                if stage.tick_needed():
                    await dedup_topic.send(key=TICK_KEY, value=TICK_VALUE)
                stage.report_state()


    @app.timer(interval=LAG_INTERVAL_SECONDS)
    async def rewind_stalled_partitions() -> None:
        for tp in app.consumer.assignment():
            try:
                highwater = app.consumer.highwater(tp)
            except AssertionError:
                # Faust's assignment can still list a partition aiokafka revoked in a rebalance under way, and
                # aiokafka's highwater() asserts it is assigned ("Partition is not assigned", seen crashing the
                # survivor in test_two_workers_share_the_work...): the next round sees the new assignment.
                continue
            if tp.topic not in (topics.raw, topics.dedup) or not highwater:
                continue  # an empty partition has nothing waiting: no need to ask where it starts
            start = None
            if continuity.expected(tp) is None:
                try:
                    start = await committed_or_earliest(app, tp)
                except Exception:  # no answer now: the next round asks again
                    continue
            target = continuity.stalled_at(tp, highwater, start)
            if target is not None:
                log.warning("records from offset %d of %s/%d wait but none reached the agent for %.0f s; "
                            "reading the partition again from there", target, tp.topic, tp.partition,
                            STALL_SECONDS, extra={"topic": tp.topic, "partition": tp.partition, "offset": target})
                metrics.rewinds.labels(topic=tp.topic).inc()
                await app.consumer.seek(tp, target)

    @app.timer(interval=LAG_INTERVAL_SECONDS)
    async def report_lag() -> None:
        assignment = [tp for tp in app.consumer.assignment() if tp.topic == topics.raw]
        metrics.assigned_partitions.set(len(assignment))
        metrics.consumer_lag.clear()
        for tp in assignment:
            metrics.consumer_lag.labels(topic=tp.topic, partition=str(tp.partition)).set(
                await _lag(app, tp, processor.processed_offsets.get((tp.topic, tp.partition))))

    @app.on_partitions_assigned.connect
    async def log_assignment(app: faust.App, assigned: set[TP], **kwargs: Any) -> None:
        # Faust seeks every assigned partition back to its committed offset: continuity starts over from there.
        continuity.reset()
        raw = sorted(tp.partition for tp in assigned if tp.topic == topics.raw)
        metrics.assigned_partitions.set(len(raw))
        log.info("partitions assigned: %s", ", ".join(f"{topics.raw}/{p}" for p in raw) or "none",
                 extra={"partitions": raw})

    return WorkerApp(app=app, metrics=metrics, registry=registry, processor=processor, hole_reader=hole_reader)


async def _lag(app: faust.App, tp: TP, last_processed: int | None) -> float:
    highwater = app.consumer.highwater(tp)
    if highwater is None:
        return 0.0
    if last_processed is not None:
        position = last_processed + 1
    else:
        # Nothing processed since this worker got the partition: the fetch position starts at the
        # group's committed offset.
        position = await app.consumer.position(tp) or 0
    return float(max(0, highwater - position))
