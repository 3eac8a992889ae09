"""Speech cues on the dependency parse: which word reports a quote, and whose words it says they are.

Following BBC R&D's Citron, a quotation has three parts: the content (the quoted words), the cue (the word
that reports them: `said`, `told`, `called`, `according to`) and the source (who the cue says spoke). Given
the parse of a sentence (`syntax.Syntax`) and the token range of a quote, `cue_of_quote` finds the cue by
the sentence's structure:

- the quote's words hang below the cue: `Kirby said: "..."`, `"...," said Kirby`, `called the plan "absolutely
  rubbish"`, `said he was "deeply concerned"`, `described it as "a waste"`, `warned of "consequences"`;
- or the cue hangs below the quote: `"...," he said` parsed with the quote as the main clause, `According to
  X, "..."`.

and `source_of(cue)` its source: the cue's subject (`A told B` gives A), the agent of a passive (`was called
"..." by X`), the object of `according to` (the author of `a report by X`), or the subject of the clause the
cue hangs from when it has none of its own (`X hit back, saying "..."`, `X stood and said`, `X was quoted as
saying "..."`, `X, who called it "..."`). A source is a token, the head of its noun phrase: naming the speaker
(an entity, a pronoun, a role) is `quotes`' job. This module reads only the parse and the words.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass

from spacy.tokens import Doc

from .syntax import Syntax

# Forms of verbs that report speech, or frame a quoted fragment as someone's words.
_SPEECH_VERBS = (
    "say tell add warn explain insist claim argue announce comment admit reply concede quip joke complain boast "
    "tweet confirm reveal declare stress emphasise emphasize write state note continue describe respond ask "
    "acknowledge suggest predict urge conclude recall remark observe maintain allege vow promise answer retort "
    "call brand dub label term accuse deny dismiss condemn criticise criticize attack slam blast praise welcome "
    "hail reject describe quote cite counter protest plead demand question caution add reiterate laugh mock "
    "shout cry sigh scream whisper mutter recount testify pledge rule find"
)
_IRREGULAR = {
    "say": ("said", "says", "saying"), "tell": ("told", "tells", "telling"),
    "write": ("wrote", "writes", "writing", "written"), "reply": ("replied", "replies", "replying"),
    "admit": ("admitted", "admits", "admitting"), "quip": ("quipped", "quips", "quipping"),
    "dub": ("dubbed", "dubs", "dubbing"), "label": ("labelled", "labeled", "labels", "labelling", "labeling"),
    "deny": ("denied", "denies", "denying"), "cry": ("cried", "cries", "crying"),
    "testify": ("testified", "testifies", "testifying"), "plead": ("pleaded", "pled", "pleads", "pleading"),
    "question": ("questioned", "questions", "questioning"), "counter": ("countered", "counters", "countering"),
    "find": ("found", "finds", "finding"),
}


def _forms(verbs: str) -> frozenset[str]:
    forms: set[str] = set()
    for verb in verbs.split():
        forms.add(verb)
        if verb in _IRREGULAR:
            forms.update(_IRREGULAR[verb])
            continue
        stem = verb[:-1] if verb.endswith("e") else verb
        forms.update({verb + "s", stem + "ed", stem + "ing"})
        if verb.endswith(("ss", "sh", "ch")):
            forms.add(verb + "es")
        if verb.endswith("y") and verb[-2] not in "aeiou":
            forms.update({verb[:-1] + "ies", verb[:-1] + "ied"})
        if len(verb) >= 3 and verb[-1] in "tpgm" and verb[-2] in "aeiou" and verb[-3] not in "aeiou":
            forms.update({verb + verb[-1] + "ed", verb + verb[-1] + "ing"})
    return frozenset(forms)


SPEECH_FORMS = _forms(_SPEECH_VERBS)
# Verbs that report speech only with their particle right after them ("hit back", "pointed out"): form -> particle.
PHRASAL_SPEECH_FORMS = {
    **dict.fromkeys(("hit", "hits", "hitting"), "back"),
    **dict.fromkeys(("point", "points", "pointed", "pointing", "spell", "spells", "spelled", "spelt", "spelling"),
                    "out"),
}
_DISOWNING_FORMS = _forms("reject deny dismiss rebut refute counter deride ridicule")
# Nouns that report someone's words: `a claim by Peter Hain that ... "attack mongrel"`, `Labour claims he
# used her as a "human shield"`. Their source is their author: a `by` or `from` phrase, a possessor, a name
# before them.
SPEECH_NOUNS = frozenset(
    "claim claims comment comments remark remarks accusation accusations allegation allegations warning warnings "
    "description jibe jibes statement statements words pledge pledges promise promises criticism criticisms "
    "charge charges suggestion suggestions assertion assertions admission complaint complaints message "
    "speech testimony insistence boast boasts threat threats appeal plea".split()
)
# Nouns of documents: `the report says`, `a report by X`, `according to a study from X`: the author speaks.
DOCUMENT_NOUNS = frozenset(
    "report study survey statement letter paper review analysis document website findings research poll "
    "audit submission memo memorandum email e-mail note blog lawsuit suit case indictment ruling judgment "
    "judgement verdict filing petition complaint writ prospectus".split()
)
# Participles after a document noun whose agent wrote it: "a report published by X" (not "commissioned by").
_AUTHORED = frozenset("published written issued released produced prepared compiled conducted authored".split())
# Verbs whose subject answers someone else: the speaker is not the one who spoke last.
REPLY_FORMS = _forms("reply respond answer retort counter")
# The subject of a passive of these is the speaker: `he was quoted as saying`.
_QUOTED_PASSIVES = frozenset({"quoted", "reported", "heard", "recorded"})
# Active verbs of reporting someone else's words: `X quoted Y as saying` (Y speaks).
_QUOTING_FORMS = frozenset({"quoted", "quotes", "quote", "cited", "cites", "cite"})

_SUBJECTS = frozenset({"nsubj", "csubj", "expl"})
_PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
# Relations through which a cue without a subject of its own takes the subject of the word it hangs from.
_INHERITING = frozenset({"conj", "xcomp", "advcl", "pcomp", "prep", "ccomp", "acl"})
_MAX_CLIMB = 6
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})  # dependency steps from a quote up to its cue, and from a cue up to a subject


@dataclass(frozen=True, slots=True)
class _Quoted:
    """The tokens a cue or source may not be: this quote's words and those of every other quote."""

    first: int
    end: int
    elsewhere: Container[int]

    def __contains__(self, i: object) -> bool:
        return isinstance(i, int) and (self.first <= i < self.end or i in self.elsewhere)


