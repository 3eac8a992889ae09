"""Pronoun and role resolution: who `he` or `she` is (the most recent person of the
discourse whose gender fits), who `the minister`, `the committee`, `the Dutchman` or `the 25-year-old`
points back to, the owner of a role (`a spokesman for Dell`), and the roles that name nobody.
"""

from __future__ import annotations

from collections.abc import Sequence

from .names import _next_paragraph_token, _ref_at
from .state import _UNNAMED, _Attribution, _Context, _Ref
from .vocabulary import (
    _DEFINITE_WORDS, _DEMONYM_ENDINGS, _FEMALE, _GROUP_ROLES, _INDEFINITE_WORDS, _MALE, _NP_STOP_TOKENS,
    _OWNER_PREPOSITIONS, _PERSON, _PERSON_MEMORY_PARAGRAPHS, _PERSON_ROLES, _ROLE_DETERMINER_REACH, _SPOKESPEOPLE,
    _UNNAMED_PERSON_NOUNS,
)

# What the names of bodies a story calls by their kind hold, beyond the kind word itself
_KIND_NAME_WORDS = {
    "regulator": ("regulat", "authority", "commission"),
    "watchdog": ("regulat", "authority", "commission", "ombudsman"),
    "panel": ("committee", "commission"),
    "inquiry": ("committee", "commission"),
    "subcommittee": ("committee",),
}
_NAMELESS_AFTER_OWNER = _SPOKESPEOPLE | {"official", "officials"}
_ROLE_REACH = 4  # tokens between a role noun and the name it introduces: "B.C.'s environment minister, Priya"


def _role_owned_by(ctx: _Context, i: int, ref: _Ref) -> int | None:
    """The person role an organisation or place qualifies (`a spokesman for Dell`, `the head of the
    FA`): its token, the speaker being that person and not the organisation."""
    doc = ctx.doc
    end = i
    while end + 1 < len(doc) and ctx.refs[end + 1] is ref:
        end += 1
    if end + 1 < len(doc) and doc[end + 1].lower_ in _NAMELESS_AFTER_OWNER \
            and (end + 2 >= len(doc) or doc[end + 2].tag_ not in ("NNP", "NNPS")):
        # "A Department of Health and Social Care spokesperson said": the parser may make the long name the
        # subject and the spokesperson its apposition; the name only says whose spokesperson it is
        return end + 1
    while i > 0 and ctx.refs[i - 1] is ref:
        i -= 1
    k = i - 1
    if k >= 0 and doc[k].lower_ == "the":
        k -= 1
    if k >= 1 and doc[k].lower_ in _OWNER_PREPOSITIONS and doc[k - 1].lower_ in _PERSON_ROLES:
        return k - 1
    return None


def _role_attribution(
    ctx: _Context, i: int, indices: Sequence[int], remembered: tuple[_Ref, int] | None, paragraph: int
) -> _Attribution:
    """`the minister said` points back to a named speaker; `a spokesman said`, `a spokesman for Dell`
    name nobody (an organisation speaks only as `a company statement` or `the firm said`)."""
    doc = ctx.doc
    if doc[i].lower_ in _SPOKESPEOPLE:
        return _Attribution(True, None, unnamed=True)  # "Mr Blair's spokesman said": nobody named speaks
    if paragraph == 0 and len(ctx.para_starts) > 1:
        named = _introduced_later(ctx, i)
        if named is not None:
            return _Attribution(True, named)  # a headline's "Minister accuses ...", "regulator finds ..."
    # Past the role's modifiers to its determiner: "the 74-year-old comedian", "the Lions coach".
    for k in range(i - 1, max(-1, i - _ROLE_DETERMINER_REACH), -1):
        word = doc[k].lower_
        if doc[k].text in _NP_STOP_TOKENS and doc[k].text not in {"-", "–"}:
            break
        if doc[k].tag_ in {"VBD", "VBZ", "VBP", "MD"}:
            break
        if word in _INDEFINITE_WORDS:
            if doc[i].lower_ in _PERSON_ROLES or doc[i].lower_ in _UNNAMED_PERSON_NOUNS:
                return _Attribution(True, None, unnamed=True)
            if paragraph <= 1 and doc[i].lower_ in _GROUP_ROLES:
                # a lede's "a House of Commons committee said": the body the story goes on to name
                named = _introduced_later(ctx, i, after=i + 1)
                if named is not None:
                    return _Attribution(True, named)
            group = next((r for r in map(lambda j: _ref_at(ctx, j), indices) if r is not None), None)
            return _Attribution(True, group)
        if word in _DEFINITE_WORDS:
            if doc[i].lower_ in _GROUP_ROLES:
                return _Attribution(True, _named_group(ctx, i, paragraph) or _recent(remembered, paragraph))
            if remembered is None and paragraph <= 1 and doc[i].lower_ in _PERSON_ROLES:
                # a lede's "its chairman", "Alberta's energy minister": nobody is named yet, so the role is
                # the person the story introduces with it ("Harrow chairman Sir Malcolm Tierney")
                return _Attribution(True, _introduced_later(ctx, i, after=i + 1))
            holder = _role_holder(ctx, i, paragraph) if doc[i].lower_ in _PERSON_ROLES else None
            recent = _recent(remembered, paragraph)
            if holder is None and recent is not None and recent in _others_in_sentence(ctx, i):
                # "Buhecha was called "..." by the sentencing judge", 'the judge said "... Buhecha caused ..."': the
                # person the sentence names is another than its role
                recent = None
            return _Attribution(True, holder or recent)
    return _Attribution(True, None)


