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


def test_idioms_with_one_are_not_figures(nlp):
    text = "Ministers debated it one way or another, in one place; one such plan went from one department to another."
    assert texts(nlp, text) == []


def test_one_moment_is_an_idiom(nlp):
    assert texts(nlp, "The sky threatened rain one moment and cleared the next.") == []


def test_fractions_in_words_are_not_figures(nlp):
    assert texts(nlp, "Almost one third of voters and two-thirds of members agreed.") == []


def test_multipliers_by_factor_and_by_times_are_not_figures(nlp):
    assert texts(nlp, "Performance rose by a factor of 100 and zoom magnifies by up to 8 times.") == []


def test_pitch_markings_and_chart_positions_are_not_figures(nlp):
    text = "They were pinned on their own 22 for long spells. The single climbed from 17 to number three."
    assert texts(nlp, text) == []


def test_chart_positions_listed_after_numbers_are_not_figures(nlp):
    assert texts(nlp, "His singles reached numbers 12 and 3 in the chart.") == []


def test_a_number_starting_a_company_name_is_not_a_count(nlp):
    assert texts(nlp, "He signed with the 3 Feet Records label last year.") == []


def test_vague_amounts_outside_the_spec_are_not_figures(nlp):
    assert texts(nlp, "Several hundred or thousand fans came, and a few hundred left.") == []


def test_relative_dates_are_not_durations(nlp):
    text = "He moved to Spain three years ago and returned two months later, to stay in ten years' time."
    assert texts(nlp, text) == []


def test_a_delay_with_later_than_is_a_duration(nlp):
    assert rows(nlp, "The launch came two weeks later than planned.") == [("two weeks", 2, "duration", "week", "exact")]


def test_hyperbole_is_not_a_duration(nlp):
    assert texts(nlp, "Never in a million years would he have guessed it.") == []


def test_race_names_are_not_figures(nlp):
    assert rows(nlp, "She won the 400m hurdles and later the 1500m, running the last 300m in 40 seconds.") == [
        ("300m", 300, "quantity", "m", "exact"),
        ("40 seconds", 40, "duration", "second", "exact"),
    ]


def test_a_number_beginning_a_name_with_a_possessive_is_not_a_count(nlp):
    assert texts(nlp, "He called some of 50 Cent's rivals friends.") == []


def test_nine_times_out_of_ten_is_an_idiom(nlp):
    assert rows(nlp, "Nine times out of 10 he scores, and he won it 18 times out of the last 20 years.") == [
        ("18", 18, "count", "time", "exact"),
        ("20 years", 20, "duration", "year", "exact"),
    ]


def test_in_one_place_is_an_idiom_but_moving_one_place_is_a_count(nlp):
    assert rows(nlp, "The album moved up one place, and fans find it all in one place.") == [
        ("one", 1, "count", "place", "exact")
    ]


def test_zero_in_words_is_not_a_count(nlp):
    assert rows(nlp, "They copied discs at zero cost, with zero tolerance, at 0% interest.") == [
        ("0%", 0, "percent", "%", "exact")
    ]


def test_ratios_are_not_figures(nlp):
    assert texts(nlp, "Super 3G is intended to be 10 times faster.") == []


# --- ages without "-year-old" ------------------------------------------------------------------


def test_age_in_words_at_the_start_of_a_sentence(nlp):
    assert rows(nlp, "Twelve-year-old Maria Lopez won the junior event.") == [
        ("Twelve-year-old", 12, "age", "year", "exact")
    ]


def test_age_after_a_person_and_be(nlp):
    assert rows(nlp, "She turned professional when she was only 16, and he retired when he was 38.") == [
        ("16", 16, "age", "year", "exact"),
        ("38", 38, "age", "year", "exact"),
    ]


def test_a_bare_number_after_it_was_is_no_age(nlp):
    assert rows(nlp, "It was 14, then 15.") == [("14", 14, "count", None, "exact"), ("15", 15, "count", None, "exact")]


def test_aged_years_and_days_are_ages(nlp):
    assert rows(nlp, "Aged 17 years and 200 days, the striker became the club's youngest scorer.") == [
        ("17 years", 17, "age", "year", "exact"),
        ("200 days", 200, "age", "day", "exact"),
    ]


def test_an_age_difference_is_an_age(nlp):
    assert rows(nlp, "Smith, four years younger than his brother, also played.") == [
        ("four years younger", 4, "age", "year", "exact")
    ]


# --- units of size, data rates, resolution and area ---------------------------------------------


def test_m_before_a_dimension_is_metres(nlp):
    assert rows(nlp, "The banner was 3m wide and 12m long, the tower is 45m tall, and it cost £2m long-term.") == [
        ("3m", 3, "quantity", "m", "exact"),
        ("12m", 12, "quantity", "m", "exact"),
        ("45m", 45, "quantity", "m", "exact"),
        ("£2m", 2000000, "money", "GBP", "exact"),
    ]


def test_data_rates(nlp):
    text = "The line runs at one gigabit per second, a ten gigabit network will follow, homes get 512 kilobits a second."
    assert rows(nlp, text) == [
        ("one gigabit per second", 1, "quantity", "Gbps", "exact"),
        ("ten gigabit", 10, "quantity", "Gbps", "exact"),
        ("512 kilobits a second", 512, "quantity", "kbps", "exact"),
    ]


def test_a_range_of_data_rates_shares_the_rate_unit(nlp):
    assert rows(nlp, "Users see 0.4-0.8 megabits a second.") == [
        ("0.4", 0.4, "quantity", "Mbps", "at_least"),
        ("0.8 megabits a second", 0.8, "quantity", "Mbps", "at_most"),
    ]


