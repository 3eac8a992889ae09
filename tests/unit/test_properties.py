"""Property-based tests: for any input, the raw-record parser and every enrichment function return a record
or raise the project's own error type (which maps to a dead-letter reason). Nothing else escapes.

Derandomized, so a run is deterministic: the same examples every time, in CI too.
"""

from __future__ import annotations

import json

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsstream.enrichment.clean import CleanedArticle, clean_article
from newsstream.enrichment.dates import extract_dates
from newsstream.enrichment.entities import extract_entities
from newsstream.enrichment.figures import extract_figures
from newsstream.enrichment.language import detect_language
from newsstream.enrichment.numbers import parse_numeric_token, read_number_words
from newsstream.enrichment.parse import ParsedRecord, parse_raw_record
from newsstream.enrichment.pipeline import Enricher
from newsstream.enrichment.quotes import extract_quotes
from newsstream.enrichment.records import EnrichedArticle
from newsstream.errors import InputError, NewsstreamError, Reason

FAST = settings(derandomize=True, max_examples=300, deadline=None)
WITH_MODEL = settings(derandomize=True, max_examples=60, deadline=None,
                      suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# Text that looks like news as well as text that does not: digits, currency, quotes, names, odd characters.
NEWSY = st.text(alphabet=st.sampled_from(list("abcdefghij ABCDEFGHIJ 0123456789 .,;:!?-'\"\u201c\u201d\u2019"
                                              "$\u00a3\u20ac%()\n\t\u00a0\u200b&#<>/")) ,
                max_size=400)
WORDS = st.lists(st.sampled_from(["Mr", "Smith", "said", "\u00a35m", "2,000", "troops", "about", "more", "than",
                                  "\"", "Bank", "of", "England", "on", "Monday", "in", "2014", "rose", "5%", "to",
                                  "7%", "Biden", "\u201c", "\u201d", "\n\n", "the", "one", "hundreds", "of",
                                  "Article", "5", "G7", "23-year-old", "bn", "$1.13bn", "-", "(", ")"]),
                 max_size=80).map(" ".join)
ANY_TEXT = st.one_of(st.text(max_size=300), NEWSY, WORDS)
JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
                           lambda children: st.lists(children, max_size=4)
                           | st.dictionaries(st.text(max_size=8), children, max_size=4), max_leaves=12)
RAW_FIELDS = st.fixed_dictionaries({}, optional={
    "id": st.one_of(st.text(max_size=20), JSON_VALUES), "url": st.one_of(st.text(max_size=40), JSON_VALUES),
    "body": st.one_of(ANY_TEXT, JSON_VALUES), "html": st.one_of(ANY_TEXT.map(lambda t: f"<p>{t}</p>"), JSON_VALUES),
    "title": st.one_of(st.none(), st.text(max_size=40)), "published_at": st.one_of(st.none(), st.text(max_size=30),
                                                                                  st.just("2025-01-02T03:04:05Z")),
    "language": st.one_of(st.none(), st.sampled_from(["en", "fr", "EN-gb", "x"])), "metadata": JSON_VALUES,
})


@FAST
@given(st.binary(max_size=2000))
def test_the_parser_takes_any_bytes(value):
    try:
        assert isinstance(parse_raw_record(value, max_bytes=1000), ParsedRecord)
    except InputError as error:
        assert isinstance(error.reason, Reason) and error.message


@FAST
@given(RAW_FIELDS)
def test_the_parser_takes_any_json_object(document):
    try:
        parsed = parse_raw_record(json.dumps(document).encode(), max_bytes=100_000)
    except InputError as error:
        assert isinstance(error.reason, Reason) and error.message
    else:
        assert parsed.article_id


@FAST
@given(body=st.one_of(st.none(), ANY_TEXT), html=st.one_of(st.none(), ANY_TEXT, ANY_TEXT.map(lambda t: f"<div>{t}")),
       title=st.one_of(st.none(), st.text(max_size=40)), source=st.one_of(st.none(), st.text(max_size=20)),
       published_at=st.one_of(st.none(), st.text(max_size=30)))
def test_cleaning_takes_any_text(body, html, title, source, published_at):
    try:
        cleaned = clean_article(body=body, html=html, title=title, source=source, published_at=published_at)
    except NewsstreamError:
        return
    assert isinstance(cleaned, CleanedArticle) and isinstance(cleaned.text, str)


@FAST
@given(ANY_TEXT)
def test_language_detection_takes_any_text(text):
    assert detect_language(text) is None or isinstance(detect_language(text), str)


@FAST
@given(st.text(max_size=40), st.lists(st.text(max_size=12), max_size=8))
def test_number_parsing_takes_any_text(token, words):
    parse_numeric_token(token)
    read_number_words(words)


def spans_index_into(text: str, items) -> None:
    for item in items:
        assert text[item.start:item.end] == item.text


@WITH_MODEL
@given(ANY_TEXT, st.one_of(st.none(), st.just("2022-02-02T18:00:00Z"), st.text(max_size=25)))
def test_every_extractor_takes_any_document(nlp, text, published_at):
    doc = nlp(text)
    try:
        entities = extract_entities(doc, contributors=["Jane Smith"])
        figures = extract_figures(doc)
        quotes = extract_quotes(doc, entities)
        dates = extract_dates(doc, published_at)
    except NewsstreamError:
        return
    spans_index_into(text, [m for e in entities for m in e.mentions])
    spans_index_into(text, figures)
    spans_index_into(text, quotes)
    spans_index_into(text, dates)


@WITH_MODEL
@given(st.lists(ANY_TEXT, min_size=1, max_size=4))
def test_the_whole_pipeline_returns_a_record_or_an_input_error_per_article(nlp, bodies):
    records = []
    for index, body in enumerate(bodies):
        try:
            records.append(parse_raw_record(orjson.dumps({"id": f"a{index}", "body": body}), max_bytes=100_000))
        except InputError:
            continue
    outcomes = Enricher(nlp).enrich_batch(records)
    assert len(outcomes) == len(records)
    for outcome in outcomes:
        assert isinstance(outcome, EnrichedArticle | InputError)
        if isinstance(outcome, EnrichedArticle):
            spans_index_into(outcome.text, outcome.figures)
            spans_index_into(outcome.text, outcome.quotes)
