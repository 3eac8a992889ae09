"""Reading articles from files or stdin into raw records (bytes), for `newsstream feed` and `newsstream enrich`.

- `.txt`: a scraper's plain text; becomes {"id", "body"} (id: hash of the bytes, so a re-feed is idempotent).
- `.html`/`.htm`: a page; becomes {"id", "html"}.
- `.json`: one raw record (an object) or an array of them.
- `.jsonl`/`.ndjson`: one raw record per line, passed on as-is.
- stdin (`-`): JSON lines, as above, when its first line opens a JSON object; otherwise one article pasted
  as plain text (or HTML, when it starts with `<`).
Records are not validated here: the same validation as the stream's happens downstream, so a bad line
gets its dead-letter reason (or its error message from `enrich`).
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson

from .enrichment.parse import decode_text

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json"}
JSON_LINES_SUFFIXES = {".jsonl", ".ndjson"}


@dataclass(frozen=True, slots=True)
class InputRecord:
    origin: str            # "path" or "path:line", for messages
    key: bytes | None
    value: bytes


class UnsupportedInput(ValueError):
    pass


def content_id(data: bytes) -> str:
    return "sha-" + hashlib.sha256(data).hexdigest()[:32]


def _text_record(path: Path, data: bytes, field: str) -> InputRecord:
    text, notes = decode_text(data)
    identifier = content_id(data)
    metadata = {"file": path.name}
    if notes:
        metadata["repairs"] = ",".join(notes)
    value = orjson.dumps({"id": identifier, field: text, "metadata": metadata})
    return InputRecord(str(path), identifier.encode(), value)


def _key_of(value: bytes) -> bytes | None:
    try:
        document = orjson.loads(value)
    except orjson.JSONDecodeError:
        return None
    if isinstance(document, dict) and isinstance(document.get("id"), str):
        return document["id"].encode("utf-8")
    return None


def _json_lines(origin: str, lines: Iterable[bytes]) -> Iterator[InputRecord]:
    for number, line in enumerate(lines, start=1):
        line = line.rstrip(b"\r\n")
        if line.strip():
            yield InputRecord(f"{origin}:{number}", _key_of(line), line)


def read_path(path: Path) -> Iterator[InputRecord]:
    suffix = path.suffix.lower()
    if suffix in JSON_LINES_SUFFIXES:
        with path.open("rb") as handle:
            yield from _json_lines(str(path), handle)
        return
    data = path.read_bytes()
    if suffix in TEXT_SUFFIXES:
        yield _text_record(path, data, "body")
    elif suffix in HTML_SUFFIXES:
        yield _text_record(path, data, "html")
    elif suffix in JSON_SUFFIXES:
        try:
            document = orjson.loads(data)
        except orjson.JSONDecodeError:
            yield InputRecord(str(path), None, data)
            return
        items = document if isinstance(document, list) else [document]
        for index, item in enumerate(items):
            value = orjson.dumps(item)
            yield InputRecord(f"{path}[{index}]" if isinstance(document, list) else str(path), _key_of(value), value)
    else:
        raise UnsupportedInput(f"{path}: unsupported file type {suffix or '(none)'}; "
                               "expected .txt, .html, .json or .jsonl")


def _stdin_records(stream: Iterable[bytes]) -> Iterator[InputRecord]:
    """JSON lines as they come, or, when the first line with text does not open an object, the whole input as
    one article (`newsstream enrich -` with an article pasted in)."""
    lines = iter(stream)
    head: list[bytes] = []
    for line in lines:
        head.append(line)
        if line.strip():
            break
    first = b"".join(head).lstrip()
    if not first or first.startswith(b"{"):
        yield from _json_lines("<stdin>", [*head, *lines])
        return
    data = first + b"".join(lines)
    yield _text_record(Path("<stdin>"), data, "html" if data.startswith(b"<") else "body")


def read_inputs(arguments: Iterable[str]) -> Iterator[InputRecord]:
    """Records from every argument in order; `-` is stdin (JSON lines, or one pasted article); a directory is
    read recursively."""
    for argument in arguments:
        if argument == "-":
            yield from _stdin_records(sys.stdin.buffer)
            continue
        path = Path(argument)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSON_LINES_SUFFIXES:
                    yield from read_path(child)
        elif path.is_file():
            yield from read_path(path)
        else:
            raise UnsupportedInput(f"{argument}: no such file or directory")
