"""Speech cues found on the parse: the word that reports a quote, and the head of its source."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsstream.enrichment.speech import cue_of_quote, is_listed_term
from newsstream.enrichment.syntax import syntax_of


def cue_and_source(nlp: Language, text: str, quoted: str, *others: str) -> tuple[str | None, str | None]:
    """(cue word, source word) of the quote whose words are `quoted`; `others` are the words of other quotes."""
    doc = nlp(text)

    def tokens(words: str) -> range:
        start = text.index(words)
        first = next(t.i for t in doc if t.idx >= start)
        return range(first, next((t.i for t in doc if t.idx >= start + len(words)), len(doc)))

    quote = tokens(quoted)
    elsewhere = {i for words in others for i in tokens(words)}
    cue = cue_of_quote(doc, syntax_of(doc), quote.start, quote.stop, elsewhere)
    if cue is None:
        return None, None
    return doc[cue.token].text, None if cue.source is None else doc[cue.source].text


@pytest.mark.parametrize(("text", "quoted", "expected"), [
    ('"We will win," Kirby said.', "We will win", ("said", "Kirby")),
    ('"We will win," said Kirby.', "We will win", ("said", "Kirby")),
    ('Mr Smith told Ms Jones: "It is over."', "It is over.", ("told", "Smith")),
    ('Labour called the plan "absolutely rubbish".', "absolutely rubbish", ("called", "Labour")),
    ('Mr Blair told MPs he was "deeply concerned" about the plan.', "deeply concerned", ("told", "Blair")),
    ('The minister described it as "a disgraceful waste".', "a disgraceful waste", ("described", "minister")),
    ('Mr Howard hit back, saying the claims were "ludicrous".', "ludicrous", ("saying", "Howard")),
    ('He was quoted as saying "the deal is off".', "the deal is off", ("saying", "He")),
    ('"It is over," said the minister, John Smith.', "It is over", ("said", "minister")),
    ('A claim by Peter Hain that he acts like an "attack mongrel" shows Labour is rattled.', "attack mongrel",
     ("claim", "Hain")),
])
def test_the_cue_and_its_source(nlp: Language, text: str, quoted: str, expected: tuple[str, str]) -> None:
    assert cue_and_source(nlp, text, quoted) == expected


def test_a_quote_no_word_reports_has_no_cue(nlp: Language) -> None:
    assert cue_and_source(nlp, 'Its reputation as "an island of democracy" is fading.', "an island of democracy") \
        == (None, None)
    assert cue_and_source(nlp, 'The so-called "stealth tax" rose again.', "stealth tax") == (None, None)


def test_a_passive_without_an_agent_names_no_source(nlp: Language) -> None:
    assert cue_and_source(nlp, 'The plan was called "a shambles" last week.', "a shambles") == ("called", None)


def test_words_of_another_quote_are_never_the_cue(nlp: Language) -> None:
    text = '"Even makers will not sell speed," he said, "they\'ll emphasise features."'
    assert cue_and_source(nlp, text, "Even makers will not sell speed", "they'll emphasise features.") == (
        "said", "he")


def test_terms_listed_with_other_nouns_are_not_reported_words(nlp: Language) -> None:
    text = 'It added that it would discuss transparency measures and "reciprocal commitments" with Russia.'
    doc = nlp(text)
    start = text.index("reciprocal")
    first = next(t.i for t in doc if t.idx == start)
    assert is_listed_term(doc, syntax_of(doc), first, first + 2)
    text = 'Mr Blair said he was "deeply concerned".'
    doc = nlp(text)
    first = next(t.i for t in doc if t.text == "deeply")
    assert not is_listed_term(doc, syntax_of(doc), first, first + 2)
