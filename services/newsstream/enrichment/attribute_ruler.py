"""A faster attribute ruler: spaCy's `AttributeRuler` with its Matcher patterns compiled into dict lookups.

The English pipelines' attribute ruler maps fine-grained tags to POS and morphology (about fifty
one-token `TAG` patterns) and fixes exceptions (`TAG` + `LOWER`, a few two-token `LOWER` patterns, a
few `DEP` or `IS_SPACE` conditions). spaCy runs every pattern through its Matcher on every token; here
each token's attribute values are read once (`Doc.to_array`), the patterns that can apply are found
through an index on their equality conditions, and the outcome is cached per distinct combination of
values.

Semantics are those of `spacy.pipeline.AttributeRuler` (this class is a subclass and keeps its patterns,
serialisation and Matcher):
- every pattern is matched against the token values as they were before the component ran; the
  Matcher compares a token's value (`get_token_attr`, what `Doc.to_array` reads) with the pattern
  value's id (`StringStore.add` for a plain string, `get_string_id` inside `IN` / `NOT_IN`; `REGEX`
  searches the value's string). A `DEP` condition on a document without a parse compares with 0, the
  id of "": `{"DEP": "nsubj"}` never matches, `{"DEP": {"NOT_IN": [""]}}` never matches either;
- the matches are applied in the order the patterns were added, so when several patterns set the same
  attribute of a token the last one added wins; `index` picks the token of the match that is changed
  (negative from the end);
- attributes are written with spaCy's own `set_token_attrs`, with the values normalised as
  `AttributeRuler.add` normalises them.

Patterns outside what is compiled here (operators, extension attributes, fuzzy or comparison
predicates, `MORPH` conditions, attributes written on the lexeme) are not dropped: the component then
runs spaCy's Matcher code path, and `compile_patterns` says why (`load_pipeline` keeps spaCy's own
component in that case).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from spacy.attrs import (
    DEP,
    ENT_TYPE,
    IDS,
    IS_ALPHA,
    IS_ASCII,
    IS_BRACKET,
    IS_CURRENCY,
    IS_DIGIT,
    IS_LEFT_PUNCT,
    IS_LOWER,
    IS_PUNCT,
    IS_QUOTE,
    IS_RIGHT_PUNCT,
    IS_SPACE,
    IS_STOP,
    IS_TITLE,
    IS_UPPER,
    LEMMA,
    LENGTH,
    LIKE_EMAIL,
    LIKE_NUM,
    LIKE_URL,
    LOWER,
    MORPH,
    NORM,
    ORTH,
    POS,
    PREFIX,
    SHAPE,
    SUFFIX,
    TAG,
)
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.pipeline.attributeruler import attribute_ruler_score
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs
from spacy.vocab import Vocab

FACTORY = "newsstream_attribute_ruler"

# Attributes a pattern may test: those `get_token_attr` reads from the token or its lexeme the same way
# for the Matcher and for `Doc.to_array`. (SENT_START differs between the two; HEAD and ENT_IOB need
# conversions; MORPH is compared as a feature set.)
_STRING_ATTRS = frozenset({ORTH, LOWER, NORM, SHAPE, PREFIX, SUFFIX, TAG, POS, DEP, LEMMA, ENT_TYPE})
_FLAG_ATTRS = frozenset({IS_ALPHA, IS_ASCII, IS_DIGIT, IS_LOWER, IS_PUNCT, IS_SPACE, IS_TITLE, IS_UPPER,
                         LIKE_URL, LIKE_NUM, LIKE_EMAIL, IS_STOP, IS_BRACKET, IS_QUOTE, IS_LEFT_PUNCT,
                         IS_RIGHT_PUNCT, IS_CURRENCY})
_TESTABLE_ATTRS = _STRING_ATTRS | _FLAG_ATTRS | {LENGTH}
# Attributes a pattern may set: `set_token_attrs` writes these on the token only. (Anything else would
# also be written on the shared lexeme, where the order across tokens would matter.)
_SETTABLE_ATTRS = frozenset({LEMMA, NORM, POS, TAG, MORPH, DEP})
# Equality conditions on these make the best index keys: they have many values.
_INDEX_PREFERENCE = (ORTH, LOWER, NORM, LEMMA, TAG, DEP, POS, ENT_TYPE, SHAPE, PREFIX, SUFFIX, LENGTH)

# Entries of the result cache (distinct combinations of the tested attributes: about 30,000 over the 1,300
# BBC articles, for 166 distinct outcomes); cleared when full, which bounds it to a few MB.
_CACHE_SIZE = 100_000


class UnsupportedPattern(ValueError):
    """An attribute ruler pattern this module does not compile (the Matcher path handles it)."""


# --- compiling --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Test:
    """One condition on one attribute: `column` indexes the values read with `Doc.to_array`."""

    column: int
    kind: str  # "eq", "in", "not_in" or "regex"
    value: Any  # an id, a frozenset of ids, or a compiled regex


@dataclass(slots=True)
class _Spec:
    """One token of one pattern: all its tests must hold."""

    tests: tuple[_Test, ...]
    entry: int  # the pattern entry (AttributeRuler's attr_id), the order in which matches are applied
    pattern: int  # which multi-token pattern it belongs to (-1 for a one-token pattern)
    position: int  # the token's position in that pattern


@dataclass(slots=True)
class _Multi:
    """A pattern of two or more tokens."""

    entry: int
    length: int
    target: int  # the offset of the token that is changed


@dataclass(slots=True)
class _Outcome:
    """What the one-token patterns do to a token with given values, and which multi-token specs it fits."""

    entries: tuple[int, ...]  # matching one-token pattern entries, in application order
    attrs: dict[int, int] | None  # their attributes merged in that order (later entries win)
    multi: frozenset[tuple[int, int]]  # (pattern, position) of the multi-token specs the token satisfies


@dataclass(slots=True)
class CompiledPatterns:
    """An attribute ruler's patterns as lookups."""

    vocab: Vocab
    attr_ids: list[int]  # the attributes read from each token, in column order
    entry_attrs: list[dict[int, int]]  # normalised attributes of each pattern entry
    index: dict[tuple[int, int], list[_Spec]]  # (column, value) -> specs with that equality condition
    unindexed: list[_Spec]  # specs without an equality condition
    multis: list[_Multi]
    cache: dict[tuple[int, ...], _Outcome] = field(default_factory=dict)  # token values -> outcome
    outcomes: dict[tuple, _Outcome] = field(default_factory=dict)  # one object per distinct outcome

    def outcome(self, values: tuple[int, ...]) -> _Outcome:
        candidates: dict[int, _Spec] = {}
        for column, value in enumerate(values):
            for spec in self.index.get((column, value), ()):
                candidates[id(spec)] = spec
        for spec in self.unindexed:
            candidates[id(spec)] = spec
        entries: set[int] = set()
        multi: set[tuple[int, int]] = set()
        for spec in candidates.values():
            if all(self._holds(test, values[test.column]) for test in spec.tests):
                if spec.pattern < 0:
                    entries.add(spec.entry)
                else:
                    multi.add((spec.pattern, spec.position))
        ordered, hits = tuple(sorted(entries)), frozenset(multi)
        outcome = self.outcomes.get((ordered, hits))
        if outcome is None:
            outcome = self.outcomes[ordered, hits] = _Outcome(ordered, self._merge(ordered), hits)
        if len(self.cache) >= _CACHE_SIZE:
            self.cache.clear()
        self.cache[values] = outcome
        return outcome

    def _holds(self, test: _Test, value: int) -> bool:
        if test.kind == "eq":
            return value == test.value
        if test.kind == "in":
            return value in test.value
        if test.kind == "not_in":
            return value not in test.value
        # REGEX: the Matcher searches the value's string.
        return bool(test.value.search(self.vocab.strings[value]))

    def _merge(self, entries: Iterable[int]) -> dict[int, int] | None:
        merged: dict[int, int] = {}
        for entry in entries:
            merged.update(self.entry_attrs[entry])
        return merged or None

    def apply(self, doc: Doc) -> None:
        """Set the attributes the patterns give each token of `doc`."""
        n = len(doc)
        if n == 0:
            return
        if not self.attr_ids:
            rows: list[tuple[int, ...]] = [()] * n
        elif len(self.attr_ids) == 1:
            rows = [(value,) for value in doc.to_array(self.attr_ids).tolist()]
        else:
            rows = [tuple(row) for row in doc.to_array(self.attr_ids).tolist()]
        cache = self.cache
        outcomes = [cache.get(values) or self.outcome(values) for values in rows]
        extra: dict[int, list[int]] = {}
        if self.multis:
            self._match_multis(outcomes, extra)
        for i, outcome in enumerate(outcomes):
            if i in extra:
                attrs = self._merge(sorted(set(outcome.entries).union(extra[i])))
            else:
                attrs = outcome.attrs
            if attrs:
                set_token_attrs(doc[i], attrs)

    def _match_multis(self, outcomes: list[_Outcome], extra: dict[int, list[int]]) -> None:
        n = len(outcomes)
        for start, outcome in enumerate(outcomes):
            if not outcome.multi:
                continue
            for pattern, position in outcome.multi:
                if position != 0:
                    continue
                multi = self.multis[pattern]
                if start + multi.length > n:
                    continue
                if all((pattern, k) in outcomes[start + k].multi for k in range(1, multi.length)):
                    extra.setdefault(start + multi.target, []).append(multi.entry)


