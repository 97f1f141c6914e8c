"""Admin routes of streak repairs (issue 17): restore the streaks an outage broke, with progress
and an audit of every user (`services.streak_repairs`)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from api.deps import Admin, Conn, StreakRepairsDep, after_commit
from api.errors import error_responses
from api.schemas import Strict
from api.strict import JsonBody
from services.streak_repairs import RepairRow, RepairUser

router = APIRouter(prefix="/v1/streak-repairs", tags=["streak-repairs"])

_AUTH = error_responses(401, 403)


class StreakRepairIn(Strict):
    """Which users' streaks of which mission to repair, for which outage, and why."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    mission_id: str = Field(
        min_length=1, max_length=200, description="A mission (or a user's challenge) with a streak goal."
    )
    segment_id: str | None = Field(None, min_length=1, max_length=200, description="Repair this segment's members now.")
    user_ids: list[Annotated[str, Field(min_length=1, max_length=200)]] | None = Field(
        None, min_length=1, max_length=10_000, description="Or repair these users (exactly one of the two)."
    )
    window_from: AwareDatetime = Field(alias="from", description="When the outage began.")
    window_to: AwareDatetime = Field(
        alias="to", description="When it ended (at most 31 days after `from`, not in the future)."
    )
    reason: str = Field(min_length=1, max_length=2000, description="Why: kept in the audit.")
    requested_by: str = Field(
        min_length=1, max_length=200, description="Who asks (a name or e-mail): kept in the audit."
    )


class RepairCounts(BaseModel):
    """Users per outcome so far."""

    pending: int = Field(description="Not handled yet.")
    repaired: int = Field(description="Their streak was restored (or a missed period in the window is now kept).")
    unchanged: int = Field(description="Nothing in the window to restore.")
    skipped: int = Field(description="No streak to repair (no journey, or it has finished).")


class StreakRepairOut(BaseModel):
    """A repair job: what it covers, who asked and why, and how far it got."""

    model_config = ConfigDict(populate_by_name=True)

    id: str
    mission_id: str
    segment_id: str | None
    window_from: datetime = Field(alias="from", description="When the outage began.")
    window_to: datetime = Field(alias="to", description="When it ended.")
    reason: str
    requested_by: str
    status: Literal["running", "completed"]
    total: int = Field(description="Users the job covers (fixed when it was asked for).")
    done: int = Field(description="Users handled so far.")
    counts: RepairCounts
    created_at: datetime
    finished_at: datetime | None

    @classmethod
    def of(cls, row: RepairRow) -> StreakRepairOut:
        """The response body of a stored job."""
        counts = RepairCounts.model_validate(row.counts)
        return cls(
            id=row.id,
            mission_id=row.mission_id,
            segment_id=row.segment_id,
            window_from=row.window_start,
            window_to=row.window_end,
            reason=row.reason,
            requested_by=row.requested_by,
            status=row.status,
            total=row.total,
            done=row.total - counts.pending,
            counts=counts,
            created_at=row.created_at,
            finished_at=row.finished_at,
        )


class StreakRepairList(BaseModel):
    """The latest repair jobs, newest first."""

    items: list[StreakRepairOut]


class StreakRepairUsers(BaseModel):
    """A page of a job's users (by id) with each one's outcome and streak before and after."""

    items: list[RepairUser]
    next_cursor: str | None


@router.post(
    "",
    status_code=202,
    response_model=StreakRepairOut,
    response_model_by_alias=True,
    responses={**_AUTH, **error_responses(422)},
)
async def create_streak_repair(
    body: JsonBody[StreakRepairIn], conn: Conn, repairs: StreakRepairsDep, request: Request, _: Admin
) -> StreakRepairOut:
    """Restores streaks an outage broke: for the segment's members (as it is now) or the listed
    users of a mission (or challenge) with a streak goal, every missed period overlapping
    [`from`, `to`) is kept, and a run such periods broke is restored (freezes held are not used).

    Durable and resumable: the job and its users are stored, then worked through in the
    background; follow it at `GET /v1/streak-repairs/{id}` (a job stopped by a restart resumes
    when read). Idempotent per user: a user is repaired once per job. Audited: who asked
    (`requested_by`), why (`reason`), and per user the streak before and after
    (`GET /v1/streak-repairs/{id}/users`).

    422 naming the field: `mission_not_found` or `not_a_streak` (`mission_id`), `segment_not_found`
    (`segment_id`), `invalid_repair` (both or neither of `segment_id` and `user_ids`; a window
    not ending after it starts, longer than 31 days, or ending in the future: `to`).
    """
    row = await repairs.create(
        conn,
        mission_id=body.mission_id,
        segment_id=body.segment_id,
        user_ids=body.user_ids,
        start=body.window_from,
        end=body.window_to,
        reason=body.reason,
        requested_by=body.requested_by,
    )

    async def start() -> None:
        repairs.start(row.id)

    after_commit(request, start)
    return StreakRepairOut.of(row)


@router.get(
    "", response_model=StreakRepairList, response_model_by_alias=True, responses={**_AUTH, **error_responses(422)}
)
async def list_streak_repairs(
    conn: Conn, repairs: StreakRepairsDep, _: Admin, limit: Annotated[int, Query(ge=1, le=100)] = 20
) -> StreakRepairList:
    """The latest repair jobs, newest first, with their progress."""
    return StreakRepairList(items=[StreakRepairOut.of(r) for r in await repairs.latest(conn, limit)])


@router.get(
    "/{repair_id}",
    response_model=StreakRepairOut,
    response_model_by_alias=True,
    responses={**_AUTH, **error_responses(404)},
)
async def get_streak_repair(repair_id: str, conn: Conn, repairs: StreakRepairsDep, _: Admin) -> StreakRepairOut:
    """A repair job and its progress: `total` users, `done` so far, `counts` per outcome, `status`
    `completed` once every user is handled (404 `streak_repair_not_found`)."""
    return StreakRepairOut.of(await repairs.get(conn, repair_id))


@router.get("/{repair_id}/users", response_model=StreakRepairUsers, responses={**_AUTH, **error_responses(404, 422)})
async def streak_repair_users(
    repair_id: str,
    conn: Conn,
    repairs: StreakRepairsDep,
    _: Admin,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: Annotated[str | None, Query(description="`next_cursor` of the previous page")] = None,
) -> StreakRepairUsers:
    """The audit of a job, user by user: `outcome` (`pending`, `repaired`, `unchanged`, `skipped`)
    and the streak `before` and `after` (`streak`, `best`, `freezes`, `freezes_used`)."""
    rows = await repairs.users(conn, repair_id, limit=limit + 1, cursor=cursor)
    more = len(rows) > limit
    rows = rows[:limit]
    return StreakRepairUsers(items=rows, next_cursor=rows[-1].user_id if more and rows else None)
