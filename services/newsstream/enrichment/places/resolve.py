"""Which place each place entity of an article is, decided from the article.

For every GPE, LOC, FAC and NORP entity, the gazetteer's candidates for its name (or the country of its
nationality word) are weighed in two passes:

1. Without context: a candidate's prior is the log10 of its population with its feature's weight (countries
   before cities of the same name). The countries the article names plainly this way (and their US states or
   UK nations) become the article's context, weighted by their share of its place mentions.
2. With context: a candidate gains `1 + 3 * share` when its country is in the context, `+2` when its US state
   or UK nation is named in the article, and `+10` when the text qualifies the mention ("Durham, North
   Carolina", "Sydney, Australia").

The best country must beat every other country's best candidate by `MARGIN` (a factor of ten in population
without context), or the entity gets no place: never a guess. Within the winning country the best candidate
wins. A name the gazetteer lacks that is a known place with region words around it ("County Durham", "south
Wales") is a `region` of that place's country.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..given_names import gender_of_given_name
from ..records import CountryShare, Entity, Place
from .gazetteer import Candidate, Gazetteer, gazetteer, name_key
from .vocabulary import REGION_WORDS

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP"})
MARGIN = 1.0
QUALIFIED_BONUS = 10.0
SUBDIVISION_BONUS = 2.0
_QUALIFIER_GAP = re.compile(r",\s*")
# Collective nouns a name heads as the organisation's own name ("the Phoenix consortium", "the Carlyle group").
# Not "company" or "firm": "the Texas firm" is a firm in Texas.
_ORGANISATION_AFTER = re.compile(
    r"[ \t]+(?:consortium|consortia|group|alliance|partnership|syndicate|fund|club|band|gang|foundation|coalition)\b")


@dataclass(slots=True)
class _Named:
    """A place entity and what the text says around it."""

    entity: Entity
    candidates: list[Candidate]
    demonym: Place | None
    # What the place entities written right after a mention and a comma say it lies in: a country, a US state,
    # a UK nation ("Durham, North Carolina").
    qualifying: list[Place]


def geocode_entities(text: str, entities: Sequence[Entity], places: Gazetteer | None = None) -> None:
    """Set `place` on the article's place entities (None where no place is confidently meant)."""
    places = places or gazetteer()
    surnames = _surnames(entities)
    named = [_named(entity, places) for entity in entities
             if entity.label in PLACE_LABELS and not _names_something_else(text, entity, surnames)]
    _link_qualifiers(text, named, places)
    first = {id(item.entity): _resolve(item, {}, set(), places) for item in named}
    context = _Context.of(named, first)
    for item in named:
        # The context of a name is what the rest of the article says: its own first guess must not vote.
        countries, subdivisions = context.without(item, first[id(item.entity)])
        item.entity.place = _resolve(item, countries, subdivisions, places)


def country_shares(entities: Iterable[Entity], places: Gazetteer | None = None) -> list[CountryShare]:
    """The article's countries, each with its place mentions and their share, most mentioned first."""
    places = places or gazetteer()
    counts: Counter[str] = Counter()
    for entity in entities:
        if entity.place is not None and entity.place.country_code:
            counts[entity.place.country_code] += max(1, len(entity.mentions))
    total = sum(counts.values())
    shares = []
    for code, mentions in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        country = places.country(code)
        shares.append(CountryShare(country_code=code, name=country.name if country else code, mentions=mentions,
                                   share=round(mentions / total, 4)))
    return shares


def _surnames(entities: Sequence[Entity]) -> set[str]:
    """Last names of the people the article names ("Washington" of "Denzel Washington"), whatever label the
    person got: a full name is a given name and more."""
    found = set()
    for entity in entities:
        words = entity.name.split()
        if len(words) > 1 and entity.label not in PLACE_LABELS and \
                (entity.label == "PERSON" or gender_of_given_name(words[0]) is not None):
            found.add(words[-1])
    return found


def _names_something_else(text: str, entity: Entity, surnames: set[str]) -> bool:
    """A place name that here names a person ("Denzel Washington ... Washington said") or an organisation whose
    name it is ("the Phoenix consortium"), at every mention."""
    if entity.label == "NORP":
        return False
    if entity.name in surnames:
        return True
    return bool(entity.mentions) and all(_ORGANISATION_AFTER.match(text, mention.end) for mention in entity.mentions)


def _named(entity: Entity, places: Gazetteer) -> _Named:
    spellings = [entity.name, *(mention.text for mention in entity.mentions)]
    demonym = next((found for found in (places.demonym_country(s) for s in spellings) if found), None)
    candidates: list[Candidate] = []
    for spelling in spellings:
        candidates = places.candidates(spelling)
        if candidates:
            break
    return _Named(entity, candidates, demonym, [])


def _link_qualifiers(text: str, named: list[_Named], places: Gazetteer) -> None:
    """"Durham, North Carolina": the place entity that starts right after a mention and a comma qualifies it."""
    starts = {mention.start: item.entity for item in named for mention in item.entity.mentions}
    for item in named:
        for mention in item.entity.mentions:
            gap = _QUALIFIER_GAP.match(text, mention.end)
            if gap and gap.end() > mention.end and (qualifier := starts.get(gap.end())) is not None \
                    and qualifier is not item.entity:
                if (place := _plain_place(qualifier, places)) is not None:
                    item.qualifying.append(place)


