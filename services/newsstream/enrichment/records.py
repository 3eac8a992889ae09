"""Typed records produced by the enrichment code.

All offsets (`start`, `end`) are character offsets into the enriched article's cleaned `text`,
half-open like Python slices: ``text[start:end] == mention.text``. The dataclasses serialise
directly with orjson, so the field names here are the wire format of `news.enriched`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

FigureKind = Literal["money", "percent", "count", "quantity", "duration", "age"]
Qualifier = Literal["exact", "approximate", "at_least", "at_most"]


@dataclass(slots=True)
class Mention:
    text: str
    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True)
class Place:
    """Where a place entity is on the map (GeoNames, through the gazetteer of enrichment/places)."""

    geonames_id: int | None
    name: str  # the gazetteer's name ("United Kingdom" for "Britain"); the text's for a region it lacks
    feature: str  # continent, country, admin1, city, region
    country_code: str | None  # ISO 3166-1 alpha-2; None for a continent
    admin1_code: str | None
    latitude: float | None
    longitude: float | None
    population: int | None


@dataclass(slots=True)
class Entity:
    name: str
    label: str
    salience: float
    mentions: list[Mention] = field(default_factory=list)
    place: Place | None = None
    tone: float | None = None  # mean tone of the sentences that mention it; None when the article has no tone


@dataclass(frozen=True, slots=True)
class CountryShare:
    """One country of an article's places: its place mentions and their share of all place mentions."""

    country_code: str
    name: str
    mentions: int
    share: float


@dataclass(frozen=True, slots=True)
class Tone:
    """The article's tone: the mean of its sentences' scores in [-1, 1], and the shares of sentences that are
    positive, negative and neutral."""

    score: float
    positive: float
    negative: float
    neutral: float
    sentences: int


@dataclass(slots=True)
class Figure:
    text: str
    start: int
    end: int
    value: float | int
    kind: FigureKind
    unit: str | None
    qualifier: Qualifier
    sentence: str


@dataclass(slots=True)
class Quote:
    text: str
    start: int
    end: int
    speaker: str | None


@dataclass(slots=True)
class DateMention:
    text: str
    start: int
    end: int
    value: str | None
    granularity: str


@dataclass(slots=True)
class RawArticle:
    """A validated input record from `news.raw` (see schemas/raw-article.schema.json)."""

    id: str | None = None
    url: str | None = None
    body: str | None = None
    html: str | None = None
    title: str | None = None
    source: str | None = None
    published_at: str | None = None
    fetched_at: str | None = None
    language: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class EnrichedArticle:
    """One record of `news.enriched` (schemas/enriched-article.schema.json)."""

    schema_version: int
    id: str
    url: str | None
    source: str | None
    title: str | None
    published_at: str | None
    fetched_at: str | None
    language: str | None
    text: str
    contributors: list[str]
    entities: list[Entity]
    figures: list[Figure]
    quotes: list[Quote]
    dates: list[DateMention]
    metadata: dict[str, Any]
    processing: dict[str, Any] = field(default_factory=dict)
    duplicate_of: str | None = None
    similarity: float | None = None
    revision: int = 0
    places: list[CountryShare] = field(default_factory=list)
    tone: Tone | None = None
