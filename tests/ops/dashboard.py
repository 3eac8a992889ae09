"""Reading the generated dashboard: its panels and their queries, and the generator module itself."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from .conftest import DASHBOARD_CODE, DASHBOARD_JSON


def load_generator() -> ModuleType:
    """tools/dashboard/ is not a package: load the generator from its path."""
    spec = importlib.util.spec_from_file_location("newsstream_dashboard", DASHBOARD_CODE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def committed_dashboard(path: Path = DASHBOARD_JSON) -> dict[str, Any]:
    return json.loads(path.read_text())


def panels(board: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every visualisation panel, also those nested in collapsed rows; rows themselves are skipped."""
    for panel in board["panels"]:
        if panel["type"] == "row":
            yield from panels({"panels": panel.get("panels", [])})
        else:
            yield panel


def panel_queries(board: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    """(panel title, refId, PromQL expression) of every query."""
    for panel in panels(board):
        for target in panel.get("targets", []):
            yield panel["title"], target["refId"], target["expr"]
