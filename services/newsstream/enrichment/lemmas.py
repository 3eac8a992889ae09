"""Lemmas on demand: the pipeline's lemmatizer stays loaded but off, and lemmatises only the tokens asked for.

Lemmatising every token costs about a tenth of the model's time and the enrichment reads the lemma of a
handful of tokens per article (figures: counted nouns, a verb before "over"). `lemma_of(token)` gives
what the lemmatizer would have written: its `__call__` keeps a lemma the attribute ruler already set
(unless the lemmatizer is configured to overwrite) and otherwise writes `lemmatize(token)[0]`, which
reads the token's text, POS and morphology; the attribute ruler has set those by the time the
enrichment reads the document, and nothing after it changes them. The lemmatizer's own cache (by
text, POS and morphology) serves repeated words.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Token
from spacy.vocab import Vocab

# id(vocab) -> (the vocab, kept so that the id is not reused; the lemmatizer's lemmatize; its overwrite).
# A pipeline's documents share its vocab, which is how a token finds its pipeline's lemmatizer.
_ON_DEMAND: dict[int, tuple[Vocab, Callable[[Token], list[str]], bool]] = {}


def lemmatize_on_demand(nlp: Language, name: str = "lemmatizer") -> bool:
    """Disable `nlp`'s lemmatizer `name` and serve its lemmas through `lemma_of`.

    Returns False (and changes nothing) if `nlp` has no such lemmatizer.
    """
    if name not in nlp.component_names:
        return False
    lemmatizer = nlp.get_pipe(name)
    if not isinstance(lemmatizer, Lemmatizer):
        return False
    # What the component checks on its first call: the lookup tables its mode needs are loaded.
    required, _ = lemmatizer.get_lookups_config(lemmatizer.mode)
    missing = [table for table in required if table not in lemmatizer.lookups]
    if missing:
        raise ValueError(f"the {name!r} component ({lemmatizer.mode} mode) has no table {', '.join(missing)}")
    if name in nlp.pipe_names:
        nlp.disable_pipe(name)
    _ON_DEMAND[id(nlp.vocab)] = (nlp.vocab, lemmatizer.lemmatize, lemmatizer.overwrite)
    return True


def lemma_of(token: Token) -> str:
    """The lemma the pipeline's lemmatizer gives `token` (`token.lemma_` if it ran, or for a pipeline
    without one on demand)."""
    registered = _ON_DEMAND.get(id(token.vocab))
    if registered is None:
        return token.lemma_
    _, lemmatize, overwrite = registered
    if token.lemma and not overwrite:
        return token.lemma_
    return lemmatize(token)[0]
