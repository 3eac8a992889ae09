"""What a count counts: the noun after a number, or a noun the sentence or an earlier figure names.
`_counted_noun` finds the head noun counted by a number ("hundreds of fans", "a 44-man squad", "two really
important games"), singular; `_count_unit` gives a count its unit, carrying a noun over from an earlier
figure of the same value or taking the topic of the sentence ("the number of camera phones").
"""

from __future__ import annotations

from .not_figures import _is_multiplier_at
from .parsing import _Number
from .tokens import _State, _Tokens
from .vocabulary import (
    AUDIENCE_WORDS, CARRY_OVER_MIN, NOT_COUNTED_NOUNS, NOUN_RUN_LIMIT, SINGULAR_OVERRIDES, SUBSTANTIVE_ADJECTIVES,
    TIME_UNITS, TOPIC_WINDOW,
)


def _counted_noun(toks: _Tokens, j: int) -> str | None:
    """The head noun counted by a number whose expression ends before token j, singular."""
    if j > 0 and toks.text[j - 1].endswith(".") and len(toks.text[j - 1]) > 1:
        return None  # "the 1000m." ends its sentence
    lower = toks.lower_at(j)
    if lower == "-" and toks.glued(j):  # "a 44-man squad", "a six-try win", "a 300-strong crowd"
        if toks.lower_at(j + 1) != "strong":
            return _usable_noun(toks, j + 1) if toks.text_at(j + 1).isalpha() else None
        j += 2
    elif lower == "of":  # "hundreds of fans", "two of the players", "10 of the next 13 games"
        j += 1
        if toks.tag[j] in ("DT", "PRP$") if j < toks.n else False:
            j += 1
        return _head_of_noun_run(toks, j, numbers_allowed=True)
    if lower == "times" and not _is_multiplier_at(toks, j):  # "won it five times": a frequency
        if toks.lower_at(j + 1) == "out" and toks.lower_at(j + 2) == "of" and toks.lower_at(j + 3) in ("10", "ten"):
            return None  # "nine times out of ten": an idiom for "usually"
        return "time"
    noun = _head_of_noun_run(toks, j)
    if noun is None and lower in SUBSTANTIVE_ADJECTIVES and toks.pos_at(j + 1) not in _NOMINALS:
        return lower  # "released one single,"
    return noun


_NOMINALS = frozenset({"NOUN", "PROPN", "ADJ"})


def _head_of_noun_run(toks: _Tokens, j: int, numbers_allowed: bool = False) -> str | None:
    """The last noun of the noun phrase starting at j, over adjectives, participles, hyphenated
    compounds ("re-released"), possessives ("Elvis' tracks", "the club's last 14 games") and
    coordinated adjectives ("one traditional or classic song")."""
    head = -1
    proper_head = -1
    seen_noun = False
    letter_prefix = ""  # "e" of "e-mails": the head is the whole compound
    k = j
    while k < toks.n and k - j < NOUN_RUN_LIMIT:
        pos = toks.pos[k]
        if toks.tag[k] == "POS" and k > j:  # a possessive: what follows is the head's phrase
            if not numbers_allowed and all(toks.pos[m] == "PROPN" for m in range(j, k)):
                return None  # "50 Cent's rivals": the number begins the name, it counts nothing
            head, proper_head, seen_noun = -1, -1, False
        elif toks.lower[k] in ("number", "no") and toks.pos_at(k + 1) == "NUM" and not seen_noun:
            k += 2  # "only one number one spot": a rank inside the phrase
            continue
        elif pos == "NOUN" and toks.text[k][0].isalpha():
            head, letter_prefix = k, ""
            seen_noun = True
        elif toks.text[k] in ("-", "–") and toks.glued(k) and k > j and toks.glued(k - 1):
            k += 2  # the word after a hyphen belongs to the compound ("ground-launched")
            if k - 1 < toks.n and toks.pos[k - 1] == "NOUN":
                head = k - 1
                before = toks.lower[k - 3]
                letter_prefix = before if len(before) == 1 and before.isalpha() else ""
            continue
        elif seen_noun:
            break
        elif pos == "ADV" and toks.text[k].isalpha() and _modifies_next(toks, k):
            pass  # "two really important games", "eleven newly signed players"
        elif pos == "PROPN":
            proper_head = k
        elif toks.lower[k] in ("or", "and") and toks.pos_at(k - 1) == "ADJ" and toks.pos_at(k + 1) == "ADJ":
            pass
        elif numbers_allowed and pos == "NUM" and proper_head < 0:
            pass
        elif pos != "ADJ" and toks.tag[k] not in ("VBN", "VBG", "JJR"):
            break
        k += 1
    if head >= 0:
        noun = _usable_noun(toks, head)
        return f"{letter_prefix}-{noun}" if noun and letter_prefix else noun
    if proper_head >= 0 and _looks_like_proper_plural(toks, proper_head):
        return _usable_noun(toks, proper_head)  # "five Grammys", "12 Oscars"
    return None


