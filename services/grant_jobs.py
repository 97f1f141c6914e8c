"""Grant jobs, one page at a time: a segment grant opens a featured mission to a segment's members;
an unlock backfill opens a locked mission to the users who met its conditions before it was live.

Both go through the event router's `open`, so what a user did since the opening took effect is
caught up; both are idempotent per page (a retried page opens nobody twice).

Starting a segment grant and reading a job's progress is `services.grants`'; enqueueing the
activation's jobs is `services.launch`'.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncEngine

from db import completions, missions, segments, users
from db.completions import UnlockCandidate
from domain.errors import DomainError
from domain.journey import MissionContext
from domain.users import Tier, effective_tier, reaches
from services.active_missions import context_of
from services.routing import EventRouter
from workflows.payloads import ActionResult, Grant, Unlock
from workflows.segment_grant import GrantJob, GrantPage

#: Reports progress (the user just handled) to whoever runs the page (an activity's heartbeat).
Heartbeat = Callable[[str], None]


class GrantJobs:
    """Runs the pages of grant jobs (`SegmentGrantWorkflow`)."""

    def __init__(self, engine: AsyncEngine, router: EventRouter) -> None:
        self.engine = engine
        self.router = router

    async def run_page(self, job: GrantJob, heartbeat: Heartbeat) -> GrantPage:
        """Grants one page of the segment's members (idempotent: a retried page grants nobody twice);
        for an unlock backfill, unlocks one page of the users who met the locked mission's conditions."""
        if job.prerequisites is not None or job.min_tier is not None:
            return await self._unlock_page(job, heartbeat)
        async with self.engine.connect() as conn:
            mission = await missions.get(conn, job.mission_id)
            members = await segments.members(conn, job.segment_id, limit=job.page_size, after=job.cursor)
        ctx = context_of(mission)
        granted = refused = 0
        for user_id in members:
            # The trigger's grants to members at activation take effect from the activation on.
            at = (mission.activated_at if job.trigger else None) or datetime.now(UTC)
            try:
                # Through the router: a member's events since the grant took effect are caught up.
                result = await self.router.open(ctx, user_id, "grant", Grant(at=at, trigger=job.trigger))
            except DomainError:
                result = None
            if result is None:
                refused += 1  # e.g. the journey has finished, or the mission is no longer active
            else:
                granted += 1
            heartbeat(user_id)
        done = len(members) < job.page_size
        return GrantPage(next_cursor=None if done else members[-1], granted=granted, refused=refused)

    async def _unlock_page(self, job: GrantJob, heartbeat: Heartbeat) -> GrantPage:
        """Unlocks the locked mission for one page of the users who met its conditions before it was
        live, as the router would have on their causes: each prerequisite they completed (those with
        only some keep them, so the last one completed later unlocks it), or a tier that reaches it."""
        prerequisites = job.prerequisites or []
        async with self.engine.connect() as conn:
            mission = await missions.get(conn, job.mission_id)
            tiers = await users.list_tiers(conn) if job.min_tier is not None else []
            # The lowest threshold whose tier reaches `min_tier` (None: only an explicit tier can).
            minimum = job.min_tier or ""
            thresholds = [t.min_points for t in tiers if t.min_points is not None and reaches(t.name, minimum, tiers)]
            page = await completions.unlock_candidates(
                conn,
                prerequisites,
                by_tier=job.min_tier is not None,
                min_points=min(thresholds) if thresholds else None,
                limit=job.page_size,
                after=job.cursor,
            )
        ctx = context_of(mission)
        # A tier held before the activation opens the mission from the activation on.
        activated = mission.activated_at or datetime.now(UTC)
        granted = refused = 0
        for candidate in page:
            unlocked = await self._unlock(ctx, candidate, job.min_tier, tiers, activated)
            if unlocked is False:
                refused += 1
            elif unlocked:
                granted += 1  # unlocked; a user with only some prerequisites is counted in neither
            heartbeat(candidate.user_id)
        done = len(page) < job.page_size
        return GrantPage(next_cursor=None if done else page[-1].user_id, granted=granted, refused=refused)

    async def _unlock(
        self,
        ctx: MissionContext,
        candidate: UnlockCandidate,
        min_tier: str | None,
        tiers: list[Tier],
        activated: datetime,
    ) -> bool | None:
        """Tells one candidate's journey of each cause: True when it unlocked, False when it
        refused, None when it is still locked (only some prerequisites) or had nothing to hear."""
        msgs = [
            # The latest last: the unlock takes effect at the last prerequisite's completion, and
            # the catch-up counts the user's events from the mission's activation on.
            Unlock(at=at, source="mission", completed_mission_id=prerequisite)
            for prerequisite, at in sorted(candidate.completed.items(), key=lambda item: item[1])
        ]
        tier = effective_tier(candidate.explicit_tier, candidate.points, tiers)
        if min_tier is not None and reaches(tier, min_tier, tiers):
            msgs.append(Unlock(at=activated, source="tier"))
        result: ActionResult | None = None
        for msg in msgs:
            try:
                result = await self.router.open(ctx, user_id=candidate.user_id, update="unlock", msg=msg)
            except DomainError:
                result = None
            if result is None or result.journey.unlocked_at is not None:
                break  # refused (finished, closed: the rest would be too), or unlocked
        if msgs and result is None:
            return False
        if result is not None and result.journey.unlocked_at is not None:
            return True
        return None
