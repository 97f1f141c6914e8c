"""Reading a window of the event log in the order received, for a mission's backfill."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from db.engine import Conn
from db.events import StoredEvent
from db.tables import events


async def window_page(
    conn: Conn,
    *,
    event_type: str,
    since: datetime,
    until: datetime,
    after: tuple[datetime, str] | None,
    limit: int,
) -> list[StoredEvent]:
    """Logged events of `event_type` received in [since, until), in the order received (`received_at`,
    then id: a total order, so paging by the last one seen skips none and repeats none), after `after`.

    Each id is logged once (the primary key), so the page is deduplicated by event id already.
    """
    stmt = sa.select(*[events.c[name] for name in StoredEvent.model_fields]).where(
        events.c.type == event_type, events.c.received_at >= since, events.c.received_at < until
    )
    if after is not None:
        stmt = stmt.where(
            sa.tuple_(events.c.received_at, events.c.id)
            > sa.tuple_(sa.literal(after[0], events.c.received_at.type), sa.literal(after[1], events.c.id.type))
        )
    stmt = stmt.order_by(events.c.received_at, events.c.id).limit(limit)
    return [StoredEvent.model_validate(dict(row._mapping)) for row in await conn.execute(stmt)]
