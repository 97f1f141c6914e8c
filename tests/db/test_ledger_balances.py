"""`ledger_balances`: the running sum the ledger's trigger keeps always equals the ledger's sum.

Every way a ledger row is written goes through the trigger (grants of points and direct rewards,
items, purchases paid in points, compensating entries), including concurrent grants to the same
user from separate transactions; the check is against `SUM(points)` over the ledger itself.
"""

from __future__ import annotations

import asyncio
import uuid

import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from db import ledger as repo
from db.tables import ledger, ledger_balances
from domain.rewards import Reward


async def _mismatches(conn: AsyncConnection, users: list[str]) -> list[tuple[str, int, int]]:
    summed = (
        sa.select(ledger.c.user_id, sa.func.sum(ledger.c.points).label("n"), sa.func.count().label("lines"))
        .where(ledger.c.user_id.in_(users))
        .group_by(ledger.c.user_id)
        .subquery()
    )
    q = (
        sa.select(summed.c.user_id, summed.c.n, ledger_balances.c.points)
        .outerjoin(ledger_balances, ledger_balances.c.user_id == summed.c.user_id)
        .where(
            sa.or_(
                ledger_balances.c.points.is_(None),
                ledger_balances.c.points != summed.c.n,
                ledger_balances.c.lines != summed.c.lines,
            )
        )
    )
    return [(u, int(n), b) for u, n, b in await conn.execute(q)]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 2), st.integers(-500, 500)), min_size=1, max_size=12))
async def test_the_running_sum_is_the_ledgers_sum_after_any_rows(
    db_conn: AsyncConnection, rows: list[tuple[int, int]]
) -> None:
    users = [f"bal-{uuid.uuid4().hex[:8]}-{i}" for i in range(3)]
    async with db_conn.begin_nested() as savepoint:
        for who, points in rows:
            if points >= 0:
                reward = Reward(points=points) if points else Reward(direct="a thank-you")  # 0 points
                await repo.grant(db_conn, key=uuid.uuid4().hex, user_id=users[who], reward=reward, mission_id=None)
            else:  # a purchase or a compensating entry: a negative row written directly
                await db_conn.execute(
                    sa.insert(ledger).values(
                        user_id=users[who], kind="points", points=points, idempotency_key=uuid.uuid4().hex
                    )
                )
        assert await _mismatches(db_conn, users) == []
        for user in users:
            assert await repo.balance(db_conn, user) == await repo.summed(db_conn, user)
        await savepoint.rollback()


async def test_concurrent_grants_to_one_user_add_up(db_engine: AsyncEngine) -> None:
    user = f"bal-{uuid.uuid4().hex[:8]}"

    async def grant(points: int) -> None:
        async with db_engine.begin() as conn:
            await repo.grant(conn, key=uuid.uuid4().hex, user_id=user, reward=Reward(points=points), mission_id=None)

    await asyncio.gather(*(grant(p) for p in range(1, 21)))
    async with db_engine.connect() as conn:
        assert await repo.balance(conn, user) == await repo.summed(conn, user) == sum(range(1, 21))
        assert await _mismatches(conn, [user]) == []
        assert await repo.balance(conn, "bal-nobody") == 0
