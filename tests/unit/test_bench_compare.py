"""`make bench-compare`: which code a worker imports, the medians and the verdict (tools/bench/compare.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tools.bench.compare import CodeUnderTest, Comparison, extract
from tools.bench.kafka_run import PROJECT_ROOT


def test_this_tree_runs_with_the_environment_unchanged() -> None:
    assert CodeUnderTest("this tree").worker_env() == {}


def test_an_extracted_commit_comes_first_on_the_workers_path(tmp_path: Path) -> None:
    services = tmp_path / "services"
    assert CodeUnderTest("abc123", services).worker_env()["PYTHONPATH"].split(os.pathsep) == [
        str(services), str(PROJECT_ROOT)]


def test_a_worker_started_with_an_extracted_tree_imports_that_trees_newsstream(tmp_path: Path) -> None:
    services = extract("HEAD", tmp_path / "reference")
    env = {**os.environ, **CodeUnderTest("HEAD", services).worker_env()}
    imported = subprocess.run([sys.executable, "-c", "import newsstream; print(newsstream.__file__)"], env=env,
                              capture_output=True, text=True, check=True).stdout.strip()
    assert Path(imported) == services / "newsstream" / "__init__.py"


def test_extracting_something_that_is_not_newsstream_fails_clearly(tmp_path: Path) -> None:
    with pytest.raises(subprocess.CalledProcessError):
        extract("no-such-revision-anywhere", tmp_path / "reference")


def test_medians_ratio_and_verdict() -> None:
    comparison = Comparison({"abc123": [10.0, 12.0, 11.0], "this tree": [9.0, 10.5, 10.0]})
    assert comparison.median("abc123") == 11.0
    assert comparison.ratio("this tree", "abc123") == pytest.approx(10.0 / 11.0)
    lines = comparison.lines("this tree", "abc123", 0.10)
    assert lines[0] == "abc123     runs 10.0, 12.0, 11.0 articles/s; median 11.0"
    assert lines[-1] == "this tree / abc123: 0.909 (within 10%)"
    assert comparison.lines("this tree", "abc123", 0.05)[-1].endswith("(outside 5%)")
