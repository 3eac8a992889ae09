"""The recovery-order fix: stream partitions are sought, their buffers cleared, and only then resumed."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import faust
import pytest
from faust.tables.recovery import Recovery
from faust.types import TP

from newsstream.stream.recovery import rebalance_order

RAW = TP("news.raw", 0)
CHANGELOG = TP("app-dedup_index-changelog", 0)


def fake_recovery(calls: list[str], generation: int = 7) -> SimpleNamespace:
    async def send() -> None:
        calls.append("on_rebalance_complete")

    async def perform_seek() -> None:
        calls.append("seek")

    async def maybe_start() -> None:
        calls.append("fetcher.maybe_start")

    async def wait(coro, timeout=None):  # noqa: ANN001, ANN202 - Recovery._wait's shape
        return await coro

    consumer = SimpleNamespace(assignment=lambda: {RAW, CHANGELOG}, perform_seek=perform_seek,
                               resume_partitions=lambda tps: calls.append(f"resume_partitions {sorted(tps)}"),
                               resume_flow=lambda: calls.append("resume_flow"))
    app = SimpleNamespace(
        consumer=consumer, consumer_generation_id=generation,
        on_rebalance_complete=SimpleNamespace(send=send),
        flow_control=SimpleNamespace(resume=lambda: calls.append("flow_control.resume (clears buffers)")),
        conf=SimpleNamespace(broker_request_timeout=5.0), _fetcher=SimpleNamespace(maybe_start=maybe_start),
        assignor=SimpleNamespace(assigned_standbys=lambda: set()),
        on_rebalance_end=lambda: calls.append("on_rebalance_end"))
    return SimpleNamespace(
        app=app, log=SimpleNamespace(info=lambda *a, **k: None, warning=lambda *a, **k: None),
        _set_recovery_ended=lambda: None, tables={}, actives_for_table={}, standbys_for_table={},
        _is_changelog_tp=lambda tp: tp == CHANGELOG, _wait=wait, completed=SimpleNamespace(set=lambda: None))


def test_installed_on_the_faust_release_it_was_written_for():
    assert faust.__version__ in rebalance_order.PATCHED_FAUST_VERSIONS, (
        f"faust-streaming {faust.__version__}: re-check Recovery.on_recovery_completed and update rebalance_order")
    assert rebalance_order.install() and rebalance_order.install(), "idempotent"
    assert Recovery.on_recovery_completed is rebalance_order._on_recovery_completed


def test_streams_resume_only_after_the_seek_and_the_buffer_clear():
    calls: list[str] = []
    recovery = fake_recovery(calls)
    recovery.tables = SimpleNamespace(values=lambda: [], on_actives_ready=lambda: calls.append("actives_ready"),
                                      on_standbys_ready=lambda: calls.append("standbys_ready"))
    asyncio.run(rebalance_order._on_recovery_completed(recovery, generation_id=7))
    order = [call for call in calls if call in {"seek", "flow_control.resume (clears buffers)", "resume_flow"}
             or call.startswith("resume_partitions")]
    assert order == ["seek", "flow_control.resume (clears buffers)", f"resume_partitions {[RAW]}", "resume_flow"]


def test_a_newer_rebalance_leaves_the_partitions_paused():
    calls: list[str] = []
    recovery = fake_recovery(calls, generation=8)
    recovery.tables = SimpleNamespace(values=lambda: [])
    asyncio.run(rebalance_order._on_recovery_completed(recovery, generation_id=7))
    assert not any(call.startswith("resume") or call == "seek" for call in calls)


def test_partitions_without_a_committed_offset_are_sought_to_the_log_start():
    sought: list[TP] = []
    committed = {TP("news.raw", 0): 5, TP("news.raw", 1): None, TP("news.raw", 2): 0, CHANGELOG: None}

    async def seek_to_committed():  # noqa: ANN202
        return committed

    async def seek_to_beginning(*partitions: TP) -> None:
        sought.extend(partitions)

    consumer = SimpleNamespace(_read_offset={}, _committed_offset={}, seek_to_committed=seek_to_committed,
                               _thread=SimpleNamespace(seek_to_beginning=seek_to_beginning),
                               app=SimpleNamespace(tables=SimpleNamespace(changelog_topics={CHANGELOG.topic})))
    asyncio.run(rebalance_order._perform_seek(consumer))
    assert sought == [TP("news.raw", 1), TP("news.raw", 2)], "the changelog is left to table recovery"
    assert consumer._read_offset[TP("news.raw", 0)] == 5 and consumer._read_offset[TP("news.raw", 1)] is None
    assert consumer._committed_offset[TP("news.raw", 0)] == 5


def test_the_worker_refuses_another_faust_release_unless_told_to_run_unpatched(monkeypatch, caplog):
    from newsstream.errors import ConfigurationError
    from newsstream.stream import recovery

    monkeypatch.setattr(rebalance_order, "install", lambda: False)  # what install() says on another release
    monkeypatch.setattr(faust, "__version__", "0.16.0")
    with pytest.raises(ConfigurationError, match=r"faust-streaming 0\.16\.0 .* written for 0\.15\.3.*"
                                                 r"NEWSSTREAM_ALLOW_UNPATCHED_FAUST"):
        recovery.apply(allow_unpatched=False)
    with caplog.at_level("WARNING"):
        assert recovery.apply(allow_unpatched=True) is False
    assert "starting anyway" in caplog.text


def test_on_another_release_install_leaves_faust_alone(monkeypatch):
    monkeypatch.setattr(faust, "__version__", "0.16.0")
    monkeypatch.setattr(Recovery, "on_recovery_completed", rebalance_order._ORIGINAL)
    assert rebalance_order.install() is False
    assert Recovery.on_recovery_completed is rebalance_order._ORIGINAL


def test_newsstream_worker_exits_2_with_the_reason_on_another_release(monkeypatch, capsys):
    from newsstream import cli

    monkeypatch.setattr(rebalance_order, "install", lambda: False)
    monkeypatch.setenv("NEWSSTREAM_ALLOW_UNPATCHED_FAUST", "false")
    monkeypatch.setenv("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1")  # never reached: the refusal comes first
    assert cli.main(["worker"]) == 2
    assert "NEWSSTREAM_ALLOW_UNPATCHED_FAUST=true" in capsys.readouterr().err
