"""Direct quotes and who said them.

`extract_quotes(doc, entities)` finds the quoted statements of an article and links each one to the
canonical name of its speaker. It reads token tags, the canonical entities and the parse of the sentences
that may report speech (`syntax.syntax_of(doc)`, set by the pipeline's `newsstream_speech_parser`). All work is
one linear pass over the quote marks of the text plus one pass over the tokens; every search for an
attribution looks at a bounded number of tokens or dependency steps.

How a speaker is found, first to last:
- Transcripts (`transcripts.py`): in an interview written as `Q:`/`A:` or as names or initials before a
  colon, every turn is a quote of its prefix's person.
- The parse (`speech.py`): the speech cue linked to the quote's words and its source (the subject of
  `said`, `A` of `A told B`, `X` of `according to X` or of `a claim by X`), named as below.
- Without a cue on the parse, the window heuristics further down (`_after_quote`, `_before_quote`): a speech
  verb and the subject next to the quote in its sentence.
- A paragraph or line that opens with only a name before its quote (match reports), or a headline's quote
  before a colon and a name.
- The discourse: a statement continued from the previous quote, the subject the narration made current, the
  most recent attribution.
A source is named: an entity's canonical name; `he`/`she` the most recent person of the discourse whose gender
the text does not contradict (the interviewee first in a written-up interview, not whoever asked when it
answers a question); a role (`the minister`, `the committee`, `the report`) the person or organisation it
points back to, or, in a headline, the one the story introduces with it; nobody for `a spokesman`,
`one woman`, `critics`.

Decisions on the marks and the window heuristics (documented because an earlier issue asked for them):

- Quote marks: straight `"`, curly `“ ”`, low `„` and a doubled apostrophe `''` are double marks; any
  double mark can close a quote any other opened (scraped text mixes them). Whether a straight mark
  opens or closes is decided from its neighbours (space before and a word after opens; a word or
  punctuation before and space/punctuation after closes). Single marks (`‘ ’ '`) are never quote
  boundaries, so apostrophes (don’t, Nato’s) and a quote inside a quote never end the outer quote.
  British-style outer single quotes are therefore not extracted.
- Quotes never cross a paragraph ("\\n\\n"). A quote that is still open at the end of its paragraph
  is kept only when the next paragraph opens a quote again (the typesetting convention for a
  statement running over paragraphs); otherwise the mark was stray and is dropped, so an unbalanced
  mark costs at most its own paragraph. A continued statement yields ONE QUOTE PER PARAGRAPH PART (a
  Quote has one contiguous span); the later parts get the speaker of the first. The same holds inside
  one paragraph when an opening mark appears where a closing one was expected
  (`... comes. "As long as ...`, which is how merged paragraphs look).
- A quote split by its attribution (`"I think," he said, "that we will win."`) is TWO quotes with the
  same speaker.
- The quote text excludes the marks, surrounding spaces and a trailing `,` `;` `:` (the comma before
  `he said` belongs to the sentence around the quote); a final `.`, `?` or `!` is kept.
- Not statements: a quoted span whose words are all capitalised (small words like "of", "the" aside),
  which is a title or a name ("Million Dollar Baby", "Longhorn"); and a span of fewer than four words
  unless it is shaped like an utterance (ends in `, . ! ?` inside the marks or follows a `:`) AND an
  attribution is found right next to it (`"Absolutely," said Blair.`). So "transparency mechanism",
  "limited", a nickname, are not quotes.
- Speaker search, in this order: (1) right after the quote in the same sentence (`"...," Kirby said`,
  `"...," said Kirby`, `"...," he told Interfax`, `"...," according to X`); not used after a quote
  ending in `.` unless the next word is lower case; (2) before it in the same sentence, back to the
  previous quote (`Kirby said: "..."`, `Grushko described it as "..."`, `The US said ... and "..."`);
  (3) for a quote with no attribution of its own, the speaker of the previous quote when it continues
  the same statement (same paragraph, or a continued paragraph); (4) else the nearest preceding
  attribution ("X said ..." or a quote's speaker) within the two previous paragraphs; (5) else None.
  An attribution that names nobody (`a spokesman said`) gives None and stops the search.
- Speech verbs: strong ones (say, tell, add, warn, insist, claim, ...) also count in narration, so
  "Smith said the team ..." is an attribution that later pronouns and quote-only paragraphs can use;
  weak ones (describe, note, continue, believe, ...) count only in a quote's own sentence; a few
  (agreed, laughed) only right after the quote. A verb followed by "to" or in the passive is not one.
- `he`/`she`/`the minister`/`the 25-year-old`/`the Dutchman` resolve to the current person subject: the most recent
  quote speaker, speech-verb subject or first PERSON of a sentence outside quotes, whichever came
  last (PERSON mentions inside quotes do not count), if it is at most three paragraphs back.
  `it`/`they`/`the company` resolve the same way to the most recent organisation or country.
- Speaker names are the canonical `Entity.name` of the mention; a name the model found (or a proper
  noun) that no entity covers is looked up by mention text and surname among the entities, and
  otherwise reported as written (minus an honorific such as "Mr").
- Names are cleaned before use: a job title or sentence-initial speech verb the model took into a
  name is dropped (`Wales physio Mark Davies` -> `Mark Davies`, `Said Wales` -> `Wales`); a one-word
  PERSON is the full name it ends when the article has one (full names sharing surname and first
  initial count as one person); a PERSON qualifying a noun (`an Oscar nomination`, `Linux strategy
  manager`) is nobody; `the 22-year-old Scot` is a description, like `the Dutchman`.
- Choosing among names: a person is preferred to an organisation or place for a speech verb; in
  `Name, title, title, said` the stretch that is only a name wins over names inside the titles; a
  possessor (`Iron Maiden's Bruce Dickinson`) and the owner of a role (`a spokesman for Dell`) are
  not the speaker, and an indefinite person role names nobody (the speaker is None); after
  `according to a report by X` the speaker is X. A person named after a verb or a passive's `by` is
  not a sentence subject for later pronouns; one after another preposition only until the sentence
  names another. `... and joked:` takes the subject of its clause.
- A quote with no attribution of its own in the same sentence as the previous quote shares its
  speaker; a quote-only sentence after a narration sentence that made a new person its subject in
  the same paragraph (`US coach X wants ... "..."`) is that person's. An unclosed statement that
  runs into `He added: "` ends at its last sentence. `"Also," he said` (a capitalised word ending in
  `,` `!` `?` inside its marks) is a quote when the attribution follows it. A short verbless phrase
  after or starting with an article, with no attribution (`its reputation as "an island of
  democracy"`), is not a quote.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..errors import EnrichmentError
from .given_names import FEMALE, MALE, gender_of_given_name
from .records import Entity, Quote
from .speech import DOCUMENT_NOUNS, Cue, author_of, cue_of_quote, is_listed_term, noun_phrase, source_of
from .syntax import Syntax, syntax_of
from .transcripts import INTRODUCTION_PARAGRAPHS, interview_roles, transcript_turns

_PERSON = "PERSON"
_SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})

# Double quote marks and paragraph breaks: the only places the scanner stops at.
_MARKS = re.compile(r"[\"“”„]|''|\n[ \t\r\f\v]*\n")
_OPENING_ONLY = frozenset("“„")
_CLOSING_ONLY = frozenset("”")
_BEFORE_OPENING = frozenset("([{—–-:/")
_AFTER_CLOSING = frozenset(".,;:!?)]}—–-'’…")
_SENTENCE_BREAK = re.compile(r"[.!?…]['’]?\s+(?=[A-Z])")
_ATTRIBUTION_TAIL_WORDS = 8
_ATTRIBUTION_TAIL_CHARS = 120
_SENTENCE_FINAL = re.compile(r"[.!?…]['’]*$")
_UTTERANCE_END = frozenset(",.!?…—–-;")
_TRAILING_TRIM = " \t\r\n,;:"
_MIN_STATEMENT_WORDS = 4
_NAMING_PHRASE_WORDS = 5
_ARTICLES = frozenset({"a", "an", "the"})
_TITLE_SMALL_WORDS = frozenset(
    "a an and as at but by de del for from in into la le nor of on or the to van von with".split()
)

_SENTENCE_END_TOKENS = frozenset({".", "!", "?", "…"})
_NP_STOP_TOKENS = frozenset({",", ".", ";", ":", "!", "?", "(", ")", "—", "–", "-", "\"", "“", "”", "''"})
_BE_FORMS = frozenset({"is", "was", "were", "are", "be", "been", "being", "'s", "am"})

# Window sizes in tokens. They bound the work per quote and keep attributions local.
_AFTER_WINDOW = 14
_BEFORE_WINDOW = 45
_SEGMENT_REACH = 10
_NOUN_PHRASE_TAGS = frozenset({"NNP", "NNPS", "NN", "NNS", "JJ", "DT", "POS", "HYPH", "CD", "PRP$"})
_MAX_SEGMENTS = 4
_OBJECT_REACH = 8
_APPOSITIVE_REACH = 30
_PERSON_MEMORY_PARAGRAPHS = 3
_FALLBACK_PARAGRAPHS = 2


# Verbs that introduce reported speech. The strong ones almost always do, so the forward pass also
# learns indirect attributions ("Smith said the team ...") from them; the weak ones count only right
# next to a quote ('"...," he continued.').
_STRONG_SPEECH_VERBS = (
    "say tell add warn explain insist claim argue announce comment admit reply concede quip joke complain "
    "boast tweet"
)
_WEAK_SPEECH_VERBS = (
    "confirm reveal declare stress emphasise emphasize write state note continue describe respond ask "
    "acknowledge suggest predict urge conclude recall remark "
    "observe maintain allege vow promise believe feel reckon report"
)
_IRREGULAR_FORMS = {
    "say": ["said", "says", "saying"],
    "tell": ["told", "tells", "telling"],
    "write": ["wrote", "writes", "writing", "written"],
    "reply": ["replied", "replies", "replying"],
    "admit": ["admitted", "admits", "admitting"],
    "quip": ["quipped", "quips", "quipping"],
    "feel": ["feels", "felt"],
}


def _verb_forms(verbs: str) -> frozenset[str]:
    forms: set[str] = set()
    for verb in verbs.split():
        if verb in _IRREGULAR_FORMS:
            forms.update(_IRREGULAR_FORMS[verb])
            continue
        stem = verb[:-1] if verb.endswith("e") else verb
        forms.update({verb + "s", stem + "ed", stem + "ing"})
        if verb.endswith(("ss", "sh")):
            forms.add(verb + "es")
    return frozenset(forms)


_STRONG_SPEECH_FORMS = _verb_forms(_STRONG_SPEECH_VERBS)
_SPEECH_FORMS = _STRONG_SPEECH_FORMS | _verb_forms(_WEAK_SPEECH_VERBS)
# Verbs of speaking that count only right after a quote ('"...," agreed Mr Morgenstern.'); before a
# quote they are too often something else ("if Poland and Romania agree and ...").
_AFTER_QUOTE_ONLY_FORMS = frozenset(
    "agreed agrees laughed laughs smiled smiles sighed shouted cried".split()
)
# Forms the small tagger sometimes tags as nouns or adjectives; they are attributions regardless.
_UNAMBIGUOUS_SPEECH = frozenset({"said", "says", "told", "added", "adds", "insisted", "explained", "admitted"})

_INVERSION_MARKS = frozenset({",", "\"", "”", "''"})
_PUT_IT_FOLLOWERS = frozenset({":", ",", ".", "\"", "“"})
_PERSON_PRONOUNS = frozenset({"he", "she"})
_GROUP_PRONOUNS = frozenset({"it", "they"})
_PERSON_ROLES = frozenset(
    """minister spokesman spokeswoman spokesperson president chairman chairwoman chair chief coach manager
    boss official secretary director star actor actress singer player striker captain executive chancellor
    leader ambassador senator judge governor mayor premier envoy diplomat general commander officer
    analyst expert professor author writer producer founder head editor lawyer owner midfielder defender
    forward winger keeper goalkeeper skipper champion athlete rider driver batsman bowler sprinter
    hurdler runner presenter host comedian musician rapper frontman vocalist guitarist band-mate
    veteran teenager prop lock hooker flanker fly-half scrum-half full-back centre wing spinner
    wicketkeeper all-rounder dj designer developer researcher analyst campaigner chief-executive physio
    physiotherapist doctor selector agent consultant olympian paralympian mp mep msp congressman
    congresswoman councillor peer principal governor-general treasurer economist strategist investor
    shareholder banker trader broker regulator prosecutor barrister solicitor auditor inspector
    commissioner ombudsman chairperson deputy vice-president""".split()
)
_GROUP_ROLES = frozenset(
    "company firm club group government organisation organization council union party ministry "
    "department agency corporation federation association board league body committee bank court "
    "commission regulator watchdog inquiry panel tribunal authority institute trust charity alliance "
    "coalition campaign airline carrier retailer insurer lender operator team side network broadcaster "
    "newspaper magazine university school hospital".split()
)
# Who speaks for someone else, unnamed unless the text gives a name beside them ("his spokesman, John Smith").
_SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen"})
# People the text does not name, as subjects: "One woman told investigators", "a shopper said".
_UNNAMED_PERSON_NOUNS = frozenset(
    "man woman boy girl resident residents shopper customer voter passenger worker fan witness neighbour "
    "neighbor mother father parent pensioner patient student teacher nurse farmer driver source insider "
    "observer critic colleague friend relative member".split()
)
_OBJECT_PREPOSITIONS = frozenset(
    "for with against to of from over than behind under like alongside at in on into about after before "
    "during between among towards toward".split()
)
_MODIFIER_REACH = 4
_ROLE_DETERMINER_REACH = 8
_OWNER_PREPOSITIONS = frozenset({"for", "of", "at", "from"})
_AGENT = "agent"
_OBLIQUE = "oblique"
_DEFINITE_WORDS = frozenset({"the", "his", "her", "their", "its", "'s", "’s"})
_INDEFINITE_WORDS = frozenset({"a", "an", "one", "another"})
# Nouns that end a phrase before a speech verb without being its subject ("in a statement said").
_NOT_SUBJECT_NOUNS = frozenset({"statement", "interview", "week", "weekend", "day", "year", "month", "time"})
# Nouns of things, not people: "the legislation says", "the agreement states".
_ABSTRACT_ENDINGS = ("tion", "sion", "ment", "ness", "ity", "ance", "ence", "ure", "ism", "ship", "ery", "ing")
_DEMONYM_ENDINGS = ("man", "woman", "er", "ian", "ese")
_NAME_PUNCTUATION = " .,;:'’\"“”"
_MALE, _FEMALE = MALE, FEMALE
_GENDERED_TITLES = {
    "mr": _MALE, "sir": _MALE, "lord": _MALE, "mister": _MALE, "monsieur": _MALE, "herr": _MALE,
    "mrs": _FEMALE, "ms": _FEMALE, "miss": _FEMALE, "dame": _FEMALE, "lady": _FEMALE, "madame": _FEMALE,
    "mme": _FEMALE, "baroness": _FEMALE, "spokeswoman": _FEMALE, "chairwoman": _FEMALE, "actress": _FEMALE,
    "businesswoman": _FEMALE, "spokesman": _MALE, "chairman": _MALE, "businessman": _MALE,
}
_SUBJECT_PRONOUN_GENDER = {"himself": _MALE, "herself": _FEMALE}
_HONORIFICS = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Prof)\.?\s+")


@dataclass(frozen=True, slots=True)
class _Ref:
    """A speaker candidate: a canonical name and its entity label."""

    name: str
    label: str


@dataclass(slots=True)
class _Candidate:
    """A quoted span found by the mark scanner."""

    start: int
    end: int
    open_mark: int  # char offset of the opening mark
    after_close: int  # char offset just after the closing mark (paragraph end when unclosed)
    closed: bool
    continues: bool  # continues the statement of the previous candidate
    paragraph: int
    utterance_shaped: bool
    ends_with_period: bool
    words: int
    ends_sentence: bool  # closed, and the quoted text ends with . ! or ?
    title_like: bool = False  # shaped like a title ("Also,"): a statement only with its own attribution
    fragment: bool = False  # a few words inside a sentence: a quote only when the sentence attributes them


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
    memory: _Memory = field(default_factory=_Memory)
    verdicts: dict[int, _Attribution] = field(default_factory=dict)  # speech verb token -> its subject


def extract_quotes(doc: Doc, entities: Sequence[Entity]) -> list[Quote]:
    """The direct quotes of `doc`, in text order, each with its speaker's canonical entity name."""
    if not isinstance(doc, Doc):
        raise EnrichmentError(f"extract_quotes needs a spaCy Doc, got {type(doc).__name__}")
    text = doc.text
    if not text or len(doc) == 0:
        return []
    para_starts = _paragraph_starts(text)
    turns = transcript_turns(text, para_starts, entities)
    candidates = [c for c in _scan_candidates(text, para_starts)
                  if _may_be_statement(text, c) and not any(t.start <= c.start < t.end for t in turns)]
    quotes = [Quote(text[turn.start:turn.end], turn.start, turn.end, turn.speaker) for turn in turns]
    if candidates:
        ctx = _build_context(doc, para_starts, entities)
        for candidate in candidates:
            first = bisect_left(ctx.starts, candidate.start)
            ctx.quoted.update(range(first, bisect_left(ctx.starts, candidate.end)))
        ctx.genders = _genders(ctx)
        ctx.interviewee = _interviewee(text, para_starts, entities)
        quotes += _attribute(ctx, candidates)
    return sorted(quotes, key=lambda quote: quote.start)


