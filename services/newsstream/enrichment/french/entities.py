"""Entities of a French article: the French model's PER, ORG, LOC and MISC mapped to the English label set
where the meaning is the same (PER -> PERSON, ORG -> ORG, LOC -> GPE when the place gazetteer knows it as a
country, state or city, else LOC), MISC kept as MISC; names cleaned of titles, roles and elided articles
("Mme Élisabeth Borne" -> Élisabeth Borne, "Le Premier ministre Jean Castex" -> Jean Castex, "l'Insee" ->
Insee); a surname alone joins the full name it ends ("Castex" -> Jean Castex), whatever the model labelled it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pycountry
from spacy.tokens import Doc

from ..accents import without_accents
from ..entities.extract import ranked
from ..given_names import gender_of_given_name, world_gender_of_given_name
from ..places import gazetteer
from ..records import Entity, Mention
from .vocabulary import (NATIONALITY_ENDINGS, ORGANISATION_FIRST_WORDS, ORGANISATION_LAST_WORDS, ORGANISATION_NOUNS,
                         ROLE_WORDS, SEATS_OF_POWER, SHORT_TITLES, SPEECH_FORMS, SPEECH_LEMMAS, TITLES)

LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}
_COMPANY_BEFORE = re.compile(
    r"(?:\banalystes?\s+(?:de|d['’]|chez)|\bchez|\b(?:" + "|".join(sorted(ORGANISATION_NOUNS)) + r")"
    r"(?:\s+[a-zàâçéèêëîïôûùüÿœ-]+)?)\s*$", re.IGNORECASE)
_ROLE_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(ROLE_WORDS, key=len, reverse=True)) + r")\b"
                          r"(?:[^,.;:«»\n]{0,60},)?\s*$", re.IGNORECASE)
_AGE_AFTER = re.compile(r",\s*\d{1,3}\s+ans\b")
_ARTICLE_BEFORE = re.compile(r"\b(?:le|la|les|l['’]|un|une|des)\s*$", re.IGNORECASE)
_SURNAME_PARTICLE = re.compile(r"(?:\s+(?:Le|La|Du|De|Des|de|du|des|d['’]|Van|van|Von|von|Ben|ben|El|Al))+\s*[A-ZÉÈ][\w\-]+")
# A weekday or a month that opens a sentence ("Mardi, les députés ...") is no name.
_CALENDAR_WORDS = frozenset("lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril mai juin "
                            "juillet août septembre octobre novembre décembre".split())
_ELISION = re.compile(r"^(?:[lLdD]|[qQ]u)['’]")
_LEADING_WORDS = frozenset({"le", "la", "les", "l'", "l’", "du", "de", "des", "d'", "d’", "un", "une", "au", "aux"})
_ACRONYM_IN_BRACKETS = re.compile(r"\([ \u00a0\u202f]*(?P<acronym>[A-ZÉ][A-Za-zÉé]{1,9})(?:[ \u00a0\u202f]+\d{1,3})?"
                                  r"[ \u00a0\u202f]*\)")
_ACRONYM_WORD = re.compile(r"(?<![\w-])[\w-]+(?:['’](?=\w))?")
_PLACE_COMPLEMENT = re.compile(r"[ \u00a0\u202f]+(?:de[ \u00a0\u202f]+la|de|du|des|d['’])[ \u00a0\u202f]*[A-ZÉ][\w-]+$")
_ACRONYM_FILLERS = frozenset("de du des d' d’ la le les l' l’ et en à au aux pour sur contre dans par".split())
# Lower-case nouns that open an institution's name ("le service départemental d'incendie et de secours").
_INSTITUTION_NOUNS = frozenset("service établissement centre observatoire chambre organisation régie agence "
                               "office institut conseil direction caisse mutuelle centrale".split())
# The present of speech verbs, which the model may tag as adjectives after a name ("rappelle", "juge").
_SPEECH_PRESENT = SPEECH_FORMS | frozenset(
    stem + doubled + ending for lemma in SPEECH_LEMMAS if lemma.endswith("er")
    for stem in [lemma.removeprefix("s'")[:-2]] for doubled in ("", stem[-1:]) for ending in ("e", "ent"))
_OPENING_PARTICIPLES = frozenset(f"{stem}{ending}" for stem in ("invité", "interrogé", "contacté", "interpellé",
                                                                  "questionné", "sollicité", "joint", "reçu")
                                  for ending in ("", "e", "s", "es"))
_NOT_GIVEN_NAMES = frozenset("monsieur madame selon pour mais et le la les de du des un une son sa ses".split())
_PARTICLE_BEFORE = re.compile(r"(?:\bM\.|\bMme|\bMe|\bDr|\b[A-ZÉ][a-zéèëï]+(?:-[A-ZÉ][a-zéèëï]+)?)[ \u00a0]+"
                              r"(?P<particle>Le|La|Du|Des|De|Van|Von)[ \u00a0]+$")
_PARTICLES = frozenset("van von de du der den le la".split())
_SURNAME_AFTER = re.compile(r"[ \u00a0](?P<surname>(?:(?:Le|La|Du|De|Des|Van|Von|de|du|van|von)[ \u00a0])?[A-ZÉÈ][a-zàâçéèêëîïôûùüÿœ'’]+(?:-[A-ZÉÈ][a-zàâçéèêëîïôûùüÿœ]+)?)\b"
                            r"(?![ \u00a0]*[A-ZÉÈ])")
# A title and the capitalised words after it ("Mme Nadia Benhamou", "M. Le Goff", "Me Lucien Kerhervé").
_TITLED_WORD = (r"(?:(?:Le|La|Du|De|Des|Van|Von|de|du|van|von)[ \u00a0]+)?[A-ZÉÈÂÎÔ][a-zàâçéèêëîïôûùüÿœ'’]+"
                r"(?:-[A-ZÉÈ][a-zàâçéèêëîïôûùüÿœ]+)?")
_TITLED_NAME = re.compile(rf"(?<![\w.]){SHORT_TITLES}[ \u00a0]+(?P<name>{_TITLED_WORD}(?:[ \u00a0]+{_TITLED_WORD}){{0,2}})")
_PERSON_AFTER_PLACE = re.compile(r"\s(?P<given>[A-ZÉÈ][a-zàâçéèêëîïôûùüÿœ]+(?:-[A-ZÉÈ][a-zàâçéèêëîïôûùüÿœ]+)?)"
                                r"\s[A-ZÉÈ][\w'’-]+$")
_HYPHENED_PART = re.compile(r"-[A-ZÉÈ][\w]*")
_TITLE_INSIDE = re.compile(rf"[ \u00a0](?P<title>{SHORT_TITLES})[ \u00a0]+(?=[A-ZÉÈ])")
_SENTENCE_INSIDE = re.compile(r"[.!?…][ \u00a0]+(?=[A-ZÉÈ])")
_GIVEN_AND_SURNAME = re.compile(
    r"(?<![\w'’.-])(?P<given>[A-ZÉÈ][a-zàâçéèêëîïôûùüÿœ]+(?:-[A-ZÉÈ][a-zàâçéèêëîïôûùüÿœ]+)?)[ \u00a0]+"
    r"(?P<surname>(?:(?:Le|La|Du|De|Des|Van|Von|de|du|van|von)[ \u00a0]+)?[A-ZÉÈ][a-zàâçéèêëîïôûùüÿœ'’]+"
    r"(?:-[A-ZÉÈ][a-zàâçéèêëîïôûùüÿœ]+)?)(?![\w-]|[ \u00a0]+[A-ZÉÈ])")
_LOWER_CASE_INSTITUTIONS = frozenset("ministère préfecture parquet tribunal mairie rectorat ambassade consulat chambre "
                                     "cour agence".split())
_NAME_PUNCTUATION = " \t\n,;:.!?«»\"'’()[]—–-"


def extract_french_entities(doc: Doc, *, title_end: int = 0) -> list[Entity]:
    text = doc.text
    found: list[tuple[str, str, int, int, bool]] = []  # (name, label, start, end, had a title)
    # A name that one mention's context shows to be an organisation is one in all its mentions.
    organisations: set[str] = set()
    covered = -1  # the end of the last name a given name was extended to
    for ent in doc.ents:
        if len(ent) == 1 and ent[0].pos_ in ("VERB", "AUX", "PRON", "ADV"):
            continue  # "Pouvez-vous ...": a capitalised verb, not a name
        if ent.start_char < covered:
            continue  # the surname the given name before it took ("Loïc" + "Le Gourrierec")
        end_char = ent.end_char
        label_name = ent.label_
        surname = _SURNAME_AFTER.match(text, end_char)
        if surname and _is_given_name(ent[-1].text) and not any(
                other.start_char == surname.start("surname") and other.label_ == "PER" for other in doc.ents):
            # "Marc-Antoine" or "Sarah" (which the model may call MISC) before a capitalised word it left out or
            # took for a place: the person's given name and surname.
            end_char, label_name, covered = surname.end(), "PER", surname.end()
        if label_name == "PER" and ent[-1].lower_ in _PARTICLES and len(ent) > 1:
            end_char = ent[-1].idx - 1  # "Femke van" before "Dorp": the particle opens the surname after it
        if label_name == "PER":
            particle = _SURNAME_PARTICLE.match(text, end_char)
            end_char = particle.end() if particle else end_char  # "Sophie Le Goff", "Jean de La Fontaine"
        start_char = ent.start_char
        particle_before = _PARTICLE_BEFORE.search(text, max(0, start_char - 20), start_char)
        if label_name == "PER" and particle_before is not None:
            start_char = particle_before.start("particle")  # "M. Le Bihan" whose "Le" the model left out
        sentence_end = _SENTENCE_INSIDE.search(text, start_char, end_char)
        if sentence_end is not None and not re.search(r"\b(?:M|MM|Mme|Me|Dr|Pr|St)\.$", text[start_char:sentence_end.start() + 1]):
            start_char = sentence_end.end()  # "30 M€. La Fédération française": the name starts its sentence
        while label_name == "ORG" and (hyphened := _HYPHENED_PART.match(text, end_char)) is not None:
            end_char = hyphened.end()  # "la CFDT-Métallurgie", "la FNME-CGT", which the model cuts at the hyphen
        title_inside = _TITLE_INSIDE.search(text, start_char + 1, end_char)
        if title_inside is not None:
            # "a déclaré à l'AFP M. Rémi Castaing", run together by the model: the titled person
            start_char, label_name = title_inside.start("title"), "PER"
        if "\n" in text[start_char:end_char]:
            # A name does not cross a paragraph: the model runs a headline's last word into the story's first.
            start_char = text.rindex("\n", start_char, end_char) + 1
        while " " in text[start_char:end_char].strip() and \
                text[start_char:end_char].split()[-1].casefold() in _SPEECH_PRESENT:
            end_char = start_char + text[start_char:end_char].rstrip().rindex(" ")  # "Sortir du nucléaire juge"
        cleaned = _clean(text, start_char, end_char)
        if cleaned is None:
            continue
        name, start, end, had_title = cleaned
        if name.split()[0].casefold() in ORGANISATION_FIRST_WORDS:
            # "Confédération paysanne", "Fédération française de ski", "Cour des comptes": the model often stops
            # at the first word of an institution's name; it runs on through adjectives and "de" complements.
            end = _institution_end(doc, end)
            name = " ".join(text[start:end].split())
        if start == 0 and len(name.split()) == 1 and text[end:end + 3].lstrip(" \u00a0\u202f").startswith(":"):
            continue  # the rubric of a headline, "Pneumatiques : Dorval va supprimer ...", is no name
        if name.split()[0].casefold() in _OPENING_PARTICIPLES:
            continue  # "Invitée de France Inter, elle ...": a participle that opens the sentence, not a name
        label = LABELS.get(label_name, "MISC")
        if label == "PERSON" and any(character.isdigit() or character in "€$£%" for character in name):
            continue  # "Mené 0-2 à la pause", "Md€": a score or a unit the model ran into a word
        person_inside = _PERSON_AFTER_PLACE.search(name)
        if label != "PERSON" and person_inside is not None and world_gender_of_given_name(
                person_inside.group("given")) is not None and is_political_place(name[:person_inside.start()].strip()):
            # "la sénatrice du Val-de-Marne Évelyne Girardin", run together by the model: the person after the place
            start += person_inside.start("given")
            name, label = name[person_inside.start("given"):], "PERSON"
        # ("Grand Chelem" looks like a name but opens with an adjective.)
        if had_title or (label == "MISC" and _looks_like_a_person(name)
                         and (ent[0].pos_ == "PROPN" or _is_given_name(name.split()[0]))):
            label = "PERSON"
        if label != "PERSON" and _looks_like_a_person(name) and _is_introduced_as_a_person(text, name, start, end):
            label = "PERSON"  # "la directrice générale de Kelvio, Inès Barthélemy, 34 ans", which the model read as ORG
        if name in SEATS_OF_POWER:
            label = "ORG"  # "selon Matignon": the government, not the building
        elif label in ("LOC", "MISC") and _opens_with_an_acronym(name) and not is_political_place(name):
            label = "ORG"  # "la FDSEA des Deux-Sèvres", "le SNUipp-FSU": a body's acronym, whatever place follows
        elif label != "GPE" and not had_title and _is_organisation(text, name, start):
            label = "ORG"  # "un analyste de Kepler Cheuvreux", "chez Oddo BHF", "le groupe Les Républicains"
            organisations.add(name)
        elif not had_title and _is_nationality(text, name, start):
            label = "MISC"  # "le Français Théo Marchal", "la Suédoise"
        found.append((name, label, start, end, had_title))
    for start, end in _ministries(doc):
        found = [item for item in found if not start <= item[2] < end]
        found.append((" ".join(text[start:end].split()), "ORG", start, end, False))
    for institution in _bracketed_acronyms(text):
        # "la Commission de régulation de l'énergie (CRE)": the full name the model missed or cut, and the
        # acronym, wherever it is written, is the same body.
        found = [item for item in found if not institution.start <= item[2] < institution.end
                 and item[2] != institution.acronym_start]
        found.append((institution.name, "ORG", institution.start, institution.end, False))
        found.append((institution.name, "ORG", institution.acronym_start,
                      institution.acronym_start + len(institution.acronym), False))
        found = [(institution.name, "ORG", *item[2:]) if item[0] == institution.acronym else item for item in found]
    found += _given_names_before_surnames(text, found)
    found += _titled_names_missed(text, found)
    found += _given_names_missed(text, found)
    people = {name for name, label, _, _, _ in found if label == "PERSON" and len(name.split()) > 1}
    # A surname alone joins the full name it ends, particles included ("Le Guével" -> Carole Le Guével).
    by_surname = {" ".join(name.split()[cut:]): name for name in sorted(people, key=lambda name: (len(name), name))
                  for cut in range(1, len(name.split())) if name.split()[cut][:1].isupper()}  # longest wins
    by_short_name = _short_names_of_bodies(found, by_surname)
    entities: dict[tuple[str, str], Entity] = {}
    for name, label, start, end, had_title in found:
        if name in by_surname and by_surname[name] != name:
            name, label = by_surname[name], "PERSON"
        elif name in by_short_name and not had_title:
            name, label = by_short_name[name], "ORG"  # "Valmont" for Valmont Automobiles, "Derval" for Laboratoires Derval
        elif label == "PERSON" and name in organisations and not had_title:
            label = "ORG"
        if label == "LOC" and is_political_place(name) or label in ("ORG", "MISC") and _is_country(name):
            label = "GPE"  # "l'Allemagne", which the model may take for an organisation
        entity = entities.setdefault((name, label), Entity(name, label, 0.0, []))
        entity.mentions.append(Mention(text[start:end], start, end, label))
    merged = _one_label_per_name(list(entities.values()))
    _surnames_alone(text, merged, by_surname)
    return ranked(merged, len(text), title_end)


def _surnames_alone(text: str, entities: list[Entity], by_surname: dict[str, str]) -> None:
    """"Laborde, lui, a refusé ...": a person's surname written alone later, which the model did not take for a
    name, is a mention of them (when no other person has that surname)."""
    covered = [(mention.start, mention.end) for entity in entities for mention in entity.mentions]
    people = {entity.name: entity for entity in entities if entity.label == "PERSON"}
    for surname, name in by_surname.items():
        person = people.get(name)
        if person is None or len(surname) < 3:
            continue
        for match in re.finditer(rf"(?<![\w'’-]){re.escape(surname)}(?![\w'’-])", text):
            if any(start < match.end() and match.start() < end for start, end in covered) or \
                    re.search(r"[A-ZÉÈ][\w-]*[ \u00a0]+$", text[max(0, match.start() - 30):match.start()]):
                continue  # a mention already, or another person's given name before it
            person.mentions.append(Mention(match.group(), match.start(), match.end(), "PERSON"))
            covered.append(match.span())
        person.mentions.sort(key=lambda mention: mention.start)


@dataclass(frozen=True, slots=True)
class _Institution:
    name: str
    start: int
    end: int
    acronym: str
    acronym_start: int


def _short_names_of_bodies(found: list[tuple[str, str, int, int, bool]], by_surname: dict[str, str]) -> dict[str, str]:
    """The distinctive word of a body's name, by which the text names it again: "Valmont" (Valmont Automobiles),
    "Derval" (Laboratoires Derval); not a word of its kind ("Laboratoires", "Groupe"), a place ("Stade de Reims"
    is not "Reims"), a given name, a person's surname or a word two bodies share."""
    claims: dict[str, set[str]] = {}
    for name, label, _, _, _ in found:
        if label != "ORG" or len(name.split()) < 2:
            continue
        for word in name.split():
            if len(word) >= 4 and word[:1].isupper() and word.casefold() not in ORGANISATION_FIRST_WORDS \
                    and word.casefold() not in ORGANISATION_LAST_WORDS and word not in by_surname \
                    and not _is_given_name(word) and not is_political_place(word):
                claims.setdefault(word, set()).add(name)
    return {word: names.pop() for word, names in claims.items() if len(names) == 1}


