"""The partitioned event log (migration 0025): dedupe across months, months made on demand and
ahead of time, and the retention that drops whole past months with the ids they held.

On a scratch database of its own (months are dropped here), migrated to head.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from db import events as event_log
from db.engine import create_engine
from db.events import StoredEvent
from db.tables import event_ids, events
from services.event_log_maintenance import EventLogMaintenance, months_ahead
from tests.db.conftest import scratch_database


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    with scratch_database(database_url, f"partitions_{uuid.uuid4().hex[:8]}", at="head") as url:
        engine = create_engine(url)
        yield engine
        await engine.dispose()


def event(id_: str, at: datetime, user: str = "u1") -> StoredEvent:
    return StoredEvent(id=id_, user_id=user, type="tap", received_at=at)


async def test_an_id_is_a_duplicate_whichever_month_logged_it(engine: AsyncEngine) -> None:
    january, march = datetime(2001, 1, 15, tzinfo=UTC), datetime(2001, 3, 2, tzinfo=UTC)
    async with engine.begin() as conn:
        assert await event_log.insert_new(conn, [event("e1", january), event("e2", january)]) == {"e1", "e2"}
    async with engine.begin() as conn:
        # A retry of e1 two months later (another partition) is the same event; e3 is new.
        assert await event_log.insert_new(conn, [event("e1", march), event("e3", march)]) == {"e3"}
        assert await event_log.insert_new(conn, [event("e3", march)]) == set()
    async with engine.connect() as conn:
        rows = (await conn.execute(sa.select(events.c.id, events.c.received_at).order_by(events.c.id))).all()
        assert [(r.id, r.received_at) for r in rows] == [("e1", january), ("e2", january), ("e3", march)]
        assert {"events_p200101", "events_p200103"} <= set(await event_log.partitions(conn))
        assert (await event_log.get(conn, "e1")) == event("e1", january)


async def test_maintenance_makes_the_coming_months_and_drops_those_past_the_retention(engine: AsyncEngine) -> None:
    now = datetime(2001, 6, 10, 12, tzinfo=UTC)
    old, kept = datetime(2001, 2, 20, tzinfo=UTC), datetime(2001, 4, 20, tzinfo=UTC)
    straddling = datetime(2001, 4, 2, tzinfo=UTC)  # before the cutoff, in the month it falls in
    async with engine.begin() as conn:
        await event_log.insert_new(conn, [event("old", old), event("kept", kept), event("early", straddling)])
    # 60 days before June 10 is April 11: February and March ended before it, April did not.
    dropped = await EventLogMaintenance(engine, timedelta(days=60)).once(now)
    assert dropped == ["events_p200102"]
    async with engine.connect() as conn:
        months = await event_log.partitions(conn)
        assert "events_p200102" not in months
        assert {"events_p200104", "events_p200106", "events_p200107", "events_p200108"} <= set(months)
        assert set((await conn.execute(sa.select(events.c.id))).scalars()) == {"kept", "early"}
        assert set((await conn.execute(sa.select(event_ids.c.id))).scalars()) == {"kept", "early"}
    async with engine.begin() as conn:
        # The dropped month's id is forgotten: sent again, it is a new event; those still in the
        # log (April's, even one received before the cutoff) stay duplicates.
        sent = [event("old", now), event("kept", now), event("early", now)]
        assert await event_log.insert_new(conn, sent) == {"old"}


async def test_without_a_retention_nothing_is_dropped(engine: AsyncEngine) -> None:
    async with engine.begin() as conn:
        await event_log.insert_new(conn, [event("ancient", datetime(1999, 12, 31, tzinfo=UTC))])
    assert await EventLogMaintenance(engine, None).once(datetime(2001, 1, 1, tzinfo=UTC)) == []
    async with engine.connect() as conn:
        assert "events_p199912" in await event_log.partitions(conn)
        assert await event_log.get(conn, "ancient") is not None


def test_months_ahead_cross_the_year() -> None:
    assert months_ahead(datetime(2030, 11, 30, 23, tzinfo=UTC)) == [
        datetime(2030, 11, 1, tzinfo=UTC),
        datetime(2030, 12, 1, tzinfo=UTC),
        datetime(2031, 1, 1, tzinfo=UTC),
    ]


async def test_a_month_made_in_one_database_is_made_again_in_another(database_url: str, engine: AsyncEngine) -> None:
    # One process can write to several databases (a test process meets many scratch ones): what it
    # remembers of made months is per database.
    july = datetime(2002, 7, 4, tzinfo=UTC)
    async with engine.begin() as conn:
        assert await event_log.insert_new(conn, [event("here", july)]) == {"here"}
    async with engine.begin() as conn:  # the month is known to exist in this database now
        assert await event_log.insert_new(conn, [event("again", july)]) == {"again"}
    with scratch_database(database_url, f"partitions_{uuid.uuid4().hex[:8]}", at="head") as url:
        other = create_engine(url)
        try:
            async with other.begin() as conn:
                assert await event_log.insert_new(conn, [event("there", july)]) == {"there"}
                assert "events_p200207" in await event_log.partitions(conn)
        finally:
            await other.dispose()
