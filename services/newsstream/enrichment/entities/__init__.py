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

The package: `vocabulary` (labels and word lists), `repair` and `pieces` (step 1: the model's spans and their
repairs), `linking` (step 2: surfaces, links and clusters), `labels` (step 3: label vote and canonical name),
`missed` (step 4) and `extract` (`extract_entities` and step 5, salience).
"""

from __future__ import annotations

from .extract import extract_entities
from .vocabulary import ENTITY_LABELS

__all__ = ["ENTITY_LABELS", "extract_entities"]
