"""Finding quote spans: the scanner of double quote marks and paragraph breaks
(`_scan_candidates`), which decides from their neighbours whether marks open or close, keeps statements
continued over paragraphs, splits an unclosed quote at the attribution of the next one, and yields a
`_Candidate` per quoted span; `_may_be_statement` then drops titles, names and scare quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Double quote marks and paragraph breaks: the only places the scanner stops at.
_MARKS = re.compile(r"[\"“”„]|''|\n[ \t\r\f\v]*\n")
_OPENING_ONLY = frozenset("“„")
_CLOSING_ONLY = frozenset("”")
_BEFORE_OPENING = frozenset("([{—–-:/")
_AFTER_CLOSING = frozenset(".,;:!?)]}—–-'’…")
_SENTENCE_BREAK = re.compile(r"[.!?…]['’]?\s+(?=[A-Z])")
_ATTRIBUTION_TAIL_WORDS = 8
_ATTRIBUTION_TAIL_CHARS = 120
_SENTENCE_FINAL = re.compile(r"[.!?…]['’]*$")
_UTTERANCE_END = frozenset(",.!?…—–-;")
_TRAILING_TRIM = " \t\r\n,;:"
_MIN_STATEMENT_WORDS = 4

_TITLE_SMALL_WORDS = frozenset(
    "a an and as at but by de del for from in into la le nor of on or the to van von with".split()
)


@dataclass(slots=True)
class _Candidate:
    """A quoted span found by the mark scanner."""

    start: int
    end: int
    open_mark: int  # char offset of the opening mark
    after_close: int  # char offset just after the closing mark (paragraph end when unclosed)
    closed: bool
    continues: bool  # continues the statement of the previous candidate
    paragraph: int
    utterance_shaped: bool
    ends_with_period: bool
    words: int
    ends_sentence: bool  # closed, and the quoted text ends with . ! or ?
    title_like: bool = False  # shaped like a title ("Also,"): a statement only with its own attribution
    fragment: bool = False  # a few words inside a sentence: a quote only when the sentence attributes them


def _paragraph_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in _MARKS.finditer(text) if m.group()[0] == "\n")
    return starts


def _mark_shape(text: str, start: int, end: int) -> tuple[bool, bool]:
    """(can open, can close) judged from the characters around a mark."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    can_open = (before.isspace() or before in _BEFORE_OPENING) and not after.isspace()
    can_close = not before.isspace() and (after.isspace() or after in _AFTER_CLOSING or after in "\"“”")
    return can_open, can_close


def _scan_candidates(text: str, para_starts: list[int]) -> list[_Candidate]:
    found: list[_Candidate] = []
    paragraph = 0
    open_at = -1  # offset just after the current opening mark, -1 when no quote is open
    open_mark = -1
    continues = False
    for match in _MARKS.finditer(text):
        mark = match.group()
        start, end = match.span()
        if mark[0] == "\n":
            continued = _opens_with_quote(text, end)
            if open_at >= 0 and continued:
                _add_candidate(found, text, open_at, open_mark, start, start, False, continues, paragraph)
            continues = open_at >= 0 and continued
            open_at = -1
            paragraph += 1
            continue
        can_open, can_close = _mark_shape(text, start, end)
        if mark in _OPENING_ONLY:
            opens = not (can_close and not can_open and open_at >= 0)
        elif mark in _CLOSING_ONLY:
            opens = can_open and not can_close and open_at < 0
        elif can_open != can_close:
            opens = can_open
        elif can_open:  # both shapes: alternate
            opens = open_at < 0
        elif open_at >= 0 and text[start - 1 : start].isspace() and text[open_at:start].rstrip()[-1:] in _UTTERANCE_END:
            opens = False  # 'industry, " Eric said': a closing mark typed after a space
        else:
            continue  # a mark between two spaces or inside a word (12" pizza): not a boundary
        if opens:
            if open_at >= 0:
                # Still open: an opening mark after a finished sentence continues the statement.
                split = _attribution_split(text, open_at, start)
                if _SENTENCE_FINAL.search(text[open_at:start].rstrip()):
                    _add_candidate(found, text, open_at, open_mark, start, start, False, continues, paragraph)
                    continues = True
                elif split is not None:
                    # '"... not properly promoted. He added: "The whole world ...': the writer never
                    # closed the statement; it ends where the attribution of the next one begins.
                    _add_candidate(found, text, open_at, open_mark, split, split, False, continues, paragraph)
                    continues = False
                else:
                    continues = False
            open_at, open_mark = end, start
        elif open_at >= 0:
            _add_candidate(found, text, open_at, open_mark, start, end, True, continues, paragraph)
            open_at, continues = -1, False
    return found


