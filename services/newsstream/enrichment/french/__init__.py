"""French enrichment: entities with their labels mapped to the English set, figures written the French way,
quotes in « guillemets » and dialogue dashes with their speakers, dates resolved against the publication day.
Registered in enrichment/languages.py."""

from .dates import extract_french_dates
from .entities import extract_french_entities
from .figures import extract_figures as extract_french_figures
from .paragraphs import start_sentences_at_paragraphs
from .quotes import extract_french_quotes

__all__ = ["extract_french_dates", "extract_french_entities", "extract_french_figures", "extract_french_quotes",
           "start_sentences_at_paragraphs"]
