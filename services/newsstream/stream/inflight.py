"""Batches in flight: the next batch is parsed and queued for the model while the last one is published.

With Faust's `take_events` a batch is acknowledged when the loop body returns, so the body has to publish
before it can ask for the next batch, and the model idles while a batch is published, acknowledged and the
next one collected. Here the agent takes batches without acknowledging them (`noack_take`), hands each to
`submit`, and goes back for the next one. Each batch is enriched as soon as a model is free, then published
and acknowledged in the order the batches came, once every batch before it is: an offset is never committed
past a record that was not published. At most `limit` batches are in flight, which bounds memory and keeps
Faust's flow control honest.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Generic, TypeVar

log = logging.getLogger(__name__)

E = TypeVar("E")


class InFlightBatches(Generic[E]):
    """`enrich(events)` publishes nothing and may be abandoned; `publish(its result)` writes the outputs."""

    def __init__(self, enrich: Callable[[Sequence[E]], Awaitable[Any]], publish: Callable[[Any], Awaitable[object]],
                 ack: Callable[[E], Awaitable[object]], *, limit: int = 2) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        self.enrich = enrich
        self.publish = publish
        self.ack = ack
        self._enriching: set[asyncio.Task[None]] = set()
        self.limit = limit
        self._pending: deque[asyncio.Task[None]] = deque()
        self._last: asyncio.Task[None] | None = None
        self._failure: BaseException | None = None

    def __len__(self) -> int:
        return len(self._pending)

    async def submit(self, events: Sequence[E]) -> None:
        """Start processing `events`; returns once fewer than `limit` batches are in flight.

        Raises the error of a batch that failed since the last call: the agent fails as it would have had it
        processed the batch itself, and no later batch is acknowledged.
        """
        self._raise_failure()
        task = asyncio.ensure_future(self._run(list(events), self._last))
        self._enriching.add(task)
        task.add_done_callback(self._finished)
        self._pending.append(task)
        self._last = task
        while len(self._pending) >= self.limit:
            await asyncio.wait([self._pending[0]])
            self._raise_failure()

    async def drain(self) -> None:
        """Wait for every batch in flight; raises the first failure."""
        while self._pending:
            await asyncio.wait([self._pending[0]])
        self._raise_failure()

    async def cancel(self) -> None:
        """The agent is stopping: abandon, unacknowledged, the batches still being enriched (and every one after
        them), and let those already publishing finish and be acknowledged. Faust commits what was acknowledged
        after the agents stop, so nothing is published that the next worker to read these records would publish
        again."""
        pending = list(self._pending)
        abandon = False
        for task in pending:
            abandon = abandon or task in self._enriching
            if abandon:
                task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)

    async def _run(self, events: list[E], previous: asyncio.Task[None] | None) -> None:
        try:
            enriched = await self.enrich(events)
        finally:
            self._enriching.discard(asyncio.current_task())  # type: ignore[arg-type]
        if previous is not None:
            await asyncio.wait([previous])
            if previous.cancelled() or previous.exception() is not None:
                # Not published: acknowledging these would commit past the earlier records that failed.
                raise RuntimeError("an earlier batch failed; this one is left unpublished and unacknowledged")
        await self.publish(enriched)
        for event in events:
            await self.ack(event)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._pending.remove(task)
        if task.cancelled():
            return
        error = task.exception()
        if error is not None and self._failure is None:
            log.error("a batch failed and is left unacknowledged: %s", error, exc_info=error)
            self._failure = error

    def _raise_failure(self) -> None:
        if self._failure is not None:
            failure, self._failure = self._failure, None
            raise failure
