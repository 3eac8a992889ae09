"""Figures in news text: money, percentages, counts, physical quantities, durations and ages.

`extract_figures` walks the tokens once. At a token that can start a number (digits, a number word,
"hundreds of") it reads the number with its scale ("1.13bn", "2.5 million"), then the words around
it: a currency before ("$", "US$", "EUR") or after ("euros", "pence"), a unit after ("%", "km",
"years", "-year-old"), a qualifier before ("about", "more than") or after ("or more"), a second
number that makes a range ("between 200 and 250 million", "$10-20bn"), and for counts the noun
counted. Numbers that are not figures (years, dates, times, ordinals, ranks and chart positions,
numbers in names, sport scores, phone numbers, race names, relative dates such as "two years ago",
multipliers, fractions in words, idioms and a pronoun "one") are recognised from the same
neighbourhood and skipped.
All look-arounds are a few tokens wide, so the cost is linear in the document.

spaCy's entity labels are used only as a hint for numbers inside names: the small model's spans are
too unreliable to decide kinds with.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal

from spacy.tokens import Doc

from newsstream.enrichment.lemmas import lemma_of
from newsstream.enrichment.numbers import (
    NUMBER_WORDS,
    SCALE_WORDS,
    SCALES,
    VAGUE_PLURALS,
    NumericToken,
    parse_numeric_token,
    read_number_words,
    to_plain_number,
)
from newsstream.enrichment.records import Figure, FigureKind, Qualifier

# --- vocabulary -----------------------------------------------------------------------------------

CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD", "US$": "USD", "A$": "AUD", "AU$": "AUD", "C$": "CAD", "CA$": "CAD",
    "NZ$": "NZD", "HK$": "HKD", "S$": "SGD", "R$": "BRL", "£": "GBP", "€": "EUR", "¥": "JPY",
    "₹": "INR", "Rs": "INR", "Rs.": "INR",
}
# "US $5m": a country code standing apart from, or glued before, a "$" token.
DOLLAR_COUNTRY_CODES: dict[str, str] = {
    "US": "USD", "A": "AUD", "AU": "AUD", "C": "CAD", "CA": "CAD", "NZ": "NZD", "HK": "HKD",
    "S": "SGD",
}
ISO_CURRENCY_CODES: frozenset[str] = frozenset(
    "USD GBP EUR JPY CHF AUD CAD CNY INR HKD NZD SEK NOK DKK RUB BRL ZAR KRW SGD MXN".split()
)
# Currency words after a number: (ISO code, factor into the main unit).
CURRENCY_WORDS: dict[str, tuple[str, Decimal]] = {
    "dollar": ("USD", Decimal(1)), "dollars": ("USD", Decimal(1)),
    "pound": ("GBP", Decimal(1)), "pounds": ("GBP", Decimal(1)), "sterling": ("GBP", Decimal(1)),
    "pence": ("GBP", Decimal("0.01")), "penny": ("GBP", Decimal("0.01")),
    "euro": ("EUR", Decimal(1)), "euros": ("EUR", Decimal(1)),
    "cent": ("USD", Decimal("0.01")), "cents": ("USD", Decimal("0.01")),
    "yen": ("JPY", Decimal(1)), "yuan": ("CNY", Decimal(1)), "renminbi": ("CNY", Decimal(1)),
    "rupee": ("INR", Decimal(1)), "rupees": ("INR", Decimal(1)),
    "rouble": ("RUB", Decimal(1)), "roubles": ("RUB", Decimal(1)),
    "ruble": ("RUB", Decimal(1)), "rubles": ("RUB", Decimal(1)),
    "franc": ("CHF", Decimal(1)), "francs": ("CHF", Decimal(1)),
    "krona": ("SEK", Decimal(1)), "kronor": ("SEK", Decimal(1)),
    "kroner": ("NOK", Decimal(1)), "krone": ("NOK", Decimal(1)),
    "rand": ("ZAR", Decimal(1)),
}
# "Australian dollars": the adjective decides the dollar.
DOLLAR_ADJECTIVES: dict[str, str] = {
    "us": "USD", "american": "USD", "australian": "AUD", "canadian": "CAD", "singapore": "SGD",
    "zealand": "NZD", "kong": "HKD", "taiwan": "TWD", "swiss": "CHF", "danish": "DKK",
    "norwegian": "NOK",
}
# Quantity units, keyed by the lower-case token, valued by the canonical unit.
QUANTITY_UNITS: dict[str, str] = {
    "km": "km", "kms": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km",
    "kilometers": "km", "metre": "m", "metres": "m", "meter": "m", "meters": "m",
    "cm": "cm", "centimetre": "cm", "centimetres": "cm", "mm": "mm", "millimetre": "mm",
    "millimetres": "mm", "mile": "mile", "miles": "mile", "yard": "yard", "yards": "yard",
    "yd": "yard", "yds": "yard", "ft": "ft", "foot": "ft", "feet": "ft", "inch": "inch",
    "inches": "inch", "kg": "kg", "kgs": "kg", "kilo": "kg", "kilos": "kg", "kilogram": "kg",
    "kilograms": "kg", "gram": "g", "grams": "g", "lb": "lb", "lbs": "lb", "tonne": "tonne",
    "tonnes": "tonne", "ton": "ton", "tons": "ton", "mph": "mph", "kph": "km/h", "km/h": "km/h",
    "litre": "litre", "litres": "litre", "liter": "litre", "liters": "litre",
    "gallon": "gallon", "gallons": "gallon", "kb": "KB", "kilobyte": "KB", "kilobytes": "KB",
    "mb": "MB", "megabyte": "MB", "megabytes": "MB", "gb": "GB", "gigabyte": "GB",
    "gigabytes": "GB", "tb": "TB", "terabyte": "TB", "terabytes": "TB", "kbps": "kbps",
    "mbps": "Mbps", "gbps": "Gbps", "mbit": "Mbit", "megabit": "Mbit", "megabits": "Mbit",
    "kilobit": "kbit", "kilobits": "kbit", "gigabit": "Gbit", "gigabits": "Gbit", "gbit": "Gbit",
    "terabit": "Tbit", "terabits": "Tbit",
    "ghz": "GHz", "mhz": "MHz", "khz": "kHz", "megapixel": "megapixel", "megapixels": "megapixel",
    "gigapixel": "gigapixel", "gigapixels": "gigapixel", "dpi": "dpi", "ppi": "ppi", "fps": "fps",
    "watt": "W", "watts": "W", "kw": "kW", "kilowatt": "kW", "kilowatts": "kW",
    "megawatt": "MW", "megawatts": "MW", "gw": "GW", "gigawatt": "GW", "gigawatts": "GW",
    "acre": "acre", "acres": "acre", "hectare": "hectare", "hectares": "hectare",
    "degree": "degree", "degrees": "degree",
}
# Units of two or three words: (words, canonical unit). Read before the one-word units.
COMPOUND_UNITS: dict[tuple[str, ...], str] = {
    **{("square", word): "sq ft" for word in ("feet", "foot", "ft")},
    **{("square", word): "sq m" for word in ("metres", "metre", "meters", "meter")},
    **{("square", word): "sq km" for word in ("kilometres", "kilometre", "kilometers", "km")},
    **{("square", word): "sq mile" for word in ("miles", "mile")},
    ("sq", "ft"): "sq ft", ("sq", "m"): "sq m", ("sq", "km"): "sq km",
    **{("cubic", word): "cu m" for word in ("metres", "metre", "meters", "meter")},
    **{(dots, "per", "inch"): "dpi" for dots in ("dot", "dots")},
    **{(pixels, "per", "inch"): "ppi" for pixels in ("pixel", "pixels")},
    **{(frames, "per", "second"): "fps" for frames in ("frame", "frames")},
    **{(miles, per, "hour"): "mph" for miles in ("mile", "miles") for per in ("per", "an")},
    **{(km, per, "hour"): "km/h" for km in ("km", "kilometres", "kilometers") for per in ("per", "an")},
}
_COMPOUND_LENGTHS = sorted({len(key) for key in COMPOUND_UNITS}, reverse=True)
# Amounts of data become rates when "per second" (or a network word) follows: "two megabits per second".
DATA_RATE_UNITS: dict[str, str] = {
    "bit": "bps", "kbit": "kbps", "Mbit": "Mbps", "Gbit": "Gbps", "Tbit": "Tbps", "KB": "KB/s",
    "MB": "MB/s", "GB": "GB/s",
}
# Nouns after a bit unit that make it a line speed: "a one gigabit network", "a 2 megabit line".
DATA_RATE_NOUNS: frozenset[str] = frozenset(
    "network networks connection connections broadband line lines link links ethernet service "
    "services speed speeds access backbone lan wifi wi-fi".split()
)
# "2.5m high", "6m long": after a glued "m" these words make it metres, not millions.
DIMENSION_WORDS: frozenset[str] = frozenset("high long wide tall deep thick across away".split())
# Units written only hyphenated after a number: "a 64-bit chip".
HYPHEN_ONLY_UNITS: dict[str, str] = {"bit": "bit", "megapixel": "megapixel"}
# Units that may only be written glued to the digits ("50g", "100m"): as words they mean other things.
# Case matters: "2.5G" is a mobile generation, not grams.
GLUED_ONLY_UNITS: dict[str, str] = {"g": "g", "m": "m", "t": "tonne", "W": "W", "MW": "MW"}
TIME_UNITS: dict[str, str] = {
    "second": "second", "seconds": "second", "sec": "second", "secs": "second",
    "minute": "minute", "minutes": "minute", "min": "minute", "mins": "minute",
    "hour": "hour", "hours": "hour", "hr": "hour", "hrs": "hour",
    "day": "day", "days": "day", "week": "week", "weeks": "week",
    "fortnight": "fortnight", "fortnights": "fortnight", "month": "month", "months": "month",
    "year": "year", "years": "year", "yr": "year", "yrs": "year", "decade": "decade",
    "decades": "decade", "century": "century", "centuries": "century",
}
# Standard running and swimming distances: "100m" without a currency is the sprint, not a million.
ATHLETIC_METRES: frozenset[int] = frozenset(
    {50, 60, 100, 110, 200, 300, 400, 600, 800, 1000, 1500, 2000, 3000, 5000, 10000}
)
ATHLETIC_WORDS: frozenset[str] = frozenset(
    "hurdles hurdle sprint race title final finals freestyle backstroke breaststroke butterfly "
    "medley relay dash steeplechase event run champion championship medallist medalist gold "
    "silver bronze record crown heat heats indoor world winner".split()
)

QUALIFIERS_BEFORE: dict[tuple[str, ...], Qualifier] = {
    ("about",): "approximate", ("around",): "approximate", ("some",): "approximate",
    ("nearly",): "approximate", ("roughly",): "approximate", ("approximately",): "approximate",
    ("almost",): "approximate", ("approx",): "approximate", ("approx.",): "approximate",
    ("circa",): "approximate", ("c.",): "approximate", ("estimated",): "approximate",
    ("close", "to"): "approximate", ("just", "about"): "approximate",
    ("in", "the", "region", "of"): "approximate", ("of", "the", "order", "of"): "approximate",
    ("on", "the", "order", "of"): "approximate", ("in", "the", "order", "of"): "approximate",
    ("more", "than"): "at_least", ("over",): "at_least", ("above",): "at_least",
    ("at", "least"): "at_least", ("in", "excess", "of"): "at_least", ("upwards", "of"): "at_least",
    ("no", "fewer", "than"): "at_least", ("no", "less", "than"): "at_least",
    ("not", "less", "than"): "at_least", ("a", "minimum", "of"): "at_least",
    ("minimum", "of"): "at_least", ("exceeding",): "at_least", ("beyond",): "at_least",
    ("up", "to"): "at_most", ("less", "than"): "at_most", ("fewer", "than"): "at_most",
    ("as", "much", "as"): "at_most", ("as", "many", "as"): "at_most", ("under",): "at_most",
    ("at", "most"): "at_most", ("below",): "at_most", ("no", "more", "than"): "at_most",
    ("not", "more", "than"): "at_most", ("a", "maximum", "of"): "at_most",
    ("maximum", "of"): "at_most", ("just", "under"): "at_most", ("just", "over"): "at_least",
    ("well", "over"): "at_least", ("well", "above"): "at_least",
}
_QUALIFIER_LENGTHS = sorted({len(key) for key in QUALIFIERS_BEFORE}, reverse=True)
# Words after which "over" + a duration means "more than": "for over 50 years", "took over 10 hours".
OVER_AS_MORE_THAN_AFTER: frozenset[str] = frozenset(
    "for of in within after than took take takes taking lasted lasts lasting last spent spend "
    "spending waited wait waiting little is was are were be been being aged".split()
)
# "handed over $100": phrasal verbs whose "over" is no bound.
OVER_PARTICLE_VERBS: frozenset[str] = frozenset({"hand", "turn", "sign", "fork", "hold", "carry", "roll"})
QUALIFIERS_AFTER: dict[tuple[str, ...], Qualifier] = {
    ("or", "more"): "at_least", ("or", "over"): "at_least", ("or", "so"): "approximate",
    ("or", "less"): "at_most", ("or", "fewer"): "at_most", ("-", "plus"): "at_least",
    ("or", "above"): "at_least", ("or", "older"): "at_least", ("or", "under"): "at_most",
    ("or", "below"): "at_most", ("or", "younger"): "at_most",
    ("-", "odd"): "approximate",
}

MONTHS: frozenset[str] = frozenset(
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split()
)
CLOCK_WORDS: frozenset[str] = frozenset(
    "am pm a.m. p.m. gmt bst et est edt pst pdt cet utc o'clock hrs slot".split()
)
TIME_PREPOSITIONS: frozenset[str] = frozenset({"at", "until", "till", "from", "by", "before", "after"})
# Nouns that name a thing by its number ("Article 5", "page 3", "Series 2"): the number is a label.
LABEL_NOUNS: frozenset[str] = frozenset(
    "article radio channel formula chapter section page level stage part episode series season "
    "version windows playstation ftse apollo vol volume room flight route junction gate platform "
    "track figure table clause act phase category grade class division tier zone appendix model "
    "mk mark type pack release edition war league bbc itv bbc1 bbc2 itv1 cd game round plan "
    "number no no. # top seeded seed ranked rank ranking world-number pick "
    "parts chapters episodes pages stages levels sections articles rounds numbers".split()
)
RANK_WORDS: frozenset[str] = frozenset({"no", "no.", "number", "#", "top", "seeded", "ranked", "rank"})
# Entity labels of names: a plain number inside one (not at its start) is part of the name.
NAME_ENTITY_LABELS: frozenset[str] = frozenset(
    {"ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "FAC", "LAW", "PERSON", "GPE", "LOC", "NORP"}
)
PRONOUN_ONE_BEFORE: frozenset[str] = frozenset(
    "the this that which every each any no only last another someone anyone no-one".split()
)
# "topped the 100,000 mark": the number is a threshold, the noun is not what it counts.
THRESHOLD_NOUNS: frozenset[str] = frozenset({"mark", "barrier", "milestone", "threshold"})
# Verbs that go past a threshold: "topped the 100,000 mark" is at least 100,000.
PASSING_VERBS: frozenset[str] = frozenset({"top", "pass", "exceed", "break", "cross", "surpass", "smash"})
AUDIENCE_WORDS: frozenset[str] = frozenset({"audience", "audiences", "viewership"})
# "at one point", "on the one hand", "one day he...": "one" in idioms, not a count.
ONE_IDIOM_NOUNS: frozenset[str] = frozenset(
    "point day time way thing stage hand side half moment part aspect example reason".split()
)
NOT_COUNTED_NOUNS: frozenset[str] = frozenset(
    "yesterday today tonight tomorrow % percent cent time times way ways".split()
) | THRESHOLD_NOUNS
# Plurals the lemmatizer's lookup gets wrong for counted things ("bases" is not "basis" here).
SINGULAR_OVERRIDES: dict[str, str] = {
    "bases": "base", "species": "species", "doses": "dose", "vases": "vase", "means": "means",
    "headquarters": "headquarters", "odds": "odds", "series": "series", "data": "data",
    "media": "media", "news": "news", "lyrics": "lyric", "people": "person", "antennae": "antenna",
    "formulae": "formula", "criteria": "criterion", "phenomena": "phenomenon", "larvae": "larva",
    "vertebrae": "vertebra", "alumni": "alumnus", "fungi": "fungus", "cacti": "cactus", "nuclei": "nucleus",
}
# Adjectives a number turns into nouns when no noun follows: "released one single,", "two regulars".
SUBSTANTIVE_ADJECTIVES: frozenset[str] = frozenset(
    "single double international professional amateur regular local original rookie independent".split()
)
FRACTION_WORDS: frozenset[str] = frozenset(
    "third thirds quarter quarters fifth fifths sixth sixths seventh sevenths eighth eighths ninth "
    "ninths tenth tenths hundredth hundredths thousandth thousandths".split()
)
# Nouns whose plural is the singular: "six Airbus A380 aircraft" is a count, singular tag or not.
INVARIANT_PLURALS: frozenset[str] = frozenset(
    "aircraft sheep deer fish staff personnel crew series species offspring spacecraft hovercraft".split()
)
ORDINAL_SUFFIXES: frozenset[str] = frozenset({"st", "nd", "rd", "th"})
AGE_WORDS_BEFORE: frozenset[str] = frozenset({"aged", "age", "ages"})
# "when he was just 14": who, which verb and which adverb make a bare number an age.
AGE_SUBJECTS: frozenset[str] = frozenset({"he", "she", "i", "they", "we", "you", "who"})
AGE_BE_VERBS: frozenset[str] = frozenset({"was", "is", "were", "am", "are", "'s", "’s"})
AGE_TURN_VERBS: frozenset[str] = frozenset({"turned", "turns", "turning", "turn"})
AGE_ADVERBS: frozenset[str] = frozenset({"just", "only", "still", "barely", "already", "aged"})
_NEWLINE_RE = re.compile(r"\n")
MAX_SENTENCE_CHARS = 1000
NOUN_RUN_LIMIT = 7
TOPIC_WINDOW = 24
CARRY_OVER_MIN = 20
NUMBER_WORD_LIMIT = 12
SCORE_MAX = 200

# --- token view -----------------------------------------------------------------------------------


class _Tokens:
    """Plain lists of the token attributes this module reads, fetched once per document."""

    __slots__ = (
        "doc", "doc_text", "text", "lower", "tag", "pos", "idx", "end", "space", "ent", "ent_begins", "n",
    )

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.doc_text = doc.text  # built by joining tokens: fetch once
        self.text: list[str] = []
        self.lower: list[str] = []
        self.tag: list[str] = []
        self.pos: list[str] = []
        self.idx: list[int] = []
        self.space: list[bool] = []
        self.ent: list[str] = []
        self.ent_begins: list[bool] = []
        for token in doc:
            self.text.append(token.text)
            self.lower.append(token.lower_)
            self.tag.append(token.tag_)
            self.pos.append(token.pos_)
            self.idx.append(token.idx)
            self.space.append(bool(token.whitespace_))
            self.ent.append(token.ent_type_)
            self.ent_begins.append(token.ent_iob_ == "B")
        self.n = len(self.text)
        self.end = [start + len(text) for start, text in zip(self.idx, self.text)]

    def lower_at(self, i: int) -> str:
        return self.lower[i] if 0 <= i < self.n else ""

    def text_at(self, i: int) -> str:
        return self.text[i] if 0 <= i < self.n else ""

    def glued(self, i: int) -> bool:
        """True if token i is followed by token i+1 with no space between."""
        return 0 <= i < self.n - 1 and not self.space[i]

    def pos_at(self, i: int) -> str:
        return self.pos[i] if 0 <= i < self.n else ""

    def is_noun(self, i: int) -> bool:
        return 0 <= i < self.n and self.pos[i] == "NOUN"

    def is_plural_noun(self, i: int) -> bool:
        return 0 <= i < self.n and self.tag[i] in ("NNS", "NNPS") and self.text[i].isalpha()

    def lemma(self, i: int) -> str:
        return lemma_of(self.doc[i]).lower()


# --- numbers --------------------------------------------------------------------------------------


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


def _is_followed_by_name(toks: _Tokens, number: _Number, tail: _Tail, noun: str | None) -> bool:
    """ "1 Roger Federer (Switzerland)", "12 Angry Men": a bare number before a name."""
    if noun is not None or tail.kind is not None or number.currency or not (number.plain or number.word):
        return False
    after = number.last + 1
    return after < toks.n and toks.pos[after] == "PROPN" and toks.text[after][:1].isupper()


def _is_capitalised_name_word(toks: _Tokens, number: _Number, tail: _Tail, noun: str | None) -> bool:
    """ "Six Nations", "Formula One", "Million Dollar Baby": a capitalised number word in a name.

    At the start of a sentence the capital says nothing: "Eighty firms", "Fifteen-year-old Young".
    """
    if not number.word or not toks.text[number.first][:1].isupper():
        return False
    if toks.text[number.first].isupper() and len(toks.text[number.first]) > 1:
        return False  # a headline in capitals
    if noun is None and tail.kind is None:
        return True
    return not _starts_sentence(toks, number.first)


def _starts_sentence(toks: _Tokens, i: int) -> bool:
    """Sentence start by the senter, or first word of a paragraph (a headline runs into it)."""
    if i == 0 or toks.doc[i].is_sent_start:
        return True
    before = toks.text[i - 1]
    return before.isspace() or "\n" in toks.doc_text[toks.end[i - 1]:toks.idx[i]]


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


# --- what follows a number ------------------------------------------------------------------------


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


def _qualifier_after(toks: _Tokens, j: int) -> tuple[Qualifier | None, int]:
    """ "or more", "-plus", "-odd" right after position j-1: the qualifier and its last token."""
    first = toks.lower_at(j)
    if first in ("or", "-"):
        key = (first, toks.lower_at(j + 1))
        if key in QUALIFIERS_AFTER and (first == "or" or toks.glued(j)):
            return QUALIFIERS_AFTER[key], j + 1
    return None, j - 1


def _qualifier_before(toks: _Tokens, start: int) -> tuple[Qualifier | None, int]:
    """The qualifier phrase ending right before token `start`, and where it begins."""
    for length in _QUALIFIER_LENGTHS:
        begin = start - length
        if begin < 0:
            continue
        key = tuple(toks.lower[begin:start])
        qualifier = QUALIFIERS_BEFORE.get(key)
        if qualifier is not None:
            return qualifier, begin
    return None, start


def _over_means_across(toks: _Tokens, part: _Part, over: int) -> bool:
    """ "sent over one radio band", "done over three days": "over" is a place or a span, not a bound.

    "over one" is never "more than one" (that is written "more than one"); before a duration,
    "over" bounds it after words of lasting and waiting ("for over 50 years", "took over 10 hours")
    and spans it after other verbs and nouns ("developed over four years", "PCs over three days").
    """
    start = part.number.start if part.number.start >= 0 else part.number.first
    if toks.lower[over] != "over" or start != over + 1:
        return False
    if over > 0 and toks.pos[over - 1] == "VERB" and toks.lemma(over - 1) in OVER_PARTICLE_VERBS:
        return True  # "handed over $103,500": "over" belongs to the verb
    number = part.number
    if number.word and number.value == 1 and not number.scale_word and toks.lower[number.first] == "one":
        return True
    if part.tail.kind != "duration":
        return False
    before = over - 1
    if before < 0 or toks.lower[before] in OVER_AS_MORE_THAN_AFTER:
        return False
    return toks.pos[before] in ("NOUN", "PROPN", "PRON", "VERB")


# --- what is counted ------------------------------------------------------------------------------


def _counted_noun(toks: _Tokens, j: int) -> str | None:
    """The head noun counted by a number whose expression ends before token j, singular."""
    if j > 0 and toks.text[j - 1].endswith(".") and len(toks.text[j - 1]) > 1:
        return None  # "the 1000m." ends its sentence
    lower = toks.lower_at(j)
    if lower == "-" and toks.glued(j):  # "a 44-man squad", "a six-try win", "a 300-strong crowd"
        if toks.lower_at(j + 1) != "strong":
            return _usable_noun(toks, j + 1) if toks.text_at(j + 1).isalpha() else None
        j += 2
    elif lower == "of":  # "hundreds of fans", "two of the players", "10 of the next 13 games"
        j += 1
        if toks.tag[j] in ("DT", "PRP$") if j < toks.n else False:
            j += 1
        return _head_of_noun_run(toks, j, numbers_allowed=True)
    if lower == "times" and not _is_multiplier_at(toks, j):  # "won it five times": a frequency
        if toks.lower_at(j + 1) == "out" and toks.lower_at(j + 2) == "of" and toks.lower_at(j + 3) in ("10", "ten"):
            return None  # "nine times out of ten": an idiom for "usually"
        return "time"
    noun = _head_of_noun_run(toks, j)
    if noun is None and lower in SUBSTANTIVE_ADJECTIVES and toks.pos_at(j + 1) not in _NOMINALS:
        return lower  # "released one single,"
    return noun


_NOMINALS = frozenset({"NOUN", "PROPN", "ADJ"})


def _head_of_noun_run(toks: _Tokens, j: int, numbers_allowed: bool = False) -> str | None:
    """The last noun of the noun phrase starting at j, over adjectives, participles, hyphenated
    compounds ("re-released"), possessives ("Elvis' tracks", "the club's last 14 games") and
    coordinated adjectives ("one traditional or classic song")."""
    head = -1
    proper_head = -1
    seen_noun = False
    letter_prefix = ""  # "e" of "e-mails": the head is the whole compound
    k = j
    while k < toks.n and k - j < NOUN_RUN_LIMIT:
        pos = toks.pos[k]
        if toks.tag[k] == "POS" and k > j:  # a possessive: what follows is the head's phrase
            if not numbers_allowed and all(toks.pos[m] == "PROPN" for m in range(j, k)):
                return None  # "50 Cent's rivals": the number begins the name, it counts nothing
            head, proper_head, seen_noun = -1, -1, False
        elif toks.lower[k] in ("number", "no") and toks.pos_at(k + 1) == "NUM" and not seen_noun:
            k += 2  # "only one number one spot": a rank inside the phrase
            continue
        elif pos == "NOUN" and toks.text[k][0].isalpha():
            head, letter_prefix = k, ""
            seen_noun = True
        elif toks.text[k] in ("-", "–") and toks.glued(k) and k > j and toks.glued(k - 1):
            k += 2  # the word after a hyphen belongs to the compound ("ground-launched")
            if k - 1 < toks.n and toks.pos[k - 1] == "NOUN":
                head = k - 1
                before = toks.lower[k - 3]
                letter_prefix = before if len(before) == 1 and before.isalpha() else ""
            continue
        elif seen_noun:
            break
        elif pos == "ADV" and toks.text[k].isalpha() and _modifies_next(toks, k):
            pass  # "two really important games", "eleven newly signed players"
        elif pos == "PROPN":
            proper_head = k
        elif toks.lower[k] in ("or", "and") and toks.pos_at(k - 1) == "ADJ" and toks.pos_at(k + 1) == "ADJ":
            pass
        elif numbers_allowed and pos == "NUM" and proper_head < 0:
            pass
        elif pos != "ADJ" and toks.tag[k] not in ("VBN", "VBG", "JJR"):
            break
        k += 1
    if head >= 0:
        noun = _usable_noun(toks, head)
        return f"{letter_prefix}-{noun}" if noun and letter_prefix else noun
    if proper_head >= 0 and _looks_like_proper_plural(toks, proper_head):
        return _usable_noun(toks, proper_head)  # "five Grammys", "12 Oscars"
    return None


def _modifies_next(toks: _Tokens, k: int) -> bool:
    nxt = k + 1
    return nxt < toks.n and (toks.pos[nxt] == "ADJ" or toks.tag[nxt] in ("VBN", "VBG"))


def _looks_like_proper_plural(toks: _Tokens, i: int) -> bool:
    """ "Grammys", "Oscars", but not "Elvis'" or "Williams"."""
    if toks.tag[i] == "NNPS":
        return True
    text = toks.text[i]
    if toks.ent[i] == "PERSON" or toks.lower_at(i + 1) in ("'", "'s", "’", "’s"):
        return False
    return len(text) > 3 and text.endswith("s") and not text.endswith("ss") and text[:1].isupper()


def _strip_plural(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _usable_noun(toks: _Tokens, i: int) -> str | None:
    lower = toks.lower[i]
    lemma = SINGULAR_OVERRIDES.get(lower) or toks.lemma(i)
    if toks.pos[i] == "PROPN" and lemma == lower:  # proper plurals keep their -s: "Grammys"
        lemma = _strip_plural(lower)
    if lemma in NOT_COUNTED_NOUNS or lemma in TIME_UNITS or not lemma.replace("-", "").isalpha():
        return None
    return lemma


# --- things that look like numbers but are not figures --------------------------------------------


def _is_year(number: _Number, tail: _Tail) -> bool:
    return (
        number.plain and len(number.digits) == 4 and 1000 <= number.value <= 2099
        and number.currency is None and tail.kind is None
    )


def _is_date_or_time(toks: _Tokens, number: _Number) -> bool:
    before = toks.text_at(number.first - 1)
    after = toks.text_at(number.last + 1)
    if number.plain and number.value <= 31:
        if before in MONTHS or after in MONTHS:
            return True
        if toks.lower_at(number.last + 1) == "of" and toks.text_at(number.last + 2) in MONTHS:
            return True
    if toks.lower_at(number.last + 1) in CLOCK_WORDS and not number.currency:
        return True
    if (
        number.digits.count(".") == 1 and len(number.digits.split(".")[1]) == 2
        and number.value < 24 and toks.lower_at(number.first - 1) in TIME_PREPOSITIONS
        and number.currency is None and not number.scale_word and not number.suffix
    ):
        return True  # "at 10.30"
    return False


def _is_label(toks: _Tokens, number: _Number, tail: _Tail, noun: str | None) -> bool:
    """A number naming something: "Article 5", "FTSE 100", "No 1", "Radio 4", "PlayStation 2"."""
    if number.currency is not None or not (number.plain or (number.word and not number.vague)):
        return False
    before = number.first - 1
    before_lower = toks.lower_at(before)
    if before_lower == "." and toks.lower_at(before - 1) == "no":
        return True
    if before_lower in RANK_WORDS:
        return before_lower != "top" or tail.kind is None
    if tail.kind is not None:
        return False
    if before_lower in LABEL_NOUNS:
        return True
    if before_lower in ("and", "or") and toks.lower_at(before - 2) in LABEL_NOUNS:
        previous = toks.text_at(before - 1)  # "numbers 19 and 10", "parts one and two"
        if previous and (_has_leading_digits(previous) or previous.lower() in NUMBER_WORDS):
            return True
    if _inside_name_entity(toks, number.first):
        return True
    if noun is not None and toks.is_plural_noun(number.last + 1):
        return False
    before_text = toks.text_at(before)
    if before_text == "'s" and noun is None:  # "Ocean's 12"
        before -= 1
        before_text = toks.text_at(before)
    if before < 0 or not before_text[:1].isupper() or not before_text.replace("-", "").isalnum():
        return False
    if before_text in MONTHS:
        return False
    # A capitalised word that is not just the first word of its sentence: "Half-Life 2", "Doom 3".
    return toks.pos[before] == "PROPN" or not toks.doc[before].is_sent_start


def _inside_name_entity(toks: _Tokens, i: int) -> bool:
    """Inside a name entity, after its start or followed by a capitalised word of it ("6 Music")."""
    if toks.ent[i] not in NAME_ENTITY_LABELS:
        return False
    if not toks.ent_begins[i]:
        return True
    nxt = i + 1
    return (
        nxt < toks.n and toks.ent[nxt] == toks.ent[i] and not toks.ent_begins[nxt]
        and toks.text[nxt][:1].isupper()
    )


def _is_phone_or_identifier(toks: _Tokens, number: _Number) -> bool:
    if number.plain and len(number.digits) > 1 and number.digits[0] == "0":
        return True
    # runs of bare digit groups: "0800 123 4567"
    for neighbour in (number.first - 1, number.last + 1):
        text = toks.text_at(neighbour)
        if text.isdigit() and number.plain:
            return True
    return False


def _is_pronoun_one(toks: _Tokens, number: _Number, tail: _Tail, noun: str | None) -> bool:
    if not (number.word and number.value == 1 and number.first == number.last):
        return False
    if toks.lower[number.first] != "one":
        return False
    before = toks.lower_at(number.first - 1)
    after = toks.lower_at(number.last + 1)
    if (before in PRONOUN_ONE_BEFORE and not (before == "only" and noun is not None)) or after == "of":
        return True  # "the one", "one of the best"; but "only one song" counts
    if tail.kind is not None:
        return False
    if after in ("-", "such", "another"):  # "one-off", "one such article", "one another"
        return True
    if noun is not None and _is_one_to_another(toks, number.last + 1):
        return True
    if noun == "place" and before == "in":  # "all in one place"
        return True
    return noun is None or noun in ONE_IDIOM_NOUNS


def _is_one_to_another(toks: _Tokens, j: int) -> bool:
    """ "from one handset to another", "one way or another": "one" pairs with "another"."""
    for k in range(j + 1, min(j + 5, toks.n - 1)):
        if toks.lower[k] in ("to", "or", "after", "and") and toks.lower[k + 1] in ("another", "the"):
            return toks.lower[k + 1] == "another" or toks.lower_at(k + 2) == "other"
    return False


def _is_age_by_context(toks: _Tokens, number: _Number) -> bool:
    """ "aged 31", "at the age of 31", "Slater, 35, is", "Smith (35)", "when he was just 14"."""
    if not (number.plain or (number.word and not number.vague)) or not 1 <= number.value <= 115:
        return False
    if _follows_age_words(toks, number.first) or _is_age_after_be(toks, number):
        return True
    if not number.plain:
        return False
    before = toks.lower_at(number.first - 1)
    if not toks.text_at(number.first - 2).isalpha():
        return False
    after = toks.text_at(number.last + 1)
    name = number.first - 2
    if before in (",", "(") and name >= 0 and (toks.pos[name] == "PROPN" or toks.ent[name] == "PERSON"):
        closing = ")" if before == "(" else ","
        return after == closing or (before == "," and after in (".", ";"))
    return False


def _follows_age_words(toks: _Tokens, first: int) -> bool:
    """ "aged 18 years", "at the age of 31"."""
    before = toks.lower_at(first - 1)
    return before in AGE_WORDS_BEFORE or (before == "of" and toks.lower_at(first - 2) == "age")


def _is_age_after_be(toks: _Tokens, number: _Number) -> bool:
    """ "when he was just 14,", "Federer, who turned 23 last week": a person's age without "years"."""
    verb = number.first - 1
    if toks.lower_at(verb) in AGE_ADVERBS:
        verb -= 1
    verb_lower = toks.lower_at(verb)
    if verb_lower in AGE_TURN_VERBS:
        nxt = number.last + 1
        return not (nxt < toks.n and toks.pos[nxt] in ("NOUN", "PROPN", "NUM"))
    if verb_lower not in AGE_BE_VERBS:
        return False
    subject = verb - 1
    if toks.lower_at(subject) not in AGE_SUBJECTS and not (subject >= 0 and toks.ent[subject] == "PERSON"):
        return False
    after = number.last + 1
    return after >= toks.n or toks.text[after] in _AGE_CLAUSE_ENDS or toks.lower[after] in _AGE_CLAUSE_ENDS


