"""Dates resolved against the publication time: the shared sample article, sentences from the BBC corpus,
the calendar rules on their own, and properties over corpus articles."""

from __future__ import annotations

import re
import time
from datetime import date

import pytest

from newsstream.enrichment.dates import extract_dates, publication_day, resolve
from tests.conftest import SAMPLE_ARTICLE

# A Wednesday, the BBC corpus's season (its stories are from 2004-2005).
BBC_PUBLISHED = "2005-03-02T09:00:00Z"
GRANULARITIES = {"year", "month", "week", "day", "time"}
VALUE_SHAPES = {
    "year": r"\d{4}", "month": r"\d{4}-\d{2}", "week": r"\d{4}-\d{2}-\d{2}", "day": r"\d{4}-\d{2}-\d{2}",
    "time": r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})?",
}

Row = tuple[str, str | None, str]


def rows(nlp, text: str, published_at: str | None = BBC_PUBLISHED) -> list[Row]:
    """(text, value, granularity) of every date in `text`, checking the offsets on the way."""
    found = extract_dates(nlp(text), published_at)
    for mention in found:
        assert text[mention.start:mention.end] == mention.text
    return [(m.text, m.value, m.granularity) for m in found]


# --- the shared sample article (published on a Wednesday) -----------------------------------------


def test_sample_article_dates_are_resolved_against_its_publication(nlp):
    text = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    assert rows(nlp, text, "2022-02-02T18:00:00Z") == [
        ("Wednesday", "2022-02-02", "day"),  # the day of publication, not a week earlier
        ("Wednesday", "2022-02-02", "day"),
        ("last week", "2022-01-24", "week"),
        ("December", "2021-12", "month"),
        ("last month", "2022-01", "month"),
        ("2014", "2014", "year"),
    ]  # "in recent weeks" is vague: dropped


def test_without_published_at_only_absolute_dates_get_a_value(nlp):
    text = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    assert rows(nlp, text, None) == [
        ("Wednesday", None, "day"),
        ("Wednesday", None, "day"),
        ("last week", None, "week"),
        ("December", None, "month"),
        ("last month", None, "month"),
        ("2014", "2014", "year"),
    ]


@pytest.mark.parametrize("published_at", ["last Tuesday", "2022-02-02", "2022-02-30T10:00:00Z", "", "02/02/2022 18:00"])
def test_a_published_at_that_is_not_rfc_3339_counts_as_absent(nlp, published_at):
    assert rows(nlp, "Kirby spoke on Wednesday about the events of 2014.", published_at) == [
        ("Wednesday", None, "day"), ("2014", "2014", "year"),
    ]


def test_the_publication_day_is_the_local_day_of_the_timestamp():
    assert publication_day("2022-02-02T23:30:00-05:00") == date(2022, 2, 2)  # 04:30 UTC on the 3rd
    assert publication_day("2022-02-03T00:30:00+01:00") == date(2022, 2, 3)
    assert publication_day("2022-02-02t18:00:00.123z") == date(2022, 2, 2)


# --- BBC corpus sentences, published on Wednesday 2 March 2005 -----------------------------------


def test_last_week_is_the_monday_of_the_previous_iso_week(nlp):
    assert rows(nlp, "Last week, the trio attended an official screening of all the nominated short films.") == [
        ("Last week", "2005-02-21", "week")
    ]


def test_earlier_this_week_is_the_current_week(nlp):
    assert rows(nlp, "It is seeking millions of dollars in damages in a civil lawsuit filed earlier this week.") == [
        ("earlier this week", "2005-02-28", "week")
    ]


def test_a_possessive_is_not_part_of_the_mention(nlp):
    assert rows(nlp, "Last week's chart-topper, the Robert de Niro thriller Hide and Seek, fell to number four.") == [
        ("Last week", "2005-02-21", "week")
    ]


def test_last_year(nlp):
    assert rows(nlp, "Japan's box office received a 3.8% boost last year, with ticket sales worth 211bn yen.") == [
        ("last year", "2004", "year")
    ]


def test_a_weekday_in_a_past_tense_sentence_is_the_latest_one(nlp):
    assert rows(nlp, "The firm closed the book on Friday, saying insider information could have contributed.") == [
        ("Friday", "2005-02-25", "day")
    ]


