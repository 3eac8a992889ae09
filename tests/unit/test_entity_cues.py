"""What the words of a name and its neighbours say it names."""

from __future__ import annotations

import pytest

from newsstream.enrichment.entities.cues import CUE_WEIGHT, cue_votes, is_arts_story, is_sports_story
from newsstream.enrichment.entities.gazetteer import is_place_name


def votes_for(text: str, name: str, occurrence: int = 0) -> dict[str, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(name, start + 1)
    return {label: count for label, count in cue_votes(text, start, start + len(name)).items() if count}


@pytest.mark.parametrize(("text", "name", "label"), [
    ("Shares in Northgate Energy plc fell.", "Northgate Energy plc", "ORG"),
    ("Shares in Virgin Blue plunged 20%.", "Virgin Blue", "ORG"),
    ("Virgin Blue chief executive Brett Godfrey said so.", "Virgin Blue", "ORG"),
    ("It faces pressure from rival Jetstar.", "Jetstar", "ORG"),
    ("It has its own budget airline, Jetstar, which flies.", "Jetstar", "ORG"),
    ("Its chief executive, Anneliese Varga, said sorry.", "Anneliese Varga", "PERSON"),
    ("Afon Water, the company responsible for the spills, said no.", "Afon Water", "ORG"),
    ("Kraft's chief executive spoke.", "Kraft", "ORG"),
    ("Jeweller Zale also felt little Christmas cheer.", "Zale", "ORG"),
    ("The Kestrel Arena opened in May.", "Kestrel Arena", "FAC"),
    ("The European Indoor Championships start today.", "European Indoor Championships", "EVENT"),
    ("He was born in the city of Bouira in 1960.", "Bouira", "GPE"),
    ("The Leeds-based firm grew.", "Leeds", "GPE"),
    ("Brown, 45, was arrested.", "Brown", "PERSON"),
    ("Brown said he was sorry.", "Brown", "PERSON"),
    ("Chelsea striker Didier Drogba is fit.", "Chelsea", "ORG"),
    ("It sold it to a previously unknown firm called Baikal.", "Baikal", "ORG"),
    ("Taxes were used to deal with firms like Yukos last year.", "Yukos", "ORG"),
    ("Firms like Ithaca have faced the same pressures.", "Ithaca", "ORG"),
    ("The Markfield, Leicestershire-based company runs 142 quarries.", "Markfield", "GPE"),
    ("said Ken Kim, an economist at Stone & McCarthy.", "Stone & McCarthy", "ORG"),
    ("Air Deccan has said it will base its model on Europe.", "Air Deccan", "ORG"),
    ("Air Deccan's managing director spoke.", "Air Deccan", "ORG"),
    ("Italaudit, formerly the Italian arm of auditor Grant Thornton, was banned.", "Grant Thornton", "ORG"),
    ("The company, majority-owned by Japan's Suzuki, said costs rose.", "Suzuki", "ORG"),
    ("Damage was worst in Tiaret and Sidi Ammar in the east of the country.", "Sidi Ammar", "GPE"),
    ("OSLO, June 19 (Newswire) - Norway's central bank held rates.", "Newswire", "ORG"),
    ("The Delhi High Court barred the sale.", "Delhi High Court", "ORG"),
    ("Tobin, a 49-year-old accountant from Naas, made her money in software.", "Tobin", "PERSON"),
])
def test_a_cue_votes_for_what_the_name_is(text: str, name: str, label: str) -> None:
    votes = votes_for(text, name)
    assert max(votes, key=lambda key: votes[key]) == label, votes


def test_a_name_without_cues_gets_no_votes() -> None:
    assert votes_for("Yesterday Northgate rose sharply.", "Northgate") == {}


def test_a_trade_of_people_and_firms_alike_is_a_weak_cue_and_her_own_verb_says_person() -> None:
    votes = votes_for("Marlborough winemaker Annelise Kerr planted her first vines in 1994.", "Annelise Kerr")
    assert votes["ORG"] <= CUE_WEIGHT < 3 * CUE_WEIGHT and votes["PERSON"] > 0, votes


def test_an_age_of_more_than_two_digits_or_of_a_firm_is_no_persons() -> None:
    assert votes_for("Cadbury, a 180-year-old confectioner, fell.", "Cadbury").get("PERSON", 0) <= 0
    assert votes_for("Halden, a 40-year-old firm based in Leeds, fell.", "Halden").get("PERSON", 0) <= 0


def test_nobody_is_the_smith_and_a_team_is_not_a_place() -> None:
    assert votes_for("The meeting was held at the Kremlin.", "Kremlin")["PERSON"] < 0
    assert votes_for("Leicester beat Derby on Saturday.", "Leicester")["GPE"] < 0


def test_the_gazetteer_knows_countries_states_and_cities() -> None:
    assert is_place_name("Bouira") and is_place_name("leicester") and is_place_name("Alaska")
    assert is_place_name("Germany")
    assert not is_place_name("Jetstar") and not is_place_name("Northgate Energy")


def test_a_sports_story_is_told_by_its_words() -> None:
    assert is_sports_story("Leeds beat Stoke 2-0. The striker scored twice as the coach watched his team win "
                           "the match, a victory that lifts the club in the league.")
    assert not is_sports_story("Leeds council raised the tax. The mayor said the city needed the money.")


def test_given_names_say_person_and_gender() -> None:
    from newsstream.enrichment.given_names import gender_of_given_name, is_given_name

    assert is_given_name("Graham") and gender_of_given_name("Graham") == "male"
    assert gender_of_given_name("Sandra") == "female"
    assert not is_given_name("Jetstar") and not is_given_name("Mercedes")  # a brand before it is a name
    assert votes_for("Yesterday Graham Pike asked again.", "Graham Pike") == {"PERSON": 4}
    assert "PERSON" not in votes_for("The Roman Catholic Archbishop spoke.", "Roman Catholic Archbishop")


def test_what_follows_a_name_can_rule_out_a_person() -> None:
    assert votes_for("Labour MP Nadia Rahman said no.", "Labour")["PERSON"] < 0
    assert votes_for("India Petrochemicals Limited rose.", "India Petrochemicals Limited") == {"ORG": 4}


def test_what_only_a_company_is_outweighs_the_model() -> None:
    # "water firm X": three cues' weight, more than the model's reading of a full name it has never seen
    assert votes_for("A row between the state and water firm Aguas Argentinas grew.", "Aguas Argentinas") == {"ORG": 12}
    assert votes_for("Support was withdrawn by DaimlerChrysler.", "DaimlerChrysler")["PERSON"] < 0
    assert "PERSON" not in votes_for("Yesterday McDonald said nothing.", "McDonald")
    assert votes_for("Talks with the Tamil Tigers stalled.", "Tamil Tigers")["PERSON"] < 0
    assert votes_for("the Yadavaran and Jufeyr oilfields", "Jufeyr")["PERSON"] < 0


def test_an_arts_story_is_told_by_its_words() -> None:
    assert is_arts_story("The band's new album topped the charts. The singer said the song was their best single, "
                         "and the film of the tour starred an actor who won an award.")
    assert not is_arts_story("Shares in the bank rose after the chief executive said profits would double.")


def test_a_double_given_name_is_a_given_name_and_its_gender_needs_every_part() -> None:
    from newsstream.enrichment.given_names import gender_of_given_name, is_given_name
    assert is_given_name("Jean-Philippe") and is_given_name("Anne-Marie")
    assert gender_of_given_name("Anne-Marie") == "female"
    assert gender_of_given_name("Jean-Philippe") is None  # "Jean" is mostly a woman's name in the US lists
    assert gender_of_given_name("Jean-Pierre") is None
