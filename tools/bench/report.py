"""Pure helpers of the benchmark: statistics on timestamps, ratios against targets, the Markdown report.

Nothing here touches Kafka, spaCy or the clock, so tests/unit/test_bench.py can check it exactly.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class RunResult:
    """One configuration's measured figures."""

    name: str
    articles: int
    words: int
    seconds: float
    startup_seconds: float | None = None
    peak_rss_mib: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)
    duplicates: int = 0
    note: str = ""

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else math.nan

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds > 0 else math.nan


@dataclass(frozen=True, slots=True)
class Latency:
    rate_per_second: float
    duration_seconds: float
    sent: int
    received: int
    p50: float
    p95: float
    p99: float
    max: float


@dataclass(frozen=True, slots=True)
class Target:
    label: str
    measured: float
    threshold: float
    higher_is_better: bool = True

    @property
    def met(self) -> bool:
        if math.isnan(self.measured):
            return False
        return self.measured >= self.threshold if self.higher_is_better else self.measured < self.threshold


def percentile(values: Sequence[float], fraction: float) -> float:
    """The `fraction` quantile (0..1) with linear interpolation between ranks (numpy's default method)."""
    if not 0.0 <= fraction <= 1.0:
        raise ValueError(f"fraction must be within [0, 1], got {fraction}")
    if not values:
        return math.nan
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    lower = math.floor(position)
    upper = math.ceil(position)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


def ratio(numerator: float, denominator: float) -> float:
    """numerator / denominator, NaN when either is missing or the denominator is not positive."""
    if denominator <= 0 or math.isnan(numerator) or math.isnan(denominator):
        return math.nan
    return numerator / denominator


def steady_window(timestamps: Sequence[float], total: int, warm_up_records: int,
                  opened_at: float | None = None) -> tuple[int, float]:
    """(articles, seconds) processed between the first output and the last output record.

    The first output only appears once a whole batch is done, so the work of that first batch
    (`warm_up_records` articles: one batch per worker, or one record for a per-event agent) happened before
    the window opens and is left out of the count. Model load and the consumer group join are excluded too.
    `opened_at` is the first output on any topic when it is earlier than the first of `timestamps` (with the
    stateful stage, enriched records reach their topic after a hop through news.dedup, entities directly).
    """
    if not timestamps:
        return 0, 0.0
    articles = max(0, total - warm_up_records)
    start = min(timestamps) if opened_at is None else min(opened_at, min(timestamps))
    return articles, max(timestamps) - start


def all_running_window(finished: Mapping[str, tuple[int, float]], last_output: float) -> tuple[set[str], float]:
    """(articles, seconds) of the steady state of workers draining a backlog: from the moment every raw partition
    has had an article enriched (so every worker has loaded its model and joined the group) to the last output.

    `finished` maps article id to (raw partition, when its enrichment finished). With two workers started together
    one of them joins seconds after the other; a window opened at the first output would count that wait as
    the pair's throughput.
    """
    first_per_partition: dict[int, float] = {}
    for partition, finished_at in finished.values():
        first_per_partition[partition] = min(finished_at, first_per_partition.get(partition, math.inf))
    if not first_per_partition:
        return set(), 0.0
    opened = max(first_per_partition.values())
    return {article for article, (_, finished_at) in finished.items() if finished_at >= opened}, last_output - opened


def latencies(raw_timestamps: dict[str, float], enriched_timestamps: dict[str, float]) -> list[float]:
    """Seconds from each raw record's timestamp to its enriched record's, joined by article id."""
    return [enriched_timestamps[key] - raw for key, raw in raw_timestamps.items() if key in enriched_timestamps]


def _number(value: float, digits: int = 1) -> str:
    return "n/a" if math.isnan(value) else f"{value:,.{digits}f}"


def results_table(results: Sequence[RunResult]) -> str:
    lines = ["| # | configuration | articles | seconds | articles/s | words/s | start-up s | peak RSS MiB | CPU s |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for index, result in enumerate(results, start=1):
        startup = "" if result.startup_seconds is None else _number(result.startup_seconds)
        rss = " + ".join(_number(value, 0) for value in result.peak_rss_mib)
        cpu = " + ".join(_number(value, 1) for value in result.cpu_seconds)
        lines.append(f"| {index} | {result.name} | {result.articles} | {_number(result.seconds, 2)} | "
                     f"{_number(result.articles_per_second)} | {_number(result.words_per_second, 0)} | "
                     f"{startup} | {rss} | {cpu} |")
    return "\n".join(lines)


def targets_table(targets: Sequence[Target]) -> str:
    lines = ["| target | measured | required | met |", "| --- | ---: | ---: | --- |"]
    for target in targets:
        relation = ">=" if target.higher_is_better else "<"
        lines.append(f"| {target.label} | {_number(target.measured, 2)} | {relation} {target.threshold:g} | "
                     f"{'yes' if target.met else 'NO'} |")
    return "\n".join(lines)


def latency_line(latency: Latency) -> str:
    return (f"Latency (raw record timestamp to enriched record timestamp, 1 worker, "
            f"{latency.rate_per_second:.1f} articles/s for {latency.duration_seconds:.0f} s, "
            f"{latency.received}/{latency.sent} received): p50 {latency.p50 * 1000:.0f} ms, "
            f"p95 {latency.p95 * 1000:.0f} ms, p99 {latency.p99 * 1000:.0f} ms, max {latency.max * 1000:.0f} ms")


def markdown_report(machine: str, results: Sequence[RunResult], targets: Sequence[Target],
                    latency: Latency | None, notes: Sequence[str] = ()) -> str:
    parts = [f"Machine: {machine}", "", results_table(results), ""]
    if latency is not None:
        parts += [latency_line(latency), ""]
    parts += [targets_table(targets)]
    if notes:
        parts += [""] + [f"- {note}" for note in notes]
    return "\n".join(parts)