_AGE_CLAUSE_ENDS = frozenset({",", ".", ";", ")", "-", "–", "—", "when", "and", "but"})


def _is_age_duration(state: _State, number: _Number) -> bool:
    """ "Aged 18 years and 185 days": a duration after "aged", or joined to an age just before."""
    toks = state.toks
    start = number.start if number.start >= 0 else number.first
    if _follows_age_words(toks, start):
        return True
    previous = state.figures[-1] if state.figures else None
    joiner = start - 1
    return (
        previous is not None and previous.kind == "age" and toks.lower_at(joiner) in ("and", ",")
        and joiner >= 1 and previous.end == toks.end[joiner - 1]
    )


# --- putting it together --------------------------------------------------------------------------


class _Sentences:
    """Maps a character offset to the text of its sentence.

    A sentence never crosses a line break: the statistical sentence splitter often runs a headline
    on its own line into the paragraph after it. A "sentence" longer than MAX_SENTENCE_CHARS is not
    prose (tables, lists, hostile input); the figure then gets a window of text around it, so the
    output stays linear in the input.
    """

    def __init__(self, doc: Doc, text: str) -> None:
        self._text = text
        if doc.has_annotation("SENT_START"):
            self._spans = [(sent.start_char, sent.end_char) for sent in doc.sents]
        else:  # a doc from a pipeline without a parser or senter: one sentence
            self._spans = [(0, len(text))]
        self._starts = [start for start, _ in self._spans]
        self._newlines = [match.start() for match in _NEWLINE_RE.finditer(text)]
        self._cache: dict[tuple[int, int], str] = {}

    def text_at(self, offset: int) -> str:
        index = max(bisect_right(self._starts, offset) - 1, 0)
        start, end = self._spans[index]
        line = bisect_right(self._newlines, offset)
        if line > 0:
            start = max(start, self._newlines[line - 1] + 1)
        if line < len(self._newlines):
            end = min(end, self._newlines[line])
        if end - start > MAX_SENTENCE_CHARS:
            half = MAX_SENTENCE_CHARS // 2
            start = max(start, offset - half)
            end = min(end, start + MAX_SENTENCE_CHARS)
        key = (start, end)
        sentence = self._cache.get(key)
        if sentence is None:
            sentence = self._cache[key] = self._text[start:end].strip()
        return sentence


