"""Tests of `newsstream.enrichment.entities`.

Most tests run the real pipeline for tokens and tags, then set `doc.ents` by hand to the (often wrong)
labels the small model produces, so each repair is tested on exactly the input it is meant for.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Span

from newsstream.enrichment.entities import extract_entities
from newsstream.enrichment.entities.cues import is_sports_story
from newsstream.enrichment.nlp import load_pipeline
from newsstream.enrichment.records import Entity, Mention
from newsstream.errors import EnrichmentError

SAMPLE = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "time-plus-news-us-troops.txt"
CONTRIBUTORS = ("Guy Chazan", "Roman Olearchyk")


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def make_doc(nlp: Language, text: str, ents: list[tuple[str, str]]) -> Doc:
    """Analyse `text`, then replace the model's entities by `ents`: (surface, label) in text order."""
    doc = nlp(text)
    spans = []
    cursor = 0
    for surface, label in ents:
        start = text.index(surface, cursor)
        span = doc.char_span(start, start + len(surface), label=label)
        assert span is not None, surface
        spans.append(span)
        cursor = start + len(surface)
    doc.ents = spans
    return doc


def by_name(entities: list[Entity]) -> dict[str, Entity]:
    return {entity.name: entity for entity in entities}


def summary(entities: list[Entity]) -> list[tuple[str, str, list[str]]]:
    return [(e.name, e.label, [m.text for m in e.mentions]) for e in entities]


# ------------------------------------------------------------------------------------------------
# The golden sample article


@pytest.fixture(scope="module")
def sample(nlp: Language) -> tuple[str, list[Entity]]:
    paragraphs = SAMPLE.read_text(encoding="utf-8").split("\n\n")
    # Drop the site chrome (name, tagline) and the contributor line and "Source link" at the end.
    text = "\n\n".join(paragraphs[2:-2])
    assert text.startswith("US sends extra 2,000 troops")
    doc = nlp(text)
    return text, extract_entities(doc, title_end=text.index("\n"), contributors=CONTRIBUTORS)


def test_sample_people_have_canonical_names(sample: tuple[str, list[Entity]]) -> None:
    _, entities = sample
    people = [e.name for e in entities if e.label == "PERSON"]
    assert sorted(people) == [
        "Alexander Grushko",
        "Antony Blinken",
        "Dmytro Kuleba",
        "Joe Biden",
        "John Kirby",
        "Sergei Lavrov",
        "Vladimir Putin",
    ]


def test_sample_biden_is_one_person_despite_an_org_label(sample: tuple[str, list[Entity]]) -> None:
    text, entities = sample
    biden = by_name(entities)["Joe Biden"]
    assert biden.label == "PERSON"
    assert [m.text for m in biden.mentions] == ["Joe Biden", "Biden", "Biden", "Biden"]
    assert {m.label for m in biden.mentions} == {"PERSON"}
    # "President Biden" (in a quote) and "Biden put 8,500 troops" (tagged ORG by the model) are in.
    assert text[biden.mentions[1].start - 10 : biden.mentions[1].end] == "President Biden"
    assert text[biden.mentions[2].start : biden.mentions[2].end + 4] == "Biden put"
    assert not any(e.name == "Biden" or e.name == "President Biden" for e in entities)


def test_sample_kirby_short_forms_map_to_john_kirby(sample: tuple[str, list[Entity]]) -> None:
    _, entities = sample
    kirby = by_name(entities)["John Kirby"]
    assert [m.text for m in kirby.mentions] == ["John Kirby", "Kirby", "Kirby", "Kirby"]
    assert "Kirby" not in by_name(entities)


def test_sample_cut_putin_mention_is_repaired(sample: tuple[str, list[Entity]]) -> None:
    text, entities = sample
    putin = by_name(entities)["Vladimir Putin"]
    assert [m.text for m in putin.mentions] == ["Vladimir Putin", "Putin"]
    last = putin.mentions[-1]
    assert text[last.start : last.end + 13] == "Putin de-escalated"
    assert not any("de-" in m.text for e in entities for m in e.mentions)


def test_sample_crimea_is_a_place(sample: tuple[str, list[Entity]]) -> None:
    _, entities = sample
    crimea = by_name(entities)["Crimea"]
    assert (crimea.label, [m.label for m in crimea.mentions]) == ("GPE", ["GPE"])


def test_sample_other_people_and_labels(sample: tuple[str, list[Entity]]) -> None:
    _, entities = sample
    names = by_name(entities)
    for person in ("Alexander Grushko", "Antony Blinken", "Sergei Lavrov", "Dmytro Kuleba"):
        assert [m.text for m in names[person].mentions] == [person]
    assert names["Pentagon"].label == "ORG"
    assert names["United States"].label == "GPE"  # "the United States": the article is not the name
    assert names["Ukrainian"].label == "NORP"  # the model says GPE; a demonym is a nationality
    assert names["Nato"].label == "ORG" and len(names["Nato"].mentions) == 10


def test_sample_contributors_are_not_entities(sample: tuple[str, list[Entity]]) -> None:
    _, entities = sample
    names = {e.name for e in entities}
    assert not names & {"Guy Chazan", "Roman Olearchyk", "Berlin", "Kyiv"}


def test_sample_mentions_are_exact_slices(sample: tuple[str, list[Entity]]) -> None:
    text, entities = sample
    for entity in entities:
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text
            assert mention.label == entity.label
        assert [m.start for m in entity.mentions] == sorted(m.start for m in entity.mentions)


