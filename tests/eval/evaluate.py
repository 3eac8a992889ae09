"""`make eval`: newsstream's figures, quotes and entities against the hand-labelled BBC articles.

Runs the real enrichment path (raw record -> parse_raw_record -> Enricher.enrich_batch) on every labelled
article and prints precision, recall and F1 for figures, quotes and entities, unit, qualifier and speaker
accuracy, the raw spaCy model's entities and quantulum3's figures on the same texts, and whether each
target is met. Exit code 1 when a target fails (0 with --no-fail), 2 when labels no longer fit the text.

    .venv/bin/python -m tests.eval.evaluate [--verbose] [--json PATH] [--no-fail]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from newsstream.enrichment.nlp import DEFAULT_MODEL, load_pipeline, pipeline_description
from newsstream.enrichment.parse import parse_raw_record
from newsstream.enrichment.pipeline import Enricher
from newsstream.enrichment.records import EnrichedArticle
from tests.eval import quantulum_baseline
from tests.eval.documents import LABELS, SECTIONS, checksum, raw_text
from tests.eval.scoring import (
    Accuracy,
    Counts,
    EntityItem,
    FigureItem,
    GoldEntity,
    Matching,
    QuoteItem,
    match_entities,
    match_figures,
    match_quotes,
    qualifier_accuracy,
    speaker_accuracy,
    unit_accuracy,
)

# Spans of the raw model that are numbers, not names: left out of the entity comparison.
NUMERIC_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
MAX_RECORD_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Target:
    name: str
    description: str
    check: Callable[[dict[str, float]], bool]
    measured: Callable[[dict[str, float]], float]


TARGETS = (
    Target("figures_f1", "figures F1 >= 0.93", lambda m: m["figures_f1"] >= 0.93, lambda m: m["figures_f1"]),
    Target("quotes_f1", "quote F1 >= 0.90", lambda m: m["quotes_f1"] >= 0.90, lambda m: m["quotes_f1"]),
    Target("speaker_accuracy", "speaker accuracy >= 0.90", lambda m: m["speaker_accuracy"] >= 0.90,
           lambda m: m["speaker_accuracy"]),
    Target("entities_f1_gain", "entity F1 >= raw spaCy F1 + 0.05",
           lambda m: m["entities_f1"] >= m["raw_entities_f1"] + 0.05,
           lambda m: m["entities_f1"] - m["raw_entities_f1"]),
)


@dataclass(slots=True)
class LabelledDocument:
    name: str
    document: str
    sha256: str
    raw: str
    figures: list[FigureItem]
    quotes: list[QuoteItem]
    entities: list[GoldEntity]

    @property
    def section(self) -> str:
        return self.document.split("/", 1)[0]


@dataclass(slots=True)
class Tally:
    """Everything counted for one group of documents (all, or one section)."""

    figures: Counts = field(default_factory=Counts)
    units: Accuracy = field(default_factory=Accuracy)
    qualifiers: Accuracy = field(default_factory=Accuracy)
    quotes: Counts = field(default_factory=Counts)
    speakers: Accuracy = field(default_factory=Accuracy)
    entities: Counts = field(default_factory=Counts)
    raw_entities: Counts = field(default_factory=Counts)
    quantulum: Counts = field(default_factory=Counts)
    quantulum_units: Accuracy = field(default_factory=Accuracy)

    def add(self, other: Tally) -> None:
        for name in self.__slots__:
            getattr(self, name).add(getattr(other, name))

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name).as_dict() for name in self.__slots__}


@dataclass(slots=True)
class DocumentResult:
    document: LabelledDocument
    tally: Tally
    errors: dict[str, list[str]]


def load_labels(directory: Path = LABELS) -> list[LabelledDocument]:
    documents = []
    for path in sorted(directory.glob("*.json")):
        label = json.loads(path.read_text(encoding="utf-8"))
        documents.append(LabelledDocument(
            name=path.stem,
            document=label["document"],
            sha256=label["sha256"],
            raw=raw_text(label["document"]),
            figures=[FigureItem(start=f["start"], end=f["end"], value=f["value"], kind=f["kind"], unit=f["unit"],
                                qualifier=f["qualifier"], text=f["text"]) for f in label["figures"]],
            quotes=[QuoteItem(start=q["start"], end=q["end"], speaker=q["speaker"], text=q["text"])
                    for q in label["quotes"]],
            entities=[GoldEntity(name=e["name"], label=e["label"], aliases=tuple(e.get("aliases", ())))
                      for e in label["entities"]],
        ))
    return documents


def enrich(enricher: Enricher, documents: Sequence[LabelledDocument]) -> list[EnrichedArticle]:
    records = [parse_raw_record(orjson.dumps({"id": doc.document, "body": doc.raw}), max_bytes=MAX_RECORD_BYTES)
               for doc in documents]
    outcomes = enricher.enrich_batch(records)
    articles = []
    for doc, outcome in zip(documents, outcomes, strict=True):
        if not isinstance(outcome, EnrichedArticle):
            raise RuntimeError(f"{doc.document}: enrichment failed: {outcome}")
        articles.append(outcome)
    return articles


def score_document(doc: LabelledDocument, article: EnrichedArticle, raw_ents: list[EntityItem],
                   quantulum: list[FigureItem]) -> DocumentResult:
    text = article.text
    predicted_figures = [FigureItem(start=f.start, end=f.end, value=float(f.value), kind=f.kind, unit=f.unit,
                                    qualifier=f.qualifier, text=f.text) for f in article.figures]
    predicted_quotes = [QuoteItem(start=q.start, end=q.end, speaker=q.speaker, text=q.text) for q in article.quotes]
    predicted_entities = [EntityItem(name=e.name, label=e.label) for e in article.entities]

    figures = match_figures(doc.figures, predicted_figures)
    quotes = match_quotes(doc.quotes, predicted_quotes)
    entities = match_entities(doc.entities, predicted_entities)
    raw = match_entities(doc.entities, raw_ents)
    baseline = match_figures(doc.figures, quantulum)
    tally = Tally(
        figures=figures.counts(), units=unit_accuracy(figures), qualifiers=qualifier_accuracy(figures),
        quotes=quotes.counts(), speakers=speaker_accuracy(quotes, doc.entities),
        entities=entities.counts(), raw_entities=raw.counts(),
        quantulum=baseline.counts(), quantulum_units=unit_accuracy(baseline),
    )
    return DocumentResult(document=doc, tally=tally,
                          errors=_errors(text, figures, quotes, entities, doc.entities))


def _errors(text: str, figures: Matching[FigureItem, FigureItem], quotes: Matching[QuoteItem, QuoteItem],
            entities: Matching[GoldEntity, EntityItem], gold_entities: Sequence[GoldEntity]) -> dict[str, list[str]]:
    def context(start: int, end: int) -> str:
        return text[max(0, start - 25):end + 25].replace("\n", " ")

    def figure(item: FigureItem) -> str:
        return f"{item.text!r} {item.value:g} {item.kind} {item.unit} {item.qualifier}  «{context(item.start, item.end)}»"

    errors: dict[str, list[str]] = {
        "figure_missed": [figure(g) for g in figures.missed],
        "figure_spurious": [figure(p) for p in figures.spurious],
        "figure_unit": [f"{g.text!r}: gold {g.unit!r}, got {p.unit!r}" for g, p in figures.pairs
                        if (g.unit or "").casefold() != (p.unit or "").casefold()],
        "figure_qualifier": [f"{g.text!r}: gold {g.qualifier}, got {p.qualifier}" for g, p in figures.pairs
                             if g.qualifier != p.qualifier],
        "quote_missed": [f"{g.text[:80]!r} ({g.speaker})" for g in quotes.missed],
        "quote_spurious": [f"{p.text[:80]!r} ({p.speaker})" for p in quotes.spurious],
        "quote_speaker": [],
        "entity_missed": [f"{g.name} {g.label}" for g in entities.missed],
        "entity_spurious": [f"{p.name} {p.label}" for p in entities.spurious],
    }
    for gold, predicted in quotes.pairs:
        one = speaker_accuracy(Matching(pairs=[(gold, predicted)]), gold_entities)
        if one.correct == 0:
            errors["quote_speaker"].append(f"{gold.text[:60]!r}: gold {gold.speaker}, got {predicted.speaker}")
    return errors


def raw_model_entities(nlp: Any, texts: Sequence[str]) -> list[list[EntityItem]]:
    """The model's own entity spans: distinct (text, label) pairs, numeric labels excluded."""
    return [[EntityItem(name=ent.text, label=ent.label_) for ent in doc.ents if ent.label_ not in NUMERIC_LABELS]
            for doc in nlp.pipe(texts)]