def test_last_weekday_is_strictly_before_publication(nlp):
    assert rows(nlp, "Replacement hooker Robin McBryde picked up knee ligament damage in Paris last Saturday.") == [
        ("last Saturday", "2005-02-26", "day")
    ]


def test_a_clock_time_with_a_weekday_in_the_future_tense(nlp):
    text = "Ruddock will name his starting line-up for the England game at 1830 GMT on Tuesday evening."
    assert rows(nlp, text) == [("1830 GMT on Tuesday evening", "2005-03-08T18:30:00Z", "time")]


def test_a_clock_time_and_yesterday(nlp):
    assert rows(nlp, "The club said he arrived at the ground at 3pm yesterday.") == [
        ("3pm yesterday", "2005-03-01T15:00:00", "time")
    ]


def test_a_month_in_a_past_tense_sentence(nlp):
    assert rows(nlp, "Mars - real name Bob Allen Deal - underwent hip replacement surgery in October.") == [
        ("October", "2004-10", "month")
    ]


def test_a_month_that_is_due_is_the_coming_one(nlp):
    text = "Martin Freeman and Alan Rickman are co-starring in the film, due for release in May."
    assert rows(nlp, text) == [("May", "2005-05", "month")]


def test_a_month_of_next_year(nlp):
    assert rows(nlp, "The cards are due to be issued in February next year, in line with the revised convention.") == [
        ("February next year", "2006-02", "month")
    ]


def test_next_month_name(nlp):
    text = "Customers who pre-order avoid standing in long queues on the day of the book's release next July."
    assert rows(nlp, text) == [("next July", "2005-07", "month")]


def test_a_full_date_long_ago(nlp):
    text = "Nelson Town met Nelson College on 14 May, 1870, the Town triumphing by two goals to nil."
    assert rows(nlp, text) == [("14 May, 1870", "1870-05-14", "day")]
    assert rows(nlp, text, None) == [("14 May, 1870", "1870-05-14", "day")]


def test_a_day_of_a_month_without_a_year(nlp):
    text = "Who's Your Daddy, the first episode of which was shown on 3 January, pulled in a small audience."
    assert rows(nlp, text) == [("3 January", "2005-01-03", "day")]


def test_a_range_of_days_is_its_month(nlp):
    text = "A Different Story will screen in the Panorama section of the festival, which runs from 10-20 February."
    assert rows(nlp, text) == [("10-20 February", "2005-02", "month")]


def test_month_and_year(nlp):
    text = "The number of people on broadband rose to 32.5 million, compared to 23.5 million in June 2003."
    assert rows(nlp, text) == [("June 2003", "2003-06", "month")]


def test_ago_takes_the_granularity_of_its_unit(nlp):
    text = "Calleri won his only ATP title in Acapulco two years ago while Novak won the singles title in 1998."
    assert rows(nlp, text) == [("two years ago", "2003", "year"), ("1998", "1998", "year")]
    assert rows(nlp, "The bets were dismissed as a publicity stunt a month ago.") == [
        ("a month ago", "2005-02", "month")
    ]


def test_the_end_of_a_year_is_that_year(nlp):
    assert rows(nlp, "Firefox wants to capture 10% of the market by the end of 2005.") == [
        ("the end of 2005", "2005", "year")
    ]


def test_a_holiday_with_a_fixed_date(nlp):
    text = "He tore a pectoral muscle against the Ospreys on Boxing Day, an injury that kept him out."
    assert rows(nlp, text) == [("Boxing Day", "2004-12-26", "day")]


def test_christmas_alone_is_its_month(nlp):
    assert rows(nlp, "Sales of the console over Christmas were the highest the firm has seen.") == [
        ("Christmas", "2004-12", "month")
    ]


def test_a_weekday_with_a_part_of_the_day(nlp):
    text = "The 25-year-old was only called into the squad on Sunday night as cover following the withdrawal."
    assert rows(nlp, text) == [("Sunday night", "2005-02-27", "day")]


def test_a_list_of_weekdays_gives_one_date_each(nlp):
    found = rows(nlp, "The tribunal sat on Monday, Tuesday and Friday.")
    assert found == [("Monday", "2005-02-28", "day"), ("Tuesday", "2005-03-01", "day"), ("Friday", "2005-02-25", "day")]


