"""The evaluation's scoring rules on tiny hand-made inputs, and the integrity of the stored labels."""

from __future__ import annotations

import json

import pytest

from tools.eval.documents import (
    LABELS,
    SETS,
    checksum,
    cleaned_text,
    draw,
    label_path,
    load_sets,
    raw_text,
    scan_pool,
    section_of,
)
from tools.eval.scoring import (
    Counts,
    EntityItem,
    FigureItem,
    GoldEntity,
    QuoteItem,
    match_entities,
    match_figures,
    match_quotes,
    name_key,
    qualifier_accuracy,
    speaker_accuracy,
    speaker_errors,
    unit_accuracy,
)


def fig(start: int, end: int, value: float, kind: str = "count", unit: str | None = None,
        qualifier: str = "exact") -> FigureItem:
    return FigureItem(start=start, end=end, value=value, kind=kind, unit=unit, qualifier=qualifier)


def test_figures_match_on_value_kind_and_overlap():
    gold = [fig(0, 5, 2000, unit="troop"), fig(10, 14, 76, "percent", "%"), fig(20, 25, 3, "duration", "year")]
    predicted = [
        fig(0, 12, 2000, unit="troops"),          # overlaps, same value and kind: a match with a wrong unit
        fig(10, 14, 0.76, "percent", "%"),        # right span, wrong value
        fig(20, 25, 3, "age", "year"),            # right span and value, wrong kind
        fig(40, 45, 3, "duration", "year"),       # right value and kind, no overlap
    ]
    matching = match_figures(gold, predicted)
    assert [(g.value, p.value) for g, p in matching.pairs] == [(2000, 2000)]
    assert matching.counts() == Counts(tp=1, gold=3, predicted=4)
    assert unit_accuracy(matching).value == 0.0
    assert qualifier_accuracy(matching).value == 1.0


def test_figure_values_compare_with_float_tolerance():
    matching = match_figures([fig(0, 4, 7.96, "duration")], [fig(0, 4, 7.960000001, "duration")])
    assert len(matching.pairs) == 1


def test_a_second_prediction_of_one_figure_is_spurious():
    matching = match_figures([fig(0, 5, 10)], [fig(0, 5, 10), fig(2, 5, 10)])
    assert matching.counts() == Counts(tp=1, gold=1, predicted=2)
    assert matching.pairs[0][1] == fig(0, 5, 10)  # the larger overlap wins


def test_precision_recall_f1():
    counts = Counts(tp=3, gold=4, predicted=6)
    assert counts.precision == pytest.approx(0.5)
    assert counts.recall == pytest.approx(0.75)
    assert counts.f1 == pytest.approx(0.6)
    assert Counts().f1 == 1.0  # nothing to find and nothing found
    assert Counts(tp=0, gold=2, predicted=0).f1 == 0.0
    assert Counts(tp=0, gold=0, predicted=2).precision == 0.0


def test_quotes_need_half_of_the_shorter_span():
    gold = [QuoteItem(0, 100, "John Kirby"), QuoteItem(200, 240, None)]
    predicted = [QuoteItem(40, 120, "Kirby"), QuoteItem(225, 300, None)]
    matching = match_quotes(gold, predicted)
    # 60 of the 80 predicted characters overlap: a match. 15 of the 40 gold characters: not one.
    assert [g.start for g, _ in matching.pairs] == [0]
    assert [g.start for g in matching.missed] == [200]
    assert [p.start for p in matching.spurious] == [225]


def test_speaker_accuracy_accepts_aliases_and_both_none():
    gold = [QuoteItem(0, 10, "Dave Collins"), QuoteItem(20, 30, None), QuoteItem(40, 50, "Dave Collins"),
            QuoteItem(60, 70, None)]
    predicted = [QuoteItem(0, 10, "David Collins"), QuoteItem(20, 30, None), QuoteItem(40, 50, "Collins"),
                 QuoteItem(60, 70, "Apple")]
    entities = [GoldEntity("Dave Collins", "PERSON", ("David Collins",))]
    accuracy = speaker_accuracy(match_quotes(gold, predicted), entities)
    assert (accuracy.correct, accuracy.total) == (2, 4)


