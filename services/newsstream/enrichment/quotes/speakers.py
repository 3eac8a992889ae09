"""Choosing a speaker among tokens: the subject of a speech verb (`Kirby said`, `Kirby,
the minister, said`, `X and Y said`), the name after an inverted verb (`said Kirby`), the first person of a
stretch, possessors and objects that are not the speaker, and the author of a document that speaks
(`the report says`).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..speech import DOCUMENT_NOUNS, author_of, noun_phrase
from .names import _ref_at
from .references import (
    _is_age_noun, _is_demonym_role, _only_organisation_named, _person_pronoun, _recent, _role_attribution, _role_owned_by,
)
from .speech_verbs import _SPEECH_FORMS
from .state import _NOT_FOUND, _Attribution, _Context, _Ref
from .vocabulary import (
    _ABSTRACT_ENDINGS, _AGENT, _BE_FORMS, _DEFINITE_WORDS, _GROUP_PRONOUNS, _GROUP_ROLES, _HONORIFICS, _MAX_SEGMENTS,
    _MODIFIER_REACH, _NOT_SUBJECT_NOUNS, _NOUN_PHRASE_TAGS, _NP_STOP_TOKENS, _OBJECT_PREPOSITIONS, _OBJECT_REACH,
    _LEGISLATORS, _OBLIQUE, _OWNER_PREPOSITIONS, _PERSON, _PERSON_MEMORY_PARAGRAPHS, _PERSON_PRONOUNS, _PERSON_ROLES, _SEGMENT_REACH,
    _UNNAMED_PERSON_NOUNS,
)


def _is_object(ctx: _Context, i: int, ref: _Ref) -> bool:
    return _object_kind(ctx, i, ref) is not None


def _object_kind(ctx: _Context, i: int, ref: _Ref) -> str | None:
    """Whether a name is the object of a verb or preposition, maybe past a few modifiers, and so not
    its sentence's subject: `_AGENT` after a verb or a passive's `by` (`plays Hermione`, `dispatched by
    fellow American Robby Ginepri`), `_OBLIQUE` after another preposition (`Rooting for Staunton`,
    `in the shape of Emma Watson`: the subject only when the sentence names no other), None otherwise.
    A speech verb's name is its subject (`said Kirby`) and `according to X` is the source."""
    doc = ctx.doc
    refs = ctx.refs
    if _is_possessor(ctx, i, ref):
        return _OBLIQUE  # "Iron Maiden's Bruce Dickinson", but also "Ferguson's side won"
    while i > 0 and refs[i - 1] is ref:
        i -= 1
    k = i - 1
    while k >= 0 and i - k <= _MODIFIER_REACH:
        token = doc[k]
        lower = token.lower_
        if lower == "by" or (token.tag_.startswith("VB") and lower not in _BE_FORMS and lower not in _SPEECH_FORMS):
            return _AGENT
        if lower in _OBJECT_PREPOSITIONS and token.tag_ in {"IN", "TO"}:
            return None if lower == "to" and k > 0 and doc[k - 1].lower_ == "according" else _OBLIQUE
        demonym = refs[k] is not None and refs[k].label == "NORP"
        modifier = token.tag_ in {"JJ", "DT", "HYPH", "CD", "PRP$"} or (
            token.tag_ in {"NN", "NNP"} and (token.text[:1].islower() or demonym)
        ) or _HONORIFICS.match(token.text + " ") is not None  # "with Mr Cantalupo"
        if not modifier:
            return None
        k -= 1
    return None