def _modifies_next(toks: _Tokens, k: int) -> bool:
    nxt = k + 1
    return nxt < toks.n and (toks.pos[nxt] == "ADJ" or toks.tag[nxt] in ("VBN", "VBG"))


def _looks_like_proper_plural(toks: _Tokens, i: int) -> bool:
    """ "Grammys", "Oscars", but not "Elvis'" or "Williams"."""
    if toks.tag[i] == "NNPS":
        return True
    text = toks.text[i]
    if toks.ent[i] == "PERSON" or toks.lower_at(i + 1) in ("'", "'s", "’", "’s"):
        return False
    return len(text) > 3 and text.endswith("s") and not text.endswith("ss") and text[:1].isupper()


def _strip_plural(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _usable_noun(toks: _Tokens, i: int) -> str | None:
    lower = toks.lower[i]
    lemma = SINGULAR_OVERRIDES.get(lower) or toks.lemma(i)
    if toks.pos[i] == "PROPN" and lemma == lower:  # proper plurals keep their -s: "Grammys"
        lemma = _strip_plural(lower)
    if lemma in NOT_COUNTED_NOUNS or lemma in TIME_UNITS or not lemma.replace("-", "").isalpha():
        return None
    return lemma


def _count_unit(state: _State, number: _Number, noun: str | None) -> str | None:
    if noun is not None:
        state.nouns_by_value[number.value] = noun
        return noun
    # "the 8,500 on standby" after "8,500 troops": the noun carries over. Small numbers repeat by
    # chance ("two sets down" ... "in the last four"), so only larger ones after a determiner do.
    before = number.start - 1
    if number.value >= CARRY_OVER_MIN and before >= 0 and state.toks.tag[before] in ("DT", "JJ", "PDT"):
        carried = state.nouns_by_value.get(number.value)
        if carried is not None:
            return carried
    if number.value < CARRY_OVER_MIN:
        return None  # "two", "four": too common to stand for a noun named elsewhere in the sentence
    return _sentence_topic(state.toks, before, audience=number.value >= 1000)


def _sentence_topic(toks: _Tokens, before: int, audience: bool) -> str | None:
    """What a bare number counts when its sentence names it earlier: "the number of camera phones
    ... doubled to 7.5 million", "the audience fell by 600,000 to 5.9 million" (viewers)."""
    for k in range(before, max(before - TOPIC_WINDOW, -1), -1):
        lower = toks.lower[k]
        if lower in (".", "!", "?", ";") or "\n" in toks.text[k]:
            return None
        if lower in ("number", "numbers") and toks.lower_at(k + 1) == "of" and k + 2 < before:
            start = k + 3 if toks.tag[k + 2] in ("DT", "PRP$") else k + 2
            return _head_of_noun_run(toks, start)
        if audience and lower in AUDIENCE_WORDS:
            return "viewer"
    return None
