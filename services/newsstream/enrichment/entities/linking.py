"""Grouping and clustering (step 2 of the module docstring): pieces with the same normalised
surface form make a `_Surface`, and surfaces that the document shows to name one thing are linked in a
union-find (acronyms introduced in brackets, initials, designators such as "FC", abbreviations, surnames and
first names, companies' short forms) and gathered into clusters.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from .repair import _Piece
from .vocabulary import _PLACES, _PLACES_NAMED_LIKE_PEOPLE

_ORG_DESIGNATORS = frozenset({"fc", "afc", "inc", "corp", "ltd", "plc", "llc", "co", "ag", "sa", "gmbh"})
_WEB_DOMAINS = (".com", ".co.uk", ".net", ".org")
_ACRONYM_FILLERS = frozenset({"of", "and", "the", "for", "in", "on", "to", "at", "&", "de", "des", "du"})

_MAX_LINK_CANDIDATES = 64  # more candidates than this for one short form: ambiguous, do not link

_ACRONYM_AFTER = re.compile(r"[ \t]{0,3}\([ \t]{0,3}([A-Z][A-Za-z&.]{1,11})[ \t]{0,3}\)")


@dataclass(slots=True)
class _Surface:
    """All mentions that share one normalised surface form."""

    key: str
    words: tuple[str, ...]
    spelling: str  # as first written in the text
    pieces: list[_Piece] = field(default_factory=list)
    votes: Counter[str] = field(default_factory=Counter)  # the model's and the cues' together
    model_votes: Counter[str] = field(default_factory=Counter)
    cue_votes: Counter[str] = field(default_factory=Counter)
    label: str = ""

    @property
    def first_start(self) -> int:
        return self.pieces[0].start


def _name_key(name: str) -> str:
    """Comparison form: case, dots, apostrophe style, spacing and a leading "the" do not matter."""
    words = name.casefold().replace("’", "'").replace(".", "").split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _group_by_surface(text: str, pieces: list[_Piece]) -> list[_Surface]:
    by_key: dict[str, _Surface] = {}
    for piece in pieces:
        key = _name_key(text[piece.start:piece.end])
        if not key:
            continue
        surface = by_key.get(key)
        if surface is None:
            surface = by_key[key] = _Surface(key, tuple(key.split()), text[piece.start:piece.end])
        surface.pieces.append(piece)
        surface.model_votes[piece.label] += _vote_weight(surface)
        surface.cue_votes.update(piece.cues)
        surface.votes[piece.label] += _vote_weight(surface)
        surface.votes.update(piece.cues)
    return list(by_key.values())


def _vote_weight(surface: _Surface) -> int:
    """A mention of a full name counts twice: with more context the model labels it better."""
    return 2 if len(surface.words) >= 2 else 1


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)


def _link_surfaces(text: str, surfaces: list[_Surface], links: _UnionFind, title_end: int = 0) -> None:
    index_of = {surface.key: index for index, surface in enumerate(surfaces)}
    _link_bracketed_acronyms(text, surfaces, index_of, links)
    _link_org_initials(surfaces, links)
    _link_org_designators(surfaces, index_of, links)
    _link_abbreviations(surfaces, links)
    _link_suffixes(surfaces, links)
    _link_company_short_forms(surfaces, links, title_end)
    _link_first_names(surfaces, links)
    _link_inner_names(surfaces, links)


def _initials(words: Sequence[str]) -> str:
    return "".join(word[0] for word in words if word not in _ACRONYM_FILLERS)


def _link_bracketed_acronyms(
    text: str, surfaces: list[_Surface], index_of: dict[str, int], links: _UnionFind
) -> None:
    """"Recording Industry Association of America (RIAA)" introduces RIAA as a short form."""
    for index, surface in enumerate(surfaces):
        if len(surface.words) < 2:
            continue
        for piece in surface.pieces:
            match = _ACRONYM_AFTER.match(text, piece.end)
            if match is None:
                continue
            acronym = match.group(1)
            acronym_key = _name_key(acronym)
            target = index_of.get(acronym_key)
            if target is not None and acronym_key == _initials(surface.words):
                links.union(index, target)


def _link_org_initials(surfaces: list[_Surface], links: _UnionFind) -> None:
    """An all-capitals ORG ("BBC") is the short form of the only ORG with those initials."""
    by_initials: dict[str, list[int]] = {}
    for index, surface in enumerate(surfaces):
        if surface.label == "ORG" and len(surface.words) >= 2:
            by_initials.setdefault(_initials(surface.words), []).append(index)
    for index, surface in enumerate(surfaces):
        if surface.label != "ORG" or len(surface.words) != 1:
            continue
        original = surface.spelling
        if not (2 <= len(original) <= 6 and original.isupper() and original.isalpha()):
            continue
        candidates = by_initials.get(surface.key, [])
        if len(candidates) == 1:
            links.union(index, candidates[0])


def _link_org_designators(surfaces: list[_Surface], index_of: dict[str, int], links: _UnionFind) -> None:
    """"Chelsea FC" and "Chelsea" are one club; "Apple Inc" and "Apple" one company."""
    for index, surface in enumerate(surfaces):
        if surface.label != "ORG":
            continue
        base = _undesignated_key(surface)
        target = index_of.get(base) if base else None
        if target is not None and surfaces[target].label != "PERSON":
            links.union(index, target)


def _undesignated_key(surface: _Surface) -> str | None:
    """"chelsea" for "Chelsea FC", "amazon" for "Amazon.com"; None without a designator."""
    if len(surface.words) >= 2 and surface.words[-1] in _ORG_DESIGNATORS:
        return " ".join(surface.words[:-1])
    lowered = surface.spelling.casefold()
    for domain in _WEB_DOMAINS:
        if lowered.endswith(domain) and len(lowered) > len(domain):
            return _name_key(surface.spelling[: -len(domain)])
    return None


def _link_abbreviations(surfaces: list[_Surface], links: _UnionFind) -> None:
    """"Man Utd" abbreviates "Manchester United": each word's letters, in order, from the long word."""
    by_shape: dict[tuple[str, ...], list[int]] = {}
    for index, surface in enumerate(surfaces):
        if len(surface.words) >= 2 and surface.label != "PERSON":
            by_shape.setdefault(tuple(word[0] for word in surface.words), []).append(index)
    for members in by_shape.values():
        if not 2 <= len(members) <= _MAX_LINK_CANDIDATES:
            continue
        for short in members:
            longer = [
                other for other in members
                if other != short and _abbreviates(surfaces[short].words, surfaces[other].words)
            ]
            if len(longer) == 1:
                links.union(short, longer[0])


