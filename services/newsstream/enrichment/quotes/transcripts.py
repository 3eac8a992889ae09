"""Interviews written as transcripts: every question and every answer is a quote of whoever asks or answers.

A transcript is a run of paragraphs that open with a speaker's prefix and a colon: `Q:` and `A:` (or `Q.`
and `A.`), or the
speakers' names, surnames or initials (`ACHTERBERG:`, `Raman:`, `SL:`). An article is taken to hold one
when at least three paragraphs open so, with at least two different prefixes. Each such paragraph is one
turn, and so is each paragraph without a prefix that follows a turn and reads as speech (it has a first or
second person pronoun): an answer running over paragraphs.

A named prefix is the person of the article it names (by full name, surname or initials). `Q` is the
interviewer the introduction names (`spoke to Tom Achterberg`, `Interview by Sarah Lindqvist`), and `A` is
the interviewee: of the people named in the sentence that introduces the interview, the one the article
mentions most (the interviewer when that sentence names only one of them is nobody, and the interviewee the
person the introduction mentions most: "Shona Rennie met her on the car deck").

Two transcripts without prefixes: questions printed as paragraphs of their own, answers in quote marks
(`_printed_question_turns`), and an exchange printed as dialogue, one quoted paragraph per turn
(`_quoted_dialogue_turns`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from ..records import Entity

# "Q:", "ACHTERBERG:", "Tom Achterberg:", "SL:", and the "Q." and "A." of some publications
_PREFIX = re.compile(
    r"(?:(Q|A|Question|Answer|[A-Z][\w'’.-]{0,30}(?: [A-Z][\w'’.-]{0,30}){0,2})[ \t]*:|(Q|A)\.)[ \t]+(?=\S)")
_QUESTION_PREFIXES = frozenset({"Q", "Question"})
_ANSWER_PREFIXES = frozenset({"A", "Answer"})
_MIN_TURNS = 3
_SPEECH_PRONOUNS = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d|we|We|our|Our|us|my|My|me|you|You|your|Your)\b")
# A writer's time with the person interviewed: "Tom Whitlam spent a day with her"
SPENT_TIME_WITH = r"(?:spent|spends) (?:a|an|the|\w+) (?:day|days|morning|afternoon|evening|week|weeks|hours?) with"
# "met" and "meets" only with someone met: a committee "which meets again next month" introduces no interview
_INTRODUCTION_CUES = re.compile(
    r"\b(?:spoke|speaks|speaking|talked|talks|talking|interview|interviewed|interviews|asked|asks|questions|"
    rf"sat down|(?:met|meets)(?= (?:him|her|them|(?-i:[A-Z])))|{SPENT_TIME_WITH})\b", re.IGNORECASE)
_QUOTE_MARKS = "\"“”„'‘’"
_QUOTED = re.compile(r"[\"“„][^\"“”„]*[\"”]")


@dataclass(frozen=True, slots=True)
class Turn:
    """One paragraph of a transcript: the quoted words (`start`, `end`) and who speaks them."""

    start: int
    end: int
    speaker: str | None


def _prefix(match: re.Match[str]) -> str:
    return match.group(1) or match.group(2)


def transcript_turns(text: str, paragraph_starts: Sequence[int], entities: Sequence[Entity]) -> list[Turn]:
    """The turns of the article's transcript, in text order (none when it has no transcript)."""
    paragraphs = _paragraphs(text, paragraph_starts)
    # the headline is never a turn ("Catriona Vance: 'January without a panto ...'")
    prefixed = [(index, match) for index, (start, end) in enumerate(paragraphs)
                if index > 0 and (match := _PREFIX.match(text, start, end)) is not None]
    if len(prefixed) < _MIN_TURNS or len({_prefix(match) for _, match in prefixed}) < 2:
        return _printed_question_turns(text, paragraphs, entities) or _quoted_dialogue_turns(text, paragraphs, entities)
    first_turn = prefixed[0][0]
    people = _People(text, paragraphs[:first_turn], entities)
    turns: list[Turn] = []
    current: str | None = None
    in_turn = False
    prefix_at = {index: match for index, match in prefixed}
    for index in range(first_turn, len(paragraphs)):
        start, end = paragraphs[index]
        match = prefix_at.get(index)
        if match is not None:
            current = people.speaker_of(_prefix(match))
            span = _words(text, match.end(), end)
            in_turn = True
        elif in_turn and _reads_as_speech(text[start:end]):
            span = _words(text, start, end)
        else:
            current = None
            in_turn = False
            if index > prefixed[-1][0]:
                break
            continue
        if span is not None:
            turns.append(Turn(span[0], span[1], current))
    return turns


