"""The articles `make run` feeds: what a reader takes from them, people as people and companies as companies."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from newsstream.enrichment.languages import load_other_pipelines
from newsstream.enrichment.parse import parse_raw_record
from newsstream.enrichment.pipeline import Enricher
from newsstream.enrichment.records import EnrichedArticle
from newsstream.errors import InputError
from newsstream.inputs import read_inputs

SAMPLES = Path(__file__).resolve().parents[2] / "deploy" / "samples"


def enriched_samples(nlp: Language) -> list[EnrichedArticle]:
    records = []
    for item in read_inputs([str(SAMPLES)]):
        try:
            records.append(parse_raw_record(item.value, max_bytes=2 * 1024 * 1024))
        except InputError:
            continue  # the samples hold bad records on purpose, to show dead letters
    enricher = Enricher(nlp, others=load_other_pipelines({"en": "unused", "fr": "fr_core_news_sm"}))
    return [outcome for outcome in enricher.enrich_batch(records) if isinstance(outcome, EnrichedArticle)]


def test_the_samples_name_people_companies_and_places_as_a_reader_would(nlp: Language) -> None:
    labels: dict[str, set[str]] = {}
    speakers: set[tuple[str | None, str]] = set()
    for article in enriched_samples(nlp):
        for entity in article.entities:
            labels.setdefault(entity.name, set()).add(entity.label)
        speakers |= {(quote.speaker, quote.text[:20]) for quote in article.quotes}
    for company in ("Northgate Energy", "Solent Wind", "Aurelia", "Berenberg", "Competition and Markets Authority"):
        assert labels.get(company) == {"ORG"}, (company, labels.get(company))
    for person in ("Helen Marsh", "David Okafor", "Elena Varga", "Daniel Kiptoo", "Tadese Bekele", "Ravi Menon",
                   "Katie Hobbs"):
        assert labels.get(person) == {"PERSON"}, (person, labels.get(person))
    for place in ("Southampton", "Valencia", "Arizona", "Frankfurt"):
        assert labels.get(place) == {"GPE"}, (place, labels.get(place))
    assert "Northgate" not in labels and "Chipmaker Aurelia" not in labels  # one entity per thing, no descriptor
    people = {name for name, found in labels.items() if "PERSON" in found}
    assert not people & {"Northgate Energy", "Solent Wind", "Aurelia", "Berenberg", "Valencia", "Southampton"}
    assert {speaker for speaker, _ in speakers} >= {"Helen Marsh", "David Okafor", "Elena Varga", "Daniel Kiptoo",
                                                    "Ravi Menon", "Katie Hobbs"}


def test_the_french_sample_shows_people_figures_quotes_with_speakers_and_dates(nlp: Language) -> None:
    [french] = [article for article in enriched_samples(nlp) if article.text.startswith("Transports")]
    assert french.processing["model"] == "fr_core_news_sm"
    people = {entity.name for entity in french.entities if entity.label == "PERSON"}
    assert {"Loïg Chesnais-Girard", "Sophie Le Goff", "Yann Kervella"} <= people
    assert {(figure.value, figure.unit) for figure in french.figures} >= {(410_000_000, "EUR"), (12, "%"),
                                                                            (1300, "salarié")}
    assert {quote.speaker for quote in french.quotes} == {"Loïg Chesnais-Girard", "Sophie Le Goff", "Yann Kervella"}
    assert {date.text for date in french.dates} >= {"mardi", "2028", "l'an dernier"}
