"""Prometheus metrics of a worker, built on a registry that is passed in (one fresh registry per test).

Names follow Prometheus conventions: `newsstream_` prefix, base units (seconds, bytes), `_total` on counters,
and only bounded labels (stage, reason, topic, label, kind, partition): never an article id, url or entity.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    Info,
    PlatformCollector,
    ProcessCollector,
    start_http_server,
)
from prometheus_client.metrics_core import Metric
from prometheus_client.registry import Collector

from .errors import Reason

log = logging.getLogger(__name__)

STAGES = ("parse", "clean", "nlp", "entities", "figures", "quotes", "publish")
STAGE_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
LATENCY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0, 30.0, 60.0, 300.0)
BATCH_BUCKETS = (1, 2, 4, 8, 16, 32, 64, 128, 256)


class WorkerMetrics:
    """All metrics a worker exports."""

    def __init__(self, registry: CollectorRegistry, *, version: str, model: str, process_metrics: bool = True) -> None:
        self.registry = registry
        if process_metrics:
            ProcessCollector(registry=registry)
            PlatformCollector(registry=registry)
        self.build_info = Info("newsstream_build", "Version of newsstream and of the spaCy model a worker runs.",
                               registry=registry)
        self.build_info.info({"version": version, "model": model})
        self.consumed = Counter("newsstream_articles_consumed_total",
                                "Raw records read from the raw topic.", registry=registry)
        self.enriched = Counter("newsstream_articles_enriched_total",
                                "Articles enriched successfully.", registry=registry)
        self.dead_lettered = Counter("newsstream_articles_dead_lettered_total",
                                     "Raw records sent to the dead-letter topic, by reason code.", ["reason"],
                                     registry=registry)
        self.published = Counter("newsstream_records_published_total",
                                 "Records handed to Kafka, by output topic.", ["topic"], registry=registry)
        self.publish_errors = Counter("newsstream_publish_errors_total",
                                      "Records whose delivery to Kafka failed, by output topic.", ["topic"],
                                      registry=registry)
        self.stage_seconds = Histogram("newsstream_stage_duration_seconds",
                                       "Time spent per batch in each enrichment stage.", ["stage"],
                                       buckets=STAGE_BUCKETS, registry=registry)
        self.latency = Histogram("newsstream_end_to_end_latency_seconds",
                                 "From the raw record's Kafka timestamp to its enriched record being published.",
                                 buckets=LATENCY_BUCKETS, registry=registry)
        self.batch_size = Histogram("newsstream_batch_size_articles", "Raw records per processed batch.",
                                    buckets=BATCH_BUCKETS, registry=registry)
        self.entities = Counter("newsstream_entities_total", "Entities found, by spaCy label.", ["label"],
                                registry=registry)
        self.figures = Counter("newsstream_figures_total", "Figures found, by kind.", ["kind"], registry=registry)
        self.entities_per_article = Histogram("newsstream_entities_per_article", "Entities per enriched article.",
                                              buckets=(0, 1, 2, 5, 10, 20, 50, 100), registry=registry)
        self.figures_per_article = Histogram("newsstream_figures_per_article", "Figures per enriched article.",
                                             buckets=(0, 1, 2, 5, 10, 20, 50, 100), registry=registry)
        self.consumer_lag = Gauge("newsstream_consumer_lag_records",
                                  "Records in the partition not yet processed by this worker (high watermark minus "
                                  "committed position), per assigned topic partition.",
                                  ["topic", "partition"], registry=registry)
        self.assigned_partitions = Gauge("newsstream_assigned_partitions",
                                         "Partitions of the raw topic assigned to this worker.", registry=registry)
        self.recovered = Counter("newsstream_records_recovered_total",
                                 "Records the consumer skipped past that the worker read back and processed "
                                 "(should stay 0; see stream/recovery/continuity.py).", ["topic"], registry=registry)
        self.rewinds = Counter("newsstream_partition_rewinds_total",
                               "Partitions read again because records waited past the next expected offset and "
                               "none reached the agent (should stay 0; see stream/recovery/continuity.py).", ["topic"],
                               registry=registry)
        self.duplicates = Counter("newsstream_duplicates_total",
                                  "Articles found to be near-duplicates of an earlier one.", registry=registry)
        self.revisions = Counter("newsstream_dedup_revisions_total",
                                 "Decisions changed because an earlier article arrived after its copies were "
                                 "published (each one a revision on the enriched topic).", registry=registry)
        self.revisions_unpublished = Counter(
            "newsstream_dedup_revisions_unpublished_total",
            "Revisions whose record could not be read back from the dedup topic (its retention passed): the "
            "decision changed in the index, but no revised record was published.", registry=registry)
        self.trending_entities = Gauge("newsstream_trending_entities_tracked",
                                       "Distinct entities counted in the open trending windows (state size).",
                                       registry=registry)
        self.trending_late = Counter("newsstream_trending_late_articles_total",
                                     "Unique articles too late (event time) for every window they belong to.",
                                     registry=registry)
        self.dedup_index_entries = Gauge("newsstream_dedup_index_articles",
                                         "Articles held in the near-duplicate index (state size; bounded by "
                                         "NEWSSTREAM_DEDUP_RETENTION_SECONDS).",
                                         registry=registry)
        self.enrichment_restarts = Counter("newsstream_enrichment_process_restarts_total",
                                           "Times the worker's enrichment process died and was started again "
                                           "(should stay 0).", registry=registry)
        for stage in STAGES:
            self.stage_seconds.labels(stage=stage)
        for reason in Reason:
            self.dead_lettered.labels(reason=reason.value)

    def observe_stage(self, stage: str, seconds: float) -> None:
        self.stage_seconds.labels(stage=stage).observe(seconds)

    def watch_enrichment_processes(self, pids: Callable[[], Sequence[int]]) -> None:
        """CPU, memory and start time of each enrichment child process, as `newsstream_enrichment_process_*`
        with a `process` label (the standard `process_*` metrics describe the worker's own process)."""
        self.registry.register(ChildProcessCollector("newsstream_enrichment", pids))


class ChildProcessCollector(Collector):
    """The standard process metrics of several processes, one series each, labelled `process` with the
    process's place among them (0 to N-1). The place, not the pid: a child that is replaced keeps its series,
    and the label's values stay bounded however often children die."""

    def __init__(self, namespace: str, pids: Callable[[], Sequence[int]]) -> None:
        self.namespace = namespace
        self.pids = pids

    def describe(self) -> Iterable[Metric]:
        own = ProcessCollector(namespace=self.namespace, pid=lambda: "self", registry=None).collect()
        return [_without_samples(family) for family in own]

    def collect(self) -> Iterable[Metric]:
        families: dict[str, Metric] = {}
        for place, pid in enumerate(self.pids()):
            # A process that has just gone yields nothing (ProcessCollector reads /proc/<pid>).
            one = ProcessCollector(namespace=self.namespace, pid=lambda pid=pid: pid, registry=None)  # type: ignore[misc]
            for family in one.collect():
                merged = families.setdefault(family.name, _without_samples(family))
                for sample in family.samples:
                    merged.add_sample(sample.name, {**sample.labels, "process": str(place)}, sample.value,
                                      sample.timestamp)
        return list(families.values())


def _without_samples(family: Metric) -> Metric:
    return Metric(family.name, family.documentation, family.type, family.unit)


@dataclass(frozen=True, slots=True)
class MetricsServer:
    host: str
    port: int

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/metrics"


def serve_metrics(registry: CollectorRegistry, host: str, port: int) -> MetricsServer:
    """Serve /metrics in a background thread; port 0 picks a free port (the chosen one is returned)."""
    server, _thread = start_http_server(port, addr=host, registry=registry)
    return MetricsServer(host=host, port=server.server_port)
