"""The context of names and references: `_build_context` gives every token the canonical
speaker its mention names (cleaning job titles and speech verbs out of names, joining one-word names to the
full name they end, blanking names used as modifiers), `_genders` reads what the text says of each
person's gender, and the lookups on tokens and paragraphs that the attribution uses.
"""

from __future__ import annotations

import re

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc

from ..datelines import dateline_at
from ..given_names import gender_of_given_name
from ..records import Entity
from ..syntax import syntax_of
from .speech_verbs import _SPEECH_FORMS
from .state import _Context, _Ref
from .vocabulary import (
    _GENDERED_TITLES, _HONORIFICS, _LEGISLATORS, _NAME_PUNCTUATION, _PERSON, _PERSON_ROLES, _SPEAKER_LABELS,
    _SUBJECT_PRONOUN_GENDER,
)


def _build_context(doc: Doc, para_starts: list[int], entities: Sequence[Entity]) -> _Context:
    text = doc.text
    starts = [token.idx for token in doc]
    refs: list[_Ref | None] = [None] * len(doc)
    names: dict[str, _Ref] = {}
    blanked: set[int] = set()
    speakers = [e for e in entities if e.label in _SPEAKER_LABELS and e.name]
    speakers.sort(key=_first_mention)
    by_name = {entity.name: _Ref(entity.name, entity.label) for entity in speakers}
    own_refs = [by_name.get(_name_without_role(e.name, e.label)) or _Ref(_name_without_role(e.name, e.label), e.label)
                for e in speakers]
    surnames = _surname_index(own_refs)
    speaker_refs = [_canonical(surnames, ref) for ref in own_refs]
    for entity, ref in zip(speakers, speaker_refs):
        _index_names(names, ref, (m.text for m in entity.mentions))
    full_name_starts = _full_name_starts(speakers, speaker_refs)
    given_named = _called_by_given_name(text, surnames)
    for entity, ref in zip(speakers, speaker_refs):
        for mention in entity.mentions:
            if 0 <= mention.start < mention.end <= len(text):
                first = max(0, bisect_right(starts, mention.start) - 1)
                own = _shared_surname_owner(surnames, full_name_starts, ref, mention.start, given_named)
                _fill_mention(doc, refs, names, blanked, first, bisect_left(starts, mention.end), own)
    for ent in doc.ents:
        uncovered = all(refs[i] is None and i not in blanked for i in range(ent.start, ent.end))
        if ent.label_ in _SPEAKER_LABELS and uncovered and ent.text.casefold() not in _LEGISLATORS \
                and ent.text.casefold() not in _PERSON_ROLES:  # "MPs", "the Assistant Treasurer" name no one
            written = _HONORIFICS.sub("", _name_without_role(ent.text.strip(_NAME_PUNCTUATION), ent.label_))
            ref = _lookup_name(names, written) or _canonical(surnames, _Ref(written, ent.label_))
            _fill_mention(doc, refs, names, blanked, ent.start, ent.end, ref)
    for offset in para_starts:
        _blank_dateline(text, starts, refs, blanked, offset)
    para_first_token = [bisect_left(starts, offset) for offset in para_starts]
    return _Context(doc, text, starts, para_starts, para_first_token, refs, names, blanked, syntax_of(doc))


def _blank_dateline(text: str, starts: list[int], refs: list[_Ref | None], blanked: set[int], offset: int) -> None:
    """A dateline's place and agency (`OSLO, June 19 (Newswire) -`) say where the story was filed and by whom:
    neither is a speaker, nor the organisation `the central bank` of the sentence after it points back to."""
    dateline = dateline_at(text, offset)
    if dateline is None:
        return
    for i in range(bisect_left(starts, offset), bisect_left(starts, dateline.end)):
        refs[i] = None
        blanked.add(i)


