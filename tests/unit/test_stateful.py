"""The stateful stage with plain dicts for tables: the same code the Faust tables run."""

from __future__ import annotations

import asyncio

import orjson
import pytest

from newsstream.state import dedup
from newsstream.metrics import WorkerMetrics
from newsstream.settings import Settings
from newsstream.state.stage import StageConfig, StatefulStage, order_key

from ..conftest import SAMPLE_ARTICLE, CORPUS

SAMPLE = SAMPLE_ARTICLE.read_text(encoding="utf-8")


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def stage(registry):
    sent: list[tuple[str, bytes | None, dict]] = []

    async def send(topic: str, key: bytes | None, value: bytes) -> None:
        sent.append((topic, key, orjson.loads(value)))

    settings = Settings.from_env({"NEWSSTREAM_TRENDING_WINDOW_SECONDS": "60", "NEWSSTREAM_TRENDING_STEP_SECONDS": "30",
                                  "NEWSSTREAM_TRENDING_GRACE_SECONDS": "10", "NEWSSTREAM_DEDUP_RETENTION_SECONDS": "100"})
    metrics = WorkerMetrics(registry, version="t", model="t", process_metrics=False)
    stage = StatefulStage(config=StageConfig.from_settings(settings), index_store={}, trending_store={}, send=send, metrics=metrics,
                          clock=Clock(0.0))
    stage.sent = sent  # type: ignore[attr-defined]
    return stage


def find_original(stage: StatefulStage, article_id: str, text: str, seen_at: float) -> tuple[str | None, float | None]:
    """The stage's index in arrival order, with the stage's settings (threshold, measure, retention)."""
    match = stage.index.add(article_id, dedup.signature(text), seen_at)
    stage.index.expire(seen_at)
    return (match.original_id, match.similarity) if match else (None, None)


def rechromed(text: str) -> str:
    lines = text.splitlines()
    return "\n".join(["Another Site", "", "Read all about it", "", "A different headline", "", *lines[6:-2]])


def test_a_rechromed_copy_is_a_duplicate_of_the_first_and_a_different_story_is_not(stage):
    assert find_original(stage, "first", SAMPLE, 1.0) == (None, None)
    original, similarity = find_original(stage, "copy", rechromed(SAMPLE), 2.0)
    assert original == "first" and similarity >= 0.8
    other = (CORPUS / "tech" / "248.txt").read_text(encoding="utf-8")
    assert find_original(stage, "other", other, 3.0) == (None, None)


def test_reprocessing_an_article_gives_the_same_answer(stage):
    find_original(stage, "first", SAMPLE, 1.0)
    find_original(stage, "copy", rechromed(SAMPLE), 2.0)
    assert find_original(stage, "first", SAMPLE, 5.0) == (None, None)  # it is not a duplicate of its own copy
    assert find_original(stage, "copy", rechromed(SAMPLE), 6.0)[0] == "first"


def test_entries_older_than_the_retention_are_forgotten(stage):
    find_original(stage, "first", SAMPLE, 1.0)
    assert find_original(stage, "late-copy", rechromed(SAMPLE), 500.0) == (None, None)


def article(article_id: str, text: str, entities: list[dict], published_at: str | None = None,
            countries: tuple[str, ...] | None = None) -> bytes:
    record = {"id": article_id, "text": text, "entities": entities, "published_at": published_at,
              "processing": {"received_at": "1970-01-01T00:00:30Z"}}
    if countries is not None:  # records enriched before places were have no `places`
        record["places"] = [{"country_code": code, "name": code, "mentions": 1, "share": 1 / len(countries)}
                            for code in countries]
    return orjson.dumps(record)


def test_the_stage_publishes_enriched_and_unique_and_counts_a_story_once_in_trending(stage):
    joe = {"name": "Joe Biden", "label": "PERSON"}
    stage.clock.now = 35.0
    asyncio.run(stage.process(article("first", SAMPLE, [joe]), None))
    stage.clock.now = 36.0
    asyncio.run(stage.process(article("copy", rechromed(SAMPLE), [joe]), None))
    topics = stage.config.topics
    published = [(topic, key) for topic, key, _ in stage.sent]
    assert published == [(topics.enriched, b"first"), (topics.unique, b"first"), (topics.enriched, b"copy")]
    copy = stage.sent[2][2]
    assert copy["duplicate_of"] == "first" and copy["similarity"] >= 0.8

    stage.clock.now = 95.0  # the 0-60 window (received at 30 s) closes at 70 s with a 10 s grace
    assert stage.tick_needed() and not stage.tick_needed()  # one tick per due window
    asyncio.run(stage.process(b'{"tick": true}', None))
    [(topic, key, record)] = [item for item in stage.sent if item[0] == topics.trending][:1]
    assert key == b"1970-01-01T00:01:00.000Z|*"
    assert record["articles"] == 1 and record["country"] is None
    assert record["top"] == [{"name": "Joe Biden", "label": "PERSON", "count": 1, "previous": 0, "change": 1}]


