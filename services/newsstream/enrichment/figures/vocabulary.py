"""Word lists, units, currencies, qualifier phrases and limits the figure finder reads.
Every constant here is plain data: currency symbols, codes and words with their factors, quantity, time and
compound units, the qualifier phrases before and after a number, and the words that make a number a date,
a label, an age or an idiom rather than a figure. The modules of `figures` import what they need from here.
"""

from __future__ import annotations

import re
from decimal import Decimal

from newsstream.enrichment.records import Qualifier

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
