"""Case restored for the model where wire copy shouts, without moving a character."""

from __future__ import annotations

import orjson
from spacy.language import Language

from newsstream.enrichment.parse import parse_raw_record
from newsstream.enrichment.pipeline import Enricher
from newsstream.enrichment.records import EnrichedArticle
from newsstream.enrichment.truecase import restore_case

WIRE = (
    "KESTREL PROFIT FALLS 12 PCT ON WEAK EUROPEAN DEMAND\n\n"
    "FRANKFURT, March 3 (Newswire) - Kestrel AG said on Tuesday its profit fell 12 pct on weak European "
    "demand. \"We expect a better second half,\" chief executive Anna Weber told reporters.\n\n"
    "Shares in Kestrel fell 3 pct in Frankfurt trading."
)


def test_shouted_headline_and_dateline_take_the_articles_own_spelling() -> None:
    restored, lines = restore_case(WIRE)
    assert lines == 2
    assert len(restored) == len(WIRE)
    assert restored.startswith("Kestrel profit falls 12 pct on weak European demand\n\nFrankfurt, March 3")
    assert restored.lower() == WIRE.lower()


def test_ordinary_copy_is_left_alone() -> None:
    text = "The BBC said the US and UK would meet.\n\nNATO, the alliance, agreed."
    assert restore_case(text) == (text, 0)


def test_the_record_keeps_its_own_text_and_gets_the_restored_names(nlp: Language) -> None:
    record = parse_raw_record(orjson.dumps({"id": "w1", "body": WIRE}), max_bytes=10**6)
    article = Enricher(nlp).enrich_batch([record])[0]
    assert isinstance(article, EnrichedArticle)
    assert "restored_case:2_lines" in article.processing["notes"]
    spans = [m for e in article.entities for m in e.mentions] + article.figures + article.quotes + article.dates
    assert spans and all(article.text[s.start:s.end] == s.text for s in spans)
    assert all(figure.sentence in article.text for figure in article.figures)
    names = {entity.name for entity in article.entities}
    assert "Kestrel" in names or "Kestrel AG" in names
    assert not any(name.isupper() and len(name) > 4 for name in names)  # no KESTREL, no FRANKFURT
