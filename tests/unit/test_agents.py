"""The worker's agents driven by Faust's `test_context()`: no broker, the agents' own code."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import faust
import orjson
import pytest
from faust.types import TP

from newsstream.enrichment.pipeline import Enricher
from newsstream.metrics import WorkerMetrics
from newsstream.settings import Settings, TopicNames
from newsstream.stream.agents import DedupAgent, EnrichAgent
from newsstream.stream.model_runner import ThreadModelRunner
from newsstream.stream.processor import BatchProcessor
from newsstream.stream.recovery.continuity import OffsetContinuity
from newsstream.state.stage import StageConfig, StatefulStage

from ..conftest import SAMPLE_ARTICLE

TOPICS = TopicNames.with_prefix("news.")
SAMPLE = SAMPLE_ARTICLE.read_text(encoding="utf-8")
Sent = list[tuple[str, bytes | None, bytes]]


def continuity_from_zero() -> OffsetContinuity:
    """The guard as test_context's channel needs it: each partition starts at offset 0, and holes never happen."""
    async def start(tp: TP) -> int:
        return 0

    async def no_holes(tp: TP, start: int, end: int) -> list:
        raise AssertionError(f"unexpected hole {start}..{end - 1} in {tp}")

    async def nothing(*args: object) -> None:
        return None

    return OffsetContinuity(start_offset=start, read_range=no_holes, mark_done=nothing, rewind=nothing)


def recorder() -> tuple[Sent, Callable[[str, bytes | None, bytes], Awaitable[None]]]:
    sent: Sent = []

    async def send(topic: str, key: bytes | None, value: bytes) -> None:
        sent.append((topic, key, value))

    return sent, send


async def until(condition: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.01)


def app() -> faust.App:
    return faust.App("newsstream-agent-tests", broker="kafka://127.0.0.1:1", store="memory://", web_enabled=False)


def bytes_topic(faust_app: faust.App, name: str) -> faust.TopicT:
    return faust_app.topic(name, key_type=bytes, value_type=bytes, key_serializer="raw", value_serializer="raw")


@pytest.fixture
def metrics(registry) -> WorkerMetrics:
    return WorkerMetrics(registry, version="test", model="test", process_metrics=False)


def test_the_enrich_agent_publishes_articles_dead_letters_bad_records_and_records_its_progress(nlp, metrics):
    sent, send = recorder()
    processor = BatchProcessor(enricher=ThreadModelRunner(Enricher(nlp)), topics=TOPICS, send=send, metrics=metrics,
                               max_record_bytes=1_000_000)
    faust_app = app()
    enrich = EnrichAgent(processor, continuity_from_zero(), batch_size=2, batch_timeout=0.05, in_flight_limit=2)
    agent = faust_app.agent(bytes_topic(faust_app, TOPICS.raw), name="enrich")(enrich.run)

    async def drive() -> None:
        async with agent.test_context() as tested:
            await tested.put(orjson.dumps({"id": "sample", "body": SAMPLE}), key=b"sample", partition=0)
            await tested.put(b"{not json", key=b"broken", partition=0)
            await tested.put(orjson.dumps({"id": "short", "body": "Ann Lee said it rose 5%."}), key=b"short",
                             partition=0)
            await until(lambda: {key for topic, key, _ in sent if topic in (TOPICS.enriched, TOPICS.deadletter)}
                        >= {b"sample", b"broken", b"short"})

    try:
        asyncio.run(drive())
    finally:
        processor.close()
    enriched = {key: orjson.loads(value) for topic, key, value in sent if topic == TOPICS.enriched}
    assert set(enriched) == {b"sample", b"short"}
    assert any(entity["name"] == "Joe Biden" for entity in enriched[b"sample"]["entities"])
    [dead] = [orjson.loads(value) for topic, _, value in sent if topic == TOPICS.deadletter]
    assert dead["reason"] == "invalid_json" and processor.processed_offsets[(TOPICS.raw, 0)] == 2


def test_the_dedup_agent_runs_every_article_through_the_stage(metrics):
    sent, send = recorder()
    settings = Settings.from_env({})
    stage = StatefulStage(config=StageConfig.from_settings(settings), index_store={}, trending_store={}, send=send, metrics=metrics)
    faust_app = app()
    agent = faust_app.agent(bytes_topic(faust_app, settings.topics.dedup), name="dedup")(
        DedupAgent(stage, continuity_from_zero()).run)

    def record(article_id: str, text: str, offset: int) -> bytes:
        return orjson.dumps({"id": article_id, "text": text, "entities": [], "published_at": None,
                             "processing": {"received_at": "2026-12-05T08:00:00Z", "source_partition": 0,
                                            "source_offset": offset}})

    async def drive() -> None:
        async with agent.test_context() as tested:
            await tested.put(record("original", SAMPLE, 0), key=b"original", partition=0)
            await tested.put(record("copy", "Another Site\n\n" + SAMPLE, 1), key=b"copy", partition=0)
            await until(lambda: sum(topic == settings.topics.enriched for topic, _, _ in sent) >= 2)

    asyncio.run(drive())
    published = [(topic, key) for topic, key, _ in sent if topic != settings.topics.trending]
    assert published == [(settings.topics.enriched, b"original"), (settings.topics.unique, b"original"),
                         (settings.topics.enriched, b"copy")]
    [copy] = [value for topic, key, value in sent if key == b"copy"]
    assert orjson.loads(copy)["duplicate_of"] == "original"
