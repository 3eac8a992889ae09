"""`load_pipeline` annotates exactly as the model's own components would, only cheaper.

The reference is the configuration `load_pipeline` used before the compiled attribute ruler and the
on-demand lemmas: tok2vec, tagger, senter, spaCy's attribute_ruler, lemmatizer and ner, parser disabled.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsstream.enrichment.attribute_ruler import FACTORY
from newsstream.enrichment.lemmas import lemma_of, lemmatize_on_demand
from newsstream.enrichment.nlp import DEFAULT_MODEL, pipeline_description
from newsstream.enrichment.syntax import FACTORY as SPEECH_PARSER

ORIGINAL_COMPONENTS = ["tok2vec", "tagger", "senter", "attribute_ruler", "lemmatizer", "ner"]


@pytest.fixture(scope="module")
def original() -> Language:
    nlp = spacy.load(DEFAULT_MODEL)
    nlp.disable_pipe("parser")
    nlp.enable_pipe("senter")
    assert nlp.pipe_names == ORIGINAL_COMPONENTS
    return nlp


def original_view(doc: Doc) -> list[tuple]:
    return [(t.i, t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.is_sent_start) for t in doc]


def view(doc: Doc) -> list[tuple]:
    return [(t.i, t.text, t.tag_, t.pos_, str(t.morph), lemma_of(t), t.is_sent_start) for t in doc]


def entities(doc: Doc) -> list[tuple]:
    return [(e.start, e.end, e.label_) for e in doc.ents]


def assert_same(expected: Doc, actual: Doc, name: str) -> None:
    want, got = original_view(expected), view(actual)
    assert len(got) == len(want), name
    wrong = [(w, g) for w, g in zip(want, got) if w != g]
    assert not wrong, f"{name}: {len(wrong)} tokens differ, first (original, new): {wrong[:3]}"
    assert entities(actual) == entities(expected), name


def test_the_configured_components(nlp, original):
    assert nlp.pipe_names == ["tok2vec", "tagger", "senter", FACTORY, "ner", SPEECH_PARSER]
    assert {"parser", "lemmatizer"} <= set(nlp.disabled)
    ruler = nlp.get_pipe(FACTORY)
    assert ruler.unsupported is None  # every pattern of the model is compiled
    assert ruler.patterns == original.get_pipe("attribute_ruler").patterns
    assert pipeline_description(nlp)["components"] == ["tok2vec", "tagger", "senter", FACTORY, "ner", SPEECH_PARSER]


def test_same_annotations_as_the_models_own_components_on_the_corpus(nlp, original, corpus_files):
    # 82 articles spread over the sorted sections (entertainment, sport, tech).
    paths: list[Path] = corpus_files[::16]
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in paths]
    pairs = zip(paths, original.pipe(texts, batch_size=32), nlp.pipe(texts, batch_size=32), strict=True)
    for path, expected, actual in pairs:
        assert_same(expected, actual, path.name)


SENTENCES = [
    "He said something, but nothing happened to anyone.",
    "A man and the dog were there; it's been raining and I'd gone.",
    "They can't find her.\n\nThat was what we'd feared: these buses, those bases.",
    "You gotta admit it ain't gonna work, y'all. Let's go.",
]


def test_same_annotations_on_hand_written_exceptions(nlp, original):
    for text in SENTENCES:
        assert_same(original(text), nlp(text), text)


def test_exception_patterns_hold(nlp):
    def token(doc: Doc, text: str):
        return next(t for t in doc if t.text == text)

    doc = nlp(SENTENCES[0])
    assert (token(doc, "something").tag_, token(doc, "something").pos_) == ("NN", "PRON")
    assert str(token(doc, "something").morph) == "Number=Sing|PronType=Ind"
    # "but" as CC is an adverb only with DEP advmod, which needs the (disabled) parser.
    assert (token(doc, "but").tag_, token(doc, "but").pos_, str(token(doc, "but").morph)) == (
        "CC", "CCONJ", "ConjType=Cmp")
    doc = nlp(SENTENCES[1])
    assert str(token(doc, "A").morph) == "Definite=Ind|PronType=Art"
    assert str(token(doc, "the").morph) == "Definite=Def|PronType=Art"
    assert (token(doc, "were").pos_, token(doc, "were").lemma_) == ("AUX", "be")  # lemma set by the ruler
    assert (token(doc, "'d").lemma_, token(doc, "I").lemma_) == ("would", "I")
    assert token(doc, "raining").lemma_ == "" and lemma_of(token(doc, "raining")) == "rain"  # on demand
    doc = nlp(SENTENCES[2])
    assert (token(doc, "\n\n").tag_, token(doc, "\n\n").pos_) == ("_SP", "SPACE")
    assert (token(doc, "ca").lemma_, token(doc, "n't").lemma_, token(doc, "n't").pos_) == ("can", "not", "PART")
    assert lemma_of(token(doc, "bases")) == "basis" and lemma_of(token(doc, "buses")) == "bus"
    doc = nlp(SENTENCES[3])  # two-token patterns: "gon na", "got ta", "ai n't", "y' all", "Let 's"
    assert [lemma_of(token(doc, t)) for t in ("gon", "na", "ta", "ai", "y'", "'s")] == [
        "go", "to", "to", "be", "you", "us"]


@pytest.fixture(scope="module")
def lookups(nlp):
    return nlp.get_pipe("lemmatizer").lookups


def blank_with_lemmatizer(lookups, *, overwrite: bool) -> Language:
    blank = spacy.blank("en")
    lemmatizer = blank.add_pipe("lemmatizer", config={"mode": "rule", "overwrite": overwrite})
    lemmatizer.initialize(lookups=lookups)
    assert lemmatize_on_demand(blank)
    assert "lemmatizer" in blank.disabled
    return blank


@pytest.mark.parametrize("overwrite", [False, True])
def test_lemma_of_follows_the_lemmatizers_overwrite_setting(lookups, overwrite):
    blank = blank_with_lemmatizer(lookups, overwrite=overwrite)
    doc = Doc(blank.vocab, words=["geese", "ran", "flying"], pos=["NOUN", "VERB", "VERB"],
              lemmas=["", "RAN", ""], morphs=["Number=Plur", "Tense=Past|VerbForm=Fin", "VerbForm=Ger"])
    assert [lemma_of(t) for t in doc] == ["goose", "run" if overwrite else "RAN", "fly"]
    assert [t.lemma_ for t in doc] == ["", "RAN", ""]  # nothing is written


def test_lemma_of_without_an_on_demand_lemmatizer_reads_the_token():
    blank = spacy.blank("en")
    assert not lemmatize_on_demand(blank)
    doc = Doc(blank.vocab, words=["geese", "were"], lemmas=["goose", ""])
    assert [lemma_of(t) for t in doc] == ["goose", ""]