def _given_names_before_surnames(text: str, found: list[tuple[str, str, int, int, bool]]) -> list[
        tuple[str, str, int, int, bool]]:
    """"Loïc Le Gourrierec", whose given name the model took for a place, when "M. Le Gourrierec" is a person
    elsewhere: a capitalised word written just before a titled person's surname is their given name."""
    surnames = {name for name, label, _, _, had_title in found if label == "PERSON" and had_title}
    full = []
    for surname in surnames:
        for match in re.finditer(rf"(?<![\w'’-])(?P<given>[A-ZÉÈ][a-zàâçéèêëîïôûùüÿœ]+(?:-[A-ZÉÈ][a-zàâçéèêëîïôûùüÿœ]+)?)"
                                 rf"[ \u00a0]+{re.escape(surname)}\b", text):
            given = match.group("given")
            if given in TITLES or given.casefold() in _NOT_GIVEN_NAMES or _opens_a_sentence(text, match.start()):
                continue
            full.append((f"{given} {surname}", "PERSON", match.start(), match.end(), False))
    return full


def _titled_names_missed(text: str, found: list[tuple[str, str, int, int, bool]]) -> list[
        tuple[str, str, int, int, bool]]:
    """"dénonce Mme Nadia Benhamou, déléguée syndicale": a title before capitalised words names a person, even
    where the model found no name at all."""
    missed = []
    for match in _TITLED_NAME.finditer(text):
        start, end = match.span("name")
        if _overlaps_a_name(found, start, end):
            continue
        missed.append((" ".join(match.group("name").split()), "PERSON", start, end, True))
    return missed