def test_sample_salience_ranking(sample: tuple[str, list[Entity]]) -> None:
    _, entities = sample
    assert entities[0].name == "US" and entities[0].salience == 1.0
    assert [e.name for e in entities[:3]] == ["US", "Nato", "Europe"]
    saliences = [e.salience for e in entities]
    assert saliences == sorted(saliences, reverse=True)
    assert all(0.0 < s <= 1.0 for s in saliences)
    names = by_name(entities)
    assert names["Joe Biden"].salience > names["Vladimir Putin"].salience > names["Crimea"].salience
    assert names["Crimea"].salience < 0.2  # one mention near the end


# ------------------------------------------------------------------------------------------------
# Canonical names and linking (BBC-like sentences)


def test_mr_blair_tony_blair_and_blair_are_one_person(nlp: Language) -> None:
    text = "Tony Blair spoke on Monday. Mr Blair said the plan was fair. Blair later left."
    doc = make_doc(nlp, text, [("Tony Blair", "PERSON"), ("Mr Blair", "PERSON"), ("Blair", "GPE")])
    assert summary(extract_entities(doc)) == [("Tony Blair", "PERSON", ["Tony Blair", "Blair", "Blair"])]


def test_personal_title_makes_a_person_against_the_majority(nlp: Language) -> None:
    text = "Brown is in Leeds. Mr Brown spoke. Brown left early and Brown returned."
    doc = make_doc(
        nlp, text, [("Brown", "GPE"), ("Leeds", "GPE"), ("Mr Brown", "GPE"), ("Brown", "GPE"), ("Brown", "GPE")]
    )
    assert summary(extract_entities(doc)) == [
        ("Brown", "PERSON", ["Brown", "Brown", "Brown", "Brown"]),
        ("Leeds", "GPE", ["Leeds"]),
    ]


def test_sir_alex_ferguson_and_ferguson(nlp: Language) -> None:
    text = 'Sir Alex Ferguson praised his side. Ferguson said: "We were good."'
    doc = make_doc(nlp, text, [("Sir Alex Ferguson", "PERSON"), ("Ferguson", "ORG")])
    assert summary(extract_entities(doc)) == [("Alex Ferguson", "PERSON", ["Alex Ferguson", "Ferguson"])]


def test_man_utd_is_manchester_united(nlp: Language) -> None:
    text = "Man Utd win again\n\nManchester United beat Everton. Man Utd are top."
    doc = make_doc(
        nlp, text, [("Man Utd", "ORG"), ("Manchester United", "ORG"), ("Everton", "ORG"), ("Man Utd", "ORG")]
    )
    entities = extract_entities(doc, title_end=17)
    assert summary(entities) == [
        ("Manchester United", "ORG", ["Man Utd", "Manchester United", "Man Utd"]),
        ("Everton", "ORG", ["Everton"]),
    ]


def test_team_named_after_city_is_org_by_majority(nlp: Language) -> None:
    text = "Liverpool beat Chelsea. Liverpool were better and Liverpool deserved it."
    doc = make_doc(nlp, text, [("Liverpool", "ORG"), ("Chelsea", "ORG"), ("Liverpool", "GPE"), ("Liverpool", "ORG")])
    names = by_name(extract_entities(doc))
    assert names["Liverpool"].label == "ORG"
    assert [m.label for m in names["Liverpool"].mentions] == ["ORG", "ORG", "ORG"]


def test_label_tie_with_a_person_cue_prefers_person(nlp: Language) -> None:
    text = "Dunne, 45, was arrested. Dunne was booked."
    doc = make_doc(nlp, text, [("Dunne", "ORG"), ("Dunne", "PERSON")])
    assert summary(extract_entities(doc)) == [("Dunne", "PERSON", ["Dunne", "Dunne"])]


def test_full_name_mentions_outweigh_surname_mentions(nlp: Language) -> None:
    text = "Steve McManaman played. McManaman ran. McManaman shot. McManaman missed."
    doc = make_doc(
        nlp, text, [("Steve McManaman", "PERSON"), ("McManaman", "ORG"), ("McManaman", "PERSON"), ("McManaman", "ORG")]
    )
    assert extract_entities(doc)[0].label == "PERSON"


def test_ambiguous_surname_is_not_linked(nlp: Language) -> None:
    text = "Tony Blair and Cherie Blair arrived. Blair waved."
    doc = make_doc(nlp, text, [("Tony Blair", "PERSON"), ("Cherie Blair", "PERSON"), ("Blair", "PERSON")])
    assert sorted(e.name for e in extract_entities(doc)) == ["Blair", "Cherie Blair", "Tony Blair"]


def test_nested_full_names_link_to_the_longest(nlp: Language) -> None:
    text = "Mary Ann Jones won. Ann Jones was second. Jones smiled."
    doc = make_doc(nlp, text, [("Mary Ann Jones", "PERSON"), ("Ann Jones", "PERSON"), ("Jones", "PERSON")])
    assert summary(extract_entities(doc)) == [("Mary Ann Jones", "PERSON", ["Mary Ann Jones", "Ann Jones", "Jones"])]


def test_unique_first_name_links_to_full_name(nlp: Language) -> None:
    text = "Cristiano Ronaldo scored twice. Cristiano was the best player."
    doc = make_doc(nlp, text, [("Cristiano Ronaldo", "PERSON"), ("Cristiano", "ORG")])
    assert summary(extract_entities(doc)) == [("Cristiano Ronaldo", "PERSON", ["Cristiano Ronaldo", "Cristiano"])]