def _subject_before(ctx: _Context, verb: int, lower: int, paragraph: int) -> _Attribution:
    """The subject of a speech verb: `Kirby said`, `Kirby, the minister, said`, `he told Interfax`,
    `Eric Abensur, Wanadoo's chief executive, told`."""
    doc = ctx.doc
    j = verb - 1
    while j >= lower and (doc[j].tag_ in {"RB", "MD"} or doc[j].lower_ in {"has", "had", "have", "did", "does"}):
        j -= 1
    if j >= lower and doc[j].tag_ == "CC":
        return _clause_subject(ctx, lower, j, paragraph)  # "the actress stopped to sign autographs and joked"
    segments = _segments_before(ctx, j + 1, lower)
    appositions = segments[1:]
    # "Kirby, the minister, said", "Dr John E. Kelly, IBM senior vice president, Technology and
    # Intellectual Property, said", "Christoph Caselitz, president of the division at the firm says":
    # a stretch that is nothing but a name heads the chain; names inside job titles do not.
    segments[0] = _without_owner(ctx, segments[0])
    if segments[0] and _first_person(ctx, segments[0]) is not None:
        return _subject_in(ctx, _first_conjunct(ctx, segments[0]), paragraph)
    for segment in appositions:
        named = _bare_name(ctx, segment)
        if named is not None:
            return _Attribution(True, named)
    if not segments[0]:
        if len(appositions) >= 2:
            person = _first_person(ctx, appositions[1]) or _first_person(ctx, appositions[0])
            if person is not None:
                return _Attribution(True, person)
            main = _pick_speaker(ctx, appositions[1], paragraph)
            return main if main.found else _pick_speaker(ctx, appositions[0], paragraph)
        return _subject_in(ctx, appositions[0], paragraph) if appositions else _NOT_FOUND
    if appositions:
        person = _first_person(ctx, appositions[0])  # "Eric Abensur, Wanadoo's chief executive told"
        if person is not None:
            return _Attribution(True, person)
    return _subject_in(ctx, segments[0], paragraph)


def _clause_subject(ctx: _Context, begin: int, end: int, paragraph: int) -> _Attribution:
    """The first subject-like words of a clause, in text order: a person named outside a prepositional
    phrase, a pronoun, `the 14-year-old`, `the Australian-born actress`."""
    doc = ctx.doc
    for i in range(begin, end):
        token = doc[i]
        ref = _ref_at(ctx, i)
        if ref is not None:
            if _is_demonym_role(ctx, i, ref):
                return _Attribution(True, _recent(ctx.memory.person, paragraph))
            if ref.label == _PERSON and not _is_object(ctx, i, ref):
                return _Attribution(True, ref)
        elif token.lower_ in _PERSON_PRONOUNS and token.tag_ == "PRP":
            return _Attribution(True, _person_pronoun(ctx, i, paragraph))
        elif (token.lower_ in _PERSON_ROLES or _is_age_noun(ctx, i)) and not _names_follow(ctx, i, end):
            return _role_attribution(ctx, i, [i], ctx.memory.person, paragraph)
    return _NOT_FOUND


def _first_conjunct(ctx: _Context, segment: list[int]) -> list[int]:
    """`chief executive William Harrison and chief operating officer James Dimon said`: people who speak
    together are attributed to the first named; the tokens from that person on (the segment is nearest first)."""
    for position, i in enumerate(segment):
        token = ctx.doc[i]
        if token.tag_ != "CC" or token.lower_ not in ("and", "&") or _first_person(ctx, segment[:position]) is None:
            continue
        for k in segment[position + 1:]:
            ref = _ref_at(ctx, k)
            if ref is not None and ref.label == _PERSON:
                return segment[position + 1:] if not _is_object(ctx, k, ref) else segment
            if ctx.doc[k].tag_ not in _NOUN_PHRASE_TAGS:
                break  # "Ferguson praised Rooney and Smith said": a clause before, not a second speaker
        return segment
    return segment


def _names_follow(ctx: _Context, i: int, end: int) -> bool:
    """`Producer Barry Weissler`: the role is a title before a name, which is the subject."""
    for k in range(i + 1, min(end, i + 3)):
        ref = _ref_at(ctx, k)
        if ref is not None and ref.label == _PERSON:
            return True
        if ctx.doc[k].lower_ not in _PERSON_ROLES:
            return False
    return False