def _printed_question_turns(text: str, paragraphs: Sequence[tuple[int, int]],
                            entities: Sequence[Entity]) -> list[Turn]:
    """The other common transcript: each question a paragraph of its own with no prefix and no quote marks (set in
    bold on the page), each answer a paragraph in quote marks with nothing outside them. The questions are the
    interviewer's the introduction names, the answers the interviewee's. Taken to be one when the first
    question ends with a question mark and at least three questions each stand between answers or after the
    introduction."""
    answers = [index > 0 and _is_bare_quote(text[start:end]) for index, (start, end) in enumerate(paragraphs)]
    first = next((index for index in range(1, len(paragraphs) - 1) if answers[index + 1]
                  and _is_printed_question(text, *paragraphs[index]) and text[paragraphs[index][1] - 1] == "?"), None)
    if first is None:
        return []
    questions = [index for index in range(first, len(paragraphs) - 1) if answers[index + 1]
                 and _is_printed_question(text, *paragraphs[index]) and (index == first or answers[index - 1])]
    if len(questions) < _MIN_TURNS:
        return []
    roles = interview_roles(text, paragraphs[:first], entities)
    if roles is None or roles[0] is None:
        return []
    interviewer, interviewee = roles
    turns: list[Turn] = []
    for index in range(first, len(paragraphs)):
        start, end = paragraphs[index]
        if index in questions:
            speaker = interviewer
        elif answers[index]:
            speaker = interviewee
        else:
            break
        span = _words(text, start, end, strip_open_marks=True)
        if span is not None:
            turns.append(Turn(span[0], span[1], speaker))
    return turns


def _quoted_dialogue_turns(text: str, paragraphs: Sequence[tuple[int, int]],
                           entities: Sequence[Entity]) -> list[Turn]:
    """A feature interview's exchange printed as dialogue: a run of paragraphs that are each a quote and nothing
    else, opened by a question after narration that introduces no one speaker ('"So is the crisis over?" /
    "Crisis is the wrong word now." / ...'). As in a novel, each new paragraph is the other speaker: the
    questions are the interviewer's the introduction names, the answers the interviewee's. Taken to be one when
    the run has at least `_MIN_DIALOGUE_PARAGRAPHS`, at least two of the asker's paragraphs are questions and
    none of the answers is."""
    bare = [index > 0 and _is_bare_quote(text[start:end]) for index, (start, end) in enumerate(paragraphs)]
    asks = [_quoted_words_end_with_question(text[start:end]) for start, end in paragraphs]
    index = 1
    while index < len(paragraphs):
        if not (bare[index] and asks[index] and not bare[index - 1]) \
                or text[slice(*paragraphs[index - 1])].rstrip().endswith(":"):  # "She said:" introduces one speaker
            index += 1
            continue
        run_end = index
        while run_end < len(paragraphs) and bare[run_end]:
            run_end += 1
        run = range(index, run_end)
        questions = [k for k in run if (k - index) % 2 == 0]
        if len(run) >= _MIN_DIALOGUE_PARAGRAPHS and sum(asks[k] for k in questions) >= 2 \
                and not any(asks[k] for k in run if k not in questions):
            roles = interview_roles(text, paragraphs[:index], entities)
            if roles is None or roles[0] is None:
                return []
            turns: list[Turn] = []
            for k in run:
                span = _words(text, *paragraphs[k], strip_open_marks=True)
                if span is not None:
                    turns.append(Turn(span[0], span[1], roles[0] if k in questions else roles[1]))
            return turns
        index = run_end
    return []


