"""Named entities of an article: one `Entity` per real-world thing, with a canonical name.

The small spaCy model tags each mention on its own and makes mistakes a reader would not: it calls
"Biden" an organisation once in an article where it is a person four times, cuts "Putin de-" out of
"Putin de-escalated", and misses some repetitions of a name altogether. This module repairs the
mentions from the whole document and groups them:

1. Each model mention with a kept label is repaired: split at list punctuation (":", ";", ",",
   brackets, line breaks), trimmed of a leading "the", possessive "'s", titles ("Mr", "Sir",
   "President" ...), dangling fragments of words the tokeniser cut ("de-"), and extended when a
   double-barrelled name was cut at a hyphen ("Wright" of "Wright-Phillips").
2. Mentions with the same normalised surface form are grouped; groups are linked to one entity when
   the document shows they name the same thing: a surname to the only full name ending with it
   ("Kirby" -> "John Kirby"), an unambiguous first name to its full name, an acronym introduced in
   brackets to its long form, "Man Utd" to "Manchester United", "Chelsea FC" to "Chelsea".
3. The entity's label is the majority of its mentions' labels, a mention of a full name of two or
   more words counting twice (ties: PERSON, ORG, GPE, LOC, NORP, FAC, PRODUCT, EVENT, WORK_OF_ART,
   LAW, LANGUAGE). A personal title ("Mr", "Sir", ... make the whole entity a PERSON; "president",
   "striker" ... right before a mention turn that mention's vote to PERSON), a contributor of the
   article with that name (PERSON), a well-known country or region name (GPE unless the vote says
   PERSON, GPE, LOC or NORP) and a demonym ("Ukrainian": NORP) correct the vote. Every mention of
   the entity carries the entity's label.
4. Repetitions of a PERSON/ORG name that the model missed are added as mentions.
5. Every entity gets a salience (see `extract_entities`).

Only spaCy's own labels are used; numeric labels (DATE, MONEY, CARDINAL ...) are not entities here.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy
from spacy.attrs import IDX, LENGTH, ORTH
from spacy.tokens import Doc

from ..errors import EnrichmentError
from .entity_cues import CUE_WEIGHT, DESCRIPTORS, cue_votes, is_sports_story
from .gazetteer import is_place_name
from .records import Entity, Mention

ENTITY_LABELS: tuple[str, ...] = (
    "PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE",
)
"""Kept labels, in the order that breaks ties of the label vote."""

_LABEL_RANK = {label: rank for rank, label in enumerate(ENTITY_LABELS)}

# Labels whose names are proper nouns at both ends: lowercase words at an edge are model overreach
# ("United seemed home"). Titles of works and laws may legitimately start or end in lowercase.
_PROPER_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
_SEARCHED_LABELS = frozenset({"PERSON", "ORG"})

# Titles that only ever precede a person's name: their presence makes the whole entity a PERSON.
_STRONG_TITLES = frozenset({
    "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Sir", "Dame", "Prof", "Professor", "Rev", "Revd",
    "Reverend", "Messrs", "Mme", "Mlle", "Herr", "Signor",
})
# Words that are titles before a PERSON mention but may start other names ("General Motors",
# "King's Cross"): stripped only from PERSON mentions, and a vote for PERSON when right before one.
_WEAK_TITLES = frozenset({
    "President", "Vice", "Prime", "Deputy", "Minister", "Chancellor", "Secretary", "Foreign", "Home",
    "General", "Gen", "Lt", "Col", "Colonel", "Major", "Maj", "Capt", "Captain", "Commander", "Admiral",
    "Sergeant", "Sgt", "Lord", "Lady", "Baron", "Baroness", "Earl", "Duke", "Duchess", "Count",
    "Countess", "King", "Queen", "Prince", "Princess", "Emperor", "Empress", "Pope", "Cardinal",
    "Archbishop", "Bishop", "Father", "Sister", "Brother", "Rabbi", "Imam", "Sheikh", "Ayatollah",
    "Senator", "Sen", "Rep", "Representative", "Congressman", "Congresswoman", "Governor", "Gov",
    "Mayor", "Judge", "Justice", "Ambassador", "Chairman", "Chairwoman", "Chief", "Coach", "Manager",
    "Inspector", "Detective", "Officer", "Constable", "Supt", "Superintendent", "Private",
    "Mister", "Madam", "Madame",
})
# Lower-case role nouns that precede a person's name ("US president Joe Biden", "Chelsea boss Jose
# Mourinho"); they vote PERSON for the mention that follows.
_ROLE_WORDS = frozenset({
    "president", "minister", "secretary", "chancellor", "senator", "governor", "mayor", "spokesman",
    "spokeswoman", "spokesperson", "coach", "manager", "boss", "striker", "midfielder", "defender",
    "goalkeeper", "keeper", "winger", "captain", "skipper", "player", "chairman", "chairwoman",
    "chief", "director", "actor", "actress", "singer", "rapper", "star", "producer", "leader",
    "ambassador", "envoy", "founder", "executive", "analyst", "author", "writer", "presenter",
    "comedian", "champion", "judge", "general", "colonel", "king", "queen", "prince", "princess",
    "broadcaster", "comic", "novelist", "poet", "artist", "designer", "musician", "guitarist",
    "drummer", "pianist", "composer", "film-maker", "filmmaker", "athlete", "sprinter", "runner",
    "boxer", "golfer", "batsman", "bowler", "jockey", "trainer", "veteran", "legend", "tycoon",
    "billionaire", "businessman", "businesswoman", "entrepreneur", "lawyer", "attorney",
    "prosecutor", "detective", "doctor", "professor", "scientist", "researcher", "economist",
    "critic", "commentator", "pundit", "journalist", "reporter", "editor", "photographer", "dj",
    "chef", "model", "hopeful", "newcomer", "frontman", "frontwoman", "vocalist", "songwriter",
    "rival", "forward", "full-back", "fly-half", "scrum-half", "prop", "flanker", "hooker", "olympian",
    "paralympian",
})
_PRECEDING_PERSON_WORDS = _ROLE_WORDS | frozenset({
    "President", "Minister", "Secretary", "Chancellor", "Senator", "Governor", "Mayor", "Coach",
    "Manager", "Judge", "King", "Queen", "Prince", "Princess", "Pope", "General", "Colonel", "Captain",
    "Sergeant", "Ambassador", "Chairman", "Archbishop", "Cardinal", "Sheikh", "Ayatollah",
})
_PERSON_PARTICLES = frozenset({
    "de", "da", "di", "del", "della", "du", "dos", "das", "van", "von", "der", "den", "ter", "ten",
    "le", "la", "al", "el", "bin", "ibn", "ben", "mac", "st",
})
_ORG_DESIGNATORS = frozenset({"fc", "afc", "inc", "corp", "ltd", "plc", "llc", "co", "ag", "sa", "gmbh"})
_WEB_DOMAINS = (".com", ".co.uk", ".net", ".org")
_ACRONYM_FILLERS = frozenset({"of", "and", "the", "for", "in", "on", "to", "at", "&", "de", "des", "du"})
_HYPHEN_PREFIXES = frozenset({"anti", "pro", "non", "ex", "post", "pre", "mid", "neo", "pan", "all"})

# Countries and regions the small model sometimes calls an organisation or a person. Cities are
# deliberately absent: a city's name is often its sports team, which is an ORG.
_PLACES = frozenset(name.casefold() for name in (
    "Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Argentina", "Armenia", "Australia",
    "Austria", "Azerbaijan", "Bahamas", "Bahrain", "Bangladesh", "Barbados", "Belarus", "Belgium",
    "Belize", "Benin", "Bhutan", "Bolivia", "Bosnia", "Botswana", "Brazil", "Brunei", "Bulgaria",
    "Burkina Faso", "Burma", "Burundi", "Cambodia", "Cameroon", "Canada", "Chad", "Chile", "China",
    "Colombia", "Congo", "Costa Rica", "Croatia", "Cuba", "Cyprus", "Czech Republic", "Czechia",
    "Denmark", "Djibouti", "Dominica", "Ecuador", "Egypt", "El Salvador", "England", "Eritrea",
    "Estonia", "Eswatini", "Ethiopia", "Fiji", "Finland", "France", "Gabon", "Gambia", "Georgia",
    "Germany", "Ghana", "Greece", "Grenada", "Guatemala", "Guinea", "Guyana", "Haiti", "Honduras",
    "Hungary", "Iceland", "India", "Indonesia", "Iran", "Iraq", "Ireland", "Israel", "Italy",
    "Ivory Coast", "Jamaica", "Japan", "Jordan", "Kazakhstan", "Kenya", "Kosovo", "Kuwait",
    "Kyrgyzstan", "Laos", "Latvia", "Lebanon", "Lesotho", "Liberia", "Libya", "Liechtenstein",
    "Lithuania", "Luxembourg", "Madagascar", "Malawi", "Malaysia", "Maldives", "Mali", "Malta",
    "Mauritania", "Mauritius", "Mexico", "Moldova", "Monaco", "Mongolia", "Montenegro", "Morocco",
    "Mozambique", "Myanmar", "Namibia", "Nepal", "Netherlands", "New Zealand", "Nicaragua", "Niger",
    "Nigeria", "North Korea", "North Macedonia", "Northern Ireland", "Norway", "Oman", "Pakistan",
    "Palestine", "Panama", "Papua New Guinea", "Paraguay", "Peru", "Philippines", "Poland",
    "Portugal", "Qatar", "Romania", "Russia", "Rwanda", "Samoa", "San Marino", "Saudi Arabia",
    "Scotland", "Senegal", "Serbia", "Seychelles", "Sierra Leone", "Singapore", "Slovakia",
    "Slovenia", "Somalia", "South Africa", "South Korea", "South Sudan", "Spain", "Sri Lanka", "Sudan",
    "Suriname", "Sweden", "Switzerland", "Syria", "Taiwan", "Tajikistan", "Tanzania", "Thailand",
    "Togo", "Tonga", "Trinidad", "Tunisia", "Turkey", "Turkmenistan", "Uganda", "Ukraine",
    "United Arab Emirates", "United Kingdom", "United States", "Uruguay", "Uzbekistan", "Vanuatu",
    "Venezuela", "Vietnam", "Wales", "Yemen", "Zambia", "Zimbabwe",
    # regions, territories, disputed lands
    "Abkhazia", "Catalonia", "Chechnya", "Crimea", "Darfur", "Donbas", "Donbass", "Donetsk",
    "Gaza", "Gaza Strip", "Greenland", "Hong Kong", "Kashmir", "Kurdistan", "Luhansk", "Macau",
    "Nagorno-Karabakh", "Puerto Rico", "Quebec", "Siberia", "South Ossetia", "Tibet",
    "Transnistria", "West Bank", "Xinjiang", "Flanders", "Bavaria", "Tasmania",
))
# Continents and the world's regions: places without a government (LOC), whatever the model called them.
_WORLD_REGIONS = frozenset(name.casefold() for name in (
    "Africa", "Asia", "Europe", "North America", "South America", "Central America", "Latin America",
    "Antarctica", "Oceania", "Australasia", "Americas", "Arctic", "Middle East", "Far East", "Asia Pacific",
    "Asia-Pacific", "South-East Asia", "Southeast Asia", "South East Asia", "East Asia", "South Asia",
    "Central Asia", "Sub-Saharan Africa", "North Africa", "West Africa", "East Africa", "Southern Africa",
    "Eastern Europe", "Western Europe", "Central Europe", "Scandinavia", "Balkans", "Caribbean",
))
# Well-known places whose names are also common surnames or first names: a mention of them alone is
# not linked to a person's full name unless the model calls it a person.
_PLACES_NAMED_LIKE_PEOPLE = frozenset(name.casefold() for name in (
    "Washington", "Lincoln", "Jackson", "Houston", "Dallas", "Austin", "Madison", "Charlotte",
    "Florence", "Victoria", "Sydney", "Chelsea", "Paris", "Orlando", "Phoenix", "Denver", "Kingston",
    "Hamilton", "Wellington", "Nelson", "Douglas", "Raleigh", "Columbus", "Jefferson", "Preston",
    "Bolton", "Lancaster", "York", "Derby", "Chester", "Hull", "Burnley", "Barnsley", "Reading",
    "Brighton", "Lyon", "Santiago", "Jordan", "Georgia", "Israel", "Adelaide", "Regina", "Eugene",
    "Lawrence", "Marshall", "Clinton", "Chad", "Carolina", "Virginia", "Francis", "Wilson", "Everton",
))
_DEMONYMS = frozenset(name.casefold() for name in (
    "Afghan", "Albanian", "Algerian", "American", "Arab", "Argentine", "Argentinian", "Armenian",
    "Asian", "Australian", "Austrian", "Azerbaijani", "Bangladeshi", "Belarusian", "Belgian",
    "Bosnian", "Brazilian", "British", "Bulgarian", "Cameroonian", "Canadian", "Chilean", "Chinese",
    "Colombian", "Croatian", "Cuban", "Cypriot", "Czech", "Danish", "Dutch", "Egyptian", "English",
    "Estonian", "Ethiopian", "European", "Filipino", "Finnish", "French", "Georgian", "German",
    "Ghanaian", "Greek", "Hungarian", "Icelandic", "Indian", "Indonesian", "Iranian", "Iraqi",
    "Irish", "Israeli", "Italian", "Jamaican", "Japanese", "Jordanian", "Kazakh", "Kenyan",
    "Korean", "Kosovan", "Kurdish", "Kuwaiti", "Latvian", "Lebanese", "Libyan", "Lithuanian",
    "Macedonian", "Malaysian", "Maltese", "Mexican", "Moroccan", "Nepalese", "Nigerian",
    "Norwegian", "Pakistani", "Palestinian", "Peruvian", "Polish", "Portuguese", "Qatari",
    "Romanian", "Russian", "Saudi", "Scottish", "Senegalese", "Serbian", "Slovak", "Slovenian",
    "Somali", "Spanish", "Sudanese", "Swedish", "Swiss", "Syrian", "Taiwanese", "Thai", "Tibetan",
    "Tunisian", "Turkish", "Ukrainian", "Uzbek", "Venezuelan", "Vietnamese", "Welsh", "Yemeni",
    "Zimbabwean",
)) | frozenset(
    name.casefold() + "s" for name in (
        "Afghan", "Algerian", "American", "Arab", "Argentine", "Australian", "Belgian", "Brazilian",
        "Canadian", "Croatian", "Cuban", "Egyptian", "European", "Filipino", "Georgian", "German",
        "Indian", "Iranian", "Iraqi", "Israeli", "Italian", "Kenyan", "Korean", "Mexican", "Nigerian",
        "Pakistani", "Palestinian", "Russian", "Saudi", "Serbian", "Syrian", "Ukrainian",
    )
)

_SPLIT_CHARS = frozenset(":;,()[]{}\n\"“”|")
_APOSTROPHES = "'’"
_WORD_JOINERS = "-'’"
_MAX_NAME_TOKENS = 12  # longest name (in tokens) searched for repetitions
_MAX_LINK_CANDIDATES = 64  # more candidates than this for one short form: ambiguous, do not link
_MAX_EXTENSION = 40  # chars a cut word may be extended by; bounds the scan on hostile input
_ACRONYM_AFTER = re.compile(r"[ \t]{0,3}\([ \t]{0,3}([A-Z][A-Za-z&.]{1,11})[ \t]{0,3}\)")
_WORD = re.compile(r"\S+")

# Salience weights: mention count, earliness of the first mention, presence in the headline.
_W_COUNT = 0.55
_W_POSITION = 0.25
_W_HEADLINE = 0.20


@dataclass(slots=True)
class _Piece:
    """A repaired model mention (or a found repetition) before grouping."""

    start: int
    end: int
    label: str
    strong_person: bool = False  # a personal title or a contributor says: this is a person
    cues: Counter[str] = field(default_factory=Counter)  # what the name's words and neighbours say it is


@dataclass(slots=True)
class _Surface:
    """All mentions that share one normalised surface form."""

    key: str
    words: tuple[str, ...]
    spelling: str  # as first written in the text
    pieces: list[_Piece] = field(default_factory=list)
    votes: Counter[str] = field(default_factory=Counter)  # the model's and the cues' together
    model_votes: Counter[str] = field(default_factory=Counter)
    cue_votes: Counter[str] = field(default_factory=Counter)
    label: str = ""

    @property
    def first_start(self) -> int:
        return self.pieces[0].start


def extract_entities(doc: Doc, *, title_end: int = 0, contributors: Sequence[str] = ()) -> list[Entity]:
    """Entities of `doc`, one per real-world thing, most salient first.

    `doc` is the analysed cleaned text; its first `title_end` characters are the headline (0: none).
    `contributors` are the people named in removed byline lines: they are not returned unless the
    text mentions them, but a mention of them is always a PERSON.

    Salience of an entity with `n` mentions, the first at character `p` of a text of length `L`::

        raw = 0.55 * log(1 + n) / log(1 + n_max)    # n_max: most mentions of any entity
            + 0.25 * (1 - p / L)                    # earlier first mention = more central
            + 0.20 * (1 if a mention is in the headline else 0)
        salience = round(raw / raw_max, 4)          # raw_max: highest raw score in the document

    so the most salient entity scores 1.0 and a single passing mention in the second half of an
    article scores about 0.1-0.3.
    Entities are sorted by salience (descending), then by their first mention.
    """
    _validate(doc, title_end, contributors)
    text = doc.text  # Doc.text is rebuilt from the tokens on every access: read it once
    if title_end > len(text):
        raise EnrichmentError(f"title_end {title_end} is outside the text (length {len(text)})")
    pieces = _repaired_pieces(doc, text)
    surfaces = _group_by_surface(text, pieces)
    if not surfaces and not contributors:
        return []
    contributor_keys = _contributor_keys(contributors)
    for surface in surfaces:
        surface.label = _vote(surface.votes, surface.cue_votes)
    links = _UnionFind(len(surfaces))
    _link_surfaces(text, surfaces, links, title_end)
    clusters = _clusters(surfaces, links)
    places_are_teams = is_sports_story(text)
    entities = [_entity_from(text, cluster, contributor_keys, places_are_teams) for cluster in clusters]
    _add_missed_mentions(doc, text, entities, contributors)
    return _ranked(entities, len(text), title_end)


# ---------------------------------------------------------------------------------------------
# Input


def _validate(doc: object, title_end: object, contributors: object) -> None:
    if not isinstance(doc, Doc):
        raise EnrichmentError(f"extract_entities needs a spaCy Doc, got {type(doc).__name__}")
    if isinstance(title_end, bool) or not isinstance(title_end, int):
        raise EnrichmentError(f"title_end must be an int, got {type(title_end).__name__}")
    if title_end < 0:
        raise EnrichmentError(f"title_end must not be negative, got {title_end}")
    if (
        isinstance(contributors, str)
        or not isinstance(contributors, Sequence)
        or not all(isinstance(name, str) for name in contributors)
    ):
        raise EnrichmentError("contributors must be a sequence of names")


# ---------------------------------------------------------------------------------------------
# Step 1: repairing model mentions


def _repaired_pieces(doc: Doc, text: str) -> list[_Piece]:
    pieces: list[_Piece] = []
    lowercase_words = frozenset(token.lower_ for token in doc if token.is_lower and token.is_alpha)
    person_words = frozenset(token.text for ent in doc.ents if ent.label_ == "PERSON" for token in ent)
    for ent in doc.ents:
        label = ent.label_
        if label not in _LABEL_RANK:
            continue
        end_char = ent.end_char
        if label == "NORP" and len(ent) == 1 and ent.text.casefold() not in _DEMONYMS:
            # "Ethiopia's Tadese Bekele": a given name the model took for a nationality, before a surname the
            # model calls a person elsewhere
            following = ent.end
            while following < len(doc) and doc[following].tag_ == "NNP" and doc[following].text.istitle() \
                    and doc[following].text not in _WEAK_TITLES and doc[following].lower_ not in _ROLE_WORDS:
                following += 1
            if following > ent.end and doc[following - 1].text in person_words:
                end_char, label = doc[following - 1].idx + len(doc[following - 1].text), "PERSON"
        for part_start, part_end in _split_at_punctuation(text, ent.start_char, end_char):
            for start, end in _split_at_role_words(text, part_start, part_end, label):
                piece = _repair(text, start, end, label)
                if piece is not None and not _is_common_word_at_sentence_start(text, piece, lowercase_words):
                    pieces.append(piece)
    pieces += _organisations_the_model_missed(text, pieces)
    pieces += _people_the_model_missed(text, pieces)
    return pieces


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


# "the Rail and Transit Workers' Union", "Standing Committee on Industry": capitalised words, joined by small
# words, that end in a word only organisations end in.
_ORGANISATION_NAME = re.compile(
    r"(?:[A-Z][\w’'&.-]*\s+(?:(?:and|of|for|on|&|the)\s+)?)+"
    r"(?:Union|Committee|Commission|Council|Association|Federation|Authority|Agency|Institute|Foundation|"
    r"Society|Ministry|Department|Holdings|Group|plc|Bank|Airways|Airlines|Corporation|Partners|Tribunal)\b"
    r"(?:\s+(?:on|of|for)\s+(?:[A-Z][\w’'&.-]*\s*(?:and\s+|&\s+)?)+)?")


def _organisations_the_model_missed(text: str, pieces: list[_Piece]) -> list[_Piece]:
    """Organisation names the model tagged nothing of, by their last word."""
    taken = sorted((piece.start, piece.end) for piece in pieces)
    found: list[_Piece] = []
    for match in _ORGANISATION_NAME.finditer(text):
        start, end = match.start(), len(match.group().rstrip()) + match.start()
        if not _is_untagged_line_span(text, taken, start, end):
            continue
        piece = _repair(text, start, end, "ORG")
        if piece is not None and " " in text[piece.start:piece.end]:
            piece.cues["ORG"] += CUE_WEIGHT
            found.append(piece)
    return found


def _is_untagged_line_span(text: str, taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) stays on one line and overlaps none of the sorted, non-overlapping `taken` spans."""
    index = bisect.bisect_left(taken, (start, start))
    neighbours = taken[max(0, index - 1):index + 1]
    return not any(s < end and start < e for s, e in neighbours) and "\n" not in text[start:end]


