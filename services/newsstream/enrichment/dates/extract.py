"""The document pass: the model's DATE and TIME entities as date mentions, resolved in the tense of their
clause."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from spacy.tokens import Doc, Token

from ..records import DateMention
from .resolve import _normalise, resolve
from .vocabulary import FUTURE_MODALS, INTENT_WORDS, Mode


_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$")
# Neighbouring DATE/TIME entities the model cut apart: "10:30" + "on" + "Monday", "Saturday" + ","
# + "5 February".
_JOINABLE_GAP = re.compile(r"^ *(?:,|on|at|, *at)? *$")
_ZONE_AFTER = re.compile(r"\s+(?:GMT|BST|UTC|CET)\b")
_HOLIDAY_IN_TEXT = re.compile(
    r"\b(?:Christmas (?:Day|Eve)|Boxing Day|New Year['’]s (?:Day|Eve)|Halloween|(?:St )?Valentine['’]s Day)\b"
)
_POSSESSIVE_END = re.compile(r"(?:['’]s|['’])$")
# What separates the items of a list of dates.
_LIST_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and|or)\b|,|\band\b|\bor\b)\s*")


def publication_day(published_at: str | None) -> date | None:
    """The local calendar day of an RFC 3339 timestamp; None when absent or not RFC 3339."""
    if not published_at or not _RFC3339.match(published_at.strip()):
        return None
    try:
        return datetime.fromisoformat(published_at.strip().replace("z", "Z")).date()
    except ValueError:
        return None


def _tense(doc: Doc, start: int, end: int) -> Mode:
    """"past", "future" or "nearest" (no clear tense) for the clause around tokens [start, end).

    Reads the nearest finite verb before the date in its sentence (after it, for a date that opens
    the sentence): "will"/"'ll"/"shall", or "is due/set/going to", mean the future; a past-tense
    verb the past; a present tense or no verb says nothing.
    """
    intent = False
    for index in range(start - 1, max(-1, start - 26), -1):
        token = doc[index]
        verdict = _verb_tense(token, intent)
        if verdict:
            return verdict
        if token.lower_ in INTENT_WORDS and index + 1 < len(doc) and doc[index + 1].lower_ == "to":
            intent = True
        if token.is_sent_start:
            break
    for token in doc[end: min(len(doc), end + 25)]:
        if token.is_sent_start:
            break
        verdict = _verb_tense(token, False)
        if verdict:
            return verdict
    return "nearest"


def _verb_tense(token: Token, intent: bool) -> Mode | None:
    if token.tag_ == "MD":
        return "future" if token.lower_ in FUTURE_MODALS else "nearest"
    if token.tag_ == "VBD":
        return "past"
    if token.tag_ in ("VBZ", "VBP"):
        return "future" if intent else "nearest"
    return None


@dataclass(slots=True)
class _Piece:
    """A DATE/TIME entity, or several the model cut apart, as a token and a character range."""

    start: int
    end: int
    start_char: int
    end_char: int
    has_time: bool


def _pieces(doc: Doc, text: str) -> list[_Piece]:
    """DATE/TIME entities, neighbours that belong together joined ("10:30" "on" "Monday")."""
    pieces: list[_Piece] = []
    for entity in doc.ents:
        if entity.label_ not in ("DATE", "TIME"):
            continue
        piece = _Piece(entity.start, entity.end, entity.start_char, entity.end_char, entity.label_ == "TIME")
        zone = _ZONE_AFTER.match(text, piece.end_char)
        if zone and entity.end < len(doc):  # "1945 GMT": a time the model took for a year
            piece.end_char, piece.end, piece.has_time = zone.end(), entity.end + 1, True
        if pieces:
            previous = pieces[-1]
            gap = text[previous.end_char: piece.start_char]
            with_a_time = (previous.has_time or piece.has_time) and _JOINABLE_GAP.match(gap) is not None
            two_dates = not (previous.has_time or piece.has_time) and gap.strip() == ","
            if len(gap) <= 6 and (with_a_time or two_dates):
                previous.end, previous.end_char = piece.end, piece.end_char
                previous.has_time = previous.has_time or piece.has_time
                continue
        pieces.append(piece)
    return _add_missed_holidays(doc, text, pieces)


def _add_missed_holidays(doc: Doc, text: str, pieces: list[_Piece]) -> list[_Piece]:
    """Holidays the model labelled as something else ("the Ospreys on Boxing Day" as a LAW)."""
    covered = [(piece.start_char, piece.end_char) for piece in pieces]
    for match in _HOLIDAY_IN_TEXT.finditer(text):
        if any(start < match.end() and match.start() < end for start, end in covered):
            continue
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None:
            pieces.append(_Piece(span.start, span.end, match.start(), match.end(), False))
    return pieces


def _mention(doc_text: str, start: int, end: int, mode: Mode, today: date | None) -> DateMention | None:
    stripped = _POSSESSIVE_END.sub("", doc_text[start:end].rstrip(" ,"))
    end = start + len(stripped)
    normalised = _normalise(stripped)
    if not normalised or not any(ch.isalnum() for ch in normalised):
        return None
    resolution = resolve(normalised, today, mode)
    if resolution is None:
        return None
    return DateMention(text=stripped, start=start, end=end, value=resolution.value,
                       granularity=resolution.granularity)


def _piece_mentions(doc: Doc, doc_text: str, piece: _Piece, today: date | None) -> list[DateMention]:
    mode = _tense(doc, piece.start, piece.end)
    whole = _mention(doc_text, piece.start_char, piece.end_char, mode, today)
    if whole is not None:
        return [whole]
    # "Monday and Tuesday", "Saturday, 5 February" the model joined: each part on its own.
    text = doc_text[piece.start_char: piece.end_char]
    bounds = [0] + [i for m in _LIST_SEPARATOR.finditer(text) for i in m.span()] + [len(text)]
    parts = [(a, b) for a, b in zip(bounds[::2], bounds[1::2], strict=True) if b > a]
    if len(parts) < 2:
        return []
    found = (_mention(doc_text, piece.start_char + a, piece.start_char + b, mode, today) for a, b in parts)
    return [mention for mention in found if mention is not None]


def extract_dates(doc: Doc, published_at: str | None) -> list[DateMention]:
    """Every date or time the article names, with its ISO 8601 value, sorted by start offset."""
    today = publication_day(published_at)
    text = doc.text  # built from the tokens on every access: read it once
    mentions = [mention for piece in _pieces(doc, text) for mention in _piece_mentions(doc, text, piece, today)]
    mentions.sort(key=lambda m: m.start)
    return mentions
