from __future__ import annotations

import base64

import orjson
from jsonschema import Draft202012Validator, FormatChecker

from newsstream.contracts import load_schema
from newsstream.errors import InputError, Reason
from newsstream.outputs import SourcePosition, deadletter_record

DEADLETTER = Draft202012Validator(load_schema("deadletter"), format_checker=FormatChecker())


def test_a_dead_letter_keeps_reason_position_and_original_bytes():
    original = b'{"id": "x", "body": \xff\xfe'
    key, value = deadletter_record(InputError(Reason.INVALID_JSON, "the record is not valid JSON"), key=b"k1",
                                   value=original, source=SourcePosition("news.raw", 3, 42, 1700000000.5))
    record = orjson.loads(value)
    assert key == b"k1"
    assert not list(DEADLETTER.iter_errors(record))
    assert record["reason"] == "invalid_json"
    assert record["error"] == "the record is not valid JSON"
    assert (record["source_topic"], record["source_partition"], record["source_offset"]) == ("news.raw", 3, 42)
    assert record["source_timestamp"] == "2023-11-14T22:13:20.500Z"
    assert base64.b64decode(record["value_base64"]) == original
    assert base64.b64decode(record["key_base64"]) == b"k1"
    assert record["value_size"] == len(original)


def test_a_tombstone_with_no_key_is_still_a_valid_dead_letter():
    key, value = deadletter_record(InputError(Reason.INVALID_JSON, "no value"), key=None, value=None,
                                   source=SourcePosition("news.raw", 0, 0, None))
    record = orjson.loads(value)
    assert key is None
    assert record["key_base64"] is None and record["value_base64"] is None and record["value_size"] == 0
    assert not list(DEADLETTER.iter_errors(record))
