"""What follows a number and says what it measures, and the kind, unit and value of a figure.
`_read_tail` reads the units, currencies, age and time words right after a number (a glued suffix
first) into a `_Tail`; `_Part` pairs a number with its tail. `_kind_unit_value` then decides the figure's
kind, unit and value, including whether an "m" after digits is metres or millions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from newsstream.enrichment.numbers import SCALES
from newsstream.enrichment.records import Figure, FigureKind, Qualifier

from .parsing import _Number, _without_final_stop
from .tokens import _Tokens
from .vocabulary import (
    ATHLETIC_METRES, ATHLETIC_WORDS, COMPOUND_UNITS, CURRENCY_WORDS, DATA_RATE_NOUNS, DATA_RATE_UNITS, DIMENSION_WORDS,
    DOLLAR_ADJECTIVES, GLUED_ONLY_UNITS, HYPHEN_ONLY_UNITS, ISO_CURRENCY_CODES, QUALIFIERS_AFTER, QUANTITY_UNITS,
    TIME_UNITS, _COMPOUND_LENGTHS,
)


@dataclass(slots=True)
class _Tail:
    """What follows a number and says what it measures."""

    kind: FigureKind | None = None
    unit: str | None = None
    factor: Decimal = Decimal(1)
    last: int = -1  # last token of the tail; -1 when there is none
    qualifier: Qualifier | None = None


@dataclass(slots=True)
class _Part:
    number: _Number
    tail: _Tail = field(default_factory=_Tail)


def _read_tail(toks: _Tokens, number: _Number) -> _Tail:
    """Units, currencies and age or time words right after the number (glued suffix first)."""
    if number.suffix:
        return _tail_from_suffix(toks, number)
    j = number.last + 1
    if number.vague and toks.lower_at(j) == "of":  # "thousands of pounds"
        money = _money_tail(toks, number, j + 1, toks.lower_at(j + 1))
        return money if money is not None else _Tail()
    hedge: Qualifier | None = None
    if toks.lower_at(j) == "-" and toks.glued(j) and toks.lower_at(j + 1) in ("odd", "plus"):
        hedge = "approximate" if toks.lower_at(j + 1) == "odd" else "at_least"  # "20-odd years"
        j += 2
    elif toks.text_at(j) == "+" and toks.glued(j - 1):  # "15+ hours"
        hedge = "at_least"
        j += 1
    elif toks.lower_at(j) == "or" and ("or", toks.lower_at(j + 1)) in QUALIFIERS_AFTER:  # "10 or more years"
        hedge = QUALIFIERS_AFTER[("or", toks.lower_at(j + 1))]
        j += 2
    lower = toks.lower_at(j)
    tail = _Tail()
    if lower:
        for reader in (_percent_tail, _money_tail, _age_tail, _time_tail, _quantity_tail):
            found = reader(toks, number, j, lower)
            if found is not None:
                tail = found
                break
    if hedge is not None:
        tail.qualifier = hedge
        tail.last = max(tail.last, j - 1)
    return tail


def _tail_from_suffix(toks: _Tokens, number: _Number) -> _Tail:
    suffix = number.suffix
    if suffix.lower() in TIME_UNITS:  # "22secs", "90mins"
        return _Tail("duration", TIME_UNITS[suffix.lower()], last=number.last)
    if suffix == "%":
        return _Tail("percent", "%", last=number.last)
    if suffix == "p":
        return _Tail("money", "GBP", Decimal("0.01"), last=number.last)
    unit = QUANTITY_UNITS.get(suffix.lower()) or GLUED_ONLY_UNITS[suffix]
    return _Tail("quantity", unit, last=number.last)


def _percent_tail(toks: _Tokens, number: _Number, j: int, lower: str) -> _Tail | None:
    if lower in ("%", "percent"):
        if toks.lower_at(j + 1) == "point" or toks.lower_at(j + 1) == "points":
            return _Tail("percent", "percentage point", last=j + 1)
        return _Tail("percent", "%", last=j)
    if lower == "per" and toks.lower_at(j + 1) == "cent":
        return _Tail("percent", "%", last=j + 1)
    if lower == "percentage" and toks.lower_at(j + 1) in ("point", "points"):
        return _Tail("percent", "percentage point", last=j + 1)
    return None


def _money_tail(toks: _Tokens, number: _Number, j: int, lower: str) -> _Tail | None:
    if toks.text[j] in ISO_CURRENCY_CODES:
        return _Tail("money", toks.text[j], last=j)
    # "US dollars", "Hong Kong dollars", "Swiss francs": an adjective or two before the word.
    for offset in (0, 1, 2):
        word = toks.lower_at(j + offset)
        if word in CURRENCY_WORDS and toks.text_at(j + offset).islower():
            if offset == 0 or toks.lower_at(j + offset - 1) in DOLLAR_ADJECTIVES:
                code, factor = CURRENCY_WORDS[word]
                if offset:
                    code = DOLLAR_ADJECTIVES[toks.lower_at(j + offset - 1)]
                elif word in ("cent", "cents") and number.currency:
                    code = number.currency
                return _Tail("money", code, factor, last=j + offset)
        if word not in DOLLAR_ADJECTIVES and word != "hong" and word != "new":
            return None
    return None


def _age_tail(toks: _Tokens, number: _Number, j: int, lower: str) -> _Tail | None:
    # "23-year-old", "23 years old", "six-month-old", "23-years-old"
    k = j + 1 if lower == "-" else j
    unit = TIME_UNITS.get(toks.lower_at(k))
    if unit not in ("year", "month", "week", "day"):
        return None
    after = k + 1
    if toks.lower_at(after) == "-":
        after += 1
    if toks.lower_at(after) == "old":
        return _Tail("age", unit, last=after)
    if after == k + 1 and toks.lower_at(after) in ("older", "younger"):  # "six years older than"
        return _Tail("age", unit, last=after)
    return None


def _time_tail(toks: _Tokens, number: _Number, j: int, lower: str) -> _Tail | None:
    if lower == "-" and toks.glued(j):
        unit = TIME_UNITS.get(toks.lower_at(j + 1))
        return _Tail("duration", unit, last=j + 1) if unit else None
    unit = TIME_UNITS.get(lower)
    if unit is None:
        return None
    if lower in ("second", "min", "sec") and number.value != 1:
        return None  # "the second", "2 min" is rare; "second" after a number other than one is an ordinal
    return _Tail("duration", unit, last=j)


def _quantity_tail(toks: _Tokens, number: _Number, j: int, lower: str) -> _Tail | None:
    hyphenated = lower == "-" and toks.glued(j)
    if hyphenated:
        j += 1
        lower = toks.lower_at(j)
    else:
        compound = _compound_unit(toks, j)
        if compound is not None:
            return compound
    unit = QUANTITY_UNITS.get(lower)
    if unit is None and hyphenated:
        unit = HYPHEN_ONLY_UNITS.get(lower)
    if unit is None and not hyphenated and toks.glued(j - 1):
        unit = GLUED_ONLY_UNITS.get(_without_final_stop(toks.text_at(j)))
    if unit is None:
        return None
    if lower in ("km", "kg", "mph") or toks.text[j].islower() or toks.text[j].isupper():
        return _as_data_rate(toks, _Tail("quantity", unit, last=j))
    return None


def _compound_unit(toks: _Tokens, j: int) -> _Tail | None:
    """ "square feet", "dots per inch", "miles an hour" starting at token j."""
    for length in _COMPOUND_LENGTHS:
        words = [toks.lower_at(k) for k in range(j, j + length)]
        words[-1] = _without_final_stop(words[-1])
        unit = COMPOUND_UNITS.get(tuple(words))
        if unit is not None:
            return _Tail("quantity", unit, last=j + length - 1)
    return None


def _as_data_rate(toks: _Tokens, tail: _Tail) -> _Tail:
    """ "two megabits per second", "one gigabit a second", "a one gigabit network": a line speed."""
    unit = tail.unit or ""
    rate = DATA_RATE_UNITS.get(unit)
    if rate is None:
        return tail
    after = tail.last + 1
    per_second = _without_final_stop(toks.lower_at(after + 1)) in ("second", "sec", "s")
    if toks.lower_at(after) in ("per", "a", "/") and per_second:
        return _Tail("quantity", rate, last=after + 1)
    if unit.endswith("bit") and toks.lower_at(after) in DATA_RATE_NOUNS:
        return _Tail("quantity", rate, last=tail.last)
    return tail


def _converts_a_quantity(toks: _Tokens, number: _Number, previous: Figure | None) -> bool:
    """ "jumped 30ft (10m)": in brackets right after a length, "m" is metres."""
    if previous is None or previous.kind != "quantity" or toks.text_at(number.first - 1) != "(":
        return False
    return previous.end == toks.idx[number.first - 1] or previous.end + 1 == toks.idx[number.first - 1]


def _kind_unit_value(
    toks: _Tokens, number: _Number, tail: _Tail, previous: Figure | None
) -> tuple[FigureKind, str | None, Decimal]:
    value = number.value
    if number.currency is not None and tail.kind in (None, "money"):
        factor = tail.factor if tail.kind == "money" else Decimal(1)
        return "money", number.currency, value * factor
    if tail.kind is not None:
        return tail.kind, tail.unit, value * tail.factor
    metres = number.scale_word == "m" and (
        _means_metres(toks, number) or _converts_a_quantity(toks, number, previous)
        or _is_followed_by_dimension(toks, number)
    )
    if metres:
        return "quantity", "m", value / SCALES["m"]
    return "count", None, value


def _is_followed_by_dimension(toks: _Tokens, number: _Number) -> bool:
    """ "2.5m high", "6m long", "3m in diameter": a size, so "m" is metres."""
    after = toks.lower_at(number.last + 1)
    if after in DIMENSION_WORDS:
        return toks.lower_at(number.last + 2) != "-"  # not "£2m long-term"
    return after == "in" and toks.lower_at(number.last + 2) in _DIMENSION_NOUNS


_DIMENSION_NOUNS = frozenset("length height width diameter depth circumference".split())


def _means_metres(toks: _Tokens, number: _Number) -> bool:
    """ "the 100m hurdles", "over the final 200m" against "60m people", "£100m"."""
    metres = number.value / SCALES["m"]
    if metres != metres.to_integral_value() or int(metres) not in ATHLETIC_METRES:
        return False
    after = number.last + 1
    if toks.lower_at(after) in ATHLETIC_WORDS:
        return True
    return not (after < toks.n and toks.tag[after] == "NNS")