# --- Scanning the quote marks -------------------------------------------------------------------


def _paragraph_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in _MARKS.finditer(text) if m.group()[0] == "\n")
    return starts


def _mark_shape(text: str, start: int, end: int) -> tuple[bool, bool]:
    """(can open, can close) judged from the characters around a mark."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    can_open = (before.isspace() or before in _BEFORE_OPENING) and not after.isspace()
    can_close = not before.isspace() and (after.isspace() or after in _AFTER_CLOSING or after in "\"“”")
    return can_open, can_close


def _scan_candidates(text: str, para_starts: list[int]) -> list[_Candidate]:
    found: list[_Candidate] = []
    paragraph = 0
    open_at = -1  # offset just after the current opening mark, -1 when no quote is open
    open_mark = -1
    continues = False
    for match in _MARKS.finditer(text):
        mark = match.group()
        start, end = match.span()
        if mark[0] == "\n":
            continued = _opens_with_quote(text, end)
            if open_at >= 0 and continued:
                _add_candidate(found, text, open_at, open_mark, start, start, False, continues, paragraph)
            continues = open_at >= 0 and continued
            open_at = -1
            paragraph += 1
            continue
        can_open, can_close = _mark_shape(text, start, end)
        if mark in _OPENING_ONLY:
            opens = not (can_close and not can_open and open_at >= 0)
        elif mark in _CLOSING_ONLY:
            opens = can_open and not can_close and open_at < 0
        elif can_open != can_close:
            opens = can_open
        elif can_open:  # both shapes: alternate
            opens = open_at < 0
        elif open_at >= 0 and text[start - 1 : start].isspace() and text[open_at:start].rstrip()[-1:] in _UTTERANCE_END:
            opens = False  # 'industry, " Eric said': a closing mark typed after a space
        else:
            continue  # a mark between two spaces or inside a word (12" pizza): not a boundary
        if opens:
            if open_at >= 0:
                # Still open: an opening mark after a finished sentence continues the statement.
                split = _attribution_split(text, open_at, start)
                if _SENTENCE_FINAL.search(text[open_at:start].rstrip()):
                    _add_candidate(found, text, open_at, open_mark, start, start, False, continues, paragraph)
                    continues = True
                elif split is not None:
                    # '"... not properly promoted. He added: "The whole world ...': the writer never
                    # closed the statement; it ends where the attribution of the next one begins.
                    _add_candidate(found, text, open_at, open_mark, split, split, False, continues, paragraph)
                    continues = False
                else:
                    continues = False
            open_at, open_mark = end, start
        elif open_at >= 0:
            _add_candidate(found, text, open_at, open_mark, start, end, True, continues, paragraph)
            open_at, continues = -1, False
    return found


def _attribution_split(text: str, begin: int, end: int) -> int | None:
    """In an unclosed quote running into `He added: "`, the offset just after its last sentence."""
    if not text[begin:end].rstrip().endswith(":"):
        return None
    window = max(begin, end - _ATTRIBUTION_TAIL_CHARS)
    last = None
    for last in _SENTENCE_BREAK.finditer(text, window, end):
        pass
    if last is None or len(text[last.end() : end].split()) > _ATTRIBUTION_TAIL_WORDS:
        return None
    return last.start() + 1


def _opens_with_quote(text: str, offset: int) -> bool:
    while offset < len(text) and text[offset] in " \t":
        offset += 1
    return text.startswith(("\"", "“", "„", "''"), offset)


def _add_candidate(
    found: list[_Candidate],
    text: str,
    open_at: int,
    open_mark: int,
    close_mark: int,
    after_close: int,
    closed: bool,
    continues: bool,
    paragraph: int,
) -> None:
    inner = text[open_at:close_mark]
    stripped = inner.rstrip()
    if not stripped.strip():
        return
    start = open_at + (len(inner) - len(inner.lstrip()))
    trimmed = inner.rstrip(_TRAILING_TRIM)
    end = open_at + len(trimmed)
    if end <= start:
        return
    before = text[max(0, open_mark - 3) : open_mark].rstrip()
    found.append(
        _Candidate(
            start=start,
            end=end,
            open_mark=open_mark,
            after_close=after_close,
            closed=closed,
            continues=continues,
            paragraph=paragraph,
            utterance_shaped=stripped[-1] in _UTTERANCE_END or before.endswith((":", ",")),
            ends_with_period=stripped.endswith("."),
            words=len(text[start:end].split()),
            ends_sentence=closed and _SENTENCE_FINAL.search(stripped) is not None,
        )
    )


def _may_be_statement(text: str, candidate: _Candidate) -> bool:
    """Drop titles, names and scare quotes before looking for speakers (they also do not bound windows).
    A capitalised span ending in `,` `!` `?` inside its marks may still be an utterance (`"Also," he
    said`); it stays, marked, and counts only with an attribution right after it."""
    if not _is_title_or_name(text[candidate.start : candidate.end]):
        candidate.fragment = candidate.words < _MIN_STATEMENT_WORDS and not candidate.utterance_shaped
        return True
    inner = text[candidate.start : candidate.after_close].rstrip(" \t\"“”„'")
    candidate.title_like = candidate.closed and inner[-1:] in {",", "!", "?"}
    return candidate.title_like


def _is_title_or_name(quoted: str) -> bool:
    """True for "Million Dollar Baby", "Longhorn", "Next Generation Secure Computing Base"."""
    words = quoted.rstrip(".!?,;: ").split()
    if not words or len(words) > 12:
        return False
    capitalised = 0
    for word in words:
        letter = next((ch for ch in word if ch.isalpha()), None)
        if letter is None:
            continue
        if letter.isupper():
            capitalised += 1
        elif word.lower() not in _TITLE_SMALL_WORDS:
            return False
    return capitalised > 0


# --- Entities and tokens ----------------------------------------------------------------------


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
    for entity, ref in zip(speakers, speaker_refs):
        for mention in entity.mentions:
            if 0 <= mention.start < mention.end <= len(text):
                first = max(0, bisect_right(starts, mention.start) - 1)
                own = _shared_surname_owner(surnames, full_name_starts, ref, mention.start)
                _fill_mention(doc, refs, names, blanked, first, bisect_left(starts, mention.end), own)
    for ent in doc.ents:
        uncovered = all(refs[i] is None and i not in blanked for i in range(ent.start, ent.end))
        if ent.label_ in _SPEAKER_LABELS and uncovered:
            written = _HONORIFICS.sub("", _name_without_role(ent.text.strip(_NAME_PUNCTUATION), ent.label_))
            ref = _lookup_name(names, written) or _canonical(surnames, _Ref(written, ent.label_))
            _fill_mention(doc, refs, names, blanked, ent.start, ent.end, ref)
    para_first_token = [bisect_left(starts, offset) for offset in para_starts]
    return _Context(doc, text, starts, para_starts, para_first_token, refs, names, blanked, syntax_of(doc))


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


def _full_name_starts(speakers: Sequence[Entity], refs: Sequence[_Ref]) -> dict[_Ref, list[int]]:
    """Where each person is named in full (two words or more), in text order."""
    found: dict[_Ref, list[int]] = {}
    for entity, ref in zip(speakers, refs):
        if ref.label == _PERSON and " " in ref.name:
            found.setdefault(ref, []).extend(m.start for m in entity.mentions if len(m.text.split()) > 1)
    return {ref: sorted(positions) for ref, positions in found.items()}


def _shared_surname_owner(surnames: dict[str, list[_Ref]], full_name_starts: dict[_Ref, list[int]], ref: _Ref,
                          at: int) -> _Ref:
    """`Mr Howard` in a story naming both Michael and John Howard: the one of them named in full last
    before this mention (as a reader takes it); the surname itself when none was named yet."""
    owners = surnames.get(ref.name, []) if ref.label == _PERSON and " " not in ref.name else []
    if len(owners) < 2:
        return ref
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


def _lookup_name(names: dict[str, _Ref], written: str) -> _Ref | None:
    words = _HONORIFICS.sub("", written).split()
    if not words:
        return None
    ref = names.get(written) or names.get(" ".join(words)) or names.get("surname:" + words[-1])
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
    return ref


def _is_speech_verb(ctx: _Context, i: int) -> bool:
    token = ctx.doc[i]
    lower = token.lower_
    if lower == "put":  # "As Gavin Cox put it: ..."
        following = ctx.doc[i + 1 : i + 3]
        return len(following) == 2 and following[0].lower_ == "it" and following[1].text in _PUT_IT_FOLLOWERS
    if lower not in _SPEECH_FORMS:
        return False
    if not token.tag_.startswith("VB") and lower not in _UNAMBIGUOUS_SPEECH:
        return False
    if i + 1 < len(ctx.doc) and ctx.doc[i + 1].lower_ == "to":
        return False  # "continued to increase", "promised to refrain", "said to be"
    if token.tag_ == "VBN" and i > 0 and ctx.doc[i - 1].lower_ in _BE_FORMS:
        return False  # passive: "was told", "is described"
    return True


def _according_to_begin(ctx: _Context, according: int, upper: int) -> int:
    """Where the source after `according to` is named: after `by` in `according to a report (published)
    by Analysys`, the author and not the document."""
    begin = according + 2
    for k in range(begin, min(upper, begin + _OBJECT_REACH)):
        if _is_np_stop(ctx, k):
            break
        if ctx.doc[k].lower_ == "by":
            return k + 1
    return begin


def _is_according_to(ctx: _Context, i: int) -> bool:
    return ctx.doc[i].lower_ == "according" and i + 1 < len(ctx.doc) and ctx.doc[i + 1].lower_ == "to"


# --- Attribution ----------------------------------------------------------------------------------


def _attribute(ctx: _Context, candidates: list[_Candidate]) -> list[Quote]:
    quotes: list[Quote] = []
    memory = ctx.memory
    previous: _Previous | None = None
    token = 0
    paragraph = 0
    n = len(ctx.doc)
    spans = [(_token_at(ctx, c.open_mark), _token_at(ctx, max(c.open_mark, c.after_close - 1))) for c in candidates]
    for index, candidate in enumerate(candidates):
        open_token, close_token = spans[index]
        token, paragraph = _remember_until(ctx, token, open_token, paragraph)
        lower = spans[index - 1][1] + 1 if index else 0
        upper = spans[index + 1][0] if index + 1 < len(spans) else n
        sentence_start = _sentence_start(ctx, open_token, max(lower, ctx.para_first_token[candidate.paragraph]))
        cue = _parsed_cue(ctx, candidate, open_token, close_token)
        if cue is not None:
            attribution = _cue_attribution(ctx, cue, candidate, previous, close_token, upper)
        else:
            attribution = _after_quote(ctx, candidate, close_token, upper)
            if not attribution.found and not candidate.title_like:
                attribution = _before_quote(ctx, open_token, sentence_start)
        if not attribution.found and not candidate.fragment:
            attribution = _lead_in_name(ctx, candidate, open_token)
        if not attribution.found:
            attribution = _name_after_colon(ctx, candidate)
        if not attribution.found and previous is not None and _same_sentence(ctx, previous, candidate, open_token):
            attribution = _Attribution(True, previous.speaker)  # 'X said she "threw it" in an "angry" attack'
        quote_only = not _has_words(ctx, sentence_start, open_token) and not _words_after(
            ctx, candidate, close_token, upper
        )
        if _is_statement(ctx, candidate, attribution, open_token, close_token, cue):
            speaker = _choose_speaker(ctx, candidate, attribution, previous, quote_only)
            if speaker == _UNNAMED:
                speaker, attribution = None, _Attribution(True, None, unnamed=True)
            quotes.append(Quote(ctx.text[candidate.start : candidate.end], candidate.start, candidate.end,
                                speaker.name if speaker else None))
            if speaker is not None:
                _remember_speaker(memory, speaker, candidate.paragraph, close_token)
            elif attribution.unnamed:
                _remember_speaker(memory, _UNNAMED, candidate.paragraph, close_token)
            if not candidate.fragment:
                # A fragment is words borrowed inside a sentence about them ('Labour claims he used her as a
                # "human shield"'), not the statement that a following quote-only sentence continues.
                previous = _Previous(candidate, speaker, close_token)
                memory.attribution = (speaker, candidate.paragraph)
                memory.attribution_at = close_token
        token = max(token, close_token + 1)
        if candidate.ends_sentence:
            _start_sentence(memory, token)
        else:
            memory.floor = token
    return quotes


def _quote_tokens(ctx: _Context, candidate: _Candidate) -> tuple[int, int]:
    """The token range [first, end) of the quote's words (between its marks)."""
    first = _token_at(ctx, candidate.start)
    if ctx.starts[first] < candidate.start:
        first += 1
    return first, _token_at(ctx, candidate.end - 1) + 1


