"""Which missions each user has completed, in any cycle: what "completed mission X" reads.

The enrolments read model holds a recurring mission's latest cycle only (its `completions` say
nothing of earlier cycles), so rules read this record instead. It is counted up in the
transaction that records the completion's announcement, once per completion: each completion
counted is kept under its announcement's id in `completion_records`, which only Questline writes
(unlike the event log, whose ids clients choose), so a retry knows it was counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from db.engine import Conn
from db.tables import completion_records, ledger, mission_completions, users


async def counted(conn: Conn, key: str) -> bool:
    """Whether the completion `key` (its announcement's id) was counted by a committed `record`."""
    found = await conn.execute(sa.select(completion_records.c.id).where(completion_records.c.id == key))
    return found.first() is not None


async def record(conn: Conn, *, key: str, mission_id: str, user_id: str, at: datetime) -> bool:
    """Counts the completion `key` (its announcement's id) once; False when it was counted before."""
    marked = await conn.execute(
        insert(completion_records)
        .values(id=key, mission_id=mission_id, user_id=user_id, completed_at=at)
        .on_conflict_do_nothing(index_elements=[completion_records.c.id])
        .returning(completion_records.c.id)
    )
    if marked.first() is None:
        return False
    stmt = insert(mission_completions).values(
        user_id=user_id, mission_id=mission_id, completions=1, first_completed_at=at, last_completed_at=at
    )
    t = mission_completions.c
    await conn.execute(
        stmt.on_conflict_do_update(
            index_elements=[t.user_id, t.mission_id],
            set_={
                "completions": t.completions + 1,
                "first_completed_at": sa.func.least(t.first_completed_at, stmt.excluded.first_completed_at),
                "last_completed_at": sa.func.greatest(t.last_completed_at, stmt.excluded.last_completed_at),
            },
        )
    )
    return True


async def completed_by(conn: Conn, user_id: str) -> frozenset[str]:
    """The missions the user has completed at least once, in any cycle."""
    rows = await conn.execute(
        sa.select(mission_completions.c.mission_id).where(mission_completions.c.user_id == user_id)
    )
    return frozenset(rows.scalars())


async def completed_by_all(conn: Conn) -> dict[str, set[str]]:
    """Every user's completed missions (user id -> mission ids), for segment sweeps."""
    out: dict[str, set[str]] = {}
    for user_id, mission_id in await conn.execute(
        sa.select(mission_completions.c.user_id, mission_completions.c.mission_id)
    ):
        out.setdefault(user_id, set()).add(mission_id)
    return out


class UnlockCandidate(NamedTuple):
    """A user who may have met a locked mission's conditions before it was live."""

    user_id: str
    #: The last completion time of each of the prerequisites they completed.
    completed: dict[str, datetime]
    #: Their explicitly set tier, and their points (what their effective tier is reached by).
    explicit_tier: str | None
    points: int


async def unlock_candidates(
    conn: Conn,
    mission_ids: Sequence[str],
    *,
    by_tier: bool,
    min_points: int | None,
    limit: int,
    after: str | None = None,
) -> list[UnlockCandidate]:
    """One page, by user id after `after`, of the users who completed any of `mission_ids` (in any
    cycle), or (`by_tier`) have an explicit tier or at least `min_points` points (the lowest threshold
    that may reach the tier, if any); the caller judges each (`domain.users.effective_tier`, `reaches`)."""
    wanted = sorted(set(mission_ids))
    t = mission_completions.c
    sources: list[sa.Select[tuple[str]]] = []
    if wanted:
        sources.append(sa.select(t.user_id.label("id")).where(t.mission_id.in_(wanted)))
    if by_tier:
        sources.append(sa.select(users.c.id).where(users.c.tier.is_not(None)))
    if by_tier and min_points is not None:
        sources.append(
            sa.select(ledger.c.user_id).group_by(ledger.c.user_id).having(sa.func.sum(ledger.c.points) >= min_points)
        )
    if not sources:
        return []
    union = sa.union(*sources).subquery()
    # Distinct even from one source (a union of one select is that select: a row per completion).
    page = sa.select(union.c.id).distinct().order_by(union.c.id).limit(limit)
    if after is not None:
        page = page.where(union.c.id > after)
    ids = list((await conn.execute(page)).scalars())
    if not ids:
        return []
    completed: dict[str, dict[str, datetime]] = {}
    if wanted:
        rows = await conn.execute(
            sa.select(t.user_id, t.mission_id, t.last_completed_at).where(t.user_id.in_(ids), t.mission_id.in_(wanted))
        )
        for user_id, mission_id, at in rows:
            completed.setdefault(user_id, {})[mission_id] = at
    explicit: dict[str, str | None] = {}
    points: dict[str, int] = {}
    if by_tier:
        explicit = dict((await conn.execute(sa.select(users.c.id, users.c.tier).where(users.c.id.in_(ids)))).all())
        totals = sa.select(ledger.c.user_id, sa.func.sum(ledger.c.points)).where(ledger.c.user_id.in_(ids))
        points = {u: int(p or 0) for u, p in await conn.execute(totals.group_by(ledger.c.user_id))}
    return [UnlockCandidate(u, completed.get(u, {}), explicit.get(u), points.get(u, 0)) for u in ids]
