"""The tone of an article and of the entities in it (English only), from a lexicon scorer (VADER)."""

from .score import load_lexicon, score_tone

__all__ = ["load_lexicon", "score_tone"]
