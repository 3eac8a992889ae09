"""Direct quotes and who said them.

`extract_quotes(doc, entities)` finds the quoted statements of an article and links each one to the
canonical name of its speaker. It reads token tags, lemmas and the canonical entities; it needs no
dependency parse. All work is one linear pass over the quote marks of the text plus one pass over the
tokens; every search for an attribution looks at a window of a bounded number of tokens.

Decisions (documented because the issue asks for them):

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
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..errors import EnrichmentError
from .records import Entity, Quote

_PERSON = "PERSON"
_SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})

# Double quote marks and paragraph breaks: the only places the scanner stops at.
_MARKS = re.compile(r"[\"“”„]|''|\n[ \t\r\f\v]*\n")
_OPENING_ONLY = frozenset("“„")
_CLOSING_ONLY = frozenset("”")
_BEFORE_OPENING = frozenset("([{—–-:/")
_AFTER_CLOSING = frozenset(".,;:!?)]}—–-'’…")
_SENTENCE_FINAL = re.compile(r"[.!?…]['’]*$")
_UTTERANCE_END = frozenset(",.!?…—–-;")
_TRAILING_TRIM = " \t\r\n,;:"
_MIN_STATEMENT_WORDS = 4
_TITLE_SMALL_WORDS = frozenset(
    "a an and as at but by de del for from in into la le nor of on or the to van von with".split()
)

_SENTENCE_END_TOKENS = frozenset({".", "!", "?", "…"})
_NP_STOP_TOKENS = frozenset({",", ".", ";", ":", "!", "?", "(", ")", "—", "–", "-", "\"", "“", "”", "''"})
_BE_FORMS = frozenset({"is", "was", "were", "are", "be", "been", "being", "'s", "am"})

# Window sizes in tokens. They bound the work per quote and keep attributions local.
_AFTER_WINDOW = 14
_BEFORE_WINDOW = 45
_SUBJECT_REACH = 7
_OBJECT_REACH = 8
_APPOSITIVE_REACH = 12
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
    wicketkeeper all-rounder dj designer developer researcher analyst campaigner chief-executive""".split()
)
_GROUP_ROLES = frozenset(
    "company firm club group government organisation organization council union party ministry "
    "department agency corporation federation association board league body".split()
)
_DEFINITE_WORDS = frozenset({"the", "his", "her", "their", "its", "'s", "’s"})
_INDEFINITE_WORDS = frozenset({"a", "an", "one", "another"})
# Nouns that end a phrase before a speech verb without being its subject ("in a statement said").
_NOT_SUBJECT_NOUNS = frozenset({"statement", "interview", "week", "weekend", "day", "year", "month", "time"})
_DEMONYM_ENDINGS = ("man", "woman", "er", "ian", "ese")
_NAME_PUNCTUATION = " .,;:'’\"“”"
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


@dataclass(slots=True)
class _Attribution:
    """The result of looking for an attribution: `found` even when it names nobody."""

    found: bool
    ref: _Ref | None = None


_NOT_FOUND = _Attribution(False)


@dataclass(slots=True)
class _Memory:
    """What the forward pass remembers for resolving pronouns and roles (ref, paragraph)."""

    person: tuple[_Ref, int] | None = None
    group: tuple[_Ref, int] | None = None
    attribution: tuple[_Ref | None, int] | None = None
    sentence_has_person: bool = False
    sentence_has_group: bool = False
    floor: int = 0  # first token of the current sentence (or after the last quote)


@dataclass(slots=True)
class _Context:
    doc: Doc
    text: str
    starts: list[int]  # token start offsets
    para_starts: list[int]  # char offsets of paragraph starts
    para_first_token: list[int]
    refs: list[_Ref | None]
    names: dict[str, _Ref]
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
    candidates = [c for c in _scan_candidates(text, para_starts) if _may_be_statement(text, c)]
    if not candidates:
        return []
    ctx = _build_context(doc, para_starts, entities)
    return _attribute(ctx, candidates)


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
                if _SENTENCE_FINAL.search(text[open_at:start].rstrip()):
                    _add_candidate(found, text, open_at, open_mark, start, start, False, continues, paragraph)
                    continues = True
                else:
                    continues = False
            open_at, open_mark = end, start
        elif open_at >= 0:
            _add_candidate(found, text, open_at, open_mark, start, end, True, continues, paragraph)
            open_at, continues = -1, False
    return found


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
    """Drop titles, names and scare quotes before looking for speakers (they also do not bound windows)."""
    if candidate.words < _MIN_STATEMENT_WORDS and not candidate.utterance_shaped:
        return False
    return not _is_title_or_name(text[candidate.start : candidate.end])


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
    for entity in entities:
        if entity.label not in _SPEAKER_LABELS or not entity.name:
            continue
        ref = _Ref(entity.name, entity.label)
        _index_names(names, ref, (m.text for m in entity.mentions))
        for mention in entity.mentions:
            if 0 <= mention.start < mention.end <= len(text):
                _fill(refs, starts, mention.start, mention.end, ref)
    for ent in doc.ents:
        if ent.label_ in _SPEAKER_LABELS and all(refs[i] is None for i in range(ent.start, ent.end)):
            written = ent.text.strip(_NAME_PUNCTUATION)
            ref = _lookup_name(names, written) or _Ref(_HONORIFICS.sub("", written), ent.label_)
            for i in range(ent.start, ent.end):
                refs[i] = ref
    para_first_token = [bisect_left(starts, offset) for offset in para_starts]
    return _Context(doc, text, starts, para_starts, para_first_token, refs, names)