def _overlaps_a_name(found: list[tuple[str, str, int, int, bool]], start: int, end: int) -> bool:
    return any(item[2] < end and start < item[3] for item in found)


def _given_names_missed(text: str, found: list[tuple[str, str, int, int, bool]]) -> list[
        tuple[str, str, int, int, bool]]:
    """"souffle Yannick Le Goff, patron d'un chalutier": a given name the world lists know and a capitalised
    word after it name a person, where the model found no name at all."""
    missed = []
    for match in _GIVEN_AND_SURNAME.finditer(text):
        start, end = match.span()
        given = match.group("given")
        if _overlaps_a_name(found, start, end) or world_gender_of_given_name(given) is None \
                or given.casefold() in _CALENDAR_WORDS or is_political_place(given) or \
                is_political_place(match.group("surname")):
            continue
        missed.append((" ".join(match.group(0).split()), "PERSON", start, end, False))
    return missed


def _bracketed_acronyms(text: str) -> list[_Institution]:
    """Bodies the text names in full with their acronym in brackets, the initials of the name's words (its
    articles and prepositions aside) spelling it: "la Fédération française de ski (FFS)", "le service
    départemental d'incendie et de secours (SDIS 17)", "l'Agence nationale de la sécurité des systèmes
    d'information (Anssi)". Only names that start with a capital or an institution's noun: "le produit intérieur
    brut (PIB)" is no body."""
    institutions = []
    for bracket in _ACRONYM_IN_BRACKETS.finditer(text):
        acronym = bracket.group("acronym")
        if not (acronym.isupper() or len(acronym) >= 4):
            continue
        letters = without_accents(acronym).upper()
        sentence_start = max(text.rfind(mark, 0, bracket.start()) for mark in (". ", "\n", "« ", ": ")) + 1
        end = bracket.start()
        while end > sentence_start and text[end - 1] in " \u00a0\u202f":
            end -= 1
        # The place an acronym's number stands for may follow the spelled words: "(...) de la Charente-Maritime
        # (SDIS 17)".
        place = _PLACE_COMPLEMENT.search(text, sentence_start, end)
        for spelled_end in (end, place.start() if place else None):
            start = _spelled_start(text, sentence_start, spelled_end, letters) if spelled_end else None
            if start is not None:
                institutions.append(_Institution(" ".join(text[start:end].split()), start, end, acronym,
                                                 bracket.start("acronym")))
                break
    return institutions


