"""Streak repairs (issue 17): an admin restores the streaks an outage broke, for a segment's
members or listed users of one mission (or challenge) with a streak goal.

A repair is a resumable job in PostgreSQL, like a backtest: the job and its users are stored
when it is asked for (`POST /v1/streak-repairs`, the users fixed then: a segment's members at
that moment), and a runner works through the users still pending, page by page. Each user is
one `streak_repair` update of their journey (`domain.streaks.repair`: missed periods overlapping
the window are kept, and a run they broke is restored), then one audit row: the outcome and the
streak before and after. The runner holds the job under a lease it renews per page; a job whose
runner died (a crash, a restart) is taken up again once the lease has expired: by the resume relay
every API process runs (`StreakRepairs.run`, every 30 s), or sooner by whoever reads it
(`GET /v1/streak-repairs/{id}`); it resumes at the first pending user.

Idempotent per user: the journey ignores a job id it has applied, and a user's audit row is
written once. The job records who asked (`requested_by`) and why (`reason`).
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from db import enrolments, segments
from db import missions as missions_repo
from db import streak_repairs as repo
from db.engine import Conn
from db.streak_repairs import RepairRow, RepairUser
from domain.errors import DomainError, Invalid, NotFound
from domain.journey import Journey, MissionContext
from domain.missions import EventGoal
from domain.streaks import StreakState, current, held_zone
from services.active_missions import context_of
from services.gateway import JourneyGateway, workflow_id_of
from workflows.payloads import StreakRepair

__all__ = ["MAX_WINDOW", "RepairRow", "RepairUser", "StreakRepairs"]

log = logging.getLogger("questline.streak_repairs")

#: The longest outage one repair may cover.
MAX_WINDOW = timedelta(days=31)
#: Users handled per page (the lease is renewed between pages).
PAGE = 50
LEASE = timedelta(seconds=60)


def _bad(field: str, reason: str, code: str = "invalid_repair") -> Invalid:
    return Invalid(code, f"{field}: {reason}", [{"field": field, "reason": reason}])


def snapshot(ctx: MissionContext, journey: Journey, now: datetime) -> dict[str, Any]:
    """A user's streak as the audit records it: the streak now, the best, the freezes."""
    goal = ctx.spec.goal
    assert isinstance(goal, EventGoal)
    state = journey.streak or StreakState()
    view = current(state, goal, held_zone(state, ctx.spec.timezone), now)
    return {"streak": view.streak, "best": view.best, "freezes": view.freezes, "freezes_used": view.freezes_used}


