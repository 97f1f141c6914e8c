"""The event log: every accepted event once (its id is the idempotency key), and the outbox."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.dialects.postgresql import insert

from db.engine import Conn
from db.tables import events


class StoredEvent(BaseModel):
    """An event as logged, with the server time it was received at."""

    model_config = ConfigDict(frozen=True)

    id: str
    user_id: str
    type: str
    value: Decimal | None = None
    tags: list[str] = Field(default_factory=list)
    occurred_at: datetime | None = None
    received_at: datetime
    attributes: dict[str, Any] = Field(default_factory=dict)


async def insert_new(conn: Conn, batch: Sequence[StoredEvent]) -> set[str]:
    """Logs the events whose ids are new and returns those ids; known ids are left untouched."""
    if not batch:
        return set()
    stmt = (
        insert(events)
        .values([e.model_dump() for e in batch])
        .on_conflict_do_nothing(index_elements=[events.c.id])
        .returning(events.c.id)
    )
    return set((await conn.execute(stmt)).scalars())


async def mark_routed(conn: Conn, ids: Sequence[str], at: datetime) -> None:
    """Records that these events reached every journey they can change."""
    if ids:
        await conn.execute(sa.update(events).where(events.c.id.in_(list(ids))).values(routed_at=at))


async def claim_unrouted(conn: Conn, *, older_than: timedelta, limit: int) -> list[StoredEvent]:
    """Events accepted but never marked routed (their router died), locked for this caller.

    `SKIP LOCKED` lets several relays (API processes, workers) share the backlog without
    delivering one event twice at the same time; redelivery after a crash is harmless because
    journeys drop event ids they have seen.
    """
    stmt = (
        sa.select(*[events.c[name] for name in StoredEvent.model_fields])
        .where(events.c.routed_at.is_(None), events.c.received_at < sa.func.now() - older_than)
        .order_by(events.c.received_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return [StoredEvent.model_validate(dict(row._mapping)) for row in await conn.execute(stmt)]


async def get(conn: Conn, event_id: str) -> StoredEvent | None:
    """One logged event, or None."""
    row = (
        await conn.execute(sa.select(*[events.c[n] for n in StoredEvent.model_fields]).where(events.c.id == event_id))
    ).first()
    return StoredEvent.model_validate(dict(row._mapping)) if row else None
