"""The places and tone scoring rules (issue 20) on tiny hand-made records, the runner's gate on records that
carry no places yet, and the integrity of the places labels.

(The figures, quotes and entities rules are tested in tests/unit/test_evaluate.py.)
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from newsstream.enrichment.records import EnrichedArticle, Entity, Mention
from tools.eval.documents import cleaned_text, raw_text
from tools.eval.evaluate import PLACES_TARGETS, PlacesSetResult, places_report, places_verdicts
from tools.eval.places.draw import draw, label_path
from tools.eval.places.scoring import (
    GoldPlace,
    PlacesLabel,
    PlacesTally,
    answer,
    as_record,
    carries_places,
    occurrences,
    parse_label,
    predicted_sign,
    score_places,
    unfound_names,
)

TEXT = "Flights from London to Sydney and Paris rose. Europe cheered. Washington said the Phoenix deal holds."


def place(country_code: str | None, geonames_id: int | None = None, feature: str = "city") -> dict[str, Any]:
    return {"geonames_id": geonames_id, "name": "x", "feature": feature, "country_code": country_code,
            "admin1_code": None, "latitude": 0.0, "longitude": 0.0, "population": 0}


def entity(text: str, name: str, label: str = "GPE", where: dict[str, Any] | None = None, *,
           occurrence: int = 0, **fields: Any) -> dict[str, Any]:
    """An entity with one mention of `text` (its `occurrence`-th in TEXT) and, when given, a place."""
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(text, start + 1)
    mention = {"text": text, "start": start, "end": start + len(text), "label": label}
    return {"name": name, "label": label, "salience": 0.5, "mentions": [mention], **fields,
            **({"place": where} if where is not None else {})}


def record(entities: list[dict[str, Any]], tone: dict[str, Any] | None = None, text: str = TEXT) -> dict[str, Any]:
    return {"text": text, "entities": entities, "tone": tone}


def label(places: list[GoldPlace], not_places: tuple[str, ...] = (), tone: str = "neutral") -> PlacesLabel:
    return PlacesLabel(document="test/001.txt", tone=tone, places=tuple(places), not_places=not_places)


def counts(accuracy: Any) -> tuple[int, int]:
    return accuracy.correct, accuracy.total


def test_a_right_country_a_wrong_one_and_an_unanswered_place():
    gold = [GoldPlace("London", "GB"), GoldPlace("Sydney", "AU"), GoldPlace("Paris", "FR")]
    predicted = record([
        entity("London", "London", where=place("GB")),
        entity("Sydney", "Sydney", where=place("US")),   # Sydney, Nova Scotia is CA; this is simply wrong
        entity("Paris", "Paris", place=None),             # no confident match: unanswered, not wrong
    ])
    result = score_places(label(gold), predicted)
    assert counts(result.tally.country) == (1, 2)
    assert counts(result.tally.coverage) == (2, 3)
    assert counts(result.tally.city_ids) == (0, 0)
    assert len(result.errors["place_wrong"]) == 1 and result.errors["place_wrong"][0].startswith("Sydney")
    assert len(result.errors["place_unanswered"]) == 1 and result.errors["place_unanswered"][0].startswith("Paris")


def test_a_null_country_meets_null_and_not_a_code():
    gold = [GoldPlace("Europe", None, feature="continent")]
    assert counts(score_places(label(gold), record([
        entity("Europe", "Europe", "LOC", place(None, 6255148, "continent"))])).tally.country) == (1, 1)
    assert counts(score_places(label(gold), record([
        entity("Europe", "Europe", "LOC", place("DE", None, "country"))])).tally.country) == (0, 1)


def test_city_ids_are_scored_over_answered_places_with_a_gold_id():
    gold = [GoldPlace("London", "GB", 2643743), GoldPlace("Sydney", "AU", 2147714), GoldPlace("Paris", "FR", 2988507)]
    predicted = record([
        entity("London", "London", where=place("GB", 2643743)),
        entity("Sydney", "Sydney", where=place("AU", 2147715)),  # the right country, the wrong city
    ])
    result = score_places(label(gold), predicted)
    assert counts(result.tally.city_ids) == (1, 2)  # Paris is unanswered: not in the city id figure
    assert counts(result.tally.country) == (2, 2)
    assert [error.split(":")[0] for error in result.errors["place_wrong"]] == ["Sydney"]


def test_a_missing_place_key_is_null():
    predicted = record([entity("London", "London")])  # a record from before places existed
    result = score_places(label([GoldPlace("London", "GB")]), predicted)
    assert counts(result.tally.coverage) == (0, 1)
    assert counts(result.tally.country) == (0, 0)
    assert not carries_places([predicted])
    assert carries_places([record([entity("London", "London", place=None)])])


def test_the_mention_spelt_like_the_name_is_preferred_then_the_longest_overlap():
    text = "Georgia Tech is in Georgia."
    exact = {"name": "Georgia", "mentions": [{"text": "Georgia", "start": 19, "end": 26, "label": "GPE"}],
             "place": place("US", None, "admin1")}
    longer = {"name": "Georgia Tech", "mentions": [{"text": "Georgia Tech", "start": 0, "end": 12, "label": "ORG"}],
              "place": place("GE", None, "country")}
    found = answer("Georgia", text, [longer, exact])
    assert found is not None and found.place is not None and found.place["country_code"] == "US"

    text = "Fans in New York City cheered."  # "New York" at 8-16; no mention is spelt "New York"
    city = {"name": "New York City", "mentions": [{"text": "New York City", "start": 8, "end": 21, "label": "GPE"}],
            "place": place("US", 5128581)}
    york = {"name": "York", "mentions": [{"text": "York", "start": 12, "end": 16, "label": "GPE"}],
            "place": place("GB", 2633352)}
    fans = {"name": "Fans in New", "mentions": [{"text": "Fans in New", "start": 0, "end": 11, "label": "GPE"}],
            "place": place("GB")}  # a bad span, earlier but overlapping less
    found = answer("New York", text, [fans, york, city])
    assert found is not None and found.text == "New York City"
    found = answer("York", text, [city, york])
    assert found is not None and found.text == "York"


def test_an_entry_is_answered_by_any_candidate_with_a_place():
    text = "He flew to Sydney Airport."
    unplaced = {"name": "Sydney", "mentions": [{"text": "Sydney", "start": 11, "end": 17, "label": "GPE"}],
                "place": None}
    airport = {"name": "Sydney Airport", "mentions": [{"text": "Sydney Airport", "start": 11, "end": 25,
                                                        "label": "FAC"}], "place": place("AU", 2147714)}
    result = score_places(label([GoldPlace("Sydney", "AU", 2147714)]), record([unplaced, airport], text=text))
    assert counts(result.tally.coverage) == (1, 1)
    assert counts(result.tally.city_ids) == (1, 1)


def test_occurrences_are_whole_words():
    assert occurrences("US firms and USA Today, BUSINESS in the US.", "US") == [(0, 2), (40, 42)]
    assert occurrences("Britain's and British", "Britain") == [(0, 7)]
    assert occurrences("the Tokyo-based firm", "Tokyo") == [(4, 9)]
    assert occurrences("anything", "") == []


def test_a_name_that_is_not_a_place_given_a_place_is_a_false_place():
    predicted = record([
        entity("Washington", "Washington", "PERSON", place("US", None, "admin1")),
        entity("Phoenix", "Phoenix", "ORG", place=None),
    ])
    result = score_places(label([], not_places=("Washington", "Phoenix")), predicted)
    assert counts(result.tally.false_places) == (1, 2)
    assert [error.split(":")[0] for error in result.errors["false_place"]] == ["Washington"]


@pytest.mark.parametrize(("tone", "sign"), [
    ({"score": 0.4}, "positive"), ({"score": -0.1}, "negative"), ({"score": 0.0}, "none"), (None, "none"),
    ({"score": None}, "none"),
])
def test_predicted_sign(tone: dict[str, Any] | None, sign: str):
    assert predicted_sign({"text": "", "tone": tone}) == sign
    assert predicted_sign({"text": ""}) == "none"  # a record from before tone existed


def test_tone_sign_agreement_counts_articles_labelled_positive_or_negative():
    tally = PlacesTally()
    for gold, tone in [("positive", {"score": 0.3}), ("negative", {"score": 0.2}), ("negative", None),
                       ("positive", {"score": 0.0}), ("negative", {"score": -0.5}), ("neutral", {"score": 0.9})]:
        tally.add(score_places(label([], tone=gold), record([], tone)).tally)
    assert counts(tally.tone) == (2, 5)
    assert tally.confusion.as_dict() == {
        "positive": {"positive": 1, "negative": 0, "none": 1},
        "negative": {"positive": 1, "negative": 1, "none": 1},
        "neutral": {"positive": 1, "negative": 0, "none": 0},
    }
    assert tally.metrics()["tone_sign_agreement"] == pytest.approx(0.4)


def test_records_are_read_as_dicts_or_as_the_enrichers_dataclasses():
    article = EnrichedArticle(
        schema_version=2, id="a", url=None, source=None, title=None, published_at=None, fetched_at=None,
        language="en", text="To Paris.", contributors=[], figures=[], quotes=[], dates=[], metadata={},
        entities=[Entity(name="Paris", label="GPE", salience=1.0, mentions=[Mention("Paris", 3, 8, "GPE")])])
    converted = as_record(article)
    assert converted["entities"][0]["mentions"][0] == {"text": "Paris", "start": 3, "end": 8, "label": "GPE"}
    assert as_record(converted) == converted
    result = score_places(label([GoldPlace("Paris", "FR")], tone="positive"), converted)
    assert counts(result.tally.coverage) == (0, 1) and counts(result.tally.tone) == (0, 1)


def places_set(name: str, carries: bool, entity_place: dict[str, Any] | None) -> PlacesSetResult:
    predicted = record([entity("London", "London", where=entity_place)], {"score": 0.5})
    result = score_places(label([GoldPlace("London", "GB", 2643743)], tone="positive"), predicted)
    return PlacesSetResult(name, [result], carries_places=carries)


def test_the_places_targets_count_only_once_the_records_carry_places():
    assert places_verdicts([places_set("development", False, None), places_set("heldout", False, None)]) == {}
    lines = places_report([places_set("development", False, None), places_set("heldout", False, None)])
    assert any("not measured: the records carry no places" in line for line in lines)
    wrong = places_set("heldout", True, place("US", 4119617))
    assert places_verdicts([places_set("development", True, place("GB", 2643743)), wrong]) == {
        "places_country_accuracy": False, "places_city_id_accuracy": False, "tone_sign_agreement": True}
    assert {target.name for target in PLACES_TARGETS} == {
        "places_country_accuracy", "places_city_id_accuracy", "tone_sign_agreement"}


def test_every_places_label_is_drawn_and_its_names_are_words_of_the_text():
    for set_name, documents in draw().items():
        for document in documents:
            stored = json.loads(label_path(document, set_name).read_text(encoding="utf-8"))
            parsed = parse_label(stored)
            assert parsed.document == document
            assert parsed.tone in ("positive", "negative", "neutral")
            assert not unfound_names(parsed, cleaned_text(raw_text(document))), document