def _without_owner(ctx: _Context, segment: list[int]) -> list[int]:
    """`a spokesman for the Bush-Cheney campaign said`: drop what follows `ROLE for|of|at|from`, whose
    names own the role and are not the speaker."""
    doc = ctx.doc
    nearest = _ref_at(ctx, segment[0]) if segment else None
    if nearest is not None and nearest.label == _PERSON:
        return segment  # "director of rugby Nigel Melville said": the name ends the phrase, it is the head
    for position in range(len(segment) - 1, 0, -1):  # text order: the segment is nearest first
        i = segment[position]
        if doc[i].lower_ in _PERSON_ROLES and doc[segment[position - 1]].lower_ in _OWNER_PREPOSITIONS:
            return segment[position:]
    return segment


def _bare_name(ctx: _Context, segment: list[int]) -> _Ref | None:
    """The person a stretch of tokens consists of (`Adam Jollans`, `Dr John E. Kelly`, `but Christoph
    Caselitz`), ignoring a leading conjunction, adverb or honorific; None when it holds other words."""
    person: _Ref | None = None
    for position, i in enumerate(reversed(segment)):  # text order
        token = ctx.doc[i]
        ref = _ref_at(ctx, i)
        if ref is not None and ref.label == _PERSON and (person is None or ref == person):
            person = ref
        elif person is None and (token.tag_ in {"CC", "RB", "IN"} or _HONORIFICS.match(token.text + " ")):
            continue
        elif token.text in {".", "'s", "’s"} or token.is_space:
            continue
        else:
            return None
    return person


def _is_np_stop(ctx: _Context, k: int) -> bool:
    """Punctuation that ends a noun phrase; a hyphen inside a word (`world-wide`, `UK-based`) does not."""
    token = ctx.doc[k]
    if token.text not in _NP_STOP_TOKENS:
        return False
    if token.text in {"-", "–"} and k > 0 and not ctx.doc[k - 1].whitespace_ and not token.whitespace_:
        return False
    return True


def _segments_before(ctx: _Context, end: int, lower: int) -> list[list[int]]:
    """Up to four comma-separated stretches of tokens before `end`, nearest first, each nearest first."""
    segments: list[list[int]] = [[]]
    k = end - 1
    while k >= lower:
        token = ctx.doc[k]
        if token.text == ",":
            if len(segments) == _MAX_SEGMENTS:
                break
            segments.append([])
        elif _is_np_stop(ctx, k) or token.lower_ == "that" or len(segments[-1]) >= _SEGMENT_REACH:
            break
        elif token.tag_ == "CC" and k + 1 < end and ctx.doc[k + 1].tag_[:2] in {"VB", "MD", "RB"}:
            break  # "... by Keegan but has since responded": a new clause, its subject is further back
        else:
            segments[-1].append(k)
        k -= 1
    while len(segments) > 1 and not segments[-1]:
        segments.pop()
    return segments


def _subject_in(ctx: _Context, indices: list[int], paragraph: int) -> _Attribution:
    """A subject that names nobody we know ("The lawsuit said") is still an attribution: to no one."""
    found = _pick_speaker(ctx, indices, paragraph)
    if found.found or not indices:
        return found
    nearest = ctx.doc[indices[0]]
    if nearest.tag_ == "NN" and nearest.lower_ not in _NOT_SUBJECT_NOUNS and nearest.lower_ not in DOCUMENT_NOUNS \
            and not nearest.lower_.endswith(_ABSTRACT_ENDINGS) and _is_definite(ctx, indices[0]):
        # "the former principal said": a definite description that speaks is someone the text has named
        return _Attribution(True, _recent(ctx.memory.person, paragraph))
    if nearest.tag_ in {"NN", "NNS", "NNP", "NNPS"} and nearest.lower_ not in _NOT_SUBJECT_NOUNS:
        return _Attribution(True, None)
    return found


def _is_definite(ctx: _Context, head: int) -> bool:
    """Whether a noun phrase's determiner is `the` or a possessive pronoun (on the parse, else the word before
    its modifiers)."""
    determiners = [child for child in ctx.syntax.children(head) if ctx.syntax.dep(child) in ("det", "poss")]
    if determiners:
        return all(ctx.doc[k].lower_ in ("the", "his", "her", "their") for k in determiners)
    k = head - 1
    while k >= 0 and ctx.doc[k].tag_ in {"JJ", "NN", "HYPH", "VBN"}:
        k -= 1
    return k >= 0 and ctx.doc[k].lower_ == "the"