def test_shared_first_name_is_not_linked(nlp: Language) -> None:
    text = "Gary Neville and Gary Speed played. Gary was tired."
    doc = make_doc(nlp, text, [("Gary Neville", "PERSON"), ("Gary Speed", "PERSON"), ("Gary", "PERSON")])
    assert sorted(e.name for e in extract_entities(doc)) == ["Gary", "Gary Neville", "Gary Speed"]


def test_place_named_like_a_person_stays_a_place(nlp: Language) -> None:
    text = "A statue of George Washington stands in Washington. Washington approved it."
    doc = make_doc(nlp, text, [("George Washington", "PERSON"), ("Washington", "GPE"), ("Washington", "GPE")])
    assert summary(extract_entities(doc)) == [
        ("Washington", "GPE", ["Washington", "Washington"]),
        ("George Washington", "PERSON", ["George Washington"]),
    ]


def test_acronym_introduced_in_brackets_links_to_long_form(nlp: Language) -> None:
    text = (
        "The Recording Industry Association of America (RIAA) sued 500 people. The RIAA said more cases would follow."
    )
    doc = make_doc(nlp, text, [("Recording Industry Association of America", "ORG"), ("RIAA", "ORG"), ("RIAA", "ORG")])
    assert summary(extract_entities(doc)) == [
        (
            "Recording Industry Association of America",
            "ORG",
            ["Recording Industry Association of America", "RIAA", "RIAA"],
        )
    ]


def test_org_designator_and_web_domain_are_optional(nlp: Language) -> None:
    text = "Chelsea FC won. Chelsea are top. Amazon.com grew and Amazon hired."
    doc = make_doc(nlp, text, [("Chelsea FC", "ORG"), ("Chelsea", "ORG"), ("Amazon.com", "ORG"), ("Amazon", "ORG")])
    assert summary(extract_entities(doc)) == [
        ("Chelsea FC", "ORG", ["Chelsea FC", "Chelsea"]),
        ("Amazon.com", "ORG", ["Amazon.com", "Amazon"]),
    ]


# ------------------------------------------------------------------------------------------------
# Repairing mention spans


def test_leading_the_and_possessive_are_not_part_of_names(nlp: Language) -> None:
    text = "the Pentagon's spokesman met Paul Scholes' agent at the BBC’s office."
    doc = make_doc(nlp, text, [("the Pentagon's", "ORG"), ("Paul Scholes'", "PERSON"), ("the BBC’s", "ORG")])
    assert summary(extract_entities(doc)) == [
        ("Pentagon", "ORG", ["Pentagon"]),
        ("Paul Scholes", "PERSON", ["Paul Scholes"]),
        ("BBC", "ORG", ["BBC"]),
    ]


def test_titles_are_stripped_only_from_people(nlp: Language) -> None:
    text = "President Joe Biden visited General Motors. Prime Minister Tony Blair did not."
    doc = make_doc(
        nlp,
        text,
        [("President Joe Biden", "PERSON"), ("General Motors", "ORG"), ("Prime Minister Tony Blair", "PERSON")],
    )
    assert [(e.name, e.label) for e in extract_entities(doc)] == [
        ("Joe Biden", "PERSON"),
        ("General Motors", "ORG"),
        ("Tony Blair", "PERSON"),
    ]


def test_word_cut_by_tokeniser_is_trimmed(nlp: Language) -> None:
    text = "Talks can go on as long as President Putin de-escalated tensions."
    doc = make_doc(nlp, text, [("Putin de-", "PERSON")])
    entities = extract_entities(doc)
    assert summary(entities) == [("Putin", "PERSON", ["Putin"])]
    assert (entities[0].mentions[0].start, entities[0].mentions[0].end) == (37, 42)


def test_double_barrelled_name_cut_at_hyphen_is_extended(nlp: Language) -> None:
    text = "Shaun Wright-Phillips scored. Later Wright-Phillips was injured."
    doc = make_doc(nlp, text, [("Shaun Wright-Phillips", "PERSON"), ("Wright", "PERSON")])
    assert summary(extract_entities(doc)) == [
        ("Shaun Wright-Phillips", "PERSON", ["Shaun Wright-Phillips", "Wright-Phillips"])
    ]


def test_list_in_one_span_is_split(nlp: Language) -> None:
    text = "Wayne Rooney started. Subs not used: Fortune, Rooney."
    doc = make_doc(nlp, text, [("Wayne Rooney", "PERSON"), ("Fortune, Rooney", "WORK_OF_ART")])
    names = by_name(extract_entities(doc))
    assert [m.text for m in names["Wayne Rooney"].mentions] == ["Wayne Rooney", "Rooney"]
    assert names["Fortune"].label == "WORK_OF_ART"


def test_lowercase_words_at_the_edge_are_trimmed(nlp: Language) -> None:
    text = "After the break United seemed home and dry."
    doc = make_doc(nlp, text, [("United seemed home", "ORG")])
    assert summary(extract_entities(doc)) == [("United", "ORG", ["United"])]


def test_role_word_before_a_mention_votes_person(nlp: Language) -> None:
    text = "Chelsea striker Drogba is fit."
    doc = make_doc(nlp, text, [("Chelsea", "ORG"), ("Drogba", "GPE")])
    assert [(e.name, e.label) for e in extract_entities(doc)] == [("Chelsea", "ORG"), ("Drogba", "PERSON")]