def metrics_of(tally: Tally) -> dict[str, float]:
    return {
        "figures_f1": tally.figures.f1, "quotes_f1": tally.quotes.f1, "speaker_accuracy": tally.speakers.value,
        "entities_f1": tally.entities.f1, "raw_entities_f1": tally.raw_entities.f1,
    }


def _row(name: str, counts: Counts) -> str:
    return (f"  {name:<34} {counts.gold:>5} {counts.predicted:>5} {counts.tp:>5}  "
            f"{counts.precision:6.3f} {counts.recall:6.3f} {counts.f1:6.3f}")


def _accuracy_row(name: str, accuracy: Accuracy) -> str:
    return f"  {name:<34} {accuracy.correct:>5} / {accuracy.total:<5}      {accuracy.value:6.3f}"


def report(total: Tally, sections: dict[str, Tally], header: dict[str, Any], seconds: float) -> list[str]:
    lines = [
        f"newsstream evaluation: {header['documents']} hand-labelled BBC articles "
        f"({', '.join(f'{count} {name}' for name, count in header['per_section'].items())})",
        f"model {header['model']} {header['model_version']}, spaCy {header['spacy_version']}, "
        f"quantulum3 {header['quantulum3_version']}; {seconds:.1f}s",
        "",
        f"  {'':<34} {'gold':>5} {'pred':>5} {'tp':>5}  {'P':>6} {'R':>6} {'F1':>6}",
        _row("figures (value, kind, overlap)", total.figures),
        _accuracy_row("  unit accuracy (matched)", total.units),
        _accuracy_row("  qualifier accuracy (matched)", total.qualifiers),
        _row("figures: quantulum3 baseline", total.quantulum),
        _accuracy_row("  quantulum3 unit accuracy", total.quantulum_units),
        _row("quotes (overlap >= 50% shorter)", total.quotes),
        _accuracy_row("  speaker accuracy (matched)", total.speakers),
        _row("entities: newsstream", total.entities),
        _row("entities: raw spaCy doc.ents", total.raw_entities),
        "",
        f"  F1 by section {'':<20} " + " ".join(f"{name:>13}" for name in sections),
    ]
    for label, pick in (("figures", lambda t: t.figures.f1), ("figures quantulum3", lambda t: t.quantulum.f1),
                        ("quotes", lambda t: t.quotes.f1), ("speaker accuracy", lambda t: t.speakers.value),
                        ("entities newsstream", lambda t: t.entities.f1),
                        ("entities raw spaCy", lambda t: t.raw_entities.f1)):
        lines.append(f"  {label:<34} " + " ".join(f"{pick(tally):>13.3f}" for tally in sections.values()))
    lines += ["", "  targets"]
    measured = metrics_of(total)
    for target in TARGETS:
        verdict = "PASS" if target.check(measured) else "FAIL"
        lines.append(f"  {target.description:<40} {target.measured(measured):>7.3f}  {verdict}")
    return lines


