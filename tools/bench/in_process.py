"""Configurations 1 and 2, in this process: the spaCy pipeline alone, and the offline enrichment code path."""

from __future__ import annotations

import time
from collections.abc import Sequence

import orjson
from spacy.language import Language

from newsstream.enrichment.raw_batch import enrich_raw
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
    """`enrich_raw` over the raw values in the worker's batches (the path of `newsstream enrich` and the worker:
    parse the record, then enrich the batch); returns (seconds, articles enriched)."""
    values = [article.value for article in articles]
    enricher = Enricher(nlp)
    enrich_raw(enricher, [orjson.dumps({"id": "warm-up", "body": WARM_UP_TEXT})], max_record_bytes)
    enriched = 0
    started = time.perf_counter()
    for offset in range(0, len(values), batch_size):
        outcomes = enrich_raw(enricher, values[offset:offset + batch_size], max_record_bytes)
        enriched += sum(isinstance(outcome, EnrichedArticle) for outcome in outcomes)
    return time.perf_counter() - started, enriched