@dataclass(slots=True)
class _State:
    toks: _Tokens
    sentences: _Sentences
    figures: list[Figure] = field(default_factory=list)
    nouns_by_value: dict[Decimal, str] = field(default_factory=dict)


def extract_figures(doc: Doc) -> list[Figure]:
    """Every figure in `doc`, sorted by start offset. See the module docstring."""
    if len(doc) == 0:
        return []
    toks = _Tokens(doc)
    state = _State(toks, _Sentences(doc, toks.doc_text))
    toks = state.toks
    i = 0
    while i < toks.n:
        if not _may_start_number(toks, i):
            i += 1
            continue
        number = _read_number(toks, i)
        if number is None:
            i += 1
            continue
        i = max(_handle_number(state, number), i + 1)
    state.figures.sort(key=lambda figure: figure.start)
    return state.figures


def _handle_number(state: _State, first: _Number) -> int:
    """Turn the number at `first` (and a second one if they make a range) into figures.

    Returns the token index to continue scanning from.
    """
    toks = state.toks
    if first.rejected:
        if first.vague:  # "several hundred or thousand": the second end is as vague
            connector = first.last + 1
            joined = toks.lower_at(connector) in ("or", "to", "and")
            if joined and toks.lower_at(connector + 1) in NUMBER_WORDS:
                second = _read_number(toks, connector + 1)
                if second is not None:
                    return second.last + 1
        return first.last + 1
    _attach_currency_before(toks, first)
    parts = [_Part(first, _read_tail(toks, first))]
    qualifier, qualifier_start = _qualifier_before(toks, first.start)
    if qualifier is not None and _over_means_across(toks, parts[0], qualifier_start):
        qualifier, qualifier_start = None, first.start
    connector = _range_connector(toks, parts[0], qualifier_start)
    if connector is not None:
        second = _read_second(toks, connector)
        if second is not None and _compatible(parts[0], second):
            parts.append(second)
    last = parts[-1]
    end_of_numbers = max(last.tail.last, last.number.last)
    after_qualifier, after_last = _qualifier_after(toks, end_of_numbers + 1)
    resume = max(end_of_numbers, after_last) + 1

    if len(parts) == 2 and _is_score_or_year_span(toks, parts, resume):
        return resume
    if len(parts) == 2:
        _share_between_range_ends(parts)

    noun = None
    if last.tail.kind is None:
        noun = _counted_noun(toks, resume)
        if noun is None and len(parts) == 1 and not first.scale_word and first.currency is None:
            shared_tail, noun = _coordinated_measure(toks, resume)
            if shared_tail is not None:
                parts[0].tail = shared_tail
    for part in parts:
        if _is_not_a_figure(toks, part, noun):
            return resume if len(parts) == 2 else part.number.last + 1
    if len(parts) == 1 and _is_pronoun_one(toks, first, parts[0].tail, noun):
        return resume
    qualifiers = _qualifiers_for(toks, parts, qualifier, after_qualifier, qualifier_start)
    for part, part_qualifier in zip(parts, qualifiers):
        figure = _make_figure(state, part, part_qualifier, noun)
        if figure is not None:
            state.figures.append(figure)
    return resume


