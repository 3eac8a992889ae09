"""Names of places, offline: countries, US states and the cities of more than 15,000 people (GeoNames, from the
gazetteer of enrichment/places, which geocodes them). Read once per process, on first use.

Used as one more voice in an entity's label vote: a name the model calls a person or an organisation that
is also a city's is more likely the city ("Leicester", "Bouira") unless its context says otherwise.
"""

from __future__ import annotations

from functools import cache

from ..accents import without_accents
from ..places import gazetteer

_MIN_NAME_CHARS = 3


@cache
def place_names() -> frozenset[str]:
    """Case-folded names of countries, US states and cities (their GeoNames name, not alternate names)."""
    kept = [name for name in gazetteer().own_names if len(name) >= _MIN_NAME_CHARS and name[:1].isupper()]
    return frozenset(key for name in kept for key in (name.casefold(), without_accents(name).casefold()))


def is_place_name(name: str) -> bool:
    """Whether `name` is a place's, as written or without accents ("Bouira" for "Bouïra")."""
    return " ".join(name.split()).casefold() in place_names()