_MIN_DIALOGUE_PARAGRAPHS = 4


def _quoted_words_end_with_question(paragraph: str) -> bool:
    return paragraph.rstrip().rstrip("\"”’'").endswith("?")


def _is_printed_question(text: str, start: int, end: int) -> bool:
    paragraph = text[start:end]
    return not any(mark in paragraph for mark in "\"“”„") and not paragraph.rstrip().endswith(":")


def _is_bare_quote(paragraph: str) -> bool:
    """A paragraph that opens with a quote mark and has nothing outside its quote marks (an answer running on to
    the next paragraph has no closing mark)."""
    paragraph = paragraph.strip()
    if not paragraph or paragraph[0] not in "\"“„":
        return False
    outside = _QUOTED.sub(" ", paragraph)
    if outside.strip() and outside.strip()[0] in "\"“„":
        outside = ""  # opened and never closed: the statement runs on
    return not any(char.isalnum() for char in outside)


def _reads_as_speech(paragraph: str) -> bool:
    """An answer running on: a first or second person pronoun in the paragraph's own words. Narration between
    turns quotes people ('In a letter, he called the decision "a mistake I ..."'): its quoted words say
    nothing of whether the paragraph itself is speech."""
    return _SPEECH_PRONOUNS.search(_QUOTED.sub(" ", paragraph)) is not None


def _paragraphs(text: str, paragraph_starts: Sequence[int]) -> list[tuple[int, int]]:
    bounds = []
    for index, start in enumerate(paragraph_starts):
        end = paragraph_starts[index + 1] if index + 1 < len(paragraph_starts) else len(text)
        end = len(text[start:end].rstrip()) + start
        bounds.append((start, end))
    return bounds


def _words(text: str, start: int, end: int, strip_open_marks: bool = False) -> tuple[int, int] | None:
    """The span of a turn's words: without surrounding space, and without quote marks around the whole (or, with
    `strip_open_marks`, a paragraph's opening mark and any closing one, for a statement running over paragraphs)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if strip_open_marks and end > start and text[start] in "\"“„":
        start += 1
        if text[end - 1] in "\"”":
            end -= 1
    if end - start >= 2 and text[start] in _QUOTE_MARKS and text[end - 1] in _QUOTE_MARKS:
        inner = text[start + 1:end - 1]
        if not any(mark in inner for mark in "\"“”„"):
            start, end = start + 1, end - 1
    return (start, end) if end > start else None


class _People:
    """Who a transcript's prefixes stand for."""

    def __init__(self, text: str, introduction: Sequence[tuple[int, int]], entities: Sequence[Entity]) -> None:
        self.people = [entity for entity in entities if entity.label == "PERSON" and entity.name]
        self.by_key: dict[str, str | None] = {}
        for entity in self.people:
            words = entity.name.split()
            keys = {entity.name.casefold(), words[-1].casefold(), "".join(word[0] for word in words).casefold()}
            keys.update(mention.text.casefold() for mention in entity.mentions)
            for key in keys:
                # A key two people share names neither.
                self.by_key[key] = None if key in self.by_key and self.by_key[key] != entity.name else entity.name
        roles = interview_roles(text, introduction, entities)
        self.interviewer, self.interviewee = roles or (None, _most_mentioned(self.people, introduction))
        self._text, self._entities = text, entities

    def speaker_of(self, prefix: str) -> str | None:
        if prefix in _QUESTION_PREFIXES:
            return self.interviewer
        if prefix in _ANSWER_PREFIXES:
            return self.interviewee
        key = prefix.casefold().rstrip(".")
        found = self.by_key.get(key) or self.by_key.get(key.split()[-1])
        if found is None and _INITIALS.fullmatch(prefix):
            # "CD:", "GT:": initials stand for a person even where the model missed the name or took it for
            # something else ("Ciarán Delaney met Gráinne Tobin")
            found = self.by_initials.get(prefix)
        return found

    @cached_property
    def by_initials(self) -> dict[str, str | None]:
        return _names_by_initials(self._text, self._entities)  # only when an initials prefix names no one known