def _coordinated_measure(toks: _Tokens, j: int) -> tuple[_Tail | None, str | None]:
    """ "five and ten gigabytes", "three transmitting and four receiving antennae": the first number
    measures what the second one does. Returns the second's unit (as a tail) or counted noun."""
    k = j
    while k < j + 2 and k < toks.n and (toks.pos[k] == "ADJ" or toks.tag[k] in ("VBG", "VBN")):
        k += 1
    if toks.lower_at(k) not in ("and", "or") or k + 1 >= toks.n or not _may_start_number(toks, k + 1):
        return None, None
    second = _read_number(toks, k + 1)
    if second is None or second.rejected or second.vague or second.currency is not None:
        return None, None
    tail = _read_tail(toks, second)
    if tail.kind is not None:
        return _Tail(tail.kind, tail.unit, tail.factor), None
    return None, _counted_noun(toks, second.last + 1)


def _range_connector(toks: _Tokens, part: _Part, qualifier_start: int) -> int | None:
    """The token joining this number to a second one ("-", "to", "and" after "between", "or")."""
    j = max(part.tail.last, part.number.last) + 1
    word = toks.lower_at(j)
    if word in ("-", "–"):
        if not (toks.glued(j - 1) and toks.glued(j)):
            return None  # "45 seconds - 22secs behind": a dash between clauses
    elif word in ("to", "or"):
        pass
    elif word == "and" and toks.lower_at(qualifier_start - 1) == "between":
        pass
    elif word == "and" and toks.lower_at(part.number.start - 1) == "between":
        pass
    else:
        return None
    nxt = j + 1
    if nxt >= toks.n:
        return None
    if toks.text[nxt] in CURRENCY_SYMBOLS:
        nxt += 1
    if nxt < toks.n and _may_start_number(toks, nxt):
        return j
    return None