@dataclass(frozen=True, slots=True)
class Cue:
    """The word that reports a quote, and the head token of its source (None: the cue names none, as in
    `the plan was called "a shambles"`)."""

    token: int
    source: int | None

    def is_reply(self, doc: Doc) -> bool:
        return doc[self.token].lower_ in REPLY_FORMS or (
            doc[self.token].lower_ == "hit" and self.token + 1 < len(doc) and doc[self.token + 1].lower_ == "back")


def is_speech_word(doc: Doc, syntax: Syntax, i: int) -> bool:
    """Whether token i reports speech: a speech verb used as a verb (not `said to be`), or `according (to)`."""
    token = doc[i]
    lower = token.lower_
    if lower == "according":
        return i + 1 < len(doc) and doc[i + 1].lower_ == "to"
    if lower in PHRASAL_SPEECH_FORMS:  # "hit back", "pointed out", "spelled out"
        return i + 1 < len(doc) and doc[i + 1].lower_ == PHRASAL_SPEECH_FORMS[lower]
    if lower not in SPEECH_FORMS or not token.tag_.startswith("VB") or syntax.dep(i) == "amod":
        return False  # "the so-called ..."
    if i + 1 < len(doc) and doc[i + 1].lower_ == "to" and syntax.dep(i + 1) in ("aux", "xcomp", ""):
        return False  # "continued to rise", "is said to be"
    return True


