"""The forward pass over the narration: `_remember_until` walks the tokens outside quotes,
keeping the memory of the current person and organisation subject and of indirect attributions (`Smith said
the team ...`), which later pronouns, roles and quote-only paragraphs resolve against.
"""

from __future__ import annotations

from ..speech import source_of
from .cues import _is_speech_verb, _source_attribution
from .names import _next_paragraph_token
from .references import _is_demonym_role, _named_group, _recent
from .speakers import _object_kind, _speaker_after, _subject_before
from .speech_verbs import _STRONG_SPEECH_FORMS
from .state import _UNNAMED, _Attribution, _Context, _Memory, _Ref
from .vocabulary import (
    _AGENT, _APPOSITIVE_REACH, _GROUP_ROLES, _INVERSION_MARKS, _OBLIQUE, _PERSON, _PERSON_PRONOUNS, _SENTENCE_END_TOKENS,
)


def _remember_speaker(memory: _Memory, ref: _Ref, paragraph: int, at: int) -> None:
    if ref.label == _PERSON:
        _set_person(memory, ref, paragraph, at)
    else:
        memory.group = (ref, paragraph)


def _remember_until(ctx: _Context, token: int, stop: int, paragraph: int) -> tuple[int, int]:
    """Walk the tokens outside quotes up to `stop`, updating the person/organisation memory.

    Speech verbs are resolved here, at their own position, so that a pronoun subject ("he added: ...")
    means whoever was current when it was written, not someone named between the verb and the quote.
    """
    memory = ctx.memory
    doc = ctx.doc
    next_para_token = _next_paragraph_token(ctx, paragraph)
    while token < stop:
        while token >= next_para_token:
            paragraph += 1
            _start_sentence(memory, token)
            next_para_token = _next_paragraph_token(ctx, paragraph)
        if doc[token].text in _SENTENCE_END_TOKENS:
            _start_sentence(memory, token + 1)
        else:
            ref = ctx.refs[token]
            if ref is not None and _is_demonym_role(ctx, token, ref):
                # "the 25-year-old Dubliner underlined ...": not a new name
                memory.sentence_has_person, memory.person_tentative = True, False
            elif ref is not None:
                kind = _object_kind(ctx, token, ref) if ref.label == _PERSON else None
                if kind is None and ref.label == _PERSON and _in_opening_participle(ctx, token):
                    kind = _OBLIQUE
                if kind != _AGENT:
                    _remember_mention(memory, ref, paragraph, token, tentative=kind == _OBLIQUE)
            elif doc[token].lower_ in _PERSON_PRONOUNS and doc[token].tag_ == "PRP":
                # "He was sacked by Keegan": the subject is still "he"
                memory.sentence_has_person, memory.person_tentative = True, False
            elif doc[token].lower_ in _STRONG_SPEECH_FORMS and _is_speech_verb(ctx, token):
                _remember_indirect_attribution(ctx, token, paragraph)
            elif _opens_sentence_as_group_role(ctx, token):
                # "The committee was not persuaded. It said ...": the organisation the role points back to,
                # or the one of the discourse ("the Bloc said ... The party called for Ottawa to ... what it
                # called"), which a place named later in the sentence does not replace
                group = _named_group(ctx, token, paragraph) or _recent(memory.group, paragraph)
                if group is not None:
                    _remember_mention(memory, group, paragraph, token, tentative=False)
        token += 1
    while token >= next_para_token and next_para_token < len(doc):
        paragraph += 1
        _start_sentence(memory, token)
        next_para_token = _next_paragraph_token(ctx, paragraph)
    return token, paragraph


def _in_opening_participle(ctx: _Context, token: int) -> bool:
    """A name inside the participle clause a sentence opens with ("Asked about the company's founder, K.R.
    Subramaniam, Nair chose his words"): the subject is who the main clause names, on the parse."""
    syntax = ctx.syntax
    node = token
    for _ in range(12):
        if not syntax.is_parsed(node):
            return False
        head = syntax.head(node)
        if head == node:
            return False
        if syntax.dep(node) == "advcl" and ctx.doc[node].tag_ in ("VBN", "VBG") and node == ctx.memory.floor:
            return True
        node = head
    return False


def _opens_sentence_as_group_role(ctx: _Context, token: int) -> bool:
    """`The committee` or `the bank` as the first noun of its sentence, after nothing but a determiner or
    adjectives: the sentence's subject."""
    doc = ctx.doc
    if doc[token].lower_ not in _GROUP_ROLES or not doc[token].tag_.startswith("NN") or ctx.memory.sentence_has_group:
        return False
    before = doc[ctx.memory.floor:token]
    return len(before) >= 1 and before[0].lower_ == "the" and all(t.tag_ in ("DT", "JJ") or t.is_space for t in before)


def _start_sentence(memory: _Memory, token: int) -> None:
    memory.sentence_has_person = False
    memory.person_tentative = False
    memory.sentence_has_group = False
    memory.floor = token


def _set_person(memory: _Memory, ref: _Ref, paragraph: int, token: int) -> None:
    memory.person = (ref, paragraph)
    memory.person_at = token
    memory.people.append((ref, paragraph))


def _remember_mention(memory: _Memory, ref: _Ref, paragraph: int, token: int, tentative: bool) -> None:
    """The first person (and organisation) named in a sentence outside quotes is its likely subject;
    a person named after a preposition only until the sentence names another."""
    if ref.label == _PERSON:
        if not memory.sentence_has_person or (memory.person_tentative and not tentative):
            _set_person(memory, ref, paragraph, token)
            memory.sentence_has_person = True
            memory.person_tentative = tentative
    elif not memory.sentence_has_group:
        memory.group = (ref, paragraph)
        memory.sentence_has_group = True


def _remember_indirect_attribution(ctx: _Context, verb: int, paragraph: int) -> None:
    """`Smith said the team ...`: Smith becomes the current subject and the nearest attribution."""
    memory = ctx.memory
    source = source_of(ctx.doc, ctx.syntax, verb, ctx.quoted) if ctx.syntax.is_parsed(verb) else None
    if source is not None and source not in ctx.quoted:
        found = _source_attribution(ctx, source, paragraph)
    else:
        found = _subject_before(ctx, verb, max(memory.floor, verb - _APPOSITIVE_REACH), paragraph)
    if not found.found and memory.sentence_has_person and memory.person is not None:
        found = _Attribution(True, memory.person[0])  # "Dunne is keen to ... and said": the sentence's subject
    if not found.found and verb > 0 and ctx.doc[verb - 1].text in _INVERSION_MARKS:
        found = _speaker_after(ctx, verb + 1, len(ctx.doc), paragraph, people_only=True)  # "..., said Mr Fogg."
    ctx.verdicts[verb] = found
    if found.unnamed:
        _set_person(memory, _UNNAMED, paragraph, verb)
    if found.ref is not None:
        _remember_speaker(memory, found.ref, paragraph, verb)
        if found.ref.label == _PERSON:
            memory.sentence_has_person = True
        else:
            memory.sentence_has_group = True
        memory.attribution = (found.ref, paragraph)
        memory.attribution_at = verb
