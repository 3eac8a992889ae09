"""The newsstream Grafana dashboard, as code (grafana-foundation-sdk).

Regenerate the committed JSON after any change here:

    .venv/bin/python tools/dashboard/newsstream_dashboard.py          # writes deploy/grafana/dashboards/
    .venv/bin/python tools/dashboard/newsstream_dashboard.py --check  # exit 1 when the JSON is stale

tests/ops/test_dashboard.py fails when the committed JSON differs from what this module generates, and
tests/ops/test_prometheus_live.py runs every query below against a Prometheus scraping a real worker.
Queries use `$__rate_interval` (never a fixed window) and the `job`/`instance` template variables of the workers,
except the brokers' row, which reads the `kafka` job (the brokers' JMX exporters).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from grafana_foundation_sdk.builders import common as common_builders
from grafana_foundation_sdk.builders import dashboard, prometheus, stat, timeseries
from grafana_foundation_sdk.cog import builder as cogbuilder
from grafana_foundation_sdk.cog import variants as cogvariants
from grafana_foundation_sdk.cog.encoder import JSONEncoder
from grafana_foundation_sdk.models import common
from grafana_foundation_sdk.models.dashboard import (
    DashboardCursorSync,
    DataSourceRef,
    Threshold,
    ThresholdsMode,
    VariableOption,
    VariableRefresh,
    VariableSort,
)

DASHBOARD_UID = "newsstream-overview"
# The datasource provisioned by deploy/grafana/provisioning/datasources/prometheus.yml, by its fixed uid.
DATASOURCE = DataSourceRef(type_val="prometheus", uid="newsstream-prometheus")
OUTPUT = Path(__file__).resolve().parents[2] / "deploy" / "grafana" / "dashboards" / "newsstream.json"

Targets = list[cogbuilder.Builder[cogvariants.Dataquery]]

SELECTOR = 'job=~"$job", instance=~"$instance"'
RATE = "$__rate_interval"
LEGEND = (common_builders.VizLegendOptions().display_mode(common.LegendDisplayMode.TABLE)
          .placement(common.LegendPlacement.BOTTOM).show_legend(True).calcs(["mean", "max", "lastNotNull"]))


def series(metric: str, extra: str = "") -> str:
    """`metric{job=~"$job", instance=~"$instance", extra}`: every query is scoped by the two variables."""
    labels = f"{SELECTOR}, {extra}" if extra else SELECTOR
    return f"{metric}{{{labels}}}"


def rate(metric: str, extra: str = "") -> str:
    return f"rate({series(metric, extra)}[{RATE}])"


def quantile(q: float, histogram: str, by: str = "") -> str:
    group = f"{by}, le" if by else "le"
    return f"histogram_quantile({q}, sum by ({group}) ({rate(histogram + '_bucket')}))"


def mean(histogram: str, by: str = "") -> str:
    """Mean of a histogram's observations in the window: rate of the sum over rate of the count."""
    group = f" by ({by})" if by else ""
    return f"sum{group} ({rate(histogram + '_sum')}) / sum{group} ({rate(histogram + '_count')})"


def query(ref: str, expr: str, legend: str) -> prometheus.Dataquery:
    return prometheus.Dataquery().ref_id(ref).expr(expr).legend_format(legend).datasource(DATASOURCE)


def queries(*items: tuple[str, str]) -> Targets:
    return [query(chr(ord("A") + index), expr, legend) for index, (expr, legend) in enumerate(items)]


def graph(title: str, description: str, unit: str, targets: Targets, *, width: int = 12,
          stacked: bool = False, minimum: float | None = 0) -> timeseries.Panel:
    panel = (timeseries.Panel().title(title).description(description).unit(unit).datasource(DATASOURCE)
             .targets(targets).span(width).height(8).line_width(1).fill_opacity(10)
             .legend(LEGEND))
    if minimum is not None:
        panel = panel.min(minimum)
    if stacked:
        panel = panel.stacking(common_builders.StackingConfig().mode(common.StackingMode.NORMAL)).fill_opacity(40)
    return panel


def big_number(title: str, description: str, unit: str, targets: Targets,
               steps: list[Threshold], *, width: int = 6) -> stat.Panel:
    thresholds = dashboard.ThresholdsConfig().mode(ThresholdsMode.ABSOLUTE).steps(steps)
    return (stat.Panel().title(title).description(description).unit(unit).datasource(DATASOURCE).targets(targets)
            .span(width).height(4).thresholds(thresholds).graph_mode(common.BigValueGraphMode.AREA)
            .reduce_options(common_builders.ReduceDataOptions().calcs(["lastNotNull"]).values(False))
            .color_mode(common.BigValueColorMode.VALUE))


