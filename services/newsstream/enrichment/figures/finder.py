"""The figure finder: `extract_figures` walks the tokens once and turns each number into figures.
At a token that can start a number it reads the number and what follows it, joins a second number that
makes a range, finds the counted noun, skips what is not a figure and builds a `Figure` with its kind,
unit, value, qualifier and sentence.
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsstream.enrichment.numbers import NUMBER_WORDS, SCALES, to_plain_number
from newsstream.enrichment.records import Figure, Qualifier

from .ages import _is_age_by_context, _is_age_duration
from .counted import _count_unit, _counted_noun
from .not_figures import _is_not_a_figure, _is_pronoun_one, _is_score_or_year_span
from .parsing import _Number, _attach_currency_before, _may_start_number, _read_number
from .qualifiers import _over_means_across, _qualifier_after, _qualifier_before, _qualifiers_for
from .tokens import _Sentences, _State, _Tokens
from .units import _Part, _Tail, _kind_unit_value, _read_tail
from .vocabulary import CURRENCY_SYMBOLS


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