def _compatible(a: _Part, b: _Part) -> bool:
    """Two numbers can share a range only if they measure the same thing ("5% to £7m" is no range)."""
    first, second = _measure(a), _measure(b)
    return first is None or second is None or first == second


def _measure(part: _Part) -> tuple[str, str | None] | None:
    if part.number.currency is not None:
        return "money", part.number.currency
    if part.tail.kind is not None:
        return part.tail.kind, part.tail.unit
    return None


def _read_second(toks: _Tokens, connector: int) -> _Part | None:
    i = connector + 1
    if toks.text[i] in CURRENCY_SYMBOLS:
        i += 1
    number = _read_number(toks, i)
    if number is None or number.vague or number.rejected:
        return None
    _attach_currency_before(toks, number)
    return _Part(number, _read_tail(toks, number))


def _is_score_or_year_span(toks: _Tokens, parts: list[_Part], resume: int) -> bool:
    """ "won 3-1", "a 2-0 win", "6-4 7-6", "1965-2003", "2004-05": not a range of figures."""
    a, b = parts[0].number, parts[1].number
    if not (a.plain and b.plain):
        return False
    if any(part.tail.kind is not None for part in parts) or a.currency or b.currency:
        return False
    connector = toks.lower[a.last + 1]
    if connector not in ("-", "–"):
        return _is_year(a, parts[0].tail) or _is_year(b, parts[1].tail)
    if _is_year(a, parts[0].tail):
        return True
    if a.value > SCORE_MAX or b.value > SCORE_MAX:
        return False
    return not (resume < toks.n and toks.tag[resume] == "NNS")


