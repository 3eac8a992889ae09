"""Figures in French text: "9 000 emplois", "3,5 %", "2 milliards d'euros", "45 M€", "plus de 40 gares".

Numbers group thousands with a space, a no-break space or a narrow no-break space and use a decimal comma;
a multiplier word ("millions de", "milliards d'") scales them; what follows says the kind: a currency (money),
"%" or "pour cent" (percent), a unit (quantity), a time unit (duration; "âgé de 54 ans" an age), else the
counted noun (its lemma, singular). Years, dates ("le 3 mars"), clock times and scores are not figures.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..records import Figure
from .vocabulary import (CURRENCIES, DURATION_UNITS, MULTIPLIERS, NUMBER_WORDS, QUALIFIERS, QUANTITY_UNITS,
                         ROLE_WORDS)

_SPACE = "[ \u00a0\u202f]"
_WORDS = "|".join(sorted((w for w in NUMBER_WORDS if w not in ("un", "une")), key=len, reverse=True))
_NUMBER = re.compile(
    rf"(?<![\w,.\-/])(?P<int>\d{{1,3}}(?:{_SPACE}\d{{3}})+|\d+)(?:,(?P<dec>\d+))?(?![\d\-/:h])"
    rf"|(?<![\w-])(?P<word>(?:{_WORDS})(?:-(?:et-)?(?:{_WORDS}))*(?:{_SPACE}(?:cents?|mille)\b)?)(?=\s)",
    re.IGNORECASE)
_MULTIPLIER = re.compile(
    rf"{_SPACE}+(?P<mult>{'|'.join(sorted(MULTIPLIERS, key=len, reverse=True))})\b(?:{_SPACE}+(?:de|d['’]))?",
    re.IGNORECASE)
# "45 M€" is 45 million euros, "3 Md€" 3 billion.
_ABBREVIATION_SCALE = {"m": 1_000_000, "md": 1_000_000_000, "mds": 1_000_000_000, "mrd": 1_000_000_000,
                       "mrds": 1_000_000_000, "k": 1_000}
_ABBREVIATED_MONEY = re.compile(rf"{_SPACE}*(?P<abbr>Mds?€|Mrds?€|Md€|M€|k€|€|\$|£)", re.IGNORECASE)
_AFTER = re.compile(rf"{_SPACE}*(?:de{_SPACE}+|d['’])?(?P<word>%|pour{_SPACE}+cent|[^\W\d_][\w²\-]*|€|\$|£)",
                    re.IGNORECASE)
_COMPOUND_DURATION = re.compile(
    rf"(?<![\w,])(?:(?P<h>\d{{1,2}}){_SPACE}*h{_SPACE}*(?P<hm>\d{{1,2}}){_SPACE}*min(?:{_SPACE}*(?P<hs>\d{{1,2}}){_SPACE}*s)?"
    rf"|(?P<m>\d{{1,3}}){_SPACE}*min{_SPACE}*(?P<ms>\d{{1,2}}){_SPACE}*s(?:{_SPACE}*(?P<mcs>\d{{2}}))?"
    rf"|(?P<s>\d{{1,3}}){_SPACE}*s{_SPACE}*(?P<cs>\d{{2}}))\b")
_FRACTIONS_OF_A_SECOND = {"centième": 0.01, "dixième": 0.1, "millième": 0.001}
_MONTHS = frozenset("janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split())
_AGE_BEFORE = re.compile(r"(?:âgée?s?\s+de(?:\s+(?:moins|plus)\s+de)?|à\s+l['’]âge\s+de|,|\(|(?-i:\bÀ)|\b(?:ses|leurs|mes|nos)"
                         r"|\b(?:les|aux|des)\s+(?:moins|plus)\s+de"
                         r"|\b(?P<who>[\w-]+)(?:\s+[\w-]+)?\s+de(?:\s+\d+\s+à)?)\s*$", re.IGNORECASE)
_RANGE_CURRENCY = re.compile(
    rf"{_SPACE}+(?:à|et|ou){_SPACE}+[\d{_SPACE[1:-1]},]+{_SPACE}*(?:millions?|milliards?)?{_SPACE}*(?:de{_SPACE}+|d['’])?"
    rf"(?P<currency>euros|dollars|livres|€|\$|£)", re.IGNORECASE)
_CLOCK_BEFORE = re.compile(r"\b(?:à|vers|dès|jusqu['’]à|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s*$",
                           re.IGNORECASE)
# "il y a dix mois", "dans vingt ans", "à cinq jours du second tour" (below): when, not how long.
_RELATIVE_BEFORE = re.compile(r"\b(?:il\s+y\s+a|voici|dans)\s*$", re.IGNORECASE)
_AT_BEFORE = re.compile(r"\bà\s*$", re.IGNORECASE)
_OF_AFTER = re.compile(r"\s+(?:de|du|des|d['’])\b", re.IGNORECASE)
_RELATIVE_AFTER = re.compile(r"\s+(?:après|plus\s+tard|plus\s+tôt|auparavant|avant)\b", re.IGNORECASE)
_NUMBERED_BEFORE = re.compile(r"\b(?:numéro|n°|no)\s*$", re.IGNORECASE)
_NOT_COUNTED = frozenset({"h", "heures", "et", "à", "de", "des", "du", "sur", "en", "pour", "par", "ou",
                          "contre", "millions", "milliards", "fois", "ferme"})  # "3,5 fois l'Ebitda": a ratio; "dont deux ferme"
_ORDINAL = re.compile(r"(?:e|er|ère|re|ème|es|ᵉ|ᵉʳ)\b")
_QUALIFIER_AFTER = re.compile(rf"{_SPACE}+(au{_SPACE}+moins|au{_SPACE}+minimum|au{_SPACE}+plus)\b", re.IGNORECASE)
_SQUARED = re.compile(rf"{_SPACE}+(carrés|carré|cubes|cube)\b", re.IGNORECASE)
_PAIRED_AFTER = re.compile(rf"{_SPACE}+(?:à|et|ou){_SPACE}+")
_PART_OF = re.compile(rf"{_SPACE}+(?:de|d['’]){_SPACE}*(?:ses|leurs|des|nos|vos|ces|mes){_SPACE}+")
_PLAIN_QUALIFIERS = "|".join(words for words in QUALIFIERS if "'" not in words)
_AMONG_BEFORE = re.compile(rf"\bdont{_SPACE}+(?:(?:{_PLAIN_QUALIFIERS}){_SPACE}+)?$", re.IGNORECASE)
_PAIRED_BEFORE = re.compile(rf"{_SPACE}+(?:contre|et|ou){_SPACE}+$")
# Adjectives between a number and what it counts: "les trois derniers mois", "60 bonnes minutes".
_BETWEEN = frozenset("derniers dernières premiers premières bons bonnes nouveaux nouvelles seuls seules petits "
                     "petites grands grandes longs longues prochains prochaines autres meilleurs meilleures principaux "
                     "principales".split())
# Who has an age: "un homme de 54 ans", "la biathlète de 24 ans" (not "un contrat de trois ans").
_PEOPLE = frozenset("homme hommes femme femmes garçon fille jeune jeunes joueur joueuse attaquant milieu défenseur "
                    "coureur coureuse biathlète skieur skieuse enfant enfants adolescent adolescente retraité "
                    "retraitée patient patiente victime salarié salariée agriculteur agricultrice éleveur "
                    "éleveuse père mère fils fille ouvreur pilier capitaine gardien gardienne dame grimpeur sprinteur nageur "
                    "nageuse sprinteuse élu élue âge ailier pilote cycliste athlète entraîneur entraîneuse étudiant "
                    "étudiante élève lycéen lycéenne collégien collégienne bébé mineur mineure suspect suspecte "
                    "prévenu prévenue accusé accusée conducteur conductrice passager passagère habitant habitante "
                    "militant militante policier policière soldat gaucher gauchère droitier droitière "
                    "demi technicien technicienne terrain troisième-ligne talonneur arrière centre nageur "
                    "descendeur".split())


def extract_figures(doc: Doc) -> list[Figure]:
    text = doc.text
    figures: list[Figure] = _compound_durations(doc)
    bare: list[re.Match[str]] = []  # numbers with nothing after them that says what they count
    currency: str | None = None
    for match in _NUMBER.finditer(text):
        if any(figure.start <= match.start() < figure.end for figure in figures):
            continue  # a part of "3 h 41 min"
        if _ORDINAL.match(text, match.end()):
            continue  # "la 88e minute", "la 6e place", "le 1er juillet": a rank or a date
        figure = _figure(doc, text, match, currency)
        if figure is not None:
            figures.append(figure)
            currency = figure.unit if figure.kind == "money" else currency
        elif not match.group("word") or match.group("word").casefold() not in ("un", "une"):
            bare.append(match)
    figures += _carried(doc, text, bare, figures)
    return sorted(figures, key=lambda figure: figure.start)


def _compound_durations(doc: Doc) -> list[Figure]:
    """Times written in several units, valued in the smallest: "3 h 41 min" (221 minutes), "2 h 03 min 52 s"
    (7432 seconds), "10 s 94" (10.94 seconds); "à 21 h 30" is a clock time."""
    text = doc.text
    figures = []
    for match in _COMPOUND_DURATION.finditer(text):
        if _CLOCK_BEFORE.search(text, max(0, match.start() - 12), match.start()):
            continue
        def part(*names: str) -> int | None:
            found = next((match.group(name) for name in names if match.group(name)), None)
            return int(found) if found is not None else None

        hours, minutes, seconds, hundredths = part("h"), part("hm", "m"), part("hs", "ms", "s"), part("cs", "mcs")
        value: float | int
        if hundredths is not None:
            value, unit = round((minutes or 0) * 60 + (seconds or 0) + hundredths / 100, 2), "second"
        elif seconds is not None:
            value, unit = (hours or 0) * 3600 + (minutes or 0) * 60 + seconds, "second"
        else:
            value, unit = (hours or 0) * 60 + (minutes or 0), "minute"
        start, qualifier = _qualifier(text, match.start())
        first = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        sentence = first[0].sent.text if first is not None and len(first) else ""
        figures.append(Figure(text=text[start:match.end()], start=start, end=match.end(), value=value,
                              kind="duration", unit=unit, qualifier=qualifier,  # type: ignore[arg-type]
                              sentence=sentence.strip()))
    return figures


def _carried(doc: Doc, text: str, bare: list[re.Match[str]], figures: list[Figure]) -> list[Figure]:
    """A bare number takes the unit of the figure it is paired with: "de 18 à 15 mois" (the one after it),
    "par 38 voix contre 31" (the one before it)."""
    carried = []
    for match in bare:
        value = _value(match)
        if value is None or _is_year(match, False):
            continue
        after = _PAIRED_AFTER.match(text, match.end()) or _PART_OF.match(text, match.end())
        partner = next((figure for figure in figures if after and figure.start <= after.end() < figure.end), None)
        if partner is None and _AMONG_BEFORE.search(text, max(0, match.start() - 30), match.start()):
            # "2 500 postes, dont environ 1 700 dans le premier degré": one of the figure it follows
            partner = next((figure for figure in sorted(figures, key=lambda figure: -figure.end)
                            if match.start() - 160 < figure.end <= match.start()
                            and "." not in text[figure.end:match.start()]), None)
        if partner is None:
            before = _PAIRED_BEFORE.search(text, max(0, match.start() - 12), match.start())
            partner = next((figure for figure in figures
                            if before and before.start() - 2 <= figure.end <= before.start() + 1), None)
        if partner is None or (partner.kind == "age" and not _PAIRED_AFTER.match(text, match.end())):
            continue  # ("de 11 à 12 ans" pairs two ages)
        start, qualifier = _qualifier(text, match.start())
        first = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        sentence = first[0].sent.text if first is not None and len(first) else ""
        carried.append(Figure(text=text[start:match.end()], start=start, end=match.end(), value=value,
                              kind=partner.kind, unit=partner.unit, qualifier=qualifier,  # type: ignore[arg-type]
                              sentence=sentence.strip()))
    return carried


def _figure(doc: Doc, text: str, match: re.Match[str], currency: str | None = None) -> Figure | None:
    value = _value(match)
    if value is None:
        return None
    end = match.end()
    multiplied = _MULTIPLIER.match(text, end)
    if multiplied:
        value *= MULTIPLIERS[multiplied.group("mult").casefold()]
        end = multiplied.end()
    abbreviated = None if match.group("word") else _ABBREVIATED_MONEY.match(text, end)
    if abbreviated:
        value *= _ABBREVIATION_SCALE.get(abbreviated.group("abbr")[:-1].casefold(), 1)
    kind, unit, end = _kind(doc, text, end, match, multiplied is not None)
    if kind == "count" and unit in _FRACTIONS_OF_A_SECOND:
        # "27 centièmes", "quatre dixièmes": a time gap in seconds
        value, kind, unit = round(value * _FRACTIONS_OF_A_SECOND[unit], 3), "duration", "second"
    ranged = _RANGE_CURRENCY.match(text, multiplied.end("mult")) if multiplied and kind is None else None
    if kind is None and multiplied and (ranged or currency):
        # "de 2,9 milliards à 3,6 milliards d'euros": the currency the range ends with, or the article's last one
        kind, unit = "money", CURRENCIES.get(ranged.group("currency").casefold(), "EUR") if ranged else currency
        end = multiplied.end("mult")
    if kind is None:
        return None
    if kind == "money" and isinstance(value, float) and value.is_integer():
        value = int(value)
    start, qualifier = _qualifier(text, match.start())
    trailing = _QUALIFIER_AFTER.match(text, end) if qualifier == "exact" else None
    if trailing:  # "30 % au moins"
        qualifier, end = QUALIFIERS[" ".join(trailing.group(1).split()).casefold()], trailing.end()
    first = doc.char_span(match.start(), match.end(), alignment_mode="expand")
    sentence = first[0].sent.text if first is not None and len(first) else ""
    return Figure(text=text[start:end], start=start, end=end, value=value, kind=kind, unit=unit,  # type: ignore[arg-type]
                  qualifier=qualifier, sentence=sentence.strip())  # type: ignore[arg-type]


def _value(match: re.Match[str]) -> float | int | None:
    if match.group("word"):
        return _word_value(match.group("word").casefold())
    digits = re.sub(_SPACE, "", match.group("int"))
    if match.group("dec"):
        return float(f"{digits}.{match.group('dec')}")
    return int(digits)


def _kind(doc: Doc, text: str, end: int, match: re.Match[str], multiplied: bool) -> tuple[str | None, str | None, int]:
    abbreviated = _ABBREVIATED_MONEY.match(text, end)
    if abbreviated and not match.group("word"):
        return "money", CURRENCIES.get(abbreviated.group("abbr")[-1], "EUR"), abbreviated.end()
    after = _AFTER.match(text, end)
    if after is None:
        return None, None, end
    if after.group("word").casefold() in _BETWEEN:
        after = _AFTER.match(text, after.end()) or after  # "les trois derniers mois": what is counted comes after
    word = after.group("word")
    folded = word.casefold()
    if folded in ("point", "points") and not match.group("word") and not _OF_AFTER.match(text, after.end()):
        # Points after a percentage are percentage points; otherwise a tally ("leader avec 52 points").
        percentages = "%" in text[max(0, match.start() - 200):match.start()] or match.group("dec") is not None
        return ("percent", "percentage point", after.end()) if percentages else ("count", "point", after.end())
    if folded == "%" or re.fullmatch(rf"pour{_SPACE}+cent", folded):
        return "percent", "%", after.end()
    if folded in CURRENCIES:
        return "money", CURRENCIES[folded], after.end()
    if folded in QUANTITY_UNITS and (not match.group("word") or len(folded) > 2):
        unit, unit_end = QUANTITY_UNITS[folded], after.end()
        if text.startswith("/h", unit_end) and unit == "km":
            unit, unit_end = "km/h", unit_end + 2  # "44,6 km/h"
        squared = _SQUARED.match(text, unit_end)
        if squared and unit in ("m", "km"):  # "45 mètres carrés", "1 milliard de mètres cubes"
            unit, unit_end = unit + ("²" if squared.group(1).casefold().startswith("carr") else "3"), squared.end()
        return "quantity", unit, unit_end
    if folded in DURATION_UNITS:
        if _CLOCK_BEFORE.search(text, 0, match.start()) and folded in ("heure", "heures") or \
                _RELATIVE_BEFORE.search(text, 0, _qualifier(text, match.start())[0]) or \
                _RELATIVE_AFTER.match(text, after.end()) or \
                (_AT_BEFORE.search(text, 0, match.start()) and _OF_AFTER.match(text, after.end())):
            return None, None, end  # "à 16 heures", "il y a dix mois", "trois ans après": a time, not an amount
        age = _AGE_BEFORE.search(text, max(0, match.start() - 40), match.start())
        who = age.group("who") if age else None
        who_words = age.group(0).casefold().split()[:-1] if who else []
        if folded in ("an", "ans") and age and (who is None or set(who_words) & (_PEOPLE | ROLE_WORDS)):
            return "age", "year", after.end()
        if folded in ("an", "ans") and _AT_BEFORE.search(text, 0, match.start()) and \
                text[after.end():after.end() + 1] == ",":
            return "age", "year", after.end()  # "Mais à 24 ans, on a envie de jouer"
        return "duration", DURATION_UNITS[folded], after.end()
    if folded in _MONTHS or folded in _NOT_COUNTED or _is_year(match, multiplied):
        return None, None, end
    if _NUMBERED_BEFORE.search(text, 0, match.start()):
        return None, None, end  # "numéro deux français": a rank
    span = doc.char_span(after.start("word"), after.end("word"), alignment_mode="expand")
    token = span[0] if span is not None and len(span) else None
    if token is not None and token.pos_ == "ADJ" and token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "NOUN":
        token = doc[token.i + 1]  # "12 nouveaux lycées"
    if token is None or token.pos_ not in ("NOUN", "PROPN") or not token.text[:1].islower():
        return None, None, end
    unit, unit_end = _counted_noun(token), token.idx + len(token.text)
    if token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and doc[token.i + 2].text[:1].islower() and \
            doc[token.i + 1].idx == unit_end:
        # "450 sapeurs-pompiers", which the model cuts at its hyphen: both halves in the singular
        unit, unit_end = f"{unit}-{_counted_noun(doc[token.i + 2])}", doc[token.i + 2].idx + len(doc[token.i + 2])
    return "count", unit, unit_end


def _counted_noun(token) -> str:  # type: ignore[no-untyped-def]
    """The singular of a counted noun: the model's lemma, unless it is no form of the word ("parties" ->
    "party" in its lookup table), then the word without its plural ending."""
    lemma = (token.lemma_ or token.text).casefold()
    word = token.text.casefold()
    if lemma in (word, word[:-1], word[:-2], word[:-3] + "al", word[:-3] + "ail"):
        return lemma  # "gares", "salariées", "chevaux", "travaux"
    return word[:-1] if word.endswith(("s", "x")) and len(word) > 3 else word


def _word_value(words: str) -> int:
    """"vingt-quatre" -> 24, "dix-huit" -> 18, "soixante-dix" -> 70, "deux" -> 2."""
    parts = [NUMBER_WORDS[part] for part in re.split(rf"-|{_SPACE}", words) if part in NUMBER_WORDS]
    total = 0
    for part in parts:
        total = total * part if part in (100, 1000) and total else total + part  # "trois cents", "deux mille"
    return total


def _is_year(match: re.Match[str], multiplied: bool) -> bool:
    digits = match.group("int")
    return bool(digits) and not multiplied and len(digits) == 4 and not match.group("dec") and 1800 <= int(digits) <= 2100


def _qualifier(text: str, start: int) -> tuple[int, str]:
    before = text[max(0, start - 20):start].casefold()
    stripped = before.rstrip(" \u00a0\u202f")
    for spelling, qualifier in _QUALIFIER_SPELLINGS:
        if stripped.endswith(spelling) or before.endswith(spelling):
            return start - len(before) + before.rfind(spelling), qualifier
    return start, "exact"


# Longest first, each with a straight and a typographic apostrophe.
_QUALIFIER_SPELLINGS = [(spelling, qualifier)
                        for words, qualifier in sorted(QUALIFIERS.items(), key=lambda item: -len(item[0]))
                        for spelling in (words, words.replace("'", "’"))]