def test_the_stage_publishes_a_list_per_country_of_the_places_beside_the_global_one(stage):
    joe, nato = {"name": "Joe Biden", "label": "PERSON"}, {"name": "Nato", "label": "ORG"}
    other = (CORPUS / "tech" / "248.txt").read_text(encoding="utf-8")
    stage.clock.now = 35.0
    asyncio.run(stage.process(article("first", SAMPLE, [joe, nato], countries=("US", "BE")), None))
    asyncio.run(stage.process(article("copy", rechromed(SAMPLE), [joe], countries=("US", "GB")), None))
    asyncio.run(stage.process(article("other", other, [nato], countries=("US",)), None))
    asyncio.run(stage.process(article("old", other[::-1], [joe]), None))  # no `places`: the global list only
    stage.clock.now = 95.0
    asyncio.run(stage.process(b'{"tick": true}', None))
    lists = {key: record for topic, key, record in stage.sent if topic == stage.config.topics.trending
             and key.startswith(b"1970-01-01T00:01:00.000Z|")}
    # the copy counts nowhere, not even in GB, which only it names
    assert sorted(lists) == [b"1970-01-01T00:01:00.000Z|*", b"1970-01-01T00:01:00.000Z|BE",
                             b"1970-01-01T00:01:00.000Z|US"]
    assert [lists[key]["country"] for key in sorted(lists)] == [None, "BE", "US"]
    counts = {key.rpartition(b"|")[2].decode(): (record["articles"], {i["name"]: i["count"] for i in record["top"]})
              for key, record in lists.items()}
    assert counts == {"*": (3, {"Joe Biden": 2, "Nato": 2}), "BE": (1, {"Joe Biden": 1, "Nato": 1}),
                      "US": (2, {"Joe Biden": 1, "Nato": 2})}


def raw_positioned(article_id: str, text: str, entities: list[dict], published_at: str | None, received_at: str,
                   partition: int, offset: int) -> bytes:
    return orjson.dumps({"id": article_id, "text": text, "entities": entities, "published_at": published_at,
                         "processing": {"received_at": received_at, "source_partition": partition,
                                        "source_offset": offset}})


def test_the_order_key_is_publication_time_unless_absent_or_later_than_the_raw_record():
    record = {"published_at": "1970-01-01T00:00:20Z", "processing": {"source_partition": 2, "source_offset": 7}}
    assert order_key(record, 30.0) == (20.0, 2, 7)
    assert order_key({**record, "published_at": "1970-01-01T00:00:40Z"}, 30.0) == (30.0, 2, 7)  # future: ignored
    assert order_key({**record, "published_at": None}, 30.0) == (30.0, 2, 7)
    assert order_key({**record, "published_at": "not a date"}, 30.0) == (30.0, 2, 7)


def test_an_original_arriving_after_its_copy_revises_the_copy_everywhere(stage):
    joe = {"name": "Joe Biden", "label": "PERSON"}
    on_dedup = {0: raw_positioned("copy", rechromed(SAMPLE), [joe], "1970-01-01T00:00:33Z",
                                  "1970-01-01T00:00:33Z", 1, 0),
                1: raw_positioned("original", SAMPLE, [joe], "1970-01-01T00:00:30Z", "1970-01-01T00:00:30Z", 0, 5)}

    async def read_back(offset: int) -> bytes | None:
        return on_dedup.get(offset)

    stage.read_back = read_back
    stage.clock.now = 36.0
    for offset in (0, 1):  # the copy's partition had no backlog: it reaches the stage first
        asyncio.run(stage.process(on_dedup[offset], None, offset))
    topics = stage.config.topics
    published = [(topic, key, record.get("duplicate_of"), record.get("revision"), record.get("retracted"))
                 for topic, key, record in stage.sent]
    assert published == [
        (topics.enriched, b"copy", None, 0, None), (topics.unique, b"copy", None, 0, None),
        (topics.enriched, b"original", None, 0, None), (topics.unique, b"original", None, 0, None),
        (topics.enriched, b"copy", "original", 1, None), (topics.unique, b"copy", "original", 1, True),
    ]
    assert stage.sent[4][2]["text"] == rechromed(SAMPLE)  # the whole record again, not a stub
    assert stage.metrics.revisions._value.get() == 1 and stage.metrics.duplicates._value.get() == 1
    # a re-sent copy keeps its final decision
    asyncio.run(stage.process(on_dedup[0], None, 0))
    assert stage.sent[-1][2]["duplicate_of"] == "original" and stage.sent[-1][2]["revision"] == 1
    # the story is counted once in trending, under its original
    stage.clock.now = 95.0
    assert stage.tick_needed()
    asyncio.run(stage.process(b'{"tick": true}', None))
    [window] = [record for topic, _, record in stage.sent if topic == topics.trending][:1]
    assert window["articles"] == 1 and window["top"][0]["count"] == 1


def test_a_revision_whose_record_is_gone_still_changes_the_decision_and_says_so(stage):
    stage.clock.now = 36.0
    asyncio.run(stage.process(raw_positioned("copy", rechromed(SAMPLE), [], None, "1970-01-01T00:00:33Z", 1, 0),
                              None, 0))
    asyncio.run(stage.process(raw_positioned("original", SAMPLE, [], None, "1970-01-01T00:00:30Z", 0, 5), None, 1))
    assert stage.metrics.revisions_unpublished._value.get() == 1
    assert stage.sent[-1][0] == stage.config.topics.unique and stage.sent[-1][2]["retracted"] is True
    assert stage.index.decision_of("copy").duplicate_of == "original"