def _others_in_sentence(ctx: _Context, role: int) -> frozenset[_Ref]:
    """The people the role's sentence names outside the role's own phrase ("the co-chairman, Liam Fox," is
    the co-chairman): before the role, or after it inside quote marks (a sentence the parser ran on past its
    end names people after the role who may be it)."""
    sentence = ctx.doc[role].sent if ctx.doc.has_annotation("SENT_START") else ctx.doc[:]
    return frozenset(ref for k in range(sentence.start, sentence.end)
                     if (ref := ctx.refs[k]) is not None and ref.label == _PERSON and not _under(ctx, k, role)
                     and (k < role or k in ctx.quoted))


def _under(ctx: _Context, k: int, ancestor: int) -> bool:
    syntax = ctx.syntax
    if not syntax.is_parsed(k):
        return False
    for _ in range(6):
        if k == ancestor:
            return True
        head = syntax.head(k)
        if head == k:
            return False
        k = head
    return k == ancestor


def _role_holder(ctx: _Context, role: int, paragraph: int) -> _Ref | None:
    """Who `the minister` is when the story has named people with that role: of them, the one mentioned last
    before it, as subject or not ("Energy Minister Derek Sandoval ... environment minister Priya Sandhu ...
    accused Mr Sandoval of ... the minister said"), rather than whoever spoke last."""
    holders = _people_named_with_role(ctx, ctx.doc[role].lower_, role)
    if not holders:
        return None
    floor = ctx.para_first_token[max(0, paragraph - _PERSON_MEMORY_PARAGRAPHS)]
    for k in range(role - 1, floor - 1, -1):
        if ctx.refs[k] in holders and k not in ctx.quoted:
            return ctx.refs[k]
    return None


_TITLE_TOKENS = frozenset({"Rt", "Rev", "Revd", "Dr", "Mr", "Mrs", "Ms", "Sir", "Dame", "Lord", "Lady", "Hon", "Prof",
                           "Cllr"})


def _people_named_with_role(ctx: _Context, word: str, before: int) -> set[_Ref]:
    """The people the text names, before token `before`, with the role `word` right before a mention ("Energy
    Minister Derek Sandoval", "B.C.'s environment minister, Priya Sandhu,") or in apposition after one
    ("Priya Sandhu, the environment minister,")."""
    doc, refs = ctx.doc, ctx.refs
    holders: set[_Ref] = set()
    for k in range(before):
        ref = refs[k]
        if ref is None or ref.label != _PERSON or (k > 0 and refs[k - 1] == ref) or k in ctx.quoted:
            continue
        if any(doc[j].lower_ == word for j in range(max(0, k - _ROLE_REACH), k)) and not any(
                refs[j] is not None for j in range(max(0, k - _ROLE_REACH), k)):
            holders.add(ref)
            continue
        j = k - 1
        while j >= 0 and (doc[j].text.rstrip(".") in _TITLE_TOKENS or doc[j].lower_ == "the"):
            j -= 1
        if j > 0 and doc[j].text == "," and any(doc[m].lower_ == word for m in range(max(0, j - _ROLE_REACH), j)):
            holders.add(ref)  # "The Bishop of Durham, the Rt Rev Dr Tom Wright,"
            continue
        end = k
        while end + 1 < len(doc) and refs[end + 1] == ref:
            end += 1
        if end + 1 < len(doc) and doc[end + 1].text == ",":
            apposition = range(end + 2, min(len(doc), end + 2 + _ROLE_REACH))
            for j in apposition:
                if doc[j].text in _NP_STOP_TOKENS or refs[j] is not None:
                    break
                if doc[j].lower_ == word:
                    holders.add(ref)
                    break
    return holders


