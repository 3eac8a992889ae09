"""Quotes of a French article and who said them.

A quote is the text inside « guillemets » (their inner spaces, no-break or narrow no-break, left out), inside
“ ” or " ", or a turn of a dialogue (a paragraph that opens with a dash, or each line of a dialogue in one pair
of guillemets), cut before an incise that names its speaker ("— Nous verrons, répond le ministre.") and
resumed after it. Quoted titles and words nobody is said to say are left out: a quote of one to three words
needs a speaker.

The speaker, in this order:
1. an incise after the quote: `« ... », a déclaré Jean Castex`, `« ... », estime la ministre`, `« ... », a-t-il
   ajouté`, any verb the parse reads (`a souri l'attaquant`), or a passive agent (`jugé « ... » par X`); the
   words resumed after an incise are its speaker's; `-t-on` and the press (`la journaliste`) name no one; a bare
   participle (`« ... », estimées à 600 millions`) qualifies a noun and is no incise;
2. `selon X` in the sentence, or `Pour X, ...` (with X's apposition: `Pour la présidente de X, Sylvie M., ...`);
3. the subject before a speech verb that opens the quote: `Jean Castex a déclaré : « ... »`, the narrative
   infinitive (`Et d'assurer : « ... »`), else the parse's subject of the clause a quoted fragment belongs to,
   through the verbs it completes (`la FNSEA a salué « ... »`, `dit vouloir « ... »`);
4. continuations: a sentence's second quote is its first one's speaker's unless a clause with its own subject
   comes between; a paragraph that is a quote and names nobody, after a paragraph that ends with a colon or
   quotes someone, is that paragraph's speaker's; a quote that opens a sentence continues the paragraph's
   speaker, or is the previous sentence's named subject's; in an exchange, the answers are the interviewee's and
   the questions the asker's once the text names them (`? a demandé Mme X.`, `Interrogé par X, il ...`);
   the interviewee is the narration's last named subject, else the holder of its role subject (`le pilote
   d'Arvena Racing est revenu sur sa course`), never the asker; an impersonal `on` speaks for the body the
   sentence opens with (`Au ministère de l'Éducation, on fait valoir que « ... »`);
5. the paragraphs of one quotation (French typesetting leaves « open at a paragraph's end and reopens the next
   paragraph with «) are one speaker's: the one its closing incise names, else the one who opens it.
A place that heads a speech verb's subject speaks for its government or service (`prévient Météo-France`), unless
it is part of a longer name (`La France insoumise`).
A pronoun (il, elle, -t-il, `Selon elle`) is the paragraph's last speaker or the person the sentence before was
about when the gender agrees, else the nearest person named before it whose gender agrees (titles, roles in
apposition, given names); a role (`la présidente`) the person last given that role in apposition, else the
same search; an organisation noun (le groupe, l'organisation) or a document (le rapport) the organisation it
names or the nearest one before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..accents import without_accents
from ..given_names import gender_of_given_name, world_gender_of_given_name
from ..records import Entity, Quote
from .vocabulary import (FEMININE_MARKERS, MASCULINE_MARKERS, NATIONALITY_ENDINGS, ROLE_WORDS, SHORT_TITLES,
                         SPEECH_FORMS, SPEECH_LEMMAS)

_QUOTE = re.compile(r"«[\s\u00a0\u202f]*(?P<g>[^«»]+?)[\s\u00a0\u202f]*»|“(?P<c>[^“”]+)”|\"(?P<s>[^\"\n]+)\"")
_GUILLEMET = re.compile(r"[«»]")
_DASH_PARAGRAPH = re.compile(r"^[—–][\s\u00a0\u202f]*(?P<d>.+)$", re.MULTILINE)
_VERBS = "|".join(sorted(SPEECH_FORMS, key=len, reverse=True))
# A character of a subject phrase: anything but the end of a clause, except the dot of "M." or "Dr.".
_PHRASE_CHAR = r"[^.;:!?«»]|(?<=\bM)\.|(?<=\bDr)\.|(?<=\bPr)\.|(?<=\bMe)\."
# « ... », a-t-il ajouté / a déclaré Jean Castex / estime la ministre / ajoute-t-elle
_INCISE = re.compile(
    rf"[\s\u00a0\u202f]*[,!?.…]?[\s\u00a0\u202f]*(?P<reflexive>s['’](?:est|était)\s+)?(?:(?:lui|leur|l['’])\s*)?(?P<aux>a|avait|ont|aurait)?(?:-t-(?P<p1>il|elle|ils|elles|on))?[\s\u00a0\u202f]*"
    rf"(?P<verb>{_VERBS})(?:-t-(?P<p2>il|elle|ils|elles|on)|-(?P<p3>il|elle|ils|elles|on))?\b(?P<subject>(?:{_PHRASE_CHAR}){{0,80}})",
    re.IGNORECASE)
_LONGEST_SUBJECT = 120
_INTRO = re.compile(rf"(?:\b(?P<pronoun>il|elle|ils|elles)\b|(?P<subject>(?:{_PHRASE_CHAR}){{0,{_LONGEST_SUBJECT}}}?))[\s\u00a0\u202f]+"
                    rf"(?:a|avait|ont|aurait|va)?[\s\u00a0\u202f]*(?:{_VERBS})\b[^.;!?«»]{{0,60}}$", re.IGNORECASE)
_INNER_INCISE = re.compile(rf"[,?!][\s\u00a0\u202f]*(?:s['’](?:est|était)\s+)?(?:(?:lui|leur|l['’])\s*)?(?:a|avait|ont)?(?:-t-(?:il|elle|ils|elles|on))?"
                           rf"[\s\u00a0\u202f]*(?:{_VERBS})\b", re.IGNORECASE)
_SPLITTING_INCISE = re.compile(rf",[\s\u00a0\u202f]*(?:s['’](?:est|était)\s+)?(?:a|avait|ont)?(?:-t-(?:il|elle|ils|elles|on))?"
                               rf"[\s\u00a0\u202f]*(?:{_VERBS})\b(?:(?:[^.«»]|(?<=\bM)\.|(?<=\bMe)\.|(?<=\bDr)\.){{0,80}}?(?<!\bM)(?<!\bMe)(?<!\bDr)\.(?=\s)"
                               rf"|[^,«»]{{0,60}},)[\s\u00a0\u202f]*",
                               re.IGNORECASE)

# « ... », a souri l'attaquant / s'enthousiasme le responsable / a coupé le président du club: any verb the parse
# reads as one, right after the comma that closes the quote, opens an incise.
_ANY_INCISE = re.compile(
    r"[\s\u00a0\u202f]*(?P<punct>[,!?…])?[\s\u00a0\u202f]*(?P<reflexive>s['’]|se\s+)?(?:(?:lui|leur|l['’])\s*)?"
    r"(?:(?P<aux>a|avait|ont|aurait)\b)?(?:-t-(?P<p1>il|elle|ils|elles|on))?[\s\u00a0\u202f]*"
    r"(?P<verb>[a-zàâçéèêëîïôûùüÿœ]{3,})(?:-t-(?P<p2>il|elle|ils|elles|on)|-(?P<p3>il|elle|ils|elles|on))?\b"
    rf"(?P<subject>(?:{_PHRASE_CHAR}){{0,80}})")
_AGENT = re.compile(r"[\s\u00a0\u202f]*par\s+(?P<who>(?:un|une|des|le|la|les|l['’]|[A-ZÉÈ])[^.;:«»,]{1,80})")
_LETTER = r"a-zàâçéèêëîïôûùüÿœ"
_ROLE_BEFORE_NAME = re.compile(rf"\b(?:le|la|l['’]|son|sa)\s*(?P<role>[{_LETTER}-]{{3,}})\b[^.;:«»\n,]{{0,60}},\s*"
                               rf"(?:{SHORT_TITLES}[\s\u00a0]+)?$")
# After the name, the role is followed by its complement or ends the apposition ("Lavaud, directeur d'études à
# l'Ifop,"), unlike a verb ("Sophie Réveillère, juge ces revendications").
_ROLE_AFTER_NAME = re.compile(rf",\s*(?:(?:le|la|l['’]|son|sa)\s*)?(?P<role>[{_LETTER}-]{{3,}})"
                              rf"(?=\s*(?:,|de\b|d['’]|du\b|des\b|[{_LETTER}]+\s+(?:de\b|d['’]|du\b|des\b)))")
_INFINITIVES = "|".join(sorted((verb.removeprefix("s'") for verb in SPEECH_LEMMAS), key=len, reverse=True))
# The narrative infinitive: "Et d'assurer : « ... »", "Et l'entraîneur nordiste de conclure : « ... »".
_NARRATIVE = re.compile(rf"\b(?:Et|Avant|Puis)\s+(?:(?P<subject>[^.;:«»]{{2,60}}?)\s+)?d(?:e\s+|['’])(?:{_INFINITIVES})\b"
                        rf"[^.;!?«»]{{0,60}}$")
# Between two quotes of a sentence, what starts another clause with its own subject: "tandis que la
# Confédération paysanne juge ...", a name.
_NEW_CLAUSE = re.compile(r"\b(?:tandis|alors|quand|lorsque|mais|selon)\b|\bpour\s+(?:le|la|les|l['’]|[A-ZÉÈ])",
                         re.IGNORECASE)
_COMPLEMENT_BEFORE = re.compile(r"\b(?:à|au|aux|de|du|des|d['’]|en|chez|par|sur|avec|contre|dans|vers|devant|"
                                r"auprès\s+de|face\s+à)[\s\u00a0\u202f]*(?:la|le|les|l['’])?[\s\u00a0\u202f]*$",
                                re.IGNORECASE)
_CLAUSE_OPENING = re.compile(r"[\s,;]*(?:(?:tandis|alors|pendant|parce|lorsque|puisque)\s*qu(?:e\s+|['’]\s*)|"
                             r"(?:et|mais|car|puis)\s+)?", re.IGNORECASE)
_INCISE_ADVERBIAL = re.compile(
    r"(?:[\s\u00a0\u202f,]*(?:pour\s+sa\s+part|de\s+son\s+côté|quant\s+à\s+(?:lui|elle)|à\s+son\s+tour|aussitôt|"
    r"encore|alors|ensuite|également|enfin|toutefois|pourtant|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
    r"hier|(?:ce|dès\s+ce|le\s+lendemain)\s+(?:matin|soir)|ce\s+week-end))+[\s\u00a0\u202f,]*(?=\S)", re.IGNORECASE)
_CAPITALISED_WORDS = re.compile(r"[A-ZÉÈÀ][\w'’-]*(?:[\s\u00a0]+[A-ZÉÈÀ][\w'’-]*)*")
_SUBJECT_FOLLOWS = re.compile(r"(?:[\s\u00a0\u202f]+(?!(?:de|du|des|d['’]|et|ou|à|au|aux|en|le|la|les)\b)[a-zàâçéèêëîïôûùüÿœ]"
                              r"|,[\s\u00a0\u202f]*qui\b)")
_LEADING_ADVERBIAL = re.compile(r"[\s\u00a0\u202f]*[^,;:«»]{1,40},[\s\u00a0\u202f]+(?=\S)")
_GENITIVE = re.compile(rf"\b(?:de|du|des|d['’])\s*(?:{SHORT_TITLES}[\s\u00a0]+)?$", re.IGNORECASE)
# "selon X", "Pour X, ...", with X's apposition ("Pour la présidente de la FPEP, Sylvie Marchetti, « ... »").
_SELON = re.compile(r"(?:\bselon|(?:^|(?<=\n)|(?<=[.!?]\s)|(?<=[.!?»]\s\s)|(?<=[.!?…]\s»\s))pour)\s+(?P<who>(?:(?:M|Mme|Mlle|Me|Dr|Pr)\.?[\s\u00a0]+)?[^.;:«»,]{2,80}"
                    r"(?:,(?:[^.;:«»,]|(?<=\bM)\.){2,40}(?=,)){0,2})",
                    re.IGNORECASE)
# A name after these is spoken to or through, not the speaker: "a-t-il déclaré à France Inter".
_ADDRESSEE = re.compile(r"(?:\b(?:à|au|aux|sur|auprès\s+de|micro\s+de|antenne\s+de|devant))\s*$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…](?=\s)")
# The one who asks an interview's questions, named after "par": "Interrogé jeudi sur RTL par Amélie Garnier".
_ASKED_BY = re.compile(r"(?:\b(?:interrog|questionn|joint|jointe|interpell|contact|sollicit|pressé)\w*\b[^.!?«»]{0,80}?\bpar|\bface\s+à"
                       r"|\bquestions?\s+(?:du|de\s+la|de\s+l['’]|des|de))\s+"
                       r"(?:(?:la|le|l['’]|une|un)\s*(?-i:[a-zé])[^.!?«»,]{0,50},\s*)?"  # "par la présidente du tribunal, Mme X"
                       r"(?:(?:la|le|l['’])\s*(?:[a-zé-]+\s+){0,3}(?:journaliste|présentat\w+|animat\w+|sénat\w+|"
                       r"député\w*)\s+(?:[a-zé-]+\s+){0,4}|(?:la|le|les|l['’])\s*|journaliste\s+)?(?:M\.|Mme)?\s*$",
                       re.IGNORECASE)
# "Au ministère de l'Éducation, on fait valoir que « ... »": the body the impersonal "on" speaks for.
_ON_AT = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))(?:À|Au|Aux|Chez|Du\s+côté\s+d[eu']|Côté)\s*(?P<body>[^,.;:«»]{2,80}),\s*on\b",
                    re.IGNORECASE)
_ABBREVIATION = re.compile(r"(?:\b(?:M|MM|Mme|Dr|Pr|Me|St|Ste|av|J\.-C)|\b[A-Z])\.$")
# French given names the (American) given-name lists get wrong: "Jean" is mostly a woman's there.
_FRENCH_GIVEN_NAMES: dict[str, str | None] = {"jean": "m", "claude": None, "dominique": None, "camille": None}
_EXCHANGE_BETWEEN = re.compile(
    r"\b(?:échanges?|dialogue|passe\s+d['’]armes|face-à-face|joute|confrontation|débat)\b[^.!?:«»]{0,40}?\bentre\s+"
    r"(?P<first>[^:«»]{2,120}?),?\s+et\s+(?P<second>[^:«»]{2,120}?)(?=\s+(?:a|ont|avait|s['’]|est|fut)\b|\.\s|\s*:|$)",
    re.IGNORECASE)
# "L'échange le plus vif a opposé mardi soir le rapporteur à la ministre :"
_EXCHANGE_OPPOSING = re.compile(
    r"\ba\s+opposé\s+(?:[^,:«»]{0,30}?,\s+|(?:mardi|lundi|mercredi|jeudi|vendredi|samedi|dimanche)(?:\s+soir|\s+matin)?\s+)?"
    r"(?P<first>(?:le|la|l['’]|les|M\.|Mme)[^:«»]{1,120}?)\s+(?:à|au)\s+(?P<second>[^:«»]{2,120}?)(?=\.\s|\s*:|$)",
    re.IGNORECASE)
_CALLING = re.compile(r"(?:^|(?<=[,;]\s)|(?<=[,;]))\s*(?P<title>[Mm]onsieur|[Mm]adame|[Mm]aître)"
                      r"(?:\s+(?:le|la|l['’])\s*)?(?:\s*(?P<word>[A-Za-zÀ-ÿ'’-]+))?(?=\s*[,.!?])")
_WRITTEN_SUBJECT = re.compile(
    r"(?:^|(?<=\n)|,[\s\u00a0]+)(?P<phrase>(?:le|la|l['’])[\s\u00a0]*[^,;:«»\n]{2,80}?)[\s\u00a0]+"
    r"(?:n['’]|ne[\s\u00a0]+|s['’]|se[\s\u00a0]+)?(?:a|ont|est|sont|avait|était)\b", re.IGNORECASE)
# What may stand before the name that opens a sentence: an article and the kind of body ("Le syndicat ").
_KIND_BEFORE_NAME = re.compile(r"[\s\u00a0«]*(?:(?:dans|lors|selon|mardi|lundi|mercredi|jeudi|vendredi|samedi|dimanche)"
                               r"\b[^,;:«»]{0,40},[\s\u00a0]+)?"  # "Dans un communiqué, SNCF Réseau « ... »"
                               r"(?:(?:le|la|les|l['’])[\s\u00a0]*(?:[a-zàâçéèêëîïôûùüÿœ-]+[\s\u00a0]+){0,2})?",
                               re.IGNORECASE)
_KIND_ALONE = re.compile(r"[\s\u00a0]*(?:dans\b[^,;:«»]{0,40},[\s\u00a0]+)?(?:le|la|l['’])[\s\u00a0]*"
                         r"(?P<kind>[a-zàâçéèêëîïôûùüÿœ-]+)\b", re.IGNORECASE)
# A name followed by its verb is the sentence's subject, not the asker: "Interrogée par une journaliste de
# franceinfo, Mme Duvignau a répondu".
_VERB_AFTER_NAME = re.compile(r"[A-ZÉÈ][\w'’-]*(?:[\s\u00a0]+[A-ZÉÈ][\w'’-]*)*[\s\u00a0]+"
                              r"(?:a|avait|est|était|s['’]|n['’]|ne|se)\b")
_ASKED_BY_TITLE = re.compile(
    r"\b(?:interrog|questionn|joint|jointe|contact|sollicit)\w*\b[^.!?«»]{0,60}?\bpar\s+"
    r"(?P<who>(?:(?-i:L['’]|La\s|Le\s|Les\s))?(?-i:[A-ZÉ0-9])[\w'’-]*(?:\s+(?:(?:du|de|des|d['’])\s*)?(?-i:[A-ZÉ])[\w'’-]*)*)"
    r"(?=\s*[,.:]|\s+(?:à|au|sur|mardi|lundi|mercredi|jeudi|vendredi|samedi|dimanche)\b)", re.IGNORECASE)
_MOST_OR_SAME = re.compile(r"\s*(?:le|la|l['’])\s*(?:plupart|même)\b", re.IGNORECASE)
_ASKING_LEMMAS = frozenset("interroger questionner relancer presser interpeller".split())
_PRONOUN_OBJECT = re.compile(r"\b(?:l['’]|la|le|les)\s*(?:a|avait|ont)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_CALLING_TITLE = re.compile(r"(?:M\.|Mme|Monsieur|Madame)[\s\u00a0\u202f]+")
_CALLED = re.compile(r"[\s\u00a0\u202f]*,")
_PRONOUNS = {"il": "m", "ils": "m", "elle": "f", "elles": "f"}
_DETERMINER_GENDERS = {"la": "f", "une": "f", "sa": "f", "cette": "f", "le": "m", "un": "m", "ce": "m", "du": "m"}
_ORGANISATION_NOUNS = frozenset("groupe société entreprise club syndicat parti gouvernement ministère "
                                "fédération banque compagnie constructeur opérateur association organisation "
                                "ong institution agence autorité laboratoire régulateur parquet instance "
                                "interprofession collectif coopérative préfecture mairie université office "
                                "commission tribunal firme enseigne établissement direction cour plateforme "
                                "filiale fondation musée hôpital start-up rectorat intersyndicale ambassade "
                                "chambre caisse institut observatoire municipalité électricien assureur "
                                "transporteur distributeur exploitant gestionnaire industriel fabricant "
                                "organisme mouvement réseau cabinet bureau juridiction gendarmerie".split())
# What speaks besides people: organisations, and places that head a speech verb's subject stand for their
# government or service ("a répondu Berlin", "prévient Météo-France", which the model calls a place).
_PLACES = ("GPE", "LOC")
_SPEAKING_BODIES = ("ORG", *_PLACES)
# A place name the model cut out of a longer name: an adjective or a capitalised word follows it.
_PART_OF_A_LONGER_NAME = re.compile(r"[\s\u00a0\u202f]+(?!(?:dans|lors|par|sur|en|à|au|aux|de|du|des|et|a|avait|ont|"
                                    r"estime|juge|rappelle|souligne|indique|précise|affirme|assure|prévient)\b)"
                                    r"(?:[a-zàâçéèêëîïôûùüÿœ]{3,}|[A-ZÉÈ])")
# What a body publishes speaks for it: "relève le rapport" is the Cour des comptes's.
_DOCUMENT_NOUNS = frozenset("rapport communiqué étude avis document".split())
# The press asks the questions of an interview: "l'a interrogé la journaliste" names no one in the story.
_PRESS_NOUNS = frozenset("journaliste journalistes animateur animatrice présentateur présentatrice intervieweur "
                         "reporter reporters".split())
# Nouns in apposition with a name that make it a thing, not a person with a role: "le fonds Norvane
# Ventures", "le titre Maison Berthier", "vingt-deux ans".
_NOT_ROLES = _ORGANISATION_NOUNS | frozenset("fonds start-up titre action marque enseigne cabinet firme filiale "
                                             "laboratoire fabricant équipementier assureur distributeur holding "
                                             "opération an année mois jour m. mme".split())


@dataclass(frozen=True, slots=True)
class _Span:
    """Where a quote's words are; `paragraph`: it is a paragraph (or dialogue turn) of its own; `resumed`: it
    resumes after an incise inside the same guillemets ("« ..., a-t-il ajouté, mais ... »"); `quotation`: where
    the quotation it is a paragraph of starts, when one runs over several paragraphs (-1 otherwise)."""

    start: int
    end: int
    paragraph: bool
    resumed: bool = False
    quotation: int = -1


@dataclass(slots=True)
class _Named:
    name: str
    label: str
    start: int
    gender: str | None
    likely_person: bool = False


@dataclass(frozen=True, slots=True)
class _Role:
    """A role the text gives a person in apposition: "la présidente de la région, Catherine Vallérian"."""

    start: int
    lemma: str
    name: str
    gender: str | None


@dataclass(slots=True)
class _Context:
    text: str
    doc: Doc
    names: list[_Named]
    roles: list[_Role]


def extract_french_quotes(doc: Doc, entities: list[Entity]) -> list[Quote]:
    text = doc.text
    spans = _quote_spans(text)
    roles = _appositions(doc, entities)
    # A name inside a quote is spoken of, not a speaker: "« Lou peut-elle viser le gros globe ? » ... a-t-il
    # répondu" is not Lou's answer.
    names = [named for named in _named_mentions(text, entities, roles)
             if not any(span.start <= named.start < span.end for span in spans)]
    context = _Context(text, doc, names, roles)
    quotes: list[Quote] = []
    quotations: list[int] = []  # each quote's span's `quotation`
    incised: list[bool] = []  # whether the quote's speaker came from its own incise
    last_speaker: str | None = None
    last_paragraph_end = -1
    interviewee: str | None = None  # who answers the questions of the exchange under way
    asker: str | None = None  # who the exchange under way names as asking its questions
    last_quote_paragraph = -1
    last_sentence = -1
    asked = _questions_of_exchanges(text, spans)
    sides: tuple[tuple[str, str], tuple[str, str]] | None = None  # (names, phrases) of an exchange "entre X et Y"
    turns_taken = 0
    for span in spans:
        start, end, whole_paragraph = span.start, span.end, span.paragraph
        sentence_start, sentence_end = _sentence_bounds(text, start, end)
        recent = last_speaker if last_quote_paragraph == text.rfind("\n\n", 0, start) + 1 else None
        attributed, speaker, named = _from_incise(context, end, sentence_end, sentence_start, recent)
        from_incise = attributed
        # A turn of a dialogue: after a dash, or the first of an exchange ("« Combien de temps ... ? ⏎ – Dix jours").
        dash = text[text.rfind("\n", 0, start) + 1:start].strip() in ("—", "–") or start in asked
        if not attributed and span.resumed and quotes:
            attributed, speaker = True, quotes[-1].speaker  # the words after its incise: the incise's speaker
        if not attributed:
            speaker = (_from_selon(context, sentence_start, sentence_end, recent)
                       or _from_intro(context, sentence_start, start, recent))
        if not attributed and speaker is None and not _is_title(text, start, end):
            speaker = _from_clause(context, sentence_start, start, end) or _sentence_opener(context, sentence_start, start)
        if not attributed and speaker is None and quotes and \
                (last_sentence == sentence_start or "\n" not in text[quotes[-1].end:start]
                 and not _SENTENCE_END.search(text, quotes[-1].end + 1, start)) and \
                not _new_subject(context, quotes[-1].end, start, quotes[-1].speaker):
            # "X a dénoncé « ... » et promet « ... »": the sentence's second quote is its first one's speaker's.
            attributed, speaker = True, quotes[-1].speaker
        paragraph_start = text.rfind("\n\n", 0, start) + 1
        turn = whole_paragraph and not span.resumed
        continues = _continues(text, paragraph_start, last_paragraph_end)
        if turn and not continues:
            interviewee = asker = None
        if dash and turn and not _follows_a_turn(text, paragraph_start, asked):
            sides, turns_taken = _exchange_sides(context, paragraph_start), 0  # an exchange opens
        elif not dash:
            sides = None
        question = asked.get(start, text[start:end].rstrip().endswith("?"))
        # The first turn of an exchange may open inside the narration ("Thierry Lemarchand a dû répondre à une
        # avalanche de questions. « Kouadio sera-t-il titulaire ? ⏎ — ..."): the sentences before it introduce it.
        opening = text.rfind("«", paragraph_start, start)
        introduced_at = opening if dash and opening > paragraph_start and text[paragraph_start:opening].strip() \
            else paragraph_start
        if introduced_at != paragraph_start:
            interviewee = asker = None
        if (turn or introduced_at != paragraph_start) and question:
            # An interview: the questions are put to the person the narration named last before them.
            interviewee = interviewee or _interviewee(context, introduced_at)
            asker = asker or _interviewer(context, introduced_at)
        if turn and question and (called := _called_by_name(entities, text, start, end)) is not None:
            interviewee = called  # "— Franck Delorme, qu'avez-vous dit à vos joueurs ?": he answers it
        if turn and question and attributed and speaker is not None and speaker != interviewee:
            asker = speaker  # "« ... ? a demandé Mme Gaudry-Lasserre.": she asks the exchange's questions
        if dash and not attributed and question:
            speaker = asker  # a question of the exchange: its asker's, when the text named them
        elif dash and not question and interviewee and speaker is None and continues:
            speaker = interviewee  # an answer, with no incise or one we could not resolve
        elif dash and not question and interviewee and speaker is not None and not named and \
                _gender_of(context, interviewee) in (None, _gender_of(context, speaker)):
            speaker = interviewee  # "a répondu le technicien", "a-t-il répondu": the one being asked
        elif dash and not question and interviewee and speaker is not None:
            interviewee = speaker  # "— ..., a répondu Mme Castagné": she answers the next questions too
        elif speaker is None and not attributed and whole_paragraph and _introduced(text, paragraph_start):
            # "Son premier secrétaire, Olivier Tressard, explique : ⏎ « ... »": the introducing sentence's subject.
            speaker = _interviewee(context, paragraph_start)
        elif speaker is None and not attributed and whole_paragraph and last_speaker and continues:
            speaker = last_speaker
        elif speaker is None and not attributed and not whole_paragraph and _opens_a_sentence(text, start):
            # « ... », a déclaré X. « Mais ... »: X goes on. "Schaller savourait. « Marquer le but ... »": his words.
            speaker = (last_speaker if last_quote_paragraph == paragraph_start and last_speaker
                       else _previous_subject(context, sentence_start))
        if dash and sides is not None:
            # "l'échange entre la sénatrice et le ministre :": the turns alternate, the first side first; one
            # that calls the other ("Maître, ...", "monsieur Madec") is the caller's.
            names = sides[0]
            if named and speaker in names:
                turns_taken = names.index(speaker)
            elif not named:
                called = _called_side(text, start, end, sides, context)
                speaker = names[1 - called] if called is not None else names[turns_taken % 2]
            turns_taken += 1
        words = len(text[start:end].split())
        if words <= 3 and speaker is None and not attributed and not dash:
            continue  # a title or a term in quote marks
        quotes.append(Quote(text=text[start:end], start=start, end=end, speaker=speaker))
        quotations.append(-1 if dash else span.quotation)  # the turns of a dialogue are not one speaker's
        incised.append(from_incise and speaker is not None)
        if speaker is not None:
            last_speaker = speaker
        last_quote_paragraph = paragraph_start
        last_sentence = sentence_start
        last_paragraph_end = text.find("\n\n", end)
        last_paragraph_end = len(text) if last_paragraph_end < 0 else last_paragraph_end
    return _one_speaker_per_quotation(quotes, quotations, incised)


def _one_speaker_per_quotation(quotes: list[Quote], quotations: list[int], incised: list[bool]) -> list[Quote]:
    """The paragraphs of one quotation are one speaker's: the one its closing incise names ("« ... ⏎ « ... »,
    a-t-il ajouté"), else the one who opens it ("X a harangué la foule : « ... ⏎ « ... »")."""
    members: dict[int, list[int]] = {}
    for index, quotation in enumerate(quotations):
        if quotation >= 0:
            members.setdefault(quotation, []).append(index)
    for indices in members.values():
        last = indices[-1]
        speaker = quotes[last].speaker if incised[last] else next(
            (quotes[index].speaker for index in indices if quotes[index].speaker is not None), None)
        if speaker is None:
            continue
        for index in indices:
            quote = quotes[index]
            quotes[index] = Quote(text=quote.text, start=quote.start, end=quote.end, speaker=speaker)
    return quotes


