"""Tone: the mean of the sentences' scores, per article and per entity, with finance's sign flips read right."""

from __future__ import annotations

import orjson
import pytest
from spacy.language import Language

from newsstream.enrichment.parse import parse_raw_record
from newsstream.enrichment.pipeline import Enricher
from newsstream.enrichment.records import EnrichedArticle, Entity, Mention, Quote
from newsstream.enrichment.tone import score_tone
from newsstream.enrichment.tone.lexicon import rewritten


def test_the_article_score_is_the_mean_of_its_sentences_with_their_shares(nlp: Language):
    doc = nlp("The rescue was a wonderful success. The storm killed ten people. The meeting is on Monday.")
    tone = score_tone(doc, [])
    assert tone is not None and tone.sentences == 3
    assert (tone.positive, tone.negative, tone.neutral) == (pytest.approx(1 / 3, abs=1e-4),) * 3
    assert -1 <= tone.score <= 1


def test_an_entity_gets_the_mean_tone_of_the_sentences_that_mention_it(nlp: Language):
    text = "Acme had a wonderful, brilliant year. Globex suffered a terrible, tragic collapse."
    doc = nlp(text)
    acme = Entity("Acme", "ORG", 1.0, [Mention("Acme", 0, 4, "ORG")])
    globex = Entity("Globex", "ORG", 1.0, [Mention("Globex", text.index("Globex"), text.index("Globex") + 6, "ORG")])
    nobody = Entity("Initech", "ORG", 1.0, [])
    score_tone(doc, [acme, globex, nobody])
    assert acme.tone is not None and acme.tone > 0.5
    assert globex.tone is not None and globex.tone < -0.5
    assert nobody.tone is None


@pytest.mark.parametrize(("sentence", "sign"), [
    ("Quarterly profits beat analysts' forecasts.", 1),
    ("Sales easily beat expectations in the quarter.", 1),
    ("The retailer missed its own targets again.", -1),
    ("Shares slumped after the warning.", -1),
    ("Shares soared on the news.", 1),
])
def test_financial_language_gets_its_sign(nlp: Language, sentence: str, sign: int):
    tone = score_tone(nlp(sentence), [])
    assert tone is not None and tone.score * sign > 0


def test_names_carry_no_tone(nlp: Language):
    doc = nlp("Officials from the Department of Justice met officials from the United States on Monday.")
    tone = score_tone(doc, [])
    assert tone is not None and tone.score == 0


def test_the_enrichment_names_carry_no_tone_either(nlp: Language):
    text = "The mayor spoke. Grant opened the hall."
    at = text.index("Grant")
    grant = Entity("Johnny Grant", "PERSON", 1.0, [Mention("Grant", at, at + 5, "PERSON")])
    doc = nlp(text)
    assert score_tone(doc, []).score != 0  # "grant" is a positive word to the lexicon
    assert score_tone(doc, [grant]).score == 0


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Monsanto agreed to pay a $1.5m fine.", "Monsanto agreed to pay a $1.5m punishment."),
    ("The firm faces a fine of £2m.", "The firm faces a punishment of £2m."),
    ("The sprinter tested positive for THG.", "The sprinter failed a test for THG."),
    ("The weather was fine on Sunday.", "The weather was fine on Sunday."),
])
def test_a_penalty_fine_and_a_positive_test_read_as_bad_news(sentence: str, expected: str):
    assert rewritten(sentence) == expected


@pytest.mark.parametrize(("sentence", "sign"), [
    ("Shares in the retailer fell 10% on Monday.", -1),
    ("Sales rose 12% in the quarter.", 1),
    ("Pre-tax losses narrowed to £2m.", 1),
    ("Unemployment fell to 4.7% in March.", 1),
    ("The trade deficit widened in November.", -1),
])
def test_which_way_a_figure_moved_and_what_it_measures_give_the_sign(nlp: Language, sentence: str, sign: int):
    tone = score_tone(nlp(sentence), [])
    assert tone is not None and tone.score * sign > 0


def test_a_rate_cut_is_a_decision_not_a_loss():
    assert rewritten("The central bank cut interest rates to 2%.") == "The central bank lowered interest rates to 2%."
    assert rewritten("The firm announced 500 job cuts.") == "The firm announced 500 job cuts."


def test_an_article_in_another_language_has_no_tone(nlp: Language):
    raw = orjson.dumps({"id": "fr", "language": "fr", "body": "Le gouvernement a annoncé une bonne nouvelle hier."})
    [article] = Enricher(nlp).enrich_batch([parse_raw_record(raw, max_bytes=10**6)])
    assert isinstance(article, EnrichedArticle)
    assert article.tone is None and article.places == []


def test_an_english_article_has_a_tone_in_its_record(nlp: Language):
    raw = orjson.dumps({"id": "en", "body": "Great win\n\nThe team celebrated a great, happy victory in Leeds."})
    [article] = Enricher(nlp).enrich_batch([parse_raw_record(raw, max_bytes=10**6)])
    assert isinstance(article, EnrichedArticle)
    record = orjson.loads(orjson.dumps(article))
    assert record["tone"]["score"] > 0 and record["tone"]["sentences"] == 2


def test_the_news_is_told_in_the_narration_not_in_the_quotes(nlp: Language):
    # Upbeat words from the company on the day its shares collapsed: the story is bad news.
    body = ("Shares in Acme collapsed by 40% after the firm lost its biggest contract and warned of job losses.\n\n"
            '"We are delighted with our wonderful team and excited, optimistic and proud about a great future," '
            "said chief executive John Smith.\n\n"
            '"Our brilliant, talented staff are the best, and we love our loyal customers," he added.')
    raw = orjson.dumps({"id": "acme", "body": body})
    [article] = Enricher(nlp).enrich_batch([parse_raw_record(raw, max_bytes=10**6)])
    assert isinstance(article, EnrichedArticle) and len(article.quotes) == 2
    assert article.tone is not None and article.tone.score < 0
    assert article.tone.positive > article.tone.negative  # the shares still count every sentence the same
    assert score_tone(nlp(article.text), []).score > 0  # without the quotes' weights, the praise would win


def test_an_article_of_quotes_alone_scores_them_all(nlp: Language):
    doc = nlp('"It was a wonderful, happy day."')
    whole = Quote(text="It was a wonderful, happy day.", start=1, end=len(doc.text) - 1, speaker=None)
    tone = score_tone(doc, [], [whole])
    assert tone is not None and tone.score > 0.5
