"""The stateful stage with plain dicts for tables: the same code the Faust tables run."""

from __future__ import annotations

import asyncio

import orjson
import pytest

from newsstream.metrics import WorkerMetrics
from newsstream.settings import Settings
from newsstream.stream.stateful import StatefulStage

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
    stage = StatefulStage(settings=settings, bands={}, windows={}, send=send, metrics=metrics, clock=Clock(0.0))
    stage.sent = sent  # type: ignore[attr-defined]
    return stage


def rechromed(text: str) -> str:
    lines = text.splitlines()
    return "\n".join(["Another Site", "", "Read all about it", "", "A different headline", "", *lines[6:-2]])


def test_a_rechromed_copy_is_a_duplicate_of_the_first_and_a_different_story_is_not(stage):
    assert stage.find_original("first", SAMPLE, 1.0) == (None, None)
    original, similarity = stage.find_original("copy", rechromed(SAMPLE), 2.0)
    assert original == "first" and similarity >= 0.8
    other = (CORPUS / "tech" / "248.txt").read_text(encoding="utf-8")
    assert stage.find_original("other", other, 3.0) == (None, None)


def test_reprocessing_an_article_gives_the_same_answer(stage):
    stage.find_original("first", SAMPLE, 1.0)
    stage.find_original("copy", rechromed(SAMPLE), 2.0)
    assert stage.find_original("first", SAMPLE, 5.0) == (None, None)  # it is not a duplicate of its own copy
    assert stage.find_original("copy", rechromed(SAMPLE), 6.0)[0] == "first"


def test_entries_older_than_the_retention_are_forgotten(stage):
    stage.find_original("first", SAMPLE, 1.0)
    assert stage.find_original("late-copy", rechromed(SAMPLE), 500.0) == (None, None)


def test_hopping_windows_count_each_unique_article_once_and_publish_with_change(stage):
    joe = {"name": "Joe Biden", "label": "PERSON"}
    nato = {"name": "Nato", "label": "ORG"}
    assert stage.window_starts(65.0) == [60.0, 30.0]
    assert stage.count(35.0, [joe, nato, joe])     # windows 0-60 and 30-90
    assert stage.count(65.0, [joe])                # windows 30-90 and 60-120
    stage.clock.now = 71.0                         # 0-60 closes at 70 (grace 10)
    assert asyncio.run(stage.publish_closed_windows()) == 1
    [(topic, key, first)] = stage.sent
    assert topic == stage.settings.topics.trending and key == b"1970-01-01T00:01:00.000Z"
    assert first["articles"] == 1
    assert first["top"] == [{"name": "Joe Biden", "label": "PERSON", "count": 1, "previous": 0, "change": 1},
                            {"name": "Nato", "label": "ORG", "count": 1, "previous": 0, "change": 1}]
    assert not stage.count(20.0, [nato])  # too late: its only open window... 0-60 is closed, -30-30 too
    stage.clock.now = 101.0
    assert asyncio.run(stage.publish_closed_windows()) == 1
    second = stage.sent[-1][2]
    assert second["window_start"] == "1970-01-01T00:00:30.000Z" and second["articles"] == 2
    assert second["top"][0] == {"name": "Joe Biden", "label": "PERSON", "count": 2, "previous": 1, "change": 1}
    assert asyncio.run(stage.publish_closed_windows()) == 0  # nothing published twice


def test_closed_windows_are_pruned(stage):
    stage.count(35.0, [{"name": "A", "label": "ORG"}])
    stage.clock.now = 500.0
    stage.count(495.0, [{"name": "B", "label": "ORG"}])
    assert stage.open_window_starts() == [450.0, 480.0]
