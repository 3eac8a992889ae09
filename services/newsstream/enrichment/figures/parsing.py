"""Reading a number as written: digits with their scale, number words, vague plurals, a currency before.
`_read_number` turns the tokens at a position into a `_Number` ("1.13bn", "2.5 million", "a dozen",
"hundreds of", "three and a half"), marking as rejected what is certainly no figure (ordinals, decades,
identifiers glued to letters); `_attach_currency_before` finds a currency symbol or code written before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from newsstream.enrichment.numbers import (
    NUMBER_WORDS, SCALES, SCALE_WORDS, VAGUE_PLURALS, NumericToken, parse_numeric_token, read_number_words,
)

from .tokens import _Tokens
from .vocabulary import (
    CLOCK_WORDS, CURRENCY_SYMBOLS, CURRENCY_WORDS, DOLLAR_COUNTRY_CODES, GLUED_ONLY_UNITS, ISO_CURRENCY_CODES,
    NUMBER_WORD_LIMIT, ORDINAL_SUFFIXES, QUANTITY_UNITS, TIME_UNITS,
)


@dataclass(slots=True)
class _Number:
    """A number as written: its tokens, value, and what was glued to it."""

    first: int  # first token of the number itself
    last: int  # last token of the number and its scale
    value: Decimal
    plain: bool = False  # digits only: "2014", "4"
    word: bool = False  # written in words: "two", "a dozen"
    vague: bool = False  # "hundreds of": at least its scale
    scale_word: str = ""  # "m", "bn", "million", ...
    digits: str = ""
    suffix: str = ""  # a glued non-scale suffix: "%", "p", "km"
    currency: str | None = None
    start: int = -1  # first token of the whole expression (currency symbol included)
    rejected: bool = False  # certainly not a figure (ordinal, decade, identifier, time)


def _may_start_number(toks: _Tokens, i: int) -> bool:
    if _has_leading_digits(toks.text[i]):
        return True
    lower = toks.lower[i]
    if lower in NUMBER_WORDS or lower in VAGUE_PLURALS:
        return True
    if lower == "a":
        return toks.lower_at(i + 1) in _A_SCALES
    return lower == "half" and toks.lower_at(i + 1) == "a" and toks.lower_at(i + 2) in _A_SCALES


_A_SCALES = frozenset({"dozen", "hundred", "thousand", "million", "billion", "trillion"})


def _has_leading_digits(text: str) -> bool:
    """Digits, or digits after a short currency prefix: "2,000", "$5", "US$10", ".5"."""
    if text[0].isdigit():
        return True
    return text[0] in _PREFIX_CHARS and any(c.isdigit() for c in text[1:4])


_PREFIX_CHARS = frozenset("$£€¥₹ACHNSRU.")
# Marks glued after digits that make them a time, a ratio or feet and inches: "5:", "5/", "5'".
_GLUED_MARKS = frozenset({":", "/", "'", '"', "’", "”", "′", "″"})


def _read_number(toks: _Tokens, i: int) -> _Number | None:
    text = toks.text[i]
    if _has_leading_digits(text):
        parsed = parse_numeric_token(text)
        if parsed is None:
            return None
        return _read_digits(toks, i, parsed)
    lower = toks.lower[i]
    if lower in VAGUE_PLURALS:
        return _read_vague(toks, i)
    return _read_words(toks, i)


def _read_digits(toks: _Tokens, i: int, parsed: NumericToken) -> _Number:
    number = _Number(first=i, last=i, value=parsed.value, digits=parsed.digits)
    number.currency = CURRENCY_SYMBOLS.get(parsed.prefix) if parsed.prefix else None
    suffix = parsed.suffix
    if suffix:
        suffix_lower = suffix.lower()
        if suffix_lower in SCALES and suffix not in ("M", "B"):
            number.scale_word = suffix_lower
        elif (
            suffix in ("%", "p") or suffix_lower in QUANTITY_UNITS or suffix in GLUED_ONLY_UNITS
            or suffix_lower in TIME_UNITS
        ):
            number.suffix = suffix
        else:  # ordinals, decades ("1980s"), clock times ("10.30pm"), identifiers ("3G")
            number.rejected = True
            return number
    if not number.scale_word and not number.suffix:
        nxt = _without_final_stop(toks.lower_at(i + 1))
        if nxt in SCALE_WORDS or (nxt in SCALES and toks.glued(i) and toks.text[i + 1] not in ("M", "B")):
            number.scale_word = nxt
            number.last = i + 1
        elif nxt == "hundred" and not parsed.has_decimal:
            number.value *= 100
            number.last = i + 1
    if _glued_to_unknown_word(toks, number.last) or (
        toks.text_at(number.last + 1) in _GLUED_MARKS and toks.glued(number.last)
    ):
        number.rejected = True  # "3G", "4x4": an identifier, not a figure
        return number
    number.plain = parsed.is_plain_integer and not number.scale_word and number.last == i
    if number.scale_word:
        number.value *= SCALES[number.scale_word]
    _read_and_a_half(toks, number)
    return number


def _without_final_stop(word: str) -> str:
    """The tokenizer keeps a sentence's full stop on a short word after digits: "£5m." -> "m."."""
    return word[:-1] if len(word) > 1 and word.endswith(".") else word