def test_demonym_tagged_as_place_is_norp(nlp: Language) -> None:
    text = "The Russian army and Russians in Kyiv."
    doc = make_doc(nlp, text, [("Russian", "GPE"), ("Russians", "ORG"), ("Kyiv", "GPE")])
    assert [(e.name, e.label) for e in extract_entities(doc)] == [
        ("Russian", "NORP"),
        ("Russians", "NORP"),
        ("Kyiv", "GPE"),
    ]


def test_numeric_labels_are_not_entities(nlp: Language) -> None:
    text = "On Monday 2,000 troops cost $5m, up 7%, the first time in 2014."
    doc = make_doc(
        nlp,
        text,
        [
            ("Monday", "DATE"),
            ("2,000", "CARDINAL"),
            ("$5m", "MONEY"),
            ("7%", "PERCENT"),
            ("first", "ORDINAL"),
            ("2014", "DATE"),
        ],
    )
    assert extract_entities(doc) == []


# ------------------------------------------------------------------------------------------------
# Missed mentions and contributors


def test_repetitions_missed_by_the_model_are_added(nlp: Language) -> None:
    text = "John Kirby spoke on Monday. Kirby said it was fine. Later, Kirby left and Kirby returned."
    doc = make_doc(nlp, text, [("John Kirby", "PERSON"), ("Monday", "DATE"), ("Kirby", "PERSON")])
    entities = extract_entities(doc)
    assert summary(entities) == [("John Kirby", "PERSON", ["John Kirby", "Kirby", "Kirby", "Kirby"])]
    assert [m.start for m in entities[0].mentions] == [0, 28, 59, 74]


def test_repetition_inside_another_entity_is_not_added(nlp: Language) -> None:
    text = "John Kirby lives on Kirby Street. Kirby said so."
    doc = make_doc(nlp, text, [("John Kirby", "PERSON"), ("Kirby Street", "FAC")])
    names = by_name(extract_entities(doc))
    assert [m.start for m in names["John Kirby"].mentions] == [0, 34]
    assert [m.text for m in names["Kirby Street"].mentions] == ["Kirby Street"]


def test_contributor_mentioned_in_text_is_a_person(nlp: Language) -> None:
    text = "Roman Olearchyk reported from Kyiv on Monday."
    doc = make_doc(nlp, text, [("Roman Olearchyk", "GPE"), ("Kyiv", "GPE")])
    entities = extract_entities(doc, contributors=CONTRIBUTORS)
    assert [(e.name, e.label) for e in entities] == [("Roman Olearchyk", "PERSON"), ("Kyiv", "GPE")]


def test_contributor_not_tagged_by_model_is_found(nlp: Language) -> None:
    text = "Reporters including Guy Chazan were present."
    doc = make_doc(nlp, text, [])
    assert summary(extract_entities(doc, contributors=CONTRIBUTORS)) == [("Guy Chazan", "PERSON", ["Guy Chazan"])]


def test_contributors_absent_from_text_yield_nothing(nlp: Language) -> None:
    doc = make_doc(nlp, "Nothing to see here.", [])
    assert extract_entities(doc, contributors=CONTRIBUTORS) == []


# ------------------------------------------------------------------------------------------------
# Salience, ordering and inputs


def test_salience_formula(nlp: Language) -> None:
    text = "Kirby visits Paris\n\nJohn Kirby met officials in Paris. Kirby said it was fine. Oslo waited."
    doc = make_doc(
        nlp,
        text,
        [
            ("Kirby", "PERSON"),
            ("Paris", "GPE"),
            ("John Kirby", "PERSON"),
            ("Paris", "GPE"),
            ("Kirby", "PERSON"),
            ("Oslo", "GPE"),
        ],
    )
    entities = extract_entities(doc, title_end=18)
    length = len(text)
    paris = 0.55 * math.log(3) / math.log(4) + 0.25 * (1 - 13 / length) + 0.20
    oslo = 0.55 * math.log(2) / math.log(4) + 0.25 * (1 - text.index("Oslo") / length)
    assert [(e.name, e.salience) for e in entities] == [
        ("John Kirby", 1.0),
        ("Paris", round(paris, 4)),
        ("Oslo", round(oslo, 4)),
    ]
    assert [e.salience for e in entities] == [1.0, 0.8502, 0.308]


def test_equal_salience_sorts_by_first_mention(nlp: Language) -> None:
    text = "Oslo and Bergen."
    doc = make_doc(nlp, text, [("Oslo", "GPE"), ("Bergen", "GPE")])
    entities = extract_entities(doc)
    assert [e.name for e in entities] == ["Oslo", "Bergen"]
    assert entities[0].salience == 1.0


def test_mention_records(nlp: Language) -> None:
    text = "Mr Blair met Bono."
    doc = make_doc(nlp, text, [("Mr Blair", "PERSON"), ("Bono", "ORG")])
    assert extract_entities(doc)[0] == Entity("Blair", "PERSON", 1.0, [Mention("Blair", 3, 8, "PERSON")])


def test_empty_doc(nlp: Language) -> None:
    assert extract_entities(nlp("")) == []


@pytest.mark.parametrize(
    ("doc_factory", "kwargs"),
    [
        (lambda nlp: "not a doc", {}),
        (lambda nlp: nlp("Some text."), {"title_end": -1}),
        (lambda nlp: nlp("Some text."), {"title_end": 99}),
        (lambda nlp: nlp("Some text."), {"title_end": "4"}),
        (lambda nlp: nlp("Some text."), {"contributors": "Guy Chazan"}),
        (lambda nlp: nlp("Some text."), {"contributors": [None]}),
    ],
)
def test_bad_input_raises_enrichment_error(
    nlp: Language, doc_factory: Callable[[Language], Any], kwargs: dict[str, Any]
) -> None:
    with pytest.raises(EnrichmentError):
        extract_entities(doc_factory(nlp), **kwargs)


