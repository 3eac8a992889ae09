"""Numbers that look like figures but are not: years, dates, labels, names, scores, idioms.
`_is_not_a_figure` combines the tests: years, dates and clock times, labels and ranks ("Article 5",
"No 1"), numbers in names, phone numbers and identifiers, the end of a hyphenated word, multipliers,
race names ("the 100m hurdles"), fractions in words, figures of speech, relative dates ("two years
ago"), chart positions and pitch markings; besides, sport scores and year spans that look like ranges
and the pronoun "one".
"""

from __future__ import annotations

from newsstream.enrichment.numbers import NUMBER_WORDS, SCALES

from .parsing import _Number, _has_leading_digits
from .tokens import _Tokens
from .units import _Part, _Tail
from .vocabulary import (
    ATHLETIC_METRES, ATHLETIC_WORDS, CLOCK_WORDS, FRACTION_WORDS, INVARIANT_PLURALS, LABEL_NOUNS, MONTHS,
    NAME_ENTITY_LABELS, NOUN_RUN_LIMIT, ONE_IDIOM_NOUNS, PRONOUN_ONE_BEFORE, RANK_WORDS, SCORE_MAX, TIME_PREPOSITIONS,
)


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
