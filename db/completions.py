"""Which missions each user has completed, in any cycle: what "completed mission X" reads.

The enrolments read model holds a recurring mission's latest cycle only (its `completions` say
nothing of earlier cycles), so rules read this record instead. It is counted up in the
transaction that records the completion's announcement, once per completion.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from db.engine import Conn
from db.tables import mission_completions


async def record(conn: Conn, *, mission_id: str, user_id: str, at: datetime) -> None:
    """Counts one completion; call it once per completion (with its newly recorded announcement)."""
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


async def completed_any(
    conn: Conn, mission_ids: Sequence[str], *, limit: int, after: str | None = None
) -> list[tuple[str, dict[str, datetime]]]:
    """One page, by user id after `after`, of the users who completed any of `mission_ids` (in any
    cycle), each with the last completion time of each of them they completed."""
    wanted = sorted(set(mission_ids))
    if not wanted:
        return []
    t = mission_completions.c
    query = (
        sa.select(t.user_id, sa.func.array_agg(t.mission_id), sa.func.array_agg(t.last_completed_at))
        .where(t.mission_id.in_(wanted))
        .group_by(t.user_id)
        .order_by(t.user_id)
        .limit(limit)
    )
    if after is not None:
        query = query.where(t.user_id > after)
    return [(user_id, dict(zip(missions, times, strict=True))) for user_id, missions, times in await conn.execute(query)]
