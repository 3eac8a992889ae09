"""Model annotations moved between processes: a parsed `Doc` packed into an array and the strings it uses.

The worker runs the model in a child process and reads its annotations in its own (see stream/model_runner.py).
spaCy's `DocBin` would do, but it compresses every batch and walks every token in Python, which cost four
times as much in the process that runs the model; this keeps only what the enrichment reads (text, tags,
morphology, entities, sentence starts, lemmas the attribute ruler set, and the parse of its speech sentences,
`syntax.Syntax`) and rebuilds the `Doc` against the receiving pipeline's vocabulary, so its lemmatizer serves
`lemmas.lemma_of` there.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from spacy.attrs import ENT_IOB, ENT_TYPE, LEMMA, MORPH, NORM, ORTH, POS, SENT_START, SPACY, TAG
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .syntax import USER_DATA_KEY, Syntax, attach_syntax

_ATTRIBUTES = [ORTH, SPACY, TAG, POS, MORPH, ENT_IOB, ENT_TYPE, SENT_START, LEMMA, NORM]
# Columns holding string hashes: the receiving vocabulary needs each of their strings.
_STRING_COLUMNS = [_ATTRIBUTES.index(attribute) for attribute in (ORTH, TAG, MORPH, ENT_TYPE, LEMMA, NORM)]
_ANNOTATIONS = _ATTRIBUTES[2:]  # set on the rebuilt Doc; ORTH and SPACY make its words


@dataclass(frozen=True, slots=True)
class PackedDoc:
    """One parsed text: a row of `_ATTRIBUTES` per token, and the strings behind its hashes."""

    array: np.ndarray
    strings: list[str]
    syntax: Syntax | None = None


def pack(doc: Doc) -> PackedDoc:
    array = doc.to_array(_ATTRIBUTES)
    store = doc.vocab.strings
    hashes = np.unique(array[:, _STRING_COLUMNS])
    # (spaCy's type stub lets a StringStore hold only str keys; it takes hashes too.)
    syntax = doc.user_data.get(USER_DATA_KEY)
    return PackedDoc(array=array, strings=[store[int(value)] for value in hashes
                                           if value and int(value) in store],  # type: ignore[operator]
                     syntax=syntax if isinstance(syntax, Syntax) else None)


def unpack(packed: PackedDoc, vocab: Vocab) -> Doc:
    """The `Doc` that was packed, its tokens in `vocab`; its text is exactly the packed one's."""
    store = vocab.strings
    for string in packed.strings:
        store.add(string)
    array = packed.array
    words = [store[int(value)] for value in array[:, 0]]
    doc = Doc(vocab, words=words, spaces=array[:, 1].astype(bool).tolist())
    if len(words):
        doc.from_array(_ANNOTATIONS, array[:, 2:])  # type: ignore[arg-type]  # (Ints2d is an ndarray)
    if packed.syntax is not None:
        attach_syntax(doc, packed.syntax)
    return doc