def _speaker_after(ctx: _Context, begin: int, upper: int, paragraph: int, people_only: bool = False) -> _Attribution:
    """The speaker named after an inverted verb: `said Kirby`, `said the minister`, `according to X`."""
    doc = ctx.doc
    indices: list[int] = []
    k = begin
    limit = min(upper, begin + _OBJECT_REACH)
    while k < limit:
        token = doc[k]
        if _is_np_stop(ctx, k) or token.tag_ == "MD" or token.lower_ in {"that", "and", "but", "who"}:
            break
        indices.append(k)
        k += 1
    if people_only:
        person = _first_person(ctx, indices)
        return _Attribution(True, person) if person else _NOT_FOUND
    found = _pick_speaker(ctx, indices[::-1], paragraph)  # head noun last: "said the Lions coach"
    if found.ref is None and k < limit and doc[k].text == ",":
        # "said his wife, Sheila": the name follows in apposition.
        apposition: list[int] = []
        k += 1
        end = min(upper, k + _OBJECT_REACH)
        while k < end and not _is_np_stop(ctx, k):
            apposition.append(k)
            k += 1
        person = _first_person(ctx, apposition)
        if person is not None:
            return _Attribution(True, person)
    return found


def _first_person(ctx: _Context, indices: Sequence[int]) -> _Ref | None:
    for i in indices:
        ref = _ref_at(ctx, i)
        if ref is not None and ref.label == _PERSON and not _is_possessor(ctx, i, ref):
            return ref
    return None


def _is_possessor(ctx: _Context, i: int, ref: _Ref) -> bool:
    """`Iron Maiden's Bruce Dickinson`, `Smith's coach`: the owner is not the one speaking."""
    doc = ctx.doc
    while i + 1 < len(doc) and ctx.refs[i + 1] is ref:
        i += 1
    return i + 1 < len(doc) and doc[i + 1].text in {"'s", "’s", "'", "’"} and doc[i + 1].tag_ == "POS"


# Kinds of body that a name right before them identifies ("Broadcast magazine", "oil firm" aside).
_NAMED_BEFORE_KINDS = frozenset(
    "magazine newspaper paper broadcaster network firm company bank airline carrier retailer insurer lender "
    "operator band club team".split())


def _pick_speaker(ctx: _Context, indices: Sequence[int], paragraph: int) -> _Attribution:
    """Choose the speaker among tokens (ordered by preference): a person, else the nearest reference."""
    person = _first_person(ctx, indices)
    if person is not None:
        return _Attribution(True, person)
    doc = ctx.doc
    if indices and doc[indices[0]].tag_ in ("NN", "NNS"):
        # "UK-based analysts Ovum", "research consultancy Analysys": a kind noun, then the name that says which
        head = indices[0]
        following = [j for j in indices[1:] if j > head]
        if head + 1 < len(doc):
            following.append(head + 1)  # the parser may hang the name elsewhere ("analysts Ovum")
        named = next((ref for ref in map(lambda j: _ref_at(ctx, j), following) if ref is not None), None)
        if named is None and doc[head].lower_ in _NAMED_BEFORE_KINDS:
            # "Broadcast magazine said", "the Sun newspaper said": the name before the kind noun says which (not
            # "the Senate committee", which names the committee's parent)
            named = next((ref for j in indices[1:] if j < head and ctx.syntax.is_parsed(j)
                          and ctx.syntax.dep(j) == "compound" and (ref := _ref_at(ctx, j)) is not None
                          and ref.label != _PERSON), None)
        if named is not None:
            return _Attribution(True, named)
    for position, i in enumerate(indices):
        token = doc[i]
        lower = token.lower_
        ref = _ref_at(ctx, i)
        if ref is not None and ref.label == "NORP" and ctx.syntax.is_parsed(i) \
                and ctx.syntax.dep(i) in ("amod", "compound") and ctx.syntax.head(i) in indices \
                and doc[ctx.syntax.head(i)].tag_ == "NN":
            # "European outreach coordinator": a nationality describing one person, not the speaker ("Tory sources
            # said" is the group's words)
            continue
        if ref is not None and _is_demonym_role(ctx, i, ref):
            return _Attribution(True, _recent(ctx.memory.person, paragraph))  # "the Dutchman said"
        role = _role_owned_by(ctx, i, ref) if ref is not None else None
        if role is not None:
            return _role_attribution(ctx, role, indices, ctx.memory.person, paragraph)  # "a spokesman for Dell"
        if ref is not None:
            return _Attribution(True, ref)
        if lower in _LEGISLATORS and token.tag_.startswith("NN") \
                and not any(_ref_at(ctx, j) is not None for j in indices):
            # in a story about a committee's report, unnamed MPs or senators speak as the committee
            committee = _only_organisation_named(ctx, "committee")
            if committee is not None:
                return _Attribution(True, committee)  # "MPs say", "MPs called the programme ..."
        if lower in _PERSON_PRONOUNS:
            return _Attribution(True, _person_pronoun(ctx, i, paragraph))
        if lower in _GROUP_PRONOUNS:
            return _Attribution(True, _recent(ctx.memory.group, paragraph))
        if lower in _PERSON_ROLES or _is_age_noun(ctx, i) or lower in _UNNAMED_PERSON_NOUNS:
            return _role_attribution(ctx, i, indices, ctx.memory.person, paragraph)
        if lower in _GROUP_ROLES and token.tag_.startswith("NN"):
            return _role_attribution(ctx, i, indices, ctx.memory.group, paragraph)
        if lower in DOCUMENT_NOUNS and token.tag_.startswith("NN"):
            return _document_attribution(ctx, i, paragraph)
    return _NOT_FOUND


