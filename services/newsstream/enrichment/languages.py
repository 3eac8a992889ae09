"""The languages newsstream enriches: for each, the steps that turn its model's document into entities,
figures, quotes and dates, and whether tone is scored. A language is enriched when NEWSSTREAM_MODELS names a
pipeline for it and it is registered here: a third language is one module (like enrichment/french/) and one
model package.

English is the primary language: its pipeline is the one the worker runs in its model process. The others'
pipelines are loaded at start in the process that annotates (`load_other_pipelines`) and parse their articles
there.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from .dates import extract_dates
from .entities import extract_entities
from .figures import extract_figures
from .french import (extract_french_dates, extract_french_entities, extract_french_figures, extract_french_quotes,
                     start_sentences_at_paragraphs)
from .given_names import world_given_names
from .nlp import load_model
from .quotes import extract_quotes
from .records import DateMention, Entity, Figure, Quote

log = logging.getLogger(__name__)
PRIMARY = "en"


@dataclass(frozen=True, slots=True)
class LanguageSteps:
    entities: Callable[[Doc, int, Sequence[str]], list[Entity]]  # (doc, title_end, contributors)
    figures: Callable[[Doc], list[Figure]]
    quotes: Callable[[Doc, list[Entity]], list[Quote]]
    dates: Callable[[Doc, str | None], list[DateMention]]  # (doc, published_at)
    tone: bool  # VADER's lexicon is English
    prepare: Callable[[Language], None] | None = None  # what the loaded pipeline needs added before it runs


def _prepare_french(pipeline: Language) -> None:
    start_sentences_at_paragraphs(pipeline)
    world_given_names()  # read the world lists of given names now, not on the first French article


LANGUAGES: dict[str, LanguageSteps] = {
    "en": LanguageSteps(
        entities=lambda doc, title_end, contributors: extract_entities(doc, title_end=title_end,
                                                                       contributors=contributors),
        figures=extract_figures, quotes=extract_quotes, dates=extract_dates, tone=True),
    "fr": LanguageSteps(
        entities=lambda doc, title_end, contributors: extract_french_entities(doc, title_end=title_end),
        figures=extract_french_figures, quotes=extract_french_quotes,
        dates=lambda doc, published_at: extract_french_dates(doc.text, published_at), tone=False,
        prepare=_prepare_french),
}


def load_other_pipelines(models: Mapping[str, str], matmul: str = "numpy") -> dict[str, Language]:
    """The pipelines of the non-primary languages of NEWSSTREAM_MODELS, loaded now (not on a first article)."""
    pipelines: dict[str, Language] = {}
    for language, model in models.items():
        if language == PRIMARY:
            continue
        if language not in LANGUAGES:
            raise ValueError(f"NEWSSTREAM_MODELS lists {language}, which newsstream cannot enrich "
                             f"(it enriches {', '.join(sorted(LANGUAGES))})")
        pipeline = load_model(model, matmul)
        prepare = LANGUAGES[language].prepare
        if prepare is not None:
            prepare(pipeline)
        pipelines[language] = pipeline
        log.info("loaded the %s pipeline %s", language, model)
    return pipelines