def _spelled_start(text: str, lower: int, end: int, letters: str) -> int | None:
    """Where the words before `end` whose initials spell `letters` start, if they name a body."""
    initials = ""
    for word in reversed(list(_ACRONYM_WORD.finditer(text, lower, end))[-16:]):
        if word.group().casefold() in _ACRONYM_FILLERS:
            continue
        initials = without_accents(word.group())[0].upper() + initials
        if not letters.endswith(initials):
            return None
        if initials == letters:
            first = word.group()
            named = first[:1].isupper() or first.casefold() in ORGANISATION_FIRST_WORDS | _INSTITUTION_NOUNS
            return word.start() if named else None
    return None


def _is_given_name(word: str) -> bool:
    plain = without_accents(word)
    return word[:1].isupper() and (gender_of_given_name(word) is not None or gender_of_given_name(plain) is not None
                                   or world_gender_of_given_name(word) is not None)


def _opens_with_an_acronym(name: str) -> bool:
    first = re.split(r"[\s-]", name)[0]
    return len(first) >= 3 and first.isalpha() and first.isupper()


def _ministries(doc: Doc) -> list[tuple[int, int]]:
    """"le ministère de l'Agriculture", "la préfecture des Deux-Sèvres", "le parquet de Nantes": the name of a
    ministry or of the State's local seat starts in lower case, and the model finds at most its last word."""
    spans = []
    for token in doc:
        if token.lower_ in _LOWER_CASE_INSTITUTIONS:
            end = _institution_end(doc, token.idx + len(token))
            if end > token.idx + len(token) and any(char.isupper() for char in doc.text[token.idx:end]):
                spans.append((token.idx, end))
    return spans