def _genders(ctx: _Context) -> dict[str, str]:
    """What the text says of each person's gender: a title before a mention (`Mr`, `Ms`, `Dame`,
    `spokeswoman`), and `himself` or `herself` after the only person a sentence names outside quotes."""
    doc = ctx.doc
    votes: dict[str, Counter[str]] = {}
    for sentence in doc.sents if doc.has_annotation("SENT_START") else [doc[:]]:
        people: list[_Ref] = []
        pronoun_genders: list[str] = []
        for token in sentence:
            i = token.i
            if i in ctx.quoted:
                continue
            ref = ctx.refs[i]
            if ref is not None and ref.label == _PERSON:
                if not people or people[-1] != ref:
                    title = doc[i - 1].lower_.rstrip(".") if i > 0 and ctx.refs[i - 1] != ref else ""
                    if title in _GENDERED_TITLES:
                        votes.setdefault(ref.name, Counter())[_GENDERED_TITLES[title]] += 2
                if ref not in people:
                    people.append(ref)
            elif people and token.lower_ in _SUBJECT_PRONOUN_GENDER and token.tag_ in ("PRP", "PRP$"):
                pronoun_genders.append(_SUBJECT_PRONOUN_GENDER[token.lower_])
        if len(people) == 1 and pronoun_genders:
            votes.setdefault(people[0].name, Counter()).update(pronoun_genders)
    for ref in {ref for ref in ctx.refs if ref is not None and ref.label == _PERSON and " " in ref.name}:
        given = gender_of_given_name(ref.name.split()[0])
        if given is not None:
            votes.setdefault(ref.name, Counter())[given] += 1  # "Graham Pike": a name mostly given to men
    return {name: counts.most_common(1)[0][0] for name, counts in votes.items()
            if len(counts) == 1 or counts.most_common(2)[0][1] > counts.most_common(2)[1][1]}


def _first_mention(entity: Entity) -> int:
    return min((m.start for m in entity.mentions), default=1 << 62)


def _is_role_word(word: str) -> bool:
    lower = word.lower()
    return lower in _PERSON_ROLES or lower in _SPEECH_FORMS


def _name_without_role(name: str, label: str = _PERSON) -> str:
    """`Wales physio Mark Davies` -> `Mark Davies`, `Said Wales` -> `Wales`: the model sometimes takes a
    job title or a sentence-initial speech verb into a name; the name is what follows the last such word.
    A capitalised title word inside another kind of name is part of it (`General Motors`)."""
    words = name.split()
    cut = max((k for k, word in enumerate(words[:-1]) if _is_role_word(word)
               and (label == _PERSON or word[:1].islower() or word.lower() in _SPEECH_FORMS)), default=-1)
    return " ".join(words[cut + 1 :]) if cut >= 0 else name


def _surname_index(refs: Sequence[_Ref]) -> dict[str, list[_Ref]]:
    """Full PERSON names by their last word, in order of first mention."""
    index: dict[str, list[_Ref]] = {}
    for ref in refs:
        words = ref.name.split()
        if ref.label == _PERSON and len(words) > 1 and ref not in index.get(words[-1], ()):
            index.setdefault(words[-1], []).append(ref)
    return index


def _canonical(surnames: dict[str, list[_Ref]], ref: _Ref) -> _Ref:
    """A PERSON named by one word ("Collins") is the full name it ends, when the article names one such
    person; full names sharing surname and first initial (Dave and David Collins) are taken as one
    person, the one named first."""
    words = ref.name.split()
    if len(words) != 1 or ref.label != _PERSON:
        return ref
    full = surnames.get(words[0], [])
    if full and all(other.name[:1] == full[0].name[:1] for other in full):
        return full[0]
    return ref


_QUOTED_WORDS = re.compile(r"[\"“][^\"“”\n]*[\"”]")


def _called_by_given_name(text: str, surnames: dict[str, list[_Ref]]) -> frozenset[_Ref]:
    """Of people who share a surname, those the story's own words (not its quotes: "Annelise is strict," he
    says) also call by their given name alone ("Isla says")."""
    shared = {surname: owners for surname, owners in surnames.items() if len(owners) >= 2}
    if not shared:
        return frozenset()  # most stories: no text to scan
    narration = _QUOTED_WORDS.sub(" ", text)
    found: set[_Ref] = set()
    for surname, owners in shared.items():
        for owner in owners:
            given = owner.name.split()[0]
            if re.search(rf"\b{re.escape(given)}\b(?!['’]?\s*(?:\w+\s+)?{re.escape(surname)}\b)", narration):
                found.add(owner)
    return frozenset(found)


def _full_name_starts(speakers: Sequence[Entity], refs: Sequence[_Ref]) -> dict[_Ref, list[int]]:
    """Where each person is named in full (two words or more), in text order."""
    found: dict[_Ref, list[int]] = {}
    for entity, ref in zip(speakers, refs):
        if ref.label == _PERSON and " " in ref.name:
            found.setdefault(ref, []).extend(m.start for m in entity.mentions if len(m.text.split()) > 1)
    return {ref: sorted(positions) for ref, positions in found.items()}