def _share_between_range_ends(parts: list[_Part]) -> None:
    """ "between 200 and 250 million", "$10-20bn", "5 to 7%": the second's scale and unit serve both."""
    a, b = parts[0], parts[1]
    if b.number.scale_word and not a.number.scale_word and not a.number.vague:
        scaled = a.number.value * SCALES[b.number.scale_word]
        if scaled <= b.number.value:
            a.number.value = scaled
            a.number.scale_word = b.number.scale_word
            a.number.plain = False
    if a.tail.kind is None and b.tail.kind is not None:
        a.tail = _Tail(b.tail.kind, b.tail.unit, b.tail.factor, last=-1)
    if a.number.currency is None and b.number.currency is not None:
        a.number.currency = b.number.currency
    if b.number.currency is None and a.number.currency is not None:
        b.number.currency = a.number.currency


def _is_not_a_figure(toks: _Tokens, part: _Part, noun: str | None) -> bool:
    number, tail = part.number, part.tail
    return (
        number.rejected
        or _is_year(number, tail)
        or _is_date_or_time(toks, number)
        or _is_label(toks, number, tail, noun)
        or _is_phone_or_identifier(toks, number)
        or _is_end_of_compound(toks, number)
        or _is_capitalised_name_word(toks, number, tail, noun)
        or _is_followed_by_name(toks, number, tail, noun)
        or _is_multiplier(toks, number)
        or _is_race_name(toks, number, tail)
        or _is_fraction(toks, number)
        or _is_figure_of_speech(toks, number, tail)
        or _is_relative_date(toks, number, tail)
        or _is_position_or_marking(toks, number, tail, noun)
        or _is_inside_a_name_before_its_noun(toks, number, noun)
    )