def cue_of_quote(doc: Doc, syntax: Syntax, first: int, end: int, quoted: Container[int] = ()) -> Cue | None:
    """The speech cue of the quote whose words are tokens [first, end), found on the parse; None when the
    parse links no speech word to the quote (or the quote's sentence was not parsed). Tokens in `quoted`
    (the words of every quote of the text) are never a cue or a source: they are somebody's words."""
    inside = range(first, end)
    if not len(inside) or not any(syntax.is_parsed(i) for i in inside):
        return None
    quote = _Quoted(first, end, quoted)
    # the quote's words whose heads are outside it, or the sentence's root when the quote holds it
    roots = [i for i in inside if syntax.is_parsed(i) and (not first <= syntax.head(i) < end or syntax.head(i) == i)]
    for root in roots:  # the cue governs the quote
        cue = _cue_above(doc, syntax, root, quote)
        if cue is not None:
            return cue
    for root in roots:  # the cue hangs from the quote: `"...," he said` parsed the other way round
        for child in syntax.children(root):
            if child not in quote:
                cue = _cue_below(doc, syntax, child, quote)
                if cue is not None:
                    return cue
    return None


def is_listed_term(doc: Doc, syntax: Syntax, first: int, end: int) -> bool:
    """Whether quoted words are a noun phrase listed with other noun phrases (`a "transparency mechanism" and
    "reciprocal commitments"`, `transparency measures and "reciprocal commitments"`): terms the writer
    marks, not words the cue reports."""
    for root in (i for i in range(first, end) if syntax.is_parsed(i) and not first <= syntax.head(i) < end):
        if not doc[root].tag_.startswith("NN"):
            continue
        if syntax.dep(root) == "conj" and doc[syntax.head(root)].tag_.startswith("NN"):
            return True
        if any(syntax.dep(child) == "conj" and doc[child].tag_.startswith("NN") for child in syntax.children(root)):
            return True
    return False


# Verbs that frame words as a name, a description or a charge in the passive too: `the plan was called "a
# shambles"`, `he is accused of "directing"`.
_NAMING_FORMS = _forms("call brand dub label term describe quote accuse")


def _is_passive_act(doc: Doc, syntax: Syntax, verb: int) -> bool:
    """`the employees had been dismissed and that it had "cooperated fully"`: a speech verb in the passive with
    no agent, other than one that names (`was called "..."`), reports an act, not the quote's words; the cue is
    further up."""
    if doc[verb].lower_ in _NAMING_FORMS or doc[verb].lower_ in _QUOTED_PASSIVES:
        return False
    children = syntax.children(verb)
    passive = any(syntax.dep(child) in ("auxpass", *_PASSIVE_SUBJECTS) for child in children)
    agent = any(syntax.dep(child) == "agent" for child in children)
    return passive and not agent


def _cue_above(doc: Doc, syntax: Syntax, root: int, quote: Container[int]) -> Cue | None:
    """A speech word among the quote's ancestors, or hanging beside one of them (`"...," he said, "..."`
    parsed with the second part as the main clause and `said` as an aside)."""
    node = root
    for _ in range(_MAX_CLIMB):
        head = syntax.head(node)
        if head == node:
            return None
        node = head
        if node not in quote:
            if is_speech_word(doc, syntax, node) and not _is_passive_act(doc, syntax, node):
                return _outermost_speech(doc, syntax, Cue(node, source_of(doc, syntax, node, quote)), quote)
            if doc[node].lower_ in SPEECH_NOUNS and doc[node].tag_.startswith("NN"):
                author = author_of(doc, syntax, node, quote)
                if author is not None or _disowned(doc, syntax, node):
                    return Cue(node, author)
                continue  # "He pledged ..., with a promise to ...": the promise is the subject's
            if doc[node].lower_ == "to" and node > 0 and doc[node - 1].lower_ == "according":
                return Cue(node - 1, source_of(doc, syntax, node - 1, quote))
        for child in syntax.children(node):
            if syntax.dep(child) == "parataxis" and child not in quote and is_speech_word(doc, syntax, child):
                return Cue(child, source_of(doc, syntax, child, quote))
    return None


