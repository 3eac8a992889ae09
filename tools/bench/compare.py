"""`make bench-compare REF=<commit>`: row 3 of `make bench` (one worker draining a pre-loaded raw topic) for this
tree and for an earlier commit, run alternately on one broker, with the median of each.

A change that should not alter behaviour ("within 10 % of the pre-change commit") is judged on the same host,
back to back; alternating the two codes spreads the host's drift (other work, thermal state) over both. The
earlier commit's code comes from `git archive`, and its worker runs with that tree first on PYTHONPATH, so it
imports its own `newsstream`; the benchmark's own code (broker, feeding, reading) is this tree's for both.

    .venv/bin/python -m tools.bench.compare --ref 8f7076b [--runs 3] [--articles 500]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `tools.bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    __package__ = "tools.bench"

import orjson

from newsstream.settings import Settings

from .bench import end_to_end_result, progress, retried_once_if_stopped_from_outside
from .corpus import load_articles
from .kafka_run import PROJECT_ROOT, local_broker, run_end_to_end
from .machine import describe, load_average


@dataclass(frozen=True, slots=True)
class CodeUnderTest:
    """A tree whose `newsstream` the worker imports: this checkout (`services is None`) or an extracted commit."""

    label: str
    services: Path | None = None

    def worker_env(self) -> dict[str, str]:
        if self.services is None:
            return {}
        return {"PYTHONPATH": os.pathsep.join([str(self.services), str(PROJECT_ROOT)])}


@dataclass(frozen=True, slots=True)
class Comparison:
    """Articles per second of each run, by code label, in the order the codes were run."""

    rates: dict[str, list[float]]

    def median(self, label: str) -> float:
        return statistics.median(self.rates[label])

    def ratio(self, label: str, reference: str) -> float:
        return self.median(label) / self.median(reference)

    def lines(self, label: str, reference: str, tolerance: float) -> list[str]:
        width = max(len(name) for name in self.rates)
        rows = [f"{name:<{width}}  runs {', '.join(f'{rate:.1f}' for rate in rates)} articles/s; "
                f"median {self.median(name):.1f}" for name, rates in self.rates.items()]
        ratio = self.ratio(label, reference)
        verdict = "within" if abs(ratio - 1) <= tolerance else "outside"
        rows.append(f"{label} / {reference}: {ratio:.3f} ({verdict} {tolerance:.0%})")
        return rows


def extract(ref: str, destination: Path, repository: Path = PROJECT_ROOT) -> Path:
    """The tree of `ref` (services, schemas, deploy) under `destination`; returns its `services` folder."""
    archive = subprocess.run(["git", "-C", str(repository), "archive", ref], check=True, capture_output=True).stdout
    destination.mkdir(parents=True, exist_ok=True)
    subprocess.run(["tar", "-x", "-C", str(destination)], input=archive, check=True)
    services = destination / "services"
    if not (services / "newsstream").is_dir():
        raise SystemExit(f"{ref} has no services/newsstream: not a newsstream commit")
    return services


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench-compare", description=__doc__.split("\n\n")[0])
    parser.add_argument("--ref", required=True, help="the earlier commit (any git revision)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each code (default 3)")
    parser.add_argument("--articles", type=int, default=500, help="articles per run (default 500)")
    parser.add_argument("--tolerance", type=float, default=0.10, help="allowed change of the median (default 0.10)")
    parser.add_argument("--json", type=Path, help="where to write the rates (default bench-results/compare-<time>.json)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    if arguments.runs < 1 or arguments.articles < 1:
        raise SystemExit("--runs and --articles must be at least 1")
    settings = Settings.from_env()
    articles = load_articles(arguments.articles)
    root = Path(tempfile.mkdtemp(prefix="newsstream-bench-compare-"))
    reference = CodeUnderTest(arguments.ref, extract(arguments.ref, root / "reference"))
    current = CodeUnderTest("this tree")
    codes = [reference, current]
    rates: dict[str, list[float]] = {code.label: [] for code in codes}
    timeout = max(180.0, len(articles) / 2)
    progress(f"{len(articles)} articles, {arguments.runs} runs of each code; load average {load_average()}")
    try:
        with local_broker(root / "broker") as bootstrap:
            for run in range(arguments.runs):
                for code in codes:
                    name = f"r{run}-{'ref' if code is reference else 'cur'}"
                    progress(f"run {run + 1}/{arguments.runs}: {code.label}")
                    env = code.worker_env()
                    result = end_to_end_result(name, retried_once_if_stopped_from_outside(
                        name, lambda name=name, env=env: run_end_to_end(
                            root, bootstrap, name, articles, lambda d: d.start_workers(1, **env), timeout)),
                        articles, settings.batch_size)
                    rates[code.label].append(result.articles_per_second)
                    progress(f"  {result.articles_per_second:.1f} articles/s")
    finally:
        shutil.rmtree(root, ignore_errors=True)

    comparison = Comparison(rates)
    lines = [f"row 3 (end-to-end, 1 worker), {len(articles)} articles; {describe(settings.spacy_model)}; "
             f"load average at the end {load_average()}", *comparison.lines(current.label, reference.label,
                                                                            arguments.tolerance)]
    print("\n".join(lines))
    path = arguments.json or PROJECT_ROOT / "bench-results" / f"compare-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(orjson.dumps({"reference": arguments.ref, "articles": len(articles), **dataclasses.asdict(comparison),
                                   "ratio": comparison.ratio(current.label, reference.label)},
                                  option=orjson.OPT_INDENT_2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