def _attr_id(key: object) -> int:
    if isinstance(key, str):
        name = key.upper()
        if name == "TEXT":
            name = "ORTH"
        if name not in IDS:
            raise UnsupportedPattern(f"unknown attribute {key!r}")
        attr = IDS[name]
    elif isinstance(key, int) and not isinstance(key, bool):
        attr = key
    else:
        raise UnsupportedPattern(f"attribute key {key!r}")
    if attr not in _TESTABLE_ATTRS:
        raise UnsupportedPattern(f"condition on {key!r}")
    return attr


def _plain_id(vocab: Vocab, value: object) -> int:
    """A plain pattern value as the Matcher stores it (`_get_attr_values`)."""
    if isinstance(value, str):
        return vocab.strings.add(value)
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    raise UnsupportedPattern(f"value {value!r}")


def _set_ids(values: object) -> frozenset[int]:
    """An IN / NOT_IN list as the Matcher's `_SetPredicate` stores it."""
    if not isinstance(values, (list, tuple)) or not all(isinstance(v, (str, int)) for v in values):
        raise UnsupportedPattern(f"set {values!r}")
    return frozenset(get_string_id(v) for v in values)


def _tests(vocab: Vocab, token_spec: object, columns: dict[int, int]) -> list[_Test]:
    if not isinstance(token_spec, dict):
        raise UnsupportedPattern(f"token spec {token_spec!r}")
    tests: list[_Test] = []
    for key, value in token_spec.items():
        if isinstance(key, str) and key.upper() in ("OP", "_"):
            raise UnsupportedPattern(f"{key!r} in {token_spec!r}")
        attr = _attr_id(key)
        column = columns.setdefault(attr, len(columns))
        if not isinstance(value, dict):
            tests.append(_Test(column, "eq", _plain_id(vocab, value)))
            continue
        for predicate, argument in value.items():
            kind = predicate.upper() if isinstance(predicate, str) else predicate
            if kind == "IN":
                tests.append(_Test(column, "in", _set_ids(argument)))
            elif kind == "NOT_IN":
                tests.append(_Test(column, "not_in", _set_ids(argument)))
            elif kind == "REGEX" and isinstance(argument, str) and attr in _STRING_ATTRS:
                tests.append(_Test(column, "regex", re.compile(argument)))
            else:
                raise UnsupportedPattern(f"predicate {predicate!r} in {token_spec!r}")
    return tests