def variables() -> Iterator[dashboard.QueryVariable]:
    everything = VariableOption(selected=True, text="All", value="$__all")
    yield (dashboard.QueryVariable("job").label("Job").datasource(DATASOURCE)
           .query("label_values(newsstream_build_info, job)").current(everything)
           .multi(True).include_all(True).all_value(".*").refresh(VariableRefresh.ON_TIME_RANGE_CHANGED)
           .sort(VariableSort.ALPHABETICAL_ASC))
    yield (dashboard.QueryVariable("instance").label("Worker").datasource(DATASOURCE)
           .query('label_values(newsstream_build_info{job=~"$job"}, instance)').current(everything)
           .multi(True).include_all(True).all_value(".*").refresh(VariableRefresh.ON_TIME_RANGE_CHANGED)
           .sort(VariableSort.ALPHABETICAL_ASC))


def overview_panels() -> Iterator[stat.Panel | timeseries.Panel]:
    yield big_number(
        "Workers up",
        "Worker processes Prometheus scraped successfully (`up`), and the raw-topic partitions assigned to them. "
        "At most one worker per raw partition does work; 0 workers up fires NewsstreamNoWorkersUp.",
        "none",
        queries((f"sum({series('up')})", "workers up"),
                (f"sum({series('newsstream_assigned_partitions')})", "partitions assigned")),
        [Threshold(value=None, color="red"), Threshold(value=1, color="green")])
    yield big_number(
        "Articles enriched per second",
        "Articles enriched successfully per second, all selected workers together.",
        "suffix: articles/s",
        queries((f"sum({rate('newsstream_articles_enriched_total')})", "enriched")),
        [Threshold(value=None, color="blue")])
    yield big_number(
        "Dead-letter ratio",
        "Share of the raw records read that went to the dead-letter topic. Above 5% for 10 minutes fires "
        "NewsstreamDeadLetterRateHigh.",
        "percentunit",
        queries((f"sum({rate('newsstream_articles_dead_lettered_total')}) / "
                 f"sum({rate('newsstream_articles_consumed_total')})", "dead-lettered")),
        [Threshold(value=None, color="green"), Threshold(value=0.01, color="orange"),
         Threshold(value=0.05, color="red")])
    yield big_number(
        "Consumer lag",
        "Raw records not yet processed, summed over the partitions the selected workers hold.",
        "short",
        queries((f"sum({series('newsstream_consumer_lag_records')})", "lag")),
        [Threshold(value=None, color="green"), Threshold(value=1000, color="red")])


def throughput_panels() -> Iterator[timeseries.Panel]:
    yield graph(
        "Throughput in and out",
        "In: raw records read from the raw topic. Out: articles enriched and raw records dead-lettered. "
        "In and out match in a healthy pipeline; out below in means a growing backlog.",
        "suffix: records/s",
        queries((f"sum({rate('newsstream_articles_consumed_total')})", "in: consumed"),
                (f"sum({rate('newsstream_articles_enriched_total')})", "out: enriched"),
                (f"sum({rate('newsstream_articles_dead_lettered_total')})", "out: dead-lettered")))
    yield graph(
        "Records published by topic",
        "Records handed to Kafka per output topic: one enriched record per article, one per (article, entity), "
        "one per figure, one per dead letter.",
        "suffix: records/s",
        queries((f"sum by (topic) ({rate('newsstream_records_published_total')})", "{{topic}}")),
        stacked=True)
    yield graph(
        "Consumer lag",
        "Records in each raw partition not yet processed by the worker that holds it (high watermark minus "
        "position), refreshed every 5 s. Rising for 15 minutes above 1000 fires NewsstreamConsumerLagGrowing.",
        "short",
        queries((f"sum by (topic, partition) ({series('newsstream_consumer_lag_records')})",
                 "{{topic}} partition {{partition}}")),
        stacked=True)
    yield graph(
        "Dead letters by reason",
        "Raw records sent to the dead-letter topic per reason code (docs/records.md: news.deadletter). "
        "enrichment_failed is a newsstream bug; the others are bad input.",
        "suffix: records/s",
        queries((f"sum by (reason) ({rate('newsstream_articles_dead_lettered_total')})", "{{reason}}")),
        stacked=True)


