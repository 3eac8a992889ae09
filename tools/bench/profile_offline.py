"""Where the worker's time goes: pyinstrument over the offline code path (parse + `Enricher.enrich_batch`).

    .venv/bin/pip install pyinstrument
    .venv/bin/python -m tools.bench.profile_offline [--articles 200] [--html bench-results/profile.html]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `tools.bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    __package__ = "tools.bench"

from newsstream.enrichment.nlp import load_pipeline
from newsstream.enrichment.parse import parse_raw_record
from newsstream.enrichment.pipeline import Enricher
from newsstream.settings import Settings

from .corpus import load_articles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="profile_offline", description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--html", type=Path, default=None, help="also write pyinstrument's HTML report here")
    arguments = parser.parse_args(argv)
    try:
        from pyinstrument import Profiler
    except ImportError:
        print("pyinstrument is not installed: .venv/bin/pip install pyinstrument", file=sys.stderr)
        return 2
    settings = Settings.from_env()
    articles = load_articles(arguments.articles)
    stage_seconds: dict[str, float] = defaultdict(float)

    def observe(stage: str, seconds: float) -> None:
        stage_seconds[stage] += seconds

    enricher = Enricher(load_pipeline(settings.spacy_model, settings.matmul), observe=observe)
    enricher.enrich_batch([parse_raw_record(a.value, max_bytes=settings.max_record_bytes) for a in articles[:8]])
    stage_seconds.clear()
    profiler = Profiler(interval=0.002)
    cpu_started = time.process_time()
    with profiler:
        for offset in range(0, len(articles), settings.batch_size):
            batch = articles[offset:offset + settings.batch_size]
            enricher.enrich_batch([parse_raw_record(a.value, max_bytes=settings.max_record_bytes) for a in batch])
    cpu_seconds = time.process_time() - cpu_started
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    # The stage timers of the Enricher itself: exact, unlike sampling through Cython frames.
    total = sum(stage_seconds.values())
    print(f"Enricher stages over {len(articles)} articles (wall seconds; process CPU {cpu_seconds:.2f} s):")
    for stage, seconds in sorted(stage_seconds.items(), key=lambda item: -item[1]):
        print(f"  {stage:<10} {seconds:7.2f} s  {100 * seconds / total:5.1f} %  {1000 * seconds / len(articles):6.1f} ms/article")
    if arguments.html:
        arguments.html.parent.mkdir(parents=True, exist_ok=True)
        arguments.html.write_text(profiler.output_html())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