def _shared_surname_owner(surnames: dict[str, list[_Ref]], full_name_starts: dict[_Ref, list[int]], ref: _Ref,
                          at: int, given_named: frozenset[_Ref] = frozenset()) -> _Ref:
    """`Mr Howard` in a story naming both Michael and John Howard: the one of them the story does not call by
    a given name alone (`given_named`) when that leaves one, else the one named in full last before this
    mention (as a reader takes it); the surname itself when none was named yet."""
    owners = surnames.get(ref.name, []) if ref.label == _PERSON and " " not in ref.name else []
    if len(owners) < 2:
        return ref
    by_surname = [owner for owner in owners if owner not in given_named]
    if len(by_surname) == 1:
        return by_surname[0]  # the others the story calls by their given names ("Isla says"), as papers do
    latest = {owner: bisect_left(full_name_starts.get(owner, []), at) for owner in owners}
    named = [(full_name_starts[owner][count - 1], owner) for owner, count in latest.items() if count > 0]
    return max(named, key=lambda pair: pair[0])[1] if named else ref


def _fill_mention(
    doc: Doc, refs: list[_Ref | None], names: dict[str, _Ref], blanked: set[int], first: int, end: int, ref: _Ref
) -> None:
    """Give the mention's tokens its reference, except a title or verb the model took into the name
    (those tokens get their own entity, if any) and a person's name used as a modifier (`an Oscar
    nomination`, `Linux strategy manager`), which is nobody speaking."""
    if ref.label == _PERSON and _is_modifier(doc, first, end):
        blanked.update(range(first, end))
        return
    cut = max((k for k in range(first, end - 1) if _is_role_word(doc[k].text)), default=-1)
    for i in range(first, end):
        if i <= cut:
            own = names.get(doc[i].text)
            refs[i] = own if own is not None and own.label != _PERSON else None
        else:
            refs[i] = ref


def _is_modifier(doc: Doc, first: int, end: int) -> bool:
    """A name followed by a common noun it qualifies: after a determiner, a lower-case word or a hyphen
    (`an Oscar nomination`, `shimmering Armani dress`, `the Bush-Cheney campaign`), or before a job
    title (`Linux strategy manager`, `Wales assistant coach`)."""
    if end >= len(doc) or first >= end:
        return False
    following = doc[end]
    if not following.text[:1].islower() or following.lower_ in _SPEECH_FORMS:
        return False
    before = doc[first - 1] if first > 0 else None
    if following.tag_ in {"NN", "NNS"} and before is not None and (
        before.text[:1].islower() or before.tag_ in {"DT", "PRP$", "POS", "HYPH"}
    ):
        return True
    for k in range(end, min(len(doc), end + 3)):
        if not doc[k].text[:1].islower() or doc[k].tag_ not in {"NN", "NNS", "JJ"}:
            return False
        if doc[k].lower_ in _PERSON_ROLES:
            return True
    return False


def _index_names(names: dict[str, _Ref], ref: _Ref, mention_texts: Iterable[str]) -> None:
    for mention_text in (ref.name, *mention_texts):
        names.setdefault(mention_text, ref)
    words = ref.name.split()
    if ref.label == _PERSON and len(words) > 1:
        surname_key = "surname:" + words[-1]
        previous = names.get(surname_key)
        if previous is None:
            names[surname_key] = ref
        elif previous != ref and previous.name[:1] != ref.name[:1]:
            names[surname_key] = _Ref("", "")  # ambiguous surname: never resolve by it
        # '"She is not handing over," Isla says': a given name only one person of the story has
        given_key = "given:" + words[0]
        if names.setdefault(given_key, ref) != ref:
            names[given_key] = _Ref("", "")


def _lookup_name(names: dict[str, _Ref], written: str) -> _Ref | None:
    words = _HONORIFICS.sub("", written).split()
    if not words:
        return None
    ref = names.get(written) or names.get(" ".join(words)) or names.get("surname:" + words[-1])
    if ref is None and len(words) == 1:
        ref = names.get("given:" + words[0])
    return ref if ref is not None and ref.name else None


def _token_at(ctx: _Context, offset: int) -> int:
    return max(0, bisect_right(ctx.starts, offset) - 1)


def _paragraph_of_token(ctx: _Context, i: int) -> int:
    return bisect_right(ctx.para_starts, ctx.starts[i]) - 1


def _ref_at(ctx: _Context, i: int) -> _Ref | None:
    ref = ctx.refs[i]
    if ref is None and i not in ctx.blanked:
        token = ctx.doc[i]
        if token.tag_ in {"NNP", "NNPS"} and token.text[:1].isupper():
            ref = _lookup_name(ctx.names, token.text)
        elif token.tag_ in {"NN", "NNS"} and token.text[:1].isupper() and (known := ctx.names.get(token.text)):
            # "Fosters said it was ...": a name the article gives elsewhere, which the tagger took for a noun
            ref = known if known.name else None
    return ref


def _next_paragraph_token(ctx: _Context, paragraph: int) -> int:
    following = paragraph + 1
    return ctx.para_first_token[following] if following < len(ctx.para_first_token) else len(ctx.doc) + 1
