"""The per-document views the figure finder reads and the state it keeps.
`_Tokens` holds plain lists of the token attributes (fetched once per document), `_Sentences` maps a
character offset to the text of its sentence, and `_State` carries both with the figures found so far and
the nouns counted by earlier numbers.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal

from spacy.tokens import Doc

from newsstream.enrichment.lemmas import lemma_of
from newsstream.enrichment.records import Figure

from .vocabulary import MAX_SENTENCE_CHARS, _NEWLINE_RE


class _Tokens:
    """Plain lists of the token attributes this module reads, fetched once per document."""

    __slots__ = (
        "doc", "doc_text", "text", "lower", "tag", "pos", "idx", "end", "space", "ent", "ent_begins", "n",
    )

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.doc_text = doc.text  # built by joining tokens: fetch once
        self.text: list[str] = []
        self.lower: list[str] = []
        self.tag: list[str] = []
        self.pos: list[str] = []
        self.idx: list[int] = []
        self.space: list[bool] = []
        self.ent: list[str] = []
        self.ent_begins: list[bool] = []
        for token in doc:
            self.text.append(token.text)
            self.lower.append(token.lower_)
            self.tag.append(token.tag_)
            self.pos.append(token.pos_)
            self.idx.append(token.idx)
            self.space.append(bool(token.whitespace_))
            self.ent.append(token.ent_type_)
            self.ent_begins.append(token.ent_iob_ == "B")
        self.n = len(self.text)
        self.end = [start + len(text) for start, text in zip(self.idx, self.text)]

    def lower_at(self, i: int) -> str:
        return self.lower[i] if 0 <= i < self.n else ""

    def text_at(self, i: int) -> str:
        return self.text[i] if 0 <= i < self.n else ""

    def glued(self, i: int) -> bool:
        """True if token i is followed by token i+1 with no space between."""
        return 0 <= i < self.n - 1 and not self.space[i]

    def pos_at(self, i: int) -> str:
        return self.pos[i] if 0 <= i < self.n else ""

    def is_noun(self, i: int) -> bool:
        return 0 <= i < self.n and self.pos[i] == "NOUN"

    def is_plural_noun(self, i: int) -> bool:
        return 0 <= i < self.n and self.tag[i] in ("NNS", "NNPS") and self.text[i].isalpha()

    def lemma(self, i: int) -> str:
        return lemma_of(self.doc[i]).lower()


class _Sentences:
    """Maps a character offset to the text of its sentence.

    A sentence never crosses a line break: the statistical sentence splitter often runs a headline
    on its own line into the paragraph after it. A "sentence" longer than MAX_SENTENCE_CHARS is not
    prose (tables, lists, hostile input); the figure then gets a window of text around it, so the
    output stays linear in the input.
    """

    def __init__(self, doc: Doc, text: str) -> None:
        self._text = text
        if doc.has_annotation("SENT_START"):
            self._spans = [(sent.start_char, sent.end_char) for sent in doc.sents]
        else:  # a doc from a pipeline without a parser or senter: one sentence
            self._spans = [(0, len(text))]
        self._starts = [start for start, _ in self._spans]
        self._newlines = [match.start() for match in _NEWLINE_RE.finditer(text)]
        self._cache: dict[tuple[int, int], str] = {}

    def text_at(self, offset: int) -> str:
        index = max(bisect_right(self._starts, offset) - 1, 0)
        start, end = self._spans[index]
        line = bisect_right(self._newlines, offset)
        if line > 0:
            start = max(start, self._newlines[line - 1] + 1)
        if line < len(self._newlines):
            end = min(end, self._newlines[line])
        if end - start > MAX_SENTENCE_CHARS:
            half = MAX_SENTENCE_CHARS // 2
            start = max(start, offset - half)
            end = min(end, start + MAX_SENTENCE_CHARS)
        key = (start, end)
        sentence = self._cache.get(key)
        if sentence is None:
            sentence = self._cache[key] = self._text[start:end].strip()
        return sentence


@dataclass(slots=True)
class _State:
    toks: _Tokens
    sentences: _Sentences
    figures: list[Figure] = field(default_factory=list)
    nouns_by_value: dict[Decimal, str] = field(default_factory=dict)
