"""The enrichment process: the same outcomes as in this process, and a child that dies is replaced."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import signal
import subprocess
import sys
import time

import orjson
import pytest
from prometheus_client import CollectorRegistry

from newsstream.enrichment.nlp import DEFAULT_MODEL
from newsstream.enrichment.parse import parse_raw_record
from newsstream.enrichment.pipeline import Enricher
from newsstream.enrichment.records import EnrichedArticle
from newsstream.errors import InputError
from newsstream.errors import EnrichmentError
from newsstream.metrics import WorkerMetrics
from newsstream.stream.model_runner import ModelRunnerConfig, ProcessModelRunner, analyse_in_child

from ..conftest import SAMPLE_ARTICLE


def records():
    bodies = [SAMPLE_ARTICLE.read_text(encoding="utf-8"),
              "Rates rise\n\nThe Bank of England raised rates to 5.25%, Andrew Bailey said on Thursday.",
              "Source link"]  # nothing left once site chrome is removed: an InputError outcome
    return [parse_raw_record(orjson.dumps({"id": f"a{index}", "body": body}), max_bytes=10**6)
            for index, body in enumerate(bodies)]


def comparable(outcome):
    if isinstance(outcome, EnrichedArticle):
        record = dataclasses.asdict(outcome)
        del record["processing"]  # when and how long: differs between any two runs
        return record
    assert isinstance(outcome, InputError)
    return (type(outcome).__name__, outcome.reason, outcome.message)


@pytest.fixture(scope="module")
def process_enricher():
    stages: list[str] = []
    restarts: list[int] = []
    enricher = ProcessModelRunner(ModelRunnerConfig(model=DEFAULT_MODEL, matmul="numpy", max_analysed_chars=100_000,
                                              budget_seconds=10.0),
                               observe=lambda stage, seconds: stages.append(stage),
                               on_restart=lambda: restarts.append(1))
    enricher.stages, enricher.restarts = stages, restarts  # type: ignore[attr-defined]
    yield enricher
    enricher.close()


def test_the_child_gives_the_outcomes_of_the_same_code_in_this_process(process_enricher, nlp):
    batch = records()
    in_child = asyncio.run(process_enricher.enrich_batch(batch))
    here = Enricher(nlp).enrich_batch(batch)
    assert [comparable(outcome) for outcome in in_child] == [comparable(outcome) for outcome in here]
    assert isinstance(in_child[0], EnrichedArticle) and {f.value for f in in_child[0].figures} >= {2000, 8500}
    assert len(process_enricher.pids) == 1 and os.getpid() not in process_enricher.pids
    assert {"clean", "nlp", "entities", "figures", "quotes"} <= set(process_enricher.stages)


def test_a_child_killed_between_batches_or_during_one_is_replaced_and_nothing_is_lost(process_enricher):
    [first_pid] = process_enricher.pids
    os.kill(first_pid, signal.SIGKILL)
    outcomes = asyncio.run(process_enricher.enrich_batch(records()))
    assert [type(outcome).__name__ for outcome in outcomes] == ["EnrichedArticle", "EnrichedArticle", "InputError"]
    assert len(process_enricher.restarts) == 1

    async def kill_during_a_batch():
        async def kill_soon():
            while process_enricher.pids in ([], [first_pid]):
                await asyncio.sleep(0.05)
            await asyncio.sleep(0.2)
            os.kill(process_enricher.pids[0], signal.SIGKILL)
        killer = asyncio.ensure_future(kill_soon())
        big_batch = records() * 8
        result = await process_enricher.enrich_batch(big_batch)
        await killer
        return result, len(big_batch)

    outcomes, count = asyncio.run(kill_during_a_batch())
    assert len(outcomes) == count
    assert sum(isinstance(outcome, EnrichedArticle) for outcome in outcomes) == count * 2 // 3
    assert len(process_enricher.restarts) == 2


def test_two_processes_take_batches_side_by_side_and_each_gets_its_own_outcomes():
    enricher = ProcessModelRunner(ModelRunnerConfig(model=DEFAULT_MODEL, matmul="numpy", max_analysed_chars=100_000,
                                              budget_seconds=10.0), observe=lambda stage, seconds: None, processes=2)
    try:
        async def both():
            first, second = records(), list(reversed(records()))
            return await asyncio.gather(enricher.enrich_batch(first), enricher.enrich_batch(second))

        first, second = asyncio.run(both())
        assert [getattr(outcome, "id", None) for outcome in first] == ["a0", "a1", None]
        assert [getattr(outcome, "id", None) for outcome in second] == [None, "a1", "a0"]
        assert os.getpid() not in enricher.pids
    finally:
        enricher.close()


def test_each_enrichment_process_has_its_own_metrics_and_a_replaced_one_keeps_its_series():
    enricher = ProcessModelRunner(ModelRunnerConfig(model=DEFAULT_MODEL, matmul="numpy", max_analysed_chars=100_000,
                                              budget_seconds=10.0), observe=lambda stage, seconds: None, processes=2)
    registry = CollectorRegistry()
    WorkerMetrics(registry, version="t", model="t", process_metrics=False).watch_enrichment_processes(
        lambda: enricher.pids)

    def per_process(name):
        return {process: registry.get_sample_value(f"newsstream_enrichment_process_{name}", {"process": process})
                for process in ("0", "1", "2")}

    try:
        first_pids = enricher.pids
        assert len(set(first_pids)) == 2 and os.getpid() not in first_pids
        memory = per_process("resident_memory_bytes")
        assert memory["2"] is None
        assert memory["0"] > 100 * 2**20 and memory["1"] > 100 * 2**20, "each child holds a loaded pipeline"
        started = per_process("start_time_seconds")

        async def kill_one_while_both_work():
            async def kill_soon():
                await asyncio.sleep(0.5)
                os.kill(first_pids[1], signal.SIGKILL)
            killer = asyncio.ensure_future(kill_soon())
            both = await asyncio.gather(enricher.enrich_batch(records() * 8), enricher.enrich_batch(records() * 8))
            await killer
            return both

        for outcomes in asyncio.run(kill_one_while_both_work()):
            assert [type(outcome).__name__ for outcome in outcomes] == [
                "EnrichedArticle", "EnrichedArticle", "InputError"] * 8
        assert len(set(enricher.pids)) == 2 and not set(enricher.pids) & set(first_pids)
        # Its sibling in the broken pool is stopped too (it ignores SIGTERM, which the pool would send).
        deadline = time.monotonic() + 30
        while psutil_alive(first_pids[0]) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not psutil_alive(first_pids[0]), "the surviving child of the broken pool is still running"
        restarted = per_process("start_time_seconds")
        assert restarted["2"] is None
        assert restarted["0"] > started["0"] and restarted["1"] > started["1"], "both are new processes"
        assert per_process("cpu_seconds_total")["1"] >= 0
    finally:
        enricher.close()


POISON = "This text crashes the model's process."


def parse_or_die(texts):
    """What a child runs in the next test: the real task, except that a text with POISON kills the process."""
    if any(POISON in text for text in texts):
        os._exit(70)
    return analyse_in_child(texts)


def test_only_a_record_that_kills_the_child_twice_is_given_up_on_and_the_rest_are_enriched():
    restarts: list[int] = []
    enricher = ProcessModelRunner(ModelRunnerConfig(model=DEFAULT_MODEL, matmul="numpy", max_analysed_chars=100_000,
                                              budget_seconds=10.0), observe=lambda stage, seconds: None,
                               on_restart=lambda: restarts.append(1), child_task=parse_or_die)
    try:
        batch = records()
        poisoned = parse_raw_record(orjson.dumps({"id": "poison", "body": f"Crash\n\n{POISON}"}), max_bytes=10**6)
        outcomes = asyncio.run(enricher.enrich_batch([batch[0], poisoned, batch[1]]))
        assert [type(outcome).__name__ for outcome in outcomes] == ["EnrichedArticle", "EnrichmentError",
                                                                    "EnrichedArticle"]
        assert isinstance(outcomes[1], EnrichmentError)
        assert outcomes[1].message == ("the language model failed: the enrichment process died on this record "
                                       "twice (a crash in native code or out of memory)")
        # The batch killed it twice, then the poisoned text alone (its neighbours each alone, alive).
        assert len(restarts) == 3
        assert comparable(outcomes[0]) == comparable(asyncio.run(enricher.enrich_batch(batch[:1]))[0])
    finally:
        enricher.close()


PARENT_SCRIPT = """
import sys, time
from newsstream.stream.model_runner import ModelRunnerConfig, ProcessModelRunner
enricher = ProcessModelRunner(ModelRunnerConfig(model=sys.argv[1], matmul="numpy", max_analysed_chars=1000,
                                          budget_seconds=10.0), observe=lambda stage, seconds: None)
print(enricher.pids[0], flush=True)
time.sleep(600)
"""


def test_a_killed_worker_takes_its_enrichment_process_with_it():
    parent = subprocess.Popen([sys.executable, "-c", PARENT_SCRIPT, DEFAULT_MODEL], stdout=subprocess.PIPE, text=True)
    try:
        child = int(parent.stdout.readline())
        assert psutil_alive(child)
        parent.kill()
        parent.wait()
        deadline = time.monotonic() + 30
        while psutil_alive(child) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not psutil_alive(child), "the enrichment process outlived its SIGKILLed worker"
    finally:
        parent.kill()


def psutil_alive(pid: int) -> bool:
    """Running, not a zombie waiting for a parent to reap it."""
    try:
        state = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