def _index_names(names: dict[str, _Ref], ref: _Ref, mention_texts: Iterable[str]) -> None:
    for mention_text in (ref.name, *mention_texts):
        names.setdefault(mention_text, ref)
    words = ref.name.split()
    if ref.label == _PERSON and len(words) > 1:
        surname_key = "surname:" + words[-1]
        previous = names.get(surname_key)
        if previous is None:
            names[surname_key] = ref
        elif previous != ref:
            names[surname_key] = _Ref("", "")  # ambiguous surname: never resolve by it


def _lookup_name(names: dict[str, _Ref], written: str) -> _Ref | None:
    words = _HONORIFICS.sub("", written).split()
    if not words:
        return None
    ref = names.get(written) or names.get(" ".join(words)) or names.get("surname:" + words[-1])
    return ref if ref is not None and ref.name else None


def _fill(refs: list[_Ref | None], starts: list[int], start: int, end: int, ref: _Ref) -> None:
    first = max(0, bisect_right(starts, start) - 1)
    last = bisect_left(starts, end)
    for i in range(first, last):
        refs[i] = ref


def _token_at(ctx: _Context, offset: int) -> int:
    return max(0, bisect_right(ctx.starts, offset) - 1)


def _paragraph_of_token(ctx: _Context, i: int) -> int:
    return bisect_right(ctx.para_starts, ctx.starts[i]) - 1


def _ref_at(ctx: _Context, i: int) -> _Ref | None:
    ref = ctx.refs[i]
    if ref is None:
        token = ctx.doc[i]
        if token.tag_ in {"NNP", "NNPS"} and token.text[:1].isupper():
            ref = _lookup_name(ctx.names, token.text)
    return ref


def _is_speech_verb(ctx: _Context, i: int) -> bool:
    token = ctx.doc[i]
    lower = token.lower_
    if lower not in _SPEECH_FORMS:
        return False
    if not token.tag_.startswith("VB") and lower not in _UNAMBIGUOUS_SPEECH:
        return False
    if i + 1 < len(ctx.doc) and ctx.doc[i + 1].lower_ == "to":
        return False  # "continued to increase", "promised to refrain", "said to be"
    if token.tag_ == "VBN" and i > 0 and ctx.doc[i - 1].lower_ in _BE_FORMS:
        return False  # passive: "was told", "is described"
    return True


def _is_according_to(ctx: _Context, i: int) -> bool:
    return ctx.doc[i].lower_ == "according" and i + 1 < len(ctx.doc) and ctx.doc[i + 1].lower_ == "to"


# --- Attribution ----------------------------------------------------------------------------------


def _attribute(ctx: _Context, candidates: list[_Candidate]) -> list[Quote]:
    quotes: list[Quote] = []
    memory = ctx.memory
    previous: tuple[_Candidate, _Ref | None] | None = None
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
        attribution = _after_quote(ctx, candidate, close_token, upper)
        if not attribution.found:
            attribution = _before_quote(ctx, open_token, sentence_start)
        quote_only = not _has_words(ctx, sentence_start, open_token) and not _words_after(
            ctx, candidate, close_token, upper
        )
        if _is_statement(candidate, attribution):
            speaker = _choose_speaker(ctx, candidate, attribution, previous, quote_only)
            quotes.append(Quote(ctx.text[candidate.start : candidate.end], candidate.start, candidate.end,
                                speaker.name if speaker else None))
            previous = (candidate, speaker)
            if speaker is not None:
                _remember_speaker(memory, speaker, candidate.paragraph)
            memory.attribution = (speaker, candidate.paragraph)
        token = max(token, close_token + 1)
        if candidate.ends_sentence:
            _start_sentence(memory, token)
        else:
            memory.floor = token
    return quotes


def _is_statement(candidate: _Candidate, attribution: _Attribution) -> bool:
    if candidate.words >= _MIN_STATEMENT_WORDS:
        return True
    return candidate.utterance_shaped and attribution.found and attribution.ref is not None