def _institution_end(doc: Doc, end: int) -> int:
    span = doc.char_span(end, len(doc.text), alignment_mode="expand")
    if span is None:
        return end
    tokens = list(span[:14])
    taken = 0
    position = 0
    while position < len(tokens):
        token = tokens[position]
        following = tokens[position + 1] if position + 1 < len(tokens) else None
        # (An "adjective" followed by an article is a verb the model mistook: "le Sénat étrille la politique".)
        if token.pos_ == "ADJ" and token.is_lower and not (following is not None and following.pos_ == "DET") \
                and token.lower_ not in _SPEECH_PRESENT:  # "le ministère de la Culture rappelle": a verb
            position += 1
            taken = position
        elif token.lower_ in ("de", "des", "du", "d'", "d’") and position + 1 < len(tokens) and \
                (tokens[position + 1].pos_ in ("NOUN", "PROPN") or tokens[position + 1].is_title) and \
                not (tokens[position + 1].like_num and not _hyphen_follows(tokens, position + 1)):
            position += 2
            taken = position
        elif token.text == "-" and taken == position and position + 1 < len(tokens) and \
                tokens[position + 1].text[:1].isupper():
            position += 2  # "des Deux-Sèvres", which the model cuts at its hyphen
            taken = position
        elif token.text == "-" and taken == position and position + 2 < len(tokens) and \
                tokens[position + 1].lower_ in ("d'", "d’", "de", "la", "le") and tokens[position + 2].text[:1].isupper():
            position += 3  # "des Côtes-d'Armor"
            taken = position
        elif taken == position and token.lower_ in ("et", "en") and position + 1 < len(tokens) and (
                tokens[position + 1].text[:1].isupper() and token.lower_ == "en" or token.lower_ == "et" and
                position + 2 < len(tokens) and tokens[position + 1].lower_ in ("de", "des", "du", "d'", "d’")
                and any(following.text[:1].isupper() for following in tokens[position + 2:position + 6])):
            # "de l'Enseignement supérieur et de la Recherche", "l'ambassade de Chine en France": the name goes on
            position += 1 if token.lower_ == "et" else 2
            if token.lower_ == "en":
                taken = position
        elif token.lower_ in ("de", "d'", "d’") and position + 2 < len(tokens) and \
                tokens[position + 1].lower_ in ("la", "l'", "l’") and tokens[position + 2].pos_ in ("NOUN", "PROPN"):
            position += 3
            taken = position
        else:
            break
    return tokens[taken - 1].idx + len(tokens[taken - 1]) if taken else end


