from __future__ import annotations

from pathlib import Path

import pytest

from newsstream.enrichment import language
from newsstream.enrichment.language import MIN_CHARS, SAMPLE_CHARS, detect_language
from newsstream.enrichment.parse import decode_text

BBC = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "bbc"
SAMPLE = BBC.parent.parent / "samples" / "time-plus-news-us-troops.txt"

GERMAN = ("Die Bundesregierung hat am Mittwoch beschlossen, weitere Soldaten nach Litauen zu schicken, um die "
          "Ostflanke der Nato zu stärken.")


@pytest.mark.parametrize(("text", "code"), [
    (GERMAN, "de"),
    ("Le gouvernement français a annoncé mercredi l'envoi de troupes supplémentaires en Roumanie pour renforcer "
     "le flanc est de l'Otan.", "fr"),
    ("El gobierno español anunció el miércoles que enviará más tropas a Letonia para reforzar el flanco "
     "oriental de la OTAN.", "es"),
    ("Il governo italiano ha annunciato mercoledì che invierà altre truppe in Romania per rafforzare il fianco "
     "orientale della Nato.", "it"),
    ("De Nederlandse regering heeft woensdag besloten extra militairen naar Litouwen te sturen om de oostflank "
     "van de NAVO te versterken.", "nl"),
    ("Rząd Polski ogłosił w środę, że wyśle dodatkowych żołnierzy na wschodnią granicę, aby wzmocnić obronę "
     "wschodniej flanki NATO.", "pl"),
    ("Правительство России заявило в среду, что не планирует вторжение на Украину, несмотря на концентрацию "
     "войск у границы.", "ru"),
    ("Уряд України заявив у середу, що не бачить підстав для паніки, незважаючи на скупчення російських "
     "військ біля кордону.", "uk"),
    ("美国总统拜登周三下令向欧洲增派两千名士兵，以加强北约的防御能力，应对俄罗斯可能入侵乌克兰的局势。", "zh"),
    ("バイデン米大統領は水曜日、北大西洋条約機構の防衛を強化するため、欧州に二千人の部隊を追加派遣するよう命じた。", "ja"),
    ("أمر الرئيس الأمريكي جو بايدن يوم الأربعاء بإرسال ألفي جندي إضافي إلى أوروبا لتعزيز دفاعات حلف الناتو.", "ar"),
    ("Suomen hallitus ilmoitti keskiviikkona lähettävänsä lisää sotilaita Liettuaan vahvistamaan Naton "
     "itäistä puolustusta.", "fi"),
])
def test_news_sentences_in_other_languages(text: str, code: str) -> None:
    paragraph = " ".join([text] * 3)  # at least MIN_CHARS characters, as any article is
    assert detect_language(paragraph) == code


def test_the_sample_article_is_english() -> None:
    assert detect_language(SAMPLE.read_text(encoding="utf-8")) == "en"


def test_every_bbc_article_is_english() -> None:
    texts = [decode_text(path.read_bytes())[0] for path in sorted(BBC.glob("*/*.txt"))]
    assert {detect_language(text) for text in texts} == {"en"}


@pytest.mark.parametrize("text", [
    "",
    "Hi",
    "The cat sat on the mat.",
    "US sends extra 2,000 troops to Europe to bolster Nato defences",  # under MIN_CHARS: no guess
    "   " + "Short English text padded with blanks." + " " * 200,
    "1234 5678 90 " * 500,
    "x" * 5000,
    "!!! ??? ... --- " * 100,
])
def test_too_short_or_unclear_text_has_no_language(text: str) -> None:
    assert detect_language(text) is None


def test_a_text_of_min_chars_gets_a_language() -> None:
    text = ("The government said on Wednesday that it would send more troops to the region. " * 3)[:MIN_CHARS - 1] + "."
    assert len(text) == MIN_CHARS
    assert detect_language(text) == "en"
    assert detect_language(text[:-1]) is None


def test_non_string_input_has_no_language() -> None:
    assert detect_language(None) is None  # type: ignore[arg-type]


def test_only_the_beginning_of_the_text_is_read() -> None:
    english = ("The government said on Wednesday that it would send more troops to the region. " * 20)[:SAMPLE_CHARS]
    assert detect_language(english + " " + GERMAN * 1000) == "en"
    assert detect_language(GERMAN * 20 + " " + english * 100) == "de"


def test_detection_is_deterministic() -> None:
    mixed = "Das ist gut. This is good. C'est bon. Esto es bueno. " * 5
    assert len({detect_language(mixed) for _ in range(20)}) == 1


def test_the_cost_does_not_grow_with_the_article_only_its_first_characters_are_read(monkeypatch) -> None:
    # What keeps detection cheap (about 1 ms an article, measured by the bench's offline row): it never reads
    # more than SAMPLE_CHARS characters, whatever the length of the article.
    texts = [decode_text(path.read_bytes())[0] for path in sorted(BBC.glob("*/*.txt"))[:100]]
    long_text = " ".join(texts)  # about 40,000 words
    real = language._get_detector()
    read: list[int] = []

    class Spy:
        def detect_language_of(self, text: str):
            read.append(len(text))
            return real.detect_language_of(text)

    monkeypatch.setattr(language, "_get_detector", lambda: Spy())
    assert detect_language(long_text) == "en"
    assert read and max(read) <= language.SAMPLE_CHARS
