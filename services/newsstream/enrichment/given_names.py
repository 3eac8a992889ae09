"""Given names and the gender they are mostly given to, offline: the US Census 1990 first-name lists, as the
`names` package ships them (MIT licence). Read once per process, on first use.

Two uses: a name of two or three words that starts with a given name is likely a person's ("Graham Pike",
not the organisation the model may call it), and `he` or `she` more likely refers to someone whose first
name is mostly given to men or to women. The lists are American and of 1990: many names of the world are
missing, so their absence says nothing.
"""

from __future__ import annotations

import importlib.resources
import importlib.util
import re
from functools import cache
from pathlib import Path

from .accents import without_accents

MALE, FEMALE = "male", "female"
_ONE_SIDED = 4.0  # a name is one gender's when given to it at least this many times as often
_MIN_PERCENT = 0.005  # rarer entries of the lists are often surnames or words ("Will", "Major" are common)
_NOT_NAMES = frozenset({"will", "may", "june", "april", "august", "major", "general", "long", "young", "king",
                        "page", "grace", "hope", "joy", "faith", "rose", "sterling", "mark", "bill", "art",
                        "guy", "sunny", "summer", "dean", "duke", "earl", "bishop", "judge", "chase",
                        "mercedes", "lincoln", "jordan", "chelsea", "paris", "sydney", "florence", "victoria"})


@cache
def given_names() -> dict[str, str | None]:
    """Case-folded given name -> MALE, FEMALE, or None when it is given to both."""
    male = _read("dist.male.first")
    female = _read("dist.female.first")
    genders: dict[str, str | None] = {}
    for name in male.keys() | female.keys():
        if name in _NOT_NAMES:
            continue
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        if max(m, f) < _MIN_PERCENT:
            continue
        genders[name] = MALE if m >= _ONE_SIDED * f else FEMALE if f >= _ONE_SIDED * m else None
    return genders


def is_given_name(word: str) -> bool:
    """Whether `word` is a given name; a double one ("Jean-Philippe", "Anne-Marie") when any part is."""
    return any(part in given_names() for part in word.casefold().split("-"))


def gender_of_given_name(word: str) -> str | None:
    """The gender `word` is mostly given to; a double name's only when every part of it agrees (the lists are
    American: "Jean" is mostly a woman's there, "Jean-Philippe" a man's)."""
    genders = {given_names().get(part) for part in word.casefold().split("-")}
    return genders.pop() if len(genders) == 1 else None


# nomquamgender's entries: "name": [sources, people counted, share of them women, ...].
_WORLD_ENTRY = re.compile(r'"([^"\\]+)": \[(\d+), (\d+), ([0-9.]+)')
_WORLD_MIN_COUNT = 2000  # rarer entries are often surnames or misspellings
# A name is one gender's when at most this share of those given it are of the other: a quarter, as the lists
# lose accents, which merges "René" with "Renée" and "Rémi" with "Remi" (20% women).
_WORLD_ONE_SIDED = 0.25


@cache
def world_given_names() -> dict[str, str]:
    """Unaccented, case-folded given name -> MALE or FEMALE, from nomquamgender's lists (MIT licence; names
    of many countries, French ones included: "Josiane", "Solène", "Yannick"), for languages the American
    lists miss. Its data file is read here with a pattern rather than through the package, whose import
    parses all 720,000 entries into memory (260 MB at peak, against 60 MB this way)."""
    spec = importlib.util.find_spec("nomquamgender")
    if spec is None or not spec.submodule_search_locations:
        return {}
    text = (Path(spec.submodule_search_locations[0]) / "name_data.json").read_text(encoding="utf-8")
    genders: dict[str, str] = {}
    for entry in _WORLD_ENTRY.finditer(text):  # (not findall: a list of all 720,000 entries is what we avoid)
        name, _, counted, share = entry.groups()
        if int(counted) >= _WORLD_MIN_COUNT and name.replace("-", "").isalpha():
            women = float(share)
            if women >= 1 - _WORLD_ONE_SIDED:
                genders[name] = FEMALE
            elif women <= _WORLD_ONE_SIDED:
                genders[name] = MALE
    return genders


def world_gender_of_given_name(word: str) -> str | None:
    """The gender `word` is mostly given to across countries; a double name's is its first part's, as in
    French ("Jean-Marie", "Marie-Hélène")."""
    names = world_given_names()
    for candidate in (word, word.split("-")[0]):  # "Jean-Baptiste" is listed; else its first part
        plain = without_accents(candidate).casefold()
        if plain in names:
            return names[plain]
    return None


def _read(resource: str) -> dict[str, float]:
    """The list's names and the percentage of people given each."""
    text = importlib.resources.files("names").joinpath(resource).read_text(encoding="ascii")
    found: dict[str, float] = {}
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 2:
            found[fields[0].casefold()] = float(fields[1])
    return found
