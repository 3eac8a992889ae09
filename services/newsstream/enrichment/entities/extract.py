"""The entry point `extract_entities`: it validates the input, runs the steps of the module
docstring (repair, grouping and linking, labelling, missed repetitions) and ranks the entities by salience
(step 5), whose weights are defined here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from spacy.tokens import Doc

from ...errors import EnrichmentError
from .cues import is_arts_story, is_sports_story
from ..records import Entity
from .labels import Story, _contributor_keys, _entity_from, _vote
from .linking import _UnionFind, _clusters, _group_by_surface, _link_surfaces
from .missed import _add_missed_mentions
from .pieces import _repaired_pieces

# Salience weights: mention count, earliness of the first mention, presence in the headline.
_W_COUNT = 0.55
_W_POSITION = 0.25
_W_HEADLINE = 0.20


def extract_entities(doc: Doc, *, title_end: int = 0, contributors: Sequence[str] = ()) -> list[Entity]:
    """Entities of `doc`, one per real-world thing, most salient first.

    `doc` is the analysed cleaned text; its first `title_end` characters are the headline (0: none).
    `contributors` are the people named in removed byline lines: they are not returned unless the
    text mentions them, but a mention of them is always a PERSON.

    Salience of an entity with `n` mentions, the first at character `p` of a text of length `L`::

        raw = 0.55 * log(1 + n) / log(1 + n_max)    # n_max: most mentions of any entity
            + 0.25 * (1 - p / L)                    # earlier first mention = more central
            + 0.20 * (1 if a mention is in the headline else 0)
        salience = round(raw / raw_max, 4)          # raw_max: highest raw score in the document

    so the most salient entity scores 1.0 and a single passing mention in the second half of an
    article scores about 0.1-0.3.
    Entities are sorted by salience (descending), then by their first mention.
    """
    _validate(doc, title_end, contributors)
    text = doc.text  # Doc.text is rebuilt from the tokens on every access: read it once
    if title_end > len(text):
        raise EnrichmentError(f"title_end {title_end} is outside the text (length {len(text)})")
    pieces = _repaired_pieces(doc, text)
    surfaces = _group_by_surface(text, pieces)
    if not surfaces and not contributors:
        return []
    contributor_keys = _contributor_keys(contributors)
    for surface in surfaces:
        surface.label = _vote(surface.votes, surface.cue_votes)
    links = _UnionFind(len(surfaces))
    _link_surfaces(text, surfaces, links, title_end)
    clusters = _clusters(surfaces, links)
    story = Story(sports=is_sports_story(text), arts=is_arts_story(text))
    entities = [_entity_from(text, cluster, contributor_keys, story) for cluster in clusters]
    _add_missed_mentions(doc, text, entities, contributors)
    return ranked(entities, len(text), title_end)


def _validate(doc: object, title_end: object, contributors: object) -> None:
    if not isinstance(doc, Doc):
        raise EnrichmentError(f"extract_entities needs a spaCy Doc, got {type(doc).__name__}")
    if isinstance(title_end, bool) or not isinstance(title_end, int):
        raise EnrichmentError(f"title_end must be an int, got {type(title_end).__name__}")
    if title_end < 0:
        raise EnrichmentError(f"title_end must not be negative, got {title_end}")
    if (
        isinstance(contributors, str)
        or not isinstance(contributors, Sequence)
        or not all(isinstance(name, str) for name in contributors)
    ):
        raise EnrichmentError("contributors must be a sequence of names")


def ranked(entities: list[Entity], text_length: int, title_end: int) -> list[Entity]:
    entities = [entity for entity in entities if entity.mentions]
    if not entities:
        return []
    most_mentions = max(len(entity.mentions) for entity in entities)
    raw_scores = [_raw_salience(entity, most_mentions, text_length, title_end) for entity in entities]
    best = max(raw_scores)
    for entity, raw in zip(entities, raw_scores, strict=True):
        entity.salience = round(raw / best, 4) if best > 0 else 0.0
    return sorted(entities, key=lambda entity: (-entity.salience, entity.mentions[0].start))


def _raw_salience(entity: Entity, most_mentions: int, text_length: int, title_end: int) -> float:
    count = math.log1p(len(entity.mentions)) / math.log1p(most_mentions)
    first = entity.mentions[0].start
    position = 1.0 - first / text_length if text_length else 1.0
    in_headline = 1.0 if first < title_end else 0.0
    return _W_COUNT * count + _W_POSITION * position + _W_HEADLINE * in_headline
