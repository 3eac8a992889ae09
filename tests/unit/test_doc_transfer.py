"""Documents packed in the model's process and rebuilt in another vocabulary read exactly as the originals."""

from __future__ import annotations

import dataclasses
import pickle

import orjson
import pytest

from newsstream.enrichment.doc_transfer import pack, unpack
from newsstream.enrichment.lemmas import lemma_of
from newsstream.enrichment.nlp import DEFAULT_MODEL, load_vocabulary, model_components
from newsstream.enrichment.parse import parse_raw_record
from newsstream.enrichment.pipeline import Enricher, ModelFailed, AnalysedTexts
from newsstream.enrichment.records import EnrichedArticle
from newsstream.enrichment.syntax import syntax_of
from newsstream.errors import EnrichmentError

from ..conftest import SAMPLE_ARTICLE

TEXTS = [
    SAMPLE_ARTICLE.read_text(encoding="utf-8"),
    "Rates rise\n\nThe Bank of England raised rates to 5.25%, Andrew Bailey said on Thursday. “We’ll act,” he "
    "added, as 2,000 jobs went at Müller's plant in Zürich.\n\n  Shares fell 3% on Friday. ",
    "",
]


@pytest.fixture(scope="module")
def vocabulary(nlp):
    return load_vocabulary(DEFAULT_MODEL)


def annotations(doc):
    syntax = syntax_of(doc)
    return ([(t.text, t.whitespace_, t.tag_, t.pos_, str(t.morph), t.is_sent_start, t.ent_iob_, t.ent_type_,
              lemma_of(t), syntax.head(t.i), syntax.dep(t.i)) for t in doc],
            [(e.start_char, e.end_char, e.label_) for e in doc.ents])


def test_a_rebuilt_document_has_the_text_and_every_annotation_the_enrichment_reads(nlp, vocabulary):
    assert vocabulary.component_names == ["lemmatizer"] and vocabulary.pipe_names == []
    assert vocabulary.vocab is not nlp.vocab
    for original in nlp.pipe(TEXTS):
        # Through pickle, as it crosses the process boundary.
        rebuilt = unpack(pickle.loads(pickle.dumps(pack(original))), vocabulary.vocab)
        assert rebuilt.text == original.text
        assert rebuilt.vocab is vocabulary.vocab
        assert annotations(rebuilt) == annotations(original)
    assert any(syntax_of(doc).is_parsed(0) or syntax_of(doc).deps.max() >= 0 for doc in nlp.pipe(TEXTS[:2]))


def records():
    return [parse_raw_record(orjson.dumps({"id": f"a{index}", "body": text}), max_bytes=10**6)
            for index, text in enumerate(TEXTS[:2])]


def without_timings(outcome):
    record = dataclasses.asdict(outcome)
    del record["processing"]
    return record


def test_annotating_rebuilt_documents_gives_the_records_of_the_whole_pipeline(nlp, vocabulary):
    whole = Enricher(nlp)
    split = Enricher(vocabulary, description=whole.description)
    batch = split.prepare(records())
    parsed = whole.analyse(batch.texts)
    rebuilt = AnalysedTexts(docs=[unpack(pack(doc), vocabulary.vocab) for doc in parsed.docs], seconds=parsed.seconds)
    outcomes = split.annotate(batch, rebuilt)
    expected = whole.enrich_batch(records())
    assert all(isinstance(outcome, EnrichedArticle) for outcome in outcomes)
    assert [without_timings(o) for o in outcomes] == [without_timings(o) for o in expected]
    assert outcomes[0].processing["components"] == whole.description["components"]
    assert outcomes[0].figures and outcomes[0].entities


def test_a_text_the_model_failed_on_is_that_records_error_only(nlp, vocabulary):
    split = Enricher(vocabulary)
    batch = split.prepare(records())
    docs = [ModelFailed("the enrichment process died on this record twice"),
            unpack(pack(nlp(batch.texts[1])), vocabulary.vocab)]
    first, second = split.annotate(batch, AnalysedTexts(docs=docs, seconds=0.1))
    assert isinstance(first, EnrichmentError)
    assert first.message == "the language model failed: the enrichment process died on this record twice"
    assert isinstance(second, EnrichedArticle)


def test_the_components_of_a_package_or_a_pipeline_on_disk_are_read_from_its_config(nlp, tmp_path):
    assert model_components(DEFAULT_MODEL) == ["tok2vec", "tagger", "parser", "senter", "attribute_ruler",
                                               "lemmatizer", "ner"]
    nlp.to_disk(tmp_path / "pipeline")
    assert model_components(str(tmp_path / "pipeline")) == nlp.component_names
    (tmp_path / "empty").mkdir()
    with pytest.raises(OSError, match="config.cfg"):
        model_components(str(tmp_path / "empty"))
