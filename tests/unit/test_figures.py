"""Figures extracted from sentences modelled on the BBC corpus, and from the shared sample article."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from newsstream.enrichment.figures import extract_figures
from newsstream.enrichment.records import Figure

SAMPLE_ARTICLE = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "time-plus-news-us-troops.txt"

Row = tuple[str, float | int, str, str | None, str]


def rows(nlp, text: str) -> list[Row]:
    """(text, value, kind, unit, qualifier) for every figure in `text`."""
    return [(f.text, f.value, f.kind, f.unit, f.qualifier) for f in extract_figures(nlp(text))]


def texts(nlp, text: str) -> list[str]:
    return [f.text for f in extract_figures(nlp(text))]


# --- money ---------------------------------------------------------------------------------------


def test_dollars_with_a_glued_scale(nlp):
    assert rows(nlp, "The deal was worth $1.13bn to the firm.") == [
        ("$1.13bn", 1130000000, "money", "USD", "exact")
    ]


def test_pounds_with_a_separate_million_suffix(nlp):
    assert rows(nlp, "City recently announced debts of £62m last year.") == [
        ("£62m", 62000000, "money", "GBP", "exact")
    ]


def test_pence_are_scaled_into_pounds(nlp):
    assert rows(nlp, "Each song costs 79p, and a ring tone 20 pence.") == [
        ("79p", 0.79, "money", "GBP", "exact"),
        ("20 pence", 0.2, "money", "GBP", "exact"),
    ]


def test_cents_are_scaled_into_dollars(nlp):
    assert rows(nlp, "Tracks sell for 99 cents each.") == [("99 cents", 0.99, "money", "USD", "exact")]


def test_currency_words_after_the_number(nlp):
    assert rows(nlp, "Sales of 2.6bn euros, fines of 1,000 yen and 3m Swiss francs.") == [
        ("2.6bn euros", 2600000000, "money", "EUR", "exact"),
        ("1,000 yen", 1000, "money", "JPY", "exact"),
        ("3m Swiss francs", 3000000, "money", "CHF", "exact"),
    ]


def test_dollar_variants_by_prefix(nlp):
    assert rows(nlp, "They paid A$5m, C$3bn, US$20 and HK$1,000.") == [
        ("A$5m", 5000000, "money", "AUD", "exact"),
        ("C$3bn", 3000000000, "money", "CAD", "exact"),
        ("US$20", 20, "money", "USD", "exact"),
        ("HK$1,000", 1000, "money", "HKD", "exact"),
    ]


def test_euro_sign_and_iso_codes(nlp):
    assert rows(nlp, "It raised €20m, then EUR 5m and finally 7m USD.") == [
        ("€20m", 20000000, "money", "EUR", "exact"),
        ("EUR 5m", 5000000, "money", "EUR", "exact"),
        ("7m USD", 7000000, "money", "USD", "exact"),
    ]


def test_scale_written_as_a_word(nlp):
    assert rows(nlp, "The film took $5.5 million, against £3.2 billion for the studio.") == [
        ("$5.5 million", 5500000, "money", "USD", "exact"),
        ("£3.2 billion", 3200000000, "money", "GBP", "exact"),
    ]


def test_a_conversion_in_brackets_is_a_second_figure(nlp):
    assert rows(nlp, "The movie, which took $31.8m (£16.8m), held on to the top spot.") == [
        ("$31.8m", 31800000, "money", "USD", "exact"),
        ("£16.8m", 16800000, "money", "GBP", "exact"),
    ]


def test_thousands_suffix(nlp):
    assert rows(nlp, "The job pays £30k a year.") == [("£30k", 30000, "money", "GBP", "exact")]


# --- percentages ---------------------------------------------------------------------------------


def test_percent_sign(nlp):
    assert rows(nlp, "Apple has a 76% share of the legal download market.") == [
        ("76%", 76, "percent", "%", "exact")
    ]


def test_per_cent_and_percent_in_words(nlp):
    assert rows(nlp, "Growth was 2.5 per cent, after 12 percent a year earlier.") == [
        ("2.5 per cent", 2.5, "percent", "%", "exact"),
        ("12 percent", 12, "percent", "%", "exact"),
    ]


def test_percentage_points(nlp):
    assert rows(nlp, "Its share rose 2.5 percentage points to 12%.") == [
        ("2.5 percentage points", 2.5, "percent", "percentage point", "exact"),
        ("12%", 12, "percent", "%", "exact"),
    ]


# --- counts and the counted noun ------------------------------------------------------------------


def test_counted_noun_is_singular_and_lower_case(nlp):
    assert rows(nlp, "The US sent 2,000 troops and 14m customers signed up.") == [
        ("2,000", 2000, "count", "troop", "exact"),
        ("14m", 14000000, "count", "customer", "exact"),
    ]


def test_counted_noun_skips_proper_nouns_and_compounds(nlp):
    assert rows(nlp, "The airline ordered six Airbus A321 aircraft.") == [
        ("six", 6, "count", "aircraft", "exact")
    ]


def test_counted_noun_after_a_hyphenated_modifier(nlp):
    assert rows(nlp, "Inspections of two ground-launched missile bases were offered.") == [
        ("two", 2, "count", "base", "exact")
    ]


def test_counted_noun_stops_at_the_end_of_the_noun_phrase(nlp):
    assert rows(nlp, "He scored 30 goals last season.") == [("30", 30, "count", "goal", "exact")]


def test_hyphenated_count_uses_the_word_after_the_hyphen(nlp):
    assert rows(nlp, "It ended Celtic's 11-game unbeaten run.") == [("11", 11, "count", "game", "exact")]


def test_number_words_compose(nlp):
    assert rows(nlp, "Some twenty-five thousand people and two hundred and fifty fans.") == [
        ("twenty-five thousand", 25000, "count", "person", "approximate"),
        ("two hundred and fifty", 250, "count", "fan", "exact"),
    ]


def test_a_dozen(nlp):
    assert rows(nlp, "Police seized a dozen cars.") == [("a dozen", 12, "count", "car", "exact")]


def test_hundreds_and_thousands_of_are_lower_bounds(nlp):
    assert rows(nlp, "Hundreds of fans and thousands of people came.") == [
        ("Hundreds", 100, "count", "fan", "at_least"),
        ("thousands", 1000, "count", "person", "at_least"),
    ]


def test_tens_of_thousands_of(nlp):
    assert rows(nlp, "Tens of thousands of gamers play online.") == [
        ("Tens of thousands", 10000, "count", "gamer", "at_least")
    ]


def test_million_scale_on_a_count(nlp):
    assert rows(nlp, "The book has sold more than 17 million copies.") == [
        ("17 million", 17000000, "count", "copy", "at_least")
    ]


def test_proper_plural_is_counted(nlp):
    assert rows(nlp, "He won five Grammys this year.") == [("five", 5, "count", "grammy", "exact")]


def test_counted_noun_carries_over_to_a_later_bare_mention(nlp):
    text = "Biden put 8,500 troops on standby. In addition to the 8,500 on standby, more may go."
    assert rows(nlp, text) == [
        ("8,500", 8500, "count", "troop", "exact"),
        ("8,500", 8500, "count", "troop", "exact"),
    ]


def test_small_numbers_do_not_carry_a_noun_by_chance(nlp):
    assert rows(nlp, "Henman came from two sets down. In 2 Andy Roddick lost.") == [
        ("two", 2, "count", "set", "exact")
    ]


def test_race_names_are_not_figures_but_millions_before_people_are(nlp):
    # The 100m hurdles and the 5,000m name races (the labelling convention), they measure nothing.
    assert rows(nlp, "She won the 100m hurdles, watched by 60m people, then the 5,000m.") == [
        ("60m", 60000000, "count", "person", "exact"),
    ]


def test_m_after_a_sprint_distance_is_metres(nlp):
    assert rows(nlp, "He faded over the final 200m of the 400 metres race.") == [
        ("200m", 200, "quantity", "m", "exact"),
    ]


# --- qualifiers ----------------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["about", "around", "some", "nearly", "roughly", "approximately", "almost"])
def test_approximate_qualifiers(nlp, word):
    assert rows(nlp, f"They sold {word} 5,000 tickets.") == [("5,000", 5000, "count", "ticket", "approximate")]


@pytest.mark.parametrize("phrase", ["more than", "over", "above", "at least"])
def test_lower_bound_qualifiers(nlp, phrase):
    assert rows(nlp, f"The firm made {phrase} £2m last year.") == [("£2m", 2000000, "money", "GBP", "at_least")]


@pytest.mark.parametrize("phrase", ["up to", "less than", "as much as", "under", "at most"])
def test_upper_bound_qualifiers(nlp, phrase):
    assert rows(nlp, f"Players face bans of {phrase} 10 weeks.") == [("10 weeks", 10, "duration", "week", "at_most")]


def test_qualifiers_after_the_number(nlp):
    assert rows(nlp, "He has 20-odd years in the game, and 200 or more caps, playing 15+ hours.") == [
        ("20-odd years", 20, "duration", "year", "approximate"),
        ("200 or more", 200, "count", "cap", "at_least"),
        ("15+ hours", 15, "duration", "hour", "at_least"),
    ]


# --- ranges --------------------------------------------------------------------------------------


def test_between_range_shares_the_scale_and_noun(nlp):
    assert rows(nlp, "It reached between 200 and 250 million people.") == [
        ("200", 200000000, "count", "person", "at_least"),
        ("250 million", 250000000, "count", "person", "at_most"),
    ]


def test_percent_range_with_to(nlp):
    assert rows(nlp, "Growth of 5% to 7% is expected.") == [
        ("5%", 5, "percent", "%", "at_least"),
        ("7%", 7, "percent", "%", "at_most"),
    ]


def test_hyphenated_money_range_shares_currency_and_scale(nlp):
    assert rows(nlp, "The bill could reach $10-20bn.") == [
        ("$10", 10000000000, "money", "USD", "at_least"),
        ("20bn", 20000000000, "money", "USD", "at_most"),
    ]


def test_hyphenated_range_of_a_plural_noun_is_not_a_score(nlp):
    assert rows(nlp, "Gamers spend 10-15 hours a week and meet 3-4 friends.") == [
        ("10", 10, "duration", "hour", "at_least"),
        ("15 hours", 15, "duration", "hour", "at_most"),
        ("3", 3, "count", "friend", "at_least"),
        ("4", 4, "count", "friend", "at_most"),
    ]


def test_from_to_is_a_change_not_a_range(nlp):
    assert rows(nlp, "Its share fell from 11.2% to 9.6% last month.") == [
        ("11.2%", 11.2, "percent", "%", "exact"),
        ("9.6%", 9.6, "percent", "%", "exact"),
    ]


def test_a_spaced_dash_is_not_a_range(nlp):
    assert rows(nlp, "She clocked 22 minutes 45 seconds - 22secs behind the winner.") == [
        ("22 minutes", 22, "duration", "minute", "exact"),
        ("45 seconds", 45, "duration", "second", "exact"),
        ("22secs", 22, "duration", "second", "exact"),
    ]


def test_numbers_with_different_units_do_not_make_a_range(nlp):
    assert rows(nlp, "Sales rose 5% to £7m.") == [
        ("5%", 5, "percent", "%", "exact"),
        ("£7m", 7000000, "money", "GBP", "exact"),
    ]


# --- durations, ages and quantities --------------------------------------------------------------


def test_durations(nlp):
    assert rows(nlp, "He served three years and played 90 minutes after a 12-month ban.") == [
        ("three years", 3, "duration", "year", "exact"),
        ("90 minutes", 90, "duration", "minute", "exact"),
        ("12-month", 12, "duration", "month", "exact"),
    ]


def test_ages_are_never_counts(nlp):
    text = "The 23-year-old, aged 31 by then, met Slater, 35, and a boy of 15 years old."
    assert rows(nlp, text) == [
        ("23-year-old", 23, "age", "year", "exact"),
        ("31", 31, "age", "year", "exact"),
        ("35", 35, "age", "year", "exact"),
        ("15 years old", 15, "age", "year", "exact"),
    ]


def test_physical_quantities(nlp):
    assert rows(nlp, "He ran 10.5km at 30mph, weighed 91kg and drove 12.5 miles.") == [
        ("10.5km", 10.5, "quantity", "km", "exact"),
        ("30mph", 30, "quantity", "mph", "exact"),
        ("91kg", 91, "quantity", "kg", "exact"),
        ("12.5 miles", 12.5, "quantity", "mile", "exact"),
    ]


def test_metres_in_brackets_after_a_length(nlp):
    assert rows(nlp, "The intruder jumped 30ft (10m) from a window.") == [
        ("30ft", 30, "quantity", "ft", "exact"),
        ("10m", 10, "quantity", "m", "exact"),
    ]


def test_age_with_a_trailing_bound(nlp):
    assert rows(nlp, "Women aged 50 or above rarely text.") == [("50 or above", 50, "age", "year", "at_least")]


def test_storage_and_screen_sizes(nlp):
    assert rows(nlp, "The player holds 6GB and has a 42-inch screen.") == [
        ("6GB", 6, "quantity", "GB", "exact"),
        ("42-inch", 42, "quantity", "inch", "exact"),
    ]


# --- numbers that are not figures ----------------------------------------------------------------


def test_years_are_not_figures(nlp):
    assert texts(nlp, "In 2005 the Whitbread Prize, won in 1987, returned after 2014.") == []


def test_year_spans_and_seasons_are_not_figures(nlp):
    assert texts(nlp, "The 2004-05 season and his poems of 1965-2003.") == []


def test_dates_and_times_are_not_figures(nlp):
    assert texts(nlp, "He left on December 5 and returned on 26 February at 10:30 or 10.30pm.") == []


def test_ordinals_and_ranks_are_not_figures(nlp):
    assert texts(nlp, "He came first, then 3rd and 21st, and is world No 1 and the No. 1 seed.") == []


def test_numbers_in_names_are_not_figures(nlp):
    text = (
        "Shares in the FTSE 100 fell as G7 ministers met. Nato's Article 5 applies. He listened to "
        "Radio 4 on Windows XP, played PlayStation 2 and watched Formula 1 on Channel 4."
    )
    assert texts(nlp, text) == []


def test_game_sequels_are_not_figures(nlp):
    assert texts(nlp, "Copies of Half-Life 2 and Doom 3 had been circulating.") == []


def test_sport_scores_are_not_counts(nlp):
    assert texts(nlp, "Chelsea won 3-1, drew 2-0 with Everton, and Wales had a 24-17 victory.") == []


def test_tennis_set_scores_are_not_counts(nlp):
    assert texts(nlp, "Federer beat Safin 6-4 6-3 7-6 (7-5) in the final.") == []


def test_betting_odds_are_not_figures(nlp):
    assert texts(nlp, "He is 5-2 favourite, with odds of 25/1 on the outsider.") == []


def test_phone_numbers_are_not_figures(nlp):
    assert texts(nlp, "Call 0800 123 4567 or 020 7946 0958 for details.") == []


def test_identifiers_are_not_figures(nlp):
    assert texts(nlp, "Sales of 3G phones, MP3 players and 4x4 cars.") == []


def test_decades_are_not_figures(nlp):
    assert texts(nlp, "A hit of the 1980s, written in his 20s.") == []


def test_one_as_a_pronoun_is_not_a_figure(nlp):
    assert texts(nlp, "He is one of the best, the one everyone wants, a one-off.") == []


def test_one_with_a_counted_noun_is_a_figure(nlp):
    assert rows(nlp, "He lost his sight in one eye.") == [("one", 1, "count", "eye", "exact")]


def test_ratios_are_not_figures(nlp):
    assert texts(nlp, "Super 3G is intended to be 10 times faster.") == []


# --- structure -----------------------------------------------------------------------------------


def test_offsets_match_the_text_and_figures_are_sorted(nlp):
    doc = nlp("Profits rose 12% to £5.5m. The 23-year-old signed for about $2m.")
    figures = extract_figures(doc)
    assert [f.start for f in figures] == sorted(f.start for f in figures)
    assert all(doc.text[f.start:f.end] == f.text for f in figures)
    assert [f.text for f in figures] == ["12%", "£5.5m", "23-year-old", "$2m"]


def test_sentence_is_the_text_of_the_figures_sentence(nlp):
    figures = extract_figures(nlp("The club was sold. It fetched £62m in cash. Fans were angry."))
    assert [f.sentence for f in figures] == ["It fetched £62m in cash."]


def test_empty_doc_has_no_figures(nlp):
    assert extract_figures(nlp("")) == []


def test_doc_without_tags_or_sentences_does_not_raise(nlp):
    doc = nlp.make_doc("They paid $5m for 2,000 shares in 2004.")
    figures = extract_figures(doc)
    assert [(f.text, f.value, f.kind) for f in figures] == [("$5m", 5000000, "money"), ("2,000", 2000, "count")]
    assert figures[0].sentence == doc.text


def test_hostile_input_with_many_numbers_is_linear(nlp):
    doc = nlp.make_doc("£5m, " * 50_000)
    started = time.perf_counter()
    figures = extract_figures(doc)
    elapsed = time.perf_counter() - started
    assert len(figures) == 50_000
    assert elapsed < 10  # about 1 s on a laptop; quadratic work would take hours


def test_long_digit_strings_are_ignored(nlp):
    assert texts(nlp, "The key was " + "9" * 5000 + " and nothing else.") == []


# --- the shared sample article -------------------------------------------------------------------


def test_sample_article_figures(nlp):
    text = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    figures: list[Figure] = extract_figures(nlp(text))
    assert [(f.text, f.value, f.kind, f.unit, f.qualifier) for f in figures] == [
        ("2,000", 2000, "count", "troop", "exact"),  # headline
        ("2,000", 2000, "count", "troop", "exact"),  # an additional 2,000 troops
        ("2,000", 2000, "count", "troop", "approximate"),  # about 2,000 troops from Fort Bragg
        ("1,000", 1000, "count", "troop", "approximate"),  # roughly 1,000 troops
        ("8,500", 8500, "count", "troop", "exact"),  # 8,500 troops on standby
        ("8,500", 8500, "count", "troop", "exact"),  # the 8,500 on standby
        ("two", 2, "count", "base", "exact"),  # two ground-launched missile bases
        ("100,000", 100000, "count", "troop", "at_least"),  # more than 100,000 troops
    ]
    assert all(text[f.start:f.end] == f.text for f in figures)
    assert figures[0].sentence == "US sends extra 2,000 troops to Europe to bolster Nato defences"
    assert "Fort Bragg" in figures[2].sentence
    for not_a_figure in ("Article 5", "2014", "first"):
        start = text.index(not_a_figure)
        assert not any(f.start <= start < f.end for f in figures)