def _abbreviates(short: Sequence[str], long: Sequence[str]) -> bool:
    if len(short) != len(long) or sum(map(len, short)) >= sum(map(len, long)):
        return False
    return all(_is_subsequence(a, b) for a, b in zip(short, long, strict=True))


def _is_subsequence(short: str, long: str) -> bool:
    if short[0] != long[0]:
        return False
    remaining = iter(long)
    return all(char in remaining for char in short)


def _may_be_person_short_form(surface: _Surface) -> bool:
    """Whether a short form may be a person's surname although the model did not say so.

    The small model often calls a surname alone a place or an organisation ("Heinze", "Kirby"); a
    name that really is a place ("Washington" beside "George Washington") must stay a place.
    """
    if surface.label == "PERSON" or surface.votes["PERSON"] > 0:
        return True
    return surface.key not in _PLACES and surface.key not in _PLACES_NAMED_LIKE_PEOPLE


def _link_suffixes(surfaces: list[_Surface], links: _UnionFind) -> None:
    """"Kirby" -> "John Kirby", "United" -> "Manchester United": to the longest name ending with it.

    Only when unambiguous: "Blair" with both "Tony Blair" and "Cherie Blair" in the text stays apart.
    """
    by_last_word: dict[str, list[int]] = {}
    for index, surface in enumerate(surfaces):
        if len(surface.words) >= 2 and surface.label in ("PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT"):
            by_last_word.setdefault(surface.words[-1], []).append(index)
    for index, surface in enumerate(surfaces):
        same_last_word = by_last_word.get(surface.words[-1], [])
        if len(same_last_word) > _MAX_LINK_CANDIDATES:
            continue
        candidates = [
            other for other in same_last_word
            if len(surfaces[other].words) > len(surface.words)
            and not _is_coordination(surfaces[other].words[:-len(surface.words)])
            and surfaces[other].words[-len(surface.words):] == surface.words
            and _suffix_labels_agree(surface, surfaces[other])
        ]
        if not candidates:
            continue
        longest = max(candidates, key=lambda other: (len(surfaces[other].words), -other))
        longest_words = surfaces[longest].words
        if all(longest_words[-len(surfaces[other].words):] == surfaces[other].words for other in candidates):
            links.union(index, longest)


