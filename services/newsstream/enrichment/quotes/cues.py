"""Speech cues: whether a token is a speech verb or `according to`, the cue the parse links to
a quote's words and who its source names, and, when the parse gives no cue, the window heuristics that look
for a speech verb and its subject right after (`_after_quote`) or before (`_before_quote`) the quote.
"""

from __future__ import annotations

import re

from ..speech import DOCUMENT_NOUNS, Cue, cue_of_quote, noun_phrase
from .marks import _Candidate
from .names import _next_paragraph_token, _paragraph_of_token, _ref_at, _token_at
from .references import _person_pronoun
from .speakers import (
    _clause_subject, _first_conjunct, _is_np_stop, _segments_before, _speaker_after, _subject_before, _subject_in,
)
from .speech_verbs import _AFTER_QUOTE_ONLY_FORMS, _SPEECH_BASE_FORMS, _SPEECH_FORMS, _UNAMBIGUOUS_SPEECH
from .state import _NOT_FOUND, _Attribution, _Context, _Previous, _Ref
from .vocabulary import (
    _AFTER_WINDOW, _BE_FORMS, _GROUP_ROLES, _HONORIFICS, _OBJECT_REACH, _PERSON, _PERSON_PRONOUNS, _PERSON_ROLES,
    _PUT_IT_FOLLOWERS, _SEGMENT_REACH, _SENTENCE_END_TOKENS,
)


def _is_speech_verb(ctx: _Context, i: int) -> bool:
    token = ctx.doc[i]
    lower = token.lower_
    if lower == "put":  # "As Gavin Cox put it: ..."
        following = ctx.doc[i + 1 : i + 3]
        return len(following) == 2 and following[0].lower_ == "it" and following[1].text in _PUT_IT_FOLLOWERS
    if i + 1 < len(ctx.doc) and ctx.doc[i + 1].text == ":" and token.tag_.startswith("VB") \
            and (lower in _SPEECH_BASE_FORMS or lower in _AFTER_QUOTE_ONLY_FORMS):
        return True  # "Chief Supt Deats went on to warn:", "Mr Gardner agreed:"
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


def _quote_tokens(ctx: _Context, candidate: _Candidate) -> tuple[int, int]:
    """The token range [first, end) of the quote's words (between its marks)."""
    first = _token_at(ctx, candidate.start)
    if ctx.starts[first] < candidate.start:
        first += 1
    return first, _token_at(ctx, candidate.end - 1) + 1


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
        named = _name_right_before(ctx, cue.token)
        if named is not None:
            # "Speaking in Harrogate Mr Kennedy said:": a finite verb has a subject, even where the parser
            # made the name the object of a preposition
            return _Attribution(True, named)
        mark = next((c for c in ctx.syntax.children(cue.token) if ctx.syntax.dep(c) == "mark"), None)
        if mark is not None and mark < cue.token:
            # "as the co-chairman of the party, Liam Fox, on Saturday called him ...": the clause's own subject
            subject = _clause_subject(ctx, mark + 1, cue.token, candidate.paragraph)
            if subject.found:
                return subject
        if candidate.closed and close_token < cue.token and ctx.doc[cue.token].tag_ in ("VBD", "VBZ", "VBP") \
                and not any(ctx.doc[k].text in _SENTENCE_END_TOKENS for k in range(close_token + 1, cue.token)):
            # '"...," Jonas Guest, vice president at Nokia, told the BBC': the parser hung the verb on the quote's
            # words; the subject is what stands between the quote and its verb
            subject = _clause_subject(ctx, close_token + 1, cue.token, candidate.paragraph)
            if subject.found:
                return subject
        return _Attribution(True, None)
    paragraph = candidate.paragraph
    source = ctx.doc[cue.source]
    if source.text == "I" and cue.source not in ctx.quoted and ctx.interviewer is not None:
        return _Attribution(True, ctx.interviewer)  # a first-person interview's '"...?" I ask': its writer
    # A question answered: by a reply verb, or by the next quote when the narration has not since said who
    # speaks ('"...?" ... Earlier, Mr Kennedy told Radio 4 ... "...," he said' is Kennedy going on).
    answering = previous is not None and (cue.is_reply(ctx.doc) or (ctx.text[
        previous.candidate.start:previous.candidate.end].rstrip().endswith("?")
        and ctx.memory.attribution_at <= previous.close_token))
    if source.lower_ in _PERSON_PRONOUNS:
        # '"Will you resign?" Doe asked. "No," he replied': whoever answers is not who asked. In an interview,
        # what "she said" is the interviewee's unless the text has shown otherwise.
        exclude = previous.speaker if answering and previous is not None else None
        if cue.is_reply(ctx.doc):
            # 'Iyer asked whether ... "Which one?" he replied': the one who asked in the narration since
            asker = _asker_before(ctx, cue.token, paragraph, previous.close_token if previous is not None else -1)
            exclude = asker or exclude
        question = ctx.text[candidate.start:candidate.end].rstrip().endswith("?")
        prefer = ctx.interviewee if not question else None
        return _Attribution(True, _person_pronoun(ctx, cue.source, paragraph, exclude, prefer,
                                                  named_inside=_people_named_in(ctx, candidate)
                                                  | _addressees(ctx, cue.token)))
    found = _source_attribution(ctx, cue.source, paragraph)
    bare_name = _ref_at(ctx, cue.source) is None and _is_bare_proper_name(ctx, cue.source)
    if bare_name and found.found and found.ref is None and not found.unnamed:
        # '"I didn't have a clue," said Idowu': a name the model did not recognise is still a name, in full where
        # the text wrote it so before ("Yiannis Papadoyiannakis ... said Papadoyiannakis")
        return _Attribution(True, _Ref(_in_full(ctx, _written_name(ctx, cue.source), cue.source), _PERSON))
    if found.ref is None and not found.unnamed and _is_acronym_name(ctx, cue.source):
        # 'the IAAF described their explanations as "unacceptable"': an acronym the model did not recognise is
        # an organisation's name
        return _Attribution(True, _Ref(ctx.doc[cue.source].text, "ORG"))
    if bare_name and found.ref is not None and " " in (written := _written_name(ctx, cue.source)) \
            and found.ref.name not in _phrase_text(ctx, cue.source):
        # "Its secretary-general, Harish Mehrotra, called it ...": the name the subject's head writes out is who
        # speaks, not someone an apposed role word would point back to
        return _Attribution(True, _Ref(written, _PERSON))
    return found if found.found else _Attribution(True, None)


