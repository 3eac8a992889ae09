from __future__ import annotations

import io
import sys

import orjson
import pytest

from newsstream.inputs import UnsupportedInput, read_inputs, read_path

from ..conftest import CORPUS, SAMPLE_ARTICLE


def test_a_text_file_becomes_a_body_record_with_a_content_id():
    [record] = read_path(SAMPLE_ARTICLE)
    value = orjson.loads(record.value)
    assert value["body"].startswith("Time Plus News")
    assert value["id"].startswith("sha-") and record.key == value["id"].encode()
    assert [r.value for r in read_path(SAMPLE_ARTICLE)] == [record.value]  # same bytes, same id


def test_latin1_text_files_are_repaired():
    [record] = read_path(CORPUS / "sport" / "199.txt")
    value = orjson.loads(record.value)
    assert "\u00a3" in value["body"]
    assert value["metadata"]["repairs"] == "repaired_encoding:cp1252"


def test_json_lines_are_passed_on_verbatim_bad_lines_included(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'{"id": "a", "body": "x"}\n\nnot json\n{"url": "u", "body": "y"}\n')
    records = list(read_path(path))
    assert [r.value for r in records] == [b'{"id": "a", "body": "x"}', b"not json", b'{"url": "u", "body": "y"}']
    assert [r.key for r in records] == [b"a", None, None]
    assert [r.origin for r in records] == [f"{path}:1", f"{path}:3", f"{path}:4"]


def test_a_json_array_gives_one_record_per_item(tmp_path):
    path = tmp_path / "batch.json"
    path.write_text('[{"id": "a", "body": "x"}, {"id": "b", "html": "<p>y</p>"}]')
    assert [r.key for r in read_path(path)] == [b"a", b"b"]


def test_html_files_become_html_records(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><body><p>Hello</p></body></html>")
    [record] = read_path(path)
    assert orjson.loads(record.value)["html"] == "<html><body><p>Hello</p></body></html>"


def test_stdin_is_json_lines(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"id": "s", "body": "x"}\n')))
    [record] = read_inputs(["-"])
    assert record.key == b"s" and record.origin == "<stdin>:1"


def test_unknown_files_are_refused_clearly(tmp_path):
    path = tmp_path / "article.docx"
    path.write_bytes(b"PK")
    with pytest.raises(UnsupportedInput, match="unsupported file type .docx"):
        list(read_inputs([str(path)]))
    with pytest.raises(UnsupportedInput, match="no such file"):
        list(read_inputs([str(tmp_path / "missing.txt")]))


def test_directories_are_read_in_sorted_order(tmp_path):
    (tmp_path / "b.txt").write_text("B story")
    (tmp_path / "a.txt").write_text("A story")
    (tmp_path / "notes.md").write_text("ignored")
    bodies = [orjson.loads(r.value)["body"] for r in read_inputs([str(tmp_path)])]
    assert bodies == ["A story", "B story"]


def test_an_article_pasted_on_stdin_is_one_text_record(monkeypatch):
    pasted = b"Harbourside Bank fined\n\nThe regulator fined the bank. \"We got this wrong,\" it said.\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\n" + pasted)))
    [record] = list(read_inputs(["-"]))
    value = orjson.loads(record.value)
    assert value["body"] == pasted.decode()
    assert record.origin == "<stdin>" and value["id"].startswith("sha-")


def test_json_lines_on_stdin_stay_one_record_per_line(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'\n{"id": "a", "body": "x"}\nnot json\n')))
    assert [r.value for r in read_inputs(["-"])] == [b'{"id": "a", "body": "x"}', b"not json"]