def _document_attribution(ctx: _Context, i: int, paragraph: int) -> _Attribution:
    """`the report says`: its author speaks, named by the report (`a report by X`, `X's review`) or, for
    `the report`, the organisation that spoke last."""
    author = author_of(ctx.doc, ctx.syntax, i)
    if author is not None:
        found = _pick_speaker(ctx, noun_phrase(ctx.doc, ctx.syntax, author), paragraph)
        if found.found:
            return found
    definite = any(ctx.doc[k].lower_ in _DEFINITE_WORDS for k in range(max(0, i - 3), i))
    if not definite:
        return _Attribution(True, None)
    return _Attribution(True, _earlier_document_author(ctx, i, paragraph) or _recent(ctx.memory.group, paragraph))


def _earlier_document_author(ctx: _Context, i: int, paragraph: int) -> _Ref | None:
    """`the report says` after `X, in a report published on Friday, said` or `a report by X`: the report is
    the one the text introduced last with its author, however far back (a story about a report goes on
    calling it `the report` to its end), and its author is who issued that one."""
    doc, syntax = ctx.doc, ctx.syntax
    for k in range(i - 1, -1, -1):
        if doc[k].lower_ != doc[i].lower_ or k in ctx.quoted:
            continue
        if not syntax.is_parsed(k):
            # "The committee's report makes 23 recommendations": a sentence with no quote or speech is not parsed;
            # its owner's possessive says whose report it is
            if k >= 2 and doc[k - 1].text in ("'s", "’s"):
                owner = _pick_speaker(ctx, [k - 2], paragraph)
                if owner.found and owner.ref is not None:
                    return owner.ref
            continue
        author = author_of(doc, syntax, k)
        if author is not None:
            found = _pick_speaker(ctx, noun_phrase(doc, syntax, author), paragraph)
            if found.found and found.ref is not None:
                return found.ref
            continue
        node = k
        for _ in range(4):  # "X, in a report ..., said": the subject of the clause the report hangs in
            head = syntax.head(node)
            if head == node:
                break
            node = head
            if doc[node].tag_.startswith("VB"):
                subject = next((c for c in syntax.children(node) if syntax.dep(c) in ("nsubj", "nsubjpass")), None)
                if subject is not None:
                    ref = next((r for r in map(lambda j: _ref_at(ctx, j), noun_phrase(doc, syntax, subject))
                                if r is not None and r.label != _PERSON), None)
                    if ref is not None:
                        return ref
                break
    return None
