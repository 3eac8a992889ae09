"""Number reading without spaCy: digit tokens and number words."""

from __future__ import annotations

from decimal import Decimal

import pytest

from newsstream.enrichment.numbers import parse_numeric_token, read_number_words, to_plain_number


def test_digits_with_separators_and_decimals():
    parsed = parse_numeric_token("1,234.5")
    assert parsed is not None
    assert (parsed.value, parsed.has_separator, parsed.has_decimal, parsed.is_plain_integer) == (
        Decimal("1234.5"), True, True, False,
    )


def test_glued_currency_prefix_and_scale_suffix():
    parsed = parse_numeric_token("US$1.13bn")
    assert parsed is not None
    assert (parsed.prefix, parsed.value, parsed.suffix) == ("US$", Decimal("1.13"), "bn")


def test_plain_integer():
    parsed = parse_numeric_token("2014")
    assert parsed is not None and parsed.is_plain_integer


@pytest.mark.parametrize("text", ["G7", "10:30", "25/1", "4x4", "", "9" * 25, "1,00", "abc"])
def test_tokens_that_are_not_numbers(text):
    assert parse_numeric_token(text) is None


@pytest.mark.parametrize(
    ("words", "value", "used"),
    [
        (["two"], 2, 1),
        (["twenty", "-", "five", "thousand"], 25000, 4),
        (["two", "hundred", "and", "fifty", "fans"], 250, 4),
        (["two", "million", "five", "hundred", "thousand"], 2500000, 5),
        (["nineteen", "hundred"], 1900, 2),
        (["dozen"], 12, 1),
        (["five", "six"], 5, 1),
        (["thousand", "thousand"], 1000, 1),
        (["hundred", "and"], 100, 1),
    ],
)
def test_number_words(words, value, used):
    assert read_number_words(words) == (Decimal(value), used)


def test_words_that_are_not_numbers():
    assert read_number_words(["and", "two"]) is None
    assert read_number_words([]) is None


def test_plain_numbers_are_ints_when_whole():
    assert to_plain_number(Decimal("1.13") * 10**9) == 1130000000
    assert isinstance(to_plain_number(Decimal("1130000000.00")), int)
    assert to_plain_number(Decimal("0.05")) == 0.05
