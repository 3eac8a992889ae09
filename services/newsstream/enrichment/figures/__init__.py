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

The package: `vocabulary` (word lists, units, currencies, limits), `tokens` (the per-document token and
sentence views), `parsing` (reading the number itself), `units` (what follows a number; kind, unit and value),
`qualifiers`, `counted` (the noun a count counts), `ages`, `not_figures` (numbers that are no figures) and
`finder` (`extract_figures`, putting it together).
"""

from __future__ import annotations

from .finder import extract_figures
from .vocabulary import (
    AGE_ADVERBS, AGE_BE_VERBS, AGE_SUBJECTS, AGE_TURN_VERBS, AGE_WORDS_BEFORE, ATHLETIC_METRES, ATHLETIC_WORDS,
    AUDIENCE_WORDS, CARRY_OVER_MIN, CLOCK_WORDS, COMPOUND_UNITS, CURRENCY_SYMBOLS, CURRENCY_WORDS, DATA_RATE_NOUNS,
    DATA_RATE_UNITS, DIMENSION_WORDS, DOLLAR_ADJECTIVES, DOLLAR_COUNTRY_CODES, FRACTION_WORDS, GLUED_ONLY_UNITS,
    HYPHEN_ONLY_UNITS, INVARIANT_PLURALS, ISO_CURRENCY_CODES, LABEL_NOUNS, MAX_SENTENCE_CHARS, MONTHS,
    NAME_ENTITY_LABELS, NOT_COUNTED_NOUNS, NOUN_RUN_LIMIT, NUMBER_WORD_LIMIT, ONE_IDIOM_NOUNS, ORDINAL_SUFFIXES,
    OVER_AS_MORE_THAN_AFTER, OVER_PARTICLE_VERBS, PASSING_VERBS, PRONOUN_ONE_BEFORE, QUALIFIERS_AFTER,
    QUALIFIERS_BEFORE, QUANTITY_UNITS, RANK_WORDS, SCORE_MAX, SINGULAR_OVERRIDES, SUBSTANTIVE_ADJECTIVES,
    THRESHOLD_NOUNS, TIME_PREPOSITIONS, TIME_UNITS, TOPIC_WINDOW,
)

__all__ = [
    "AGE_ADVERBS", "AGE_BE_VERBS", "AGE_SUBJECTS", "AGE_TURN_VERBS", "AGE_WORDS_BEFORE", "ATHLETIC_METRES",
    "ATHLETIC_WORDS", "AUDIENCE_WORDS", "CARRY_OVER_MIN", "CLOCK_WORDS", "COMPOUND_UNITS", "CURRENCY_SYMBOLS",
    "CURRENCY_WORDS", "DATA_RATE_NOUNS", "DATA_RATE_UNITS", "DIMENSION_WORDS", "DOLLAR_ADJECTIVES",
    "DOLLAR_COUNTRY_CODES", "FRACTION_WORDS", "GLUED_ONLY_UNITS", "HYPHEN_ONLY_UNITS", "INVARIANT_PLURALS",
    "ISO_CURRENCY_CODES", "LABEL_NOUNS", "MAX_SENTENCE_CHARS", "MONTHS", "NAME_ENTITY_LABELS", "NOT_COUNTED_NOUNS",
    "NOUN_RUN_LIMIT", "NUMBER_WORD_LIMIT", "ONE_IDIOM_NOUNS", "ORDINAL_SUFFIXES", "OVER_AS_MORE_THAN_AFTER",
    "OVER_PARTICLE_VERBS", "PASSING_VERBS", "PRONOUN_ONE_BEFORE", "QUALIFIERS_AFTER", "QUALIFIERS_BEFORE",
    "QUANTITY_UNITS", "RANK_WORDS", "SCORE_MAX", "SINGULAR_OVERRIDES", "SUBSTANTIVE_ADJECTIVES", "THRESHOLD_NOUNS",
    "TIME_PREPOSITIONS", "TIME_UNITS", "TOPIC_WINDOW", "extract_figures",
]
