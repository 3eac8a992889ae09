"""The records attribution passes around: a speaker reference (`_Ref`), the result of a
search for an attribution (`_Attribution`), the memory of the discourse kept by the forward pass
(`_Memory`), the last quote taken as a statement (`_Previous`) and the per-article context (`_Context`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..syntax import Syntax
from .marks import _Candidate
from .vocabulary import _PERSON


@dataclass(frozen=True, slots=True)
class _Ref:
    """A speaker candidate: a canonical name and its entity label."""

    name: str
    label: str


@dataclass(slots=True)
class _Attribution:
    """The result of looking for an attribution: `found` even when it names nobody."""

    found: bool
    ref: _Ref | None = None
    unnamed: bool = False  # the words are a person's the text does not name ("a spokesman said")


_NOT_FOUND = _Attribution(False)
_UNNAMED = _Ref("", _PERSON)  # in the memory of people: someone unnamed, who a later "he" or "she" may be


@dataclass(slots=True)
class _Memory:
    """What the forward pass remembers for resolving pronouns and roles (ref, paragraph)."""

    person: tuple[_Ref, int] | None = None
    group: tuple[_Ref, int] | None = None
    attribution: tuple[_Ref | None, int] | None = None
    person_at: int = -1  # token where `person` was last set
    people: list[tuple[_Ref, int]] = field(default_factory=list)  # every person `person` was, (ref, paragraph)
    attribution_at: int = -1  # token where `attribution` was last set
    sentence_has_person: bool = False
    person_tentative: bool = False  # the sentence's person was named after a preposition
    sentence_has_group: bool = False
    floor: int = 0  # first token of the current sentence (or after the last quote)


@dataclass(frozen=True, slots=True)
class _Previous:
    """The last quote taken as a statement, its speaker and the token of its closing mark."""

    candidate: _Candidate
    speaker: _Ref | None
    close_token: int


@dataclass(slots=True)
class _Context:
    doc: Doc
    text: str
    starts: list[int]  # token start offsets
    para_starts: list[int]  # char offsets of paragraph starts
    para_first_token: list[int]
    refs: list[_Ref | None]
    names: dict[str, _Ref]
    blanked: set[int]  # tokens of a name used as a modifier: never looked up as a speaker
    syntax: Syntax
    quoted: set[int] = field(default_factory=set)  # tokens inside the quote marks of any candidate
    genders: dict[str, str] = field(default_factory=dict)  # person name -> _MALE or _FEMALE, from the text
    interviewee: _Ref | None = None  # in an interview, the person interviewed
    interviewer: _Ref | None = None  # and the one who asks, who writes up a first-person interview as `I`
    memory: _Memory = field(default_factory=_Memory)
    verdicts: dict[int, _Attribution] = field(default_factory=dict)  # speech verb token -> its subject
    organisations: frozenset[_Ref] | None = None  # every non-person speaker the article names, once needed
