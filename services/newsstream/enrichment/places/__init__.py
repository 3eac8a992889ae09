"""Places on a map: each place entity of an article geocoded offline (GeoNames ids, ISO country codes,
coordinates), and the article's countries with their share of its place mentions."""

from .gazetteer import Gazetteer, gazetteer
from .resolve import PLACE_LABELS, country_shares, geocode_entities

__all__ = ["PLACE_LABELS", "Gazetteer", "country_shares", "gazetteer", "geocode_entities"]
