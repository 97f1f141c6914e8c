"""Which missions each user has completed, in any cycle: what "completed mission X" reads.

The enrolments read model holds a recurring mission's latest cycle only (its `completions` say
nothing of earlier cycles), so rules read this record instead. It is counted up in the
transaction that records the completion's announcement, once per completion.
"""

from __future__ import annotations

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
