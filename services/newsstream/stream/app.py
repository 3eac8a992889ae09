"""The Faust application: topics, agents (agents.py), timers (timers.py) and the Faust workarounds (recovery/),
wired."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import faust
from faust.types import TP
from prometheus_client import CollectorRegistry

from .. import __version__
from ..enrichment.languages import load_other_pipelines
from ..enrichment.nlp import load_pipeline
from ..enrichment.pipeline import Enricher
from ..metrics import WorkerMetrics
from ..kafka.clients import ssl_context
from ..settings import KafkaSecurity, Settings
from . import recovery
from .agents import DedupAgent, EnrichAgent
from .model_runner import ModelRunner, ModelRunnerConfig, ProcessModelRunner, ThreadModelRunner
from .processor import BatchProcessor
from .recovery.continuity import OffsetContinuity
from .recovery.hole_reader import HoleReader
from .recovery.offsets import committed_or_earliest, mark_processed
from ..kafka.topics import DEDUP_INDEX_TABLE, TRENDING_TABLE
from ..state.stage import Send, StageConfig, StatefulStage
from .timers import TrendingTicker, WorkerTimers

log = logging.getLogger(__name__)

CHANGELOG_BUFFER_MESSAGES = 20_000


def faust_broker_url(bootstrap: str) -> str:
    return ";".join(f"kafka://{server.strip()}" for server in bootstrap.split(",") if server.strip())


@dataclass(frozen=True, slots=True)
class WorkerApp:
    app: faust.App
    metrics: WorkerMetrics
    registry: CollectorRegistry
    processor: BatchProcessor
    hole_reader: HoleReader
    timers: WorkerTimers
    ticker: TrendingTicker | None

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


def model_runner_for(settings: Settings) -> ModelRunner:
    """The enrichment process (or thread, NEWSSTREAM_ENRICHER=thread), its spaCy pipeline loaded."""
    if settings.enricher == "thread":
        nlp = load_pipeline(settings.spacy_model, settings.matmul)
        return ThreadModelRunner(Enricher(nlp, max_analysed_chars=settings.max_analysed_chars,
                                       budget_seconds=settings.article_budget_seconds,
                                       others=load_other_pipelines(settings.models, settings.matmul)))
    return ProcessModelRunner(ModelRunnerConfig(model=settings.spacy_model, matmul=settings.matmul,
                                          max_analysed_chars=settings.max_analysed_chars,
                                          budget_seconds=settings.article_budget_seconds,
                                          other_models=tuple(settings.other_models.items())),
                           observe=lambda stage, seconds: None, processes=settings.enrich_processes)


def create_app(settings: Settings, *, registry: CollectorRegistry | None = None) -> WorkerApp:
    """Build the worker's Faust app. The spaCy pipeline is loaded here, once, before any event arrives."""
    recovery.apply(settings.allow_unpatched_faust)
    registry = registry if registry is not None else CollectorRegistry()
    enricher = model_runner_for(settings)
    metrics = WorkerMetrics(registry, version=__version__, model=str(enricher.description["model"]))
    enricher.attach(observe=metrics.observe_stage, on_restart=metrics.enrichment_restarts.inc)
    if enricher.pids:
        metrics.watch_enrichment_processes(lambda: enricher.pids)
    app = faust_app(settings)
    topics = settings.topics
    raw_topic = _bytes_topic(app, topics.raw)
    output_topics = {name: _bytes_topic(app, name) for name in topics.outputs()}

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
    continuity = faust_continuity(app, hole_reader, metrics)
    enrich = EnrichAgent(processor, continuity, settings.batch_size, settings.batch_timeout,
                         in_flight_limit=enricher.processes + 1)
    app.agent(raw_topic, name="enrich")(enrich.run)
    ticker = _add_stateful_stage(app, settings, send, metrics, continuity, hole_reader) if settings.stateful else None

    timers = WorkerTimers(app, topics, metrics, processor, continuity)
    timers.register()
    return WorkerApp(app=app, metrics=metrics, registry=registry, processor=processor, hole_reader=hole_reader,
                     timers=timers, ticker=ticker)


def faust_app(settings: Settings) -> faust.App:
    app = faust.App(
        settings.app_id,
        broker=faust_broker_url(settings.bootstrap),
        datadir=str(settings.state_dir / "worker"),
        store="memory://",
        web_enabled=False,
        # Topics are created by `newsstream` with explicit partition counts (see kafka/topics.py: ensure_topics).
        topic_allow_declare=False,
        topic_disable_leader=True,
        consumer_auto_offset_reset="earliest",
        producer_acks=-1,
        producer_linger=0.005,
        producer_max_request_size=settings.max_message_bytes,
        consumer_max_fetch_size=settings.max_message_bytes,
        broker_commit_every=settings.batch_size * 4,
        stream_buffer_maxsize=settings.batch_size * 4,
        processing_guarantee=settings.processing_guarantee,
        broker_credentials=broker_credentials(settings.security),
        broker_session_timeout=settings.session_timeout,
        broker_heartbeat_interval=min(3.0, settings.session_timeout / 3),
    )
    # Table writes (the stateful stage's changelogs) wait in this buffer for the producer. Faust's conductor stops
    # delivering records to every agent of the worker while it holds more than 100, and with ~14 changelog
    # records per article the enrich agent kept stalling behind the stage's flushes; 20,000 (a few MB) lets
    # them drain alongside.
    app.producer.buffer.max_messages = CHANGELOG_BUFFER_MESSAGES
    return app


def faust_continuity(app: faust.App, hole_reader: HoleReader, metrics: WorkerMetrics) -> OffsetContinuity:
    """The continuity guard, wired to this app's consumer (see recovery/continuity.py)."""
    return OffsetContinuity(
        start_offset=lambda tp: committed_or_earliest(app, tp), read_range=hole_reader.read,
        mark_done=lambda tp, start, end: mark_processed(app, tp, start, end),
        rewind=lambda tp, offset: app.consumer.seek(tp, offset),
        on_hole=lambda tp, recovered: metrics.recovered.labels(topic=tp.topic).inc(recovered))


def _add_stateful_stage(app: faust.App, settings: Settings, send: Send, metrics: WorkerMetrics,
                        continuity: OffsetContinuity, hole_reader: HoleReader) -> TrendingTicker:
    """The near-duplicate and trending stage: one partition, so every article meets every earlier one."""
    topics = settings.topics
    dedup_topic = app.topic(topics.dedup, key_type=bytes, value_type=bytes, key_serializer="raw",
                            value_serializer="raw", partitions=1)
    index_table = app.Table(DEDUP_INDEX_TABLE, default=None, partitions=1, key_type=str)
    trending_table = app.Table(TRENDING_TABLE, default=None, partitions=1, key_type=str)
    dedup_partition = TP(topics.dedup, 0)

    async def read_back(offset: int) -> bytes | None:
        # a revision republishes a copy's record, read again where it passed through news.dedup
        found = await hole_reader.read(dedup_partition, offset, offset + 1)
        return found[0].value if found else None

    stage = StatefulStage(config=StageConfig.from_settings(settings), index_store=index_table, trending_store=trending_table, send=send,
                          metrics=metrics, read_back=read_back)
    app.agent(dedup_topic, name="dedup")(DedupAgent(stage, continuity).run)
    ticker = TrendingTicker(app, dedup_topic, stage, dedup_partition)
    ticker.register()
    return ticker


def _bytes_topic(app: faust.App, name: str) -> faust.TopicT:
    return app.topic(name, key_type=bytes, value_type=bytes, key_serializer="raw", value_serializer="raw")