def _called_by_name(entities: list[Entity], text: str, start: int, end: int) -> str | None:
    """The person a question opens by calling, title or not: "Franck Delorme, qu'avez-vous dit ... ?",
    "Madame Caradec, allez-vous ... ?"."""
    opening = _CALLING_TITLE.match(text, start, end)
    at = opening.end() if opening else start
    return next((entity.name for entity in entities if entity.label == "PERSON" for mention in entity.mentions
                 if mention.start == at and _CALLED.match(text, mention.end, end)), None)


def _questions_of_exchanges(text: str, spans: list[_Span]) -> dict[int, bool]:
    """Whether each turn of an exchange in dialogue dashes is a question, by its place: turns alternate, so the
    side whose turns mostly end with "?" asks them all ("— Les enquêteurs n'en ont retrouvé que pour 40 000
    euros… ⏎ — Parce que ..." is a question and its answer)."""
    exchanges: list[list[_Span]] = []
    previous_line_end = -2
    for span in spans:
        if span.resumed:
            continue
        line_start = text.rfind("\n", 0, span.start) + 1
        opening = text[line_start:span.start].strip()
        following = text[text.find("\n", span.end) if "\n" in text[span.end:] else len(text):].lstrip()[:1]
        # A turn opens its paragraph with a dash; the first may open with « there, or inside the narration
        # ("Le technicien est resté ferme. « L'avez-vous prévenu ? ⏎ – Bien sûr ...").
        if not (span.paragraph and opening in ("—", "–") or opening.endswith("«") and following in ("—", "–")):
            previous_line_end = -2
            continue  # a paragraph of prose that opens with a quote, not a turn of a dialogue
        if exchanges and not text[previous_line_end:line_start].strip():
            exchanges[-1].append(span)
        else:
            exchanges.append([span])
        previous_line_end = text.find("\n", span.end)
        previous_line_end = len(text) if previous_line_end < 0 else previous_line_end
    asked: dict[int, bool] = {}
    for turns in exchanges:
        if len(turns) < 2:
            continue
        questions = [sum(text[turn.start:turn.end].rstrip().endswith("?") for turn in turns[side::2]) for side in (0, 1)]
        if questions[0] == questions[1]:
            continue
        asking_side = 0 if questions[0] > questions[1] else 1
        asked.update({turn.start: index % 2 == asking_side for index, turn in enumerate(turns)})
    return asked