def test_hostile_input_is_fast(nlp: Language) -> None:
    numbers = " ".join(str(n) for n in range(100_000))
    doc = nlp.make_doc(numbers)
    started = time.perf_counter()
    assert extract_entities(doc) == []
    names = ". ".join(f"Mr Smith{n % 500} met John Smith{n % 500}" for n in range(5_000))
    doc = nlp.make_doc(names)
    spans: list[Span] = []
    for match in re.finditer(r"John Smith\d+|Smith\d+", names):
        span = doc.char_span(match.start(), match.end(), label="PERSON")
        assert span is not None
        spans.append(span)
    doc.ents = spans
    entities = extract_entities(doc)
    assert len(entities) == 500
    assert {len(e.mentions) for e in entities} == {20}
    assert {e.name for e in entities} == {f"John Smith{n}" for n in range(500)}
    assert time.perf_counter() - started < 5.0


def test_a_name_the_cues_deny_is_no_person(nlp: Language) -> None:
    text = "Prices rose in Yorkshire and the Humber. 193bn was spent."
    doc = make_doc(nlp, text, [("Humber", "PERSON"), ("193bn", "PERSON")])
    assert [(e.name, e.label) for e in extract_entities(doc)] == [("Humber", "ORG")]


def test_a_short_form_joins_a_full_name_the_story_introduced_first(nlp: Language) -> None:
    text = ("Northgate Energy agreed a deal. Northgate said it would pay cash. Apple has opened Apple Developer "
            "Connection to all. Apple said so.")
    doc = make_doc(nlp, text, [("Northgate Energy", "ORG"), ("Northgate", "ORG"), ("Apple", "ORG"),
                               ("Apple Developer Connection", "ORG"), ("Apple", "ORG")])
    names = {e.name: len(e.mentions) for e in extract_entities(doc)}
    assert names["Northgate Energy"] == 2 and "Northgate" not in names
    assert names["Apple"] == 2 and names["Apple Developer Connection"] == 1


def test_a_single_word_the_text_calls_a_company_is_not_a_person(nlp: Language) -> None:
    text = ("Yukos was sold. The state took firms like Yukos into public ownership. Yukos shares fell. "
            "Yukos executives met. Yukos staff left.")
    doc = make_doc(nlp, text, [("Yukos", "PERSON")] * 5)
    assert by_name(extract_entities(doc))["Yukos"].label == "ORG"


def test_world_regions_are_locations(nlp: Language) -> None:
    text = "Profits rose in Asia Pacific and in Europe, said Rick Wagoner."
    doc = make_doc(nlp, text, [("Asia Pacific", "PERSON"), ("Europe", "GPE"), ("Rick Wagoner", "PERSON")])
    found = by_name(extract_entities(doc))
    assert found["Asia Pacific"].label == "LOC" and found["Europe"].label == "LOC"


def test_a_titled_name_the_model_missed_is_a_person(nlp: Language) -> None:
    text = "The committee's chair, Dame Olwen Prys-Jones, said taxpayers had been let down."
    doc = make_doc(nlp, text, [])
    assert [(e.name, e.label) for e in extract_entities(doc)] == [("Olwen Prys-Jones", "PERSON")]


def test_two_joined_names_do_not_keep_a_surname_from_its_full_name(nlp: Language) -> None:
    text = ("Jeffrey Royer fed information to Anthony Elgindy. Royer and Elgindy used the FBI's tools. "
            "Mr Elgindy was convicted.")
    doc = make_doc(nlp, text, [("Jeffrey Royer", "PERSON"), ("Anthony Elgindy", "PERSON"),
                               ("Royer and Elgindy", "ORG"), ("Elgindy", "PERSON")])
    elgindy = by_name(extract_entities(doc))["Anthony Elgindy"]
    assert [m.text for m in elgindy.mentions] == ["Anthony Elgindy", "Elgindy"]


def test_a_place_that_owns_an_organisation_is_its_own_entity(nlp: Language) -> None:
    text = "Chile’s Ministry of Mining said it was monitoring the strike in Chile."
    doc = make_doc(nlp, text, [("Chile’s Ministry of Mining", "ORG"), ("Chile", "GPE")])
    assert {(e.name, e.label) for e in extract_entities(doc)} == {("Ministry of Mining", "ORG"), ("Chile", "GPE")}


def test_an_owner_the_model_ran_into_a_persons_name_is_not_part_of_it(nlp: Language) -> None:
    text = "“We will not go to court,” said Larchfield’s Moira Calder. Calder runs 40 clinics in Dr Steevens’ Hospital."
    doc = make_doc(nlp, text, [("Larchfield’s Moira Calder", "PERSON"), ("Calder", "PERSON"),
                               ("Steevens’ Hospital", "PERSON")])
    names = {(e.name, e.label) for e in extract_entities(doc)}
    assert ("Moira Calder", "PERSON") in names and not any("Larchfield" in name for name, _ in names)
    assert "Steevens’ Hospital" in {name for name, _ in names}  # a plural owner's apostrophe is the name's


