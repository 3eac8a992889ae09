"""Reading the alert rules of deploy/prometheus/rules/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True, slots=True)
class AlertRule:
    name: str
    expr: str
    labels: dict[str, str]
    annotations: dict[str, str]
    source: Path


def alert_rules(files: list[Path]) -> list[AlertRule]:
    rules: list[AlertRule] = []
    for path in files:
        document: dict[str, Any] = yaml.safe_load(path.read_text())
        for group in document["groups"]:
            for rule in group["rules"]:
                if "alert" in rule:
                    rules.append(AlertRule(name=rule["alert"], expr=rule["expr"], labels=rule.get("labels", {}),
                                           annotations=rule.get("annotations", {}), source=path))
    return rules