def _is_fraction(toks: _Tokens, number: _Number) -> bool:
    """ "one third", "two-thirds": a fraction written in words, not a count of thirds."""
    if not number.word:
        return False
    after = number.last + 1
    if toks.lower_at(after) == "-" and toks.glued(after - 1) and toks.glued(after):
        after += 1
    return toks.lower_at(after) in FRACTION_WORDS


def _is_figure_of_speech(toks: _Tokens, number: _Number, tail: _Tail) -> bool:
    """ "never in a million years": hyperbole, not a duration; the ten of "nine times out of ten";
    "at zero cost", "zero tolerance": a zero in words counts nothing."""
    if number.word and number.value == 0 and tail.kind is None:
        return True
    if toks.lower_at(number.first - 1) == "of" and toks.lower_at(number.first - 2) == "out":
        return toks.lower_at(number.first - 3) == "times"
    return (
        number.word and tail.kind == "duration" and number.value >= 1_000_000
        and toks.lower_at(number.first - 1) == "in"
    )


def _is_relative_date(toks: _Tokens, number: _Number, tail: _Tail) -> bool:
    """ "two years ago", "three months later", "in five years' time": it places an event in time,
    it measures nothing. "two days later than planned" is a delay, and stays."""
    if tail.kind != "duration":
        return False
    after = max(tail.last, number.last) + 1
    word = toks.lower_at(after)
    if word in ("'", "’", "'s", "’s") and toks.lower_at(after + 1) == "time":
        return True
    return word == "ago" or (word in ("later", "earlier") and toks.lower_at(after + 1) != "than")


def _is_position_or_marking(toks: _Tokens, number: _Number, tail: _Tail, noun: str | None) -> bool:
    """ "moved from 13 to number four" (a chart position), "on our own 22" (a pitch marking)."""
    if tail.kind is not None or noun is not None or number.currency is not None:
        return False
    after = number.last + 1
    if toks.lower_at(after) in ("to", "from") and toks.lower_at(after + 1) in RANK_WORDS:
        return True
    return toks.lower_at(number.first - 1) == "own"


def _is_inside_a_name_before_its_noun(toks: _Tokens, number: _Number, noun: str | None) -> bool:
    """ "his 2 Wikid Records label", "50 Cent's G-Unit group": a number starting a name, then a
    singular noun the number cannot count."""
    if noun is None or not (number.plain or number.word) or number.value == 1:
        return False
    after = number.last + 1
    if not (after < toks.n and toks.pos[after] == "PROPN" and toks.text[after][:1].isupper()):
        return False
    k = after
    while k < toks.n and k - after < NOUN_RUN_LIMIT and (
        toks.pos[k] == "PROPN" or toks.tag[k] in ("POS", "HYPH")
    ):
        k += 1
    return (
        k < toks.n and toks.tag[k] == "NN" and toks.text[k].isalpha() and toks.text[k].islower()
        and toks.lower[k] not in INVARIANT_PLURALS
    )