def test_members_of_a_parliament_are_no_name(nlp: Language) -> None:
    text = "MPs on the Work and Pensions Committee said the MSPs agreed. Labour MP Ruth Hallam spoke."
    doc = make_doc(nlp, text, [("MPs", "ORG"), ("Work and Pensions Committee", "ORG"), ("MSPs", "NORP"),
                               ("Labour MP Ruth Hallam", "PERSON")])
    assert {(e.name, e.label) for e in extract_entities(doc)} >= {("Work and Pensions Committee", "ORG"),
                                                                  ("Ruth Hallam", "PERSON")}
    assert not any(e.name in ("MPs", "MSPs") for e in extract_entities(doc))


def test_a_given_name_the_model_left_out_joins_its_surname(nlp: Language) -> None:
    text = "Ciarán Duggan, a Labour TD, asked questions. Duggan said the MPs in Barry Dunne's office agreed."
    doc = make_doc(nlp, text, [("Duggan", "PERSON"), ("Duggan", "PERSON"), ("Barry Dunne", "PERSON")])
    people = {e.name: [m.text for m in e.mentions] for e in extract_entities(doc) if e.label == "PERSON"}
    assert people["Ciarán Duggan"] == ["Ciarán Duggan", "Duggan"]


def test_a_parliament_and_the_committee_it_owns_are_two_names(nlp: Language) -> None:
    text = "The Dáil’s Public Accounts Committee met. Sainsbury’s Bank fell."
    doc = make_doc(nlp, text, [("Dáil’s Public Accounts Committee", "ORG"), ("Sainsbury’s Bank", "ORG")])
    names = {e.name for e in extract_entities(doc)}
    assert {"Dáil", "Public Accounts Committee", "Sainsbury’s Bank"} <= names


def test_the_bishop_is_an_office_bishop_a_surname(nlp: Language) -> None:
    text = "The Bishop said so. The comedian John Bishop laughed, and Bishop left."
    doc = make_doc(nlp, text, [("Bishop", "ORG"), ("John Bishop", "PERSON"), ("Bishop", "PERSON")])
    assert [(e.name, e.label, len(e.mentions)) for e in extract_entities(doc)] == [("John Bishop", "PERSON", 2)]


def test_an_office_alone_names_nobody(nlp: Language) -> None:
    text = "The Assistant Treasurer, Daniel Merrow, said the Chancellor agreed."
    doc = make_doc(nlp, text, [("Treasurer", "ORG"), ("Daniel Merrow", "PERSON"), ("Chancellor", "PERSON")])
    assert [(e.name, e.label) for e in extract_entities(doc)] == [("Daniel Merrow", "PERSON")]


def test_an_office_before_a_name_the_model_missed_makes_a_person(nlp: Language) -> None:
    text = "The Archbishop of Westminster, Cardinal Cormac Murphy O'Connor, urged voters to think. Cardinal Health fell."
    doc = make_doc(nlp, text, [])
    assert [(e.name, e.label) for e in extract_entities(doc)] == [("Cormac Murphy O'Connor", "PERSON")]


def test_an_office_before_a_place_or_body_makes_no_person(nlp: Language) -> None:
    text = "Delegates met at the President Hotel Group offices. Lord Street was closed."
    doc = make_doc(nlp, text, [])
    assert [e.name for e in extract_entities(doc) if e.label == "PERSON"] == []


def test_a_single_word_the_model_calls_a_person_no_more_than_an_org_is_not_a_person(nlp: Language) -> None:
    text = "Halvorsen raised prices. Analysts said Halvorsen had little choice. Halvorsen declined to comment."
    doc = make_doc(nlp, text, [("Halvorsen", "PERSON"), ("Halvorsen", "ORG")])
    assert by_name(extract_entities(doc))["Halvorsen"].label == "ORG"


def test_in_a_sports_story_a_tied_surname_stays_a_person(nlp: Language) -> None:
    text = ("Halvorsen scored twice as Rovers beat United 3-1 in the league. The striker's goal came after the "
            "half-time break, and Halvorsen added a second from the penalty spot. The match drew a crowd of 20,000.")
    doc = make_doc(nlp, text, [("Halvorsen", "PERSON"), ("Rovers", "ORG"), ("United", "ORG"), ("Halvorsen", "ORG")])
    assert by_name(extract_entities(doc))["Halvorsen"].label == "PERSON"


def test_a_single_word_nothing_introduces_as_a_person_is_not_one(nlp: Language) -> None:
    text = "Shares in Velmora rose 4% on Monday. Velmora sold 2m units in the quarter, analysts said."
    doc = make_doc(nlp, text, [("Velmora", "PERSON"), ("Velmora", "PERSON")])
    assert by_name(extract_entities(doc))["Velmora"].label != "PERSON"


@pytest.mark.parametrize(("text", "ents"), [
    # a title of rank introduces a person the model tagged without it
    ("Conservative peer Lord Halvorsen said the plan would fail. Halvorsen added that it cost too much.",
     [("Halvorsen", "PERSON"), ("Halvorsen", "PERSON")]),
    # a role before the name introduces a person, whatever the model said
    ("Committee chair Jean-Philippe Theriault said the outage was an emergency. Theriault wants fines.",
     [("Jean-Philippe Theriault", "ORG"), ("Theriault", "ORG")]),
    # a given name alone is a person called by a first name
    ("Nora waited for the bus. Nora had been waiting since dawn, her neighbours said.",
     [("Nora", "PERSON"), ("Nora", "PERSON")]),
    # in a story about music, film or books, people go by one name
    ("The band's new album topped the charts, and the singer said the song was their best single. Halvorsen, "
     "the rapper, joined the band on tour for the concert, and the album's film starred a famous actor.",
     [("Halvorsen", "PERSON")]),
])
def test_a_single_word_introduced_as_a_person_stays_one(nlp: Language, text: str, ents: list[tuple[str, str]]) -> None:
    assert by_name(extract_entities(make_doc(nlp, text, ents)))[ents[0][0]].label == "PERSON"