def latency_panels() -> Iterator[timeseries.Panel]:
    histogram = "newsstream_end_to_end_latency_seconds"
    yield graph(
        "End-to-end latency",
        "From the raw record's Kafka timestamp to its enriched record being published: p50, p95 and p99 "
        "(interpolated within the histogram's buckets). p99 above 10 s for 10 minutes fires "
        "NewsstreamLatencyP99High.",
        "s",
        queries((quantile(0.5, histogram), "p50"), (quantile(0.95, histogram), "p95"),
                (quantile(0.99, histogram), "p99")))
    yield graph(
        "Stage time per batch",
        "Mean seconds one batch spends in each stage (parse, clean, nlp, entities, figures, quotes, publish), "
        "stacked: the total is the batch's processing time. nlp (spaCy) normally dominates.",
        "s",
        queries((mean("newsstream_stage_duration_seconds", by="stage"), "{{stage}}")),
        stacked=True)
    yield graph(
        "Batch size",
        "Raw records per processed batch: mean and p95. Batches fill up to NEWSSTREAM_BATCH_SIZE when input "
        "waits; small batches mean the worker keeps up (it waits at most NEWSSTREAM_BATCH_TIMEOUT).",
        "suffix: records",
        queries((mean("newsstream_batch_size_articles"), "mean"),
                (quantile(0.95, "newsstream_batch_size_articles"), "p95")))
    yield graph(
        "Stage time p95",
        "95th percentile of the seconds one batch spends in each stage.",
        "s",
        queries((quantile(0.95, "newsstream_stage_duration_seconds", by="stage"), "{{stage}}")))


def content_panels() -> Iterator[timeseries.Panel]:
    yield graph(
        "Entities and figures per article",
        "Mean number of distinct entities and of figures per enriched article. A sudden drop to 0 while "
        "articles are enriched points to a broken model or cleaning step.",
        "short",
        queries((mean("newsstream_entities_per_article"), "entities (mean)"),
                (mean("newsstream_figures_per_article"), "figures (mean)"),
                (quantile(0.95, "newsstream_entities_per_article"), "entities (p95)"),
                (quantile(0.95, "newsstream_figures_per_article"), "figures (p95)")))
    yield graph(
        "Entities and figures found",
        "Entities found per second by spaCy label, and figures by kind.",
        "suffix: /s",
        queries((f"sum by (label) ({rate('newsstream_entities_total')})", "entity {{label}}"),
                (f"sum by (kind) ({rate('newsstream_figures_total')})", "figure {{kind}}")),
        stacked=True)


def state_panels() -> Iterator[timeseries.Panel]:
    yield graph(
        "Stateful stage: state size",
        "Size of the tables the near-duplicate and trending stage keeps (in memory, backed by changelog topics): "
        "articles in the duplicate index, and distinct entities counted in the open trending windows. "
        "Both are bounded by their retention; steady growth means retention is not applied.",
        "short",
        queries((series("newsstream_dedup_index_articles"), "indexed articles {{instance}}"),
                (series("newsstream_trending_entities_tracked"), "trending entities {{instance}}")))
    yield graph(
        "Near-duplicates and late articles",
        "Articles per second found to be near-duplicates of an earlier one; revisions (decisions changed because "
        "an earlier copy arrived late: a steady rate means raw records arrive far out of order; unpublished ones "
        "could not be read back from news.dedup); and unique articles too late (event time) for every trending "
        "window they belong to.",
        "suffix: /s",
        queries((f"sum({rate('newsstream_duplicates_total')})", "near-duplicates"),
                (f"sum({rate('newsstream_dedup_revisions_total')})", "revisions"),
                (f"sum({rate('newsstream_dedup_revisions_unpublished_total')})", "revisions unpublished"),
                (f"sum({rate('newsstream_trending_late_articles_total')})", "late for trending")))


def process_panels() -> Iterator[timeseries.Panel]:
    yield graph(
        "Worker memory",
        "Resident memory of each worker's processes: the Faust process (Kafka clients, the stateful stage's "
        "tables) and its enrichment processes (one per NEWSSTREAM_ENRICH_PROCESSES), where the spaCy pipeline "
        "lives (most of it).",
        "bytes",
        queries((series("process_resident_memory_bytes"), "{{instance}} Faust process"),
                (series("newsstream_enrichment_process_resident_memory_bytes"), "{{instance}} enrichment process {{process}}")))
    yield graph(
        "Worker CPU",
        "CPU time used per second by each worker's processes: 100% is one core busy. Each enrichment process runs "
        "spaCy on one core, so all of them near 100% is saturated (add workers, or NEWSSTREAM_ENRICH_PROCESSES).",
        "percentunit",
        queries((rate("process_cpu_seconds_total"), "{{instance}} Faust process"),
                (rate("newsstream_enrichment_process_cpu_seconds_total"), "{{instance}} enrichment process {{process}}")))


