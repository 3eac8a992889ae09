"""Configurations 1 and 2, in this process: the spaCy pipeline alone, and the offline enrichment code path."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

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


@dataclass(slots=True)
class OfflineRun:
    seconds: float
    enriched: int
    stage_seconds: dict[str, float]  # the Enricher's own stage timers (clean, nlp, entities, ..., places, tone)

    def share_of(self, *stages: str) -> float:
        """The stages' share of the enrichment time, in per cent."""
        return 100.0 * sum(self.stage_seconds.get(stage, 0.0) for stage in stages) / self.seconds


def offline_seconds(nlp: Language, articles: Sequence[BenchArticle], batch_size: int,
                    max_record_bytes: int, others: dict[str, Language] | None = None) -> OfflineRun:
    """`enrich_raw` over the raw values in the worker's batches (the path of `newsstream enrich` and the worker:
    parse the record, then enrich the batch), with the time of each stage."""
    values = [article.value for article in articles]
    stage_seconds: dict[str, float] = defaultdict(float)

    def observe(stage: str, seconds: float) -> None:
        stage_seconds[stage] += seconds

    enricher = Enricher(nlp, observe=observe, others=others)
    enrich_raw(enricher, [orjson.dumps({"id": "warm-up", "body": WARM_UP_TEXT})], max_record_bytes)
    stage_seconds.clear()
    enriched = 0
    started = time.perf_counter()
    for offset in range(0, len(values), batch_size):
        outcomes = enrich_raw(enricher, values[offset:offset + batch_size], max_record_bytes)
        enriched += sum(isinstance(outcome, EnrichedArticle) for outcome in outcomes)
    return OfflineRun(time.perf_counter() - started, enriched, dict(stage_seconds))