"""Reading numbers as news text writes them: digits with separators and suffixes, and number words.

Everything here works on single token texts or short lists of lower-case words, so the cost is
bounded by the token, never by the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Sequence

# Tokens longer than this are identifiers or garbage, never a figure a reader would quote.
MAX_NUMERIC_TOKEN_CHARS = 24

# A currency prefix glued to the digits ("$1.13bn", "US$5"), the number, then a glued suffix
# ("bn", "m", "%", "km", "p", "th", "s", "pm"). Alternatives are disjoint, so matching is linear.
_NUMERIC_TOKEN_RE = re.compile(
    r"(?P<prefix>US\$|A\$|AU\$|C\$|CA\$|NZ\$|HK\$|S\$|R\$|[$£€¥₹])?"
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"(?P<suffix>[A-Za-z%]{1,5})?"
)

SCALES: dict[str, int] = {
    "k": 1_000,
    "thousand": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mln": 1_000_000,
    "million": 1_000_000,
    "bn": 1_000_000_000,
    "b": 1_000_000_000,
    "billion": 1_000_000_000,
    "tn": 1_000_000_000_000,
    "trn": 1_000_000_000_000,
    "trillion": 1_000_000_000_000,
}

# Scales that may stand as a separate word after digits ("2.5 million"); "m"/"bn" only glued.
SCALE_WORDS: dict[str, int] = {
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}

UNIT_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS_WORDS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
HUNDRED = "hundred"
DOZEN = "dozen"
NUMBER_WORDS: frozenset[str] = frozenset(
    [*UNIT_WORDS, *TENS_WORDS, HUNDRED, DOZEN, *SCALE_WORDS]
)

# "hundreds of", "thousands of": the plural stands for at least one of its scale.
VAGUE_PLURALS: dict[str, int] = {
    "dozens": 12,
    "tens": 10,
    "hundreds": 100,
    "thousands": 1_000,
    "millions": 1_000_000,
    "billions": 1_000_000_000,
}


@dataclass(frozen=True, slots=True)
class NumericToken:
    """The parts of a token such as "$1.13bn": prefix "$", value 1.13, suffix "bn"."""

    value: Decimal
    prefix: str
    suffix: str
    digits: str
    has_separator: bool
    has_decimal: bool

    @property
    def is_plain_integer(self) -> bool:
        """Digits only: "2014", "4", "0800", never "2,000", "1.5" or "5m"."""
        return not (self.has_separator or self.has_decimal or self.prefix or self.suffix)


def parse_numeric_token(text: str) -> NumericToken | None:
    """Split a token made of digits (and an optional glued currency prefix and suffix)."""
    if len(text) > MAX_NUMERIC_TOKEN_CHARS:
        return None
    match = _NUMERIC_TOKEN_RE.fullmatch(text)
    if match is None:
        return None
    digits = match.group("number")
    try:
        value = Decimal(digits.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex only admits valid decimals
        return None
    return NumericToken(
        value=value,
        prefix=match.group("prefix") or "",
        suffix=match.group("suffix") or "",
        digits=digits,
        has_separator="," in digits,
        has_decimal="." in digits,
    )


def read_number_words(words: Sequence[str]) -> tuple[Decimal, int] | None:
    """Read the longest well-formed number at the start of `words` (lower case, "-" kept apart).

    Returns the value and how many words it used, or None. "twenty - five thousand" is 25000,
    "two hundred and fifty" 250; "five six" reads only "five".
    """
    total = 0
    current = 0
    used = 0
    last_big = 10**16  # big scales must fall: "two million five thousand"
    previous = ""  # kind of the previous accepted word: unit, teen, tens, hundred, big, dozen
    index = 0
    while index < len(words):
        word = words[index]
        kind, value = _word_kind(word)
        if word in ("-", "and") and previous in ("tens", "hundred", "big"):
            nxt = words[index + 1] if index + 1 < len(words) else ""
            nxt_kind, _ = _word_kind(nxt)
            allowed = ("unit",) if word == "-" else ("unit", "teen", "tens")
            if nxt_kind in allowed:
                index += 1
                continue
            break
        if kind == "" or not _may_follow(previous, kind):
            break
        if kind in ("unit", "teen", "tens"):
            current += value
        elif kind == "hundred":
            current = (current or 1) * 100
        elif kind == "dozen":
            current = (current or 1) * 12
        else:  # a big scale
            if value >= last_big:
                break
            total += (current or 1) * value
            current = 0
            last_big = value
        previous = kind
        index += 1
        used = index
    if used == 0:
        return None
    return Decimal(total + current), used


def _word_kind(word: str) -> tuple[str, int]:
    if word in UNIT_WORDS:
        value = UNIT_WORDS[word]
        return ("unit" if value < 10 else "teen"), value
    if word in TENS_WORDS:
        return "tens", TENS_WORDS[word]
    if word == HUNDRED:
        return "hundred", 100
    if word == DOZEN:
        return "dozen", 12
    if word in SCALE_WORDS:
        return "big", SCALE_WORDS[word]
    return "", 0


_FOLLOWERS: dict[str, frozenset[str]] = {
    "": frozenset({"unit", "teen", "tens", "hundred", "dozen", "big"}),
    "unit": frozenset({"hundred", "big", "dozen"}),
    "teen": frozenset({"hundred", "big"}),
    "tens": frozenset({"unit", "big"}),
    "hundred": frozenset({"unit", "teen", "tens", "big"}),
    "big": frozenset({"unit", "teen", "tens"}),
    "dozen": frozenset(),
}


def _may_follow(previous: str, kind: str) -> bool:
    return kind in _FOLLOWERS[previous]


def to_plain_number(value: Decimal) -> int | float:
    """An int when the value is whole (1.13bn is 1130000000), otherwise a float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)
