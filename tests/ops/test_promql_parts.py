"""The helper that strips thresholds off alert expressions for the live Prometheus test."""

from __future__ import annotations

import pytest

from .promql_parts import split_top_level, threshold_free_parts


@pytest.mark.parametrize(("expr", "parts"), [
    ('up{job="newsstream"} == 0', ['up{job="newsstream"}']),
    ('absent(up{job="newsstream"} == 1)', ['up{job="newsstream"}']),
    ("sum by (job) (a) > 1000\nand sum by (job) (deriv(a[10m])) > 0",
     ["sum by (job) (a)", "sum by (job) (deriv(a[10m]))"]),
    ("(sum by (job) (rate(a[5m])) + sum by (job) (rate(b[5m]))) == 0 and on(job) sum by (job) (lag) > 0",
     ["sum by (job) (rate(a[5m])) + sum by (job) (rate(b[5m]))", "sum by (job) (lag)"]),
    ("histogram_quantile(0.99, sum by (le) (rate(h_bucket[5m]))) > 10",
     ["histogram_quantile(0.99, sum by (le) (rate(h_bucket[5m])))"]),
    ("sum(rate(d[5m])) / sum(rate(c[5m])) > 0.05", ["sum(rate(d[5m])) / sum(rate(c[5m]))"]),
    ("x > bool 1e3", ["x"]),
    ("(a) / (b)", ["(a) / (b)"]),
    ('rate(x{reason="or", brand="andes"}[5m]) >= 2', ['rate(x{reason="or", brand="andes"}[5m])']),
])
def test_threshold_free_parts(expr: str, parts: list[str]) -> None:
    assert threshold_free_parts(expr) == parts


def test_set_operators_inside_brackets_and_words_are_not_split() -> None:
    assert split_top_level("sum by (x) (a and b) or random_orders unless c", ("and", "or", "unless")) == [
        "sum by (x) (a and b)", "random_orders", "c"]
