"""Admin openings of journeys: grant a featured mission, unlock a locked one, grant one to a segment.

A grant or an unlock per user is an update of that user's journey (refused per user, never for
the batch); a segment grant is a `SegmentGrant` workflow, recorded in the caller's transaction
(a durable start of `services.starts`) and followed through its `progress` query.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel

from db import missions as missions_repo
from db import segments as segments_repo
from db import starts as starts_repo
from db.engine import Conn
from domain.checks import check_started
from domain.errors import Conflict, DomainError, NotFound
from domain.journey import MissionContext
from domain.missions import MissionStatus, MissionType
from services.active_missions import context_of
from services.gateway import GrantJobProgress, JourneyGateway
from services.paging import Page, page_of
from services.segments import require_segment
from services.starts import EVENT_BACKFILL
from workflows.payloads import Grant, Unlock
from workflows.segment_grant import GrantJob, grant_job_id, is_grant_job_id

#: The durable start kind of a segment grant (`services.starts.KINDS`).
SEGMENT_GRANT = "segment_grant"
#: The durable start kind of an event backfill (`services.backfill`), listed with the grant jobs.
#: Journeys updated at once by one grant or unlock call.
CONCURRENCY = 32


class UserOutcome(BaseModel):
    """What happened for one user."""

    user_id: str
    ok: bool
    status: str | None = None
    error: dict[str, str] | None = None


class Outcomes(BaseModel):
    """One outcome per user, in request order."""

    results: list[UserOutcome]


class GrantJobOut(BaseModel):
    """A bulk grant's progress: granted and refused (finished journeys) so far."""

    job_id: str
    mission_id: str
    segment_id: str
    status: Literal["running", "completed", "failed"]
    granted: int
    refused: int
    pages: int

    @classmethod
    def running(cls, job_id: str, job: GrantJob) -> GrantJobOut:
        """A job accepted and not yet started, or started and not yet through its first page."""
        return cls(
            job_id=job_id,
            mission_id=job.mission_id,
            segment_id=job.segment_id,
            status="running",
            granted=0,
            refused=0,
            pages=0,
        )


class GrantJobListed(GrantJobOut):
    """A grant job in the list: its kind, when it was accepted, and how many users it has to go through.

    `total` is the segment's member count now (at least `granted + refused`, exactly that once
    completed); None for an unlock backfill, whose candidates are found as it goes. `status`
    is `unknown` for a job Temporal no longer keeps (past its retention).
    """

    status: Literal["running", "completed", "failed", "unknown"]  # type: ignore[assignment]
    kind: Literal["segment_grant", "trigger_grant", "unlock_backfill", "event_backfill"]
    created_at: datetime
    total: int | None


class GrantJobList(BaseModel):
    """A page of grant jobs, newest first; pass `next_cursor` as `cursor` for the next page."""

    items: list[GrantJobListed]
    next_cursor: str | None = None


@dataclass(frozen=True)
class SegmentGrantStart:
    """A segment grant to start once the caller's transaction commits (`kind`, `job_id`, `job`)."""

    job_id: str
    job: GrantJob
    kind: str = SEGMENT_GRANT

    @property
    def view(self) -> GrantJobOut:
        """The job as its caller is told of it: running, nothing granted yet."""
        return GrantJobOut.running(self.job_id, self.job)


async def _active(conn: Conn, mission_id: str, kind: MissionType) -> MissionContext:
    """The mission, when it is active and of `kind` (409 otherwise, 404 when unknown)."""
    mission = await missions_repo.get(conn, mission_id)
    if mission.status is not MissionStatus.ACTIVE:
        raise Conflict("mission_not_active", f"the mission is {mission.status.value}, not active")
    if mission.spec.type is not kind:
        raise Conflict(
            "wrong_mission_type", f"only {kind.value} missions take this call; this one is {mission.spec.type.value}"
        )
    return context_of(mission)