def _lead_in_name(ctx: _Context, candidate: _Candidate, open_token: int) -> _Attribution:
    """`- Bolton boss Sam Allardyce "I am bitterly disappointed ..."`, `Sam Allardyce: "..."`: a paragraph
    or line that opens with nothing but a name before its quote, as match reports and briefings print
    reactions."""
    line_start = ctx.text.rfind("\n", 0, candidate.open_mark) + 1
    begin = max(ctx.para_first_token[candidate.paragraph], bisect_left(ctx.starts, line_start))
    lead = [k for k in range(begin, open_token) if not ctx.doc[k].is_space and not ctx.doc[k].is_punct]
    if not lead or len(lead) > _SEGMENT_REACH or any(ctx.doc[k].tag_[:2] in {"VB", "MD"} for k in lead):
        return _NOT_FOUND
    ref = _ref_at(ctx, lead[-1])
    if ref is None or ref.label == _PERSON and _is_possessor(ctx, lead[-1], ref):
        return _NOT_FOUND
    return _Attribution(True, ref)


def _name_after_colon(ctx: _Context, candidate: _Candidate) -> _Attribution:
    """`"I still see that ball": Lucía Ferreyra on the final`: a headline's quote, then its speaker."""
    after = re.match(r"[ \t]*:[ \t]*", ctx.text[candidate.after_close:candidate.after_close + 5])
    if not candidate.closed or after is None:
        return _NOT_FOUND
    first = bisect_left(ctx.starts, candidate.after_close + after.end())
    ref = _ref_at(ctx, first) if first < len(ctx.doc) else None
    return _Attribution(True, ref) if ref is not None and ref.label == _PERSON else _NOT_FOUND