def _attribution_split(text: str, begin: int, end: int) -> int | None:
    """In an unclosed quote running into `He added: "`, the offset just after its last sentence."""
    if not text[begin:end].rstrip().endswith(":"):
        return None
    window = max(begin, end - _ATTRIBUTION_TAIL_CHARS)
    last = None
    for last in _SENTENCE_BREAK.finditer(text, window, end):
        pass
    if last is None or len(text[last.end() : end].split()) > _ATTRIBUTION_TAIL_WORDS:
        return None
    return last.start() + 1


def _opens_with_quote(text: str, offset: int) -> bool:
    while offset < len(text) and text[offset] in " \t":
        offset += 1
    return text.startswith(("\"", "“", "„", "''"), offset)


def _add_candidate(
    found: list[_Candidate],
    text: str,
    open_at: int,
    open_mark: int,
    close_mark: int,
    after_close: int,
    closed: bool,
    continues: bool,
    paragraph: int,
) -> None:
    inner = text[open_at:close_mark]
    stripped = inner.rstrip()
    if not stripped.strip():
        return
    start = open_at + (len(inner) - len(inner.lstrip()))
    trimmed = inner.rstrip(_TRAILING_TRIM)
    end = open_at + len(trimmed)
    if end <= start:
        return
    before = text[max(0, open_mark - 3) : open_mark].rstrip()
    found.append(
        _Candidate(
            start=start,
            end=end,
            open_mark=open_mark,
            after_close=after_close,
            closed=closed,
            continues=continues,
            paragraph=paragraph,
            utterance_shaped=stripped[-1] in _UTTERANCE_END or before.endswith((":", ",")),
            ends_with_period=stripped.endswith("."),
            words=len(text[start:end].split()),
            ends_sentence=closed and _SENTENCE_FINAL.search(stripped) is not None,
        )
    )


_SO_CALLED = re.compile(r"\b(?:so-called|so called|dubbed|nicknamed|known as)\s*$", re.IGNORECASE)


def _may_be_statement(text: str, candidate: _Candidate) -> bool:
    """Drop titles, names and scare quotes before looking for speakers (they also do not bound windows).
    A capitalised span ending in `,` `!` `?` inside its marks may still be an utterance (`"Also," he
    said`); it stays, marked, and counts only with an attribution right after it."""
    if _SO_CALLED.search(text, max(0, candidate.open_mark - 12), candidate.open_mark):
        return False  # "a so-called \"daily completion target\"": a term someone uses, said by no one here
    if not _is_title_or_name(text[candidate.start : candidate.end]):
        candidate.fragment = candidate.words < _MIN_STATEMENT_WORDS and not candidate.utterance_shaped
        return True
    inner = text[candidate.start : candidate.after_close].rstrip(" \t\"“”„'")
    candidate.title_like = candidate.closed and inner[-1:] in {",", "!", "?"}
    return candidate.title_like


def _is_title_or_name(quoted: str) -> bool:
    """True for "Million Dollar Baby", "Longhorn", "Next Generation Secure Computing Base"."""
    words = quoted.rstrip(".!?,;: ").split()
    if not words or len(words) > 12:
        return False
    capitalised = 0
    for word in words:
        letter = next((ch for ch in word if ch.isalpha()), None)
        if letter is None:
            continue
        if letter.isupper():
            capitalised += 1
        elif word.lower() not in _TITLE_SMALL_WORDS:
            return False
    return capitalised > 0
