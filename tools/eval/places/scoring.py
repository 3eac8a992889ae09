"""Scoring of places and tone (issue 20) against the labels of `labels/` (LABELLING.md).

Pure functions on one enriched record as a dict (the wire format `newsstream enrich` prints; `as_record`
turns the Enricher's dataclasses into it) and one label. An entity without `place` and a record without
`tone` read as null, so records from before the fields existed score as unanswered, not as errors.

- Places: a gold entry is a name as the text spells it. Its whole-word occurrences in the cleaned text are
  looked up; the system's entity mentions overlapping one are its candidates, a mention whose text is the
  name first, then by the longest overlap, then by position. The entry is answered when a candidate's
  entity has a place, and the first such candidate's place is the answer. Country accuracy: answered
  entries whose `country_code` is the gold one (null meets null: continents, seas) among answered entries;
  coverage: answered among all entries; city id accuracy: over answered entries with a gold `geonames_id`,
  those whose place has that id.
- Not places: a name is a false place when any system mention overlapping one of its occurrences belongs
  to an entity with a place; the rate is false places among the labelled names.
- Tone: sign agreement over the articles labelled positive or negative; `tone.score` > 0 is positive,
  < 0 negative, and a null tone or a score of 0 agrees with neither.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson

from tools.eval.scoring import Accuracy, overlap

Record = Mapping[str, Any]
TONES = ("positive", "negative", "neutral")
SIGNS = ("positive", "negative", "none")  # predicted: score > 0, score < 0, null tone or a score of 0


@dataclass(frozen=True, slots=True)
class GoldPlace:
    name: str
    country_code: str | None
    geonames_id: int | None = None
    feature: str = ""


@dataclass(frozen=True, slots=True)
class PlacesLabel:
    document: str
    tone: str  # one of TONES
    places: tuple[GoldPlace, ...] = ()
    not_places: tuple[str, ...] = ()

    def names(self) -> list[str]:
        return [entry.name for entry in self.places] + list(self.not_places)


def parse_label(label: Mapping[str, Any]) -> PlacesLabel:
    """A label file's dict (LABELLING.md) as a PlacesLabel."""
    return PlacesLabel(
        document=label["document"],
        tone=label["tone"],
        places=tuple(GoldPlace(name=entry["name"], country_code=entry.get("country_code"),
                               geonames_id=entry.get("geonames_id"), feature=entry.get("feature", ""))
                     for entry in label.get("places", [])),
        not_places=tuple(label.get("not_places", [])),
    )


def as_record(article: Any) -> dict[str, Any]:
    """The record as a dict: a dict as it is, a dataclass (EnrichedArticle) through its wire format."""
    if isinstance(article, Mapping):
        return dict(article)
    return orjson.loads(orjson.dumps(article))


def carries_places(records: Iterable[Record]) -> bool:
    """Whether any entity of the records has a `place` key (null or not): the system geocodes at all."""
    return any("place" in entity for record in records for entity in record.get("entities") or ())


def occurrences(text: str, name: str) -> list[tuple[int, int]]:
    """The spans of `name` in `text` as a whole word: not preceded or followed by a letter or digit."""
    if not name:
        return []
    return [(match.start(), match.end()) for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A system mention overlapping an occurrence of a labelled name, with its entity's place (or None)."""

    text: str
    start: int
    end: int
    overlap: int
    entity: str
    place: Mapping[str, Any] | None


def candidates(name: str, text: str, entities: Sequence[Mapping[str, Any]]) -> list[Candidate]:
    """The mentions overlapping the name's occurrences, best first: the name's own text, then the longest
    overlap, then the earliest."""
    spans = occurrences(text, name)
    found = []
    for entity in entities:
        for mention in entity.get("mentions") or ():
            shared = max((overlap(start, end, mention["start"], mention["end"]) for start, end in spans), default=0)
            if shared:
                found.append(Candidate(text=mention["text"], start=mention["start"], end=mention["end"],
                                       overlap=shared, entity=entity.get("name", ""), place=entity.get("place")))
    return sorted(found, key=lambda c: (c.text != name, -c.overlap, c.start))


def answer(name: str, text: str, entities: Sequence[Mapping[str, Any]]) -> Candidate | None:
    """The best candidate whose entity has a place; None when the name is unanswered."""
    return next((c for c in candidates(name, text, entities) if c.place is not None), None)


def predicted_sign(record: Record) -> str:
    tone = record.get("tone")
    score = tone.get("score") if isinstance(tone, Mapping) else None
    if score is None or score == 0:
        return "none"
    return "positive" if score > 0 else "negative"


@dataclass(slots=True)
class ToneConfusion:
    """Articles by (gold tone, predicted sign)."""

    counts: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, other: ToneConfusion) -> None:
        self.counts.update(other.counts)

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {gold: {sign: self.counts[gold, sign] for sign in SIGNS} for gold in TONES}

    def line(self) -> str:
        return "gold " + ", ".join(f"{gold} {'/'.join(str(self.counts[gold, sign]) for sign in SIGNS)}"
                                   for gold in TONES) + "  (predicted positive/negative/none)"