def _introduced_later(ctx: _Context, role: int, after: int | None = None) -> _Ref | None:
    """Who a headline's (or a lede's) role noun is: the name the story puts right after that role ("Rail
    minister Callum Ashworth", "the regulator, Ofwat,"), or an organisation whose name holds it. A role with a
    modifier (`energy minister`) is first looked for with the same modifier."""
    doc = ctx.doc
    first = ctx.para_first_token[1] if after is None else after
    modifier = doc[role - 1].lower_ if role > 0 and doc[role - 1].tag_ in ("NN", "NNP", "JJ") else None
    if modifier is not None:
        found = _introduced_after(ctx, role, first, modifier)
        if found is not None:
            return found
    return _introduced_after(ctx, role, first, None)


def _introduced_after(ctx: _Context, role: int, first: int, modifier: str | None) -> _Ref | None:
    noun = ctx.doc[role].lower_
    person = noun in _PERSON_ROLES and noun not in _GROUP_ROLES  # a regulator is a body before a person
    for k in range(first, len(ctx.doc)):
        token = ctx.doc[k]
        if token.lower_ != noun or k in ctx.quoted or (modifier is not None and ctx.doc[k - 1].lower_ != modifier):
            ref = ctx.refs[k]
            if not person and ref is not None and ref.label != _PERSON and _names_kind(ref, noun.rstrip("s")):
                return ref
            continue
        for following in range(k + 1, min(len(ctx.doc), k + 5)):
            ref = ctx.refs[following]
            if ref is not None and (ref.label == _PERSON) == person:
                return ref
            if ctx.doc[following].text in {".", ";"}:
                break
    return None


def _named_group(ctx: _Context, role: int, paragraph: int) -> _Ref | None:
    """`the committee`, `the union`: the most recent organisation named before, within the memory's reach,
    whose name holds the role's noun (the Public Accounts Committee, the Cerro Alto Workers' Union); when
    none was named before, the first one named after it within that reach, as a lede describes what the
    story names later (`Norway's central bank kept its rate ...` then `Norges Bank said`); beyond that reach,
    the article's only organisation whose name holds it."""
    noun = ctx.doc[role].lower_.rstrip("s")
    floor = ctx.para_first_token[max(0, paragraph - _PERSON_MEMORY_PARAGRAPHS)]
    ceiling = min(len(ctx.doc), _next_paragraph_token(ctx, paragraph + _PERSON_MEMORY_PARAGRAPHS))
    before = range(role - 1, floor - 1, -1)
    after = range(role + 1, ceiling)
    for k in (*before, *after):
        ref = ctx.refs[k]
        if ref is not None and ref.label != _PERSON and (k < role or k not in ctx.quoted) \
                and _names_kind(ref, noun):
            return ref
    # Beyond that reach, the only organisation of the article whose name holds the noun (the one committee).
    return _only_organisation_named(ctx, noun)


def _names_kind(ref: _Ref, noun: str) -> bool:
    """Whether an organisation's name says it is what `noun` calls it: it holds the noun (the Public Accounts
    Committee is a committee) or a word that names that kind of body (the Water Services Regulation Authority
    is a regulator, the Senate Permanent Subcommittee on Investigations a panel)."""
    name = ref.name.casefold()
    return any(word in name for word in (noun, *_KIND_NAME_WORDS.get(noun, ())))