def _outermost_speech(doc: Doc, syntax: Syntax, cue: Cue, quote: Container[int]) -> Cue:
    """The cue of the speech verb whose reported clause holds `cue`'s, as far up as one goes: in `Callister said
    the board's minutes told "a very different story"` and `Tanoa added that the committee had found "no
    credible evidence"`, the quoted words are what the one who said it said."""
    # Not through joined clauses: the parser joins a reported clause and the next one too readily ('said that
    # they would vote against it, and the Bloc has called the pipeline "..."').
    for _ in range(_MAX_CLIMB):
        outer = syntax.head(cue.token)
        if outer == cue.token or outer in quote or syntax.dep(cue.token) != "ccomp" \
                or not is_speech_word(doc, syntax, outer):
            break
        source = source_of(doc, syntax, outer, quote)
        if source is None:
            break
        cue = Cue(outer, source)
    return cue


def _disowned(doc: Doc, syntax: Syntax, noun: int) -> bool:
    """`He rejected claims that ...`: the words are somebody else's, whom the text does not name."""
    return doc[syntax.head(noun)].lower_ in _DISOWNING_FORMS


def _cue_below(doc: Doc, syntax: Syntax, child: int, quote: Container[int]) -> Cue | None:
    if is_speech_word(doc, syntax, child):
        return Cue(child, source_of(doc, syntax, child, quote))
    # "According to X" hangs as a prepositional phrase; "as X put it" as an adverbial clause.
    for grandchild in syntax.children(child):
        if is_speech_word(doc, syntax, grandchild) and doc[grandchild].lower_ == "according":
            return Cue(grandchild, source_of(doc, syntax, grandchild, quote))
    return None


def source_of(doc: Doc, syntax: Syntax, cue: int, quote: Container[int] = ()) -> int | None:
    """The head token of the cue's source, or None when the sentence names none. Words of the quote itself
    (`quote`) are never its source: `declaring "today Brent South, ..."` parses the quote as the subject."""
    if doc[cue].lower_ == "according":
        return _according_source(doc, syntax, cue)
    quoted_one = _quoted_as_saying(doc, syntax, cue, quote)
    if quoted_one is not None:
        return quoted_one
    node = cue
    for _ in range(_MAX_CLIMB):
        children = [child for child in syntax.children(node) if child not in quote]
        agent = next((c for c in children if syntax.dep(c) == "agent"), None)
        if agent is not None:
            return _object_of(syntax, agent)
        # Of two subjects the parser gives one verb, the one next to it ('Border IT system "...", MPs say')
        subject = min((c for c in children if syntax.dep(c) in _SUBJECTS), key=lambda c: abs(c - node), default=None)
        if subject is not None:
            if doc[subject].lower_ in _RELATIVE_PRONOUNS and syntax.dep(node) == "relcl":
                return syntax.head(node)  # "Gallagher, who describes herself as ...": the antecedent
            return subject
        passive = next((c for c in children if syntax.dep(c) in _PASSIVE_SUBJECTS), None)
        if passive is not None:
            return passive if doc[node].lower_ in _QUOTED_PASSIVES else None
        relation = syntax.dep(node)
        head = syntax.head(node)
        if head == node:
            return None
        if relation == "advcl" and any(syntax.dep(c) == "mark" for c in children):
            # "His comments come as the co-chairman ..., Liam Fox, on Saturday called him ...": a clause with its
            # own conjunction has its own subject, even one the parser did not attach; not the main clause's
            return None
        if relation == "relcl":  # "the minister, who said ...": the antecedent
            return head
        if relation == "acl" and (doc[head].lower_ in SPEECH_NOUNS or doc[head].lower_ in DOCUMENT_NOUNS):
            return _issuer(doc, syntax, head, quote)  # "X issued a statement calling Davis "an icon""
        if relation not in _INHERITING:
            return None
        node = head
    return None


