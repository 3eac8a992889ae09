"""Where a worker runs the enrichment: the model in child processes (the default), or all of it in a thread.

One Python process cannot run the model and the Faust event loop at the same time: both hold the GIL, and
measured here two threads of spaCy together run slower than one alone. So by default each batch is split the
way `Enricher.enrich_batch` is (the code path of `newsstream enrich`): `prepare` (cleaning, language) and
`annotate` (entities, figures, quotes, dates) run in a thread of the worker's process, and `analyse`, the
model, in a child process that loads the pipeline, which sends each document back packed
(`doc_transfer`). The child does nothing but run the model; the rest, a quarter of the work, is done by the
worker's process beside it, and the event loop never waits for either.

The child is restarted if it dies (out of memory, a crash in native code). A batch it died on is tried once
more, then one text at a time, so only a record that kills it twice is dead-lettered.
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

from spacy.tokens import Doc

from ..enrichment.doc_transfer import PackedDoc, pack, unpack
from ..enrichment.parse import ParsedRecord
from ..enrichment.pipeline import Enricher, ModelFailed, Outcome, AnalysedTexts, PreparedBatch, StageObserver

log = logging.getLogger(__name__)

PARENT_CHECK_SECONDS = 1.0


class ModelRunner(Protocol):
    """Enriches a batch of parsed records without blocking the event loop; one outcome per record, in order."""

    description: dict[str, object]
    """The pipeline that analyses the texts (`pipeline.pipeline_description`)."""
    processes: int
    """How many batches it works on at once."""

    @property
    def pids(self) -> list[int]:
        """The processes that run the model, if not this one (empty then)."""

    def attach(self, observe: StageObserver, on_restart: Callable[[], None]) -> None:
        """Report stage timings to `observe` and each replaced enrichment process to `on_restart`."""

    async def enrich_batch(self, records: Sequence[ParsedRecord]) -> list[Outcome]: ...

    def close(self) -> None: ...


class ThreadModelRunner:
    """An `Enricher` in one background thread of this process (`NEWSSTREAM_ENRICHER=thread`, unit tests)."""

    processes = 1
    pids: list[int] = []

    def __init__(self, enricher: Enricher) -> None:
        self.enricher = enricher
        self.description = enricher.description
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsstream-nlp")

    def attach(self, observe: StageObserver, on_restart: Callable[[], None]) -> None:
        self.enricher.observe = observe

    async def enrich_batch(self, records: Sequence[ParsedRecord]) -> list[Outcome]:
        return await asyncio.get_running_loop().run_in_executor(self._executor, self.enricher.enrich_batch,
                                                                list(records))

    def close(self) -> None:
        self._executor.shutdown(wait=True)


@dataclass(frozen=True, slots=True)
class ModelRunnerConfig:
    """What the child needs to build its `Enricher` (plain values: it crosses a process boundary)."""

    model: str
    matmul: str
    max_analysed_chars: int
    budget_seconds: float
    # The other languages' pipelines (language, pipeline): they parse in the parent, beside the annotation.
    other_models: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class ChildPipeline:
    """What a child says once its pipeline is loaded."""

    pid: int
    description: dict[str, object]


@dataclass(frozen=True, slots=True)
class PackedAnalysis:
    """A child's answer for a batch of texts: a packed document, or why the model failed on that text."""

    docs: list[PackedDoc | str]
    seconds: float


# The child's own state: an Enricher whose `analyse` it runs.
_child_enricher: Enricher | None = None


def _start_child(config: ModelRunnerConfig) -> None:
    global _child_enricher
    # The parent decides when to stop: Ctrl-C reaches the whole process group, and a child that died of it
    # mid-batch would be restarted by a parent that is trying to finish its last batches.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), name="newsstream-parent-watch",
                     daemon=True).start()
    from ..enrichment.nlp import load_pipeline

    nlp = load_pipeline(config.model, config.matmul)
    _child_enricher = Enricher(nlp, max_analysed_chars=config.max_analysed_chars,
                               budget_seconds=config.budget_seconds, annotates=False)


def _exit_with_parent(parent: int) -> None:
    """End this process once its parent is gone (a SIGKILLed worker): nothing else would, since a child that
    finished a batch blocks for ever writing the result to a pipe it holds both ends of."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _describe_child() -> ChildPipeline:
    assert _child_enricher is not None
    return ChildPipeline(pid=os.getpid(), description=dict(_child_enricher.description))


def analyse_in_child(texts: list[str]) -> PackedAnalysis:
    """What a child runs on each batch of texts: the model, its documents packed for the worker."""
    assert _child_enricher is not None
    analysed = _child_enricher.analyse(texts)
    return PackedAnalysis(docs=[f"{type(doc).__name__}: {doc}" if isinstance(doc, Exception) else pack(doc)
                             for doc in analysed.docs], seconds=analysed.seconds)


def _pool_processes(pool: ProcessPoolExecutor) -> dict[int, multiprocessing.process.BaseProcess]:
    """The pool's children by pid, loading the model or loaded."""
    # The pool's own record of its processes (private, but there since Python 3.2): the children's answers
    # to _describe_child cannot tell, as a child that loaded the model first may answer two of them. A
    # pool starts a process on each submit that finds none idle, so after `processes` submits all exist.
    return getattr(pool, "_processes", None) or {}


