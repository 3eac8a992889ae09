"""Where the worker's time goes: pyinstrument over the offline code path (parse + `Enricher.enrich_batch`).

    .venv/bin/pip install pyinstrument
    .venv/bin/python -m deploy.bench.profile_offline [--articles 200] [--html bench-results/profile.html]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `deploy.bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    __package__ = "deploy.bench"

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
    enricher = Enricher(load_pipeline(settings.spacy_model))
    enricher.enrich_batch([parse_raw_record(a.value, max_bytes=settings.max_record_bytes) for a in articles[:8]])
    profiler = Profiler(interval=0.002)
    with profiler:
        for offset in range(0, len(articles), settings.batch_size):
            batch = articles[offset:offset + settings.batch_size]
            enricher.enrich_batch([parse_raw_record(a.value, max_bytes=settings.max_record_bytes) for a in batch])
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    if arguments.html:
        arguments.html.parent.mkdir(parents=True, exist_ok=True)
        arguments.html.write_text(profiler.output_html())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