def _hyphen_follows(tokens: list, position: int) -> bool:
    return position + 1 < len(tokens) and tokens[position + 1].text == "-"


def _is_introduced_as_a_person(text: str, name: str, start: int, end: int) -> bool:
    """A given name first, a role just before ("la conseillère Nadia Berthier", "le maire, Paul Delattre") or an
    age just after ("Inès Barthélemy, 34 ans")."""
    first = name.split()[0]
    plain = without_accents(first)
    return (gender_of_given_name(first) is not None or gender_of_given_name(plain) is not None
            or _ROLE_BEFORE.search(text, max(0, start - 80), start) is not None
            or _AGE_AFTER.match(text, end) is not None)


def _is_organisation(text: str, name: str, start: int) -> bool:
    words = name.casefold().split()
    line_start = text.rfind("\n", 0, start) + 1  # "... premier titre ⏎ ⏎ Inès Cazaubon": not "le titre Inès"
    return (words[0] in ORGANISATION_FIRST_WORDS or (len(words) > 1 and words[-1] in ORGANISATION_LAST_WORDS)
            or _COMPANY_BEFORE.search(text, max(0, start - 40, line_start), start) is not None)


def _is_nationality(text: str, name: str, start: int) -> bool:
    return (" " not in name and name.casefold().endswith(NATIONALITY_ENDINGS)
            and _ARTICLE_BEFORE.search(text, max(0, start - 6), start) is not None
            and not _is_country(name))