def _split_at_role_words(text: str, start: int, end: int, label: str) -> Iterable[tuple[int, int]]:
    """"Committee chair Jean-Philippe Thériault", "Kraft rival PepsiCo", "Bolton boss Sam Allardyce": two names
    the model ran together around a lower-case role or kind noun; "Chile's Ministry of Mining": a place and the
    organisation it owns."""
    if label not in _PROPER_NAME_LABELS:
        yield start, end
        return
    part_start = start
    for match in _WORD.finditer(text, start, end):
        word = match.group()
        if word.islower() and (word in _ROLE_WORDS or word in DESCRIPTORS) and match.start() > part_start \
                and match.end() < end:
            yield part_start, match.start()
            part_start = match.end()
        elif _is_possessive(word) and match.end() < end:
            owner_end = match.end() - (2 if word[-1] in "sS" else 1)
            owner = text[part_start:owner_end]
            if owner.casefold() in _PLACES or is_place_name(owner):
                # "Chile's Ministry of Mining", "Russia's Yukos": the place owns the organisation's name
                yield part_start, owner_end
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


def _repair(text: str, start: int, end: int, label: str) -> _Piece | None:
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, start, end)]
    words = _fix_cut_edges(text, words)
    words = _cut_at_inner_possessive(text, words)
    words = _strip_possessive_and_punctuation(text, words)
    if len(words) > 1 and _is_droppable_article(text, words[0]):
        words = _strip_possessive_and_punctuation(text, words[1:])  # "the 'New Zealand Native Team"
    while len(words) > 1 and _is_score(text[words[-1][0]:words[-1][1]]):
        words = words[:-1]
    if label in _PROPER_NAME_LABELS:
        words = _trim_edges(text, words, label)
    words, strong = _strip_titles(text, words, label)
    words = _strip_descriptor(text, words)
    if not words:
        return None
    start, end = words[0][0], words[-1][1]
    if end - start < 2 or not any(char.isalpha() for char in text[start:end]):
        return None
    if label == "PERSON" and not text[start].isalpha():
        return None  # "193bn": no one's name starts with a digit
    strong = strong or _word_before(text, start) in _STRONG_TITLES
    cues = cue_votes(text, start, end)
    if not strong and _preceded_by_role(text, start):
        cues["PERSON"] += CUE_WEIGHT
    if label in ("GPE", "ORG", "LOC", "PERSON") and text[start:end].casefold() in _DEMONYMS:
        label = "NORP"
        cues.clear()
    if strong:
        label = "PERSON"
    return _Piece(start, end, label, strong, cues)


