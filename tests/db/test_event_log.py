"""The event log takes batches larger than one statement's 65,535 bind parameters: a segment sweep
that moves tens of thousands of users logs that many `segment_entered` events at once."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from db import events as event_log
from db.events import StoredEvent
from db.tables import event_repeats, events


async def test_a_batch_beyond_the_bind_parameter_limit_is_logged_marked_and_repeated(db_conn: AsyncConnection) -> None:
    run, now = uuid.uuid4().hex[:8], datetime.now(UTC)
    # 9,000 rows x 8 columns = 72,000 parameters: more than one statement may carry.
    batch = [
        StoredEvent(id=f"big-{run}-{n}", user_id=f"u-{run}-{n}", type=f"t-{run}", received_at=now) for n in range(9000)
    ]
    assert await event_log.insert_new(db_conn, batch) == {e.id for e in batch}
    assert await event_log.insert_new(db_conn, batch[:10]) == set()  # known ids are left untouched
    await event_log.mark_routed(db_conn, [e.id for e in batch], now)
    routed = await db_conn.scalar(
        sa.select(sa.func.count())
        .select_from(events)
        .where(events.c.type == f"t-{run}", events.c.routed_at.is_not(None))
    )
    assert routed == len(batch)
    await event_log.record_repeats(db_conn, batch)
    repeats = await db_conn.scalar(
        sa.select(sa.func.count()).select_from(event_repeats).where(event_repeats.c.type == f"t-{run}")
    )
    assert repeats == len(batch)