def _parsed_cue(ctx: _Context, candidate: _Candidate, open_token: int, close_token: int) -> Cue | None:
    """The speech cue the parse links to the quote's words."""
    return cue_of_quote(ctx.doc, ctx.syntax, *_quote_tokens(ctx, candidate), ctx.quoted)


def _cue_attribution(ctx: _Context, cue: Cue, candidate: _Candidate, previous: _Previous | None,
                     close_token: int, upper: int) -> _Attribution:
    """Who the cue's source is: a named entity, a pronoun or role resolved against the discourse, or nobody
    named (`a spokesman said`, `critics called it`)."""
    if cue.source is None:
        if candidate.closed and 0 < cue.token - close_token <= 2:
            # '"...," said Jurgen den Hartog': a name the parser did not make the subject of the verb
            return _speaker_after(ctx, cue.token + 1, upper, candidate.paragraph)
        return _Attribution(True, None)
    paragraph = candidate.paragraph
    source = ctx.doc[cue.source]
    answering = previous is not None and (cue.is_reply(ctx.doc) or ctx.text[
        previous.candidate.start:previous.candidate.end].rstrip().endswith("?"))
    if source.lower_ in _PERSON_PRONOUNS:
        # '"Will you resign?" Doe asked. "No," he replied': whoever answers is not who asked. In an interview,
        # what "she said" is the interviewee's unless the text has shown otherwise.
        exclude = previous.speaker if answering and previous is not None else None
        question = ctx.text[candidate.start:candidate.end].rstrip().endswith("?")
        prefer = ctx.interviewee if not question else None
        return _Attribution(True, _person_pronoun(ctx, cue.source, paragraph, exclude, prefer))
    found = _source_attribution(ctx, cue.source, paragraph)
    if found.found and found.ref is None and not found.unnamed and _is_bare_proper_name(ctx, cue.source):
        # '"I didn't have a clue," said Idowu': a name the model did not recognise is still a name
        return _Attribution(True, _Ref(_written_name(ctx, cue.source), _PERSON))
    return found if found.found else _Attribution(True, None)


