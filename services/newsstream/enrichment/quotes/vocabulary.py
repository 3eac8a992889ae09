"""Word lists and window sizes of quote attribution: labels, pronouns, person and group roles,
unnamed people, prepositions, determiners, gendered titles and honorifics, and the bounds (in tokens and
paragraphs) that keep every search for a speaker local.
"""

from __future__ import annotations

import re

from ..given_names import FEMALE, MALE

_PERSON = "PERSON"
_SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "WORK_OF_ART", "LAW"})

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
    physiotherapist doctor selector agent consultant olympian paralympian mp mep msp td congressman
    congresswoman councillor peer principal governor-general treasurer economist strategist investor
    shareholder banker trader broker regulator prosecutor barrister solicitor auditor inspector
    commissioner ombudsman chairperson deputy vice-president bishop archbishop coroner magistrate""".split()
)
_GROUP_ROLES = frozenset(
    "company firm club group government organisation organization council union party ministry "
    "department agency corporation federation association board league body committee subcommittee bank court "
    "commission regulator watchdog inquiry panel tribunal authority institute trust charity alliance "
    "coalition campaign airline carrier retailer insurer lender operator team side network broadcaster "
    "newspaper magazine university school hospital".split()
)
# Who speaks for someone else, unnamed unless the text gives a name beside them ("his spokesman, John Smith").
_SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen"})
# People the text does not name, as subjects: "One woman told investigators", "a shopper said".
# Members of a legislature, who speak as their committee in a story about its report ("MPs say").
_LEGISLATORS = frozenset("mps senators lawmakers legislators congressmen representatives meps msps tds".split())
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