def _index_key(tests: list[_Test], attr_ids: list[int]) -> _Test | None:
    """The equality (or IN) test to index a spec under: on the attribute with the most values."""
    usable = [test for test in tests if test.kind in ("eq", "in")]
    if not usable:
        return None
    rank = {attr: i for i, attr in enumerate(_INDEX_PREFERENCE)}
    return min(usable, key=lambda test: rank.get(attr_ids[test.column], len(rank)))


def compile_patterns(ruler: AttributeRuler) -> CompiledPatterns:
    """Compile `ruler`'s patterns; `UnsupportedPattern` says which one cannot be."""
    vocab = ruler.vocab
    columns: dict[int, int] = {}
    specs: list[_Spec] = []
    multis: list[_Multi] = []
    entry_attrs: list[dict[int, int]] = []
    for entry, (added, attrs) in enumerate(zip(ruler.patterns, ruler.attrs, strict=True)):
        if "_" in attrs or not all(isinstance(attr, int) and attr in _SETTABLE_ATTRS for attr in attrs):
            raise UnsupportedPattern(f"attributes {added['attrs']!r}")
        entry_attrs.append(dict(attrs))
        index = added["index"]
        for pattern in added["patterns"]:
            if not pattern:
                raise UnsupportedPattern("an empty pattern")
            length = len(pattern)
            if not -length <= index < length:
                raise UnsupportedPattern(f"index {index} of a {length}-token pattern")
            if length == 1:
                specs.append(_Spec(tuple(_tests(vocab, pattern[0], columns)), entry, -1, 0))
                continue
            multis.append(_Multi(entry, length, index % length))
            for position, token_spec in enumerate(pattern):
                specs.append(_Spec(tuple(_tests(vocab, token_spec, columns)), entry, len(multis) - 1, position))
    attr_ids = sorted(columns, key=columns.__getitem__)
    compiled_index: dict[tuple[int, int], list[_Spec]] = {}
    unindexed: list[_Spec] = []
    for spec in specs:
        key = _index_key(list(spec.tests), attr_ids)
        if key is None:
            unindexed.append(spec)
        else:
            for value in (key.value,) if key.kind == "eq" else key.value:
                compiled_index.setdefault((key.column, value), []).append(spec)
    return CompiledPatterns(vocab, attr_ids, entry_attrs, compiled_index, unindexed, multis)