class Grants:
    """Grants and unlocks by an admin, per user or for a whole segment."""

    def __init__(self, gateway: JourneyGateway) -> None:
        self._gateway = gateway

    async def grant(self, conn: Conn, mission_id: str, user_ids: list[str]) -> Outcomes:
        """Grants a featured mission to users (422 when its start_at is in the future)."""
        ctx = await _active(conn, mission_id, MissionType.FEATURED)
        check_started(ctx, datetime.now(UTC))
        return await self._for_each(ctx, user_ids, "grant", Grant(at=datetime.now(UTC)))

    async def unlock(self, conn: Conn, mission_id: str, user_ids: list[str]) -> Outcomes:
        """Unlocks a locked mission for users, whatever its unlock conditions."""
        ctx = await _active(conn, mission_id, MissionType.LOCKED)
        return await self._for_each(ctx, user_ids, "unlock", Unlock(at=datetime.now(UTC)))

    async def _for_each(self, ctx: MissionContext, user_ids: list[str], update: str, msg: Any) -> Outcomes:
        """Runs `update` on each user's journey (each user once, in request order), a refusal per user."""
        slots = asyncio.Semaphore(CONCURRENCY)

        async def one(user_id: str) -> UserOutcome:
            async with slots:
                try:
                    result = await self._gateway.act(ctx, user_id, update, msg)
                except DomainError as exc:
                    return UserOutcome(user_id=user_id, ok=False, error={"code": exc.code, "message": exc.message})
                return UserOutcome(user_id=user_id, ok=True, status=result.status.value)

        return Outcomes(results=list(await asyncio.gather(*(one(u) for u in dict.fromkeys(user_ids)))))

    async def segment_grant(self, conn: Conn, mission_id: str, segment_id: str) -> SegmentGrantStart:
        """The job granting a featured mission to every member of a segment, for the caller to start
        after its commit (422 before start_at or for an unknown segment)."""
        ctx = await _active(conn, mission_id, MissionType.FEATURED)
        check_started(ctx, datetime.now(UTC))
        await require_segment(conn, segment_id)
        job_id = grant_job_id(mission_id, segment_id, uuid.uuid4().hex[:12])
        return SegmentGrantStart(job_id=job_id, job=GrantJob(mission_id=mission_id, segment_id=segment_id))

    async def job(self, conn: Conn, job_id: str) -> GrantJobOut:
        """A bulk grant's progress (404 for an unknown job)."""
        if not is_grant_job_id(job_id):
            raise NotFound("job_not_found", f"no grant job {job_id!r}")
        progress = await self._gateway.grant_job(job_id)
        if progress is None:
            if (waiting := await starts_repo.pending(conn, job_id)) is None:
                raise NotFound("job_not_found", f"no grant job {job_id!r}")
            # Accepted, its start still pending (the API died after the commit; a relay starts it).
            return GrantJobOut.running(job_id, GrantJob.model_validate(waiting.payload))
        job = progress.job
        return GrantJobOut(
            job_id=job_id,
            mission_id=job.mission_id,
            segment_id=job.segment_id,
            status=progress.status,
            granted=job.granted,
            refused=job.refused,
            pages=job.pages,
        )

    async def jobs(self, conn: Conn, *, limit: int, cursor: str | None) -> Page[GrantJobListed, str]:
        """Grant jobs newest first (segment grants, activation grants, unlock backfills), each with
        its progress; `cursor` is the previous page's `next_cursor`. A job is listed while its start
        record is kept (a week after it started)."""
        rows = await starts_repo.of_kind(conn, (SEGMENT_GRANT, EVENT_BACKFILL), limit=limit + 1, cursor=cursor)
        page = page_of(rows, limit, lambda row: row.id)
        counts: dict[str, int] = {}
        listed = []
        slots = asyncio.Semaphore(CONCURRENCY)

        async def progress_of(workflow_id: str) -> GrantJobProgress | None:
            async with slots:
                return await self._gateway.grant_job(workflow_id)

        progresses = await asyncio.gather(*(progress_of(row.workflow_id) for row in page.items))
        for row, progress in zip(page.items, progresses, strict=True):
            job = GrantJob.model_validate(row.payload)
            # An event backfill (`services.backfill`) reads as a grant job: its users are found as it goes.
            unlock = job.prerequisites is not None or job.min_tier is not None or row.kind == EVENT_BACKFILL
            kind: Literal["segment_grant", "trigger_grant", "unlock_backfill", "event_backfill"] = (
                "event_backfill"
                if row.kind == EVENT_BACKFILL
                else "unlock_backfill"
                if unlock
                else "trigger_grant"
                if job.trigger
                else "segment_grant"
            )
            status: Literal["running", "completed", "failed", "unknown"]
            if progress is not None:
                status, job = progress.status, progress.job
            else:
                status = "running" if row.done_at is None else "unknown"
            done = job.granted + job.refused
            total: int | None = None
            if not unlock:
                if job.segment_id not in counts:
                    counts[job.segment_id] = await segments_repo.member_count(conn, job.segment_id)
                total = done if status == "completed" else max(done, counts[job.segment_id])
            listed.append(
                GrantJobListed(
                    job_id=row.workflow_id,
                    mission_id=job.mission_id,
                    segment_id=job.segment_id,
                    status=status,
                    granted=job.granted,
                    refused=job.refused,
                    pages=job.pages,
                    kind=kind,
                    created_at=row.created_at,
                    total=total,
                )
            )
        return Page(listed, page.next_cursor)
