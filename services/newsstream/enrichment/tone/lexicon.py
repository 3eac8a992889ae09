"""Where VADER's lexicon (written for social media) misreads news, and the fixes (docs/records.md, "Tone").

- Words whose scored sense news rarely uses: "like" and "well" as in "like other firms", "as well as"; "party",
  "interest", "shares", "security" as topics; "play" and "grand slam" in sport; "kind of", "pretty much".
  Chosen from the lexicon words most frequent in the BBC corpus (all 1,424 stories), not from the labelled
  ones; they score 0.

- Market verbs it does not know: shares "slump", "plunge", "soar", "surge", "rally"; "layoffs",
  "redundancies", "recession", "bankruptcy".
- Words whose sign flips in finance: results that "beat forecasts" are good news, though "beat" and "beaten"
  read as violence; results that "missed" them are bad. Rewritten before scoring to words of the right sign.
- A central bank that "cut rates" reports a decision, not a loss: "cut" before "rates" reads as neutral.
- News events the lexicon lacks: disasters ("tsunami", "floods"), crime and courts ("convicted", "sued",
  "fined"), sport ("victory", "comeback", "relegation", "doping", "injuries"), computing ("virus",
  "spyware", "phishing", "piracy"), companies ("sacked", "closure", "slowdown", "scrapped"); chosen from
  the words most frequent in the BBC corpus that VADER does not score.
- Which way a figure moved: the lexicon scores "increase" and "gain" but not "rose", "fell" or "declined", so
  "shares fell 10%" read as neutral. A rise scores as a mild good and a fall as a mild bad, except for
  quantities that are bad news themselves: "losses narrowed" and "unemployment fell" are good news, "the
  deficit widened" bad (the subject is found as the nearest of those nouns up to six words before the verb).
- A "fine" that is paid or imposed is a penalty, not the adjective; an athlete or a patient who "tested
  positive" has failed a test.
"""

from __future__ import annotations

import re

NEUTRAL_IN_NEWS = frozenset({
    # Function words and topics: "like other firms", "as well as", "at the heart of", "the value of".
    "like", "well", "number", "want", "top", "party", "parties", "interest", "share", "shares", "sharing",
    "security", "securities", "united", "legal", "free", "energy", "hand", "kind", "pretty", "original",
    "special", "straight", "credit", "trust", "fund", "funds", "justice", "heart", "hearts", "value", "vision",
    "natural", "care", "join", "committed", "l",
    # Reporting verbs: "he stressed that" reports, it is not stress; "admits" reports, it is no praise.
    "stressed", "admits", "admitted",
    # Sport and culture: positions, genres and fans, not praise or violence.
    "play", "plays", "played", "playing", "defence", "defender", "attacking", "backs", "fitness", "fan",
    "supporters", "comedy", "comedian", "thriller", "novel", "entertainment", "festival", "grand", "slam",
    # Names the entity recogniser can miss: Windows XP, Amazon, Moody's.
    "xp", "amazon", "moody",
})

_RISE_FORMS = ("rose rise rises rising risen climbed climbs climbing jumped jumps grew grow grows growing grown "
               "increased increases widened widening").split()
_FALL_FORMS = ("fell fall falls falling fallen dropped drops declined decline declines declining slid slipped "
               "shrank shrunk decreased decreases narrowed narrowing").split()
# Quantities whose rise is bad news and whose fall good.
_BAD_QUANTITIES = ("losses|loss|deficits?|debts?|unemployment|jobless|inflation|costs|borrowing|arrears|"
                   "redundancies|layoffs|shortfall|crime|deaths|casualties|complaints|defaults|bad loans")
_INVERTED_MOVE = re.compile(
    rf"\b(?:{_BAD_QUANTITIES})\b((?:\W+(?!(?:and|but|while|whereas)\b)\w+){{0,5}}?)\W+"
    rf"({'|'.join(_RISE_FORMS + _FALL_FORMS)})\b", re.IGNORECASE)

