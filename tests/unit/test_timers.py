"""The worker's periodic jobs and assignment handler, driven with a stand-in consumer; and `create_app`'s wiring."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import faust
import pytest
from faust.types import TP
from prometheus_client import CollectorRegistry

from newsstream.metrics import WorkerMetrics
from newsstream.settings import Settings, TopicNames
from newsstream.state.stage import TICK_KEY
from newsstream.stream.app import create_app
from newsstream.stream.recovery.continuity import OffsetContinuity
from newsstream.stream.timers import TrendingTicker, WorkerTimers

TOPICS = TopicNames.with_prefix("news.")


@dataclass
class StandInConsumer:
    assigned: set[TP]
    highwaters: dict[TP, int]
    positions: dict[TP, int] = field(default_factory=dict)

    def assignment(self) -> set[TP]:
        return self.assigned

    def highwater(self, tp: TP) -> int | None:
        return self.highwaters.get(tp)

    async def position(self, tp: TP) -> int | None:
        return self.positions.get(tp)


@dataclass
class StandInApp:
    consumer: StandInConsumer


@dataclass
class Processed:
    processed_offsets: dict[tuple[str, int], int]


class Resets:
    def __init__(self) -> None:
        self.count = 0

    def reset(self) -> None:
        self.count += 1


def metrics() -> WorkerMetrics:
    return WorkerMetrics(CollectorRegistry(), version="test", model="none")


def test_lag_counts_from_the_last_processed_offset_or_the_committed_position() -> None:
    p0, p1 = TP(TOPICS.raw, 0), TP(TOPICS.raw, 1)
    consumer = StandInConsumer({p0, p1, TP(TOPICS.dedup, 0)}, {p0: 100, p1: 50}, {p1: 20})
    worker_metrics = metrics()
    timers = WorkerTimers(StandInApp(consumer), TOPICS, worker_metrics, Processed({(TOPICS.raw, 0): 89}),
                          OffsetContinuity.__new__(OffsetContinuity))  # type: ignore[arg-type]
    asyncio.run(timers.report_lag())
    lag = {sample.labels["partition"]: sample.value
           for family in worker_metrics.consumer_lag.collect() for sample in family.samples}
    assert lag == {"0": 10.0, "1": 30.0}  # 100 - (89 + 1); 50 - 20 (nothing processed yet: the position)
    assert worker_metrics.registry.get_sample_value("newsstream_assigned_partitions") == 2  # raw partitions only


def test_a_new_assignment_restarts_the_continuity_guard_and_counts_raw_partitions() -> None:
    worker_metrics = metrics()
    resets = Resets()
    timers = WorkerTimers(StandInApp(StandInConsumer(set(), {})), TOPICS, worker_metrics, Processed({}),
                          resets)  # type: ignore[arg-type]
    assigned = {TP(TOPICS.raw, 2), TP(TOPICS.raw, 0), TP(TOPICS.dedup, 0)}
    asyncio.run(timers.on_assigned(None, assigned))  # type: ignore[arg-type]
    assert resets.count == 1
    assert worker_metrics.registry.get_sample_value("newsstream_assigned_partitions") == 2


class StandInStage:
    def __init__(self, due: bool) -> None:
        self.due = due
        self.reports = 0

    def tick_needed(self) -> bool:
        return self.due

    def report_state(self) -> None:
        self.reports += 1


class StandInTopic:
    def __init__(self) -> None:
        self.sent: list[tuple[bytes, bytes]] = []

    async def send(self, key: bytes, value: bytes) -> None:
        self.sent.append((key, value))


@pytest.mark.parametrize(("assigned", "due", "ticks", "reports"), [
    (True, True, 1, 1), (True, False, 0, 1), (False, True, 0, 0),
])
def test_the_trending_tick_is_sent_only_by_the_worker_that_has_the_stage_and_only_when_due(
        assigned: bool, due: bool, ticks: int, reports: int) -> None:
    partition = TP(TOPICS.dedup, 0)
    consumer = StandInConsumer({partition} if assigned else set(), {})
    stage, topic = StandInStage(due), StandInTopic()
    ticker = TrendingTicker(StandInApp(consumer), topic, stage, partition)  # type: ignore[arg-type]
    asyncio.run(ticker.tick())
    assert [key for key, _ in topic.sent] == [TICK_KEY] * ticks
    assert stage.reports == reports


@pytest.mark.parametrize("stateful", [False, True])
def test_create_app_wires_the_agents_timers_and_assignment_handler(stateful: bool, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = Settings.from_env({"NEWSSTREAM_STATEFUL": "true" if stateful else "false",
                                  "NEWSSTREAM_STATE_DIR": str(tmp_path), "NEWSSTREAM_ENRICHER": "thread"})
    worker = create_app(settings)
    try:
        app: faust.App = worker.app
        assert sorted(agent.name.rsplit(".", 1)[-1] for agent in app.agents.values()) == (
            ["dedup", "enrich"] if stateful else ["enrich"])
        assert len(app._app_tasks) == (3 if stateful else 2)  # Faust keeps its timers as app tasks
        asyncio.run(app.on_partitions_assigned.send(assigned={TP(settings.topics.raw, 0), TP(settings.topics.raw, 3)}))
        assert worker.registry.get_sample_value("newsstream_assigned_partitions") == 2
        assert (worker.ticker is not None) == stateful
    finally:
        worker.close()
