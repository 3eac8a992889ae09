"""Wire copy's dateline: found, kept out of the first sentence's grammar, its agency an organisation; and the
descriptions a lede gives before the story names what it describes."""

from __future__ import annotations

import orjson
import pytest
from spacy.language import Language

from newsstream.enrichment.datelines import dateline_at
from newsstream.enrichment.nlp import load_pipeline
from newsstream.enrichment.parse import parse_raw_record
from newsstream.enrichment.pipeline import Enricher
from newsstream.enrichment.records import EnrichedArticle


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def enriched(nlp: Language, body: str) -> EnrichedArticle:
    record = parse_raw_record(orjson.dumps({"id": "wire", "body": body}), max_bytes=10**6)
    article = Enricher(nlp).enrich_batch([record])[0]
    assert isinstance(article, EnrichedArticle)
    return article


@pytest.mark.parametrize("text, place, agency", [
    ("OSLO, June 19 (Newswire) - Norway's central bank", "OSLO", "Newswire"),
    ("NEW DELHI, Sept 8 - The court", "NEW DELHI", None),
    ("LONDON (Reuters) - Shares fell", "LONDON", "Reuters"),
    ("Santiago, March 4 (Newswire) - Chile's", "Santiago", "Newswire"),  # as the model reads a restored one
    ("WELLINGTON — Retail sales", "WELLINGTON", None),
])
def test_a_dateline_is_its_place_date_and_agency(text: str, place: str, agency: str | None) -> None:
    dateline = dateline_at(text, 0)
    assert dateline is not None
    assert text[slice(*dateline.place)] == place
    assert (text[slice(*dateline.agency)] if dateline.agency else None) == agency
    assert text[dateline.end:][0].isupper()


@pytest.mark.parametrize("text", [
    "Meanwhile - and this matters - prices rose.",
    "Mr Smith said - and he meant it - no.",
    "It was a long day - the longest.",
])
def test_an_ordinary_sentence_with_a_dash_is_not_a_dateline(text: str) -> None:
    assert dateline_at(text, 0) is None


WIRE = (
    "Chile holds rates, signals cuts\n\n"
    "SANTIAGO, March 4 (Newswire) - Chile's central bank held its benchmark rate at 5.0 pct on Tuesday but said "
    "cuts were \"likely in the second half\", sending the peso lower.\n\n"
    "The Central Bank of Chile has kept the rate unchanged since January. Economists polled by Newswire had "
    "expected the hold.\n\n"
    "SANTIAGO, March 4 (Newswire) - The Santiago Appeals Court on Tuesday upheld a fine on miner Andes Copper, "
    "ruling that its tailings dam was \"a danger to the valley\".\n\n"
    "The Public Accounts Committee of the senate, in a report published the same day, said the mining "
    "ministry had \"lost control\" of dam inspections.\n\n"
    "Andes Copper said it would appeal. Its chief executive, Rodrigo Salas, said the company had done nothing "
    "wrong.\n\n"
    "\"We met every standard the law sets,\" he said.\n\n"
    "Jorge Pinto, a lawyer for the villagers, welcomed the ruling.\n\n"
    "The committee was not persuaded by the company. It said the inspections had been \"largely cosmetic\"."
)


@pytest.fixture(scope="module")
def wire(nlp: Language) -> EnrichedArticle:
    return enriched(nlp, WIRE)


def test_a_datelines_place_is_not_the_speaker_and_a_ledes_description_is_what_the_story_names_next(
        wire: EnrichedArticle) -> None:
    speakers = {quote.text: quote.speaker for quote in wire.quotes}
    assert speakers["likely in the second half"] == "Central Bank of Chile"


def test_a_datelines_agency_is_an_organisation(wire: EnrichedArticle) -> None:
    labels = {entity.name: entity.label for entity in wire.entities}
    assert labels.get("Newswire") == "ORG"


def test_an_organisation_whose_name_opens_with_a_place_is_one_organisation(wire: EnrichedArticle) -> None:
    labels = {entity.name: entity.label for entity in wire.entities}
    assert labels.get("Santiago Appeals Court") == "ORG"
    speakers = {quote.text: quote.speaker for quote in wire.quotes}
    assert speakers["a danger to the valley"] == "Santiago Appeals Court"


def test_it_after_the_committee_is_the_articles_one_committee(wire: EnrichedArticle) -> None:
    speakers = {quote.text: quote.speaker for quote in wire.quotes}
    assert speakers["largely cosmetic"] == "Public Accounts Committee"
