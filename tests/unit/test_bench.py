"""The benchmark's pure helpers: statistics, ratios, targets and the Markdown report (tools/bench/report.py)."""

from __future__ import annotations

import math
import signal

import pytest

from tools.bench.kafka_run import ProcessStopped
from tools.bench.report import (
    Latency,
    RunResult,
    Target,
    latencies,
    markdown_report,
    percentile,
    ratio,
    results_table,
    steady_window,
    targets_table,
)


@pytest.mark.parametrize(("fraction", "expected"), [(0.0, 1.0), (0.5, 2.5), (1.0, 4.0), (0.25, 1.75), (0.99, 3.97)])
def test_percentile_interpolates_linearly_between_ranks(fraction: float, expected: float) -> None:
    assert percentile([4.0, 1.0, 3.0, 2.0], fraction) == pytest.approx(expected)


def test_percentile_of_one_value_is_that_value() -> None:
    assert percentile([0.7], 0.99) == 0.7


def test_percentile_of_nothing_is_nan_and_a_bad_fraction_is_refused() -> None:
    assert math.isnan(percentile([], 0.5))
    with pytest.raises(ValueError, match="fraction"):
        percentile([1.0], 95)


def test_ratio_is_nan_without_a_positive_denominator() -> None:
    assert ratio(30.0, 20.0) == 1.5
    assert math.isnan(ratio(1.0, 0.0))
    assert math.isnan(ratio(math.nan, 2.0))


def test_steady_window_leaves_out_the_first_batch_and_spans_first_to_last_output() -> None:
    assert steady_window([10.5, 10.0, 12.0, 11.0], total=100, warm_up_records=32) == (68, 2.0)
    assert steady_window([], total=100, warm_up_records=32) == (0, 0.0)
    # With the stateful stage the first entities record leaves before the first enriched one: the window opens there.
    assert steady_window([10.5, 12.0], total=100, warm_up_records=32, opened_at=9.0) == (68, 3.0)


def test_latencies_join_raw_and_enriched_by_id_and_skip_the_missing() -> None:
    raw = {"a": 100.0, "b": 101.0, "lost": 102.0}
    enriched = {"a": 100.25, "b": 101.5, "other": 200.0}
    assert sorted(latencies(raw, enriched)) == [0.25, 0.5]


def test_run_result_rates() -> None:
    result = RunResult("x", articles=100, words=38_000, seconds=4.0)
    assert (result.articles_per_second, result.words_per_second) == (25.0, 9_500.0)
    assert math.isnan(RunResult("empty", 0, 0, 0.0).articles_per_second)


def test_targets_compare_in_the_stated_direction() -> None:
    assert Target("throughput", 0.86, 0.85).met
    assert not Target("throughput", 0.84, 0.85).met
    assert Target("p99", 0.99, 1.0, higher_is_better=False).met
    assert not Target("p99", 1.0, 1.0, higher_is_better=False).met
    assert not Target("missing", math.nan, 1.0).met


def test_results_table_has_one_aligned_row_per_configuration() -> None:
    table = results_table([RunResult("ceiling", 600, 230_000, 20.0),
                           RunResult("1 worker", 568, 218_000, 25.0, startup_seconds=4.25,
                                     peak_rss_mib=[450.4, 461.6], cpu_seconds=[20.04, 19.96])])
    lines = table.splitlines()
    assert len(lines) == 4
    assert all(line.count("|") == 10 for line in lines)
    assert lines[2] == "| 1 | ceiling | 600 | 20.00 | 30.0 | 11,500 |  |  |  |"
    assert lines[3] == "| 2 | 1 worker | 568 | 25.00 | 22.7 | 8,720 | 4.2 | 450 + 462 | 20.0 + 20.0 |"


def test_targets_table_marks_misses_loudly() -> None:
    table = targets_table([Target("3/1", 0.9, 0.85), Target("p99 s", 1.2, 1.0, higher_is_better=False)])
    assert "| 3/1 | 0.90 | >= 0.85 | yes |" in table
    assert "| p99 s | 1.20 | < 1 | NO |" in table


def test_markdown_report_names_the_machine_and_the_latency_in_milliseconds() -> None:
    latency = Latency(rate_per_second=12.5, duration_seconds=30, sent=375, received=375,
                      p50=0.2, p95=0.45, p99=0.8, max=0.95)
    report = markdown_report("Test CPU, 2 cores", [RunResult("ceiling", 10, 100, 1.0)], [Target("t", 1, 1)],
                             latency, notes=["load average 0.5"])
    assert report.startswith("Machine: Test CPU, 2 cores\n")
    assert "p50 200 ms, p95 450 ms, p99 800 ms, max 950 ms" in report
    assert "375/375 received" in report
    assert report.endswith("- load average 0.5")


@pytest.mark.parametrize(("returncode", "outside"), [(0, True), (-signal.SIGTERM, True), (1, False), (-signal.SIGKILL, False)])
def test_only_clean_exits_and_sigterm_count_as_stopped_from_outside(returncode: int, outside: bool) -> None:
    assert ProcessStopped("stopped", returncode=returncode).stopped_from_outside is outside


def test_process_readings_from_proc_are_numbers_for_this_process_and_nan_for_a_missing_one() -> None:
    import os

    from tools.bench.machine import cpu_seconds, peak_rss_mib

    assert cpu_seconds(os.getpid()) >= 0
    assert peak_rss_mib(os.getpid()) > 1
    assert math.isnan(cpu_seconds(2**22 + 1)) and math.isnan(peak_rss_mib(2**22 + 1))


def test_the_steady_window_opens_once_every_partition_is_being_processed() -> None:
    from tools.bench.report import all_running_window

    finished = {"a": (0, 10.0), "b": (0, 11.0), "c": (1, 16.0), "d": (1, 17.0), "e": (0, 17.5)}
    # partition 1 (the worker that joined late) starts at 16.0: a and b were done before both ran
    assert all_running_window(finished, last_output=20.0) == ({"c", "d", "e"}, 4.0)
    assert all_running_window({}, last_output=20.0) == (set(), 0.0)
