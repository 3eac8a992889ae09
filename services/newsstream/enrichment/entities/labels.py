"""One entity per cluster (step 3 of the module docstring): the label vote of the model and
the cues (`_vote`, `_entity_label`, with titles, contributors, places and world regions correcting it), and
the canonical name, the most frequent spelling of the longest surface form.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..given_names import is_given_name
from ..records import Entity, Mention
from .cues import CUE_WEIGHT
from .gazetteer import is_place_name
from .linking import _Surface, _name_key
from .repair import _Piece
from .vocabulary import _LABEL_RANK, _PLACES, _WORLD_REGIONS


@dataclass(frozen=True, slots=True)
class Story:
    """What kind of story the article is, as far as naming goes."""

    sports: bool = False  # a city's name is usually its team; players go by their surnames
    arts: bool = False    # musicians, actors and characters go by one name

    @property
    def people_go_by_one_name(self) -> bool:
        return self.sports or self.arts


def _vote(votes: Counter[str], cues: Counter[str] | None = None) -> str:
    """The label with most votes; a tie goes to the label the cues back, then to the label ranked first. When
    the cues outvote every label the model gave ("the Humber", which nobody calls a person), the name is an
    organisation's, the likeliest of the rest."""
    backed = cues or Counter()
    label = min(votes, key=lambda label: (-votes[label], -backed[label], _LABEL_RANK[label]))
    return label if votes[label] > 0 else "ORG"


def _contributor_keys(contributors: Sequence[str]) -> set[str]:
    keys: set[str] = set()
    for name in contributors:
        key = _name_key(name)
        if not key:
            continue
        keys.add(key)
        surname = key.split()[-1]
        if len(surname) >= 3 and " " in key:
            keys.add(surname)
    return keys


def _entity_from(text: str, cluster: list[_Surface], contributor_keys: set[str], story: Story) -> Entity:
    pieces = sorted((piece for surface in cluster for piece in surface.pieces), key=lambda p: p.start)
    canonical = max(cluster, key=lambda s: (len(s.words), len(s.key), len(s.pieces), -s.first_start))
    place = not story.sports and is_place_name(canonical.key)
    label = _entity_label(cluster, pieces, contributor_keys, place, story)
    name = _display_name(text, canonical)
    mentions = [Mention(text[p.start:p.end], p.start, p.end, label) for p in pieces]
    return Entity(name=name, label=label, salience=0.0, mentions=mentions)


def _entity_label(cluster: list[_Surface], pieces: list[_Piece], contributor_keys: set[str], place: bool,
                  story: Story = Story()) -> str:
    if any(piece.strong_person for piece in pieces) or any(s.key in contributor_keys for s in cluster):
        return "PERSON"
    # The model labels a bare surname or short form from less context than the full name it was linked to
    # ("Pike" an ORG five times, "Graham Pike" a PERSON): once a cluster has a name of two or more words, its
    # one-word forms vote only with their cues.
    has_full_name = any(len(surface.words) >= 2 for surface in cluster)
    votes: Counter[str] = Counter()
    cues: Counter[str] = Counter()
    for surface in cluster:
        if not (has_full_name and len(surface.words) == 1):
            votes.update(surface.model_votes)
        cues.update(surface.cue_votes)
    if place and cues["GPE"] >= 0 and not any(count > 0 for label, count in cues.items() if label != "GPE"):
        # the name of a country or a city, with nothing around it saying it is something else (outside a
        # sports story, where a city's name is usually its team)
        cues["GPE"] += CUE_WEIGHT // 2 * len(pieces)
    votes.update(cues)
    label = _vote(votes, cues)
    if any(s.key in _WORLD_REGIONS for s in cluster):
        return "LOC"
    # (a sports story names its players by surname alone: there a tie stays a person)
    tied = label == "PERSON" and not story.sports and any(
        votes[other] == votes[label] for other in votes if other != label)
    # News copy introduces a person by a full name, a title or a role ("Conservative peer Lord Heseltine"); a
    # single capitalised word never so introduced, and not a given name ("Nora"), is a company, a brand or a
    # place the model took for a person ("Toho", "Kool-Aid"), except where people go by one name (Bono).
    unintroduced = not story.people_go_by_one_name and not any(is_given_name(s.key) for s in cluster)
    if label == "PERSON" and not has_full_name and cues["PERSON"] <= 0 and (cues["ORG"] > 0 or tied or unintroduced):
        # a single capitalised word that the text says is a company ("oil giant Yukos", "firms like Yukos"),
        # or that the model calls a person no more often than something else ("Labour"), or that nothing
        # introduces as a person: with no first name, no title and nothing a person does, not a person
        votes["PERSON"] = 0
        label = _vote(votes, cues)
    if label not in ("GPE", "LOC", "NORP") and any(s.key in _PLACES for s in cluster) \
            and (label != "PERSON" or not has_full_name):
        return "GPE"  # a country or region, not the person "Romania" or the organisation "Crimea"
    return label


def _display_name(text: str, surface: _Surface) -> str:
    """The most frequent spelling of the canonical surface form ("Nato" over one "NATO")."""
    spellings = Counter(" ".join(text[p.start:p.end].split()) for p in surface.pieces)
    return max(spellings, key=lambda spelling: spellings[spelling])
