"""Constraints and defaults of the tables other repositories write (ledger, events, ...)."""

from __future__ import annotations

import psycopg
import pytest
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from db.tables import events, ledger, submissions


async def test_ledger_idempotency_key_is_unique(db_conn: AsyncConnection) -> None:
    grant = {"user_id": "u1", "kind": "points", "points": 20, "idempotency_key": "grant:m1:u1:1"}
    await db_conn.execute(sa.insert(ledger).values(**grant))
    with pytest.raises(sa.exc.IntegrityError) as caught:
        async with db_conn.begin_nested():
            await db_conn.execute(sa.insert(ledger).values(**grant))
    assert isinstance(caught.value.orig, psycopg.errors.UniqueViolation)

    # How a retried grant records itself once: ON CONFLICT DO NOTHING returns no row.
    again = await db_conn.execute(
        insert(ledger).values(**grant).on_conflict_do_nothing(index_elements=["idempotency_key"]).returning(ledger.c.id)
    )
    assert again.first() is None
    count = await db_conn.execute(
        sa.select(sa.func.count()).select_from(ledger).where(ledger.c.idempotency_key == grant["idempotency_key"])
    )
    assert count.scalar_one() == 1


async def test_check_constraints(db_conn: AsyncConnection) -> None:
    with pytest.raises(sa.exc.IntegrityError) as caught:
        async with db_conn.begin_nested():
            await db_conn.execute(sa.insert(ledger).values(user_id="u1", kind="cash", idempotency_key="k-cash"))
    assert isinstance(caught.value.orig, psycopg.errors.CheckViolation)


async def test_event_defaults(db_conn: AsyncConnection) -> None:
    row = (
        await db_conn.execute(sa.insert(events).values(id="evt-1", user_id="u1", type="deposit").returning(events))
    ).one()
    assert (row.tags, row.attributes, row.value, row.routed_at) == ([], {}, None, None)
    assert row.received_at is not None


async def test_submissions_need_an_existing_mission(db_conn: AsyncConnection) -> None:
    with pytest.raises(sa.exc.IntegrityError) as caught:
        async with db_conn.begin_nested():
            await db_conn.execute(
                sa.insert(submissions).values(id="sub-1", mission_id="mis_missing", user_id="u1", proof={})
            )
    assert isinstance(caught.value.orig, psycopg.errors.ForeignKeyViolation)