def _is_coordination(words: Sequence[str]) -> bool:
    """"Royer and Elgindy": two names joined, whose last is not the short form of both."""
    return bool(words) and words[-1] in ("and", "&")


def _suffix_labels_agree(short: _Surface, long: _Surface) -> bool:
    if long.label == "PERSON" or (_is_titled(short) and len(long.words) >= 2):
        return _may_be_person_short_form(short)  # "Ms Varga" is the "Anneliese Varga" the model called an ORG
    return long.label == "ORG" and short.label == "ORG"


def _is_titled(surface: _Surface) -> bool:
    return any(piece.strong_person for piece in surface.pieces)


def _link_company_short_forms(surfaces: list[_Surface], links: _UnionFind, title_end: int = 0) -> None:
    """"Northgate" -> "Northgate Energy", "Costco" -> "Costco Wholesale": a name that begins the only longer
    organisation name of the text is its short form, whatever the model called it (not a person with a title,
    and not a nationality or a place: "British" is not "British Airways", "New York" not the "New York Times"),
    when the story introduces the full name first, as news copy does: "Apple" before "Apple Developer
    Connection" is the company, not a short form of its programme. The headline does not count."""
    by_first_word: dict[str, list[int]] = {}
    for index, surface in enumerate(surfaces):
        if len(surface.words) >= 2 and surface.label == "ORG":
            by_first_word.setdefault(surface.words[0], []).append(index)
    for index, surface in enumerate(surfaces):
        if surface.label not in ("ORG", "PERSON", "PRODUCT") or _is_titled(surface):
            continue
        first_in_body = min((piece.start for piece in surface.pieces if piece.start >= title_end),
                            default=surface.first_start)
        candidates = [other for other in by_first_word.get(surface.words[0], [])
                      if len(surfaces[other].words) > len(surface.words)
                      and surfaces[other].words[:len(surface.words)] == surface.words
                      and surfaces[other].first_start < first_in_body]
        if len(candidates) == 1 and len(by_first_word.get(surface.words[0], [])) <= _MAX_LINK_CANDIDATES:
            links.union(index, candidates[0])


def _link_first_names(surfaces: list[_Surface], links: _UnionFind) -> None:
    """"Cristiano" -> "Cristiano Ronaldo" when only one person in the text has that first name."""
    people = [index for index, surface in enumerate(surfaces) if surface.label == "PERSON" and len(surface.words) >= 2]
    by_first: dict[str, set[int]] = {}
    surnames: set[str] = set()
    for index in people:
        by_first.setdefault(surfaces[index].words[0], set()).add(links.find(index))
        surnames.add(surfaces[index].words[-1])
    for index, surface in enumerate(surfaces):
        if len(surface.words) != 1 or surface.words[0] in surnames or links.find(index) != index:
            continue
        if not _may_be_person_short_form(surface):
            continue
        owners = by_first.get(surface.words[0], set())
        if len(owners) == 1:
            links.union(index, next(iter(owners)))


def _link_inner_names(surfaces: list[_Surface], links: _UnionFind) -> None:
    """"Lula" -> "Luiz Inacio Lula da Silva": a name of three words or more may be called by an inner word, when
    only one person in the text has that word inside their name."""
    by_inner: dict[str, set[int]] = {}
    for index, surface in enumerate(surfaces):
        written = surface.spelling.split()
        if surface.label == "PERSON" and len(surface.words) >= 3 and len(written) == len(surface.words):
            for word, spelling in zip(surface.words[1:-1], written[1:-1], strict=True):
                if len(word) >= 3 and spelling[:1].isupper():  # not "da", "van", "bin"
                    by_inner.setdefault(word, set()).add(links.find(index))
    for index, surface in enumerate(surfaces):
        if len(surface.words) != 1 or links.find(index) != index or not _may_be_person_short_form(surface):
            continue
        owners = by_inner.get(surface.words[0], set())
        if len(owners) == 1:
            links.union(index, next(iter(owners)))


def _clusters(surfaces: list[_Surface], links: _UnionFind) -> list[list[_Surface]]:
    by_root: dict[int, list[_Surface]] = {}
    for index, surface in enumerate(surfaces):
        by_root.setdefault(links.find(index), []).append(surface)
    return list(by_root.values())
