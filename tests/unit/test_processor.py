"""The stream layer's batch processor, driven without Kafka: every record ends enriched or dead-lettered."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

import orjson
import pytest

from newsstream.enrichment.pipeline import Enricher
from newsstream.metrics import WorkerMetrics
from newsstream.settings import TopicNames
from newsstream.stream.model_runner import ThreadModelRunner
from newsstream.stream.processor import BatchProcessor

TOPICS = TopicNames.with_prefix("news.")


@dataclass
class Message:
    topic: str
    partition: int
    offset: int
    timestamp: float
    key: bytes | None
    value: bytes | None


@dataclass
class Event:
    message: Message


def events(*values: bytes | None) -> list[Event]:
    return [Event(Message(TOPICS.raw, 0, offset, time.time() - 1.0, f"k{offset}".encode(), value))
            for offset, value in enumerate(values)]


@pytest.fixture
def harness(nlp, registry):
    sent: list[tuple[str, bytes | None, bytes]] = []

    async def send(topic: str, key: bytes | None, value: bytes) -> None:
        sent.append((topic, key, value))

    metrics = WorkerMetrics(registry, version="test", model="test", process_metrics=False)
    processor = BatchProcessor(enricher=ThreadModelRunner(Enricher(nlp, observe=metrics.observe_stage)),
                               topics=TOPICS, send=send, metrics=metrics, max_record_bytes=10_000)
    yield processor, sent, registry
    processor.close()


def sample(name: str, registry, **labels: str) -> float:
    value = registry.get_sample_value(name, labels or None)
    return 0.0 if value is None else value


def test_a_batch_with_good_and_bad_records(harness):
    processor, sent, registry = harness
    good = orjson.dumps({"id": "a1", "title": "Rates", "body": "Rates rise\n\nThe Bank of England raised "
                         "rates to 5.25%, its 14th rise in a row, Andrew Bailey said. It costs $1.13bn."})
    batch = events(good, b"{not json", b"[]", b'{"id": "x"}', b"x" * 20_000, None)
    result = asyncio.run(processor.process(batch))

    assert (result.enriched, result.dead_lettered) == (1, 5)
    by_topic: dict[str, list[tuple[bytes | None, dict]]] = {}
    for topic, key, value in sent:
        by_topic.setdefault(topic, []).append((key, orjson.loads(value)))
    [(key, article)] = by_topic[TOPICS.enriched]
    assert key == b"a1" and article["id"] == "a1"
    assert article["processing"]["source_offset"] == 0 and article["processing"]["received_at"]
    assert {f["value"] for f in article["figures"]} >= {5.25, 1130000000}
    assert len(by_topic[TOPICS.figures]) == len(article["figures"])
    assert len(by_topic[TOPICS.entities]) == len(article["entities"])
    reasons = [record["reason"] for _, record in by_topic[TOPICS.deadletter]]
    assert reasons == ["invalid_json", "not_an_object", "schema_violation", "too_large", "invalid_json"]
    assert [key for key, _ in by_topic[TOPICS.deadletter]] == [b"k1", b"k2", b"k3", b"k4", b"k5"]

    assert sample("newsstream_articles_consumed_total", registry) == 6
    assert sample("newsstream_articles_enriched_total", registry) == 1
    assert sample("newsstream_articles_dead_lettered_total", registry, reason="invalid_json") == 2
    assert sample("newsstream_records_published_total", registry, topic=TOPICS.deadletter) == 5
    assert sample("newsstream_stage_duration_seconds_count", registry, stage="nlp") == 1
    assert processor.processed_offsets == {(TOPICS.raw, 0): 5}


def test_an_exception_inside_enrichment_dead_letters_only_that_record(harness, monkeypatch):
    processor, sent, registry = harness
    import dataclasses

    from newsstream.enrichment import languages

    english = languages.LANGUAGES["en"]

    def explode_on_poison(doc):
        if "POISON" in doc.text:
            raise RuntimeError("boom")
        return english.figures(doc)

    monkeypatch.setitem(languages.LANGUAGES, "en", dataclasses.replace(english, figures=explode_on_poison))
    batch = events(orjson.dumps({"id": "ok", "body": "A calm story about 3 ships."}),
                   orjson.dumps({"id": "bad", "body": "A POISON story."}))
    result = asyncio.run(processor.process(batch))
    assert (result.enriched, result.dead_lettered) == (1, 1)
    dead = [orjson.loads(v) for t, _, v in sent if t == TOPICS.deadletter]
    assert dead[0]["reason"] == "enrichment_failed"
    assert dead[0]["article_id"] == "bad"
    assert "RuntimeError: boom" in dead[0]["error"]


def test_long_articles_are_analysed_up_to_the_limit_and_say_so(nlp):
    from newsstream.enrichment.parse import parse_raw_record

    paragraph = " ".join(["The council spent £5m on roads, Mayor Jane Smith said."] * 40)
    body = "\n\n".join([paragraph] * 10)
    enricher = Enricher(nlp, max_analysed_chars=5_000)
    [article] = enricher.enrich_batch([parse_raw_record(orjson.dumps({"id": "long", "body": body}),
                                                        max_bytes=10**7)])
    assert article.text == body
    assert any(note.startswith("analysed_prefix:") for note in article.processing["notes"])
    assert article.figures and max(f.end for f in article.figures) <= 5_000


def test_an_article_over_its_time_budget_is_refused_with_reason_timeout(nlp):
    from newsstream.enrichment.parse import parse_raw_record
    from newsstream.errors import InputError, Reason

    enricher = Enricher(nlp, budget_seconds=1e-9)
    [outcome] = enricher.enrich_batch([parse_raw_record(b'{"id": "slow", "body": "A story of 3 ships."}',
                                                        max_bytes=10**6)])
    assert isinstance(outcome, InputError) and outcome.reason is Reason.TIMEOUT
    assert "NEWSSTREAM_ARTICLE_BUDGET_SECONDS" in outcome.message


def test_an_enriched_record_too_large_for_kafka_is_dead_lettered_not_sent(nlp, registry):
    sent: list[tuple[str, bytes | None, bytes]] = []

    async def send(topic: str, key: bytes | None, value: bytes) -> None:
        sent.append((topic, key, value))

    metrics = WorkerMetrics(registry, version="test", model="test", process_metrics=False)
    processor = BatchProcessor(enricher=ThreadModelRunner(Enricher(nlp)), topics=TOPICS, send=send, metrics=metrics,
                               max_record_bytes=10**6, max_message_bytes=20_000)
    try:
        body = " ".join(["Shares rose 5% on Monday."] * 200)  # ~5 kB of text, a much larger record
        result = asyncio.run(processor.process(events(orjson.dumps({"id": "big", "body": body}))))
    finally:
        processor.close()
    assert (result.enriched, result.dead_lettered) == (0, 1)
    [(topic, _, value)] = sent
    assert topic == TOPICS.deadletter
    assert orjson.loads(value)["reason"] == "too_large"
    assert "enriched record would be" in orjson.loads(value)["error"]


def test_with_the_stage_on_a_batch_goes_to_it_in_order_key_order(nlp, registry):
    sent: list[tuple[str, bytes | None, bytes]] = []

    async def send(topic: str, key: bytes | None, value: bytes) -> None:
        sent.append((topic, key, value))

    metrics = WorkerMetrics(registry, version="test", model="test", process_metrics=False)
    processor = BatchProcessor(enricher=ThreadModelRunner(Enricher(nlp)), topics=TOPICS, send=send, metrics=metrics,
                               max_record_bytes=10_000, stateful=True)
    now = time.time()
    body = "Ann Lee said the council would spend £5m on roads."
    batch = [Event(Message(TOPICS.raw, 1, 0, now, b"copy", orjson.dumps({"id": "copy", "body": body}))),
             Event(Message(TOPICS.raw, 0, 7, now - 3, b"original", orjson.dumps({"id": "original", "body": body}))),
             Event(Message(TOPICS.raw, 2, 0, now + 5, b"dated", orjson.dumps(
                 {"id": "dated", "body": body, "published_at": "2020-01-01T00:00:00Z"})))]
    try:
        asyncio.run(processor.process(batch))
    finally:
        processor.close()
    assert [key for topic, key, _ in sent if topic == TOPICS.dedup] == [b"dated", b"original", b"copy"]