def _choose_speaker(
    ctx: _Context,
    candidate: _Candidate,
    attribution: _Attribution,
    previous: tuple[_Candidate, _Ref | None] | None,
    quote_only: bool,
) -> _Ref | None:
    if attribution.found:
        return attribution.ref
    if not quote_only:
        return None  # a quote woven into narration without an attribution verb: not ours to guess
    if previous is not None:
        earlier, speaker = previous
        if candidate.continues or earlier.paragraph == candidate.paragraph:
            return speaker
    remembered = ctx.memory.attribution
    if remembered is not None and candidate.paragraph - remembered[1] <= _FALLBACK_PARAGRAPHS:
        return remembered[0]
    return None


def _remember_speaker(memory: _Memory, ref: _Ref, paragraph: int) -> None:
    if ref.label == _PERSON:
        memory.person = (ref, paragraph)
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
                memory.sentence_has_person = True  # "the 25-year-old Dubliner underlined ...": not a new name
            elif ref is not None:
                _remember_mention(memory, ref, paragraph)
            elif doc[token].lower_ in _PERSON_PRONOUNS and doc[token].tag_ == "PRP":
                memory.sentence_has_person = True  # "He was sacked by Keegan": the subject is still "he"
            elif doc[token].lower_ in _STRONG_SPEECH_FORMS and _is_speech_verb(ctx, token):
                _remember_indirect_attribution(ctx, token, paragraph)
        token += 1
    while token >= next_para_token and next_para_token < len(doc):
        paragraph += 1
        _start_sentence(memory, token)
        next_para_token = _next_paragraph_token(ctx, paragraph)
    return token, paragraph


def _start_sentence(memory: _Memory, token: int) -> None:
    memory.sentence_has_person = False
    memory.sentence_has_group = False
    memory.floor = token


def _remember_mention(memory: _Memory, ref: _Ref, paragraph: int) -> None:
    """The first person (and organisation) named in a sentence outside quotes is its likely subject."""
    if ref.label == _PERSON:
        if not memory.sentence_has_person:
            memory.person = (ref, paragraph)
            memory.sentence_has_person = True
    elif not memory.sentence_has_group:
        memory.group = (ref, paragraph)
        memory.sentence_has_group = True


def _next_paragraph_token(ctx: _Context, paragraph: int) -> int:
    following = paragraph + 1
    return ctx.para_first_token[following] if following < len(ctx.para_first_token) else len(ctx.doc) + 1


def _remember_indirect_attribution(ctx: _Context, verb: int, paragraph: int) -> None:
    """`Smith said the team ...`: Smith becomes the current subject and the nearest attribution."""
    memory = ctx.memory
    found = _subject_before(ctx, verb, max(memory.floor, verb - _APPOSITIVE_REACH), paragraph)
    if not found.found and memory.sentence_has_person and memory.person is not None:
        found = _Attribution(True, memory.person[0])  # "Dunne is keen to ... and said": the sentence's subject
    if not found.found and verb > 0 and ctx.doc[verb - 1].text == ",":
        found = _speaker_after(ctx, verb + 1, len(ctx.doc), paragraph, people_only=True)  # "..., said Mr Fogg."
    ctx.verdicts[verb] = found
    if found.ref is not None:
        _remember_speaker(memory, found.ref, paragraph)
        if found.ref.label == _PERSON:
            memory.sentence_has_person = True
        else:
            memory.sentence_has_group = True
        memory.attribution = (found.ref, paragraph)


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
            return _speaker_after(ctx, k + 2, upper, candidate.paragraph)
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
    doc = ctx.doc
    paragraph = _paragraph_of_token(ctx, open_token)
    for k in range(open_token - 1, lower - 1, -1):
        if _is_according_to(ctx, k):
            return _speaker_after(ctx, k + 2, open_token, paragraph)
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
    segments = _segments_before(ctx, j + 1, lower)
    if not segments[0]:
        rest = segments[1:]
        if len(rest) >= 2:  # "Kirby, the minister, said": the subject precedes the apposition
            person = _first_person(ctx, rest[1]) or _first_person(ctx, rest[0])  # "Chief Supt, Mick Deats, said"
            if person is not None:
                return _Attribution(True, person)
            main = _pick_speaker(ctx, rest[1], paragraph)
            return main if main.found else _pick_speaker(ctx, rest[0], paragraph)
        return _subject_in(ctx, rest[0], paragraph) if rest else _NOT_FOUND
    main_segment = segments[0]
    if len(segments) > 1 and _first_person(ctx, main_segment) is None:
        person = _first_person(ctx, segments[1])  # "Eric Abensur, Wanadoo's chief executive told"
        if person is not None:
            return _Attribution(True, person)
    return _subject_in(ctx, main_segment, paragraph)


