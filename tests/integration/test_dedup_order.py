"""Which copy came first: near-duplicate decisions that do not depend on processing order (real broker).

Each case is decided by the order key (publication time unless absent or later than the raw record's timestamp,
then raw partition and offset), whatever reaches the one-partition stage first: a backlog behind the original,
one and two workers, a worker restarted between the copy and the original, an out-of-order or a future
`published_at`.
The final state a consumer keeps (the highest revision per id on news.enriched, the latest record per id on
news.unique) is checked. `make test` runs the whole test DEDUP_ROUNDS times (2); `make dedup-loop` 10 times.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime

import orjson
import pytest

from ..conftest import CORPUS, SAMPLE_ARTICLE
from .workloads import STATEFUL_ENV

pytestmark = pytest.mark.integration

ROUNDS = int(os.environ.get("DEDUP_ROUNDS", "2"))
SAMPLE = SAMPLE_ARTICLE.read_text(encoding="utf-8")
FILLERS = sorted((CORPUS / "sport").glob("*.txt"))[:40]
MORE_FILLERS = sorted((CORPUS / "sport").glob("*.txt"))[40:80]


def iso(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def story(section: str, index: int) -> str:
    return sorted((CORPUS / section).glob("*.txt"))[index].read_text(encoding="utf-8")


def copy_of(text: str) -> str:
    """A syndicated copy: another site's name and share line around the same story."""
    return "World Wire Daily\n\n" + text.strip() + "\n\nShare this article"


def send(stack, records: list[tuple[str, int, float, dict]]) -> None:
    """(id, raw partition, raw record timestamp in seconds, document)."""
    producer = stack.producer()
    for article_id, partition, timestamp, document in records:
        producer.send(stack.settings.topics.raw, key=article_id.encode(), value=orjson.dumps({"id": article_id,
                      **document}), partition=partition, timestamp_ms=int(timestamp * 1000))
    producer.flush()
    producer.close()


def final_enriched(records: list) -> dict[str, dict]:
    """What a consumer keeps: the highest revision per id."""
    final: dict[str, dict] = {}
    for message in records:
        record = orjson.loads(message.value)
        if record["id"] not in final or record["revision"] >= final[record["id"]]["revision"]:
            final[record["id"]] = record
    return final


def wait_for_decisions(stack, expected: dict[str, str | None], process, timeout: float = 240) -> dict[str, dict]:
    """Wait until the final state gives each id its expected `duplicate_of`; fail with what it gave."""
    seen: dict[str, dict] = {}

    def settled(records: list) -> bool:
        seen.clear()
        seen.update(final_enriched(records))
        return all(article_id in seen and seen[article_id]["duplicate_of"] == original
                   for article_id, original in expected.items())

    try:
        stack.consume(stack.settings.topics.enriched, settled, timeout=timeout, process=process)
    except AssertionError as error:
        got = {article_id: seen[article_id]["duplicate_of"] if article_id in seen else "(not published)"
               for article_id in expected}
        raise AssertionError(f"decisions: expected {expected}, got {got}\n{error}") from None
    return seen


def unique_ids(stack) -> set[str]:
    """Ids whose latest record on news.unique is an article, not a retraction."""
    latest: dict[str, dict] = {}
    for message in stack.drain(stack.settings.topics.unique):
        latest[message.key.decode()] = orjson.loads(message.value)
    return {article_id for article_id, record in latest.items() if not record.get("retracted")}


@pytest.mark.parametrize("round_", range(1, ROUNDS + 1))
def test_the_first_copy_in_order_is_the_original_whatever_reaches_the_stage_first(stack, round_):
    start = time.time() - 600
    backlog_original, backlog_copy = SAMPLE, copy_of(SAMPLE)
    future_original, future_copy = story("business", 1), copy_of(story("business", 1))
    late_original, late_copy = story("politics", 3), copy_of(story("politics", 3))

    # 1. A backlog, two workers: the original reached news.raw 3 s before its copy but queues behind 40 stories on
    #    its partition, while the copy sits alone on another. A future `published_at` on another original never
    #    wins: its raw record's time counts.
    send(stack, [*((f"filler-{n}", 0, start + n * 0.01, {"body": path.read_text(encoding="utf-8")})
                   for n, path in enumerate(FILLERS)),
                 ("backlog-original", 0, start + 1, {"body": backlog_original}),
                 ("backlog-copy", 1, start + 4, {"body": backlog_copy}),
                 ("future-original", 2, start + 10, {"body": future_original,
                                                     "published_at": iso(time.time() + 86400)}),
                 ("future-copy", 3, start + 13, {"body": future_copy, "published_at": iso(start + 12)})])
    first = stack.start_worker(**STATEFUL_ENV)
    stack.start_worker(**STATEFUL_ENV)
    wait_for_decisions(stack, {"backlog-original": None, "backlog-copy": "backlog-original",
                               "future-original": None, "future-copy": "future-original"}, first)

    # 2. The copy is decided (as an original: nothing earlier is known), every worker stops, and the original,
    #    published earlier but sent to news.raw late, reaches a restarted worker: a revision, from the state the
    #    changelog restores.
    send(stack, [("late-copy", 4, start + 30, {"body": late_copy, "published_at": iso(start + 25)})])
    wait_for_decisions(stack, {"late-copy": None}, first)
    stack.stop_all()
    send(stack, [("late-original", 5, start + 40, {"body": late_original, "published_at": iso(start + 20)})])
    restarted = stack.start_worker(**STATEFUL_ENV)
    final = wait_for_decisions(stack, {"late-original": None, "late-copy": "late-original",
                                       "backlog-copy": "backlog-original", "future-copy": "future-original"},
                               restarted)
    assert final["late-copy"]["revision"] == 1 and len(final["late-copy"]["text"]) > 500  # the whole record
    assert final["late-copy"]["similarity"] >= 0.7

    # 3. The backlog case again with one worker (the restarted one): 40 stories ahead of the original on its
    #    partition, the copy alone on another.
    solo_original, solo_copy = story("business", 2), copy_of(story("business", 2))
    send(stack, [*((f"filler-b-{n}", 0, start + 45 + n * 0.01, {"body": path.read_text(encoding="utf-8")})
                   for n, path in enumerate(MORE_FILLERS)),
                 ("solo-original", 0, start + 50, {"body": solo_original}),
                 ("solo-copy", 1, start + 53, {"body": solo_copy})])
    wait_for_decisions(stack, {"solo-original": None, "solo-copy": "solo-original"}, restarted)

    # news.unique, as a consumer that applies retractions keeps it: each story once, under its original
    stories = {"backlog-original", "backlog-copy", "future-original", "future-copy", "late-original", "late-copy",
               "solo-original", "solo-copy"}
    deadline = time.monotonic() + 60
    while (kept := unique_ids(stack) & stories) != {"backlog-original", "future-original", "late-original",
                                                    "solo-original"}:
        assert time.monotonic() < deadline, f"news.unique keeps {sorted(kept)}"
        time.sleep(0.5)