_INITIALS = re.compile(r"[A-Z]{2,3}")
# A name written out: two or three capitalised words ("Ciarán Delaney", "Jean-Paul Sartre")
_WRITTEN_NAME = re.compile(r"\b[A-Z][^\W\d_]+(?:[ -][A-Z][^\W\d_]+){1,2}\b")


def _names_by_initials(text: str, entities: Sequence[Entity]) -> dict[str, str | None]:
    """Initials -> the one name of the article they stand for: a person's, else a named entity of another label
    (the model may take a person for an organisation), else a name the text writes out; None when two names of
    the same kind share the initials."""
    kinds: tuple[list[str], list[str], list[str]] = (
        [entity.name for entity in entities if entity.label == "PERSON"],
        [entity.name for entity in entities if entity.label != "PERSON"],
        [match.group() for match in _WRITTEN_NAME.finditer(text)],
    )
    found: dict[str, str | None] = {}
    for names in kinds:
        by_initials: dict[str, set[str]] = {}
        for name in names:
            words = re.split(r"[ -]", name)
            if 2 <= len(words) <= 3 and all(word[:1].isupper() for word in words):
                by_initials.setdefault("".join(word[0] for word in words), set()).add(name)
        for initials, named in by_initials.items():
            if initials not in found:
                found[initials] = next(iter(named)) if len(named) == 1 else None
    return found


INTRODUCTION_PARAGRAPHS = 4


def interview_roles(text: str, introduction: Sequence[tuple[int, int]],
                    entities: Sequence[Entity]) -> tuple[str | None, str | None] | None:
    """(interviewer, interviewee) when the introduction has a sentence about the interview (`X spoke to Y`,
    `Interview by X`) that names someone; None for an article that introduces no interview. Of the people
    that sentence names, the most mentioned in the article is the interviewee; when it names one person
    only, that is the interviewer unless the article mentions nobody more."""
    people = sorted((entity for entity in entities if entity.label == "PERSON" and entity.name),
                    key=lambda entity: -len(entity.mentions))
    one_named: Entity | None = None
    for start, end in introduction:
        for sentence in re.split(r"(?<=[.!?])\s+", text[start:end]):
            if not _INTRODUCTION_CUES.search(sentence):
                continue
            named = [entity for entity in people if _names_in(entity, sentence)]
            if len(named) >= 2:
                return named[1].name, named[0].name
            if len(named) == 1 and one_named is None:
                one_named = named[0]
    if one_named is None:
        return None
    interviewee = _most_mentioned(people, introduction)
    return (one_named.name, interviewee) if one_named.name != interviewee else (None, interviewee)


def _most_mentioned(people: Sequence[Entity], introduction: Sequence[tuple[int, int]] = ()) -> str | None:
    """The person the introduction mentions most (ties: the article), or the article's most mentioned when the
    introduction names nobody. The introduction, not the whole article: an interviewee answers as `I`, while
    the rivals and officials the questions put to them are named again and again."""
    def in_introduction(entity: Entity) -> int:
        return sum(1 for mention in entity.mentions if any(start <= mention.start < end for start, end in introduction))

    if not people:
        return None
    return max(people, key=lambda entity: (in_introduction(entity), len(entity.mentions))).name


def _names_in(entity: Entity, sentence: str) -> bool:
    words = entity.name.split()
    return entity.name in sentence or (len(words) > 1 and re.search(rf"\b{re.escape(words[-1])}\b", sentence) is not None)