def _clean(text: str, start: int, end: int) -> tuple[str, int, int, bool] | None:
    """The name inside an entity span without titles, roles, leading articles and elisions."""
    words = [(m.group(0), start + m.start()) for m in re.finditer(r"\S+", text[start:end])]
    had_title = False
    stripped: list[str] = []
    while words:
        word = words[0][0]
        folded = word.casefold()
        if word in TITLES or folded.rstrip(".") in {t.casefold().rstrip(".") for t in TITLES}:
            had_title = True
        elif word in ("Les", "La", "Le") and len(words) > 1 and not _opens_a_sentence(text, words[0][1]):
            break  # "le groupe Les Républicains", "La France insoumise": a capitalised article is the name's
        elif folded in _LEADING_WORDS or folded in ROLE_WORDS or (word[:1].islower() and len(words) > 1):
            pass
        elif len(words) > 2 and folded.endswith(NATIONALITY_ENDINGS + ("ène", "ènes", "èque", "èques")) and \
                (stripped[-1:] in (["le"], ["la"], ["l'"], ["l’"], ["les"])
                 or not stripped and _ARTICLE_BEFORE.search(text, max(0, start - 6), start)):
            pass  # "le Roumain Adrian Popovici": a nationality before a name (not "Carole Le Guével")
        else:
            break
        stripped.append(words.pop(0)[0].casefold())
    if not words:
        return None
    if any(word in ROLE_WORDS for word in stripped) and stripped[-1] in ("de", "des", "du", "d'", "d’"):
        return None  # "ministre des Transports" is a role, not a name
    first, first_start = words[0]
    elided = _ELISION.match(first)
    if elided and first[:2] in ("L'", "L’") and len(words) == 1 and not _opens_a_sentence(text, first_start):
        elided = None  # "Interrogée par L'Équipe": a capital article inside a sentence is the name's
    if elided:
        first_start += elided.end()
    name_start, name_end = first_start, words[-1][1] + len(words[-1][0])
    while name_end > name_start and text[name_end - 1] in _NAME_PUNCTUATION:
        name_end -= 1
    name = " ".join(text[name_start:name_end].split())
    if len(name) < 2 or not name[:1].isupper() or name.casefold() in ROLE_WORDS | _CALENDAR_WORDS:
        return None
    return name, name_start, name_end, had_title


