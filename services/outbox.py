"""The outbox relay: delivers logged events whose router died before marking them routed.

Runs in every API process and worker; `FOR UPDATE SKIP LOCKED` lets them share the backlog.
With it, a 202 is a promise: the event is in the log, and the log is drained to the journeys.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncEngine

from db import events as event_log
from observability import metrics
from services.routing import EventRouter

log = logging.getLogger("questline.outbox")


class OutboxRelay:
    """Periodically routes events older than `grace` that are still unrouted."""

    def __init__(
        self,
        router: EventRouter,
        *,
        interval: timedelta = timedelta(seconds=1),
        grace: timedelta = timedelta(seconds=3),
        batch: int = 500,
    ) -> None:
        self.router = router
        self.interval = interval
        self.grace = grace
        self.batch = batch

    async def drain_once(self) -> int:
        """Routes one batch of stale unrouted events; returns how many were marked routed."""
        async with self.router.engine.begin() as conn:
            stale = await event_log.claim_unrouted(conn, older_than=self.grace, limit=self.batch)
            if not stale:
                return 0
            done = await self.router.route(stale)
            await event_log.mark_routed(conn, done, datetime.now(UTC))
        if done:
            metrics.OUTBOX_RELAYED.inc(len(done))
            log.info("outbox relay delivered %d stale events", len(done))
        return len(done)

    async def run(self) -> None:
        """Drains forever (until cancelled); errors are logged and retried after `interval`."""
        while True:
            try:
                while await self.drain_once() >= self.batch:
                    pass
            except asyncio.CancelledError:
                raise
            except Exception:
                metrics.OUTBOX_FAILURES.inc()
                log.warning("outbox relay pass failed; retrying", exc_info=True)
            await asyncio.sleep(self.interval.total_seconds())


class RoutedMarks:
    """Marks delivered events as routed in batches: one UPDATE per interval, not one per request.

    A mark lost in a crash only means the relay delivers that event again, which journeys ignore.
    """

    def __init__(self, engine: AsyncEngine, *, interval: timedelta = timedelta(milliseconds=200)) -> None:
        self.engine = engine
        self.interval = interval
        self._pending: list[str] = []

    def add(self, ids: list[str]) -> None:
        """Queues ids to be marked routed at the next flush."""
        self._pending.extend(ids)

    async def flush(self) -> None:
        """Marks every queued id routed now (they are queued again if the write fails)."""
        ids, self._pending = self._pending, []
        if not ids:
            return
        try:
            async with self.engine.begin() as conn:
                await event_log.mark_routed(conn, ids, datetime.now(UTC))
        except Exception:
            self._pending.extend(ids)
            raise

    async def run(self) -> None:
        """Flushes every `interval` until cancelled, then once more."""
        try:
            while True:
                await asyncio.sleep(self.interval.total_seconds())
                try:
                    await self.flush()
                except Exception:
                    log.warning("marking events routed failed; retrying", exc_info=True)
        finally:
            with contextlib.suppress(Exception):
                await self.flush()