def _glued_to_unknown_word(toks: _Tokens, i: int) -> bool:
    if not toks.glued(i):
        return False
    text = toks.text[i + 1]
    if not text.isalpha():
        return False
    lower = text.lower()
    return not (
        lower in QUANTITY_UNITS or text in GLUED_ONLY_UNITS or lower in TIME_UNITS
        or lower in CURRENCY_WORDS or lower in CLOCK_WORDS or lower in ORDINAL_SUFFIXES
        or lower in SCALES or lower in ("percent", "s")
    )


def _read_words(toks: _Tokens, i: int) -> _Number | None:
    words: list[str] = []
    j = i
    fraction = Decimal(1)
    if toks.lower[i] == "half":  # "half a million"
        fraction = Decimal("0.5")
        j += 1
    if toks.lower_at(j) == "a":  # "a dozen", "a million"
        j += 1
    start_words = j
    while j < toks.n and len(words) < NUMBER_WORD_LIMIT:
        lower = toks.lower[j]
        if lower in NUMBER_WORDS or lower in ("-", "and"):
            words.append(lower)
            j += 1
            continue
        break
    result = read_number_words(words)
    if result is None:
        return None
    value, used = result
    number = _Number(first=i, last=start_words + used - 1, value=value * fraction, word=True)
    if toks.lower[i] in ("a", "half") and value == 0:
        return None
    if toks.lower_at(i - 1) in ("several", "few", "many") and toks.lower[i] in _A_SCALES:
        number.rejected = True  # "several hundred": too vague to be a figure
        number.vague = True
    _read_and_a_half(toks, number)
    return number


def _read_vague(toks: _Tokens, i: int) -> _Number | None:
    """ "hundreds of", "tens of thousands of", "hundreds of millions of": at least the scale."""
    if toks.lower_at(i + 1) != "of":
        return None
    value = VAGUE_PLURALS[toks.lower[i]]
    last = i
    following = toks.lower_at(i + 2)
    if following in VAGUE_PLURALS and VAGUE_PLURALS[following] > value and toks.lower_at(i + 3) == "of":
        value *= VAGUE_PLURALS[following]
        last = i + 2
    return _Number(first=i, last=last, value=Decimal(value), word=True, vague=True)


def _read_and_a_half(toks: _Tokens, number: _Number) -> None:
    j = number.last
    if toks.lower_at(j + 1) == "and" and toks.lower_at(j + 2) == "a" and toks.lower_at(j + 3) == "half":
        if not number.scale_word and not number.vague:
            number.value += Decimal("0.5")
            number.last = j + 3
            number.plain = False


def _attach_currency_before(toks: _Tokens, number: _Number) -> None:
    """Find a currency symbol or code written before the number: "$", "US $", "EUR"."""
    number.start = number.first
    if number.currency is not None:
        code = toks.text_at(number.first - 1)
        if code in DOLLAR_COUNTRY_CODES and toks.glued(number.first - 1) and number.currency == "USD":
            number.currency = DOLLAR_COUNTRY_CODES[code]
            number.start = number.first - 1
        return
    before = toks.text_at(number.first - 1)
    if before in CURRENCY_SYMBOLS:
        number.currency = CURRENCY_SYMBOLS[before]
        number.start = number.first - 1
        if before == "$":
            code = toks.text_at(number.first - 2)
            if code in DOLLAR_COUNTRY_CODES and (code == "US" or toks.glued(number.first - 2)):
                number.currency = DOLLAR_COUNTRY_CODES[code]
                number.start = number.first - 2
    elif before in ISO_CURRENCY_CODES:
        number.currency = before
        number.start = number.first - 1