def verbose_lines(results: Sequence[DocumentResult]) -> list[str]:
    lines = []
    for result in results:
        errors = {kind: items for kind, items in result.errors.items() if items}
        if not errors:
            continue
        lines.append(f"== {result.document.document}")
        for kind, items in errors.items():
            for item in items:
                lines.append(f"  {kind:<17} {item}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Evaluate newsstream against the hand-labelled BBC articles.")
    parser.add_argument("--verbose", "-v", action="store_true", help="list missed and spurious items per document")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    parser.add_argument("--no-fail", action="store_true", help="exit 0 even when a target fails")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="spaCy pipeline (default %(default)s)")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    documents = load_labels()
    if not documents:
        print(f"no labels in {LABELS}", file=sys.stderr)
        return 2
    nlp = load_pipeline(args.model)
    articles = enrich(Enricher(nlp), documents)
    drifted = [doc.document for doc, article in zip(documents, articles, strict=True)
               if checksum(article.text) != doc.sha256]
    if drifted:
        print("the cleaned text of these articles changed since they were labelled, so the offsets no longer fit:\n  "
              + "\n  ".join(drifted) + "\ncheck the labels with: .venv/bin/python -m tests.eval.locate --show",
              file=sys.stderr)
        return 2
    raw_entities = raw_model_entities(nlp, [article.text for article in articles])
    baseline = [quantulum_baseline.extract(article.text) for article in articles]
    results = [score_document(doc, article, ents, quantities)
               for doc, article, ents, quantities in zip(documents, articles, raw_entities, baseline, strict=True)]

    total = Tally()
    sections = {name: Tally() for name in SECTIONS}
    for result in results:
        total.add(result.tally)
        sections[result.document.section].add(result.tally)
    description = pipeline_description(nlp)
    header = {
        "documents": len(documents),
        "per_section": {name: sum(doc.section == name for doc in documents) for name in SECTIONS},
        "model": description["model"], "model_version": description["model_version"],
        "spacy_version": description["spacy_version"], "quantulum3_version": quantulum_baseline.version(),
    }
    seconds = time.perf_counter() - started
    lines = report(total, sections, header, seconds)
    if args.verbose:
        lines += ["", *verbose_lines(results)]
    print("\n".join(lines))

    measured = metrics_of(total)
    verdicts = {target.name: target.check(measured) for target in TARGETS}
    if args.json:
        args.json.write_text(json.dumps({
            **header,
            "totals": total.as_dict(),
            "sections": {name: tally.as_dict() for name, tally in sections.items()},
            "targets": {target.name: {"description": target.description,
                                      "measured": round(target.measured(measured), 4),
                                      "passed": verdicts[target.name]} for target in TARGETS},
            "documents_detail": [{"document": r.document.document, **r.tally.as_dict(), "errors": r.errors}
                                 for r in results],
        }, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0 if args.no_fail or all(verdicts.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