def _quote_spans(text: str) -> list[_Span]:
    spans, reopened = _open_paragraphs(text)
    for match in _QUOTE.finditer(text):
        group = next(name for name in ("g", "c", "s") if match.group(name) is not None)
        start, end = match.start(group), match.end(group)
        quotation = reopened.get(match.start(), -1)
        paragraph_start = text.rfind("\n\n", 0, match.start()) + 2 if text.rfind("\n\n", 0, match.start()) >= 0 else 0
        whole = not text[paragraph_start:match.start()].strip()
        if "\n" in text[start:end]:
            # A dialogue in one pair of guillemets: a turn per line, each opened by a dash, each cut before its
            # incise ("? lui a demandé un journaliste.").
            for line in re.finditer(r"[^\n]+", text[start:end]):
                turn_start = start + line.start()
                while turn_start < start + line.end() and text[turn_start] in "—–- \u00a0\u202f":
                    turn_start += 1
                spans.extend(_turn(text, turn_start, start + line.end()))
            continue
        spans.append(_Span(start, end, whole, quotation=quotation))
    inside = [(span.start, span.end) for span in spans]
    for match in _DASH_PARAGRAPH.finditer(text):
        start, end = match.start("d"), match.end("d")
        if any(a <= start <= b for a, b in inside):
            continue  # a turn of a dialogue in guillemets, found above
        while end > start and text[end - 1] in "» \u00a0\u202f":
            end -= 1
        spans.extend(_turn(text, start, end))
    return sorted(_split_at_incises(text, spans), key=lambda span: span.start)


