"""The verbs that report speech: the strong ones (say, tell, add, warn, ...) that also
count in narration, the weak ones that count only next to a quote, the few that count only right after one,
the forms the small tagger may mis-tag, and `_verb_forms`, which spells out their inflections.
"""

from __future__ import annotations

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
    "agreed agrees laughed laughs smiled smiles sighed shouted cried "
    "thinks reckons believes".split()  # '"It is totally going to kill radio," thinks Curry.'
)
# Forms the small tagger sometimes tags as nouns or adjectives; they are attributions regardless.
_UNAMBIGUOUS_SPEECH = frozenset({"said", "says", "told", "added", "adds", "insisted", "explained", "admitted"})
# Base forms, which count only right before a colon: `went on to warn:`, `would only say:`.
_SPEECH_BASE_FORMS = frozenset((_STRONG_SPEECH_VERBS + " " + _WEAK_SPEECH_VERBS + " agree").split())
