"""Configurations 1 and 2, in this process: the spaCy pipeline alone, and the offline enrichment code path."""

from __future__ import annotations

import time
from collections.abc import Sequence

import orjson
from spacy.language import Language

from newsstream.enrichment.parse import parse_raw_record
from newsstream.enrichment.pipeline import Enricher
from newsstream.enrichment.records import EnrichedArticle

from .corpus import BenchArticle

# Warm-up loads the model's lazy parts without adding the measured texts' words to the vocabulary first.
WARM_UP_TEXT = ('The Bank of England kept its main rate at 4.5% on Thursday. "We will act," said Andrew Bailey, '
                "adding that 2,000 jobs were at risk in London.")


def ceiling_seconds(nlp: Language, articles: Sequence[BenchArticle], batch_size: int) -> float:
    """`nlp.pipe` over the bodies, the worker's batch size, one process: the most the model can do here."""
    texts = [article.body for article in articles]
    nlp(WARM_UP_TEXT)
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
    enricher.enrich_batch([parse_raw_record(orjson.dumps({"id": "warm-up", "body": WARM_UP_TEXT}),
                                            max_bytes=max_record_bytes)])
    enriched = 0
    started = time.perf_counter()
    for offset in range(0, len(records), batch_size):
        outcomes = enricher.enrich_batch(records[offset:offset + batch_size])
        enriched += sum(isinstance(outcome, EnrichedArticle) for outcome in outcomes)
    return time.perf_counter() - started, enriched
