"""A dependency parse of the sentences that may report speech, and nothing else.

Who said a quote is a question of sentence structure (the subject of a speech verb, "A told B", "according
to X", the verb whose complement holds a quoted fragment), and the model's dependency parser answers it.
Parsing every sentence would cost about a quarter of the model's time, and most sentences report no speech:
`SpeechParser`, a pipeline component after the entity recogniser, runs the model's own parser only over the
sentences that hold a quote mark, a colon, or a word that can introduce speech, about two fifths of a news
article's tokens, for a tenth of the model's time.

The sentences chosen from one document are parsed together as one document that keeps the sentence
boundaries the pipeline found, and reads the token vectors the pipeline already computed over the whole
text (`doc.tensor`), so each sentence is parsed in its full context. The result, `Syntax`, lives beside
the document (`syntax_of(doc)`) and not in its heads: setting heads would make spaCy re-derive the sentence
boundaries of the whole document from a partial parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from .datelines import dateline_at, is_paragraph_start

FACTORY = "newsstream_speech_parser"
USER_DATA_KEY = "newsstream_syntax"
NOT_PARSED = -1

# A sentence is parsed when one of its tokens (lower-cased) is a quote mark, a colon, or a form of a word that
# can introduce or frame reported speech. Kept broad: a sentence parsed in vain costs little, one missed
# leaves its quote to the fallbacks.
_SPEECH_CUE = re.compile(
    r"""["“”„:]|''|according|
    (?:say|said|says|saying|tell|told|tells|telling|add|added|adds|adding|ask|asked|asks|asking|
    reply|replied|replies|answer|answered|answers|respond|responded|responds|
    warn|warned|warns|insist|insisted|insists|argue|argued|argues|claim|claimed|claims|
    call|called|calls|describe|described|describes|dub|dubbed|brand|branded|label|labelled|labeled|
    admit|admitted|admits|explain|explained|explains|state|stated|states|note|noted|notes|
    announce|announced|announces|declare|declared|declares|confirm|confirmed|confirms|
    deny|denied|denies|accuse|accused|accuses|urge|urged|urges|suggest|suggested|suggests|
    write|wrote|writes|written|comment|commented|comments|continue|continued|continues|
    insist|concede|conceded|concedes|retort|retorted|retorts|hit|quip|quipped|joke|joked|jokes|
    point|points|pointed|pointing|spell|spells|spelled|spelt|
    statement|interview|spokesman|spokeswoman|spokesperson)$""",
    re.VERBOSE,
)


@dataclass(slots=True)
class Syntax:
    """Heads and dependency labels of a document's parsed tokens (`NOT_PARSED` elsewhere).

    `heads[i]` is the index in the document of token i's head (itself for a root); `deps[i]` indexes
    `labels`.
    """

    heads: np.ndarray
    deps: np.ndarray
    labels: tuple[str, ...]
    _children: dict[int, list[int]] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def empty(cls, length: int, labels: tuple[str, ...] = ()) -> Syntax:
        return cls(np.full(length, NOT_PARSED, dtype=np.int32), np.full(length, NOT_PARSED, dtype=np.int16),
                   labels)

    def __len__(self) -> int:
        return len(self.heads)

    def is_parsed(self, i: int) -> bool:
        return bool(self.heads[i] != NOT_PARSED)

    def head(self, i: int) -> int:
        """Token i's head (i itself for a root or a token that was not parsed)."""
        head = int(self.heads[i])
        return i if head == NOT_PARSED else head

    def dep(self, i: int) -> str:
        """Token i's dependency label ("" when not parsed)."""
        dep = int(self.deps[i])
        return "" if dep == NOT_PARSED else self.labels[dep]

    def children(self, i: int) -> list[int]:
        """Token i's dependents, in text order (none when it was not parsed)."""
        if self._children is None:
            self._children = {}
            for k in np.flatnonzero(self.heads != NOT_PARSED).tolist():
                head = int(self.heads[k])
                if head != k:
                    self._children.setdefault(head, []).append(k)
        return self._children.get(i, [])


def syntax_of(doc: Doc) -> Syntax:
    """The parse `SpeechParser` stored for `doc` (an empty one for a document it did not see)."""
    syntax = doc.user_data.get(USER_DATA_KEY)
    return syntax if isinstance(syntax, Syntax) else Syntax.empty(len(doc))


def attach_syntax(doc: Doc, syntax: Syntax) -> None:
    if len(syntax) != len(doc):
        raise ValueError(f"a parse of {len(syntax)} tokens cannot belong to a document of {len(doc)}")
    doc.user_data[USER_DATA_KEY] = syntax


def speech_sentences(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) token ranges of the sentences that may report speech. A paragraph break ends a sentence
    even where the sentence recogniser ran on (a quote's paragraph and the next one's attribution), and a
    wire story's dateline is not part of its first sentence (else `OSLO` parses as the subject of `said`)."""
    chosen = []
    text = doc.text  # built anew by every access
    for sentence in doc.sents:
        start = _after_dateline(doc, text, sentence.start, sentence.end)
        for i in range(start, sentence.end + 1):
            if i == sentence.end or (doc[i].is_space and "\n\n" in doc[i].text.replace("\r", "")):
                end = i + 1 if i < sentence.end else i
                if any(_SPEECH_CUE.match(token.lower_) for token in doc[start:end]):
                    chosen.append((start, end))
                start = _after_dateline(doc, text, end, sentence.end)
    return chosen


def _after_dateline(doc: Doc, text: str, start: int, end: int) -> int:
    """The first token after the dateline that opens the sentence at `start`, or `start`."""
    if start >= len(doc):
        return start
    offset = doc[start].idx
    dateline = dateline_at(text, offset) if is_paragraph_start(text, offset) else None
    if dateline is None:
        return start
    k = start
    while k < end and doc[k].idx < dateline.end:
        k += 1
    return k


class SpeechParser:
    """Runs the pipeline's (disabled) dependency parser over the speech sentences of each document."""

    def __init__(self, nlp: Language, name: str = FACTORY, parser: str = "parser") -> None:
        self.name = name
        self.parser_name = parser
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._parse(batch)
                batch = []
        if batch:
            yield from self._parse(batch)

    def _parse(self, docs: Sequence[Doc]) -> list[Doc]:
        parser = self.nlp.get_pipe(self.parser_name)
        labels = tuple(parser.labels)  # type: ignore[attr-defined]
        label_index = {label: index for index, label in enumerate(labels)}
        extracts = [_extract(doc) for doc in docs]
        parsed = iter(parser.pipe([extract for extract, _ in extracts if extract is not None]))  # type: ignore[attr-defined]
        for doc, (extract, positions) in zip(docs, extracts, strict=True):
            syntax = Syntax.empty(len(doc), labels)
            if extract is not None:
                done = next(parsed)
                heads = done.to_array("HEAD").astype(np.int64)  # relative offsets
                local = np.arange(len(done)) + heads
                syntax.heads[positions] = positions[local]
                syntax.deps[positions] = [label_index.get(token.dep_, NOT_PARSED) for token in done]
            attach_syntax(doc, syntax)
        return list(docs)


def _extract(doc: Doc) -> tuple[Doc | None, np.ndarray]:
    """The speech sentences of `doc` as one document sharing its token vectors, and each token's position in
    `doc`."""
    ranges = speech_sentences(doc)
    if not ranges or doc.tensor is None or not doc.tensor.size:
        return None, np.empty(0, dtype=np.int64)
    positions = np.concatenate([np.arange(start, end) for start, end in ranges])
    starts = {0}
    offset = 0
    for start, end in ranges:
        starts.add(offset)
        offset += end - start
    tokens = [doc[int(i)] for i in positions]
    extract = Doc(doc.vocab, words=[token.text for token in tokens],
                  spaces=[bool(token.whitespace_) for token in tokens],
                  sent_starts=[index in starts for index in range(len(tokens))])
    extract.tensor = doc.tensor[positions]
    return extract, positions


def register_factory() -> None:
    """Register the `newsstream_speech_parser` factory with spaCy (idempotent)."""
    if not Language.has_factory(FACTORY):
        Language.factory(FACTORY, default_config={"parser": "parser"}, func=_make_speech_parser)


def _make_speech_parser(nlp: Language, name: str, parser: str) -> SpeechParser:
    return SpeechParser(nlp, name, parser)


def add_speech_parser(nlp: Language, parser: str = "parser") -> bool:
    """Parse the speech sentences of every document after `nlp`'s last component. False (nothing added)
    when `nlp` has no parser."""
    if parser not in nlp.component_names:
        return False
    if parser in nlp.pipe_names:
        nlp.disable_pipe(parser)
    register_factory()
    nlp.add_pipe(FACTORY, name=FACTORY, last=True, config={"parser": parser})
    return True