def _is_end_of_compound(toks: _Tokens, number: _Number) -> bool:
    """ "under-21", "all-in-one", "Co-2": the number ends a hyphenated word."""
    hyphen = number.first - 1
    return (
        toks.lower_at(hyphen) == "-" and toks.glued(hyphen) and toks.glued(hyphen - 1)
        and toks.text_at(hyphen - 1).isalpha()
    )


def _is_multiplier(toks: _Tokens, number: _Number) -> bool:
    """ "ten times faster", "three times as many", "a factor of 10": a ratio, not an amount."""
    if toks.lower_at(number.first - 1) == "of" and toks.lower_at(number.first - 2) in ("factor", "factors"):
        return True
    start = number.start if number.start >= 0 else number.first
    if toks.lower_at(number.last + 1) == "times" and "by" in toks.lower[max(start - 3, 0):start]:
        return True  # "magnify text by up to 10 times"
    return _is_multiplier_at(toks, number.last + 1)


def _is_multiplier_at(toks: _Tokens, after: int) -> bool:
    if toks.lower_at(after) != "times":
        return False
    nxt = after + 1
    return nxt < toks.n and (toks.tag[nxt] in ("JJR", "RBR") or toks.lower[nxt] in _MULTIPLIER_FOLLOWERS)


_MULTIPLIER_FOLLOWERS = frozenset({"as", "the", "more", "less", "that"})


def _qualifiers_for(
    toks: _Tokens,
    parts: list[_Part],
    before: Qualifier | None,
    after: Qualifier | None,
    qualifier_start: int,
) -> list[Qualifier]:
    first = parts[0].number
    if len(parts) == 2:
        change_words = ("from", "by")
        if toks.lower_at(qualifier_start - 1) in change_words or toks.lower_at(first.start - 1) in change_words:
            return ["exact", "exact"]  # "from 5% to 7%", "fell by 600,000 to 5.9 million": a change
        return ["at_least", "at_most"]
    if first.vague or (before is None and after is None and _passes_a_mark(toks, first)):
        return ["at_least"]
    return [before or after or parts[0].tail.qualifier or "exact"]


def _passes_a_mark(toks: _Tokens, number: _Number) -> bool:
    """ "topped the 100,000 mark", "passed the £1bn barrier": at least the threshold."""
    if toks.lower_at(number.last + 1) not in THRESHOLD_NOUNS or toks.lower_at(number.start - 1) != "the":
        return False
    verb = number.start - 2
    return verb >= 0 and toks.lemma(verb) in PASSING_VERBS


def _make_figure(state: _State, part: _Part, qualifier: Qualifier, noun: str | None) -> Figure | None:
    toks = state.toks
    number, tail = part.number, part.tail
    previous = state.figures[-1] if state.figures else None
    kind, unit, value = _kind_unit_value(toks, number, tail, previous)
    if kind == "duration" and _is_age_duration(state, number):
        kind = "age"
    if kind == "count":
        if noun is None and _is_age_by_context(toks, number):
            kind, unit = "age", "year"
        else:
            unit = _count_unit(state, number, noun)
            if unit is None and number.word and not number.vague and value < 1000:
                return None  # "the two", "scored two": a bare small number word says too little
    start_token = number.start if number.start >= 0 else number.first
    end_token = max(number.last, tail.last)
    start = toks.idx[start_token]
    end = toks.end[end_token]
    if end_token > number.first and toks.text[end_token].endswith(".") and len(toks.text[end_token]) > 1:
        end -= 1  # "£5m." at the end of a sentence: leave the full stop out
    return Figure(
        text=toks.doc_text[start:end],
        start=start,
        end=end,
        value=to_plain_number(value),
        kind=kind,
        unit=unit,
        qualifier=qualifier,
        sentence=state.sentences.text_at(start),
    )


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


def _is_race_name(toks: _Tokens, number: _Number, tail: _Tail) -> bool:
    """ "the 60m hurdles", "won the 5,000m": a race named by its distance, not a measurement."""
    if number.currency is not None:
        return False
    if number.scale_word == "m":
        metres = number.value / SCALES["m"]
    elif tail.kind == "quantity" and tail.unit == "m":
        metres = number.value
    else:
        return False
    if metres != metres.to_integral_value() or int(metres) not in ATHLETIC_METRES:
        return False
    after = max(number.last, tail.last) + 1
    if toks.lower_at(after) in ATHLETIC_WORDS:
        return True
    if toks.lower_at(number.start - 1) != "the":
        return False
    return not (after < toks.n and toks.pos[after] in ("NOUN", "PROPN")) and toks.lower_at(after) != "of"


def _means_metres(toks: _Tokens, number: _Number) -> bool:
    """ "the 100m hurdles", "over the final 200m" against "60m people", "£100m"."""
    metres = number.value / SCALES["m"]
    if metres != metres.to_integral_value() or int(metres) not in ATHLETIC_METRES:
        return False
    after = number.last + 1
    if toks.lower_at(after) in ATHLETIC_WORDS:
        return True
    return not (after < toks.n and toks.tag[after] == "NNS")


def _count_unit(state: _State, number: _Number, noun: str | None) -> str | None:
    if noun is not None:
        state.nouns_by_value[number.value] = noun
        return noun
    # "the 8,500 on standby" after "8,500 troops": the noun carries over. Small numbers repeat by
    # chance ("two sets down" ... "in the last four"), so only larger ones after a determiner do.
    before = number.start - 1
    if number.value >= CARRY_OVER_MIN and before >= 0 and state.toks.tag[before] in ("DT", "JJ", "PDT"):
        carried = state.nouns_by_value.get(number.value)
        if carried is not None:
            return carried
    if number.value < CARRY_OVER_MIN:
        return None  # "two", "four": too common to stand for a noun named elsewhere in the sentence
    return _sentence_topic(state.toks, before, audience=number.value >= 1000)


def _sentence_topic(toks: _Tokens, before: int, audience: bool) -> str | None:
    """What a bare number counts when its sentence names it earlier: "the number of camera phones
    ... doubled to 7.5 million", "the audience fell by 600,000 to 5.9 million" (viewers)."""
    for k in range(before, max(before - TOPIC_WINDOW, -1), -1):
        lower = toks.lower[k]
        if lower in (".", "!", "?", ";") or "\n" in toks.text[k]:
            return None
        if lower in ("number", "numbers") and toks.lower_at(k + 1) == "of" and k + 2 < before:
            start = k + 3 if toks.tag[k + 2] in ("DT", "PRP$") else k + 2
            return _head_of_noun_run(toks, start)
        if audience and lower in AUDIENCE_WORDS:
            return "viewer"
    return None