@dataclass(slots=True)
class PlacesTally:
    country: Accuracy = field(default_factory=Accuracy)       # right country / answered entries
    coverage: Accuracy = field(default_factory=Accuracy)      # answered / gold entries
    city_ids: Accuracy = field(default_factory=Accuracy)      # right id / answered entries with a gold id
    false_places: Accuracy = field(default_factory=Accuracy)  # names given a place / not_places names
    tone: Accuracy = field(default_factory=Accuracy)          # sign agrees / articles labelled positive, negative
    confusion: ToneConfusion = field(default_factory=ToneConfusion)

    def add(self, other: PlacesTally) -> None:
        for name in self.__slots__:
            getattr(self, name).add(getattr(other, name))

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name).as_dict() for name in self.__slots__}

    def metrics(self) -> dict[str, float]:
        return {"places_country_accuracy": self.country.value, "places_coverage": self.coverage.value,
                "places_city_id_accuracy": self.city_ids.value, "false_places": self.false_places.value,
                "tone_sign_agreement": self.tone.value}


@dataclass(slots=True)
class PlacesResult:
    document: str
    tally: PlacesTally
    errors: dict[str, list[str]]


def _where(country_code: str | None, geonames_id: int | None) -> str:
    return (country_code or "no country") + (f" {geonames_id}" if geonames_id is not None else "")


def _describe(place: Mapping[str, Any] | None) -> str:
    if place is None:
        return "no place"
    where = _where(place.get("country_code"), place.get("geonames_id"))
    return f"{where} ({place.get('name')}, {place.get('feature')})"


def score_gold_places(places: Sequence[GoldPlace], text: str, entities: Sequence[Mapping[str, Any]],
                      tally: PlacesTally, errors: dict[str, list[str]]) -> None:
    for entry in places:
        found = answer(entry.name, text, entities)
        tally.coverage.total += 1
        gold = f"{entry.name}: gold {_where(entry.country_code, entry.geonames_id)}"
        if found is None:
            errors["place_unanswered"].append(gold)
            continue
        place = found.place or {}
        tally.coverage.correct += 1
        tally.country.total += 1
        right_country = place.get("country_code") == entry.country_code
        tally.country.correct += right_country
        right_id = True
        if entry.geonames_id is not None:
            tally.city_ids.total += 1
            right_id = place.get("geonames_id") == entry.geonames_id
            tally.city_ids.correct += right_id
        if not right_country or not right_id:
            errors["place_wrong"].append(f"{gold}, got {_describe(found.place)} from {found.text!r}")


def score_not_places(names: Sequence[str], text: str, entities: Sequence[Mapping[str, Any]],
                     tally: PlacesTally, errors: dict[str, list[str]]) -> None:
    for name in names:
        placed = [c for c in candidates(name, text, entities) if c.place is not None]
        tally.false_places.total += 1
        if placed:
            tally.false_places.correct += 1
            errors["false_place"].append(f"{name}: got {_describe(placed[0].place)} from {placed[0].text!r}")


def score_tone(gold: str, record: Record, tally: PlacesTally, errors: dict[str, list[str]]) -> None:
    sign = predicted_sign(record)
    tally.confusion.counts[gold, sign] += 1
    if gold in ("positive", "negative"):
        tally.tone.total += 1
        tally.tone.correct += sign == gold
        if sign != gold:
            tone = record.get("tone")
            score = tone.get("score") if isinstance(tone, Mapping) else None
            errors["tone"].append(f"gold {gold}, got {sign} (score {score})")


def score_places(label: PlacesLabel, record: Record) -> PlacesResult:
    """One article's places, not-places and tone against its label."""
    text = record["text"]
    entities = record.get("entities") or []
    tally = PlacesTally()
    errors: dict[str, list[str]] = {"place_wrong": [], "place_unanswered": [], "false_place": [], "tone": []}
    score_gold_places(label.places, text, entities, tally, errors)
    score_not_places(label.not_places, text, entities, tally, errors)
    score_tone(label.tone, record, tally, errors)
    return PlacesResult(document=label.document, tally=tally, errors=errors)


def unfound_names(label: PlacesLabel, text: str) -> list[str]:
    """Labelled names with no whole-word occurrence in the text: the label no longer fits it."""
    return [name for name in label.names() if not occurrences(text, name)]
