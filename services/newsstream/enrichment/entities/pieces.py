"""The model's spans, made into pieces: `_repaired_pieces` splits each kept entity of the
model at list punctuation, role words and a place's possessive, repairs the parts, drops common words at a
sentence start, and adds titled people and organisations the model tagged nothing of.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span

from ..datelines import dateline_at
from ..given_names import is_given_name
from .cues import CUE_WEIGHT, DESCRIPTORS
from .gazetteer import is_place_name
from .repair import _WORD, _Piece, _is_possessive, _repair, _starts_sentence
from .vocabulary import _DEMONYMS, _LABEL_RANK, _MEMBER_TITLES, _PLACES, _PLACE_LABELS, _PROPER_NAME_LABELS, _ROLE_WORDS, _STRONG_TITLES, _WEAK_TITLES

_SPLIT_CHARS = frozenset(":;,()[]{}\n\"“”|")


def _repaired_pieces(doc: Doc, text: str) -> list[_Piece]:
    pieces: list[_Piece] = []
    lowercase_words = frozenset(token.lower_ for token in doc if token.is_lower and token.is_alpha)
    person_words = frozenset(token.text for ent in doc.ents if ent.label_ == "PERSON" for token in ent)
    covered_until = 0
    for ent in doc.ents:
        label = ent.label_
        if label not in _LABEL_RANK or ent.start_char < covered_until:
            continue
        end_char = ent.end_char
        portfolios_end = _portfolio_list_end(doc, ent) if label == "ORG" else None
        if portfolios_end is not None:
            end_char = covered_until = portfolios_end
        if label == "NORP" and len(ent) == 1 and ent.text.casefold() not in _DEMONYMS:
            # "Ethiopia's Tadese Bekele": a given name the model took for a nationality, before a surname the
            # model calls a person elsewhere
            following = ent.end
            while following < len(doc) and doc[following].tag_ == "NNP" and doc[following].text.istitle() \
                    and doc[following].text not in _WEAK_TITLES and doc[following].lower_ not in _ROLE_WORDS:
                following += 1
            if following > ent.end and doc[following - 1].text in person_words:
                end_char, label = doc[following - 1].idx + len(doc[following - 1].text), "PERSON"
        if label == "PERSON" and len(ent) >= 2 and (hyphenated := _HYPHENATED_NAME_END.match(text, end_char)):
            # "Choi Min-gyu": the model stopped at the hyphen of a given name (not "Kilkenny-based": one word)
            end_char = hyphenated.end()
        # "the Department of Housing, Local Government and Heritage": one name, its commas included
        parts = [(ent.start_char, end_char)] if portfolios_end is not None \
            else _split_at_punctuation(text, ent.start_char, end_char)
        for part_start, part_end in parts:
            for start, end in _split_at_role_words(text, part_start, part_end, label):
                piece = _repair(text, start, end, label)
                if piece is not None and not _is_common_word_at_sentence_start(text, piece, lowercase_words):
                    pieces.append(piece)
    pieces = _with_organisations_the_model_missed(text, pieces)
    pieces += _dateline_agencies(text, pieces)
    pieces += _people_the_model_missed(text, pieces)
    pieces += _given_names_the_model_left_out(doc, text, pieces)
    return pieces


_HYPHENATED_NAME_END = re.compile(r"-[a-z]+\b(?![-’'])")
_PORTFOLIO_WORD = r"[A-Z][\w’'-]*"
_PORTFOLIOS = re.compile(rf"(?:, {_PORTFOLIO_WORD}(?: {_PORTFOLIO_WORD})*)* and {_PORTFOLIO_WORD}(?: {_PORTFOLIO_WORD})*")
_CAPITALISED_WORD_NEXT = re.compile(r"\s+[A-Z]")  # the list runs on: not where a name ends
_PORTFOLIO_HOLDERS = re.compile(
    r"\b(?:Department|Ministry|Minister|Secretary of State|Office|Committee)\s+(?:of|for|on)\s+[A-Z][^,]*")


def _portfolio_list_end(doc: Doc, ent: Span) -> int | None:
    """Where a public body's name that lists its portfolios ends, when the model stopped at a comma or at `and`:
    the `Department of Housing, Local Government and Heritage`, the `Department for Environment, Food and Rural
    Affairs`, the `Net Zero, Energy and Transport Committee` (the model's second name ends in `Committee`). Not
    when the list holds another kind of name, or bodies with their own article (`the Department of Health, the
    Treasury and the Home Office` are three)."""
    text = doc.text
    holder = _PORTFOLIO_HOLDERS.search(ent.text)
    if holder is not None:
        match = _PORTFOLIOS.match(text, ent.start_char + holder.end())
        if match is None or match.end() < ent.end_char or _CAPITALISED_WORD_NEXT.match(text, match.end()) is not None:
            return None
        inside = [other for other in doc.ents if ent.end_char <= other.start_char < match.end()]
        return match.end() if all(other.label_ == "ORG" and other.end_char <= match.end() for other in inside) \
            else None
    if not text.startswith(", ", ent.end_char):
        return None
    match = _PORTFOLIOS.match(text, ent.end_char)
    if match is None or _CAPITALISED_WORD_NEXT.match(text, match.end()) is not None:
        return None
    inside = [other for other in doc.ents if ent.end_char < other.start_char < match.end()]
    if len(inside) == 1 and inside[0].label_ == "ORG" and inside[0].end_char == match.end() \
            and inside[0].text.rsplit(None, 1)[-1] in _PUBLIC_BODIES:
        return match.end()
    return None


# Particles that open a surname of two words ("Ní Cheallaigh", "van Dijk")
_SURNAME_PARTICLES = frozenset({"Ní", "Nic", "Mac", "Mc", "Ó", "O", "Uí", "van", "von", "de", "di", "da", "del", "le",
                                "la", "bin", "al", "el", "ben", "ter", "dos", "du"})


def _is_surname(words: str) -> bool:
    parts = words.split()
    return len(parts) == 1 or len(parts) == 2 and parts[0] in _SURNAME_PARTICLES


def _may_be_given_name(word: str) -> bool:
    """A given name the census lists, or one with letters beyond English ("Ciarán", "Gráinne"), which the model
    knows least; not "MP", "Frenchman", "Lock", "Tuesday" before a surname."""
    return is_given_name(word) or any(ord(char) > 127 for char in word)


def _given_names_the_model_left_out(doc: Doc, text: str, pieces: list[_Piece]) -> list[_Piece]:
    """"Ciarán Duggan ... Duggan said": where the model took only the surname of a person (names it has not seen,
    accented ones most of all), the name the text writes in full, a given name before the surname: the full
    mention is added (or the surname's piece extended), so that the surname links to it. One pass over the
    tokens."""
    surnames = {surname for piece in pieces if piece.label == "PERSON"
                and _is_surname(surname := text[piece.start:piece.end])}
    if not surnames:
        return []
    at = {(piece.start, piece.end): piece for piece in pieces}
    taken = sorted((piece.start, piece.end) for piece in pieces)
    found: list[_Piece] = []
    for i in range(len(doc) - 1):
        given = doc[i]
        if given.tag_ != "NNP" or not _may_be_given_name(given.text) or given.whitespace_ != " ":
            continue
        for width in (1, 2):
            if i + width >= len(doc):
                break
            surname_tokens = doc[i + 1:i + 1 + width]
            if surname_tokens.text not in surnames:
                continue
            start, end = given.idx, surname_tokens.end_char
            if given.text in _STRONG_TITLES or given.text in _WEAK_TITLES or given.lower_ in _ROLE_WORDS \
                    or given.lower_ in DESCRIPTORS or given.text.casefold() in _PLACES or is_place_name(given.text) \
                    or _overlapping(taken, start, given.idx + len(given.text)):
                break
            cut = at.get((surname_tokens.start_char, end))
            if cut is not None:
                cut.start = start
            elif not _overlapping(taken, start, end) and (piece := _repair(text, start, end, "PERSON")) is not None:
                found.append(piece)
                taken.insert(bisect.bisect_left(taken, (piece.start, piece.end)), (piece.start, piece.end))
            break
    return found


# "Dame Olwen Prys-Jones", "Mr Mafeca": a title only people carry, then capitalised words.
_TITLED_NAME = re.compile(
    r"\b(?:" + "|".join(sorted(_STRONG_TITLES - {"Messrs"})) + r")\.?\s+"
    r"((?:[A-Z][\w’'-]*\s+){0,3}[A-Z][\w’'-]*[\w])")
# "Cardinal Cormac Murphy O'Connor", "Senator Ted Stevens": an office that only people hold, then a name of two to
# four words; one word after it may be something else ("Cardinal Health", "Bishop Auckland").
_OFFICE_TITLES = frozenset({
    "Cardinal", "Archbishop", "Bishop", "Pope", "Rabbi", "Imam", "Sheikh", "Ayatollah", "Senator", "Congressman",
    "Congresswoman", "Governor", "Mayor", "Judge", "Justice", "Ambassador", "President", "Chancellor", "Lord",
    "Lady", "Baroness", "Baron", "Prince", "Princess",
})
_OFFICE_TITLED_NAME = re.compile(
    r"\b(?:" + "|".join(sorted(_OFFICE_TITLES)) + r")\s+"
    r"((?:[A-Z][\w’'-]*\s+){1,3}[A-Z][\w’'-]*[\w])")
# Last words of names that are not people's, after an office title ("President Hotel Group").
_NOT_PERSON_LAST_WORDS = frozenset({
    "Union", "Committee", "Commission", "Council", "Association", "Group", "Hotel", "Hall", "Street", "Road",
    "Park", "Stadium", "Centre", "Center", "House", "School", "College", "University", "Hospital", "Church",
    "Cathedral", "Bridge", "Square", "Inc", "Ltd", "plc", "Award", "Awards", "Prize", "Cup", "Trophy",
})


def _people_the_model_missed(text: str, pieces: list[_Piece]) -> list[_Piece]:
    """Titled names the model tagged nothing of: the title says it is a person (`Mr`, `Dame`; an office
    before two words or more)."""
    taken = sorted((piece.start, piece.end) for piece in pieces)
    found: list[_Piece] = []
    matches = [*_TITLED_NAME.finditer(text), *(match for match in _OFFICE_TITLED_NAME.finditer(text)
                                                if match.group(1).split()[-1] not in _NOT_PERSON_LAST_WORDS)]
    for match in matches:
        start, end = match.start(1), match.end(1)
        if not _is_untagged_line_span(text, taken, start, end):
            continue
        taken.insert(bisect.bisect_left(taken, (start, end)), (start, end))
        piece = _repair(text, start, end, "PERSON")
        if piece is not None:
            piece.strong_person = True
            found.append(piece)
    return found


_WEEKDAYS_AND_MONTHS = (r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|"
                         r"June|July|August|September|October|November|December)\b")
# "the Rail and Transit Workers' Union", "Standing Committee on Industry": capitalised words, joined by small
# words, that end in a word only organisations end in.
_ORGANISATION_NAME = re.compile(
    r"(?:[A-Z][\w’'&.-]*\s+(?:(?:and|of|for|on|&|the)\s+)?)+"
    r"(?:Union|Committee|Commission|Council|Association|Federation|Authority|Agency|Institute|Foundation|"
    r"Society|Ministry|Department|Holdings|Group|plc|Bank|Airways|Airlines|Corporation|Partners|Tribunal|Court)\b"
    r"(?:\s+(?:on|of|for)\s+(?!" + _WEEKDAYS_AND_MONTHS + r")(?:[A-Z][\w’'&.-]*\s*(?:and\s+|&\s+)?)+)?")


def _with_organisations_the_model_missed(text: str, pieces: list[_Piece]) -> list[_Piece]:
    """`pieces` plus the organisation names the model tagged nothing of, by their last word, or only the place
    that opens them (`the Delhi High Court`, with `Delhi` a place): that place piece is then part of the name."""
    taken = sorted((piece.start, piece.end) for piece in pieces)
    places = {(piece.start, piece.end) for piece in pieces if piece.label in _PLACE_LABELS}
    found: list[_Piece] = []
    absorbed: set[tuple[int, int]] = set()
    for match in _ORGANISATION_NAME.finditer(text):
        start, end = match.start(), len(match.group().rstrip()) + match.start()
        if "\n" in text[start:end]:
            continue
        piece = _repair(text, start, end, "ORG")
        if piece is None or " " not in text[piece.start:piece.end]:
            continue
        overlapped = _overlapping(taken, piece.start, piece.end)
        opening_place = len(overlapped) == 1 and overlapped[0] in places and overlapped[0][0] == piece.start \
            and overlapped[0][1] < piece.end
        if overlapped and not opening_place:
            continue
        piece.cues["ORG"] += CUE_WEIGHT
        found.append(piece)
        absorbed.update(overlapped)
    return [piece for piece in pieces if (piece.start, piece.end) not in absorbed] + found


def _dateline_agencies(text: str, pieces: list[_Piece]) -> list[_Piece]:
    """The agency of a wire story's dateline (`OSLO, June 19 (Newswire) -`), which the model often tags nothing
    of or calls a place: an organisation."""
    taken = sorted((piece.start, piece.end) for piece in pieces)
    found: list[_Piece] = []
    paragraph = 0
    while paragraph < len(text):
        dateline = dateline_at(text, paragraph)
        if dateline is not None and dateline.agency is not None and not _overlapping(taken, *dateline.agency):
            piece = _repair(text, *dateline.agency, "ORG")
            if piece is not None:
                found.append(piece)
        following = text.find("\n\n", paragraph)
        if following < 0:
            break
        paragraph = following + 2
    return found


def _overlapping(taken: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the sorted, non-overlapping `taken` that overlap [start, end)."""
    index = max(0, bisect.bisect_left(taken, (start, start)) - 1)
    spans = []
    while index < len(taken) and taken[index][0] < end:
        if taken[index][1] > start:
            spans.append(taken[index])
        index += 1
    return spans


def _is_untagged_line_span(text: str, taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) stays on one line and overlaps none of the sorted, non-overlapping `taken` spans."""
    return "\n" not in text[start:end] and not _overlapping(taken, start, end)


# Last words of the bodies a parliament or government owns
_PUBLIC_BODIES = frozenset({"Committee", "Subcommittee", "Commission", "Ministry", "Department", "Inquiry", "Tribunal"})


def _split_at_role_words(text: str, start: int, end: int, label: str) -> Iterable[tuple[int, int]]:
    """"Committee chair Jean-Philippe Thériault", "Kraft rival PepsiCo", "Bolton boss Sam Allardyce": two names
    the model ran together around a lower-case role or kind noun; "Chile's Ministry of Mining": a place and the
    organisation it owns; "Larchfield's Moira Calder": a person, without the owner."""
    if label not in _PROPER_NAME_LABELS:
        yield start, end
        return
    part_start = start
    for match in _WORD.finditer(text, start, end):
        word = match.group()
        if (word.islower() and (word in _ROLE_WORDS or word in DESCRIPTORS) or word in _MEMBER_TITLES) \
                and match.start() > part_start and match.end() < end:
            yield part_start, match.start()
            part_start = match.end()
        elif _is_possessive(word) and match.end() < end:
            owner_end = match.end() - (2 if word[-1] in "sS" else 1)
            owner = text[part_start:owner_end]
            if owner.casefold() in _PLACES or is_place_name(owner):
                # "Chile's Ministry of Mining", "Russia's Yukos": the place owns the organisation's name
                yield part_start, owner_end
                part_start = match.end()
            elif label == "ORG" and word[-1] in "sS" and text[part_start:end].rsplit(None, 1)[-1] in _PUBLIC_BODIES:
                # "the Dáil's Public Accounts Committee": a parliament and its committee (not "Sainsbury's Bank")
                yield part_start, owner_end
                part_start = match.end()
            elif label == "PERSON" and word[-1] in "sS" and text[match.end():end].lstrip()[:1].isupper():
                # "Larchfield's Moira Calder", "Chelsea's Drogba": a person's name has no possessive inside, so
                # the owner is another name (a company, a team) whose own mentions find it
                part_start = match.end()
    yield part_start, end


def _is_common_word_at_sentence_start(text: str, piece: _Piece, lowercase_words: frozenset[str]) -> bool:
    """"Benchmark copper rose", "Committee chair ...": a single capitalised word that starts its sentence and
    that the article also writes in lower case is a common word, not a name."""
    word = text[piece.start:piece.end]
    if piece.strong_person or " " in word or not _starts_sentence(text, piece.start):
        return False
    return word.casefold() in lowercase_words or word.endswith("ing")  # "Choking", "Entering Westminster"


def _split_at_punctuation(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    """Parts of a span between list punctuation: "Fortune, Rooney" is two names, not one."""
    part_start = start
    for index in range(start, end):
        if text[index] in _SPLIT_CHARS:
            if index > part_start:
                yield part_start, index
            part_start = index + 1
    if end > part_start:
        yield part_start, end
