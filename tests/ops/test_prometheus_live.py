"""A real Prometheus scrapes a real worker that enriches corpus articles from the real broker, and the broker's
JMX exporter; every panel query of the generated dashboard and every alert expression (the workers' and the
brokers') must then return data through /api/v1/query.

How thresholds are handled: an alert expression returns nothing while its condition is false, so each one is
split (tests/ops/promql_parts.py) into the operands of its top-level `and`/`or`/`unless`, each without its
trailing comparison to a number, and `absent(x)` into `x`; every such part must return a finite sample.
The dead-letter alert's full expression is checked too: 3 malformed records among 33 (9% > 5%) must make
Prometheus report NewsstreamDeadLetterRateHigh as pending.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import orjson
import pytest

from tests.kafka_stack import Stack, free_port

from .conftest import DASHBOARD_JSON, PROMETHEUS_DIR, RULE_FILES
from .dashboard import panel_queries
from .prometheus_server import PrometheusServer, live_config
from .promql_parts import threshold_free_parts
from .rules import alert_rules

ARTICLES = 30
MALFORMED = [b"this is not json", b'["an", "array"]', b'{"id": "typo-1", "bdy": "a misspelt field"}']
# Long enough to cover the whole test, so every rate() sees the articles being processed.
RATE_INTERVAL = "5m"
LABEL_VALUES = re.compile(r"^label_values\((?:(?P<selector>.+),\s*)?(?P<label>\w+)\)$")


@pytest.mark.integration
def test_every_dashboard_query_and_alert_expression_returns_data(
        stack: Stack, kafka_broker_metrics: str, prometheus_binary: str, corpus_files: list[Path],
        tmp_path: Path) -> None:
    metrics_port = free_port()
    worker = stack.start_worker(NEWSSTREAM_METRICS_PORT=str(metrics_port))

    def worker_running() -> None:
        if worker.poll() is not None:
            log = "\n".join(stack.worker_log(0).splitlines()[-40:])
            raise AssertionError(f"the worker exited with {worker.returncode}\n{log}")

    (tmp_path / "prometheus").mkdir()
    config = live_config(PROMETHEUS_DIR / "prometheus.yml", PROMETHEUS_DIR / "rules", f"127.0.0.1:{metrics_port}",
                         kafka_targets=[kafka_broker_metrics])
    server = PrometheusServer(prometheus_binary, config, tmp_path / "prometheus", free_port())
    try:
        server.wait_until_ready()
        server.wait_for("the worker to be scraped", lambda: server.query('up{job="newsstream"} == 1'), timeout=180,
                        watch=worker_running)
        server.wait_for("the broker to be scraped", lambda: server.query('up{job="kafka"} == 1'), timeout=60)

        articles = corpus_files[::40][:ARTICLES]
        feed(stack, articles)
        total = len(articles) + len(MALFORMED)
        # Every record finished (enriched or dead-lettered), as Prometheus scraped it from the worker.
        server.wait_for(f"{total} records processed", lambda: scalar(server.query(
            'sum(newsstream_articles_enriched_total{job="newsstream"})'
            ' + sum(newsstream_articles_dead_lettered_total{job="newsstream"})')) >= total,
            timeout=180, watch=worker_running)
        assert scalar(server.query('sum(newsstream_articles_consumed_total{job="newsstream"})')) == total
        assert scalar(server.query('sum(newsstream_articles_dead_lettered_total{job="newsstream"})')) >= len(MALFORMED)
        server.wait_for("NewsstreamDeadLetterRateHigh pending", lambda: alert_states(server).get(
            "NewsstreamDeadLetterRateHigh") in {"pending", "firing"})

        variables = resolve_variables(server)
        queries = [(f"panel {title!r} {ref}", expr) for title, ref, expr in dashboard_queries(variables)]
        queries += [(f"alert {rule.name}", part) for rule in alert_rules(RULE_FILES)
                    for part in threshold_free_parts(rule.expr)]

        def queries_without_data() -> list[str]:
            return [f"{where}: {expr}" for where, expr in queries if not has_finite_sample(server, expr)]

        # rate()/deriv() need two scrapes of a series: series that appeared late (the lag gauge, a new
        # entity label) get a few more scrapes before their absence counts as a failure.
        try:
            server.wait_for("every query to return data", lambda: not queries_without_data(), timeout=30)
        except AssertionError:
            pytest.fail("queries without data:\n" + "\n".join(queries_without_data()))

        check_rules_loaded_and_healthy(server)
        firing = [name for name, state in alert_states(server).items() if state == "firing"]
        assert firing == [], f"alerts firing on a healthy worker: {firing}"
    finally:
        server.stop()


def feed(stack: Stack, articles: list[Path]) -> None:
    producer = stack.producer()
    try:
        for path in articles:
            record = {"id": f"bbc-{path.parent.name}-{path.stem}", "source": "BBC",
                      "body": path.read_text(encoding="utf-8", errors="replace")}
            producer.send(stack.settings.topics.raw, key=record["id"].encode(), value=orjson.dumps(record))
        for index, value in enumerate(MALFORMED):
            producer.send(stack.settings.topics.raw, key=f"malformed-{index}".encode(), value=value)
        producer.flush(timeout=60)
    finally:
        producer.close()


def resolve_variables(server: PrometheusServer) -> dict[str, str]:
    """Each template variable's first value, found the way Grafana finds it (label_values -> series API)."""
    board = json.loads(DASHBOARD_JSON.read_text())
    values: dict[str, str] = {}
    for variable in board["templating"]["list"]:
        match = LABEL_VALUES.match(substitute(variable["query"], values))
        assert match, f"variable {variable['name']}: unsupported query {variable['query']}"
        params = {"match[]": match.group("selector")} if match.group("selector") else {}
        found = server.api(f"label/{match.group('label')}/values", **params)
        assert found, f"variable {variable['name']} has no values: {variable['query']}"
        values[variable["name"]] = found[0]
    assert values.get("job") == "newsstream"
    return values


def dashboard_queries(variables: dict[str, str]) -> list[tuple[str, str, str]]:
    board = json.loads(DASHBOARD_JSON.read_text())
    queries = [(title, ref, substitute(expr, variables)) for title, ref, expr in panel_queries(board)]
    assert len(queries) >= 20, "the dashboard lost its queries"
    return queries


def substitute(expr: str, variables: dict[str, str]) -> str:
    expr = expr.replace("$__rate_interval", RATE_INTERVAL)
    for name, value in sorted(variables.items(), key=lambda item: -len(item[0])):
        expr = expr.replace(f"${name}", re.escape(value).replace("\\", "\\\\"))
    assert "$" not in expr, f"unresolved variable in {expr}"
    return expr


def has_finite_sample(server: PrometheusServer, expr: str) -> bool:
    return any(math.isfinite(float(sample["value"][1])) for sample in server.query(expr))


def scalar(result: list[dict[str, Any]]) -> float:
    return float(result[0]["value"][1]) if result else 0.0


def alert_states(server: PrometheusServer) -> dict[str, str]:
    return {alert["labels"]["alertname"]: alert["state"] for alert in server.api("alerts")["alerts"]}


def check_rules_loaded_and_healthy(server: PrometheusServer) -> None:
    loaded = {rule["name"]: rule for group in server.api("rules")["groups"] for rule in group["rules"]}
    assert set(loaded) == {rule.name for rule in alert_rules(RULE_FILES)}
    unhealthy = {name: rule.get("lastError") for name, rule in loaded.items() if rule["health"] != "ok"}
    assert not unhealthy, f"rules Prometheus failed to evaluate: {unhealthy}"