def _segments_before(ctx: _Context, end: int, lower: int) -> list[list[int]]:
    """Up to three comma-separated stretches of tokens before `end`, nearest first, each nearest first."""
    segments: list[list[int]] = [[]]
    k = end - 1
    while k >= lower:
        token = ctx.doc[k]
        if token.text == ",":
            if len(segments) == 3:
                break
            segments.append([])
        elif token.text in _NP_STOP_TOKENS or token.lower_ == "that" or len(segments[-1]) >= _SUBJECT_REACH:
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
    if nearest.tag_ in {"NN", "NNS", "NNP", "NNPS"} and nearest.lower_ not in _NOT_SUBJECT_NOUNS:
        return _Attribution(True, None)
    return found


def _speaker_after(ctx: _Context, begin: int, upper: int, paragraph: int, people_only: bool = False) -> _Attribution:
    """The speaker named after an inverted verb: `said Kirby`, `said the minister`, `according to X`."""
    doc = ctx.doc
    indices: list[int] = []
    k = begin
    limit = min(upper, begin + _OBJECT_REACH)
    while k < limit:
        token = doc[k]
        if token.text in _NP_STOP_TOKENS or token.tag_ == "MD" or token.lower_ in {"that", "and", "but", "who"}:
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
        while k < min(upper, k + _OBJECT_REACH) and doc[k].text not in _NP_STOP_TOKENS:
            apposition.append(k)
            k += 1
        person = _first_person(ctx, apposition)
        if person is not None:
            return _Attribution(True, person)
    return found


def _first_person(ctx: _Context, indices: Sequence[int]) -> _Ref | None:
    for i in indices:
        ref = _ref_at(ctx, i)
        if ref is not None and ref.label == _PERSON:
            return ref
    return None


def _pick_speaker(ctx: _Context, indices: Sequence[int], paragraph: int) -> _Attribution:
    """Choose the speaker among tokens (ordered by preference): a person, else the nearest reference."""
    person = _first_person(ctx, indices)
    if person is not None:
        return _Attribution(True, person)
    doc = ctx.doc
    for position, i in enumerate(indices):
        token = doc[i]
        lower = token.lower_
        ref = _ref_at(ctx, i)
        if ref is not None and _is_demonym_role(ctx, i, ref):
            return _Attribution(True, _recent(ctx.memory.person, paragraph))  # "the Dutchman said"
        if ref is not None:
            return _Attribution(True, ref)
        if lower in _PERSON_PRONOUNS:
            return _Attribution(True, _recent(ctx.memory.person, paragraph))
        if lower in _GROUP_PRONOUNS:
            return _Attribution(True, _recent(ctx.memory.group, paragraph))
        if lower in _PERSON_ROLES or _is_age_noun(ctx, i):
            return _role_attribution(ctx, i, indices, ctx.memory.person, paragraph)
        if lower in _GROUP_ROLES and token.tag_.startswith("NN"):
            return _role_attribution(ctx, i, indices, ctx.memory.group, paragraph)
    return _NOT_FOUND


def _role_attribution(
    ctx: _Context, i: int, indices: Sequence[int], remembered: tuple[_Ref, int] | None, paragraph: int
) -> _Attribution:
    """`the minister said` points back to a named speaker; `a spokesman said` names nobody."""
    doc = ctx.doc
    for k in range(i - 1, max(-1, i - 4), -1):
        word = doc[k].lower_
        if word in _INDEFINITE_WORDS:
            group = next((r for r in map(lambda j: _ref_at(ctx, j), indices) if r is not None), None)
            return _Attribution(True, group)
        if word in _DEFINITE_WORDS:
            return _Attribution(True, _recent(remembered, paragraph))
    return _Attribution(True, None)


def _is_demonym_role(ctx: _Context, i: int, ref: _Ref) -> bool:
    """`the Dutchman`, `the 25-year-old Dubliner`, `the American`: a person described by origin."""
    doc = ctx.doc
    if i == 0 or (doc[i - 1].lower_ not in _DEFINITE_WORDS and not _is_age_noun(ctx, i - 1)):
        return False
    if ref.label == "NORP":
        return True
    single = (i == 0 or ctx.refs[i - 1] is not ref) and (i + 1 >= len(doc) or ctx.refs[i + 1] is not ref)
    return single and doc[i].lower_.endswith(_DEMONYM_ENDINGS)


def _is_age_noun(ctx: _Context, i: int) -> bool:
    """`the 25-year-old said`."""
    doc = ctx.doc
    return doc[i].lower_ == "old" and i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ == "year"


def _recent(remembered: tuple[_Ref, int] | None, paragraph: int) -> _Ref | None:
    if remembered is None or paragraph - remembered[1] > _PERSON_MEMORY_PARAGRAPHS:
        return None
    return remembered[0]

