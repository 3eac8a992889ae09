"""Scoring of extracted figures, quotes and entities against hand labels.

Pure functions on small typed records, so they can be tested on hand-made inputs:

- figures match when their spans overlap and they agree on value and kind; unit and qualifier are then
  scored over the matched pairs only;
- quotes match when the overlap covers at least half of the shorter span; the speaker is then scored
  over the matched pairs;
- entities match on (name, label) within a document, where a gold entity accepts its canonical name or
  one of its aliases (other full names the article uses for the same thing).

Matching is one-to-one: a gold item takes the unmatched candidate with the largest overlap, so a second
prediction of the same thing counts as spurious.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar


@dataclass(frozen=True, slots=True)
class FigureItem:
    start: int
    end: int
    value: float
    kind: str
    unit: str | None = None
    qualifier: str | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class QuoteItem:
    start: int
    end: int
    speaker: str | None
    text: str = ""


@dataclass(frozen=True, slots=True)
class GoldEntity:
    name: str
    label: str
    aliases: tuple[str, ...] = ()

    def keys(self) -> frozenset[str]:
        return frozenset(name_key(name) for name in (self.name, *self.aliases))


@dataclass(frozen=True, slots=True)
class EntityItem:
    name: str
    label: str


@dataclass(slots=True)
class Counts:
    """True positives, gold and predicted totals; adds up over documents (micro-averaging)."""

    tp: int = 0
    gold: int = 0
    predicted: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.gold += other.gold
        self.predicted += other.predicted

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else (1.0 if not self.predicted else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "gold": self.gold, "predicted": self.predicted,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass(slots=True)
class Accuracy:
    correct: int = 0
    total: int = 0

    def add(self, other: Accuracy) -> None:
        self.correct += other.correct
        self.total += other.total

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"correct": self.correct, "total": self.total, "accuracy": round(self.value, 4)}


G = TypeVar("G")
P = TypeVar("P")


@dataclass(slots=True)
class Matching(Generic[G, P]):
    pairs: list[tuple[G, P]] = field(default_factory=list)
    missed: list[G] = field(default_factory=list)
    spurious: list[P] = field(default_factory=list)

    def counts(self) -> Counts:
        return Counts(tp=len(self.pairs), gold=len(self.pairs) + len(self.missed),
                      predicted=len(self.pairs) + len(self.spurious))


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def match_one_to_one(gold: Sequence[G], predicted: Sequence[P], score: Callable[[G, P], float]) -> Matching[G, P]:
    """Each gold item, in order, takes the free prediction with the highest positive score."""
    result: Matching[G, P] = Matching()
    free = list(range(len(predicted)))
    for item in gold:
        best, best_score = None, 0.0
        for index in free:
            value = score(item, predicted[index])
            if value > best_score:
                best, best_score = index, value
        if best is None:
            result.missed.append(item)
        else:
            free.remove(best)
            result.pairs.append((item, predicted[best]))
    result.spurious = [predicted[index] for index in free]
    return result


def same_value(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def figure_score(gold: FigureItem, predicted: FigureItem) -> float:
    if gold.kind != predicted.kind or not same_value(gold.value, predicted.value):
        return 0.0
    return overlap(gold.start, gold.end, predicted.start, predicted.end)


def match_figures(gold: Sequence[FigureItem], predicted: Sequence[FigureItem]) -> Matching[FigureItem, FigureItem]:
    return match_one_to_one(gold, predicted, figure_score)


def unit_key(unit: str | None) -> str | None:
    return unit.strip().casefold() if unit else None


def unit_accuracy(matching: Matching[FigureItem, FigureItem]) -> Accuracy:
    return Accuracy(correct=sum(unit_key(g.unit) == unit_key(p.unit) for g, p in matching.pairs),
                    total=len(matching.pairs))


def qualifier_accuracy(matching: Matching[FigureItem, FigureItem]) -> Accuracy:
    return Accuracy(correct=sum(g.qualifier == p.qualifier for g, p in matching.pairs), total=len(matching.pairs))


def quote_score(gold: QuoteItem, predicted: QuoteItem) -> float:
    shared = overlap(gold.start, gold.end, predicted.start, predicted.end)
    shorter = min(gold.end - gold.start, predicted.end - predicted.start)
    return shared if shorter > 0 and shared >= 0.5 * shorter else 0.0


def match_quotes(gold: Sequence[QuoteItem], predicted: Sequence[QuoteItem]) -> Matching[QuoteItem, QuoteItem]:
    return match_one_to_one(gold, predicted, quote_score)


def speaker_accuracy(matching: Matching[QuoteItem, QuoteItem], entities: Sequence[GoldEntity] = ()) -> Accuracy:
    """A speaker is right when it names the gold speaker, by its canonical name or one of its aliases."""
    aliases = {name_key(entity.name): entity.keys() for entity in entities}
    correct = 0
    for gold, predicted in matching.pairs:
        if gold.speaker is None or predicted.speaker is None:
            correct += gold.speaker is None and predicted.speaker is None
            continue
        accepted = aliases.get(name_key(gold.speaker), frozenset({name_key(gold.speaker)}))
        correct += name_key(predicted.speaker) in accepted
    return Accuracy(correct=correct, total=len(matching.pairs))


@dataclass(frozen=True, slots=True)
class SpeakerErrors:
    """How matched quotes get their speaker wrong, as shares of the matched quotes: no speaker where the text
    names one, another speaker, a speaker where the text names nobody."""

    missing: Accuracy
    other: Accuracy
    invented: Accuracy


def speaker_errors(matching: Matching[QuoteItem, QuoteItem], entities: Sequence[GoldEntity] = ()) -> SpeakerErrors:
    aliases = {name_key(entity.name): entity.keys() for entity in entities}
    missing = other = invented = 0
    for gold, predicted in matching.pairs:
        if gold.speaker is not None and predicted.speaker is None:
            missing += 1
        elif gold.speaker is None and predicted.speaker is not None:
            invented += 1
        elif gold.speaker is not None and predicted.speaker is not None:
            accepted = aliases.get(name_key(gold.speaker), frozenset({name_key(gold.speaker)}))
            other += name_key(predicted.speaker) not in accepted
    total = len(matching.pairs)
    return SpeakerErrors(Accuracy(missing, total), Accuracy(other, total), Accuracy(invented, total))


_QUOTE_MARKS = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
_POSSESSIVE = re.compile(r"'s?$")


def name_key(name: str) -> str:
    """Case, spacing, dots, a leading "the" and a trailing possessive do not distinguish two names."""
    key = " ".join(name.translate(_QUOTE_MARKS).replace(".", " ").split()).casefold()
    key = _POSSESSIVE.sub("", key).strip()
    return key[4:] if key.startswith("the ") else key


def match_entities(gold: Sequence[GoldEntity], predicted: Sequence[EntityItem]) -> Matching[GoldEntity, EntityItem]:
    """Distinct (name, label) predictions against the gold entities of one document."""
    distinct = list({(name_key(item.name), item.label): item for item in predicted}.values())

    def score(entity: GoldEntity, item: EntityItem) -> float:
        return 1.0 if item.label == entity.label and name_key(item.name) in entity.keys() else 0.0

    return match_one_to_one(gold, distinct, score)


def label_counts(matching: Matching[GoldEntity, EntityItem], label: str) -> Counts:
    """The matching's counts for one label: precision says how many predicted `label` entities are right."""
    tp = sum(1 for gold, _ in matching.pairs if gold.label == label)
    return Counts(tp=tp, gold=tp + sum(1 for gold in matching.missed if gold.label == label),
                  predicted=tp + sum(1 for item in matching.spurious if item.label == label))