class ProcessModelRunner:
    """`Enricher.enrich_batch` with the model in `processes` child processes (batches go to whichever is
    free), restarted when one dies, and the rest in one thread of this process."""

    def __init__(self, config: ModelRunnerConfig, observe: StageObserver,
                 on_restart: Callable[[], None] = lambda: None, *, processes: int = 1,
                 child_task: Callable[[list[str]], PackedAnalysis] = analyse_in_child) -> None:
        """`child_task` is what a child runs on each batch of texts (a module-level function: tests use one that
        dies on some texts)."""
        if processes < 1:
            raise ValueError("processes must be at least 1")
        self.child_task = child_task
        self.config = config
        self.observe = observe
        self.on_restart = on_restart
        self.processes = processes
        self._pool = self._new_pool()
        child = self._start_children()
        self.description = child.description
        from ..enrichment.languages import load_other_pipelines
        from ..enrichment.nlp import load_vocabulary

        # Observed through `self.observe`, which the worker sets once its metrics exist.
        self.enricher = Enricher(load_vocabulary(config.model),
                                 observe=lambda stage, seconds: self.observe(stage, seconds),
                                 max_analysed_chars=config.max_analysed_chars,
                                 budget_seconds=config.budget_seconds, description=child.description,
                                 others=load_other_pipelines(dict(config.other_models), config.matmul))
        # One thread: the vocabulary and the lemmatizer's cache are not safe to share between threads.
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsstream-annotate")

    @property
    def pids(self) -> list[int]:
        """The children's pids, loading the model or loaded, in the order they were started."""
        return list(_pool_processes(self._pool))

    def attach(self, observe: StageObserver, on_restart: Callable[[], None]) -> None:
        self.observe = observe
        self.on_restart = on_restart

    def _new_pool(self) -> ProcessPoolExecutor:
        # spawn, not fork: the parent runs threads (Kafka clients, the metrics server) that a fork would copy
        # in whatever state they were in.
        return ProcessPoolExecutor(max_workers=self.processes, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_start_child, initargs=(self.config,))

    def _start_children(self) -> ChildPipeline:
        """Start every child now and wait until each has loaded the model (a failure to load raises here)."""
        started = [self._pool.submit(_describe_child) for _ in range(self.processes)]
        return [future.result() for future in started][0]

    async def enrich_batch(self, records: Sequence[ParsedRecord]) -> list[Outcome]:
        loop = asyncio.get_running_loop()
        batch = await loop.run_in_executor(self._thread, self.enricher.prepare, list(records))
        analysed = await self._analyse(batch.texts)
        return await loop.run_in_executor(self._thread, self._annotate, batch, analysed)

    def _annotate(self, batch: PreparedBatch, analysed: PackedAnalysis) -> list[Outcome]:
        vocab = self.enricher.nlp.vocab
        docs: list[Doc | Exception] = [ModelFailed(doc) if isinstance(doc, str) else unpack(doc, vocab)
                                       for doc in analysed.docs]
        self.observe("nlp", analysed.seconds)
        return self.enricher.annotate(batch, AnalysedTexts(docs=docs, seconds=analysed.seconds))

    async def _analyse(self, texts: list[str]) -> PackedAnalysis:
        if not texts:
            return PackedAnalysis(docs=[], seconds=0.0)
        for _ in range(2):
            result = await self._run(texts)
            if result is not None:
                return result
        log.error("the enrichment process died twice on a batch of %d; analysing its texts one at a time",
                  len(texts))
        docs: list[PackedDoc | str] = []
        seconds = 0.0
        for text in texts:
            one = await self._run([text])
            if one is None:
                docs.append("the enrichment process died on this record twice (a crash in native code or out "
                            "of memory)")
            else:
                docs.extend(one.docs)
                seconds += one.seconds
        return PackedAnalysis(docs=docs, seconds=seconds)

    async def _run(self, texts: list[str]) -> PackedAnalysis | None:
        """The child's answer, or None if the child died (it has been restarted then)."""
        pool = self._pool
        try:
            return await asyncio.wrap_future(pool.submit(self.child_task, texts))
        except BrokenProcessPool:
            self._restart(pool)
            return None

    def _restart(self, broken: ProcessPoolExecutor) -> None:
        if broken is not self._pool:
            return  # another batch in flight already restarted it
        log.error("an enrichment process died; starting new ones", extra={"pids": self.pids})
        survivors = list(_pool_processes(broken).values())
        broken.shutdown(wait=False, cancel_futures=True)
        # A broken pool stops its other children with SIGTERM, which they ignore (see _start_child): without
        # this they would hang its manager thread, and this process's exit, for ever.
        for process in survivors:
            process.kill()
        self._pool = self._new_pool()
        self.on_restart()
        # Every new child starts loading the model now (seconds), while the event loop goes on.
        for _ in range(self.processes):
            self._pool.submit(_describe_child)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._thread.shutdown(wait=True)
