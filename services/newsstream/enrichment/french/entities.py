"""Entities of a French article: the French model's PER, ORG, LOC and MISC mapped to the English label set
where the meaning is the same (PER -> PERSON, ORG -> ORG, LOC -> GPE when the place gazetteer knows it as a
country, state or city, else LOC), MISC kept as MISC; names cleaned of titles, roles and elided articles
("Mme Élisabeth Borne" -> Élisabeth Borne, "Le Premier ministre Jean Castex" -> Jean Castex, "l'Insee" ->
Insee); a surname alone joins the full name it ends ("Castex" -> Jean Castex), whatever the model labelled it.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..entities.extract import _ranked
from ..places import gazetteer
from ..records import Entity, Mention
from .vocabulary import ROLE_WORDS, TITLES

LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}
_COMPANY_BEFORE = re.compile(
    r"(?:\banalystes?\s+(?:de|d['’]|chez)|\bchez|\bcabinet|\bbanque|\bsociété|\bgroupe|\bentreprise|"
    r"\bconstructeur|\bfirme|\bmarque|\bcompagnie)\s*$", re.IGNORECASE)
_SURNAME_PARTICLE = re.compile(r"(?:\s+(?:Le|La|Du|De|Des|de|du|des|d['’]|Van|van|Von|von|Ben|ben|El|Al))+\s*[A-ZÉÈ][\w\-]+")
_ELISION = re.compile(r"^(?:[lLdD]|[qQ]u)['’]")
_LEADING_WORDS = frozenset({"le", "la", "les", "l'", "l’", "du", "de", "des", "d'", "d’", "un", "une", "au", "aux"})
_NAME_PUNCTUATION = " \t\n,;:.!?«»\"'’()[]—–-"


def extract_french_entities(doc: Doc, *, title_end: int = 0) -> list[Entity]:
    text = doc.text
    found: list[tuple[str, str, int, int]] = []  # (name, label, start, end)
    for ent in doc.ents:
        if len(ent) == 1 and ent[0].pos_ in ("VERB", "AUX", "PRON", "ADV"):
            continue  # "Pouvez-vous ...": a capitalised verb, not a name
        end_char = ent.end_char
        if ent.label_ == "PER":
            particle = _SURNAME_PARTICLE.match(text, end_char)
            end_char = particle.end() if particle else end_char  # "Sophie Le Goff", "Jean de La Fontaine"
        cleaned = _clean(text, ent.start_char, end_char)
        if cleaned is None:
            continue
        name, start, end, had_title = cleaned
        label = LABELS.get(ent.label_, "MISC")
        if had_title or (label == "MISC" and _looks_like_a_person(name)):
            label = "PERSON"
        if label == "PERSON" and not had_title and _COMPANY_BEFORE.search(text, max(0, start - 30), start):
            label = "ORG"  # "un analyste de Kepler Cheuvreux", "chez Oddo BHF"
        found.append((name, label, start, end))
    people = {name for name, label, _, _ in found if label == "PERSON" and len(name.split()) > 1}
    by_surname = {name.split()[-1]: name for name in sorted(people)}
    entities: dict[tuple[str, str], Entity] = {}
    for name, label, start, end in found:
        if name in by_surname and len(name.split()) == 1:
            name, label = by_surname[name], "PERSON"
        if label == "LOC" and _is_political_place(name) or label in ("ORG", "MISC") and _is_country(name):
            label = "GPE"  # "l'Allemagne", which the model may take for an organisation
        entity = entities.setdefault((name, label), Entity(name, label, 0.0, []))
        entity.mentions.append(Mention(text[start:end], start, end, label))
    merged = _one_label_per_name(list(entities.values()))
    return _ranked(merged, len(text), title_end)


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
        elif folded in _LEADING_WORDS or folded in ROLE_WORDS or (word[:1].islower() and len(words) > 1):
            pass
        else:
            break
        stripped.append(words.pop(0)[0].casefold())
    if not words:
        return None
    if any(word in ROLE_WORDS for word in stripped) and stripped[-1] in ("de", "des", "du", "d'", "d’"):
        return None  # "ministre des Transports" is a role, not a name
    first, first_start = words[0]
    elided = _ELISION.match(first)
    if elided:
        first_start += elided.end()
    name_start, name_end = first_start, words[-1][1] + len(words[-1][0])
    while name_end > name_start and text[name_end - 1] in _NAME_PUNCTUATION:
        name_end -= 1
    name = " ".join(text[name_start:name_end].split())
    if len(name) < 2 or not name[:1].isupper() or name.casefold() in ROLE_WORDS:
        return None
    return name, name_start, name_end, had_title


def _looks_like_a_person(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 3 and all(word[:1].isupper() and word[1:].islower() for word in words if "-" not in word)


def _is_political_place(name: str) -> bool:
    return any(candidate.place.feature in ("country", "admin1", "city") for candidate in gazetteer().candidates(name))


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
