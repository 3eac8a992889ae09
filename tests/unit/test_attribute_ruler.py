"""The compiled attribute ruler against spaCy's AttributeRuler, on made-up patterns and documents (no model).

Every test applies the same patterns with both components to copies of the same documents and compares
every token attribute either could set.
"""

from __future__ import annotations

import random

import pytest
import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from newsstream.enrichment import attribute_ruler
from newsstream.enrichment.attribute_ruler import (
    FACTORY,
    FastAttributeRuler,
    compile_patterns,
    replace_attribute_ruler,
)

# The shapes the English models use, plus the corners of the semantics: precedence between entries that
# set the same attribute, several patterns in one entry, `index` 1 / -1 / -2, conditions on DEP (0 on a
# document without a parse), IS_SPACE, IN / NOT_IN / REGEX, TEXT and lower-case keys.
PATTERNS = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": "NNS"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Plur"}},
    {"patterns": [[{"TAG": "DT"}]], "attrs": {"POS": "DET", "MORPH": "_"}},
    {"patterns": [[{"TAG": "CC"}]], "attrs": {"POS": "CCONJ", "MORPH": "ConjType=Cmp"}},
    {"patterns": [[{"TAG": "VBZ"}]], "attrs": {"POS": "VERB", "MORPH": "Number=Sing|Person=3|Tense=Pres"}},
    {"patterns": [[{"TAG": "_SP"}]], "attrs": {"POS": "SPACE", "MORPH": "_"}},
    {"patterns": [[{"TAG": "CC", "LOWER": "but", "DEP": "advmod"}]], "attrs": {"POS": "ADV"}},
    {"patterns": [[{"TAG": "DT", "LOWER": "the"}]], "attrs": {"MORPH": "Definite=Def|PronType=Art"}},
    {"patterns": [[{"TAG": "NN", "LOWER": "something"}]],
     "attrs": {"POS": "PRON", "MORPH": "Number=Sing|PronType=Ind"}},
    {"patterns": [[{"TAG": "VBZ", "LOWER": {"IN": ["is", "'s"]}}]], "attrs": {"LEMMA": "be", "POS": "AUX"}},
    {"patterns": [[{"LOWER": {"REGEX": "^n[ou]thin'?$"}}]], "attrs": {"LEMMA": "nothing"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "go"}, "index": 0},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
    {"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "'s"]}}]], "attrs": {"POS": "VERB"}, "index": -1},
    {"patterns": [[{"LOWER": "a"}, {}, {"TAG": "NN"}]], "attrs": {"NORM": "a-thing"}, "index": -2},
    {"patterns": [[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux", "auxpass"]}}]], "attrs": {"POS": "AUX"}},
    {"patterns": [[{"DEP": {"NOT_IN": ["det", ""]}, "TAG": {"IN": ["DT", "WDT"]}}]], "attrs": {"POS": "PRON"}},
    {"patterns": [[{"TAG": "VBZ", "LOWER": "gets"}], [{"TAG": "VBD", "text": "got"}]], "attrs": {"LEMMA": "get"}},
    # Later entries win: this one overrides the NN entry's POS for "thing", and the DT one's MORPH.
    {"patterns": [[{"lower": "thing"}], [{"LOWER": "a", "TAG": "DT"}]], "attrs": {"POS": "X", "MORPH": "Foo=Bar"}},
    {"patterns": [[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]], "attrs": {"DEP": "dep"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE", "MORPH": "_"}},
    {"patterns": [[{"TAG": "_SP", "IS_SPACE": False}]], "attrs": {"POS": "X", "MORPH": "_"}},
]
WORDS = ["the", "The", "a", "thing", "something", "but", "is", "'s", "gets", "got", "gon", "na", "nothin'",
         "nuthin", "there", " ", "\n\n", "cats", "ran"]
TAGS = ["NN", "NNS", "DT", "CC", "VBZ", "VBD", "_SP", "TO", "WDT", "IN"]
DEPS = ["advmod", "det", "expl", "aux", "nsubj", "ROOT", "dep"]


def rulers(patterns: list[dict]) -> tuple[spacy.Language, AttributeRuler, FastAttributeRuler]:
    nlp = spacy.blank("en")
    reference = AttributeRuler(nlp.vocab)
    reference.add_patterns(patterns)
    fast = FastAttributeRuler(nlp.vocab)
    fast.add_patterns(patterns)
    return nlp, reference, fast


def token_view(doc: Doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.norm_) for t in doc]


def random_docs(nlp: spacy.Language, count: int, *, parsed: bool) -> list[Doc]:
    rng = random.Random(7 + parsed)
    docs = []
    for _ in range(count):
        n = rng.randint(1, 12)
        words = [rng.choice(WORDS) for _ in range(n)]
        tags = [rng.choice(TAGS) for _ in range(n)]
        if parsed:
            docs.append(Doc(nlp.vocab, words=words, tags=tags, heads=[0] * n,
                            deps=[rng.choice(DEPS) for _ in range(n)]))
        else:
            docs.append(Doc(nlp.vocab, words=words, tags=tags))
    return docs


@pytest.mark.parametrize("parsed", [False, True], ids=["unparsed", "parsed"])
def test_same_tokens_as_spacy_on_random_documents(parsed):
    nlp, reference, fast = rulers(PATTERNS)
    assert fast.unsupported is None
    for doc in random_docs(nlp, 400, parsed=parsed):
        expected = reference(doc.copy())
        actual = fast(doc.copy())
        assert token_view(actual) == token_view(expected), [t.text for t in doc]


def test_semantics_on_a_hand_made_document():
    nlp, reference, fast = rulers(PATTERNS)
    words = ["The", "thing", "but", "something", "is", "gon", "na", "a", "big", "thing", "\n\n", "got"]
    tags = ["DT", "NN", "CC", "NN", "VBZ", "VBG", "TO", "DT", "JJ", "NN", "NN", "VBD"]
    doc = fast(Doc(nlp.vocab, words=words, tags=tags))
    assert token_view(doc) == token_view(reference(Doc(nlp.vocab, words=words, tags=tags)))
    the, thing, but, something, is_, gon, na, a, big, _, space, got = doc
    assert (the.pos_, str(the.morph)) == ("DET", "Definite=Def|PronType=Art")
    assert (thing.pos_, str(thing.morph)) == ("X", "Foo=Bar")  # the later entry wins
    assert but.pos_ == "CCONJ"  # the `DEP: advmod` exception needs a parse
    assert (something.pos_, str(something.morph)) == ("PRON", "Number=Sing|PronType=Ind")
    assert (is_.lemma_, is_.pos_) == ("be", "AUX")
    assert (gon.lemma_, na.lemma_) == ("go", "to")
    assert (str(a.morph), a.norm_, big.norm_) == ("Foo=Bar", "a", "a-thing")  # index -2 of "a big thing"
    assert (space.tag_, space.pos_, space.dep_) == ("_SP", "SPACE", "")  # DEP NOT_IN [""] fails unparsed
    assert got.lemma_ == "get"


def test_a_dependency_condition_matches_on_a_parsed_document():
    nlp, reference, fast = rulers(PATTERNS)
    make = lambda: Doc(nlp.vocab, words=["there", "is", "but", "\n"], tags=["EX", "VBZ", "CC", "_SP"],
                       heads=[1, 1, 1, 1], deps=["expl", "ROOT", "advmod", "punct"])
    doc = fast(make())
    assert token_view(doc) == token_view(reference(make()))
    assert [t.pos_ for t in doc] == ["", "VERB", "ADV", "SPACE"] and doc[3].dep_ == "dep"


@pytest.mark.parametrize("cache_size", [100_000, 5])
def test_the_cache_does_not_change_results(monkeypatch, cache_size):
    monkeypatch.setattr(attribute_ruler, "_CACHE_SIZE", cache_size)
    nlp, reference, fast = rulers(PATTERNS)
    docs = random_docs(nlp, 100, parsed=False)
    first = [token_view(fast(doc.copy())) for doc in docs]
    assert 0 < len(fast.compiled().cache) <= cache_size
    assert [token_view(fast(doc.copy())) for doc in docs] == first
    assert first == [token_view(reference(doc.copy())) for doc in docs]


def test_empty_documents_and_no_patterns():
    nlp, reference, fast = rulers(PATTERNS)
    assert len(fast(Doc(nlp.vocab, words=[]))) == 0
    nlp, reference, fast = rulers([{"patterns": [[{}]], "attrs": {"LEMMA": "x"}}])
    assert [t.lemma_ for t in fast(Doc(nlp.vocab, words=["a", "b"]))] == ["x", "x"]


@pytest.mark.parametrize("pattern", [
    {"patterns": [[{"LOWER": "a", "OP": "+"}]], "attrs": {"LEMMA": "x"}},
    {"patterns": [[{"LOWER": {"FUZZY": "apple"}}]], "attrs": {"LEMMA": "x"}},
    {"patterns": [[{"LENGTH": {">=": 3}}]], "attrs": {"LEMMA": "x"}},
    {"patterns": [[{"MORPH": {"IS_SUPERSET": ["Number=Sing"]}}]], "attrs": {"LEMMA": "x"}},
    {"patterns": [[{"IS_SENT_START": True}]], "attrs": {"LEMMA": "x"}},
    {"patterns": [[{"LOWER": "a"}]], "attrs": {"IS_STOP": True}},  # written on the lexeme
    {"patterns": [[{"LOWER": "a"}]], "attrs": {"LEMMA": "x"}, "index": 1},  # out of the match
], ids=["operator", "fuzzy", "comparison", "morph-set", "sent-start", "lexeme-attr", "index"])
def test_a_pattern_it_cannot_compile_runs_through_the_matcher(pattern):
    nlp, reference, fast = rulers(PATTERNS + [pattern])
    assert fast.unsupported is not None and fast.compiled() is None
    if pattern.get("index", 0) != 0:  # spaCy's error, from either component
        for ruler in (reference, fast):
            with pytest.raises(ValueError, match="E1001"):
                ruler(Doc(nlp.vocab, words=["a"]))
        return
    for doc in random_docs(nlp, 50, parsed=False):
        assert token_view(fast(doc.copy())) == token_view(reference(doc.copy()))


def test_compiling_again_after_patterns_change():
    nlp, _, fast = rulers(PATTERNS)
    assert fast.compiled() is not None
    fast.add([[{"LOWER": "a", "OP": "?"}]], {"LEMMA": "x"})
    assert fast.unsupported is not None
    fast.clear()
    fast.add_patterns(PATTERNS)
    assert fast.unsupported is None and len(compile_patterns(fast).entry_attrs) == len(PATTERNS)


def test_replace_keeps_spacys_component_when_a_pattern_cannot_be_compiled():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(PATTERNS + [{"patterns": [[{"LOWER": "a", "OP": "+"}]], "attrs": {"LEMMA": "x"}}])
    assert "OP" in replace_attribute_ruler(nlp)
    assert nlp.pipe_names == ["attribute_ruler"]


def test_replace_puts_the_compiled_patterns_in_the_same_place():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("attribute_ruler").add_patterns(PATTERNS)
    nlp.add_pipe("entity_ruler")
    assert replace_attribute_ruler(nlp) is None
    assert nlp.pipe_names == ["sentencizer", FACTORY, "entity_ruler"]
    fast = nlp.get_pipe(FACTORY)
    reference = AttributeRuler(nlp.vocab)
    reference.add_patterns(PATTERNS)
    assert fast.patterns == reference.patterns and fast.unsupported is None