def _source_attribution(ctx: _Context, source: int, paragraph: int) -> _Attribution:
    """Who the parse's source of a speech verb names."""
    phrase = noun_phrase(ctx.doc, ctx.syntax, source)
    found = _subject_in(ctx, phrase, paragraph)
    if found.ref is not None and found.ref.label == _PERSON and phrase:
        # the parser often hangs a coordinated first speaker elsewhere ("X and chief operating officer Y said")
        nearest = _segments_before(ctx, max(phrase) + 1, max(0, min(phrase) - _SEGMENT_REACH))[0]
        first = _first_conjunct(ctx, nearest)
        if first is not nearest:
            return _subject_in(ctx, first, paragraph)
    return found


def _is_bare_proper_name(ctx: _Context, head: int) -> bool:
    """A capitalised proper noun with no determiner, possessor or role: a name, as the text writes it."""
    doc, syntax = ctx.doc, ctx.syntax
    token = doc[head]
    if token.tag_ not in ("NNP", "NNPS") or not token.text[:1].isupper() or head in ctx.blanked:
        return False
    if token.lower_ in _PERSON_ROLES or token.lower_ in _GROUP_ROLES or token.lower_ in DOCUMENT_NOUNS:
        return False
    return not any(syntax.dep(child) in ("det", "poss") for child in syntax.children(head))


