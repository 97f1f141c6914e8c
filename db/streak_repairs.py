"""Streak repair repository: the jobs, their users (the audit of each user's before and after),
and the lease a running job is held under. Functions run inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, Literal

import sqlalchemy as sa
from pydantic import BaseModel
from sqlalchemy.dialects.postgresql import insert

from db.engine import Conn
from db.tables import segment_members, streak_repair_users, streak_repairs
from domain.errors import NotFound

Outcome = Literal["pending", "repaired", "unchanged", "skipped"]


class RepairRow(BaseModel):
    """A stored repair job with its counts per outcome."""

    id: str
    mission_id: str
    segment_id: str | None
    window_start: datetime
    window_end: datetime
    reason: str
    requested_by: str
    status: Literal["running", "completed"]
    total: int
    counts: dict[str, int]
    lease_until: datetime | None
    created_at: datetime
    finished_at: datetime | None


class RepairUser(BaseModel):
    """One user of a repair: the outcome, and their streak before and after."""

    user_id: str
    outcome: Outcome
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    done_at: datetime | None


async def create(
    conn: Conn,
    *,
    repair_id: str,
    mission_id: str,
    segment_id: str | None,
    user_ids: Sequence[str],
    window_start: datetime,
    window_end: datetime,
    reason: str,
    requested_by: str,
) -> int:
    """Stores the job and its users (the listed ones, or the segment's members now); returns how many."""
    await conn.execute(
        sa.insert(streak_repairs).values(
            id=repair_id,
            mission_id=mission_id,
            segment_id=segment_id,
            window_start=window_start,
            window_end=window_end,
            reason=reason,
            requested_by=requested_by,
        )
    )
    if segment_id is not None:
        members = sa.select(sa.literal(repair_id), segment_members.c.user_id).where(
            segment_members.c.segment_id == segment_id
        )
        await conn.execute(
            insert(streak_repair_users).from_select(["repair_id", "user_id"], members).on_conflict_do_nothing()
        )
    elif user_ids:
        rows = [{"repair_id": repair_id, "user_id": u} for u in dict.fromkeys(user_ids)]
        await conn.execute(insert(streak_repair_users).values(rows).on_conflict_do_nothing())
    total = int(
        (
            await conn.execute(
                sa.select(sa.func.count())
                .select_from(streak_repair_users)
                .where(streak_repair_users.c.repair_id == repair_id)
            )
        ).scalar_one()
    )
    await conn.execute(sa.update(streak_repairs).where(streak_repairs.c.id == repair_id).values(total=total))
    return total


async def get(conn: Conn, repair_id: str) -> RepairRow:
    """One job with its counts (NotFound `streak_repair_not_found`)."""
    row = (await conn.execute(sa.select(streak_repairs).where(streak_repairs.c.id == repair_id))).mappings().first()
    if row is None:
        raise NotFound("streak_repair_not_found", f"no streak repair {repair_id!r}", {"id": repair_id})
    counted = await conn.execute(
        sa.select(streak_repair_users.c.outcome, sa.func.count())
        .where(streak_repair_users.c.repair_id == repair_id)
        .group_by(streak_repair_users.c.outcome)
    )
    counts = {o: 0 for o in ("pending", "repaired", "unchanged", "skipped")}
    counts.update({str(o): int(n) for o, n in counted.all()})
    return RepairRow.model_validate({**row, "counts": counts})


async def users(conn: Conn, repair_id: str, *, limit: int, after: str | None) -> list[RepairUser]:
    """The job's users by id, after `after`."""
    query = (
        sa.select(
            streak_repair_users.c.user_id,
            streak_repair_users.c.outcome,
            streak_repair_users.c.before,
            streak_repair_users.c.after,
            streak_repair_users.c.done_at,
        )
        .where(streak_repair_users.c.repair_id == repair_id)
        .order_by(streak_repair_users.c.user_id)
        .limit(limit)
    )
    if after is not None:
        query = query.where(streak_repair_users.c.user_id > after)
    return [RepairUser.model_validate(dict(r)) for r in (await conn.execute(query)).mappings()]


async def claim(conn: Conn, repair_id: str, now: datetime, lease: timedelta) -> bool:
    """Takes (or renews) the lease of a running job whose lease is free or expired; False when
    another runner holds it, or the job is completed."""
    result = await conn.execute(
        sa.update(streak_repairs)
        .where(
            streak_repairs.c.id == repair_id,
            streak_repairs.c.status == "running",
            sa.or_(streak_repairs.c.lease_until.is_(None), streak_repairs.c.lease_until < now),
        )
        .values(lease_until=now + lease, updated_at=sa.func.now())
        .returning(streak_repairs.c.id)
    )
    return result.first() is not None


async def renew(conn: Conn, repair_id: str, until: datetime) -> None:
    """Extends the lease of the job this runner holds."""
    await conn.execute(sa.update(streak_repairs).where(streak_repairs.c.id == repair_id).values(lease_until=until))


async def pending(conn: Conn, repair_id: str, limit: int) -> list[str]:
    """Users of the job not handled yet, by id."""
    query = (
        sa.select(streak_repair_users.c.user_id)
        .where(streak_repair_users.c.repair_id == repair_id, streak_repair_users.c.outcome == "pending")
        .order_by(streak_repair_users.c.user_id)
        .limit(limit)
    )
    return [str(u) for u in (await conn.execute(query)).scalars()]


async def record(
    conn: Conn,
    repair_id: str,
    user_id: str,
    outcome: Outcome,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    """Records what the repair did to one user (once: a user handled before keeps their record)."""
    await conn.execute(
        sa.update(streak_repair_users)
        .where(
            streak_repair_users.c.repair_id == repair_id,
            streak_repair_users.c.user_id == user_id,
            streak_repair_users.c.outcome == "pending",
        )
        .values(outcome=outcome, before=before, after=after, done_at=sa.func.now())
    )


async def finish(conn: Conn, repair_id: str) -> None:
    """Marks the job completed and frees its lease."""
    await conn.execute(
        sa.update(streak_repairs)
        .where(streak_repairs.c.id == repair_id)
        .values(status="completed", finished_at=sa.func.now(), lease_until=None, updated_at=sa.func.now())
    )


async def list_repairs(conn: Conn, *, limit: int) -> list[str]:
    """The latest jobs' ids, newest first."""
    query = sa.select(streak_repairs.c.id).order_by(streak_repairs.c.created_at.desc(), streak_repairs.c.id.desc())
    return [str(i) for i in (await conn.execute(query.limit(limit))).scalars()]


async def stalled(conn: Conn, now: datetime, *, limit: int) -> list[str]:
    """Running jobs nobody holds (no lease, or an expired one: their runner died), oldest first."""
    query = (
        sa.select(streak_repairs.c.id)
        .where(
            streak_repairs.c.status == "running",
            sa.or_(streak_repairs.c.lease_until.is_(None), streak_repairs.c.lease_until < now),
        )
        .order_by(streak_repairs.c.created_at, streak_repairs.c.id)
        .limit(limit)
    )
    return [str(i) for i in (await conn.execute(query)).scalars()]
