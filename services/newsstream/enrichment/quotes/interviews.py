"""Interviews written up as prose: `_interviewee` finds the person interviewed (from the
roles the transcript reader sees in the introduction, an interview word and the interviewer asking), whom
a `he` or `she` answering a question is taken to be.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..records import Entity
from .transcripts import INTRODUCTION_PARAGRAPHS, interview_roles
from .state import _Ref
from .vocabulary import _PERSON

_INTERVIEW_WORDS = re.compile(
    r"\b(?:interview(?:ed|s)?|(?:spoke|speaking|talked|talking)\s+(?:to|with)|sat\s+down\s+with)\b", re.IGNORECASE)


def _interviewee(text: str, para_starts: list[int], entities: Sequence[Entity]) -> _Ref | None:
    bounds = [(start, para_starts[i + 1] if i + 1 < len(para_starts) else len(text))
              for i, start in enumerate(para_starts[:INTRODUCTION_PARAGRAPHS])]
    roles = interview_roles(text, bounds, entities)
    if not roles or not roles[0] or not roles[1]:
        return None
    if not any(_INTERVIEW_WORDS.search(text[start:end]) for start, end in bounds):
        return None  # "Ms Jenkins asked the minister why ...": a row in the chamber, not an interview
    # A written-up interview has its interviewer asking ("Pike asked", "asked by Pike"); a story that only
    # says someone spoke to a newspaper is not one.
    surname = re.escape(roles[0].split()[-1])
    if not re.search(rf"\b{surname}\s+ask(?:ed|s)\b|\basked\s+by\s+(?:[A-Z]\w+\s+)?{surname}\b", text):
        return None
    return _Ref(roles[1], _PERSON)