def _written_name(ctx: _Context, head: int) -> str:
    """The proper nouns that end with `head` ("Phillips Idowu", "Idowu"), without a title."""
    doc = ctx.doc
    first = head
    while first > 0 and doc[first - 1].tag_ in ("NNP", "NNPS") and doc[first - 1].text[:1].isupper() \
            and ctx.syntax.dep(first - 1) in ("compound", "flat"):
        first -= 1
    return _HONORIFICS.sub("", doc[first:head + 1].text)


def _same_sentence(ctx: _Context, previous: _Previous, candidate: _Candidate, open_token: int) -> bool:
    """Whether the candidate follows the previous quote in the same sentence of narration."""
    earlier = previous.candidate
    if earlier.paragraph != candidate.paragraph or earlier.ends_sentence or not earlier.closed:
        return False
    doc = ctx.doc
    return not any(doc[k].text in _SENTENCE_END_TOKENS for k in range(previous.close_token + 1, open_token))


def _is_statement(ctx: _Context, candidate: _Candidate, attribution: _Attribution, open_token: int,
                  close_token: int, cue: Cue | None) -> bool:
    if candidate.title_like:
        return attribution.found and attribution.ref is not None
    if candidate.fragment:
        # 'called the plan "absolutely rubbish"', 'said he was "deeply concerned"': the parse links the words
        # to a speech cue; a scare quote or a term in the writer's voice has none.
        return cue is not None and not is_listed_term(ctx.doc, ctx.syntax, *_quote_tokens(ctx, candidate))
    short = candidate.words <= _NAMING_PHRASE_WORDS
    if not attribution.found and short and _is_naming_phrase(ctx, open_token, close_token):
        return False  # 'its reputation as "an island of democracy"', 'coined the term "the R&J effect"'
    if candidate.words >= _MIN_STATEMENT_WORDS:
        return True
    return candidate.utterance_shaped and attribution.found and attribution.ref is not None


