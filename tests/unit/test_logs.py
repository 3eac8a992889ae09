from __future__ import annotations

import logging

import orjson

from newsstream.logs import JsonFormatter, register_secret


def record(message: str, **extra: object) -> logging.LogRecord:
    entry = logging.LogRecord("newsstream.test", logging.WARNING, __file__, 1, message, None, None)
    entry.__dict__.update(extra)
    return entry


def test_a_log_line_is_one_json_object_with_time_level_message_and_context():
    line = JsonFormatter().format(record("dead-lettered a record", article_id="a1", reason="invalid_json"))
    assert "\n" not in line
    entry = orjson.loads(line)
    assert entry["level"] == "warning" and entry["message"] == "dead-lettered a record"
    assert entry["article_id"] == "a1" and entry["reason"] == "invalid_json"
    assert entry["time"].endswith("Z")


def test_secrets_never_reach_the_log():
    register_secret("hunter2-very-secret")
    line = JsonFormatter().format(record("connecting with {'sasl_plain_password': 'hunter2-very-secret'}",
                                         sasl_password="hunter2-very-secret"))
    assert "hunter2-very-secret" not in line
    assert orjson.loads(line)["sasl_password"] == "[redacted]"