def _open_paragraphs(text: str) -> tuple[list[_Span], dict[int, int]]:
    """French typesetting runs a quotation over paragraphs by leaving « open at a paragraph's end and opening
    the next paragraph with « again; only the last one closes ». The open paragraphs' words (from « to the
    paragraph's end), and for each « that reopens the quotation, where the quotation starts."""
    marks = [(match.start(), match.group()) for match in _GUILLEMET.finditer(text)]
    spans: list[_Span] = []
    reopened: dict[int, int] = {}
    for (at, mark), following in zip(marks, [*marks[1:], None]):
        paragraph_end = text.find("\n\n", at)
        if mark != "«" or following is None or paragraph_end < 0 or following[0] < paragraph_end:
            continue  # closed (or nested) in its own paragraph
        if following[1] != "«" or text[paragraph_end:following[0]].strip():
            continue  # not reopened at the next paragraph's start: a stray «
        quotation = reopened.get(at, at)
        reopened[following[0]] = quotation
        start, end = at + 1, paragraph_end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        paragraph_start = text.rfind("\n\n", 0, at)
        whole = not text[paragraph_start + 2 if paragraph_start >= 0 else 0:at].strip()
        if end > start:
            spans.append(_Span(start, end, whole, quotation=quotation))
    return spans, reopened


def _turn(text: str, start: int, end: int) -> list[_Span]:
    """One turn of a dialogue: its words up to an incise, and those after it ("..., a-t-il répondu. On en
    reparlera en mars.")."""
    incise = _INNER_INCISE.search(text, start, end)
    if incise is None:
        return [_Span(start, end, True)] if end > start else []
    cut = incise.start() + (text[incise.start()] in "?!")
    turns = [_Span(start, cut, True)] if cut > start else []
    resumed = next((found for found in _SENTENCE_END.finditer(text, incise.end(), end)
                    if not _ABBREVIATION.search(text, max(0, found.start() - 4), found.end())), None)
    if resumed is not None:
        rest = resumed.end()
        while rest < end and text[rest] in " \u00a0\u202f":
            rest += 1
        if rest < end:
            turns.append(_Span(rest, end, False, resumed=True))
    return turns


