"""Configurations 1 and 2, in this process: the spaCy pipeline alone, and the offline enrichment code path."""

from __future__ import annotations

import time
from collections.abc import Sequence

from spacy.language import Language

from newsstream.enrichment.parse import parse_raw_record
from newsstream.enrichment.pipeline import Enricher
from newsstream.enrichment.records import EnrichedArticle

from .corpus import BenchArticle

WARM_UP_ARTICLES = 8


def ceiling_seconds(nlp: Language, articles: Sequence[BenchArticle], batch_size: int) -> float:
    """`nlp.pipe` over the bodies, the worker's batch size, one process: the most the model can do here."""
    texts = [article.body for article in articles]
    for _ in nlp.pipe(texts[:WARM_UP_ARTICLES], batch_size=batch_size):
        pass
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - started


def offline_seconds(nlp: Language, articles: Sequence[BenchArticle], batch_size: int,
                    max_record_bytes: int) -> tuple[float, int]:
    """`Enricher.enrich_batch` over already-parsed records in the worker's batches (what `newsstream enrich`
    and the worker both run); returns (seconds, articles enriched)."""
    records = [parse_raw_record(article.value, max_bytes=max_record_bytes) for article in articles]
    enricher = Enricher(nlp)
    enricher.enrich_batch(records[:WARM_UP_ARTICLES])
    enriched = 0
    started = time.perf_counter()
    for offset in range(0, len(records), batch_size):
        outcomes = enricher.enrich_batch(records[offset:offset + batch_size])
        enriched += sum(isinstance(outcome, EnrichedArticle) for outcome in outcomes)
    return time.perf_counter() - started, enriched