def _opens_a_sentence(text: str, position: int) -> bool:
    before = text[:position].rstrip(" \u00a0\u202f«“\"")
    if re.search(r"\b(?:M|MM|Mme|Mlle|Me|Dr|Pr)\.?$", before):
        return False  # "M. Le Bihan": a title, not a sentence, ends before the name
    return not before or before[-1] in ".!?…:\n—–"


def _looks_like_a_person(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 3 and all(word[:1].isupper() and word[1:].islower() for word in words if "-" not in word)


def is_political_place(name: str) -> bool:
    """A country, region or city: the place gazetteer's, or a subdivision pycountry names in its own language
    (French départements and régions, "Haute-Savoie", "Auvergne-Rhône-Alpes")."""
    return (any(candidate.place.feature in ("country", "admin1", "city") for candidate in gazetteer().candidates(name))
            or name.casefold() in _subdivision_names())


@cache
def _subdivision_names() -> frozenset[str]:
    return frozenset(subdivision.name.casefold() for subdivision in pycountry.subdivisions)


def _is_country(name: str) -> bool:
    return any(candidate.place.feature == "country" for candidate in gazetteer().candidates(name))


def _one_label_per_name(entities: list[Entity]) -> list[Entity]:
    """A name the model labelled two ways is one entity, under the label most of its mentions have."""
    by_name: dict[str, list[Entity]] = {}
    for entity in entities:
        by_name.setdefault(entity.name, []).append(entity)
    merged = []
    for name, group in by_name.items():
        best = max(group, key=lambda entity: len(entity.mentions))
        mentions = sorted((m for entity in group for m in entity.mentions), key=lambda m: m.start)
        for mention in mentions:
            mention.label = best.label
        merged.append(Entity(name, best.label, 0.0, mentions))
    return merged
