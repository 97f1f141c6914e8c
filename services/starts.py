"""Durable workflow starts: a change and the workflow that carries it out commit together.

A route (or activity) records the start in its own transaction (`WorkflowStarts.enqueue`); right
after the commit it starts the workflow (`start_now`, the fast path) and marks the row done. If
the process dies in between, the relay (`run`, in every API process and worker, sharing the
backlog with `FOR UPDATE SKIP LOCKED`) starts it after `grace`. Both go through `start`, and every
start has a stable workflow id, so starting twice starts one workflow.

A kind of start is one `register(...)` line below: its name, the workflow, its input type.
"""

from __future__ import annotations

import asyncio
import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy.ext.asyncio import AsyncEngine

from db import starts as repo
from db.engine import Conn
from db.starts import ALREADY_STARTED, STARTED, PendingStart
from observability import metrics
from services.gateway import JourneyGateway, Reuse
from workflows import backtest, broadcast, event_backfill, launch, mission_change, segment_clock, segment_grant
from workflows.payloads import Revise

log = logging.getLogger("questline.starts")

#: Names the kinds after whose commit a test process exits at once (`env` dev/test only), comma separated.
CRASH_ENV = "QUESTLINE_TEST_CRASH_AFTER_COMMIT"
#: How often a relay deletes old done starts.
PRUNE_EVERY = timedelta(hours=1)


@dataclass(frozen=True)
class StartKind:
    """How to start one kind of pending start: the workflow type, its input type, whether its id is reused."""

    workflow: str
    input: TypeAdapter[Any]
    reuse: Reuse


#: The kinds other modules name (the grant-job list shows event backfills beside segment grants).
EVENT_BACKFILL, BACKTEST = "event_backfill", "backtest"

#: Every kind of durable start, by name (the `kind` column).
KINDS: dict[str, StartKind] = {}


def register(kind: str, workflow: str, input_type: Any, *, reuse: Reuse = "reject") -> None:
    """Declares a kind: `enqueue(conn, kind, workflow_id, arg)` then starts `workflow(arg)` durably."""
    KINDS[kind] = StartKind(workflow, TypeAdapter(input_type), reuse)


# A new revision or the archive, carried to every running journey (one per mission, revision, status).
register("mission_change", mission_change.NAME, Revise)
# A scheduled activation; its id is reused after a cancelled or finished launch.
register("launch", launch.NAME, launch.Launch, reuse="allow")
# Sending a broadcast (now or at `send_at`; one workflow per broadcast).
register("broadcast", broadcast.NAME, broadcast.SendBroadcast)
# Granting a featured mission to a segment's members (one workflow per job).
register("segment_grant", segment_grant.NAME, segment_grant.GrantJob)
# The clock of a time-dependent segment (its input is the segment id).
register("segment_clock", segment_clock.NAME, str, reuse="allow")
# Counting what users did before a mission went live (activation's `count_events_since`).
register(EVENT_BACKFILL, event_backfill.NAME, event_backfill.EventBackfill)
# Replaying a window of the event log through a mission's rules (`POST /v1/missions/{id}/backtest`).
register(BACKTEST, backtest.NAME, backtest.BacktestJob)


def crash_kinds_from_env(is_dev: bool) -> frozenset[str]:
    """The kinds named by `QUESTLINE_TEST_CRASH_AFTER_COMMIT` (fault injection; ignored in production)."""
    if not is_dev:
        return frozenset()
    return frozenset(k.strip() for k in os.environ.get(CRASH_ENV, "").split(",") if k.strip())


