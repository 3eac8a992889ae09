"""Interviews written up as prose: `_interview` finds the interviewer and the person interviewed (from the
roles the transcript reader sees in the introduction, an interview word and the interviewer asking), whom
a `he` or `she` answering a question is taken to be.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..records import Entity
from .transcripts import INTRODUCTION_PARAGRAPHS, SPENT_TIME_WITH, interview_roles
from .state import _Ref
from .vocabulary import _PERSON

_INTERVIEW_WORDS = re.compile(
    rf"\b(?:interview(?:ed|s)?|(?:spoke|speaking|talked|talking)\s+(?:to|with)|sat\s+down\s+with|{SPENT_TIME_WITH})\b",
    re.IGNORECASE)
# The writer of a first-person interview asking: '"...?" I ask.', 'I asked her.' (not "I asked" inside an answer)
_WRITER_ASKS = re.compile(r"[?,][”\"]\s*I\s+ask(?:ed)?\b|\bI\s+ask(?:ed)?\s+(?:her|him|them)\s*[.?!,]")


def _interview(text: str, para_starts: list[int], entities: Sequence[Entity]) -> tuple[_Ref | None, _Ref | None]:
    """(interviewer, interviewee) of a written-up interview, (None, None) for any other article."""
    bounds = [(start, para_starts[i + 1] if i + 1 < len(para_starts) else len(text))
              for i, start in enumerate(para_starts[:INTRODUCTION_PARAGRAPHS])]
    roles = interview_roles(text, bounds, entities)
    if not roles or not roles[0] or not roles[1]:
        return None, None
    if not any(_INTERVIEW_WORDS.search(text[start:end]) for start, end in bounds):
        return None, None  # "Ms Jenkins asked the minister why ...": a row in the chamber, not an interview
    # A written-up interview has its interviewer asking ("Pike asked", "asked by Pike"); a story that only
    # says someone spoke to a newspaper is not one.
    surname = re.escape(roles[0].split()[-1])
    if not re.search(rf"\b{surname}\s+ask(?:ed|s)\b|\basked\s+by\s+(?:[A-Z]\w+\s+)?{surname}\b", text) \
            and not _WRITER_ASKS.search(text):
        return None, None
    return _Ref(roles[0], _PERSON), _Ref(roles[1], _PERSON)
