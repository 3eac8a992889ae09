from __future__ import annotations

import orjson
import pytest

from newsstream.enrichment.parse import article_id, decode_text, normalise_url, parse_raw_record
from newsstream.enrichment.records import RawArticle
from newsstream.errors import InputError, Reason

LIMIT = 1024 * 1024


def reason_of(value: bytes | None, max_bytes: int = LIMIT) -> Reason:
    with pytest.raises(InputError) as caught:
        parse_raw_record(value, max_bytes=max_bytes)
    assert caught.value.message  # every error says what is wrong in words
    return caught.value.reason


def test_a_minimal_valid_record_parses():
    parsed = parse_raw_record(b'{"url": "https://example.org/a", "body": "Text."}', max_bytes=LIMIT)
    assert parsed.article.body == "Text."
    assert parsed.article_id.startswith("url-") and len(parsed.article_id) == 36
    assert parsed.notes == []


def test_all_optional_fields_are_kept():
    record = {"id": "a1", "url": "https://e.org/x", "html": "<p>x</p>", "title": "T", "source": "S",
              "published_at": "2025-01-02T03:04:05Z", "fetched_at": "2025-01-02T03:05:00+01:00",
              "language": "en-GB", "metadata": {"feed": "wire"}}
    parsed = parse_raw_record(orjson.dumps(record), max_bytes=LIMIT)
    assert parsed.article == RawArticle(**record)
    assert parsed.article_id == "a1"


@pytest.mark.parametrize(("value", "reason"), [
    (None, Reason.INVALID_JSON),
    (b"", Reason.INVALID_JSON),
    (b'{"id": "x", "body": ', Reason.INVALID_JSON),
    (b"[1, 2]", Reason.NOT_AN_OBJECT),
    (b'"a string"', Reason.NOT_AN_OBJECT),
    (b"null", Reason.NOT_AN_OBJECT),
    (b'{"body": "no id or url"}', Reason.SCHEMA_VIOLATION),
    (b'{"id": "x"}', Reason.SCHEMA_VIOLATION),
    (b'{"id": 5, "body": "x"}', Reason.SCHEMA_VIOLATION),
    (b'{"id": "x", "body": "x", "published_at": "yesterday"}', Reason.SCHEMA_VIOLATION),
    (b'{"id": "x", "body": "x", "metadata": []}', Reason.SCHEMA_VIOLATION),
    (b'{"id": "x", "body": "x", "bdy": "typo"}', Reason.SCHEMA_VIOLATION),
    (b'{"id": "x", "body": ""}', Reason.SCHEMA_VIOLATION),
    (b'{"id": "x", "body": " \\n\\t "}', Reason.EMPTY_TEXT),
    (b"\x00\x01\x02\x03binary\x04\x05\x06\x07\x08", Reason.INVALID_ENCODING),
])
def test_bad_records_get_their_reason(value, reason):
    assert reason_of(value) is reason


def test_size_is_checked_before_anything_else():
    assert reason_of(b"x" * 101, max_bytes=100) is Reason.TOO_LARGE


def test_schema_errors_name_the_field():
    with pytest.raises(InputError) as caught:
        parse_raw_record(b'{"id": 5, "body": "x"}', max_bytes=LIMIT)
    assert "id" in caught.value.message and "string" in caught.value.message
    with pytest.raises(InputError) as caught:
        parse_raw_record(b'{"id": "x"}', max_bytes=LIMIT)
    assert "`body`, `html`" in caught.value.message


def test_latin1_bytes_are_repaired_and_noted():
    text, notes = decode_text('{"body": "cost \u00a3600m"}'.encode("latin-1"))
    assert text == '{"body": "cost \u00a3600m"}'
    assert notes == ["repaired_encoding:cp1252"]


def test_cp1252_quotes_are_repaired():
    text, _ = decode_text(b"\x93quoted\x94 and \x85")
    assert text == "\u201cquoted\u201d and \u2026"


def test_utf8_text_is_unchanged_and_a_bom_is_dropped():
    assert decode_text("\ufeffcaf\u00e9 \u201cok\u201d".encode()) == ("caf\u00e9 \u201cok\u201d", [])


def test_url_ids_are_stable_across_spellings():
    a = RawArticle(url="HTTPS://Example.org/story#comments", body="x")
    b = RawArticle(url="https://example.org/story", body="x")
    assert article_id(a) == article_id(b)
    assert normalise_url("https://Example.org") == "https://example.org/"
    assert article_id(RawArticle(url="https://example.org/other", body="x")) != article_id(b)
