"""Raw record values to outcomes: the one path of an article, shared by the worker, `newsstream enrich` and the
bench. Each value is parsed (JSON, schema, encoding) into a record or an InputError; the records are enriched
as one batch; the outcomes come back in input order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import InputError
from .parse import ParsedRecord, parse_raw_record
from .pipeline import Enricher, Outcome


@dataclass(frozen=True, slots=True)
class ParsedBatch:
    """A batch of raw values, each parsed into a record or refused with an InputError, in input order."""

    slots: tuple[ParsedRecord | InputError, ...]

    @property
    def records(self) -> list[ParsedRecord]:
        """The values that parsed, in order: what goes to the enricher."""
        return [slot for slot in self.slots if isinstance(slot, ParsedRecord)]

    def merge(self, outcomes: Sequence[Outcome]) -> list[tuple[str | None, Outcome]]:
        """(article id when known, outcome) for every value, in input order, from the records' outcomes."""
        pending = iter(outcomes)
        merged: list[tuple[str | None, Outcome]] = []
        for slot in self.slots:
            if isinstance(slot, ParsedRecord):
                merged.append((slot.article_id, next(pending)))
            else:
                merged.append((None, slot))
        if next(pending, None) is not None:
            raise ValueError("more outcomes than parsed records")
        return merged


def parse_batch(values: Sequence[bytes | None], max_bytes: int) -> ParsedBatch:
    slots: list[ParsedRecord | InputError] = []
    for value in values:
        try:
            slots.append(parse_raw_record(value, max_bytes=max_bytes))
        except InputError as error:
            slots.append(error)
    return ParsedBatch(tuple(slots))


def enrich_raw(enricher: Enricher, values: Sequence[bytes | None], max_bytes: int) -> list[Outcome]:
    """One outcome per raw value, in order: an enriched article, or the InputError that refused it."""
    batch = parse_batch(values, max_bytes)
    return [outcome for _, outcome in batch.merge(enricher.enrich_batch(batch.records))]