@dataclass(slots=True)
class _Context:
    """The places an article names plainly (resolved without context): place mentions per country, and the US
    states and UK nations named (or holding a named city), with how many entities name each."""

    mentions: Counter[str]
    subdivisions: Counter[tuple[str, str]]

    @classmethod
    def of(cls, named: list[_Named], first: dict[int, Place | None]) -> _Context:
        context = cls(Counter(), Counter())
        for item in named:
            place = first[id(item.entity)]
            if place is not None and place.country_code is not None:
                context.mentions[place.country_code] += _weight(item)
                if subdivision := _subdivision(place):
                    context.subdivisions[subdivision] += 1
        return context

    def without(self, item: _Named, own: Place | None) -> tuple[dict[str, float], set[tuple[str, str]]]:
        """Country shares and subdivisions of the article's other place entities."""
        mentions = Counter(self.mentions)
        subdivisions = Counter(self.subdivisions)
        if own is not None and own.country_code is not None:
            mentions[own.country_code] -= _weight(item)
            if subdivision := _subdivision(own):
                subdivisions[subdivision] -= 1
        total = sum(count for count in mentions.values() if count > 0)
        shares = {code: count / total for code, count in mentions.items() if count > 0}
        return shares, {key for key, count in subdivisions.items() if count > 0}


def _weight(item: _Named) -> int:
    return max(1, len(item.entity.mentions))


def _subdivision(place: Place) -> tuple[str, str] | None:
    if place.feature in ("admin1", "city") and place.country_code and place.admin1_code:
        return place.country_code, place.admin1_code
    return None


def _resolve(item: _Named, countries: dict[str, float], subdivisions: set[tuple[str, str]],
             places: Gazetteer) -> Place | None:
    if item.demonym is not None and not item.candidates:
        return item.demonym
    qualifying = item.qualifying
    # A country or a state is not qualified by the place after it: "the UK, Germany and the US" is a list.
    local = all(candidate.place.feature == "city" for candidate in item.candidates)
    if not item.candidates or (local and qualifying and not any(
            _within(candidate.place, qualifier) for candidate in item.candidates for qualifier in qualifying)):
        # "Park City, Utah": no place of that name lies where the text says it is, so it is a place the gazetteer
        # lacks, not the Bridgeport whose nickname it is.
        return _region(item, countries, subdivisions, places)
    return _best(item.candidates, qualifying, countries, subdivisions)


def _best(candidates: list[Candidate], qualifying: list[Place], countries: dict[str, float],
          subdivisions: set[tuple[str, str]]) -> Place | None:
    if not all(candidate.place.feature == "city" for candidate in candidates):
        qualifying = []  # a country or a state is not qualified by the place after it
    scored: list[tuple[float, Candidate]] = []
    for candidate in candidates:
        place = candidate.place
        score = candidate.prior - (0.5 if candidate.alternate else 0.0)
        if place.country_code in countries:
            score += 1.0 + 3.0 * countries[place.country_code]
        if place.feature != "country" and (place.country_code, place.admin1_code) in subdivisions:
            score += SUBDIVISION_BONUS
        if any(_within(place, qualifier) for qualifier in qualifying):
            score += QUALIFIED_BONUS
        scored.append((score, candidate))
    return _confident(scored)


def _confident(scored: list[tuple[float, Candidate]]) -> Place | None:
    """The best candidate, if its country beats every other country's best by MARGIN."""
    best_by_country: dict[str | None, tuple[float, Candidate]] = {}
    for score, candidate in scored:
        code = candidate.place.country_code
        if code not in best_by_country or score > best_by_country[code][0]:
            best_by_country[code] = (score, candidate)
    ranked = sorted(best_by_country.values(), key=lambda pair: -pair[0])
    if len(ranked) > 1 and ranked[0][0] - ranked[1][0] < MARGIN:
        return None
    return ranked[0][1].place


def _plain_place(entity: Entity, places: Gazetteer) -> Place | None:
    """A qualifier's place when its name alone says it: a country, a US state, a UK nation."""
    for candidate in places.candidates(entity.name):
        if candidate.place.feature in ("country", "admin1"):
            return candidate.place
    return places.demonym_country(entity.name)


def _within(place: Place, qualifier: Place) -> bool:
    if qualifier.feature == "country":
        return place.country_code == qualifier.country_code
    return place.country_code == qualifier.country_code and place.admin1_code == qualifier.admin1_code


def _region(item: _Named, countries: dict[str, float], subdivisions: set[tuple[str, str]],
            places: Gazetteer) -> Place | None:
    """A place the gazetteer lacks: a known place inside region words ("County Durham", "south Wales"), or one
    the text qualifies with a country or a state ("Park City, Utah")."""
    words = item.entity.name.split()
    core = [word for word in words if name_key(word) not in REGION_WORDS]
    inner: Place | None = None
    if core and len(core) < len(words) and (candidates := places.candidates(" ".join(core))):
        inner = _best(candidates, item.qualifying, countries, subdivisions)
    if inner is None:
        inner = item.qualifying[0] if item.qualifying else None
    if inner is None or inner.country_code is None:
        return None
    admin1 = inner.admin1_code if inner.feature in ("admin1", "city") else None
    return Place(geonames_id=None, name=item.entity.name, feature="region", country_code=inner.country_code,
                 admin1_code=admin1, latitude=None, longitude=None, population=None)