def test_a_name_of_three_words_or_more_may_be_called_by_an_inner_word(nlp: Language) -> None:
    text = "President Luiz Inacio Lula da Silva promised jobs. President Lula has pursued a cautious policy."
    doc = make_doc(nlp, text, [("Luiz Inacio Lula da Silva", "PERSON"), ("Lula", "PERSON")])
    assert [(e.name, e.label, len(e.mentions)) for e in extract_entities(doc)] == [
        ("Luiz Inacio Lula da Silva", "PERSON", 2)]


def test_a_descriptor_opening_a_headline_is_not_part_of_the_name(nlp: Language) -> None:
    text = "Mogul Wilson backing UK rap band\n\nTony Wilson is to launch a new label. Wilson believes in it."
    doc = make_doc(nlp, text, [("Mogul Wilson", "PERSON"), ("UK", "GPE"), ("Tony Wilson", "PERSON"),
                               ("Wilson", "PERSON")])
    people = [(e.name, len(e.mentions)) for e in extract_entities(doc, title_end=text.find("\n")) if e.label == "PERSON"]
    assert people == [("Tony Wilson", 3)]


def test_a_name_that_speaks_is_not_a_natural_place(nlp: Language) -> None:
    text = "In a dissenting opinion, the Bloc Quebecois said the recommendations did not go far enough."
    doc = make_doc(nlp, text, [("Bloc Quebecois", "LOC")])
    assert by_name(extract_entities(doc))["Bloc Quebecois"].label == "ORG"


def test_a_role_closing_an_apposition_after_a_possessive_makes_a_person(nlp: Language) -> None:
    text = "Kwame Asante, the company's operations director, remembers the first meeting."
    doc = make_doc(nlp, text, [("Kwame Asante", "ORG")])
    assert by_name(extract_entities(doc))["Kwame Asante"].label == "PERSON"


@pytest.mark.parametrize(("text", "span", "name"), [
    ("Welshman Jimmy Watkins won the 800m in a season's best time.", "Welshman Jimmy Watkins", "Jimmy Watkins"),
    ("The injury was assessed by Wales physio Mark Davies on Monday.", "Wales physio Mark Davies", "Mark Davies"),
])
def test_origin_and_role_words_opening_a_persons_span_are_not_the_name(nlp: Language, text: str, span: str,
                                                                        name: str) -> None:
    people = [e.name for e in extract_entities(make_doc(nlp, text, [(span, "PERSON")])) if e.label == "PERSON"]
    assert people == [name]


@pytest.mark.parametrize(("text", "place"), [
    ("Senator Dale Prewitt of Wyoming, who filed a dissenting statement, argued against it.", "Wyoming"),
    ("Rahul Menon, an analyst at Carrick Partners in Melbourne, who kept his rating, was upbeat.", "Melbourne"),
])
def test_a_known_place_after_a_place_preposition_is_a_place_though_who_follows(nlp: Language, text: str,
                                                                               place: str) -> None:
    doc = make_doc(nlp, text, [(place, "PERSON")])
    assert by_name(extract_entities(doc))[place].label == "GPE"


def test_a_party_and_a_member_the_model_ran_together_are_two(nlp: Language) -> None:
    text = "The committee's vice-chair, Labour TD Siobhán Keating, said the report made harrowing reading."
    doc = make_doc(nlp, text, [("Labour TD Siobhán Keating", "ORG")])
    assert [(e.name, e.label) for e in extract_entities(doc)] == [("Labour", "ORG"), ("Siobhán Keating", "PERSON")]


def test_a_role_of_something_before_a_name_in_apposition_makes_a_person(nlp: Language) -> None:
    text = "Lomond's head of UK equities, Fraser McColl, said the price was too low."
    doc = make_doc(nlp, text, [("Fraser McColl", "WORK_OF_ART")])
    assert by_name(extract_entities(doc))["Fraser McColl"].label == "PERSON"


@pytest.mark.parametrize(("text", "name", "label"), [
    ("The suit names the financial institutions JP Morgan Chase, Citigroup, Merrill Lynch and Credit Suisse.",
     "Merrill Lynch", "ORG"),
    ("The group owns brands including Moet & Chandon champagne and Louis Vuitton.", "Louis Vuitton", "PRODUCT"),
    # a member after one comma, when the list goes on after it
    ("Shoppers went to retailers such as Tesco, John Lewis, Argos and Boots before Christmas.", "John Lewis", "ORG"),
])
def test_every_member_of_a_list_after_a_kind_noun_is_of_that_kind(nlp: Language, text: str, name: str,
                                                                 label: str) -> None:
    doc = make_doc(nlp, text, [(name, "PERSON")])
    assert by_name(extract_entities(doc))[name].label == label


@pytest.mark.parametrize("text", [
    # a name after one comma is an apposition when the list stops there
    "She came with the star of the TV programme The OC, Micha Barton.",
    # the members of a group may be people
    "The relief effort had the backing of a group including Bob Geldof, Bono and Micha Barton.",
])
def test_an_apposition_or_a_groups_members_are_not_a_list_of_things(nlp: Language, text: str) -> None:
    doc = make_doc(nlp, text, [("Micha Barton", "PERSON")])
    assert by_name(extract_entities(doc))["Micha Barton"].label == "PERSON"