# Valences on VADER's scale (-4 to 4), near those of the lexicon's words of the same strength.
LEXICON_UPDATES: dict[str, float] = {
    **{word: 0.0 for word in NEUTRAL_IN_NEWS},
    **{word: 0.9 for word in _RISE_FORMS}, **{word: -0.9 for word in _FALL_FORMS},
    "slump": -1.6, "slumped": -1.6, "slumps": -1.6, "plunge": -1.8, "plunged": -1.8, "plunges": -1.8,
    "plummet": -2.0, "plummeted": -2.0, "tumble": -1.3, "tumbled": -1.3, "slide": -0.8, "slid": -0.8,
    "soar": 1.6, "soared": 1.6, "soars": 1.6, "surge": 1.3, "surged": 1.3, "surges": 1.3,
    "rally": 1.1, "rallied": 1.1, "rebound": 1.2, "rebounded": 1.2, "recovery": 1.3, "upturn": 1.2,
    "downturn": -1.5, "recession": -2.0, "bankruptcy": -2.5, "insolvency": -2.2, "layoffs": -1.8,
    "redundancies": -1.7, "outperformed": 1.5, "penalty": -0.5,
    # News events (see the module docstring).
    "victory": 2.0, "comeback": 1.5, "recovered": 1.3, "surplus": 1.0, "expansion": 1.0,
    "tsunami": -2.5, "earthquake": -2.5, "flood": -2.0, "floods": -2.0, "homeless": -1.8,
    "convicted": -2.2, "sued": -1.2, "fined": -1.5, "investigation": -0.8, "probe": -0.8,
    "injuries": -1.8, "doping": -2.0, "relegation": -1.5, "relegated": -1.8, "sacked": -1.8, "quit": -0.8,
    "dies": -2.6, "virus": -1.5, "viruses": -1.5, "spyware": -1.5, "phishing": -1.8, "piracy": -1.5,
    "pirated": -1.2, "hacker": -1.5, "hackers": -1.5, "flaw": -1.2, "flaws": -1.2, "crashed": -1.7,
    "shut": -0.8, "closure": -1.2, "closures": -1.2, "slowdown": -1.3, "scrapped": -1.0,
    "downgrade": -1.3, "downgraded": -1.3, "underperformed": -1.5, "shortfall": -1.3,
}

_BEAT_EXPECTATIONS = re.compile(
    r"\b(?:beat|beats|beaten|beating|topped|exceeded|exceeding)\b(?=(?:\W+\w+){0,4}?\W+"
    r"(?:forecasts?|expectations?|estimates?|predictions?|targets?)\b)", re.IGNORECASE)
_MISSED_EXPECTATIONS = re.compile(
    r"\b(?:missed|miss|misses|missing)\b(?=(?:\W+\w+){0,4}?\W+(?:forecasts?|expectations?|estimates?|targets?)\b)",
    re.IGNORECASE)
_PENALTY_FINE = re.compile(
    r"\b(?:pay|pays|paid|paying|face|faces|faced|facing|impose[sd]?|imposing|issued?|record|heavy|hefty|"
    r"[£$€][\d.,]+\s*(?:m|bn|k|million|billion)?)\s+(?:a\s+|an\s+|the\s+)?(?:[£$€]?[\d.,]+\s*(?:m|bn|k|million|billion)?\s+)?fine\b",
    re.IGNORECASE)
_TESTED_POSITIVE = re.compile(r"\b(?:test|tests|tested|testing)\s+positive\b", re.IGNORECASE)
_RATE_CUT = re.compile(r"\bcut(?:s|ting)?\b(?=(?:\W+\w+){0,2}?\W+(?:interest\W+)?rates?\b)", re.IGNORECASE)


def rewritten(sentence: str) -> str:
    """The sentence with finance's sign-flipping phrases put in words VADER reads with the right sign."""
    sentence = _BEAT_EXPECTATIONS.sub("outperformed", sentence)
    sentence = _MISSED_EXPECTATIONS.sub("underperformed", sentence)
    sentence = _PENALTY_FINE.sub(lambda match: match.group(0)[:-len("fine")] + "punishment", sentence)
    sentence = _TESTED_POSITIVE.sub("failed a test", sentence)
    sentence = _INVERTED_MOVE.sub(_inverted_move, sentence)
    return _RATE_CUT.sub("lowered", sentence)


def _inverted_move(match: re.Match[str]) -> str:
    """"losses narrowed" -> "losses improved", "the deficit widened" -> "the deficit worsened"."""
    verb = match.group(2)
    replacement = "worsened" if verb.casefold() in _RISE_FORMS else "improved"
    return match.group(0)[:match.start(2) - match.start(0)] + replacement