BROKERS = 'job="kafka"'  # the brokers' JMX exporters (deploy/prometheus/prometheus.yml), not the worker variables


def broker_series(metric: str) -> str:
    """`metric{job="kafka"}`: the brokers' row's counterpart of `series`."""
    return f"{metric}{{{BROKERS}}}"


def broker_rate(metric: str, by: str) -> str:
    return f"sum by ({by}) (rate({broker_series(metric)}[{RATE}]))"


def broker_panels() -> Iterator[stat.Panel | timeseries.Panel]:
    yield big_number(
        "Brokers up",
        "Brokers whose JMX exporter Prometheus scraped successfully (`up{job=\"kafka\"}`). A broker down for 2 "
        "minutes fires KafkaBrokerDown.",
        "none",
        queries((f"sum({broker_series('up')})", "brokers up")),
        [Threshold(value=None, color="red"), Threshold(value=1, color="green")])
    yield big_number(
        "Under-replicated partitions",
        "Partitions whose leader has fewer in-sync replicas than replicas, all brokers together. Above 0 for 5 "
        "minutes fires KafkaUnderReplicatedPartitions.",
        "none",
        queries((f"sum({broker_series('kafka_server_replicamanager_underreplicatedpartitions')})", "under-replicated")),
        [Threshold(value=None, color="green"), Threshold(value=1, color="orange")])
    yield big_number(
        "Offline partitions",
        "Partitions with no leader (nothing can be written to or read from them), as the active controller "
        "counts them. Above 0 fires KafkaOfflinePartitions.",
        "none",
        queries((f"sum({broker_series('kafka_controller_kafkacontroller_offlinepartitionscount')})", "offline")),
        [Threshold(value=None, color="green"), Threshold(value=1, color="red")])
    yield big_number(
        "Active controllers",
        "Active controllers of the KRaft quorum: exactly 1. Anything else for a minute fires "
        "KafkaActiveControllerCountNotOne.",
        "none",
        queries((f"sum({broker_series('kafka_controller_kafkacontroller_activecontrollercount')})", "active")),
        [Threshold(value=None, color="red"), Threshold(value=1, color="green"), Threshold(value=2, color="red")])
    yield graph(
        "ISR shrinks and expands per second",
        "Replicas leaving the in-sync set (a follower fell behind or its broker went away) and rejoining it, per "
        "broker. Shrinks without expands that follow: a broker is gone or too slow.",
        "ops",
        queries((broker_rate("kafka_server_replicamanager_isrshrinkspersec_total", "instance"),
                 "{{instance}} shrinks"),
                (broker_rate("kafka_server_replicamanager_isrexpandspersec_total", "instance"),
                 "{{instance}} expands")))
    yield graph(
        "Broker requests per second",
        "Requests the brokers answer per second, by request type (Produce from the workers and scrapers, Fetch "
        "from consumers and followers, the groups' heartbeats and commits).",
        "reqps",
        queries((broker_rate("kafka_network_requestmetrics_requests_total", "request"),
                 "{{request}}")),
        stacked=True)


def build() -> dashboard.Dashboard:
    board = (dashboard.Dashboard("newsstream").uid(DASHBOARD_UID)
             .description("Enrichment workers: throughput, backlog, latency, dead letters, stage timings, content; "
                          "and the Kafka brokers they use.")
             .tags(["newsstream", "kafka", "faust"]).readonly().time("now-1h", "now").refresh("30s")
             .timezone("browser").tooltip(DashboardCursorSync.CROSSHAIR))
    for variable in variables():
        board = board.with_variable(variable)
    sections = [("Overview", overview_panels()), ("Throughput and backlog", throughput_panels()),
                ("Latency and stages", latency_panels()), ("Content", content_panels()),
                ("Near-duplicates and trending", state_panels()),
                ("Worker processes", process_panels()), ("Kafka brokers", broker_panels())]
    panel_id = 0
    for title, panels in sections:
        panel_id += 1
        board = board.with_row(dashboard.Row(title).id(panel_id))
        for panel in panels:
            panel_id += 1
            board = board.with_panel(panel.id(panel_id))
    return board


def render() -> str:
    """The dashboard as the JSON Grafana provisions (stable: same code, same bytes)."""
    return json.dumps(build().build(), cls=JSONEncoder, indent=2, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the committed JSON is stale")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    rendered = render()
    if args.check:
        current = args.output.read_text() if args.output.exists() else ""
        if current != rendered:
            print(f"{args.output} is stale: run {Path(__file__).name} to regenerate it", file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(rendered)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