def test_resolution_units(nlp):
    assert rows(nlp, "Scanners work at 600 dots per inch, and the 1.2 gigapixel image shows the valley.") == [
        ("600 dots per inch", 600, "quantity", "dpi", "exact"),
        ("1.2 gigapixel", 1.2, "quantity", "gigapixel", "exact"),
    ]


def test_areas(nlp):
    assert rows(nlp, "The warehouse covers 250,000 square feet, or about 23,000 square metres.") == [
        ("250,000 square feet", 250000, "quantity", "sq ft", "exact"),
        ("23,000 square metres", 23000, "quantity", "sq m", "approximate"),
    ]


def test_in_the_region_of_is_approximate(nlp):
    assert rows(nlp, "Speeds are in the region of 20 megabits per second.") == [
        ("20 megabits per second", 20, "quantity", "Mbps", "approximate")
    ]


# --- counted nouns in harder phrases ------------------------------------------------------------


def test_count_at_the_start_of_a_paragraph_after_a_headline(nlp):
    assert rows(nlp, "Record shops close\n\nForty small record shops have closed this year.") == [
        ("Forty", 40, "count", "shop", "exact")
    ]


def test_counted_noun_after_a_possessive(nlp):
    text = (
        "He scored in all four of Ireland's away games, seven of the club's last 10 matches "
        "and six re-issued Beatles' albums."
    )
    assert rows(nlp, text) == [
        ("four", 4, "count", "game", "exact"),
        ("seven", 7, "count", "match", "exact"),
        ("10", 10, "count", "match", "exact"),
        ("six", 6, "count", "album", "exact"),
    ]


def test_counted_noun_over_adverbs_and_coordinated_adjectives(nlp):
    text = "Eleven newly signed players trained, and she released only one traditional or modern album."
    assert rows(nlp, text) == [
        ("Eleven", 11, "count", "player", "exact"),
        ("one", 1, "count", "album", "exact"),
    ]


def test_an_adjective_used_as_a_noun(nlp):
    assert rows(nlp, "The band has put out just one single, and is touring.") == [("one", 1, "count", "single", "exact")]


def test_people_is_counted_as_person_and_latin_plurals_are_singular(nlp):
    assert rows(nlp, "The firm laid off 300 people and fitted six antennae.") == [
        ("300", 300, "count", "person", "exact"),
        ("six", 6, "count", "antenna", "exact"),
    ]


def test_a_letter_compound_keeps_its_prefix(nlp):
    assert rows(nlp, "The filter caught 412 e-mails.") == [("412", 412, "count", "e-mail", "exact")]


def test_frequencies_are_counts_of_times(nlp):
    text = "He had visited Paris three times and expects to go four or five times a year."
    assert rows(nlp, text) == [
        ("three", 3, "count", "time", "exact"),
        ("four", 4, "count", "time", "at_least"),
        ("five", 5, "count", "time", "at_most"),
    ]


def test_coordinated_numbers_share_the_second_ones_unit(nlp):
    text = "Two transmitting and three receiving dishes were installed, storing five and ten terabytes of data."
    assert rows(nlp, text) == [
        ("Two", 2, "count", "dish", "exact"),
        ("three", 3, "count", "dish", "exact"),
        ("five", 5, "quantity", "TB", "exact"),
        ("ten terabytes", 10, "quantity", "TB", "exact"),
    ]


def test_a_scaled_number_does_not_borrow_a_percent_sign(nlp):
    assert rows(nlp, "The show peaked at 8.2m and 41.5% of the audience.") == [
        ("8.2m", 8200000, "count", None, "exact"),
        ("41.5%", 41.5, "percent", "%", "exact"),
    ]


def test_a_bare_number_counts_what_its_sentence_numbers(nlp):
    text = (
        "The number of registered voters rose to 2.3 million, "
        "and the station's audience fell by 200,000 to 1.8 million."
    )
    assert rows(nlp, text) == [
        ("2.3 million", 2300000, "count", "voter", "exact"),
        ("200,000", 200000, "count", "viewer", "exact"),
        ("1.8 million", 1800000, "count", "viewer", "exact"),
    ]


def test_passing_a_mark_is_a_lower_bound(nlp):
    assert rows(nlp, "Sales passed the 500,000 mark in March, and the number of stores hit the 900 mark.") == [
        ("500,000", 500000, "count", None, "at_least"),
        ("900", 900, "count", "store", "exact"),
    ]


def test_vague_plurals_of_money_are_money(nlp):
    assert rows(nlp, "Collectors paid thousands of pounds for prints and millions of dollars for paintings.") == [
        ("thousands of pounds", 1000, "money", "GBP", "at_least"),
        ("millions of dollars", 1000000, "money", "USD", "at_least"),
    ]


# --- "over" ---------------------------------------------------------------------------------------


def test_over_as_a_span_or_a_place_is_no_bound(nlp):
    text = (
        "The festival was spread over four days, the signal travels over one cable, "
        "and he waited for over two hours."
    )
    assert rows(nlp, text) == [
        ("four days", 4, "duration", "day", "exact"),
        ("one", 1, "count", "cable", "exact"),
        ("two hours", 2, "duration", "hour", "at_least"),
    ]


def test_over_after_a_phrasal_verb_is_no_bound(nlp):
    assert rows(nlp, "The singer handed over $50,000, and fans paid over $2m.") == [
        ("$50,000", 50000, "money", "USD", "exact"),
        ("$2m", 2000000, "money", "USD", "at_least"),
    ]


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


def test_hostile_chains_of_coordinated_numbers_are_linear(nlp):
    doc = nlp.make_doc("3 and 4 and 5 and " * 20_000)
    started = time.perf_counter()
    figures = extract_figures(doc)
    elapsed = time.perf_counter() - started
    assert len(figures) == 60_000
    assert elapsed < 20  # about 2 s; each number looks at most one number ahead