def _only_organisation_named(ctx: _Context, noun: str) -> _Ref | None:
    """The article's one non-person speaker whose name holds `noun`; None when it names none or several."""
    if ctx.organisations is None:
        ctx.organisations = frozenset(ref for ref in ctx.refs if ref is not None and ref.label != _PERSON)
    holders = [ref for ref in ctx.organisations if _names_kind(ref, noun)]
    return holders[0] if len(holders) == 1 else None


def _is_demonym_role(ctx: _Context, i: int, ref: _Ref) -> bool:
    """`the Dutchman`, `the 25-year-old Dubliner`, `the American`, `the 22-year-old Scot`: a person
    described by origin. A one-word PERSON after `the` is such a word too: nobody calls a person by
    name with an article."""
    doc = ctx.doc
    if i == 0 or (doc[i - 1].lower_ not in _DEFINITE_WORDS and not _is_age_noun(ctx, i - 1)):
        return False
    if doc[i].tag_ in ("NNPS", "NNS"):
        return False  # "the Conservatives insisted": a group, not one person described by origin
    if ref.label == "NORP":
        return True
    single = (i == 0 or ctx.refs[i - 1] is not ref) and (i + 1 >= len(doc) or ctx.refs[i + 1] is not ref)
    if single and ref.label == _PERSON and " " not in ref.name and doc[i - 1].lower_ not in {"'s", "’s"}:
        return True
    return single and doc[i].lower_.endswith(_DEMONYM_ENDINGS)


def _is_age_noun(ctx: _Context, i: int) -> bool:
    """`the 25-year-old said`."""
    doc = ctx.doc
    return doc[i].lower_ == "old" and i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ == "year"


def _person_pronoun(ctx: _Context, pronoun: int, paragraph: int, exclude: _Ref | None = None,
                   prefer: _Ref | None = None, named_inside: frozenset[_Ref] = frozenset()) -> _Ref | None:
    """Who `he` or `she` is: `prefer` (the interviewee of an interview) if its gender fits, else the most
    recent person of the discourse (at most three paragraphs back) whose gender is not known to differ (`Mr`,
    `Ms`, `spokeswoman`, `himself`, an earlier pronoun), and not one the quote itself names (`named_inside`:
    people speak of others by name, not of themselves). Resolving it is evidence of that person's gender for
    later pronouns."""
    wanted = _MALE if ctx.doc[pronoun].lower_ == "he" else _FEMALE
    if prefer is not None and prefer != exclude and ctx.genders.get(prefer.name, wanted) == wanted:
        ctx.genders[prefer.name] = wanted
        return prefer
    seen: set[_Ref] = set()
    for ref, at in reversed(ctx.memory.people):
        if paragraph - at > _PERSON_MEMORY_PARAGRAPHS:
            break
        if ref in seen or ref == exclude or ref in named_inside:
            continue
        seen.add(ref)
        if ref == _UNNAMED:
            return None  # "One woman told investigators ... "...," she said"
        gender = ctx.genders.get(ref.name)
        if gender == wanted:
            return ref
        if gender is None:
            ctx.genders[ref.name] = wanted
            return ref
    return _nearest_named(ctx, pronoun, paragraph, wanted, exclude, named_inside)


def _nearest_named(ctx: _Context, before: int, paragraph: int, wanted: str, exclude: _Ref | None,
                   named_inside: frozenset[_Ref] = frozenset()) -> _Ref | None:
    """The nearest person named before a pronoun, subject or not, whose gender fits: for a pronoun no subject
    of the discourse fits (`Pike met Ms Fournier. "...?" Pike asked. "...," she replied`)."""
    floor = ctx.para_first_token[max(0, paragraph - _PERSON_MEMORY_PARAGRAPHS)]
    for k in range(before - 1, floor - 1, -1):
        ref = ctx.refs[k]
        if ref is not None and ref.label == _PERSON and ref != exclude and ref not in named_inside and k not in ctx.quoted \
                and ctx.genders.get(ref.name, wanted) == wanted:
            return ref
    return None


def _recent(remembered: tuple[_Ref, int] | None, paragraph: int) -> _Ref | None:
    if remembered is None or paragraph - remembered[1] > _PERSON_MEMORY_PARAGRAPHS or remembered[0] == _UNNAMED:
        return None
    return remembered[0]
