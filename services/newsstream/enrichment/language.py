"""Language of an article's text, as an ISO 639-1 code.

Uses lingua (`lingua-language-detector`) rather than langdetect: deterministic (langdetect samples at
random and needs a seed) and faster as measured here, about 1 ms for the first 1,000 characters of an
English article against 1.9 ms for langdetect. The detector is built once, restricted to the languages news
feeds mostly come in, in low-accuracy mode: that mode reads trigram models only, so the first detection
takes about 0.15 s and the process about 50 MB, where the default mode loads 1- to 5-gram models on the
first short text (3 to 7 s of CPU and 400 MB for these languages). Both modes agree on texts longer than
about 120 characters; below that the low-accuracy mode guesses badly ("US sends extra 2,000 troops to
Europe" comes out Dutch), so shorter texts get None. A text in a language outside the list gets the
closest listed one, or None.
"""

from __future__ import annotations

import threading

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

SAMPLE_CHARS = 1000
MIN_LETTERS = 20
MIN_CHARS = 120
# How far ahead of the runner-up the best language must be; below it the answer is None, not a guess
# (gibberish such as "xxxx..." otherwise comes out as Turkish). Costs nothing measurable.
MIN_RELATIVE_DISTANCE = 0.1

CANDIDATE_LANGUAGES = (
    Language.ENGLISH, Language.GERMAN, Language.FRENCH, Language.SPANISH, Language.ITALIAN,
    Language.PORTUGUESE, Language.DUTCH, Language.RUSSIAN, Language.UKRAINIAN, Language.POLISH,
    Language.TURKISH, Language.ARABIC, Language.CHINESE, Language.JAPANESE, Language.KOREAN, Language.HINDI,
    Language.SWEDISH, Language.DANISH, Language.BOKMAL, Language.FINNISH, Language.ROMANIAN, Language.GREEK,
    Language.CZECH, Language.HUNGARIAN, Language.HEBREW, Language.PERSIAN, Language.INDONESIAN,
    Language.VIETNAMESE,
)

_detector: LanguageDetector | None = None
_detector_lock = threading.Lock()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the language of `text` ("en"), or None when it is too short or unclear.

    Looks at the first SAMPLE_CHARS characters only, so the cost does not grow with the article. Too short
    means under MIN_CHARS characters or MIN_LETTERS letters.
    """
    if not isinstance(text, str):
        return None
    sample = _sample(text).strip()
    if len(sample) < MIN_CHARS or sum(character.isalpha() for character in sample) < MIN_LETTERS:
        return None
    language = _get_detector().detect_language_of(sample)
    return language.iso_code_639_1.name.lower() if language is not None else None


# When a record's own `language` is overruled: the detector must give another language at least this confidence
# (lingua's relative confidence, low-accuracy mode) on a text of at least OVERRIDE_MIN_CHARS characters.
OVERRIDE_MIN_CONFIDENCE = 0.9
OVERRIDE_MIN_CHARS = 200


def confident_language(text: str) -> str | None:
    """The language of `text` when the detector is confident of it (see OVERRIDE_MIN_CONFIDENCE), else None."""
    if not isinstance(text, str) or len(text.strip()) < OVERRIDE_MIN_CHARS:
        return None
    values = _get_detector().compute_language_confidence_values(_sample(text).strip())
    if not values or values[0].value < OVERRIDE_MIN_CONFIDENCE:
        return None
    return values[0].language.iso_code_639_1.name.lower()


def _sample(text: str) -> str:
    """The first SAMPLE_CHARS characters, cut back to the last whole word."""
    if len(text) <= SAMPLE_CHARS:
        return text
    sample = text[:SAMPLE_CHARS]
    cut = sample.rfind(" ", SAMPLE_CHARS // 2)
    return sample[:cut] if cut > 0 else sample


def _get_detector() -> LanguageDetector:
    global _detector
    if _detector is None:
        with _detector_lock:
            if _detector is None:
                _detector = (LanguageDetectorBuilder.from_languages(*CANDIDATE_LANGUAGES)
                             .with_minimum_relative_distance(MIN_RELATIVE_DISTANCE)
                             .with_low_accuracy_mode()
                             .build())
    return _detector