def _addressees(ctx: _Context, verb: int) -> frozenset[_Ref]:
    """Whom the speech verb's subject speaks to: 'he told Deasy: "..."' is not Deasy speaking."""
    if not ctx.syntax.is_parsed(verb):
        return frozenset()
    return frozenset(ref for child in ctx.syntax.children(verb) if ctx.syntax.dep(child) in ("dobj", "dative", "iobj")
                     and (ref := ctx.refs[child]) is not None and ref.label == _PERSON)


def _people_named_in(ctx: _Context, candidate: _Candidate) -> frozenset[_Ref]:
    """The people a quote's own words name: '"Lorraine's right," she says' is not Lorraine speaking."""
    first, last = _token_at(ctx, candidate.start), _token_at(ctx, max(candidate.start, candidate.end - 1))
    return frozenset(ref for k in range(first, last + 1) if (ref := ctx.refs[k]) is not None and ref.label == _PERSON)


def _name_right_before(ctx: _Context, verb: int) -> _Ref | None:
    """The person or organisation named right before a finite speech verb, outside quotes."""
    if verb == 0 or ctx.doc[verb].tag_ not in ("VBD", "VBZ", "VBP") or (verb - 1) in ctx.quoted:
        return None
    return _ref_at(ctx, verb - 1)


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


def _is_acronym_name(ctx: _Context, head: int) -> bool:
    """`IAAF`, `the FA`: two to six capitals in a sentence written in lower case (not an all-capitals headline)."""
    doc = ctx.doc
    token = doc[head]
    if head in ctx.blanked or token.tag_ not in ("NNP", "NNPS", "NN") or not (2 <= len(token.text) <= 6) \
            or not token.text.isalpha() or not token.text.isupper():
        return False
    neighbours = [doc[k] for k in (head - 1, head + 1) if 0 <= k < len(doc) and doc[k].is_alpha]
    return any(neighbour.is_lower for neighbour in neighbours)


def _in_full(ctx: _Context, written: str, head: int) -> str:
    """A one-word name as the text wrote it in full before `head`, when it did so with one given name only."""
    if " " in written:
        return written
    before = ctx.text[:ctx.starts[head]]
    given = {match.group(1) for match in re.finditer(rf"\b([A-Z][^\W\d_]+) {re.escape(written)}\b", before)
             if not _HONORIFICS.match(match.group(1) + " ") and match.group(1).lower() not in _PERSON_ROLES
             and ctx.doc[_token_at(ctx, match.start(1))].tag_ == "NNP"}  # not "Meanwhile Papadoyiannakis said"
    return f"{given.pop()} {written}" if len(given) == 1 else written


def _written_name(ctx: _Context, head: int) -> str:
    """The proper nouns that end with `head` ("Phillips Idowu", "Idowu"), without a title."""
    doc = ctx.doc
    first = head
    while first > 0 and doc[first - 1].tag_ in ("NNP", "NNPS") and doc[first - 1].text[:1].isupper() \
            and ctx.syntax.dep(first - 1) in ("compound", "flat"):
        first -= 1
    return _HONORIFICS.sub("", doc[first:head + 1].text)


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


def _phrase_text(ctx: _Context, head: int) -> str:
    phrase = noun_phrase(ctx.doc, ctx.syntax, head)
    return ctx.doc[min(phrase):max(phrase) + 1].text if phrase else ctx.doc[head].text


def _asker_before(ctx: _Context, before: int, paragraph: int, after: int) -> _Ref | None:
    """The person named right before `asked` in the paragraph so far (and after token `after`): not who replies."""
    for k in range(before - 1, max(after + 1, ctx.para_first_token[paragraph]), -1):
        if ctx.doc[k].lower_ in ("asked", "asks") and k not in ctx.quoted:
            ref = _ref_at(ctx, k - 1)
            return ref if ref is not None and ref.label == _PERSON else None
    return None