def _quoted_as_saying(doc: Doc, syntax: Syntax, cue: int, quote: Container[int]) -> int | None:
    """`the agency quoted X as saying`, `Reuters cited one trader as saying`: the words are X's, not the
    reporter's; the object of the active verb is the source."""
    if doc[cue].lower_ not in _QUOTING_FORMS or syntax.dep(cue) == "auxpass":
        return None
    children = [child for child in syntax.children(cue) if child not in quote]
    speaking = any(doc[child].lower_ == "as" and any(doc[grand].lower_ in SPEECH_FORMS for grand in syntax.children(child))
                   for child in children)
    return next((child for child in children if syntax.dep(child) == "dobj"), None) if speaking else None


def _issuer(doc: Doc, syntax: Syntax, noun: int, quote: Container[int]) -> int | None:
    """Whose statement or report it is: its author (`a statement by X`), or the subject of the verb that has it
    as object (`X issued a statement`)."""
    author = author_of(doc, syntax, noun, quote)
    if author is not None or syntax.dep(noun) != "dobj":
        return author
    verb = syntax.head(noun)
    return next((c for c in syntax.children(verb) if syntax.dep(c) in _SUBJECTS and c not in quote), None)


def _according_source(doc: Doc, syntax: Syntax, according: int) -> int | None:
    """`according to X`: X; `according to a report by X` / `from X` / `X's report`: X."""
    to = next((c for c in syntax.children(according) if doc[c].lower_ == "to"), None)
    if to is None and according + 1 < len(doc) and doc[according + 1].lower_ == "to":
        to = according + 1
    if to is None:
        return None
    source = _object_of(syntax, to)
    if source is None:
        return None
    return author_of(doc, syntax, source) if doc[source].lower_ in DOCUMENT_NOUNS else source


def author_of(doc: Doc, syntax: Syntax, noun: int, quote: Container[int] = ()) -> int | None:
    """Who a speech or document noun is by: `by X`, `from X`, `X's claim`, `Labour claims`; None when the
    text does not say."""
    children = [child for child in syntax.children(noun) if child not in quote]
    # "a report by X", "a report published by X" (a study "commissioned by X" is someone else's)
    participles = [child for child in children if syntax.dep(child) == "acl" and doc[child].lower_ in _AUTHORED]
    for child in children + [grandchild for p in participles for grandchild in syntax.children(p)]:
        if doc[child].lower_ in ("by", "from") and syntax.dep(child) in ("prep", "agent"):
            found = _object_of(syntax, child)
            if found is not None:
                return found
    for child in children:
        if syntax.dep(child) == "poss" or (syntax.dep(child) == "compound" and doc[child].tag_ in ("NNP", "NNPS")):
            return child
    return None


def _object_of(syntax: Syntax, preposition: int) -> int | None:
    return next((c for c in syntax.children(preposition) if syntax.dep(c) == "pobj"), None)


def speech_cues_in(doc: Doc, syntax: Syntax, start: int, end: int) -> list[Cue]:
    """Speech cues of narration in tokens [start, end) (`Smith said the team ...`): each speech word that heads
    its clause and names a source."""
    cues = []
    for i in range(start, end):
        if syntax.is_parsed(i) and is_speech_word(doc, syntax, i) and doc[i].lower_ != "according":
            source = source_of(doc, syntax, i)
            if source is not None:
                cues.append(Cue(i, source))
    return cues


def noun_phrase(doc: Doc, syntax: Syntax, head: int) -> list[int]:
    """The head and the words that name it with it (compounds, flat names, titles, appositions' heads),
    nearest first: where to look for the name of a source."""
    found = [head]
    for child in syntax.children(head):
        if syntax.dep(child) in ("compound", "flat", "appos", "nmod", "poss", "amod"):
            found.append(child)
    nearest_first = sorted(found, key=lambda i: abs(i - head))
    if doc[head].tag_ in ("NN", "NNS") and doc[head].text[:1].islower():
        # "Nortel president and chief executive Bill Owens": the parser coordinates the roles and leaves the
        # name as the last conjunct; it names who holds them
        nearest_first += [child for child in syntax.children(head)
                          if syntax.dep(child) == "conj" and doc[child].tag_ in ("NNP", "NNPS")]
    return nearest_first
