"""The hot queries' plans: no sequential scan of the big tables (events, enrolments, ledger, ...).

The repositories' own statements are captured as they run (a cursor hook on the engine) against a
scratch database seeded with enough rows for the planner to prefer an index when one serves, and
each is then `EXPLAIN`ed with its own parameters. A statement that scans a whole big table — a
missing index, a predicate an index cannot serve — fails here before a million users find it.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from db import completions, enrolments, events, ledger, users
from db import leaderboards as boards
from db.engine import create_engine
from db.events import StoredEvent
from domain.journey import EnrolmentStatus, Journey
from domain.rewards import Reward
from tests.db.conftest import scratch_database

#: Tables that grow with users and events: a query on one must use an index.
BIG = {
    "events",
    "enrolments",
    "ledger",
    "ledger_balances",
    "mission_completions",
    "segment_members",
    "users",
    "leaderboard_standings",
}
USERS = 3000
NOW = datetime(2030, 6, 1, 12, tzinfo=UTC)


@pytest.fixture(scope="module")
async def seeded(database_url: str) -> AsyncIterator[AsyncEngine]:
    """A scratch database at head with thousands of users' events, journeys, ledger lines and a
    leaderboard, analyzed."""
    with scratch_database(database_url, f"plans_{uuid.uuid4().hex[:8]}", at="head") as url:
        engine = create_engine(url)
        async with engine.begin() as conn:
            await conn.execute(
                sa.text(
                    "INSERT INTO missions (id, status, revision, name, type, spec)"
                    " SELECT 'm' || i, 'active', 1, 'm' || i, 'generally_available', '{}' FROM generate_series(1, 20) i"
                )
            )
            await conn.execute(
                sa.text(
                    "INSERT INTO users (id, attributes, joined_at)"
                    " SELECT 'u' || i, jsonb_build_object('n', i), now() FROM generate_series(1, :n) i"
                ),
                {"n": USERS},
            )
            await conn.execute(
                sa.text(
                    "INSERT INTO events (id, user_id, type, received_at, routed_at)"
                    " SELECT 'e' || i, 'u' || (i % :n), 'tap', now() - i * interval '1 second', now()"
                    " FROM generate_series(1, :n * 8) i"
                ),
                {"n": USERS},
            )
            await conn.execute(
                sa.text(
                    "INSERT INTO enrolments (mission_id, user_id, workflow_id, status, revision, state, version)"
                    " SELECT 'm' || (1 + i % 20), 'u' || (i % :n), 'w' || i, 'available', 1,"
                    " jsonb_build_object('mission_id', 'm' || (1 + i % 20), 'user_id', 'u' || (i % :n)), 1"
                    " FROM generate_series(1, :n * 4) i ON CONFLICT DO NOTHING"
                ),
                {"n": USERS},
            )
            await conn.execute(
                sa.text(
                    "INSERT INTO mission_completions (user_id, mission_id, completions, first_completed_at,"
                    " last_completed_at) SELECT 'u' || i, 'm' || (1 + i % 20), 1, now(), now()"
                    " FROM generate_series(1, :n) i"
                ),
                {"n": USERS},
            )
            await conn.execute(
                sa.text(
                    "INSERT INTO ledger (user_id, kind, points, idempotency_key, item_id)"
                    " SELECT 'u' || (i % :n), CASE WHEN i % 50 = 0 THEN 'item' ELSE 'points' END,"
                    " CASE WHEN i % 50 = 0 THEN 0 ELSE i % 97 END, 'k' || i,"
                    " CASE WHEN i % 50 = 0 THEN 'badge' END FROM generate_series(1, :n * 6) i"
                ),
                {"n": USERS},
            )
            await conn.execute(
                sa.text(
                    "INSERT INTO segments (id, name, kind)"
                    " SELECT 's' || i, 's' || i, 'static' FROM generate_series(1, 5) i"
                )
            )
            await conn.execute(
                sa.text(
                    "INSERT INTO segment_members (segment_id, user_id)"
                    " SELECT 's' || (1 + i % 5), 'u' || i FROM generate_series(1, :n) i"
                ),
                {"n": USERS},
            )
        async with engine.begin() as conn:
            board = await boards.create(
                conn,
                {
                    "id": "lb1",
                    "name": "points",
                    "kind": "points",
                    "period": "all",
                    "time_zone": "UTC",
                    "week_starts": "monday",
                },
            )
            assert board["id"] == "lb1"
        async with engine.connect() as conn:
            await conn.execution_options(isolation_level="AUTOCOMMIT")
            await conn.execute(sa.text("ANALYZE"))
        yield engine
        await engine.dispose()


def _scans(plan: dict[str, Any]) -> list[str]:
    found = []
    if plan.get("Node Type") == "Seq Scan" and plan.get("Relation Name") in BIG:
        found.append(plan["Relation Name"])
    for child in plan.get("Plans", []):
        found += _scans(child)
    return found


async def _plans_of(engine: AsyncEngine, work: Callable[[AsyncConnection], Awaitable[Any]]) -> dict[str, list[str]]:
    """The big tables each statement `work` runs scans sequentially (statement -> tables)."""
    captured: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "INSERT", "UPDATE", "DELETE", "WITH")):
            captured.append((statement, parameters))

    event.listen(engine.sync_engine, "before_cursor_execute", capture)
    try:
        async with engine.connect() as conn:
            await work(conn)
            await conn.rollback()
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", capture)
    assert captured, "the work ran no statement"
    out: dict[str, list[str]] = {}
    async with engine.connect() as conn:
        for statement, parameters in captured:
            explained = await conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + statement, parameters)
            plan = explained.scalar_one()
            plan = json.loads(plan) if isinstance(plan, str) else plan
            out[statement] = _scans(plan[0]["Plan"])
        await conn.rollback()
    return out


async def _wallet(conn: AsyncConnection) -> None:
    await ledger.wallet(conn, "u17")
    await ledger.grant(conn, key="k-new", user_id="u17", reward=Reward(points=5), mission_id="m1")


async def _profile_reads(conn: AsyncConnection) -> None:
    await users.last_active_at(conn, "u17")
    await users.segment_ids(conn, "u17")
    await completions.completed_by(conn, "u17")
    await users.get_profile(conn, "u17")


async def _journeys(conn: AsyncConnection) -> None:
    await enrolments.for_user(conn, "u17")
    await enrolments.for_user(conn, "u17", ["m1", "m2"])
    await enrolments.for_pairs(conn, [("m1", "u17"), ("m3", "u18")])
    journey = Journey(mission_id="m2", user_id="u17", version=9)
    await enrolments.save(conn, workflow_id="w-new", journey=journey, status=EnrolmentStatus.AVAILABLE)


async def _ingest(conn: AsyncConnection) -> None:
    batch = [StoredEvent(id=f"new-{i}", user_id="u17", type="tap", received_at=NOW, attributes={}) for i in range(3)]
    await events.insert_new(conn, batch)
    await events.get_many(conn, ["e5", "e6"])
    await events.claim_unrouted(conn, older_than=timedelta(seconds=5), limit=100)


async def _standings(conn: AsyncConnection) -> None:
    board = await boards.get(conn, "lb1")
    assert board is not None
    scope = boards.Scope(leaderboard_id="lb1", period="all", segment_id=None, tier=None)
    await boards.top(conn, scope, 100)
    place = await boards.place(conn, scope, "u17")
    assert place is not None
    await boards.window(conn, scope, ("u17", place.score, place.reached_at), 6, 5)


@pytest.mark.parametrize(
    "work", [_wallet, _profile_reads, _journeys, _ingest, _standings], ids=lambda w: w.__name__.strip("_")
)
async def test_hot_queries_use_an_index_on_every_big_table(
    seeded: AsyncEngine, work: Callable[[AsyncConnection], Awaitable[Any]]
) -> None:
    scanned = {statement: tables for statement, tables in (await _plans_of(seeded, work)).items() if tables}
    assert scanned == {}, "sequential scans:\n" + "\n\n".join(f"{t}: {s}" for s, t in scanned.items())