def _is_naming_phrase(ctx: _Context, open_token: int, close_token: int) -> bool:
    """A quoted noun phrase without a verb that starts with, or follows, an article."""
    doc = ctx.doc
    inside = range(open_token + 1, min(close_token, len(doc)))
    if not inside or any(doc[k].tag_[:2] in {"VB", "MD"} for k in inside):
        return False
    return doc[inside[0]].lower_ in _ARTICLES or (open_token > 0 and doc[open_token - 1].lower_ in _ARTICLES)


def _choose_speaker(
    ctx: _Context,
    candidate: _Candidate,
    attribution: _Attribution,
    previous: _Previous | None,
    quote_only: bool,
) -> _Ref | None:
    if attribution.found:
        return attribution.ref
    if not quote_only:
        return None  # a quote woven into narration without an attribution verb: not ours to guess
    if previous is not None and candidate.continues:
        return previous.speaker
    newer_person = _newer_subject(ctx, candidate)
    if previous is not None and previous.candidate.paragraph == candidate.paragraph:
        # "...," said Nadal. US coach Patrick McEnroe wants Roddick to ... "I think ...": a new subject
        # named between two quotes of a paragraph introduces the second.
        if newer_person is not None and ctx.memory.person_at > previous.close_token:
            return newer_person
        return previous.speaker
    remembered = ctx.memory.attribution
    if newer_person is not None and ctx.memory.person_at > ctx.memory.attribution_at:
        return newer_person
    if remembered is not None and candidate.paragraph - remembered[1] <= _FALLBACK_PARAGRAPHS:
        return remembered[0]
    return None


def _newer_subject(ctx: _Context, candidate: _Candidate) -> _Ref | None:
    """The person the narration made its subject last, if in the quote's own paragraph."""
    person = ctx.memory.person
    if person is None or person[1] != candidate.paragraph:
        return None
    return person[0]


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
                if kind != _AGENT:
                    _remember_mention(memory, ref, paragraph, token, tentative=kind == _OBLIQUE)
            elif doc[token].lower_ in _PERSON_PRONOUNS and doc[token].tag_ == "PRP":
                # "He was sacked by Keegan": the subject is still "he"
                memory.sentence_has_person, memory.person_tentative = True, False
            elif doc[token].lower_ in _STRONG_SPEECH_FORMS and _is_speech_verb(ctx, token):
                _remember_indirect_attribution(ctx, token, paragraph)
        token += 1
    while token >= next_para_token and next_para_token < len(doc):
        paragraph += 1
        _start_sentence(memory, token)
        next_para_token = _next_paragraph_token(ctx, paragraph)
    return token, paragraph


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


def _next_paragraph_token(ctx: _Context, paragraph: int) -> int:
    following = paragraph + 1
    return ctx.para_first_token[following] if following < len(ctx.para_first_token) else len(ctx.doc) + 1


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


def _after_quote(ctx: _Context, candidate: _Candidate, close_token: int, upper: int) -> _Attribution:
    if not candidate.closed:
        return _NOT_FOUND
    doc = ctx.doc
    i = _token_at(ctx, candidate.after_close)
    if i <= close_token or ctx.starts[i] < candidate.after_close:
        i = close_token + 1
    upper = min(upper, _next_paragraph_token(ctx, candidate.paragraph), len(doc), i + _AFTER_WINDOW)
    while i < upper and doc[i].text in {",", "—", "–", "-"}:
        i += 1
    if i >= upper:
        return _NOT_FOUND
    if candidate.ends_with_period and not doc[i].text[:1].islower():
        return _NOT_FOUND
    first = i
    for k in range(first, upper):
        if doc[k].text in _SENTENCE_END_TOKENS:
            break
        if _is_according_to(ctx, k):
            return _speaker_after(ctx, _according_to_begin(ctx, k, upper), upper, candidate.paragraph)
        if _is_speech_verb(ctx, k) or (doc[k].lower_ in _AFTER_QUOTE_ONLY_FORMS and doc[k].tag_.startswith("VB")):
            if k == first:
                return _speaker_after(ctx, k + 1, upper, candidate.paragraph)
            return _subject_before(ctx, k, first, candidate.paragraph)
    return _NOT_FOUND


def _sentence_start(ctx: _Context, open_token: int, lower: int) -> int:
    """The first token of the sentence holding the opening mark, not before `lower`."""
    doc = ctx.doc
    lower = max(lower, open_token - _BEFORE_WINDOW)
    for k in range(open_token - 1, lower - 1, -1):
        if doc[k].text in _SENTENCE_END_TOKENS:
            return k + 1
    return lower


def _has_words(ctx: _Context, begin: int, end: int) -> bool:
    doc = ctx.doc
    return any(doc[k].is_alpha or doc[k].is_digit for k in range(begin, end))


def _words_after(ctx: _Context, candidate: _Candidate, close_token: int, upper: int) -> bool:
    """Whether narration follows the quote in its sentence."""
    if not candidate.closed or _SENTENCE_FINAL.search(ctx.text[candidate.start : candidate.end]):
        return False
    doc = ctx.doc
    upper = min(upper, _next_paragraph_token(ctx, candidate.paragraph), len(doc), close_token + 1 + _AFTER_WINDOW)
    for k in range(close_token + 1, upper):
        if doc[k].text in _SENTENCE_END_TOKENS:
            return False
        if doc[k].is_alpha or doc[k].is_digit:
            return True
    return False