def test_speaker_errors_are_counted_by_kind():
    gold = [QuoteItem(0, 10, "Dave Collins"), QuoteItem(20, 30, None), QuoteItem(40, 50, "Dave Collins"),
            QuoteItem(60, 70, None), QuoteItem(80, 90, "Apple")]
    predicted = [QuoteItem(0, 10, "David Collins"), QuoteItem(20, 30, None), QuoteItem(40, 50, "Collins"),
                 QuoteItem(60, 70, "Apple"), QuoteItem(80, 90, None)]
    entities = [GoldEntity("Dave Collins", "PERSON", ("David Collins",))]
    errors = speaker_errors(match_quotes(gold, predicted), entities)
    assert [(e.correct, e.total) for e in (errors.missing, errors.other, errors.invented)] == [(1, 5), (1, 5), (1, 5)]


def test_entities_match_name_or_alias_with_the_same_label():
    gold = [GoldEntity("Middlesbrough", "ORG", ("Boro",)), GoldEntity("James Morrison", "PERSON"),
            GoldEntity("The Aviator", "WORK_OF_ART")]
    predicted = [EntityItem("Boro", "ORG"), EntityItem("Middlesbrough", "ORG"),  # one thing twice: one spurious
                 EntityItem("James Morrison", "ORG"),                             # wrong label
                 EntityItem("Aviator", "WORK_OF_ART"), EntityItem("aviator", "WORK_OF_ART")]  # same key once
    matching = match_entities(gold, predicted)
    assert sorted(g.name for g, _ in matching.pairs) == ["Middlesbrough", "The Aviator"]
    assert [g.name for g in matching.missed] == ["James Morrison"]
    assert matching.counts() == Counts(tp=2, gold=3, predicted=4)


@pytest.mark.parametrize(("written", "key"), [
    ("The Aviator", "aviator"), ("Denise Lewis'", "denise lewis"), ("Nato’s", "nato"), ("John E. Kelly", "john e kelly"),
    ("  Mark   McCall ", "mark mccall"),
])
def test_name_key(written: str, key: str):
    assert name_key(written) == key


def test_the_sets_are_the_seeded_draw_with_its_recorded_moves():
    stored = load_sets()
    assert draw(stored.moved) == stored
    assert not set(stored.development) & set(stored.heldout)
    business_and_politics = [d for d in stored.heldout if section_of(d) in ("business", "politics")]
    bbc = [d for d in stored.heldout if section_of(d) != "house"]
    assert len(bbc) >= 40 and 2 * len(business_and_politics) >= len(bbc)


def test_articles_scanned_without_labels_are_never_held_out_even_after_many_moves():
    pool = scan_pool("business")
    assert len(pool) == 20
    every_other_business_article_moved = [{"document": d, "why": "test"} for d in load_sets().heldout
                                          if section_of(d) == "business"]
    for _ in range(4):  # move each round's held-out business articles until the draw runs out of others
        sets = draw(every_other_business_article_moved)
        every_other_business_article_moved += [{"document": d, "why": "test"} for d in sets.heldout
                                               if section_of(d) == "business"]
        assert not set(pool) & set(sets.heldout)


def test_every_label_file_is_in_its_set_and_its_spans_read_their_text():
    stored = load_sets()
    members = {"development": set(stored.development), "heldout": set(stored.heldout)}
    for set_name in SETS:
        for path in sorted((LABELS / set_name).glob("*.json")):
            label = json.loads(path.read_text(encoding="utf-8"))
            document = label["document"]
            assert document in members[set_name], f"{path} labels {document}, which is not in the {set_name} set"
            assert path == label_path(document, set_name)
            text = cleaned_text(raw_text(document))
            assert label["sha256"] == checksum(text), f"{path.name}: cleaned text changed since labelling"
            for item in label.get("figures", []) + label["quotes"]:
                assert text[item["start"]:item["end"]] == item["text"], f"{path.name}: {item}"
            assert {item["kind"] for item in label.get("figures", [])} <= {
                "money", "percent", "count", "quantity", "duration", "age"}
            assert {item["qualifier"] for item in label.get("figures", [])} <= {
                "exact", "approximate", "at_least", "at_most"}