class StreakRepairs:
    """Asks for, runs and reports streak repairs."""

    def __init__(self, engine: AsyncEngine, gateway: JourneyGateway) -> None:
        self._engine = engine
        self._gateway = gateway
        self._runners: dict[str, asyncio.Task[None]] = {}

    async def create(
        self,
        conn: Conn,
        *,
        mission_id: str,
        segment_id: str | None,
        user_ids: list[str] | None,
        start: datetime,
        end: datetime,
        reason: str,
        requested_by: str,
    ) -> RepairRow:
        """Stores a repair job (the caller starts it once committed, `start`).

        422 naming the field: `mission_id` unknown (`mission_not_found`) or without a streak goal
        (`not_a_streak`), `segment_id` unknown (`segment_not_found`), both or neither of
        `segment_id` and `user_ids`, a window that does not end after it starts, longer than 31
        days or ending in the future.
        """
        try:
            mission = await missions_repo.get(conn, mission_id)
        except NotFound as exc:
            raise _bad("mission_id", "no such mission or challenge", "mission_not_found") from exc
        goal = mission.spec.goal
        if not isinstance(goal, EventGoal) or goal.streak is None:
            raise _bad("mission_id", "the mission has no streak goal", "not_a_streak")
        if (segment_id is None) == (user_ids is None):
            raise _bad("segment_id", "give either segment_id or user_ids")
        if end <= start:
            raise _bad("to", "the window must end after it starts")
        if end - start > MAX_WINDOW:
            raise _bad("to", "a repair covers at most 31 days")
        if end > datetime.now(UTC) + timedelta(minutes=5):
            raise _bad("to", "an outage to repair has ended: the window cannot end in the future")
        if segment_id is not None:
            try:
                await segments.get(conn, segment_id)
            except NotFound as exc:
                raise _bad("segment_id", "no such segment", "segment_not_found") from exc
        repair_id = f"repair_{uuid.uuid4().hex[:20]}"
        await repo.create(
            conn,
            repair_id=repair_id,
            mission_id=mission_id,
            segment_id=segment_id,
            user_ids=user_ids or [],
            window_start=start,
            window_end=end,
            reason=reason,
            requested_by=requested_by,
        )
        return await repo.get(conn, repair_id)

    async def get(self, conn: Conn, repair_id: str) -> RepairRow:
        """The job and its progress (404 `streak_repair_not_found`); a running job whose runner
        is gone (its lease expired) is resumed."""
        row = await repo.get(conn, repair_id)
        if row.status == "running" and (row.lease_until is None or row.lease_until < datetime.now(UTC)):
            self.start(repair_id)
        return row

    async def users(self, conn: Conn, repair_id: str, *, limit: int, cursor: str | None) -> list[RepairUser]:
        """The job's users with their outcome and streak before and after (404 for the job)."""
        await repo.get(conn, repair_id)
        return await repo.users(conn, repair_id, limit=limit, after=cursor)

    async def latest(self, conn: Conn, limit: int) -> list[RepairRow]:
        """The latest jobs, newest first."""
        return [await repo.get(conn, i) for i in await repo.list_repairs(conn, limit=limit)]

    def start(self, repair_id: str) -> None:
        """Runs the job in this process unless it already does (the lease keeps other processes out)."""
        running = self._runners.get(repair_id)
        if running is not None and not running.done():
            return
        self._runners[repair_id] = asyncio.create_task(self._run(repair_id))

    async def resume_stalled(self) -> list[str]:
        """Starts the running jobs whose runner died (lease free or expired); returns their ids."""
        async with self._engine.connect() as conn:
            ids = await repo.stalled(conn, datetime.now(UTC), limit=100)
        for repair_id in ids:
            self.start(repair_id)
        return ids

    async def run(self, interval: timedelta = timedelta(seconds=30)) -> None:
        """Resumes stalled jobs every `interval`, forever (a relay of `Services.run_relays`): a job
        whose process crashed finishes without anyone reading it. Errors are logged and retried."""
        while True:
            try:
                await self.resume_stalled()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.warning("resuming stalled streak repairs failed; retrying", exc_info=True)
            await asyncio.sleep(interval.total_seconds())

    async def close(self) -> None:
        """Stops this process's runners (their leases expire; a later read resumes the jobs)."""
        for task in self._runners.values():
            task.cancel()
        await asyncio.gather(*self._runners.values(), return_exceptions=True)
        self._runners.clear()

    async def _run(self, repair_id: str) -> None:
        try:
            await self._work(repair_id)
        except asyncio.CancelledError:
            raise
        except Exception:
            # Left running: its lease expires, and the next read of the job resumes it.
            log.exception("streak repair %s stopped; it resumes when read after its lease expires", repair_id)

    async def _work(self, repair_id: str) -> None:
        async with self._engine.begin() as conn:
            if not await repo.claim(conn, repair_id, datetime.now(UTC), LEASE):
                return
            row = await repo.get(conn, repair_id)
            ctx = context_of(await missions_repo.get(conn, row.mission_id))
        msg = StreakRepair(job_id=repair_id, start=row.window_start, end=row.window_end)
        while True:
            async with self._engine.begin() as conn:
                await repo.renew(conn, repair_id, datetime.now(UTC) + LEASE)
                page = await repo.pending(conn, repair_id, PAGE)
            if not page:
                async with self._engine.begin() as conn:
                    await repo.finish(conn, repair_id)
                return
            for user_id in page:
                await self._repair_one(ctx, msg, user_id)

    async def _repair_one(self, ctx: MissionContext, msg: StreakRepair, user_id: str) -> None:
        now = datetime.now(UTC)
        async with self._engine.connect() as conn:
            journey = (await enrolments.for_user(conn, user_id, [ctx.mission_id])).get(ctx.mission_id)
        before = after = None
        if journey is None or journey.streak is None:
            outcome: repo.Outcome = "skipped"  # no streak to repair
        else:
            before = snapshot(ctx, journey, now)
            try:
                result = await self._gateway.act_existing(workflow_id_of(ctx, user_id, now), "streak_repair", msg)
            except DomainError:
                outcome = "skipped"  # the journey has finished
            else:
                after = snapshot(ctx, result.journey, now)
                changed = result.journey.streak != journey.streak and msg.job_id not in journey.streak.repairs
                outcome = "repaired" if changed and after["streak"] > before["streak"] else "unchanged"
        async with self._engine.begin() as conn:
            await repo.record(conn, msg.job_id, user_id, outcome, before, after)