def _before_quote(ctx: _Context, open_token: int, lower: int) -> _Attribution:
    paragraph = _paragraph_of_token(ctx, open_token)
    for k in range(open_token - 1, lower - 1, -1):
        if _is_according_to(ctx, k):
            return _speaker_after(ctx, _according_to_begin(ctx, k, open_token), open_token, paragraph)
        if _is_speech_verb(ctx, k):
            if k == lower:  # "Said Blair: ..." (sentence-initial inverted verb)
                return _speaker_after(ctx, k + 1, open_token, paragraph, people_only=True)
            found = ctx.verdicts.get(k) or _subject_before(ctx, k, lower, paragraph)
            if found.found:
                return found
    return _NOT_FOUND


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
        if named is not None:
            return _Attribution(True, named)
    for position, i in enumerate(indices):
        token = doc[i]
        lower = token.lower_
        ref = _ref_at(ctx, i)
        if ref is not None and _is_demonym_role(ctx, i, ref):
            return _Attribution(True, _recent(ctx.memory.person, paragraph))  # "the Dutchman said"
        role = _role_owned_by(ctx, i, ref) if ref is not None else None
        if role is not None:
            return _role_attribution(ctx, role, indices, ctx.memory.person, paragraph)  # "a spokesman for Dell"
        if ref is not None:
            return _Attribution(True, ref)
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
    the one the text introduced last, and its author is who issued that one."""
    doc, syntax = ctx.doc, ctx.syntax
    floor = ctx.para_first_token[max(0, paragraph - _PERSON_MEMORY_PARAGRAPHS)]
    for k in range(i - 1, floor - 1, -1):
        if doc[k].lower_ != doc[i].lower_ or k in ctx.quoted:
            continue
        author = author_of(doc, syntax, k)
        if author is not None:
            found = _pick_speaker(ctx, noun_phrase(doc, syntax, author), paragraph)
            return found.ref if found.found else None
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
                    return ref
                break
        return None
    return None


def _role_owned_by(ctx: _Context, i: int, ref: _Ref) -> int | None:
    """The person role an organisation or place qualifies (`a spokesman for Dell`, `the head of the
    FA`): its token, the speaker being that person and not the organisation."""
    doc = ctx.doc
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
            group = next((r for r in map(lambda j: _ref_at(ctx, j), indices) if r is not None), None)
            return _Attribution(True, group)
        if word in _DEFINITE_WORDS:
            if doc[i].lower_ in _GROUP_ROLES:
                return _Attribution(True, _named_group(ctx, i, paragraph) or _recent(remembered, paragraph))
            return _Attribution(True, _recent(remembered, paragraph))
    return _Attribution(True, None)


def _introduced_later(ctx: _Context, role: int) -> _Ref | None:
    """Who a headline's role noun is: the name the story puts right after that role ("Rail minister Callum
    Ashworth", "the regulator, Ofwat,"), or an organisation whose name holds it."""
    noun = ctx.doc[role].lower_
    person = noun in _PERSON_ROLES
    for k in range(ctx.para_first_token[1], len(ctx.doc)):
        token = ctx.doc[k]
        if token.lower_ != noun or k in ctx.quoted:
            ref = ctx.refs[k]
            if not person and ref is not None and ref.label != _PERSON and noun.rstrip("s") in ref.name.casefold():
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
    whose name holds the role's noun (the Public Accounts Committee, the Cerro Alto Workers' Union)."""
    noun = ctx.doc[role].lower_.rstrip("s")
    floor = ctx.para_first_token[max(0, paragraph - _PERSON_MEMORY_PARAGRAPHS)]
    for k in range(role - 1, floor - 1, -1):
        ref = ctx.refs[k]
        if ref is not None and ref.label != _PERSON and noun in ref.name.casefold():
            return ref
    return None


def _is_demonym_role(ctx: _Context, i: int, ref: _Ref) -> bool:
    """`the Dutchman`, `the 25-year-old Dubliner`, `the American`, `the 22-year-old Scot`: a person
    described by origin. A one-word PERSON after `the` is such a word too: nobody calls a person by
    name with an article."""
    doc = ctx.doc
    if i == 0 or (doc[i - 1].lower_ not in _DEFINITE_WORDS and not _is_age_noun(ctx, i - 1)):
        return False
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
                   prefer: _Ref | None = None) -> _Ref | None:
    """Who `he` or `she` is: `prefer` (the interviewee of an interview) if its gender fits, else the most
    recent person of the discourse (at most three paragraphs back) whose gender is not known to differ (`Mr`,
    `Ms`, `spokeswoman`, `himself`, an earlier pronoun). Resolving it is evidence of that person's gender for
    later pronouns."""
    wanted = _MALE if ctx.doc[pronoun].lower_ == "he" else _FEMALE
    if prefer is not None and prefer != exclude and ctx.genders.get(prefer.name, wanted) == wanted:
        ctx.genders[prefer.name] = wanted
        return prefer
    seen: set[_Ref] = set()
    for ref, at in reversed(ctx.memory.people):
        if paragraph - at > _PERSON_MEMORY_PARAGRAPHS:
            break
        if ref in seen or ref == exclude:
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
    return _nearest_named(ctx, pronoun, paragraph, wanted, exclude)


def _nearest_named(ctx: _Context, before: int, paragraph: int, wanted: str, exclude: _Ref | None) -> _Ref | None:
    """The nearest person named before a pronoun, subject or not, whose gender fits: for a pronoun no subject
    of the discourse fits (`Pike met Ms Fournier. "...?" Pike asked. "...," she replied`)."""
    floor = ctx.para_first_token[max(0, paragraph - _PERSON_MEMORY_PARAGRAPHS)]
    for k in range(before - 1, floor - 1, -1):
        ref = ctx.refs[k]
        if ref is not None and ref.label == _PERSON and ref != exclude and k not in ctx.quoted \
                and ctx.genders.get(ref.name, wanted) == wanted:
            return ref
    return None


def _recent(remembered: tuple[_Ref, int] | None, paragraph: int) -> _Ref | None:
    if remembered is None or paragraph - remembered[1] > _PERSON_MEMORY_PARAGRAPHS or remembered[0] == _UNNAMED:
        return None
    return remembered[0]

