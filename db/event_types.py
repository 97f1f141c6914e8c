"""The event type catalogue: how often each type was ingested and when last (kept on ingest)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from pydantic import BaseModel
from sqlalchemy.dialects.postgresql import insert

from db.engine import Conn
from db.tables import event_type_counts


class TypeCount(BaseModel):
    """One event type's count and last sighting."""

    type: str
    count: int
    last_seen: datetime


async def add(conn: Conn, seen: Sequence[tuple[str, int, datetime]]) -> None:
    """Adds (type, how many, latest) to the counts: one upsert, in type order (no deadlock)."""
    if not seen:
        return
    stmt = insert(event_type_counts).values([{"type": t, "count": n, "last_seen": at} for t, n, at in sorted(seen)])
    await conn.execute(
        stmt.on_conflict_do_update(
            index_elements=[event_type_counts.c.type],
            set_={
                "count": event_type_counts.c.count + stmt.excluded.count,
                "last_seen": sa.func.greatest(event_type_counts.c.last_seen, stmt.excluded.last_seen),
            },
        )
    )


async def all_counts(conn: Conn, *, limit: int = 1000) -> list[TypeCount]:
    """The most frequent types first."""
    rows = await conn.execute(
        sa.select(event_type_counts.c.type, event_type_counts.c.count, event_type_counts.c.last_seen)
        .order_by(event_type_counts.c.count.desc(), event_type_counts.c.type)
        .limit(limit)
    )
    return [TypeCount.model_validate(dict(r._mapping)) for r in rows]
