"""Places: every place entity geocoded from the article's own context, never a guess."""

from __future__ import annotations

import re

import orjson
import pytest

from newsstream.contracts import first_violation
from newsstream.enrichment.parse import parse_raw_record
from newsstream.enrichment.pipeline import Enricher
from newsstream.enrichment.places import country_shares, geocode_entities
from newsstream.enrichment.records import EnrichedArticle, Entity, Mention
from newsstream.outputs import entity_records


def entities_in(text: str, *named: tuple[str, str]) -> list[Entity]:
    """An entity per (name, label), with a mention at each whole-word occurrence of the name in `text`."""
    found = []
    for name, label in named:
        mentions = [Mention(name, m.start(), m.end(), label) for m in re.finditer(rf"\b{re.escape(name)}\b", text)]
        found.append(Entity(name, label, 0.0, mentions))
    return found


def geocoded(text: str, *named: tuple[str, str]) -> dict[str, tuple[str | None, str | None, int | None] | None]:
    entities = entities_in(text, *named)
    geocode_entities(text, entities)
    return {e.name: (e.place.country_code, e.place.feature, e.place.geonames_id) if e.place else None
            for e in entities}


def test_the_countries_an_article_names_decide_which_durham_it_means():
    english = "Miners marched in Durham. English coal towns lost their pits."
    assert geocoded(english, ("Durham", "GPE"), ("English", "NORP"))["Durham"] == ("GB", "city", 2650628)
    american = "Durham, North Carolina, is a university town."
    assert geocoded(american, ("Durham", "GPE"), ("North Carolina", "GPE"))["Durham"] == ("US", "city", 4464368)


def test_a_name_with_no_context_and_two_likely_countries_gets_no_place():
    assert geocoded("Durham voted on Tuesday.", ("Durham", "GPE"))["Durham"] is None


def test_population_decides_sydney_in_a_story_about_flights_from_london():
    text = "Flights from London to Sydney were cancelled."
    assert geocoded(text, ("London", "GPE"), ("Sydney", "GPE")) == {"London": ("GB", "city", 2643743),
                                                                    "Sydney": ("AU", "city", 2147714)}


def test_georgia_is_the_country_beside_tbilisi_and_the_state_beside_atlanta():
    assert geocoded("Georgia's capital Tbilisi.", ("Georgia", "GPE"), ("Tbilisi", "GPE"))["Georgia"] == \
        ("GE", "country", 614540)
    assert geocoded("Georgia's capital Atlanta.", ("Georgia", "GPE"), ("Atlanta", "GPE"))["Georgia"] == \
        ("US", "admin1", 4197000)


@pytest.mark.parametrize(("name", "code"), [("UK", "GB"), ("Britain", "GB"), ("United Kingdom", "GB"),
                                            ("U.K.", "GB"), ("US", "US"), ("America", "US"), ("the States", "US"),
                                            ("Holland", "NL"), ("Wales", "GB")])
def test_other_names_of_a_country_are_that_country(name: str, code: str):
    assert geocoded(f"It happened in {name}.", (name, "GPE"))[name][0] == code


def test_a_nationality_points_to_its_country_and_a_continent_has_no_country():
    result = geocoded("British and French troops crossed Europe.", ("British", "NORP"), ("French", "NORP"),
                      ("Europe", "LOC"))
    assert result == {"British": ("GB", "country", 2635167), "French": ("FR", "country", 3017382),
                      "Europe": (None, "continent", 6255148)}


def test_a_person_or_a_company_spelt_like_a_place_is_not_geocoded():
    result = geocoded("Washington said the Phoenix consortium would bid.", ("Washington", "PERSON"),
                      ("Phoenix", "ORG"))
    assert result == {"Washington": None, "Phoenix": None}


def test_a_place_name_that_is_a_named_persons_surname_or_heads_an_organisations_name_is_not_geocoded():
    text = 'The Phoenix consortium bid for Rover. John Washington ran it. "Fine," Washington said. A Texas firm lost.'
    result = geocoded(text, ("Phoenix", "GPE"), ("John Washington", "PERSON"), ("Washington", "GPE"),
                      ("Texas", "GPE"))
    assert result == {"Phoenix": None, "John Washington": None, "Washington": None, "Texas": ("US", "admin1", 4736286)}


def test_a_region_the_gazetteer_lacks_resolves_to_the_country_of_the_place_inside_it():
    text = "Pits closed across County Durham, and the English coalfield shrank."
    place = geocoded(text, ("County Durham", "GPE"), ("English", "NORP"))["County Durham"]
    assert place == ("GB", "region", None)


def test_a_city_the_text_qualifies_with_its_state_is_a_region_of_that_state_when_the_gazetteer_lacks_it():
    text = "The festival opened in Park City, Utah."
    place = geocoded(text, ("Park City", "GPE"), ("Utah", "GPE"))["Park City"]
    assert place == ("US", "region", None)


def test_the_article_countries_are_shares_of_place_mentions_most_first():
    text = "London and Leeds grew. London again. Paris too."
    entities = entities_in(text, ("London", "GPE"), ("Leeds", "GPE"), ("Paris", "GPE"))
    geocode_entities(text, entities)
    shares = [(share.country_code, share.name, share.mentions, share.share) for share in country_shares(entities)]
    assert shares == [("GB", "United Kingdom", 3, 0.75), ("FR", "France", 1, 0.25)]


@pytest.fixture(scope="module")
def enricher(nlp) -> Enricher:
    return Enricher(nlp)


def enrich(enricher: Enricher, body: str, **fields: str) -> EnrichedArticle:
    [article] = enricher.enrich_batch([parse_raw_record(orjson.dumps({"id": "a", "body": body, **fields}),
                                                        max_bytes=10**7)])
    assert isinstance(article, EnrichedArticle), article
    return article


def test_the_record_carries_places_with_coordinates_and_they_meet_the_schemas(enricher: Enricher):
    article = enrich(enricher, "Flooding in Cardiff\n\nThe river burst its banks in Cardiff, the Welsh capital, "
                               "on Tuesday, and trains to London were cancelled.")
    record = orjson.loads(orjson.dumps(article))
    cardiff = next(e for e in record["entities"] if e["name"] == "Cardiff")
    assert cardiff["place"]["geonames_id"] == 2653822 and cardiff["place"]["country_code"] == "GB"
    assert round(cardiff["place"]["latitude"]) == 51 and round(cardiff["place"]["longitude"]) == -3
    assert record["places"][0]["country_code"] == "GB" and record["places"][0]["share"] == 1.0
    assert first_violation("enriched-article", record) is None
    for _key, value in entity_records(article):
        assert first_violation("entity", orjson.loads(value)) is None


def test_an_article_with_500_place_names_is_enriched_within_its_budget(enricher: Enricher):
    cities = ["London", "Paris", "Madrid", "Berlin", "Rome", "Vienna", "Lisbon", "Dublin", "Oslo", "Warsaw"]
    body = "Tour dates\n\n" + " ".join(f"The band plays {cities[i % 10]} on day {i}." for i in range(500))
    article = enrich(enricher, body)
    assert {share.country_code for share in article.places} >= {"GB", "FR", "ES", "DE", "IT"}


def test_countries_in_a_list_do_not_qualify_each_other():
    text = "Sales rose in the UK, Germany, France and the US."
    result = geocoded(text, ("UK", "GPE"), ("Germany", "GPE"), ("France", "GPE"), ("US", "GPE"))
    assert {name: place[0] for name, place in result.items() if place} == \
        {"UK": "GB", "Germany": "DE", "France": "FR", "US": "US"}
