"""Repetitions the model missed (step 4 of the module docstring): word-bounded repetitions of
PERSON and ORG names, surnames and contributors that no model mention covers, found with one vectorised
lookup over the token array and a bounded number of dictionary lookups per candidate token.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy
from spacy.attrs import IDX, LENGTH, ORTH
from spacy.tokens import Doc

from ..records import Entity, Mention
from .repair import _is_lowercase_word
from .vocabulary import _SEARCHED_LABELS

_OPENINGS = frozenset({'"', "“", "‘", "'", "(", "[", ":", "-", "–", "—"})  # after which any word is capitalised
_MAX_NAME_TOKENS = 12  # longest name (in tokens) searched for repetitions


def _add_missed_mentions(doc: Doc, text: str, entities: list[Entity], contributors: Sequence[str]) -> None:
    """Add word-bounded repetitions of PERSON/ORG names (and surnames) that no model mention covers.

    Tokens that can start a name are found with one vectorised lookup over the token array; each is
    tried against at most `_MAX_NAME_TOKENS` dictionary lookups (longest first), so the search stays
    linear in the length of the text.
    """
    patterns = _search_patterns(entities, contributors)
    if not patterns or not len(doc):
        return
    covered = numpy.zeros(len(doc), dtype=bool)
    for ent in doc.ents:
        covered[ent.start:ent.end] = True
    columns = doc.to_array([ORTH, IDX, LENGTH])
    starts = columns[:, 1].astype(numpy.int64)
    ends = starts + columns[:, 2].astype(numpy.int64)
    for entity in entities:  # and the mentions the repairs made beyond the model's spans ("Ciarán Duggan")
        for mention in entity.mentions:
            first_token = max(0, int(numpy.searchsorted(starts, mention.start, side="right")) - 1)
            covered[first_token:int(numpy.searchsorted(starts, mention.end, side="left"))] = True
    first_ids = numpy.fromiter(
        (doc.vocab.strings.as_int(_first_token_text(p)) for p in patterns), dtype=columns.dtype, count=len(patterns)
    )
    candidates = numpy.flatnonzero(numpy.isin(columns[:, 0], first_ids) & ~covered)
    longest = min(_MAX_NAME_TOKENS, max(_approximate_token_count(pattern) for pattern in patterns))
    new_entities: dict[int, Entity] = {}
    next_free = 0
    for first in candidates.tolist():
        if first < next_free:
            continue
        found = _longest_pattern_at(text, starts, ends, first, longest, patterns, covered)
        if found is None:
            continue
        last, owner = found
        if last == first and doc[first].tag_ not in ("NNP", "NNPS") and not _capitalised_inside_sentence(doc, first):
            continue  # "Little is known" is not a mention of Mark Little; '", Asante recalls' is Kwame Asante's
        start, end = int(starts[first]), int(ends[last])
        name = text[start:end]
        entity = entities[owner] if owner >= 0 else new_entities.setdefault(
            owner, Entity(name=name, label="PERSON", salience=0.0)
        )
        entity.mentions.append(Mention(name, start, end, entity.label))
        next_free = last + 1
    for entity in entities:
        entity.mentions.sort(key=lambda mention: mention.start)
    entities.extend(new_entities.values())


def _capitalised_inside_sentence(doc: Doc, i: int) -> bool:
    """A capitalised word that its place in the sentence does not explain: a name, whatever the tagger says."""
    token = doc[i]
    if not token.text[:1].isupper() or token.is_sent_start or i == 0:
        return False
    before = doc[i - 1]
    return before.text not in _OPENINGS or before.tag_ == "''"  # a closing quote mark


def _longest_pattern_at(
    text: str,
    starts: numpy.ndarray,
    ends: numpy.ndarray,
    first: int,
    longest: int,
    patterns: dict[str, int],
    covered: numpy.ndarray,
) -> tuple[int, int] | None:
    """(last token, owner) of the longest known name starting at token `first` and covering no entity."""
    start = int(starts[first])
    stop = min(len(starts), first + longest)
    for last in range(stop - 1, first - 1, -1):
        owner = patterns.get(text[start:int(ends[last])])
        if owner is not None and not covered[first:last + 1].any():
            return last, owner
    return None


def _approximate_token_count(pattern: str) -> int:
    return 1 + sum(1 for char in pattern if not char.isalnum()) * 2


def _first_token_text(pattern: str) -> str:
    """The spaCy token a name starts with: up to the first space or hyphen ("Wright" of "Wright-Phillips")."""
    end = len(pattern)
    for index, char in enumerate(pattern):
        if char in " -" and index > 0:
            end = index
            break
    return pattern[:end]


def _search_patterns(entities: list[Entity], contributors: Sequence[str]) -> dict[str, int]:
    """Surface strings to look for, each owned by one entity (index; negative: a contributor)."""
    owners: dict[str, set[int]] = {}
    for index, entity in enumerate(entities):
        if entity.label not in _SEARCHED_LABELS:
            continue
        forms = {mention.text for mention in entity.mentions} | {entity.name}
        if entity.label == "PERSON" and " " in entity.name:
            forms.add(entity.name.rsplit(" ", 1)[1])
        for form in forms:
            if len(form) >= 2 and not _is_lowercase_word(form):
                owners.setdefault(form, set()).add(index)
    known_names = {entity.name for entity in entities}
    for offset, name in enumerate(contributors):
        name = " ".join(name.split())
        if " " in name and name not in known_names:
            owners.setdefault(name, set()).add(-1 - offset)
    return {form: next(iter(found)) for form, found in owners.items() if len(found) == 1}
