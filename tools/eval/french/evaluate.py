"""The French section of `make eval` (issue 21): figures, quotes, speakers and entities of the French articles,
development and held-out, against the raw French model's entities scored with the same label mapping.

Targets, judged on the held-out articles: figures F1 >= 0.90, quote F1 >= 0.90, speaker accuracy >= 0.85 on
matched quotes, entity F1 above the raw model's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsstream.enrichment.french.entities import LABELS as FRENCH_LABELS, is_political_place
from newsstream.enrichment.pipeline import Enricher
from tools.eval.evaluate import SetResult, check_offsets, enrich, load_labels, score_document
from tools.eval.scoring import EntityItem

from .draw import LABELS

TARGETS = (
    ("figures F1 >= 0.90", lambda t: t.figures.f1 >= 0.90, lambda t: t.figures.f1),
    ("quote F1 >= 0.90", lambda t: t.quotes.f1 >= 0.90, lambda t: t.quotes.f1),
    ("speaker accuracy (matched) >= 0.85", lambda t: t.speakers.value >= 0.85, lambda t: t.speakers.value),
    ("entity F1 > raw French model F1", lambda t: t.entities.f1 > t.raw_entities.f1,
     lambda t: t.entities.f1 - t.raw_entities.f1),
)


def evaluate_french_set(enricher: Enricher, set_name: str) -> SetResult:
    documents = load_labels(set_name, LABELS)
    articles = enrich(enricher, documents, language="fr", published_at="2026-03-05T10:00:00Z")
    check_offsets(documents, articles)
    french = enricher.others["fr"]
    raw = [[EntityItem(name=ent.text, label=raw_label(ent.text, ent.label_)) for ent in doc.ents]
           for doc in french.pipe([article.text for article in articles])]
    return SetResult(set_name, [score_document(doc, article, ents, [])
                                for doc, article, ents in zip(documents, articles, raw, strict=True)])


def raw_label(text: str, label: str) -> str:
    """The raw model's label mapped as the enrichment maps it (LOC split with the place gazetteer)."""
    mapped = FRENCH_LABELS.get(label, "MISC")
    return "GPE" if mapped == "LOC" and is_political_place(text) else mapped


def french_report(sets: Sequence[SetResult]) -> list[str]:
    def cell(value: float, numerator: int, denominator: int) -> str:
        return f"{value:.3f} {numerator:>4}/{denominator:<4}"

    lines = ["", "  French (" + " / ".join(f"{len(result.results)}" for result in sets) + " articles)"
             + "".ljust(10) + "".join(f"{result.name:>18}" for result in sets)]
    rows = [
        ("figures F1", lambda t: cell(t.figures.f1, t.figures.tp, t.figures.gold)),
        ("quotes F1", lambda t: cell(t.quotes.f1, t.quotes.tp, t.quotes.gold)),
        ("speaker accuracy, matched quotes", lambda t: cell(t.speakers.value, t.speakers.correct, t.speakers.total)),
        ("entities F1", lambda t: cell(t.entities.f1, t.entities.tp, t.entities.gold)),
        ("entities F1: raw French model", lambda t: cell(t.raw_entities.f1, t.raw_entities.tp,
                                                          t.raw_entities.gold)),
    ]
    for title, show in rows:
        lines.append(f"  {title:<36}" + "".join(f"{show(result.total):>18}" for result in sets))
    heldout = next((result for result in sets if result.name == "heldout"), None)
    if heldout is not None:
        lines.append("  French targets (held-out)")
        for title, met, value in TARGETS:
            lines.append(f"    {title:<40} {value(heldout.total):+.3f} {'PASS' if met(heldout.total) else 'FAIL'}")
    return lines


def french_verdicts(sets: Sequence[SetResult]) -> dict[str, bool]:
    heldout = next(result for result in sets if result.name == "heldout")
    return {title: met(heldout.total) for title, met, _ in TARGETS}


def french_json(sets: Sequence[SetResult]) -> dict[str, Any]:
    return {result.name: result.total.as_dict() for result in sets}