# --- the component ----------------------------------------------------------------------------------


class FastAttributeRuler(AttributeRuler):
    """`AttributeRuler` whose patterns, when they can be, are applied through `CompiledPatterns`."""

    def __init__(self, vocab: Vocab, name: str = FACTORY, *, validate: bool = False,
                 scorer: Callable | None = attribute_ruler_score) -> None:
        super().__init__(vocab, name, validate=validate, scorer=scorer)
        self._compiled: CompiledPatterns | None = None
        self._unsupported: str | None = None

    def clear(self) -> None:
        super().clear()
        self._forget()

    def add(self, patterns: Iterable[Any], attrs: dict, index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._forget()

    def _forget(self) -> None:
        self._compiled = None
        self._unsupported = None

    def compiled(self) -> CompiledPatterns | None:
        """The compiled patterns, or None if one of them cannot be compiled (see `unsupported`)."""
        if self._compiled is None and self._unsupported is None:
            try:
                self._compiled = compile_patterns(self)
            except UnsupportedPattern as error:
                self._unsupported = str(error)
        return self._compiled

    @property
    def unsupported(self) -> str | None:
        """Why the patterns run through the Matcher, or None if they are compiled."""
        self.compiled()
        return self._unsupported

    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            compiled = self.compiled()
            if compiled is None:
                self.set_annotations(doc, self.match(doc))
            else:
                compiled.apply(doc)
            return doc
        except Exception as e:
            return error_handler(self.name, self, [doc], e)


def _make_fast_attribute_ruler(nlp: Language, name: str, validate: bool,
                               scorer: Callable | None) -> FastAttributeRuler:
    return FastAttributeRuler(nlp.vocab, name, validate=validate, scorer=scorer)


def register_factory() -> None:
    """Register the `newsstream_attribute_ruler` factory with spaCy, configured as spaCy's `attribute_ruler`
    (idempotent; needed before loading a saved pipeline that contains the component)."""
    if not Language.has_factory(FACTORY):
        Language.factory(
            FACTORY,
            default_config={"validate": False, "scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"}},
            func=_make_fast_attribute_ruler,
        )


def replace_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> str | None:
    """Put a `FastAttributeRuler` built from the patterns of `nlp`'s attribute ruler `name` in its place.

    Returns None when done, else why not: if a pattern cannot be compiled, spaCy's own component stays.
    """
    if name not in nlp.pipe_names:
        return f"no active component {name!r}"
    original = nlp.get_pipe(name)
    if not isinstance(original, AttributeRuler) or isinstance(original, FastAttributeRuler):
        return f"{name!r} is a {type(original).__name__}, not spaCy's AttributeRuler"
    register_factory()
    fast = nlp.add_pipe(FACTORY, name=FACTORY, after=name,
                        config={"validate": original.validate})
    fast.scorer = original.scorer
    fast.add_patterns(original.patterns)
    if fast.unsupported is not None:
        nlp.remove_pipe(FACTORY)
        return fast.unsupported
    nlp.remove_pipe(name)
    return None
