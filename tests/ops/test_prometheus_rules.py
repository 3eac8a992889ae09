"""The Prometheus configuration and alert rules: promtool checks them and runs their unit tests."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import yaml

from .conftest import PROJECT_ROOT, PROMETHEUS_DIR, RULE_FILES, RULE_TEST_FILES
from .rules import alert_rules

RUNBOOK_PAGE = "docs/operations.md"  # every alert's `runbook` annotation links to its section there

REQUIRED_ALERTS = {
    "NewsstreamWorkerDown",  # worker down
    "NewsstreamConsumerLagGrowing",  # consumer lag growing
    "NewsstreamDeadLetterRateHigh",  # dead-letter rate high
    "NewsstreamLatencyP99High",  # latency p99 high
    "NewsstreamNoThroughput",  # no throughput while input arrives
    "KafkaUnderReplicatedPartitions",  # under-replicated partitions for 5 minutes
    "KafkaOfflinePartitions",  # any offline partition
    "KafkaActiveControllerCountNotOne",  # an active controller count other than 1
}
# Each alert reads one scrape job: the workers' or the brokers' JMX exporters'.
JOB_OF_PREFIX = {"Newsstream": "newsstream", "Kafka": "kafka"}


def run(*args: str, cwd: Path = PROMETHEUS_DIR) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), cwd=cwd, capture_output=True, text=True, timeout=120)


def test_prometheus_config_and_its_rule_files_are_valid(promtool: str) -> None:
    result = run(promtool, "check", "config", "prometheus.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(RULE_FILES)} rule files found" in result.stdout + result.stderr


def test_rule_files_are_valid(promtool: str) -> None:
    assert RULE_FILES, "no rule files in deploy/prometheus/rules/"
    result = run(promtool, "check", "rules", *map(str, RULE_FILES))
    assert result.returncode == 0, result.stdout + result.stderr


def test_rule_unit_tests_pass(promtool: str) -> None:
    assert RULE_TEST_FILES, "no promtool test files in deploy/prometheus/tests/"
    result = run(promtool, "test", "rules", *map(str, RULE_TEST_FILES))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SUCCESS" in result.stdout


def test_the_rule_unit_tests_catch_a_changed_threshold(promtool: str, tmp_path: Path) -> None:
    """The unit tests pin the thresholds: moving one must make them fail."""
    shutil.copytree(PROMETHEUS_DIR / "rules", tmp_path / "rules")
    shutil.copytree(PROMETHEUS_DIR / "tests", tmp_path / "tests")
    rules = tmp_path / "rules" / "newsstream-alerts.yml"
    text = rules.read_text()
    assert "[5m]))) > 10\n" in text
    rules.write_text(text.replace("[5m]))) > 10\n", "[5m]))) > 30\n"))
    result = run(promtool, "test", "rules", *(str(p) for p in sorted((tmp_path / "tests").glob("*.test.yml"))))
    assert result.returncode != 0
    assert "NewsstreamLatencyP99High" in result.stdout + result.stderr


def test_the_rule_unit_tests_catch_a_shorter_under_replication_wait(promtool: str, tmp_path: Path) -> None:
    """Under-replication must last 5 minutes: a rule that fires sooner fails the unit tests."""
    shutil.copytree(PROMETHEUS_DIR / "rules", tmp_path / "rules")
    shutil.copytree(PROMETHEUS_DIR / "tests", tmp_path / "tests")
    rules = tmp_path / "rules" / "kafka-alerts.yml"
    text = rules.read_text()
    rule = text.index("alert: KafkaUnderReplicatedPartitions")
    assert text.index("for: 5m", rule) < text.index("alert:", rule + 1)
    rules.write_text(text[:rule] + text[rule:].replace("for: 5m", "for: 2m", 1))
    result = run(promtool, "test", "rules", *(str(p) for p in sorted((tmp_path / "tests").glob("*.test.yml"))))
    assert result.returncode != 0
    assert "KafkaUnderReplicatedPartitions" in result.stdout + result.stderr


def test_the_required_alerts_exist_with_severity_summary_and_runbook() -> None:
    rules = alert_rules(RULE_FILES)
    names = [rule.name for rule in rules]
    assert len(names) == len(set(names)), "duplicate alert names"
    assert set(names) >= REQUIRED_ALERTS
    for rule in rules:
        assert rule.labels.get("severity") in {"critical", "warning"}, rule.name
        assert rule.annotations.get("summary"), rule.name
        assert rule.annotations.get("runbook") == f"{RUNBOOK_PAGE}#{rule.name.lower()}", rule.name
        job = next(job for prefix, job in JOB_OF_PREFIX.items() if rule.name.startswith(prefix))
        assert f'job="{job}"' in rule.expr, f"{rule.name} must be scoped to the {job} job"


def test_every_alert_has_a_firing_and_a_quiet_unit_test() -> None:
    firing: set[str] = set()
    quiet: set[str] = set()
    for path in RULE_TEST_FILES:
        for case in yaml.safe_load(path.read_text())["tests"]:
            for check in case.get("alert_rule_test", []):
                (firing if check.get("exp_alerts") else quiet).add(check["alertname"])
    names = {rule.name for rule in alert_rules(RULE_FILES)}
    assert names - firing == set(), "alerts without a test where they fire"
    assert names - quiet == set(), "alerts without a test where they stay quiet"


def test_every_runbook_link_has_a_section_in_the_operations_page() -> None:
    page = (PROJECT_ROOT / RUNBOOK_PAGE).read_text()
    headings = {_github_anchor(line.lstrip("#").strip()) for line in _outside_code_blocks(page) if line.startswith("#")}
    for rule in alert_rules(RULE_FILES):
        path, anchor = rule.annotations["runbook"].split("#", 1)
        assert path == RUNBOOK_PAGE, rule.name
        assert anchor in headings, f"{RUNBOOK_PAGE} has no heading for {rule.name}'s runbook"


def _outside_code_blocks(text: str) -> list[str]:
    """The lines of a Markdown page outside fenced code blocks (a `# comment` in a shell example is no heading)."""
    lines, fenced = [], False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced:
            lines.append(line)
    return lines


def _github_anchor(heading: str) -> str:
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
