"""Shared fixtures: paths to the shared material, the spaCy pipeline, fresh metrics registries."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["tests.kafka_stack"]

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED = PROJECT_ROOT.parent / "shared"
SAMPLE_ARTICLE = SHARED / "samples" / "time-plus-news-us-troops.txt"
CORPUS = SHARED / "corpus" / "bbc"


@pytest.fixture(scope="session")
def nlp():
    from newsstream.enrichment.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def corpus_files() -> list[Path]:
    files = sorted(CORPUS.glob("*/*.txt"))
    if not files:
        pytest.fail(f"the shared corpus is missing at {CORPUS}")
    return files


@pytest.fixture
def registry():
    from prometheus_client import CollectorRegistry

    return CollectorRegistry()