def _split_at_incises(text: str, spans: list[_Span]) -> list[_Span]:
    """« Nous avons tout essayé, a-t-il ajouté, mais ... »: two quotes on either side of the incise."""
    split = []
    for span in spans:
        incise = _SPLITTING_INCISE.search(text, span.start, span.end)
        if incise is None:
            split.append(span)
            continue
        split.append(_Span(span.start, incise.start(), span.paragraph, quotation=span.quotation))
        split.append(_Span(incise.end(), span.end, False, resumed=True, quotation=span.quotation))
    return split


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around a quote, by punctuation (the small model cuts sentences at guillemets); "M." and
    other abbreviations do not end one."""
    paragraph_start = text.rfind("\n", 0, start) + 1
    paragraph_end = text.find("\n", end)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    ends = [match.end() for match in _SENTENCE_END.finditer(text, paragraph_start, paragraph_end)
            if not _ABBREVIATION.search(text, max(0, match.start() - 4), match.start() + 1)]
    before = max((position for position in ends if position <= start), default=paragraph_start)
    after = min((position for position in ends if position > end + 1), default=paragraph_end)
    return before, after


def _appositions(doc: Doc, entities: list[Entity]) -> list[_Role]:
    """The roles the parse puts in apposition with a person ("le ministre de l'Industrie, Marc Delval", "son
    attaquant Malik Traoré-Daniel"), with the gender their determiner gives ("la ministre")."""
    person_at: dict[int, str] = {}
    for entity in entities:
        if entity.label == "PERSON":
            for mention in entity.mentions:
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                person_at.update((token.i, entity.name) for token in span or ())
    roles = []
    for token in doc:
        if token.dep_ not in ("appos", "flat:name"):
            continue
        for name_token, role_token in ((token, token.head), (token.head, token)):
            if name_token.i in person_at and role_token.i not in person_at and role_token.pos_ == "NOUN" \
                    and role_token.is_alpha and len(role_token) > 2 and role_token.lemma_.casefold() not in _NOT_ROLES:
                for role in (role_token, *(conj for conj in role_token.children if conj.dep_ == "conj"
                                           and conj.pos_ == "NOUN")):
                    roles.append(_Role(role.idx, role.lemma_.casefold(), person_at[name_token.i], _gender(role)))
    roles += _written_appositions(doc, entities)
    return sorted(set(roles), key=lambda role: role.start)


def _written_appositions(doc: Doc, entities: list[Entity]) -> list[_Role]:
    """The same from punctuation, where the parse is lost around a name: "le maire sortant, Jean-Marc Toussaint",
    "Frédéric Lavaud, directeur d'études à l'Ifop"."""
    text = doc.text
    roles = []
    for entity in entities:
        if entity.label != "PERSON":
            continue
        for mention in entity.mentions:
            before = _ROLE_BEFORE_NAME.search(text, max(0, mention.start - 90), mention.start)
            after = _ROLE_AFTER_NAME.match(text, mention.end)
            for found in (before, after):
                if found is None:
                    continue
                span = doc.char_span(found.start("role"), found.end("role"), alignment_mode="expand")
                noun = span[0] if span is not None and len(span) else None
                if noun is None or noun.pos_ != "NOUN" or noun.lemma_.casefold() in _NOT_ROLES:
                    continue
                roles.append(_Role(noun.idx, noun.lemma_.casefold(), entity.name, _gender(noun, morphology=False)))
    return roles


def _gender(noun: Token, morphology: bool = True) -> str | None:
    # The determiner first: the model gives epicene nouns ("la ministre") the masculine.
    for child in noun.children:
        if child.dep_ == "det" and child.lower_ in _DETERMINER_GENDERS:
            return _DETERMINER_GENDERS[child.lower_]
    before = noun.doc[noun.i - 1] if noun.i > 0 else None
    if before is not None and before.lower_ in _DETERMINER_GENDERS:
        return _DETERMINER_GENDERS[before.lower_]
    if noun.lower_ == noun.lemma_.casefold() + "e":
        return "f"  # "l'avocate", "l'élue": the feminine of the lemma the model gives
    return {"Fem": "f", "Masc": "m"}.get(next(iter(noun.morph.get("Gender")), "")) if morphology else None


def _named_mentions(text: str, entities: list[Entity], roles: list[_Role]) -> list[_Named]:
    found = []
    for entity in entities:
        if entity.label not in ("PERSON", *_SPEAKING_BODIES):
            continue
        for mention in entity.mentions:
            before = text[max(0, mention.start - 25):mention.start].casefold().split()
            gender = None
            if before and before[-1] in ("mme", "madame", "mlle"):
                gender = "f"
            elif before and before[-1] in ("m.", "monsieur"):
                gender = "m"
            if entity.label in _PLACES and _PART_OF_A_LONGER_NAME.match(text, mention.end):
                continue  # "La France insoumise": a party, not the country
            found.append(_Named(entity.name, entity.label, mention.start, gender))
    genders: dict[str, str] = {}
    for named in found:
        if named.gender:
            genders.setdefault(named.name, named.gender)
    titled = dict(genders)
    for role in roles:
        if role.gender:
            genders.setdefault(role.name, role.gender)
    for named in found:
        # A title's gender first, then the given name's, then a role's (whose parse may attach it wrongly).
        named.gender = named.gender or titled.get(named.name) or _given_name_gender(named) or genders.get(named.name)
        # A one-word "person" that is no one's surname, or whose first name is no given name, is often a
        # company the model took for a person ("Kelvio", "Maison Lenoir"): named last when a pronoun is read.
        named.likely_person = named.label == "PERSON" and (named.gender is not None or len(named.name.split()) > 1)
    return sorted(found, key=lambda named: named.start)


def _given_name_gender(named: _Named) -> str | None:
    if named.label != "PERSON" or len(named.name.split()) < 2:
        return None
    first = named.name.split()[0]
    if first.split("-")[0].casefold() in _FRENCH_GIVEN_NAMES:  # "Jean-Marc" is a man's, as "Jean" is
        return _FRENCH_GIVEN_NAMES[first.split("-")[0].casefold()]
    plain = without_accents(first)
    gender = world_gender_of_given_name(first) or gender_of_given_name(first) or gender_of_given_name(plain)
    return {"male": "m", "female": "f"}.get(gender or "")


def _resolve(context: _Context, phrase: str, at: int, pronoun: str | None = None, strict: bool = False) -> str | None:
    """The speaker a subject phrase names: a name in it, else the person or organisation it refers back to.
    `strict`: a definite phrase that is no role ("la Confédération paysanne" the model did not name) is no one."""
    names = context.names
    inside = [named for named in names if at <= named.start < at + len(phrase)
              and not _ADDRESSEE.search(phrase[:named.start - at])]
    # "L'avocat de Franck Delmas, Me Julien Castaing": the one named after "de" is the complement, not the subject.
    heads = [named for named in inside if not _GENITIVE.search(phrase[:named.start - at])]
    if not heads and inside and re.match(r"\s*(?:un|une|des|plusieurs)\s", phrase, re.IGNORECASE):
        return None  # "explique un proche de M. Lacaze": someone the text does not name
    inside = heads or inside
    # "la présidente de Kelvio, Inès Barthélemy": the person in apposition, not the company the model took
    # for one.
    people = sorted((named for named in inside if named.label == "PERSON"), key=lambda named: not named.likely_person)
    if people:
        return people[0].name
    # "le groupe Les Républicains", "la start-up Kelvio": the organisation the kind of body before it names.
    head = re.match(r"\s*(?:(?:les|le|la|l['’])\s*)?(?:(?:" + "|".join(_ORGANISATION_NOUNS) + r")\s+"
                    r"(?:(?:les|le|la|l['’])\s*)?)?", phrase, re.IGNORECASE)
    organisation = next((named.name for named in inside if named.label in _SPEAKING_BODIES
                         and named.start - at <= (head.end() if head else 0) + 1), None)
    if organisation:
        return organisation  # "a indiqué Bpifrance", not "a précisé la présidente de Kelvio"
    words = [word.strip(",.;:") for word in re.sub(r"\b([lLdD])['’]", r"\1' ", phrase).casefold().split()]
    gender = _PRONOUNS.get(pronoun.casefold()) if pronoun else None
    if pronoun is None and words and words[0] in ("un", "une", "des", "plusieurs", "certains", "certaines"):
        return None  # "a interrogé un analyste": someone the text does not name
    if gender is None and words and words[0] in _PRONOUNS:
        gender = _PRONOUNS[words[0]]
    elif gender is None and words:
        # "le jeune attaquant", "la lauréate", "le Français": a person named before, of that gender.
        definite = len(words) > 1 and words[0] in ("le", "la", "l'") and words[1] not in ("plupart", "même")
        possessive = len(words) > 1 and words[0] in ("son", "sa", "leur")
        if set(words[:3]) & _PRESS_NOUNS:
            return None
        if not (set(words[:3]) & (ROLE_WORDS | _ORGANISATION_NOUNS | _DOCUMENT_NOUNS)) and (strict or not definite):
            return None
        if (definite or possessive) and (holder := _role_holder(context, at, at + len(phrase))):
            return holder  # "la présidente", after "la présidente de la région, Catherine Vallérian"
        if definite and (introduced := _introduced_by_nationality(context, phrase, at)):
            return introduced  # "l'Argentin de 29 ans", after "l'Argentin Tomás Ibarra"
        if set(words[:3]) & _DOCUMENT_NOUNS:
            # "le rapport de l'Observatoire": the body named in the phrase; else the last one named before.
            body = next((n.name for n in names if at <= n.start < at + len(phrase) and n.label == "ORG"), None)
            if body is not None:
                return body
        if set(words[:3]) & (_ORGANISATION_NOUNS | _DOCUMENT_NOUNS):
            return _body_of_kind(context, set(words[:3]) & _ORGANISATION_NOUNS, at)
        if _names_something_unknown(phrase):
            return None  # "La FNSEA, premier syndicat" when the model missed the name: not a person named before
        gender = "f" if set(words[:3]) & FEMININE_MARKERS else "m" if set(words[:3]) & MASCULINE_MARKERS else None
        if definite and not set(words[:3]) & ROLE_WORDS and (protagonist := _protagonist(context, at, gender)):
            # "la sprinteuse de 24 ans", "le nouveau numéro 8 mondial": a description, not an office, with no
            # holder: the person the story is about, not the last one it named in passing.
            return protagonist
    elif gender is None:
        return None
    before = [named for named in reversed(names) if named.start < at and named.label == "PERSON"]
    before = [named for named in before if named.likely_person] + [named for named in before if not named.likely_person]
    # A person whose gender the text gives and agrees comes first; one of unknown gender only after.
    for acceptable in ((gender,), (gender, None)) if gender else ((None, "m", "f"),):
        found = next((named.name for named in before if named.gender in acceptable), None)
        if found:
            return found
    return None


def _introduced_by_nationality(context: _Context, phrase: str, at: int) -> str | None:
    """The person the text introduced with the nationality a definite phrase names ("l'Argentin", "la
    Japonaise"): the latest one named just after that word."""
    word = re.sub(r"^\s*(?:le|la|l['’])\s*", "", phrase, flags=re.IGNORECASE).split()
    nationality = word[0].strip(",.;:") if word else ""
    if not nationality[:1].isupper() or not nationality.casefold().endswith(NATIONALITY_ENDINGS):
        return None
    for named in reversed(context.names):
        if named.start < at and named.label == "PERSON" and re.search(
                rf"\b{re.escape(nationality)}[\s\u00a0]*$", context.text[max(0, named.start - 40):named.start]):
            return named.name
    return None


def _body_of_kind(context: _Context, kinds: set[str], at: int) -> str | None:
    """The organisation a definite noun of its kind refers back to ("le syndicat", "la fédération", "l'ONG"):
    the one that opens the sentence ("Duvernay Frères, qui emploie 240 personnes, n'envisage pas de plan social
    « à ce stade », a précisé la société"), else the latest one the text called so (its name opens with the
    noun, or the noun stands next to it: "la FDSEA, le principal syndicat agricole", "l'ONG Terres et
    Sources"), else the latest one named."""
    bodies = [named for named in reversed(context.names) if named.start < at and named.label == "ORG"]
    sentence_start = _last_sentence_start(context.text, context.text.rfind("\n", 0, at) + 1, at)
    opening = next((named for named in bodies if sentence_start <= named.start
                    and _KIND_BEFORE_NAME.fullmatch(context.text, sentence_start, named.start)), None)
    if opening is not None:
        return opening.name
    for named in bodies:
        first = named.name.split()[0].casefold()
        after = min(at, named.start + len(named.name) + 60)
        sentence_end = _SENTENCE_END.search(context.text, named.start + len(named.name), after)
        near = context.text[max(0, named.start - 30):sentence_end.start() if sentence_end else after].casefold()
        if first in kinds or any(re.search(rf"\b{re.escape(kind)}\b", near) for kind in kinds):
            return named.name
    return bodies[0].name if bodies else None


def _salient_role(context: _Context, phrase: str, at: int, sentence_start: int) -> str | None:
    """For a definite role that no apposition gave ("le technicien", "l'entraîneur nordiste"): the person the
    sentence before was about, when the role's gender agrees."""
    role_gender = _person_role(phrase)
    if role_gender is None or _role_holder(context, at, at + len(phrase)):
        return None
    gender = role_gender or None
    salient = _previous_subject(context, sentence_start, people_only=True)
    return salient if salient is not None and None in (gender, _gender_of(context, salient)) \
        or (salient is not None and gender == _gender_of(context, salient)) else None


def _person_role(phrase: str) -> str | None:
    """For a definite phrase naming a person by a role or a description ("le marin", "la nouvelle championne"):
    its gender, "" when it does not say; None for anything else (an organisation, a document, a name)."""
    words = [word.strip(",.;:") for word in re.sub(r"\b([lL])['’]", r"\1' ", phrase).casefold().split()]
    if len(words) < 2 or words[0] not in ("le", "la", "l'"):
        return None
    if set(words[:3]) & (_ORGANISATION_NOUNS | _DOCUMENT_NOUNS | _PRESS_NOUNS) or _names_something_unknown(phrase):
        return None
    return "f" if set(words[:3]) & FEMININE_MARKERS else "m" if set(words[:3]) & MASCULINE_MARKERS else ""


def _names_something_unknown(phrase: str) -> bool:
    """A capitalised word after the phrase's first (a name no entity holds), unless it is a nationality ("le
    Français"), which refers to a person."""
    head = re.sub(r"^\s*(?:(?:le|la|les)\s+|l['’])", "", phrase, flags=re.IGNORECASE).split()
    word = head[0].strip(",.;:()") if head else ""
    return word[:1].isupper() and not word.casefold().endswith(NATIONALITY_ENDINGS)


def _role_holder(context: _Context, start: int, end: int) -> str | None:
    """The person last given, in apposition, the role a definite phrase's first noun names, when their genders
    agree ("la présidente" is not the "président du groupe écologiste")."""
    span = context.doc.char_span(start, end, alignment_mode="expand")
    noun = next((token for token in span or () if token.pos_ == "NOUN"), None)
    if noun is None:
        return None
    lemma, gender = noun.lemma_.casefold(), _gender(noun)
    return next((role.name for role in reversed(context.roles) if role.start < start and role.lemma == lemma
                 and (None in (gender, role.gender) or gender == role.gender)
                 and _gender_of(context, role.name) in (None, gender)), None)


def _from_incise(context: _Context, end: int, sentence_end: int, sentence_start: int,
                 recent: str | None = None) -> tuple[bool, str | None, bool]:
    """Whether an incise follows the quote, the speaker it gives (None for one it names but we cannot), and
    whether it names them rather than a pronoun or a role."""
    text = context.text
    after = end
    while after < len(text) and text[after] in "»”\" \u00a0\u202f":
        after += 1
    incise = _INCISE.match(text, after, max(sentence_end, after))
    if incise is not None and _bare_participle(context, incise):
        incise = None  # "l'enveloppe « très insuffisante », estimées à 600 millions": the participle of a noun
    incise = incise or _verb_incise(context, end, after, sentence_end)
    if incise is None:
        agent = _AGENT.match(text, after, max(sentence_end, after))
        if agent is not None:  # "un plan jugé « douloureux » par un analyste"
            named = any(agent.start("who") <= named.start < agent.end("who") for named in context.names)
            return True, _resolve(context, agent.group("who"), agent.start("who")), named
        return False, None, False
    pronoun = incise.group("p1") or incise.group("p2") or incise.group("p3")
    if pronoun and pronoun.casefold() == "on":
        return True, None, False  # "lui a-t-on demandé": someone the text does not name
    if pronoun:
        # The person the sentence before is about comes first ("Le Slovène Matej Kralj a concédé 48 secondes.
        # « ... », a-t-il assuré"), then the nearest one named.
        gender = _PRONOUNS.get(pronoun.casefold())
        if recent is not None and _gender_of(context, recent) in (None, gender) and \
                any(named.name == recent and named.label == "PERSON" for named in context.names):
            return True, recent, False  # "Pour X, « ... ». « ... », poursuit-elle": the paragraph's speaker goes on
        salient = _previous_subject(context, sentence_start, people_only=True)
        if salient is not None and _gender_of(context, salient) in (None, gender):
            return True, salient, False
        return True, _resolve(context, pronoun, incise.start(), pronoun), False
    subject, at = incise.group("subject"), incise.start("subject")
    adverbial = _INCISE_ADVERBIAL.match(subject)
    if adverbial and adverbial.end() < len(subject.rstrip()):
        # "estime pour sa part la ministre", "a rétorqué vendredi M. Marchal": the subject after them
        subject, at = subject[adverbial.end():], at + adverbial.end()
    named = any(at <= named.start < at + len(subject) for named in context.names)
    role_gender = None if _MOST_OR_SAME.match(subject) else _person_role(subject)  # not "la plupart des élus"
    if not named and recent is not None and role_gender is not None and \
            (not role_gender or _gender_of(context, recent) in (None, role_gender)) and _role_holder(
                context, at, at + len(subject)) is None and any(
                named.name == recent and named.label == "PERSON" for named in context.names):
        return True, recent, False  # "« ... », souffle Yannick Le Goff. « ... », ajoute le marin": he goes on
    if not named:
        return True, _salient_role(context, subject, at, sentence_start) or _resolve(context, subject, at), False
    return True, _resolve(context, subject, at), named


def _bare_participle(context: _Context, incise: re.Match[str]) -> bool:
    """A past participle with no auxiliary, no reflexive and no pronoun after it qualifies a noun; an incise's
    verb is conjugated ("estime la ministre") or compound ("a estimé X", "a-t-il estimé")."""
    if incise.group("aux") or incise.group("reflexive") or incise.group("p1") or incise.group("p2") or \
            incise.group("p3"):
        return False
    if incise.group("verb").casefold().endswith(("é", "ée", "és", "ées")):
        return True  # (the model's morphology calls some participles finite)
    verb = context.doc.char_span(incise.start("verb"), incise.end("verb"), alignment_mode="expand")
    return verb is not None and len(verb) > 0 and "Part" in verb[0].morph.get("VerbForm")


def _verb_incise(context: _Context, end: int, after: int, sentence_end: int) -> re.Match[str] | None:
    incise = _ANY_INCISE.match(context.text, after, max(sentence_end, after))
    if incise is None or not (incise.group("punct") == "," or context.text[:end].rstrip().endswith(("?", "!", "…"))):
        return None
    span = context.doc.char_span(incise.start("verb"), incise.end("verb"), alignment_mode="expand")
    if span is None or span[0].pos_ != "VERB":
        return None
    # A bare participle is an apposition ("le « plan Eau », présenté en 2023"), not an incise: "a souri", "sourit".
    auxiliary = re.search(r"\b(?:a|avait|ont|aurait)(?:-t-\w+)?[\s\u00a0\u202f]*$", context.text[after:incise.start("verb")])
    # (The model's morphology calls some participles finite, so the participle's ending decides.)
    if auxiliary:
        return incise
    # A participle, past or present, qualifies the clause's subject ("« ... », suivie par 250 000 spectateurs",
    # "« ... », rappelant que ..."): it names no speaker.
    verb = incise.group("verb")
    participle = verb.endswith(("é", "ée", "és", "ées", "ant")) or (
        "Part" in span[0].morph.get("VerbForm") and verb.casefold() not in SPEECH_FORMS)  # ("sourit" is finite)
    return None if participle else incise


def _from_selon(context: _Context, sentence_start: int, sentence_end: int, recent: str | None = None) -> str | None:
    selon = _SELON.search(context.text, sentence_start, sentence_end)
    if selon is None:
        return None
    who = selon.group("who").strip().casefold()
    if who.split(",")[0].strip() in ("elle", "lui", "eux", "elles"):
        who = who.split(",")[0].strip()  # "Selon lui, aller au-delà de 2,5 % « ... »": not the figure's comma
    if who in ("elle", "lui", "eux", "elles"):
        # "Selon elle, ...": the paragraph's last speaker, or the person the sentence before was about.
        gender = "f" if who in ("elle", "elles") else "m"
        for candidate in (recent, _previous_subject(context, sentence_start, people_only=True)):
            if candidate is not None and _gender_of(context, candidate) == gender:
                return candidate
        return _resolve(context, "elle" if who in ("elle", "elles") else "il", selon.start("who"),
                        "elle" if who in ("elle", "elles") else "il")
    # ("Pour l'électricité, 48 heures au minimum": after "pour", a definite phrase that is no role names no one.)
    strict = selon.group(0)[:4].casefold() == "pour"
    return _resolve(context, selon.group("who"), selon.start("who"), strict=strict)


def _from_intro(context: _Context, sentence_start: int, start: int, recent: str | None = None) -> str | None:
    text = context.text
    opening = start
    while opening > sentence_start and text[opening - 1] in "«“\" \u00a0\u202f":
        opening -= 1
    narrative = _NARRATIVE.search(text, sentence_start, opening)
    if narrative is not None:
        if narrative.group("subject"):
            subject, at = narrative.group("subject"), narrative.start("subject")
            return _salient_role(context, subject, at, sentence_start) or _resolve(context, subject, at)
        # "Et d'assurer", "Avant d'ajouter": whoever the story was about, else the paragraph's last speaker
        return _previous_subject(context, sentence_start) or recent
    intro = _INTRO.search(text, sentence_start, opening)
    if intro is None:
        return None
    if intro.group("pronoun"):
        return _resolve(context, intro.group("pronoun"), intro.start(), intro.group("pronoun"))
    # ", tandis que la CFDT juge ...": the subject after the conjunction that opens its clause.
    lead = _CLAUSE_OPENING.match(intro.group("subject"))
    at = intro.start("subject") + (lead.end() if lead else 0)
    if intro.end("subject") - intro.start("subject") >= _LONGEST_SUBJECT:
        at = sentence_start  # a subject longer than the pattern reaches starts with its sentence, not inside it
    adverbial = _LEADING_ADVERBIAL.match(text, at, intro.end("subject"))
    if adverbial and not any(at <= named.start < adverbial.end() and named.label not in _PLACES
                             for named in context.names) and \
            any(adverbial.end() <= named.start < intro.end("subject") for named in context.names):
        # "Côté social, l'Union des salariés des télécoms ...", "À Bruxelles, la Commission ...": the subject after it
        at = adverbial.end()
    return _resolve(context, text[at:intro.end("subject")], at)


def _from_clause(context: _Context, sentence_start: int, start: int, end: int) -> str | None:
    """The subject of the clause a quoted fragment belongs to, whatever its verb: "La FNSEA a salué « une
    avancée réelle »", "le Rassemblement national a dit vouloir « examiner ... »". The parse's subject of the
    last verb before the quote, or of the verb that verb completes; only a subject that names someone (or a
    pronoun or role that refers to them) speaks: "L'opposition dénonce un calendrier « irréaliste »" has no
    named speaker."""
    # Not across another quote of the sentence: "La CGT a salué « un geste », tandis que la CFDT juge ...".
    clause_start = _clause_start(context.text, sentence_start, start)
    span = context.doc.char_span(clause_start, start, alignment_mode="contract")
    if span is None:
        return None
    # (The small model tags an opening « as a verb.)
    verb = next((token for token in reversed(span) if token.pos_ == "VERB" and token.text[:1].isalpha()), None)
    if verb is None:
        return _opening_name(context, clause_start, start)
    for _ in range(3):
        if verb is None or verb.idx < clause_start or verb.idx >= end:
            return None
        subject = next((child for child in verb.children if child.dep_ == "nsubj"), None)
        if subject is not None:
            phrase_start, phrase_end = _subject_bounds(verb)
            if phrase_end > start:
                return None
            if subject.lower_ == "on":
                return _body_speaking_as_on(context, sentence_start, subject.idx)
            phrase = context.text[phrase_start:phrase_end]
            pronoun = subject.lower_ if subject.lower_ in _PRONOUNS else None
            speaker = _resolve(context, phrase, phrase_start, pronoun, strict=True)
            if speaker is not None or verb.dep_ != "ccomp":
                return speaker
            # "Mme Vallérian veut croire que le vote marque « la fin des rafistolages »": whoever believes it.
        # ("a promis une revalorisation, sans en préciser le montant : « ... »": the verb an adverbial clause
        # hangs on.)
        if verb.dep_ not in ("xcomp", "ccomp", "advcl", "conj") or verb.head is verb:
            return None
        verb = verb.head
    return None


def _clause_start(text: str, sentence_start: int, start: int) -> int:
    """Where the clause of a quote starts: after another quote of its sentence ("La CGT a salué « un geste »,
    tandis que la CFDT juge ..."), else with its sentence."""
    return max(sentence_start, text.rfind("»", sentence_start, max(sentence_start, start - 2)) + 1)


def _opening_name(context: _Context, clause_start: int, start: int) -> str | None:
    """When the parse finds no verb ("Valmont maintient son objectif d'une marge « ... »", whose verb the small
    model calls an adverb): the person or body that opens the sentence, followed by a word in lower case or a
    relative clause, is its subject."""
    if not _opens_a_sentence(context.text, clause_start):
        return None
    first = next((named for named in context.names if clause_start <= named.start <= clause_start + 4
                  and named.label in ("PERSON", "ORG")), None)
    if first is None:
        return None
    written = _CAPITALISED_WORDS.match(context.text, first.start)  # the mention as written ("Valmont")
    after = context.text[written.end() if written else first.start:start]
    return first.name if _SUBJECT_FOLLOWS.match(after) else None


def _sentence_opener(context: _Context, sentence_start: int, start: int) -> str | None:
    """Where the small model's parse is lost around a quote ("La chambre de commerce et d'industrie de Corse,
    qui représente près de 30 000 entreprises, redoute « ... »", with "redoute" read as a noun): the person or
    body that opens the sentence, alone or after its kind ("Le syndicat Sud-Rail a, de son côté, dénoncé « ... »"),
    when no other person is named before the quote; a body named by its kind alone ("La fédération
    professionnelle évoque « ... »") is the one the text called so."""
    text = context.text
    if _clause_start(text, sentence_start, start) != sentence_start or not _opens_a_sentence(text, sentence_start):
        return None
    opening = next((named for named in context.names if sentence_start <= named.start < start
                    and named.label in ("PERSON", "ORG")), None)
    if opening is not None and _KIND_BEFORE_NAME.fullmatch(text, sentence_start, opening.start):
        later_people = [named for named in context.names if opening.start < named.start < start
                        and named.label == "PERSON" and named.name != opening.name]
        return None if later_people else opening.name
    kind = _KIND_ALONE.match(text, sentence_start, start)
    if kind is not None and opening is None and kind.group("kind").casefold() in _ORGANISATION_NOUNS:
        return _body_of_kind(context, {kind.group("kind").casefold()}, sentence_start)
    return None


def _body_speaking_as_on(context: _Context, sentence_start: int, on: int) -> str | None:
    """The organisation or seat of power an impersonal "on" speaks for: "Au ministère de l'Éducation nationale,
    on fait valoir ...", "À Bercy, on reconnaît ..."; None for a plain "on"."""
    opening = _ON_AT.search(context.text, max(0, sentence_start - 2), on + 2)
    if opening is None or opening.end() != on + 2:
        return None
    body = [named for named in context.names if opening.start("body") <= named.start < opening.end("body")
            and named.label in _SPEAKING_BODIES]
    return body[0].name if body else None


def _is_title(text: str, start: int, end: int) -> bool:
    """A short capitalised name in quote marks after a determiner: "la « Course au soleil »"."""
    before = text[max(0, start - 8):start].rstrip("«“\" \u00a0\u202f").casefold().split()
    return (len(text[start:end].split()) <= 3 and text[start:start + 1].isupper() and bool(before)
            and before[-1].split("'")[-1].split("’")[-1] in ("la", "le", "les", "l", "du", "des", "au", "aux", ""))


def _opens_a_sentence(text: str, start: int) -> bool:
    opening = start
    while opening > 0 and text[opening - 1] in "«“\" \u00a0\u202f":
        opening -= 1
    return opening == 0 or text[opening - 1] in ".!?…\n" or text[max(0, opening - 2):opening] in (". ", ": ")


def _previous_subject(context: _Context, sentence_start: int, people_only: bool = False) -> str | None:
    """The named subject of the sentence before, in the same paragraph (or the previous one, at its start)."""
    while sentence_start > 0 and context.text[sentence_start - 1] in "\n \u00a0\u202f«":
        sentence_start -= 1
    paragraph_start = context.text.rfind("\n", 0, sentence_start) + 1
    span = context.doc.char_span(paragraph_start, sentence_start, alignment_mode="contract")
    if span is None or not len(span):
        return None
    # The model's sentences may run into the quote: the last verb before it with a subject is the sentence's.
    verbs = [token for token in span if token.pos_ in ("VERB", "AUX") and any(
        child.dep_ == "nsubj" and child.idx < sentence_start for child in token.children)]
    if not verbs:
        # A parse with no subject: the one person the sentence names, if it names one.
        previous_start = _last_sentence_start(context.text, paragraph_start, sentence_start - 1)
        people = {named.name for named in context.names
                  if previous_start <= named.start < sentence_start and named.label == "PERSON"}
        return people.pop() if len(people) == 1 else None
    phrase_start, phrase_end = _subject_bounds(verbs[-1])
    relative = next(child for child in verbs[-1].children if child.dep_ == "nsubj")
    if relative.lower_ == "qui":
        # "Vidal, 29 ans, qui a mis un terme à sa carrière, assistait à la finale": the one "qui" stands for,
        # named in its sentence before it
        phrase_start = _last_sentence_start(context.text, paragraph_start, relative.idx)
        phrase_end = relative.idx
    # "le pilote d'Arvena Racing": a name after "de" complements the subject's noun and is not its subject.
    inside = [named for named in context.names if phrase_start <= named.start < phrase_end
              and (named.label == "PERSON" or not people_only)
              and not _GENITIVE.search(context.text, phrase_start, named.start)]
    return inside[0].name if inside else None


def _sentence_before(text: str, paragraph_start: int) -> tuple[int, int]:
    """Where the narration's last sentence before a paragraph starts and ends."""
    end = paragraph_start
    while end > 0 and text[end - 1] in "\n \u00a0\u202f":
        end -= 1
    return _last_sentence_start(text, text.rfind("\n", 0, end) + 1, end - 1), end


def _last_sentence_start(text: str, lower: int, upper: int) -> int:
    """Where the last sentence that begins in [lower, upper) begins: after the last sentence end there, else
    at `lower`."""
    return max((end.end() for end in _SENTENCE_END.finditer(text, lower, max(lower, upper))
                if not _ABBREVIATION.search(text, max(0, end.start() - 4), end.end())), default=lower)


def _subject_bounds(verb: Token) -> tuple[int, int]:
    """Where the verb's subject is written: from its first word to the verb (its apposition included: "Son
    président, l'Allemand Friedrich Haller, a qualifié ..."), without the auxiliary."""
    subject = next(child for child in verb.children if child.dep_ == "nsubj")
    start = min(token.idx for token in subject.subtree)
    if start > verb.idx:  # an inverted subject ("..., a regretté Philippe Garnier"): its own words
        return start, max(token.idx + len(token) for token in subject.subtree)
    auxiliaries = [child.idx for child in verb.children if child.dep_.startswith("aux") and child.idx > start]
    end = min([verb.idx, *auxiliaries])
    return start, max(start, end)


def _interviewee(context: _Context, paragraph_start: int) -> str | None:
    """Who an exchange's questions are put to: the named subject of the narration's last sentence before it
    ("Pierre-Yves Lutz n'a pas caché sa satisfaction.", not the team of "le pilote d'Arvena Racing"), else the
    holder of its role subject ("le sélectionneur est revenu sur ses choix"), else the last person named before
    it; never the one who asks ("Interrogé sur RTL par Amélie Garnier, il a maintenu sa ligne")."""
    interviewer = _interviewer(context, paragraph_start)
    asking = _asking_clause(context, paragraph_start)
    if asking is not None and asking[1] is not None:
        return asking[1]
    named = _previous_subject(context, paragraph_start, people_only=True)
    if named is not None and named != interviewer:
        return named
    role = _previous_role_subject(context, paragraph_start)
    if role is not None and role != interviewer:
        return role
    subject = _intro_subject(context, paragraph_start)
    if subject is not None and subject.lower_ in _PRONOUNS:
        # "Invitée de France Inter, elle a défendu sa réforme :": the last person named of her gender.
        return _last_person_before(context, paragraph_start, besides=interviewer, gender=_PRONOUNS[subject.lower_])
    if subject is not None and subject.pos_ == "NOUN" and subject.lower_ not in _ORGANISATION_NOUNS | _PRESS_NOUNS:
        # "la nouvelle championne s'est prêtée au jeu des questions", "le technicien n'a pas mâché ses mots": a
        # person the story is about, not the last one it named in passing (the rival, the referee).
        protagonist = _protagonist(context, paragraph_start, _gender(subject), besides=interviewer)
        if protagonist is not None:
            return protagonist
    start, end = _sentence_before(context.text, paragraph_start)
    written = _WRITTEN_SUBJECT.search(context.text, start, end)
    if written is not None:
        # Where the parse is lost ("Interrogé par la journaliste X, le nouveau numéro 8 mondial n'a pas caché son
        # émotion :", "En conférence de presse, la licenciée du Judo Club de Saint-Denis est revenue ..."): the
        # definite phrase before the sentence's verb, as written.
        described = _resolve(context, written.group("phrase"), written.start("phrase"))
        if described is not None and described != interviewer and any(
                named.name == described and named.label == "PERSON" for named in context.names):
            return described
    return _last_person_before(context, paragraph_start, besides=interviewer)


def _follows_a_turn(text: str, paragraph_start: int, asked: dict[int, bool]) -> bool:
    """Whether the paragraph before is a turn of a dialogue too (opens with a dash or is asked)."""
    previous_start, previous = _paragraph_before(text, paragraph_start)
    return previous.lstrip()[:1] in ("—", "–") or any(previous_start <= at < paragraph_start for at in asked)


def _paragraph_before(text: str, paragraph_start: int) -> tuple[int, str]:
    """Where the paragraph before starts, and its text."""
    previous_end = text.rfind("\n\n", 0, max(0, paragraph_start - 1))
    previous_start = previous_end + 2 if previous_end >= 0 else 0
    return previous_start, text[previous_start:max(0, paragraph_start - 1)]


def _exchange_sides(context: _Context, paragraph_start: int) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """The two sides of an exchange the narration just before it announces as one between them: "l'échange entre
    l'élu écologiste Erwan Madec et la maire a été tendu :", "de vifs échanges entre le président, M. Salaün,
    et l'avocat de Mme Guéguen, Me Kerhervé :"."""
    start, end = _sentence_before(context.text, paragraph_start)
    between = _EXCHANGE_BETWEEN.search(context.text, start, end) or _EXCHANGE_OPPOSING.search(context.text, start, end)
    if between is None:
        return None
    first = _resolve(context, between.group("first"), between.start("first"))
    second = _resolve(context, between.group("second"), between.start("second"))
    if first is None or second is None or first == second:
        return None
    return (first, second), (between.group("first"), between.group("second"))


def _called_side(text: str, start: int, end: int, sides: tuple[tuple[str, str], tuple[str, str]],
                 context: _Context) -> int | None:
    """Which side of an exchange a turn calls: by name ("monsieur Madec"), by the role the narration gave them
    ("Madame la sénatrice", "Monsieur le ministre") or as a lawyer ("Maître", to the one titled "Me")."""
    for calling in _CALLING.finditer(text, start, end):
        word = (calling.group("word") or "").casefold()
        for index, (side, phrase) in enumerate(zip(*sides)):
            if calling.group("title").casefold() == "maître":
                if re.search(rf"\bMe[\s\u00a0]+(?:[A-ZÉ][\w-]+[\s\u00a0]+)?{re.escape(side.split()[-1])}\b", text):
                    return index
                continue
            described = set(re.findall(r"[\w-]+", phrase.casefold())) | {
                role.lemma for role in context.roles if role.name == side}
            if word and (word in side.casefold().split() or word in described):
                return index
    return None


def _asking_clause(context: _Context, paragraph_start: int) -> tuple[str, str | None] | None:
    """(asker, asked) when the narration's last sentence before an exchange has one person question another:
    "Thomas Varenne, analyste chez Oddo BHF, a interrogé M. Dufresnoy sur le conflit :"."""
    start, end = _sentence_before(context.text, paragraph_start)
    span = context.doc.char_span(start, end, alignment_mode="contract")
    for verb in span or ():
        if verb.pos_ != "VERB" or verb.lemma_ not in _ASKING_LEMMAS:
            continue
        sides: list[str | None] = []
        for dep in ("nsubj", "obj"):
            child = next((child for child in verb.children if child.dep_ == dep), None)
            phrase = (min(t.idx for t in child.subtree), max(t.idx + len(t) for t in child.subtree)) if child else None
            sides.append(next((named.name for named in context.names if phrase and named.label == "PERSON"
                               and phrase[0] <= named.start < phrase[1]), None))
            if sides[-1] is None and phrase is not None and (dep == "obj" or child.pos_ == "NOUN"):
                # "a interpellé le ministre", "la députée a interpellé la ministre": the holder of the role
                sides[-1] = _resolve(context, context.text[phrase[0]:phrase[1]], phrase[0])
        if sides[0] is None and not any(child.dep_.startswith("nsubj") for child in verb.children):
            # The small model often loses a subject that follows an opening adverbial: the person named last
            # before the verb.
            sides[0] = next((named.name for named in reversed(context.names) if named.label == "PERSON"
                             and start <= named.start < verb.idx), None)
        if sides[0] is not None and sides[0] != sides[1] and (sides[1] is not None or _PRONOUN_OBJECT.search(
                context.text, start, verb.idx)):
            # "M. Julien Couderc l'a ensuite interpellé": he asks; who answers is read as without him
            return sides[0], sides[1]
    return None


def _intro_subject(context: _Context, paragraph_start: int) -> Token | None:
    """The subject of the narration's last sentence before a paragraph."""
    start, end = _sentence_before(context.text, paragraph_start)
    span = context.doc.char_span(start, end, alignment_mode="contract")
    # Nominal subjects only: the model takes an opening participle for one ("Interrogée en zone mixte, la
    # nouvelle championne s'est montrée lucide").
    subjects = [child for token in span or () if token.pos_ in ("VERB", "AUX") for child in token.children
                if child.dep_ in ("nsubj", "nsubj:pass") and child.pos_ in ("NOUN", "PROPN", "PRON", "VERB")]
    if not subjects:
        return None
    subject = subjects[0]
    after_comma = next((child for child in subject.children if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN")
                        and "," in context.text[subject.idx:child.idx]), None)
    if span is not None and subject.i == span[0].i and after_comma is not None:
        return after_comma  # the opening participle the model made the subject, and the subject after its comma
    return subject


def _protagonist(context: _Context, before: int, gender: str | None, besides: str | None = None) -> str | None:
    """The person of that gender the story is about: the one its headline names, else the one it has made the
    subject of its sentences most often before `before` (the latest on a tie), not one named in passing as a
    complement ("l'arbitrage de M. Rouvière")."""
    headline_end = context.text.find("\n")
    subject_counts: dict[str, int] = {}
    latest: dict[str, int] = {}
    in_headline: set[str] = set()
    for named in context.names:
        if named.start >= before or named.label != "PERSON" or named.name == besides:
            continue
        subject_counts[named.name] = subject_counts.get(named.name, 0) + _is_subject(context, named)
        latest[named.name] = named.start
        if named.start < headline_end:
            in_headline.add(named.name)
    candidates = [name for name in latest if gender is None or _gender_of(context, name) == gender] or \
        [name for name in latest if _gender_of(context, name) is None]
    return max(candidates, key=lambda name: (name in in_headline, subject_counts[name], latest[name]), default=None)


def _is_subject(context: _Context, named: _Named) -> bool:
    """Whether a mention is (in apposition to) a verb's subject."""
    span = context.doc.char_span(named.start, named.start + 1, alignment_mode="expand")
    if span is None or not len(span):
        return False
    token = span[0]
    for _ in range(4):
        if token.dep_ in ("nsubj", "nsubj:pass"):
            return True
        if token.dep_ not in ("flat:name", "appos") or token.head is token:
            return False
        token = token.head
    return False


def _interviewer(context: _Context, paragraph_start: int) -> str | None:
    """The person the narration just before an exchange names as asking: "Interrogée par la journaliste Agnès
    Morvan, elle ...", "interrogé jeudi sur RTL par X"."""
    asking = _asking_clause(context, paragraph_start)
    if asking is not None:
        return asking[0]
    previous = context.text.rfind("\n\n", 0, max(0, paragraph_start - 2))
    previous = previous + 2 if previous >= 0 else 0
    for named in reversed(context.names):
        if not previous <= named.start < paragraph_start or named.label not in ("PERSON", "ORG"):
            continue
        sentence = _last_sentence_start(context.text, previous, named.start)
        if _ASKED_BY.search(context.text, sentence, named.start) and not _VERB_AFTER_NAME.match(context.text,
                                                                                              named.start):
            return named.name  # a journalist, or the paper or station that asks ("Interrogé par L'Équipe")
    start, end = _sentence_before(context.text, paragraph_start)
    written = _ASKED_BY_TITLE.search(context.text, start, end)
    # A paper or station the model did not take for a name: "Joint par téléphone par La Dépêche du Midi".
    return " ".join(written.group("who").split()) if written is not None else None


def _previous_role_subject(context: _Context, paragraph_start: int) -> str | None:
    """The person a definite role subject (ROLE_WORDS) of the narration's last sentence refers to ("la
    présidente s'est montrée prudente"), through `_resolve`."""
    start, end = _sentence_before(context.text, paragraph_start)
    span = context.doc.char_span(start, end, alignment_mode="contract")
    verbs = [token for token in span or () if token.pos_ in ("VERB", "AUX")
             and any(child.dep_ in ("nsubj", "nsubj:pass") for child in token.children)]
    if not verbs:
        return None
    subject = next(child for child in verbs[0].children if child.dep_ in ("nsubj", "nsubj:pass"))
    if subject.lower_ not in ROLE_WORDS or not any(child.dep_ == "det" and child.lower_ in ("le", "la", "l'", "l’")
                                                     for child in subject.children):
        return None
    phrase_start = min(token.idx for token in subject.subtree)
    phrase_end = max(token.idx + len(token) for token in subject.subtree)
    speaker = _resolve(context, context.text[phrase_start:phrase_end], phrase_start)
    return speaker if any(named.name == speaker and named.label == "PERSON" for named in context.names) else None


def _gender_of(context: _Context, name: str) -> str | None:
    return next((named.gender for named in context.names if named.name == name and named.gender), None)


def _last_person_before(context: _Context, start: int, besides: str | None = None,
                        gender: str | None = None) -> str | None:
    before = [named for named in reversed(context.names) if named.start < start and named.label == "PERSON"
              and named.name != besides and (gender is None or _gender_of(context, named.name) == gender)]
    return next((named.name for named in before if named.likely_person), before[0].name if before else None)


def _new_subject(context: _Context, start: int, end: int, speaker: str | None) -> bool:
    """Whether the words between two quotes of a sentence bring in another speaker: a clause of its own ("...,
    tandis que la CFDT juge « ... »") or someone named there other than as a complement, not the first quote's
    speaker named in its incise ("a assuré son directeur général, Pieter Van Acker, qui s'engage à maintenir
    le siège à Nantes « ... »", "a-t-il regretté, en promettant que ... « ... »")."""
    if _NEW_CLAUSE.search(context.text, start, end):
        return True
    return any(start <= named.start < end and named.name != speaker and named.label in ("PERSON", "ORG")
               and not _COMPLEMENT_BEFORE.search(context.text, max(start, named.start - 14), named.start)
               for named in context.names)


def _introduced(text: str, paragraph_start: int) -> bool:
    """Whether the paragraph before ends with a colon, introducing this one."""
    return text[:max(0, paragraph_start - 1)].rstrip().endswith(":")


def _continues(text: str, paragraph_start: int, last_paragraph_end: int) -> bool:
    """Whether the paragraph follows the last quoted one, or one that ends with a colon."""
    previous = _paragraph_before(text, paragraph_start)[1].rstrip()
    return previous.endswith(":") or abs(last_paragraph_end - (paragraph_start - 2)) <= 2
