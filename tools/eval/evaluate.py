"""`make eval`: newsstream's figures, quotes, entities, places and tone against the hand-labelled articles.

Runs the real enrichment path (raw record -> parse_raw_record -> Enricher.enrich_batch) on every labelled
article of both sets (documents.py) and prints, development and held-out side by side: precision, recall
and F1 for figures, quotes and entities; unit, qualifier and speaker accuracy; quotes with the right
speaker among all gold quotes; PERSON precision; the raw spaCy model's entities and quantulum3's figures
on the same texts; then, on the places-and-tone articles of issue 20 (places/), country, coverage, city id,
false-place and tone-sign figures (places/scoring.py); and whether each target is met on the set it is judged
on. Exit code 1 when a target fails (0 with --no-fail), 2 when labels no longer fit the text. The places and
tone targets count only once the records carry places (an entity with a `place` key).

`--verbose` lists the errors on the development set. The held-out set's errors are listed only with
`--verbose-heldout`: an article whose errors helped find a fix then moves to development (sets.json).

    .venv/bin/python -m tools.eval.evaluate [--verbose] [--verbose-heldout] [--json PATH] [--no-fail]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import orjson

from newsstream.enrichment.languages import load_other_pipelines
from newsstream.enrichment.nlp import DEFAULT_MODEL, load_pipeline, pipeline_description
from newsstream.enrichment.parse import parse_raw_record
from newsstream.enrichment.pipeline import Enricher
from newsstream.enrichment.records import EnrichedArticle
from tools.eval import quantulum_baseline
from tools.eval.documents import LABELS, SETS, checksum, raw_text, section_of
from tools.eval.places import draw as places_draw
from tools.eval.places.scoring import (
    PlacesLabel,
    PlacesResult,
    PlacesTally,
    as_record,
    carries_places,
    parse_label,
    score_places,
    unfound_names,
)
from tools.eval.scoring import (
    Accuracy,
    Counts,
    EntityItem,
    FigureItem,
    GoldEntity,
    Matching,
    QuoteItem,
    label_counts,
    match_entities,
    match_figures,
    match_quotes,
    qualifier_accuracy,
    speaker_accuracy,
    speaker_errors,
    unit_accuracy,
)

# Spans of the raw model that are numbers, not names: left out of the entity comparison.
NUMERIC_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
MAX_RECORD_BYTES = 2 * 1024 * 1024
SET_TITLES = {"development": "development", "heldout": "held-out"}


@dataclass(frozen=True, slots=True)
class Target:
    name: str
    description: str
    judged_on: str  # the set whose figures decide it
    check: Callable[[dict[str, float]], bool]
    measured: Callable[[dict[str, float]], float]


TARGETS = (
    Target("figures_f1", "figures F1 >= 0.93", "development",
           lambda m: m["figures_f1"] >= 0.93, lambda m: m["figures_f1"]),
    Target("quotes_f1", "quote F1 >= 0.93", "heldout", lambda m: m["quotes_f1"] >= 0.93, lambda m: m["quotes_f1"]),
    Target("speaker_accuracy", "speaker accuracy (matched) >= 0.92", "heldout",
           lambda m: m["speaker_accuracy"] >= 0.92, lambda m: m["speaker_accuracy"]),
    Target("speaker_end_to_end", "right speaker / gold quotes >= 0.85", "heldout",
           lambda m: m["speaker_end_to_end"] >= 0.85, lambda m: m["speaker_end_to_end"]),
    Target("entities_f1_gain", "entity F1 >= raw spaCy F1 + 0.08", "heldout",
           lambda m: m["entities_f1"] >= m["raw_entities_f1"] + 0.08,
           lambda m: m["entities_f1"] - m["raw_entities_f1"]),
    Target("business_person_precision", "PERSON precision, business >= 0.97", "heldout",
           lambda m: m["business_person_precision"] >= 0.97, lambda m: m["business_person_precision"]),
)
# Judged on the places-and-tone articles (places/), and only once the records carry places.
PLACES_TARGETS = (
    Target("places_country_accuracy", "places: country accuracy >= 0.95", "heldout",
           lambda m: m["places_country_accuracy"] >= 0.95, lambda m: m["places_country_accuracy"]),
    Target("places_city_id_accuracy", "places: city id accuracy >= 0.85", "heldout",
           lambda m: m["places_city_id_accuracy"] >= 0.85, lambda m: m["places_city_id_accuracy"]),
    Target("tone_sign_agreement", "tone sign agreement >= 0.85", "heldout",
           lambda m: m["tone_sign_agreement"] >= 0.85, lambda m: m["tone_sign_agreement"]),
)
NOT_MEASURED = "not measured: the records carry no places"


@dataclass(slots=True)
class LabelledDocument:
    name: str
    set_name: str
    document: str
    sha256: str
    raw: str
    figures: list[FigureItem] | None  # None: figures were not labelled
    quotes: list[QuoteItem]
    entities: list[GoldEntity]

    @property
    def section(self) -> str:
        return section_of(self.document)


@dataclass(slots=True)
class Tally:
    """Everything counted for one group of documents (a set, a section of it)."""

    figures: Counts = field(default_factory=Counts)
    units: Accuracy = field(default_factory=Accuracy)
    qualifiers: Accuracy = field(default_factory=Accuracy)
    quotes: Counts = field(default_factory=Counts)
    speakers: Accuracy = field(default_factory=Accuracy)
    speakers_end_to_end: Accuracy = field(default_factory=Accuracy)
    speaker_missing: Accuracy = field(default_factory=Accuracy)
    speaker_other: Accuracy = field(default_factory=Accuracy)
    speaker_invented: Accuracy = field(default_factory=Accuracy)
    entities: Counts = field(default_factory=Counts)
    person: Counts = field(default_factory=Counts)
    raw_entities: Counts = field(default_factory=Counts)
    raw_person: Counts = field(default_factory=Counts)
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


def load_labels(set_name: str, directory: Path = LABELS) -> list[LabelledDocument]:
    documents = []
    for path in sorted((directory / set_name).glob("*.json")):
        label = json.loads(path.read_text(encoding="utf-8"))
        figures = label.get("figures")
        documents.append(LabelledDocument(
            name=path.stem,
            set_name=set_name,
            document=label["document"],
            sha256=label["sha256"],
            raw=raw_text(label["document"]),
            figures=None if figures is None else [
                FigureItem(start=f["start"], end=f["end"], value=f["value"], kind=f["kind"], unit=f["unit"],
                           qualifier=f["qualifier"], text=f["text"]) for f in figures],
            quotes=[QuoteItem(start=q["start"], end=q["end"], speaker=q["speaker"], text=q["text"])
                    for q in label["quotes"]],
            entities=[GoldEntity(name=e["name"], label=e["label"], aliases=tuple(e.get("aliases", ())))
                      for e in label["entities"]],
        ))
    return documents


class Source(Protocol):
    """What `enrich` needs of an article: its name (the record's id) and its raw text."""

    @property
    def document(self) -> str: ...

    @property
    def raw(self) -> str: ...


def enrich(enricher: Enricher, documents: Sequence[Source], **fields: str) -> list[EnrichedArticle]:
    """Each document as a raw record (its name as id, its text as body, and `fields`), through the Enricher."""
    records = [parse_raw_record(orjson.dumps({"id": doc.document, "body": doc.raw, **fields}),
                                max_bytes=MAX_RECORD_BYTES) for doc in documents]
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

    figures = match_figures(doc.figures or [], predicted_figures if doc.figures is not None else [])
    quotes = match_quotes(doc.quotes, predicted_quotes)
    entities = match_entities(doc.entities, predicted_entities)
    raw = match_entities(doc.entities, raw_ents)
    baseline = match_figures(doc.figures or [], quantulum if doc.figures is not None else [])
    speakers = speaker_accuracy(quotes, doc.entities)
    wrong = speaker_errors(quotes, doc.entities)
    tally = Tally(
        figures=figures.counts(), units=unit_accuracy(figures), qualifiers=qualifier_accuracy(figures),
        quotes=quotes.counts(), speakers=speakers,
        speakers_end_to_end=Accuracy(correct=speakers.correct, total=len(doc.quotes)),
        speaker_missing=wrong.missing, speaker_other=wrong.other, speaker_invented=wrong.invented,
        entities=entities.counts(), person=label_counts(entities, "PERSON"),
        raw_entities=raw.counts(), raw_person=label_counts(raw, "PERSON"),
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


@dataclass(slots=True)
class SetResult:
    """A set's documents, their results, and the totals of the whole set, per section and for business."""

    name: str
    results: list[DocumentResult]
    total: Tally = field(default_factory=Tally)
    sections: dict[str, Tally] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for result in self.results:
            self.total.add(result.tally)
            self.sections.setdefault(result.document.section, Tally()).add(result.tally)

    def metrics(self) -> dict[str, float]:
        total = self.total
        business = self.sections.get("business", Tally())
        return {
            "figures_f1": total.figures.f1, "quotes_f1": total.quotes.f1, "speaker_accuracy": total.speakers.value,
            "speaker_end_to_end": total.speakers_end_to_end.value,
            "entities_f1": total.entities.f1, "raw_entities_f1": total.raw_entities.f1,
            "business_person_precision": business.person.precision,
        }


def _cell(counts: Counts | Accuracy, metric: str) -> str:
    if isinstance(counts, Accuracy):
        if not counts.total:
            return f"{'-':>6} {'':9}"
        return f"{counts.value:6.3f} {counts.correct:>4}/{counts.total:<4}"
    if not counts.gold and not counts.predicted:
        return f"{'-':>6} {'':9}"
    value = {"P": counts.precision, "R": counts.recall, "F1": counts.f1}[metric]
    return f"{value:6.3f} {f'{counts.tp}/' + str(counts.gold if metric == 'R' else counts.predicted):<9}"


_ROWS: tuple[tuple[str, Callable[[Tally], Counts | Accuracy], str], ...] = (
    ("figures F1 (value, kind, overlap)", lambda t: t.figures, "F1"),
    ("  unit accuracy (matched)", lambda t: t.units, ""),
    ("  qualifier accuracy (matched)", lambda t: t.qualifiers, ""),
    ("figures F1: quantulum3 baseline", lambda t: t.quantulum, "F1"),
    ("quotes precision", lambda t: t.quotes, "P"),
    ("quotes recall", lambda t: t.quotes, "R"),
    ("quotes F1 (overlap >= 50% shorter)", lambda t: t.quotes, "F1"),
    ("  speaker accuracy (matched)", lambda t: t.speakers, ""),
    ("  right speaker / gold quotes", lambda t: t.speakers_end_to_end, ""),
    ("  wrong: none, where one is named", lambda t: t.speaker_missing, ""),
    ("  wrong: another speaker", lambda t: t.speaker_other, ""),
    ("  wrong: one, where none is named", lambda t: t.speaker_invented, ""),
    ("entities precision", lambda t: t.entities, "P"),
    ("entities recall", lambda t: t.entities, "R"),
    ("entities F1", lambda t: t.entities, "F1"),
    ("  PERSON precision", lambda t: t.person, "P"),
    ("entities F1: raw spaCy doc.ents", lambda t: t.raw_entities, "F1"),
    ("  PERSON precision: raw spaCy", lambda t: t.raw_person, "P"),
)


_PLACES_ROWS: tuple[tuple[str, Callable[[PlacesTally], Accuracy]], ...] = (
    ("country accuracy (answered places)", lambda t: t.country),
    ("coverage (answered / gold places)", lambda t: t.coverage),
    ("city id accuracy (answered, gold id)", lambda t: t.city_ids),
    ("false places / not-place names", lambda t: t.false_places),
    ("tone sign agreement (not neutral)", lambda t: t.tone),
)


def places_report(places: Sequence[PlacesSetResult]) -> list[str]:
    """The places-and-tone table, one column per set."""
    title = "places and tone (" + " / ".join(str(len(result.results)) for result in places) + " articles)"
    lines = ["", f"  {title:<36} " + " ".join(f"{SET_TITLES[result.name]:>16}" for result in places)]
    for row, pick in _PLACES_ROWS:
        lines.append(f"  {row:<36} " + " ".join(f"{_cell(pick(result.total), ''):>16}" for result in places))
    if not places_measured(places):
        lines.append(f"  ({NOT_MEASURED})")
    return lines


def _target_cell(target: Target, set_name: str, metrics: dict[str, float], counted: bool = True) -> str:
    """The measured value, with PASS or FAIL on the set that judges it (n/m: shown, not counted)."""
    cell = f"{target.measured(metrics):7.3f}"
    if set_name == target.judged_on:
        cell += (" PASS" if target.check(metrics) else " FAIL") if counted else "  n/m"
    return f"{cell:>12}"


def report(sets: Sequence[SetResult], places: Sequence[PlacesSetResult], header: dict[str, Any],
           seconds: float) -> list[str]:
    lines = [
        "newsstream evaluation: " + "; ".join(
            f"{SET_TITLES[result.name]} {len(result.results)} articles ("
            + ", ".join(f"{sum(r.document.section == name for r in result.results)} {name}"
                        for name in result.sections) + ")" for result in sets),
        f"model {header['model']} {header['model_version']}, spaCy {header['spacy_version']}, "
        f"quantulum3 {header['quantulum3_version']}; {seconds:.1f}s",
        "",
        f"  {'':<36} " + " ".join(f"{SET_TITLES[result.name]:>16}" for result in sets),
    ]
    for title, pick, metric in _ROWS:
        lines.append(f"  {title:<36} " + " ".join(f"{_cell(pick(result.total), metric):>16}" for result in sets))
    lines.append("")
    lines.append("  by section (quote F1 / right speaker among gold / entity F1 / PERSON precision)")
    for result in sets:
        for name, tally in result.sections.items():
            lines.append(f"  {SET_TITLES[result.name]:>12} {name:<14} {tally.quotes.f1:6.3f} "
                         f"{tally.speakers_end_to_end.value:6.3f} {tally.entities.f1:6.3f} "
                         f"{tally.person.precision:6.3f}")
    lines += places_report(places)
    lines += ["", f"  targets {'':<36} " + " ".join(f"{SET_TITLES[result.name]:>12}" for result in sets)]
    for target in TARGETS:
        cells = []
        for result in sets:
            if target.name == "figures_f1" and not result.total.figures.gold:
                cells.append(f"{'-':>12}")  # no figures labelled in this set
                continue
            cells.append(_target_cell(target, result.name, result.metrics()))
        lines.append(f"  {target.description:<44} " + " ".join(cells))
    counted = places_measured(places)
    for target in PLACES_TARGETS:
        lines.append(f"  {target.description:<44} " + " ".join(
            _target_cell(target, result.name, result.total.metrics(), counted) for result in places))
    lines.append("  (each target is judged on the set marked PASS or FAIL)")
    if not counted:
        lines.append(f"  (n/m: {NOT_MEASURED}; these targets do not count yet)")
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


def places_verbose_lines(result: PlacesSetResult) -> list[str]:
    """The tone confusion of a set and each article's place and tone errors."""
    lines = [f"  tone: {result.total.confusion.line()}"]
    for document in result.results:
        errors = {kind: items for kind, items in document.errors.items() if items}
        if errors:
            lines.append(f"== {document.document}")
            lines += [f"  {kind:<17} {item}" for kind, items in errors.items() for item in items]
    return lines


def evaluate_set(enricher: Enricher, nlp: Any, set_name: str) -> SetResult:
    documents = load_labels(set_name)
    articles = enrich(enricher, documents) if documents else []
    check_offsets(documents, articles)
    raw_entities = raw_model_entities(nlp, [article.text for article in articles])
    baseline = [quantulum_baseline.extract(article.text) if doc.figures is not None else []
                for doc, article in zip(documents, articles, strict=True)]
    return SetResult(set_name, [score_document(doc, article, ents, quantities) for doc, article, ents, quantities
                                in zip(documents, articles, raw_entities, baseline, strict=True)])


def check_offsets(documents: Sequence[LabelledDocument], articles: Sequence[EnrichedArticle]) -> None:
    """Raise LabelDrift when the cleaned text of an article is no longer the one its labels' offsets point into."""
    drifted = [doc.document for doc, article in zip(documents, articles, strict=True)
               if checksum(article.text) != doc.sha256]
    if drifted:
        raise LabelDrift(drifted)


class LabelDrift(Exception):
    def __init__(self, documents: list[str], what: str = "the offsets no longer fit",
                 check: str = "tools.eval.locate --show") -> None:
        super().__init__(f"the cleaned text of these articles changed since they were labelled, so {what}:\n  "
                         + "\n  ".join(documents) + f"\ncheck the labels with: .venv/bin/python -m {check}")


@dataclass(slots=True)
class PlacesDocument:
    document: str
    raw: str
    label: PlacesLabel


@dataclass(slots=True)
class PlacesSetResult:
    """A set of the places-and-tone articles: per-article results, totals, and whether the records carry
    places at all (an entity with a `place` key)."""

    name: str
    results: list[PlacesResult]
    carries_places: bool
    total: PlacesTally = field(default_factory=PlacesTally)

    def __post_init__(self) -> None:
        for result in self.results:
            self.total.add(result.tally)


def load_places_labels(set_name: str) -> list[PlacesDocument]:
    """The set's articles as places/draw.py draws them, each with its label file."""
    documents = []
    for document in places_draw.draw()[set_name]:
        label = json.loads(places_draw.label_path(document, set_name).read_text(encoding="utf-8"))
        documents.append(PlacesDocument(document=document, raw=raw_text(document), label=parse_label(label)))
    return documents


def evaluate_places_set(enricher: Enricher, set_name: str) -> PlacesSetResult:
    documents = load_places_labels(set_name)
    records = [as_record(article) for article in enrich(enricher, documents)] if documents else []
    unfound = [f"{doc.document}: {name!r}" for doc, record in zip(documents, records, strict=True)
               for name in unfound_names(doc.label, record["text"])]
    if unfound:
        raise LabelDrift(unfound, "these labelled names are not in it", "tools.eval.places.check FILE")
    return PlacesSetResult(set_name, [score_places(doc.label, record)
                                      for doc, record in zip(documents, records, strict=True)],
                           carries_places=carries_places(records))


def places_measured(places: Sequence[PlacesSetResult]) -> bool:
    """The places and tone targets count once any record of the run carries places."""
    return any(result.carries_places for result in places)


def places_verdicts(places: Sequence[PlacesSetResult]) -> dict[str, bool]:
    """The places and tone targets' verdicts: none until the records carry places."""
    if not places_measured(places):
        return {}
    by_name = {result.name: result for result in places}
    return {target.name: target.check(by_name[target.judged_on].total.metrics()) for target in PLACES_TARGETS
            if target.judged_on in by_name and by_name[target.judged_on].results}


def places_targets_json(places: Sequence[PlacesSetResult], verdicts: dict[str, bool]) -> dict[str, Any]:
    by_name = {result.name: result for result in places}
    return {target.name: {
        "description": target.description, "judged_on": target.judged_on,
        "measured": round(target.measured(by_name[target.judged_on].total.metrics()), 4)
        if target.judged_on in by_name else None,
        "counted": places_measured(places), "passed": verdicts.get(target.name),
    } for target in PLACES_TARGETS}


def places_json(places: Sequence[PlacesSetResult]) -> dict[str, Any]:
    return {
        "carries_places": places_measured(places),
        "sets": {result.name: {
            "documents": [r.document for r in result.results],
            "totals": result.total.as_dict(),
            "metrics": {name: round(value, 4) for name, value in result.total.metrics().items()},
        } for result in places},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Evaluate newsstream against the hand-labelled articles.")
    parser.add_argument("--verbose", "-v", action="store_true",
                        help="list missed and spurious items per development article")
    parser.add_argument("--verbose-heldout", action="store_true",
                        help="also list them per held-out article (an article that then helps find a fix "
                             "moves to development: see tools/eval/README.md)")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    parser.add_argument("--no-fail", action="store_true", help="exit 0 even when a target fails")
    parser.add_argument("--set", dest="sets", action="append", choices=SETS,
                        help="evaluate only this set (repeatable; default: both)")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="spaCy pipeline (default %(default)s)")
    parser.add_argument("--french-model", default="fr_core_news_sm", help="French pipeline (default %(default)s)")
    args = parser.parse_args(argv)
    # Imported here: the French runner reuses this module's scoring.
    from tools.eval.french.evaluate import evaluate_french_set, french_json, french_report, french_verdicts

    started = time.perf_counter()
    nlp = load_pipeline(args.model)
    enricher = Enricher(nlp, others=load_other_pipelines({"en": args.model, "fr": args.french_model}))
    chosen = [set_name for set_name in SETS if set_name in (args.sets or SETS)]
    try:
        sets = [evaluate_set(enricher, nlp, set_name) for set_name in chosen]
        places = [evaluate_places_set(enricher, set_name) for set_name in chosen]
        french = [evaluate_french_set(enricher, set_name) for set_name in chosen]
    except LabelDrift as error:
        print(error, file=sys.stderr)
        return 2
    if not any(result.results for result in sets):
        print(f"no labels in {LABELS}", file=sys.stderr)
        return 2
    description = pipeline_description(nlp)
    header = {
        "model": description["model"], "model_version": description["model_version"],
        "spacy_version": description["spacy_version"], "quantulum3_version": quantulum_baseline.version(),
    }
    lines = report(sets, places, header, time.perf_counter() - started) + french_report(french)
    listed = {"development": args.verbose, "heldout": args.verbose_heldout}
    for result in sets:
        if listed[result.name]:
            lines += ["", f"errors, {SET_TITLES[result.name]} set:", *verbose_lines(result.results)]
    for place_result in places:
        if listed[place_result.name]:
            lines += ["", f"places and tone errors, {SET_TITLES[place_result.name]} set:",
                      *places_verbose_lines(place_result)]
    for french_result in french:
        if listed[french_result.name]:
            lines += ["", f"French errors, {SET_TITLES[french_result.name]} set:", *verbose_lines(french_result.results)]
    print("\n".join(lines))

    by_name = {result.name: result for result in sets}
    verdicts = {target.name: target.check(by_name[target.judged_on].metrics()) for target in TARGETS
                if target.judged_on in by_name and by_name[target.judged_on].results}
    verdicts |= places_verdicts(places)
    if any(result.name == "heldout" for result in french):
        verdicts |= {f"french: {title}": passed for title, passed in french_verdicts(french).items()}
    if args.json:
        args.json.write_text(json.dumps({
            **header,
            "sets": {result.name: {
                "documents": [r.document.document for r in result.results],
                "totals": result.total.as_dict(),
                "sections": {name: tally.as_dict() for name, tally in result.sections.items()},
                "metrics": {name: round(value, 4) for name, value in result.metrics().items()},
            } for result in sets},
            "targets": {target.name: {"description": target.description, "judged_on": target.judged_on,
                                      "measured": round(target.measured(by_name[target.judged_on].metrics()), 4)
                                      if target.judged_on in by_name else None,
                                      "passed": verdicts.get(target.name)} for target in TARGETS}
            | places_targets_json(places, verdicts),
            "places": places_json(places),
            "french": french_json(french),
        }, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0 if args.no_fail or all(verdicts.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
