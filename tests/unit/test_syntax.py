"""The speech parser: only the sentences that may report speech are parsed, each within its own bounds."""

from __future__ import annotations

import numpy as np
from spacy.language import Language

from newsstream.enrichment.syntax import NOT_PARSED, Syntax, speech_sentences, syntax_of

TEXT = (
    "Rain fell on Leeds all day. \"We will win,\" Kirby told reporters on Monday.\n\n"
    "The match starts at three. Mr Smith told Ms Jones: \"It is over.\""
)


def test_only_sentences_that_may_report_speech_are_parsed(nlp: Language) -> None:
    doc = nlp(TEXT)
    syntax = syntax_of(doc)
    chosen = speech_sentences(doc)
    assert [doc[start:end].text.strip() for start, end in chosen] == [
        "\"We will win,\" Kirby told reporters on Monday.", "Mr Smith told Ms Jones: \"It is over.\""]
    parsed = {i for start, end in chosen for i in range(start, end) if not doc[i].is_space}
    assert {i for i in range(len(doc)) if syntax.is_parsed(i) and not doc[i].is_space} == parsed
    for start, end in chosen:  # every head stays inside its own sentence
        assert all(start <= syntax.head(i) < end for i in range(start, end))


def test_the_parse_says_who_tells_whom(nlp: Language) -> None:
    doc = nlp(TEXT)
    syntax = syntax_of(doc)
    told = [t.i for t in doc if t.text == "told"]
    subjects = [[doc[c].text for c in syntax.children(verb) if syntax.dep(c) == "nsubj"] for verb in told]
    objects = [[doc[c].text for c in syntax.children(verb) if syntax.dep(c) in ("dobj", "dative")] for verb in told]
    assert subjects == [["Kirby"], ["Smith"]]
    assert objects == [["reporters"], ["Jones"]]


def test_a_paragraph_break_ends_a_parsed_sentence(nlp: Language) -> None:
    doc = nlp("\"I look forward to it.\"\n\nMr Boateng said: \"I am honoured.\"")
    chosen = speech_sentences(doc)
    assert len(chosen) == 2
    assert "\n\n" in doc[chosen[0][0]:chosen[0][1]].text and "Boateng" in doc[chosen[1][0]:chosen[1][1]].text


def test_syntax_helpers() -> None:
    syntax = Syntax(heads=np.array([1, 1, 1, NOT_PARSED]), deps=np.array([0, 1, 2, NOT_PARSED], dtype=np.int16),
                    labels=("nsubj", "ROOT", "dobj"))
    assert syntax.children(1) == [0, 2]
    assert syntax.dep(3) == "" and syntax.head(3) == 3 and not syntax.is_parsed(3)
    assert syntax.children(3) == []
