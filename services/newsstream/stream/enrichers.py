"""Where a worker runs `Enricher.enrich_batch`: in a child process (the default) or in a thread of its own.

One Python process cannot run the model and the Faust event loop at the same time: both hold the GIL, and
measured here two threads of spaCy together run slower than one alone. So by default the worker keeps Kafka
I/O, parsing, publishing and the stateful stage in its own process and hands each batch of parsed records to
one child process that loads the pipeline and runs `Enricher.enrich_batch`, the same code path as
`newsstream enrich`. The event loop never waits for the model, and the model never waits for the loop.

The child is restarted if it dies (out of memory, a crash in native code). A batch it died on is tried once
more, then one record at a time, so only a record that kills it twice is dead-lettered.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Protocol

from ..enrichment.parse import ParsedRecord
from ..enrichment.pipeline import Enricher, Outcome, StageObserver
from ..errors import EnrichmentError

log = logging.getLogger(__name__)

PARENT_CHECK_SECONDS = 1.0


class BatchEnricher(Protocol):
    """Enriches a batch of parsed records without blocking the event loop; one outcome per record, in order."""

    async def enrich_batch(self, records: Sequence[ParsedRecord]) -> list[Outcome]: ...

    def close(self) -> None: ...


class ThreadEnricher:
    """An `Enricher` in one background thread of this process (`NEWSSTREAM_ENRICHER=thread`, unit tests)."""

    def __init__(self, enricher: Enricher) -> None:
        self.enricher = enricher
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsstream-nlp")

    async def enrich_batch(self, records: Sequence[ParsedRecord]) -> list[Outcome]:
        return await asyncio.get_running_loop().run_in_executor(self._executor, self.enricher.enrich_batch,
                                                                list(records))

    def close(self) -> None:
        self._executor.shutdown(wait=True)


@dataclass(frozen=True, slots=True)
class EnricherConfig:
    """What the child needs to build its `Enricher` (plain values: it crosses a process boundary)."""

    model: str
    matmul: str
    max_analysed_chars: int
    budget_seconds: float


# The child's own state: one Enricher, and the stage timings of the batch it is working on.
_child_enricher: Enricher | None = None
_child_timings: list[tuple[str, float]] = []


def _start_child(config: EnricherConfig) -> None:
    global _child_enricher
    # The parent decides when to stop: Ctrl-C reaches the whole process group, and a child that died of it
    # mid-batch would be restarted by a parent that is trying to finish its last batches.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), name="newsstream-parent-watch",
                     daemon=True).start()
    from ..enrichment.nlp import load_pipeline

    nlp = load_pipeline(config.model, config.matmul)
    _child_enricher = Enricher(nlp, observe=lambda stage, seconds: _child_timings.append((stage, seconds)),
                               max_analysed_chars=config.max_analysed_chars, budget_seconds=config.budget_seconds)


def _exit_with_parent(parent: int) -> None:
    """End this process once its parent is gone (a SIGKILLed worker): nothing else would, since a child that
    finished a batch blocks for ever writing the result to a pipe it holds both ends of."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _describe_child() -> tuple[int, dict[str, object]]:
    assert _child_enricher is not None
    return os.getpid(), dict(_child_enricher.description)


def _enrich_in_child(records: list[ParsedRecord]) -> tuple[list[Outcome], list[tuple[str, float]]]:
    assert _child_enricher is not None
    _child_timings.clear()
    outcomes = _child_enricher.enrich_batch(records)
    return outcomes, list(_child_timings)


class ProcessEnricher:
    """`Enricher.enrich_batch` in `processes` child processes (batches go to whichever is free), restarted
    when one dies."""

    def __init__(self, config: EnricherConfig, observe: StageObserver,
                 on_restart: Callable[[], None] = lambda: None, *, processes: int = 1) -> None:
        if processes < 1:
            raise ValueError("processes must be at least 1")
        self.config = config
        self.observe = observe
        self.on_restart = on_restart
        self.processes = processes
        self._pool = self._new_pool()
        self.description: dict[str, object] = {}
        self.pids: list[int] = []
        self._start_children()

    @property
    def pid(self) -> int | None:
        """The first child's pid (None while a restarted pool loads the model)."""
        return self.pids[0] if self.pids else None

    def _new_pool(self) -> ProcessPoolExecutor:
        # spawn, not fork: the parent runs threads (Kafka clients, the metrics server) that a fork would copy
        # in whatever state they were in.
        return ProcessPoolExecutor(max_workers=self.processes, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_start_child, initargs=(self.config,))

    def _start_children(self) -> None:
        """Start every child now and wait until each has loaded the model (a failure to load raises here)."""
        started = [self._pool.submit(_describe_child) for _ in range(self.processes)]
        answers = [future.result() for future in started]
        self.pids = sorted({pid for pid, _ in answers})
        self.description = answers[0][1]

    async def enrich_batch(self, records: Sequence[ParsedRecord]) -> list[Outcome]:
        batch = list(records)
        for _ in range(2):
            result = await self._run(batch)
            if result is not None:
                return result
        log.error("the enrichment process died twice on a batch of %d; enriching its records one at a time",
                  len(batch))
        outcomes: list[Outcome] = []
        for record in batch:
            one = await self._run([record])
            outcomes.extend(one if one is not None else [EnrichmentError(
                "the enrichment process died on this record twice (a crash in native code or out of memory)")])
        return outcomes

    async def _run(self, records: list[ParsedRecord]) -> list[Outcome] | None:
        """The outcomes, or None if the child died (it has been restarted then)."""
        pool = self._pool
        try:
            outcomes, timings = await asyncio.wrap_future(pool.submit(_enrich_in_child, records))
        except BrokenProcessPool:
            self._restart(pool)
            return None
        for stage, seconds in timings:
            self.observe(stage, seconds)
        return outcomes

    def _restart(self, broken: ProcessPoolExecutor) -> None:
        if broken is not self._pool:
            return  # another batch in flight already restarted it
        log.error("an enrichment process died; starting new ones", extra={"pids": self.pids})
        broken.shutdown(wait=False, cancel_futures=True)
        self._pool = self._new_pool()
        self.on_restart()
        # The new children load the model (seconds) while the event loop goes on.
        self.pids = []
        future = self._pool.submit(_describe_child)
        future.add_done_callback(
            lambda done: setattr(self, "pids", [done.result()[0]]) if not done.exception() else None)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