def _cut_at_inner_possessive(text: str, words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """"Bob Dylan's old sofa", "All Blacks' 1935": the name ends at the possessive.

    A possessive followed by a capitalised word stays ("People's Republic", "St John's Wood").
    """
    for index in range(len(words) - 1):
        word = text[words[index][0]:words[index][1]]
        if _is_possessive(word):
            following = text[words[index + 1][0]]
            if not following.isupper():
                return words[:index + 1]
    return words


def _is_possessive(word: str) -> bool:
    if len(word) > 2 and word[-2] in _APOSTROPHES and word[-1] in "sS":
        return True
    return len(word) > 1 and word[-1] in _APOSTROPHES and word[-2] in "sS"


def _is_droppable_article(text: str, word: tuple[int, int]) -> bool:
    """"the Pentagon" -> "Pentagon"; a capitalised "The" belongs to the name ("The Hague", "in The
    Aviator") unless it only starts the sentence."""
    article = text[word[0]:word[1]]
    if article == "the":
        return True
    return article in ("The", "THE") and _starts_sentence(text, word[0])


def _starts_sentence(text: str, start: int) -> bool:
    index = start
    limit = max(0, start - 6)
    while index > limit and text[index - 1] in " \t'\"‘“(":
        index -= 1
    return index == 0 or text[index - 1] in ".!?:;\n"


def _fix_cut_edges(text: str, words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop or complete edge words that the tokeniser cut mid-word.

    "Putin de-" (from "Putin de-escalated") loses "de-"; "Wright" (from "Wright-Phillips") becomes
    "Wright-Phillips": a cut word is kept, whole, only when it looks like a name.
    """
    if not words:
        return words
    last_start, last_end = words[-1]
    if _cut_after(text, last_end):
        full_end = _word_end(text, last_end)
        if text[last_start].isupper() and _hyphen_parts_are_names(text[last_start:full_end]):
            words[-1] = (last_start, full_end)
        else:
            words.pop()
    if not words:
        return words
    first_start, first_end = words[0]
    if _cut_before(text, first_start):
        full_start = _word_start(text, first_start)
        if _hyphen_parts_are_names(text[full_start:first_end]):
            words[0] = (full_start, first_end)
        elif text[first_start - 1].isalnum():
            words.pop(0)
    return words


def _cut_after(text: str, end: int) -> bool:
    if end >= len(text) or (not text[end].isalnum() and text[end] != "-"):
        return False
    if text[end] == "-":  # "Wright" + "-Phillips": cut only if a capitalised part follows
        return end + 1 < len(text) and text[end + 1].isupper()
    return text[end - 1].isalnum() or text[end - 1] == "-"


def _cut_before(text: str, start: int) -> bool:
    if start == 0:
        return False
    before = text[start - 1]
    if before.isalnum():
        return True
    return before == "-" and start >= 2 and text[start - 2].isalpha()


def _word_end(text: str, end: int) -> int:
    """End of the word that continues at `end` ("de-" -> "de-escalated"), at most 40 chars on."""
    limit = min(len(text), end + _MAX_EXTENSION)
    while end < limit and _continues_word(text, end, end + 1):
        end += 1
    return end


def _word_start(text: str, start: int) -> int:
    limit = max(0, start - _MAX_EXTENSION)
    while start > limit and _continues_word(text, start - 1, start - 2):
        start -= 1
    return start


def _continues_word(text: str, index: int, beyond: int) -> bool:
    """Whether `text[index]` is part of a word: alphanumeric, or an inner hyphen or apostrophe."""
    if text[index].isalnum():
        return True
    return text[index] in _WORD_JOINERS and 0 <= beyond < len(text) and text[beyond].isalnum()


def _hyphen_parts_are_names(word: str) -> bool:
    parts = [part for part in word.split("-") if part]
    if not parts or parts[0].casefold() in _HYPHEN_PREFIXES:
        return False
    return all(part[0].isupper() for part in parts)


def _strip_possessive_and_punctuation(text: str, words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Remove a possessive "'s" (own token or attached) and stray punctuation at the edges."""
    while words:
        start, end = words[-1]
        word = text[start:end]
        if word in ("'s", "’s", "'", "’", "-", "–", "—", ".", "'S"):
            words.pop()
            continue
        if len(word) > 2 and word[-2] in _APOSTROPHES and word[-1] in "sS":
            end -= 2
        elif len(word) > 1 and word[-1] in _APOSTROPHES and word[-2] in "sS":
            end -= 1  # "Paul Scholes'" is a possessive
        while end > start and not text[end - 1].isalnum() and not _keeps_final_dot(text[start:end]):
            end -= 1
        while start < end and not text[start].isalnum():
            start += 1
        if start == end:
            words.pop()
            continue
        words[-1] = (start, end)
        break
    if words:
        start, end = words[0]
        while start < end and not text[start].isalnum():
            start += 1
        if start == end:
            return _strip_possessive_and_punctuation(text, words[1:])
        words[0] = (start, end)
    return words


def _keeps_final_dot(word: str) -> bool:
    """"Inc.", "Jr.", "U.S." end in a dot that belongs to the name."""
    if not word.endswith("."):
        return False
    core = word[:-1]
    return "." in core or (0 < len(core) <= 3 and core[0].isupper())


def _trim_edges(text: str, words: list[tuple[int, int]], label: str) -> list[tuple[int, int]]:
    """Trim lowercase words ("United seemed home") and numbers ("All Blacks 23-11") at the edges."""
    if all(_is_lowercase_word(text[s:e]) for s, e in words):
        return words  # "communist" (NORP): nothing to trim back to
    while words and _is_trailing_noise(text[words[-1][0]:words[-1][1]], label):
        words = words[:-1]
    while words and _is_lowercase_word(text[words[0][0]:words[0][1]]):
        if label == "PERSON" and text[words[0][0]:words[0][1]] in _PERSON_PARTICLES:
            break
        words = words[1:]
    return words


def _is_trailing_noise(word: str, label: str) -> bool:
    if _is_lowercase_word(word):
        return True
    if any(char.isalpha() for char in word):
        return False
    # "Channel 4" and "Band Aid 20" are names; a number never ends a person's or a place's name.
    return label in ("PERSON", "GPE", "LOC", "NORP")


def _is_score(word: str) -> bool:
    """"23-11", "2-3-2": a result or formation, never the end of a name."""
    return "-" in word and all(char.isdigit() or char == "-" for char in word)


def _is_lowercase_word(word: str) -> bool:
    return not any(char.isupper() or char.isdigit() for char in word)


def _strip_titles(text: str, words: list[tuple[int, int]], label: str) -> tuple[list[tuple[int, int]], bool]:
    """Leading titles are not part of a name; returns the rest and whether a title proved a person."""
    strong = False
    index = 0
    while index < len(words) - 1:
        word = text[words[index][0]:words[index][1]].rstrip(".")
        if word in _STRONG_TITLES:
            strong = True
        elif not (label == "PERSON" and (word in _WEAK_TITLES or (word[0].isupper() and word.lower() in _ROLE_WORDS))):
            break
        index += 1
    return words[index:], strong


def _strip_descriptor(text: str, words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """"Chipmaker Aurelia", "Treasurer Peter Costello" at the start of a sentence: the capital is the
    sentence's, the word a description of the name that follows."""
    if len(words) < 2 or not _starts_sentence(text, words[0][0]):
        return words
    first = text[words[0][0]:words[0][1]]
    following = text[words[1][0]:words[1][1]]
    if first[:1].isupper() and first[1:].islower() and first.casefold() in DESCRIPTORS and following[:1].isupper():
        return words[1:]
    return words


def _word_before(text: str, start: int) -> str:
    end = start
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    begin = end
    while begin > 0 and begin > end - 20 and (text[begin - 1].isalpha() or text[begin - 1] == "."):
        begin -= 1
    return text[begin:end].rstrip(".")


def _preceded_by_role(text: str, start: int) -> bool:
    return _word_before(text, start) in _PRECEDING_PERSON_WORDS


# ---------------------------------------------------------------------------------------------
# Step 2: grouping and linking


def _name_key(name: str) -> str:
    """Comparison form: case, dots, apostrophe style, spacing and a leading "the" do not matter."""
    words = name.casefold().replace("’", "'").replace(".", "").split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _group_by_surface(text: str, pieces: list[_Piece]) -> list[_Surface]:
    by_key: dict[str, _Surface] = {}
    for piece in pieces:
        key = _name_key(text[piece.start:piece.end])
        if not key:
            continue
        surface = by_key.get(key)
        if surface is None:
            surface = by_key[key] = _Surface(key, tuple(key.split()), text[piece.start:piece.end])
        surface.pieces.append(piece)
        surface.model_votes[piece.label] += _vote_weight(surface)
        surface.cue_votes.update(piece.cues)
        surface.votes[piece.label] += _vote_weight(surface)
        surface.votes.update(piece.cues)
    return list(by_key.values())


def _vote_weight(surface: _Surface) -> int:
    """A mention of a full name counts twice: with more context the model labels it better."""
    return 2 if len(surface.words) >= 2 else 1


def _vote(votes: Counter[str], cues: Counter[str] | None = None) -> str:
    """The label with most votes; a tie goes to the label the cues back, then to the label ranked first. When
    the cues outvote every label the model gave ("the Humber", which nobody calls a person), the name is an
    organisation's, the likeliest of the rest."""
    backed = cues or Counter()
    label = min(votes, key=lambda label: (-votes[label], -backed[label], _LABEL_RANK[label]))
    return label if votes[label] > 0 else "ORG"


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)


def _link_surfaces(text: str, surfaces: list[_Surface], links: _UnionFind, title_end: int = 0) -> None:
    index_of = {surface.key: index for index, surface in enumerate(surfaces)}
    _link_bracketed_acronyms(text, surfaces, index_of, links)
    _link_org_initials(surfaces, links)
    _link_org_designators(surfaces, index_of, links)
    _link_abbreviations(surfaces, links)
    _link_suffixes(surfaces, links)
    _link_company_short_forms(surfaces, links, title_end)
    _link_first_names(surfaces, links)


def _initials(words: Sequence[str]) -> str:
    return "".join(word[0] for word in words if word not in _ACRONYM_FILLERS)


def _link_bracketed_acronyms(
    text: str, surfaces: list[_Surface], index_of: dict[str, int], links: _UnionFind
) -> None:
    """"Recording Industry Association of America (RIAA)" introduces RIAA as a short form."""
    for index, surface in enumerate(surfaces):
        if len(surface.words) < 2:
            continue
        for piece in surface.pieces:
            match = _ACRONYM_AFTER.match(text, piece.end)
            if match is None:
                continue
            acronym = match.group(1)
            acronym_key = _name_key(acronym)
            target = index_of.get(acronym_key)
            if target is not None and acronym_key == _initials(surface.words):
                links.union(index, target)


def _link_org_initials(surfaces: list[_Surface], links: _UnionFind) -> None:
    """An all-capitals ORG ("BBC") is the short form of the only ORG with those initials."""
    by_initials: dict[str, list[int]] = {}
    for index, surface in enumerate(surfaces):
        if surface.label == "ORG" and len(surface.words) >= 2:
            by_initials.setdefault(_initials(surface.words), []).append(index)
    for index, surface in enumerate(surfaces):
        if surface.label != "ORG" or len(surface.words) != 1:
            continue
        original = surface.spelling
        if not (2 <= len(original) <= 6 and original.isupper() and original.isalpha()):
            continue
        candidates = by_initials.get(surface.key, [])
        if len(candidates) == 1:
            links.union(index, candidates[0])


def _link_org_designators(surfaces: list[_Surface], index_of: dict[str, int], links: _UnionFind) -> None:
    """"Chelsea FC" and "Chelsea" are one club; "Apple Inc" and "Apple" one company."""
    for index, surface in enumerate(surfaces):
        if surface.label != "ORG":
            continue
        base = _undesignated_key(surface)
        target = index_of.get(base) if base else None
        if target is not None and surfaces[target].label != "PERSON":
            links.union(index, target)


def _undesignated_key(surface: _Surface) -> str | None:
    """"chelsea" for "Chelsea FC", "amazon" for "Amazon.com"; None without a designator."""
    if len(surface.words) >= 2 and surface.words[-1] in _ORG_DESIGNATORS:
        return " ".join(surface.words[:-1])
    lowered = surface.spelling.casefold()
    for domain in _WEB_DOMAINS:
        if lowered.endswith(domain) and len(lowered) > len(domain):
            return _name_key(surface.spelling[: -len(domain)])
    return None


def _link_abbreviations(surfaces: list[_Surface], links: _UnionFind) -> None:
    """"Man Utd" abbreviates "Manchester United": each word's letters, in order, from the long word."""
    by_shape: dict[tuple[str, ...], list[int]] = {}
    for index, surface in enumerate(surfaces):
        if len(surface.words) >= 2 and surface.label != "PERSON":
            by_shape.setdefault(tuple(word[0] for word in surface.words), []).append(index)
    for members in by_shape.values():
        if not 2 <= len(members) <= _MAX_LINK_CANDIDATES:
            continue
        for short in members:
            longer = [
                other for other in members
                if other != short and _abbreviates(surfaces[short].words, surfaces[other].words)
            ]
            if len(longer) == 1:
                links.union(short, longer[0])


def _abbreviates(short: Sequence[str], long: Sequence[str]) -> bool:
    if len(short) != len(long) or sum(map(len, short)) >= sum(map(len, long)):
        return False
    return all(_is_subsequence(a, b) for a, b in zip(short, long, strict=True))


def _is_subsequence(short: str, long: str) -> bool:
    if short[0] != long[0]:
        return False
    remaining = iter(long)
    return all(char in remaining for char in short)


def _may_be_person_short_form(surface: _Surface) -> bool:
    """Whether a short form may be a person's surname although the model did not say so.

    The small model often calls a surname alone a place or an organisation ("Heinze", "Kirby"); a
    name that really is a place ("Washington" beside "George Washington") must stay a place.
    """
    if surface.label == "PERSON" or surface.votes["PERSON"]:
        return True
    return surface.key not in _PLACES and surface.key not in _PLACES_NAMED_LIKE_PEOPLE


def _link_suffixes(surfaces: list[_Surface], links: _UnionFind) -> None:
    """"Kirby" -> "John Kirby", "United" -> "Manchester United": to the longest name ending with it.

    Only when unambiguous: "Blair" with both "Tony Blair" and "Cherie Blair" in the text stays apart.
    """
    by_last_word: dict[str, list[int]] = {}
    for index, surface in enumerate(surfaces):
        if len(surface.words) >= 2 and surface.label in ("PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT"):
            by_last_word.setdefault(surface.words[-1], []).append(index)
    for index, surface in enumerate(surfaces):
        same_last_word = by_last_word.get(surface.words[-1], [])
        if len(same_last_word) > _MAX_LINK_CANDIDATES:
            continue
        candidates = [
            other for other in same_last_word
            if len(surfaces[other].words) > len(surface.words)
            and not _is_coordination(surfaces[other].words[:-len(surface.words)])
            and surfaces[other].words[-len(surface.words):] == surface.words
            and _suffix_labels_agree(surface, surfaces[other])
        ]
        if not candidates:
            continue
        longest = max(candidates, key=lambda other: (len(surfaces[other].words), -other))
        longest_words = surfaces[longest].words
        if all(longest_words[-len(surfaces[other].words):] == surfaces[other].words for other in candidates):
            links.union(index, longest)


def _is_coordination(words: Sequence[str]) -> bool:
    """"Royer and Elgindy": two names joined, whose last is not the short form of both."""
    return bool(words) and words[-1] in ("and", "&")


def _suffix_labels_agree(short: _Surface, long: _Surface) -> bool:
    if long.label == "PERSON" or (_is_titled(short) and len(long.words) >= 2):
        return _may_be_person_short_form(short)  # "Ms Varga" is the "Anneliese Varga" the model called an ORG
    return long.label == "ORG" and short.label == "ORG"


def _is_titled(surface: _Surface) -> bool:
    return any(piece.strong_person for piece in surface.pieces)


def _link_company_short_forms(surfaces: list[_Surface], links: _UnionFind, title_end: int = 0) -> None:
    """"Northgate" -> "Northgate Energy", "Costco" -> "Costco Wholesale": a name that begins the only longer
    organisation name of the text is its short form, whatever the model called it (not a person with a title,
    and not a nationality or a place: "British" is not "British Airways", "New York" not the "New York Times"),
    when the story introduces the full name first, as news copy does: "Apple" before "Apple Developer
    Connection" is the company, not a short form of its programme. The headline does not count."""
    by_first_word: dict[str, list[int]] = {}
    for index, surface in enumerate(surfaces):
        if len(surface.words) >= 2 and surface.label == "ORG":
            by_first_word.setdefault(surface.words[0], []).append(index)
    for index, surface in enumerate(surfaces):
        if surface.label not in ("ORG", "PERSON", "PRODUCT") or _is_titled(surface):
            continue
        first_in_body = min((piece.start for piece in surface.pieces if piece.start >= title_end),
                            default=surface.first_start)
        candidates = [other for other in by_first_word.get(surface.words[0], [])
                      if len(surfaces[other].words) > len(surface.words)
                      and surfaces[other].words[:len(surface.words)] == surface.words
                      and surfaces[other].first_start < first_in_body]
        if len(candidates) == 1 and len(by_first_word.get(surface.words[0], [])) <= _MAX_LINK_CANDIDATES:
            links.union(index, candidates[0])


def _link_first_names(surfaces: list[_Surface], links: _UnionFind) -> None:
    """"Cristiano" -> "Cristiano Ronaldo" when only one person in the text has that first name."""
    people = [index for index, surface in enumerate(surfaces) if surface.label == "PERSON" and len(surface.words) >= 2]
    by_first: dict[str, set[int]] = {}
    surnames: set[str] = set()
    for index in people:
        by_first.setdefault(surfaces[index].words[0], set()).add(links.find(index))
        surnames.add(surfaces[index].words[-1])
    for index, surface in enumerate(surfaces):
        if len(surface.words) != 1 or surface.words[0] in surnames or links.find(index) != index:
            continue
        if not _may_be_person_short_form(surface):
            continue
        owners = by_first.get(surface.words[0], set())
        if len(owners) == 1:
            links.union(index, next(iter(owners)))


def _clusters(surfaces: list[_Surface], links: _UnionFind) -> list[list[_Surface]]:
    by_root: dict[int, list[_Surface]] = {}
    for index, surface in enumerate(surfaces):
        by_root.setdefault(links.find(index), []).append(surface)
    return list(by_root.values())


# ---------------------------------------------------------------------------------------------
# Step 3: one entity per cluster


def _contributor_keys(contributors: Sequence[str]) -> set[str]:
    keys: set[str] = set()
    for name in contributors:
        key = _name_key(name)
        if not key:
            continue
        keys.add(key)
        surname = key.split()[-1]
        if len(surname) >= 3 and " " in key:
            keys.add(surname)
    return keys


def _entity_from(text: str, cluster: list[_Surface], contributor_keys: set[str], places_are_teams: bool) -> Entity:
    pieces = sorted((piece for surface in cluster for piece in surface.pieces), key=lambda p: p.start)
    canonical = max(cluster, key=lambda s: (len(s.words), len(s.key), len(s.pieces), -s.first_start))
    place = not places_are_teams and is_place_name(canonical.key)
    label = _entity_label(cluster, pieces, contributor_keys, place, places_are_teams)
    name = _display_name(text, canonical)
    mentions = [Mention(text[p.start:p.end], p.start, p.end, label) for p in pieces]
    return Entity(name=name, label=label, salience=0.0, mentions=mentions)


def _entity_label(cluster: list[_Surface], pieces: list[_Piece], contributor_keys: set[str], place: bool,
                  sports_story: bool = False) -> str:
    if any(piece.strong_person for piece in pieces) or any(s.key in contributor_keys for s in cluster):
        return "PERSON"
    # The model labels a bare surname or short form from less context than the full name it was linked to
    # ("Pike" an ORG five times, "Graham Pike" a PERSON): once a cluster has a name of two or more words, its
    # one-word forms vote only with their cues.
    has_full_name = any(len(surface.words) >= 2 for surface in cluster)
    votes: Counter[str] = Counter()
    cues: Counter[str] = Counter()
    for surface in cluster:
        if not (has_full_name and len(surface.words) == 1):
            votes.update(surface.model_votes)
        cues.update(surface.cue_votes)
    if place and cues["GPE"] >= 0 and not any(count > 0 for label, count in cues.items() if label != "GPE"):
        # the name of a country or a city, with nothing around it saying it is something else (outside a
        # sports story, where a city's name is usually its team)
        cues["GPE"] += CUE_WEIGHT // 2 * len(pieces)
    votes.update(cues)
    label = _vote(votes, cues)
    if any(s.key in _WORLD_REGIONS for s in cluster):
        return "LOC"
    # (a sports story names its players by surname alone: there a tie stays a person)
    tied = label == "PERSON" and not sports_story and any(
        votes[other] == votes[label] for other in votes if other != label)
    if label == "PERSON" and not has_full_name and cues["PERSON"] <= 0 and (cues["ORG"] > 0 or tied):
        # a single capitalised word that the text says is a company ("oil giant Yukos", "firms like Yukos"),
        # or that the model calls a person no more often than something else ("Labour"), with no first name,
        # no title and nothing a person does: not a person
        votes["PERSON"] = 0
        label = _vote(votes, cues)
    if label not in ("GPE", "LOC", "NORP") and any(s.key in _PLACES for s in cluster) \
            and (label != "PERSON" or not has_full_name):
        return "GPE"  # a country or region, not the person "Romania" or the organisation "Crimea"
    return label


def _display_name(text: str, surface: _Surface) -> str:
    """The most frequent spelling of the canonical surface form ("Nato" over one "NATO")."""
    spellings = Counter(" ".join(text[p.start:p.end].split()) for p in surface.pieces)
    return max(spellings, key=lambda spelling: spellings[spelling])


# ---------------------------------------------------------------------------------------------
# Step 4: repetitions the model missed


def _add_missed_mentions(doc: Doc, text: str, entities: list[Entity], contributors: Sequence[str]) -> None:
    """Add word-bounded repetitions of PERSON/ORG names (and surnames) that no model mention covers.

    Tokens that can start a name are found with one vectorised lookup over the token array; each is
    tried against at most `_MAX_NAME_TOKENS` dictionary lookups (longest first), so the search stays
    linear in the length of the text.
    """
    patterns = _search_patterns(entities, contributors)
    if not patterns or not len(doc):
        return
    covered = numpy.zeros(len(doc), dtype=bool)
    for ent in doc.ents:
        covered[ent.start:ent.end] = True
    columns = doc.to_array([ORTH, IDX, LENGTH])
    starts = columns[:, 1].astype(numpy.int64)
    ends = starts + columns[:, 2].astype(numpy.int64)
    first_ids = numpy.fromiter(
        (doc.vocab.strings.as_int(_first_token_text(p)) for p in patterns), dtype=columns.dtype, count=len(patterns)
    )
    candidates = numpy.flatnonzero(numpy.isin(columns[:, 0], first_ids) & ~covered)
    longest = min(_MAX_NAME_TOKENS, max(_approximate_token_count(pattern) for pattern in patterns))
    new_entities: dict[int, Entity] = {}
    next_free = 0
    for first in candidates.tolist():
        if first < next_free:
            continue
        found = _longest_pattern_at(text, starts, ends, first, longest, patterns, covered)
        if found is None:
            continue
        last, owner = found
        if last == first and doc[first].tag_ not in ("NNP", "NNPS"):
            continue  # "Little is known" is not a mention of Mark Little
        start, end = int(starts[first]), int(ends[last])
        name = text[start:end]
        entity = entities[owner] if owner >= 0 else new_entities.setdefault(
            owner, Entity(name=name, label="PERSON", salience=0.0)
        )
        entity.mentions.append(Mention(name, start, end, entity.label))
        next_free = last + 1
    for entity in entities:
        entity.mentions.sort(key=lambda mention: mention.start)
    entities.extend(new_entities.values())


def _longest_pattern_at(
    text: str,
    starts: numpy.ndarray,
    ends: numpy.ndarray,
    first: int,
    longest: int,
    patterns: dict[str, int],
    covered: numpy.ndarray,
) -> tuple[int, int] | None:
    """(last token, owner) of the longest known name starting at token `first` and covering no entity."""
    start = int(starts[first])
    stop = min(len(starts), first + longest)
    for last in range(stop - 1, first - 1, -1):
        owner = patterns.get(text[start:int(ends[last])])
        if owner is not None and not covered[first:last + 1].any():
            return last, owner
    return None


def _approximate_token_count(pattern: str) -> int:
    return 1 + sum(1 for char in pattern if not char.isalnum()) * 2


def _first_token_text(pattern: str) -> str:
    """The spaCy token a name starts with: up to the first space or hyphen ("Wright" of "Wright-Phillips")."""
    end = len(pattern)
    for index, char in enumerate(pattern):
        if char in " -" and index > 0:
            end = index
            break
    return pattern[:end]


def _search_patterns(entities: list[Entity], contributors: Sequence[str]) -> dict[str, int]:
    """Surface strings to look for, each owned by one entity (index; negative: a contributor)."""
    owners: dict[str, set[int]] = {}
    for index, entity in enumerate(entities):
        if entity.label not in _SEARCHED_LABELS:
            continue
        forms = {mention.text for mention in entity.mentions} | {entity.name}
        if entity.label == "PERSON" and " " in entity.name:
            forms.add(entity.name.rsplit(" ", 1)[1])
        for form in forms:
            if len(form) >= 2 and not _is_lowercase_word(form):
                owners.setdefault(form, set()).add(index)
    known_names = {entity.name for entity in entities}
    for offset, name in enumerate(contributors):
        name = " ".join(name.split())
        if " " in name and name not in known_names:
            owners.setdefault(name, set()).add(-1 - offset)
    return {form: next(iter(found)) for form, found in owners.items() if len(found) == 1}


# ---------------------------------------------------------------------------------------------
# Step 5: salience


def _ranked(entities: list[Entity], text_length: int, title_end: int) -> list[Entity]:
    entities = [entity for entity in entities if entity.mentions]
    if not entities:
        return []
    most_mentions = max(len(entity.mentions) for entity in entities)
    raw_scores = [_raw_salience(entity, most_mentions, text_length, title_end) for entity in entities]
    best = max(raw_scores)
    for entity, raw in zip(entities, raw_scores, strict=True):
        entity.salience = round(raw / best, 4) if best > 0 else 0.0
    return sorted(entities, key=lambda entity: (-entity.salience, entity.mentions[0].start))


def _raw_salience(entity: Entity, most_mentions: int, text_length: int, title_end: int) -> float:
    count = math.log1p(len(entity.mentions)) / math.log1p(most_mentions)
    first = entity.mentions[0].start
    position = 1.0 - first / text_length if text_length else 1.0
    in_headline = 1.0 if first < title_end else 0.0
    return _W_COUNT * count + _W_POSITION * position + _W_HEADLINE * in_headline
