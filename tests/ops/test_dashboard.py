"""The Grafana dashboard generated from tools/dashboard/ and its provisioning."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from .conftest import DASHBOARD_CODE, DASHBOARD_JSON, DEPLOY
from .dashboard import committed_dashboard, load_generator, panel_queries, panels

PROVISIONING = DEPLOY / "grafana" / "provisioning"

# Each required panel, by a word of its title, and a metric its queries must use.
REQUIRED_PANELS = {
    "Throughput in and out": "newsstream_articles_consumed_total",
    "Consumer lag": "newsstream_consumer_lag_records",
    "End-to-end latency": "newsstream_end_to_end_latency_seconds_bucket",
    "Dead letters by reason": "newsstream_articles_dead_lettered_total",
    "Stage time per batch": "newsstream_stage_duration_seconds_sum",
    "Entities and figures per article": "newsstream_figures_per_article_sum",
    "Workers up": "up{",
    "Batch size": "newsstream_batch_size_articles_sum",
}


def test_the_committed_json_is_what_the_code_generates() -> None:
    generated = load_generator().render()
    assert DASHBOARD_JSON.read_text() == generated, (
        f"{DASHBOARD_JSON.relative_to(DEPLOY.parent)} is stale: run "
        f"`.venv/bin/python {DASHBOARD_CODE.relative_to(DEPLOY.parent)}` and commit the result")


def test_the_staleness_check_detects_an_edit(tmp_path: Path) -> None:
    stale = tmp_path / "newsstream.json"
    stale.write_text(DASHBOARD_JSON.read_text().replace('"Consumer lag"', '"Consumer lag (edited)"', 1))
    result = subprocess.run([sys.executable, str(DASHBOARD_CODE), "--check", "--output", str(stale)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "stale" in result.stderr


def test_the_dashboard_has_a_fixed_uid_and_job_and_instance_variables() -> None:
    board = committed_dashboard()
    generator = load_generator()
    assert board["uid"] == generator.DASHBOARD_UID == "newsstream-overview"
    variables = {variable["name"]: variable for variable in board["templating"]["list"]}
    assert {"job", "instance"} <= set(variables)
    for name in ("job", "instance"):
        assert variables[name]["query"].startswith("label_values(")
        assert variables[name]["includeAll"] and variables[name]["allValue"] == ".*"


def test_every_required_panel_is_there() -> None:
    queries_by_panel: dict[str, str] = {}
    for title, _ref, expr in panel_queries(committed_dashboard()):
        queries_by_panel[title] = queries_by_panel.get(title, "") + expr
    for title, metric in REQUIRED_PANELS.items():
        assert title in queries_by_panel, f"no panel {title!r}"
        assert metric in queries_by_panel[title], f"{title!r} does not query {metric}"
    latency = queries_by_panel["End-to-end latency"]
    assert all(f"histogram_quantile({q}," in latency for q in ("0.5", "0.95", "0.99"))


def test_every_panel_has_a_unit_a_description_and_queries() -> None:
    for panel in panels(committed_dashboard()):
        assert panel.get("description"), f"{panel['title']} has no description"
        assert panel["fieldConfig"]["defaults"].get("unit"), f"{panel['title']} has no unit"
        assert panel.get("targets"), f"{panel['title']} has no query"


def test_every_query_uses_the_rate_interval_and_the_variables() -> None:
    for title, ref, expr in panel_queries(committed_dashboard()):
        windows = re.findall(r"\[([^\]]+)\]", expr)
        assert all(window == "$__rate_interval" for window in windows), f"{title}/{ref}: fixed window in {expr}"
        for selector in re.findall(r"\{([^}]*)\}", expr):
            # The workers' panels follow the variables; the brokers' row reads the brokers' exporters.
            workers = 'job=~"$job"' in selector and 'instance=~"$instance"' in selector
            assert workers or selector == 'job="kafka"', f"{title}/{ref}: {expr}"
        assert re.search(r"\{[^}]*\}", expr), f"{title}/{ref}: unscoped query {expr}"


def test_every_query_names_the_provisioned_datasource() -> None:
    datasources = yaml.safe_load((PROVISIONING / "datasources" / "prometheus.yml").read_text())["datasources"]
    uids = {source["uid"] for source in datasources}
    board = committed_dashboard()
    for panel in panels(board):
        assert panel["datasource"]["uid"] in uids
        for target in panel["targets"]:
            assert target["datasource"]["uid"] in uids


def test_the_dashboard_provider_loads_the_committed_json_and_forbids_ui_edits() -> None:
    providers = yaml.safe_load((PROVISIONING / "dashboards" / "newsstream.yml").read_text())["providers"]
    assert len(providers) == 1
    provider = providers[0]
    assert provider["allowUiUpdates"] is False
    assert provider["type"] == "file"
    # docker-compose.yml mounts deploy/grafana/dashboards at this path.
    compose = yaml.safe_load((DEPLOY.parent / "docker-compose.yml").read_text())
    mounts = compose["services"]["grafana"]["volumes"]
    assert f"./deploy/grafana/dashboards:{provider['options']['path']}:ro" in mounts