class WorkflowStarts:
    """Records starts in a transaction, makes them after its commit, and relays those left pending."""

    def __init__(
        self,
        engine: AsyncEngine,
        gateway: JourneyGateway,
        *,
        interval: timedelta = timedelta(seconds=1),
        grace: timedelta = timedelta(seconds=3),
        batch: int = 100,
        keep_done: timedelta = timedelta(days=7),
        crash_after_commit: frozenset[str] = frozenset(),
    ) -> None:
        self.engine = engine
        self.gateway = gateway
        self.interval = interval
        self.grace = grace
        self.batch = batch
        self.keep_done = keep_done
        self._crash = crash_after_commit

    async def enqueue(self, conn: Conn, kind: str, workflow_id: str, arg: Any) -> PendingStart:
        """Records the start of `kind` with `arg` in `conn`'s transaction (call `start_now` after its commit)."""
        payload = KINDS[kind].input.dump_python(arg, mode="json")
        return await repo.enqueue(
            conn, kind=kind, workflow_id=workflow_id, task_queue=self.gateway.task_queue, payload=payload
        )

    async def start(self, pending: PendingStart) -> str:
        """Starts one pending start's workflow; its outcome (`started`, or `already_started`)."""
        kind = KINDS[pending.kind]
        started = await self.gateway.start_once(
            kind.workflow,
            kind.input.validate_python(pending.payload),
            workflow_id=pending.workflow_id,
            task_queue=pending.task_queue,
            reuse=kind.reuse,
        )
        return STARTED if started else ALREADY_STARTED

    async def _start_all(self, pendings: list[PendingStart]) -> dict[str, str]:
        outcomes: dict[str, str] = {}
        for pending in pendings:
            try:
                outcomes[pending.id] = await self.start(pending)
            except asyncio.CancelledError:
                raise
            except Exception:
                # Left pending: the relay retries it after the grace period.
                metrics.STARTS_FAILURES.inc()
                log.warning(
                    "starting %s %s failed; left to the relay", pending.kind, pending.workflow_id, exc_info=True
                )
        return outcomes

    async def start_now(self, pendings: list[PendingStart]) -> None:
        """The fast path, right after the commit: starts each and marks it done (failures wait for the relay)."""
        if self._crash & {p.kind for p in pendings}:
            # Fault injection (dev/test only): die between the commit and the start.
            log.error("crashing after the commit of %s, as %s asks", [p.kind for p in pendings], CRASH_ENV)
            os._exit(1)
        outcomes = await self._start_all(pendings)
        if outcomes:
            try:
                async with self.engine.begin() as conn:
                    await repo.mark_done(conn, outcomes, datetime.now(UTC))
            except Exception:
                # The workflows are started; the relay will find them so and mark them done.
                log.warning("marking %d starts done failed", len(outcomes), exc_info=True)

    async def drain_once(self) -> int:
        """Starts one batch of starts left pending past the grace period; returns how many were done."""
        async with self.engine.begin() as conn:
            stale = await repo.claim_pending(
                conn, task_queue=self.gateway.task_queue, older_than=self.grace, limit=self.batch
            )
            if not stale:
                return 0
            outcomes = await self._start_all(stale)
            await repo.mark_done(conn, outcomes, datetime.now(UTC))
        if outcomes:
            metrics.STARTS_RELAYED.inc(len(outcomes))
            log.info("start relay made %d pending workflow starts", len(outcomes))
        return len(outcomes)

    async def prune(self) -> int:
        """Deletes starts done longer ago than `keep_done` (kept a while to tell what happened)."""
        async with self.engine.begin() as conn:
            return await repo.prune_done(conn, older_than=self.keep_done)

    async def run(self) -> None:
        """Relays forever (until cancelled); errors are logged and retried after `interval`."""
        loop = asyncio.get_running_loop()
        next_prune = loop.time()
        while True:
            try:
                while await self.drain_once() >= self.batch:
                    pass
                if loop.time() >= next_prune:
                    next_prune = loop.time() + PRUNE_EVERY.total_seconds()
                    await self.prune()
            except asyncio.CancelledError:
                raise
            except Exception:
                metrics.STARTS_FAILURES.inc()
                log.warning("start relay pass failed; retrying", exc_info=True)
            await asyncio.sleep(self.interval.total_seconds())
