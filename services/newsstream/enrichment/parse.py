"""From the bytes of a raw Kafka record to a validated `RawArticle`, or an `InputError` saying why not."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

import orjson

from ..contracts import RAW_ARTICLE, first_violation
from ..errors import InputError, Reason
from .records import RawArticle

_UNDECODABLE_BYTE = re.compile("[\udc80-\udcff]")
# C0 controls other than tab/newline/carriage return, DEL, and the C1 range: never part of real text.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_RATIO = 0.01


@dataclass(slots=True)
class ParsedRecord:
    article: RawArticle
    article_id: str
    notes: list[str] = field(default_factory=list)


def decode_text(value: bytes) -> tuple[str, list[str]]:
    """Decode record bytes as UTF-8, repairing stray single-byte characters (Latin-1/cp1252 text).

    Returns the text and notes on repairs made. Raises InputError(invalid_encoding) for binary data.
    """
    notes: list[str] = []
    text = value.decode("utf-8", errors="surrogateescape")
    if _UNDECODABLE_BYTE.search(text):
        text = _UNDECODABLE_BYTE.sub(_cp1252_character, text)
        notes.append("repaired_encoding:cp1252")
    if text.startswith("\ufeff"):
        text = text[1:]
    controls = len(_CONTROL_CHARACTERS.findall(text))
    if controls and controls > max(1, len(text) * _MAX_CONTROL_RATIO):
        raise InputError(Reason.INVALID_ENCODING,
                         f"the record is not text: {controls} control characters in {len(value)} bytes "
                         "(expected UTF-8 JSON)")
    return text, notes


def _cp1252_character(match: re.Match[str]) -> str:
    byte = bytes([ord(match.group()) - 0xDC00])
    return byte.decode("cp1252", errors="replace") if byte[0] not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else "\ufffd"


def parse_raw_record(value: bytes | None, *, max_bytes: int) -> ParsedRecord:
    """Validate a raw record against schemas/raw-article.schema.json and return the article."""
    if value is None:
        raise InputError(Reason.INVALID_JSON, "the record has no value (a tombstone); expected a JSON object")
    if len(value) > max_bytes:
        raise InputError(Reason.TOO_LARGE,
                         f"the record is {len(value)} bytes, over the limit of {max_bytes} bytes "
                         "(NEWSSTREAM_MAX_RECORD_BYTES)")
    text, notes = decode_text(value)
    try:
        document = orjson.loads(text)
    except orjson.JSONDecodeError as error:
        raise InputError(Reason.INVALID_JSON, f"the record is not valid JSON: {error}") from None
    if not isinstance(document, dict):
        raise InputError(Reason.NOT_AN_OBJECT,
                         f"the record is JSON {type(document).__name__}, not an object with url/id and body/html")
    violation = first_violation(RAW_ARTICLE, document)
    if violation is not None:
        raise InputError(Reason.SCHEMA_VIOLATION, f"the record breaks the raw-article contract at {violation}")
    article = RawArticle(**document)
    if not (article.body or "").strip() and not (article.html or "").strip():
        raise InputError(Reason.EMPTY_TEXT, "the record's body and html are empty or only whitespace")
    return ParsedRecord(article=article, article_id=article_id(article), notes=notes)


def article_id(article: RawArticle) -> str:
    """The given id, else a stable hash of the normalised url."""
    if article.id:
        return article.id
    assert article.url is not None, "the schema requires url or id"
    return "url-" + hashlib.sha256(normalise_url(article.url).encode("utf-8")).hexdigest()[:32]


def normalise_url(url: str) -> str:
    """Lower-case scheme and host, drop the fragment: two spellings of one page get one id."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))