def test_a_place_and_its_kind_is_a_place(nlp: Language) -> None:
    text = "A spokesman for the prosecutor, New York State Comptroller Alan Hevesi, said no deal was made."
    doc = make_doc(nlp, text, [("New York State", "PERSON"), ("Alan Hevesi", "PERSON")])
    assert by_name(extract_entities(doc))["New York State"].label == "GPE"


@pytest.mark.parametrize("festival", ["Easter", "Christmas Eve", "Diwali"])
def test_a_feast_is_a_day_not_an_entity(nlp: Language, festival: str) -> None:
    text = f'"We will not know how trading went until about {festival}," said Mr Shaw.'
    doc = make_doc(nlp, text, [(festival, "PERSON"), ("Shaw", "PERSON")])
    assert [e.name for e in extract_entities(doc)] == ["Shaw"]


def test_one_sports_word_said_many_times_does_not_make_a_sports_story(nlp: Language) -> None:
    text = ("The player is the firm's third MP3 player. Its players sell well, and the player's battery lasts. A "
            "player costs $99; rival players cost more, and a new player is due. Player sales rose. Kestrel said "
            "the player would ship in June. Kestrel is based in Oslo.")
    assert not is_sports_story(text)
    doc = make_doc(nlp, text, [("Kestrel", "PERSON"), ("Kestrel", "PERSON")])
    assert by_name(extract_entities(doc))["Kestrel"].label != "PERSON"


def test_a_role_in_apposition_without_an_article_makes_a_person(nlp: Language) -> None:
    text = "Will Davies, senior research fellow at the IPPR, told the BBC News website it would help."
    doc = make_doc(nlp, text, [("Will Davies", "WORK_OF_ART"), ("IPPR", "ORG")])
    assert by_name(extract_entities(doc))["Will Davies"].label == "PERSON"


def test_words_without_a_capital_are_no_persons_name(nlp: Language) -> None:
    text = "Users prove who they are with a fingerprint or iris scan and a token such as a smartcard."
    doc = make_doc(nlp, text, [("iris scan", "PERSON")])
    assert extract_entities(doc) == []


@pytest.mark.parametrize(("text", "span", "label"), [
    # a maker of goods is a company, whatever its name
    ("It paid $1bn for US wine maker Robert Mondavi, bought last month.", "Robert Mondavi", "ORG"),
    # "its boss and ..." lists the company's people; it does not make the company one of them
    ("The regulator filed complaints against media giant Vivendi Universal, its boss and another executive.",
     "Vivendi Universal", "ORG"),
    ("Fosters' main wine business is Beringer Blass Wine Estate.", "Beringer Blass Wine Estate", "ORG"),
    # a kind noun after the list of names that "the" opens
    ("Southcorp, the winemaker behind the Penfolds, Lindemans and Rosemount brands, was suspended.", "Lindemans",
     "PRODUCT"),
    # the head of an apposition, not its first word
    ("Consolidation is driven by Tolley Hardy, the world's biggest winemaker.", "Tolley Hardy", "ORG"),
])
def test_what_the_words_around_a_company_say_outvote_a_persons_look(nlp: Language, text: str, span: str,
                                                                   label: str) -> None:
    doc = make_doc(nlp, text, [(span, "PERSON")])
    assert by_name(extract_entities(doc))[span].label == label


def test_a_public_body_that_lists_its_portfolios_is_one_name(nlp: Language) -> None:
    text = ("The Department of Housing, Local Government and Heritage said no. The Scottish Parliament’s Net Zero, "
            "Energy and Transport Committee met. The Ministry of Trade, Industry and Energy agreed.")
    doc = make_doc(nlp, text, [("Department of Housing, Local Government", "ORG"), ("Heritage", "ORG"),
                               ("Scottish Parliament’s Net Zero", "ORG"), ("Energy and Transport Committee", "ORG"),
                               ("Ministry of Trade, Industry and Energy", "ORG")])
    names = {e.name for e in extract_entities(doc)}
    assert {"Department of Housing, Local Government and Heritage", "Scottish Parliament",
            "Net Zero, Energy and Transport Committee", "Ministry of Trade, Industry and Energy"} <= names
    assert not names & {"Heritage", "Energy and Transport Committee", "Industry and Energy", "Ministry of Trade"}


def test_a_list_of_bodies_is_not_one_portfolio_name(nlp: Language) -> None:
    text = "Tesco, Asda and Morrisons fell. The Department of Health, the Treasury and Ofwat met."
    doc = make_doc(nlp, text, [("Tesco", "ORG"), ("Asda", "ORG"), ("Morrisons", "ORG"),
                               ("Department of Health", "ORG"), ("Treasury", "ORG"), ("Ofwat", "ORG")])
    names = {e.name for e in extract_entities(doc)}
    assert {"Tesco", "Asda", "Morrisons", "Department of Health", "Treasury", "Ofwat"} <= names


def test_a_hyphenated_given_name_is_part_of_the_name(nlp: Language) -> None:
    text = "Choi Min-gyu, a union leader, spoke. Kilkenny-based firms agreed, Choi said."
    doc = make_doc(nlp, text, [("Choi Min", "PERSON"), ("Kilkenny", "PERSON"), ("Choi", "PERSON")])
    names = {e.name for e in extract_entities(doc)}
    assert "Choi Min-gyu" in names and "Kilkenny-based" not in names