@pytest.mark.parametrize("text", [
    "Chelsea winger Arjen Robben will be out for at least six weeks.",
    "The 32-year-old has played in the league for many years.",
    "Prices have fallen in recent years and recent weeks.",
    "The band were famous in the 1990s and toured every year.",
    "Over the last year, the firm has grown; the last 25 years were harder.",
    "The club's annual dinner was held at the end of the season.",
    "Green Day won best rock album.",
])
def test_vague_spans_and_durations_are_dropped(nlp, text):
    assert rows(nlp, text) == []


# --- the calendar rules on their own --------------------------------------------------------------

WEDNESDAY = date(2022, 2, 2)


@pytest.mark.parametrize(("text", "mode", "expected"), [
    ("wednesday", "past", ("2022-02-02", "day")),
    ("wednesday", "future", ("2022-02-02", "day")),
    ("last wednesday", "past", ("2022-01-26", "day")),
    ("next wednesday", "past", ("2022-02-09", "day")),
    ("this saturday", "past", ("2022-02-05", "day")),
    ("saturday", "future", ("2022-02-05", "day")),
    ("saturday", "nearest", ("2022-01-29", "day")),  # a weekday in news has happened
    ("march", "nearest", ("2022-03", "month")),
    ("march", "past", ("2021-03", "month")),
    ("last february", "past", ("2021-02", "month")),
    ("february", "past", ("2022-02", "month")),
    ("29 february", "past", ("2020-02-29", "day")),
    ("this weekend", "past", ("2022-01-31", "week")),
    ("last weekend", "past", ("2022-01-24", "week")),
    ("next week", "past", ("2022-02-07", "week")),
    ("mid-december", "past", ("2021-12", "month")),
    ("the third quarter of 2004", "past", ("2004", "year")),
    ("tomorrow morning", "past", ("2022-02-03", "day")),
    ("last night", "past", ("2022-02-01", "day")),
    ("new year's eve", "past", ("2021-12-31", "day")),
    ("midnight on 31 december", "past", ("2021-12-31", "day")),
    ("saturday at 9.30pm", "past", ("2022-01-29T21:30:00", "time")),
    ("saturday, 5 february", "past", ("2022-02-05", "day")),  # the weekday picks the year
    ("the 5th of january", "past", ("2022-01-05", "day")),
    ("sept. 11, 2001", "past", ("2001-09-11", "day")),
])
def test_resolve(text, mode, expected):
    resolution = resolve(text, WEDNESDAY, mode)
    assert resolution is not None
    assert (resolution.value, resolution.granularity) == expected


@pytest.mark.parametrize("text", [
    "next weekend", "31 february", "3pm", "19/20 february", "the year", "summer", "the 1990s", "25", "1830 gmt",
])
def test_resolve_refuses_what_is_not_a_point_in_time(text):
    assert resolve(text, WEDNESDAY, "past") is None


# --- properties over the corpus -------------------------------------------------------------------


def test_corpus_mentions_are_well_formed_and_cheap(nlp, corpus_files):
    texts = [path.read_bytes().decode("utf-8", "replace") for path in corpus_files[::13][:60]]
    started = time.perf_counter()
    docs = list(nlp.pipe(texts))
    pipe_seconds = time.perf_counter() - started
    resolve("the 5th of january", None)  # dateparser loads its language data once per process
    resolve.cache_clear()
    started = time.perf_counter()
    results = [extract_dates(doc, BBC_PUBLISHED) for doc in docs]
    dates_seconds = time.perf_counter() - started
    assert sum(map(len, results)) > 100
    for text, mentions in zip(texts, results, strict=True):
        assert [m.start for m in mentions] == sorted(m.start for m in mentions)
        for mention in mentions:
            assert text[mention.start:mention.end] == mention.text
            assert mention.granularity in GRANULARITIES
            assert mention.value is not None
            assert re.fullmatch(VALUE_SHAPES[mention.granularity], mention.value), mention
    # The budget is 5% of nlp.pipe; it measures under 1%.
    assert dates_seconds < 0.05 * pipe_seconds, (dates_seconds, pipe_seconds)
    assert [extract_dates(doc, BBC_PUBLISHED) for doc in docs] == results


@pytest.mark.parametrize("text", ["", "   ", "2014", "Monday", "\n\n", "On 31 February 2005 at 25:99 GMT."])
def test_never_raises_on_odd_text(nlp, text):
    extract_dates(nlp(text), BBC_PUBLISHED)
    extract_dates(nlp(text), None)
