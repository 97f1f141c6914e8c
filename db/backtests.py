"""SQL of backtests: the job row, the event log read page by page, and the replayed journeys.

The event log is read by keyset on `(received_at, id)` within one event type
(`ix_events_type_received_at_id`), through the driver's binary cursor: the replay reads a million
rows a run and SQLAlchemy's row processing would cost more than the replay itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncConnection

from db.engine import Conn
from db.tables import backtest_users, backtests, ledger, segment_members, users

#: One event as the replay reads it: (user_id, value, tags, received_at, id).
EventRow = tuple[str, Decimal | None, list[str], datetime, str]


@dataclass(frozen=True)
class BacktestRow:
    """A backtest job as stored."""

    id: str
    mission_id: str
    revision: int
    spec: dict[str, Any]
    window_from: datetime
    window_to: datetime
    segments: list[str]
    status: str
    step: int
    events_total: int
    events_read: int
    events_seen: int
    cursor_at: datetime | None
    cursor_id: str | None
    users_stored: int
    figures: dict[str, Any]
    error: str | None
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None


@dataclass(frozen=True)
class StoredUser:
    """One user's replayed journey (`journey` as JSON) and what the job keeps beside it."""

    journey: dict[str, Any]
    completions: int
    best_fraction: float


@dataclass(frozen=True)
class Audience:
    """What eligibility and the breakdowns read of a user: explicit tier, points, segments."""

    explicit_tier: str | None
    points: int
    segments: frozenset[str]


async def create(
    conn: Conn,
    *,
    backtest_id: str,
    mission_id: str,
    revision: int,
    spec: dict[str, Any],
    window_from: datetime,
    window_to: datetime,
    segments: Sequence[str],
    events_total: int,
) -> BacktestRow:
    """Records a new running backtest of `spec` (that revision's, as JSON)."""
    await conn.execute(
        sa.insert(backtests).values(
            id=backtest_id,
            mission_id=mission_id,
            revision=revision,
            spec=spec,
            window_from=window_from,
            window_to=window_to,
            segments=list(segments),
            events_total=events_total,
        )
    )
    row = await get(conn, backtest_id)
    assert row is not None
    return row


async def get(conn: Conn, backtest_id: str, *, for_update: bool = False) -> BacktestRow | None:
    """The backtest with this id, or None."""
    query = sa.select(backtests).where(backtests.c.id == backtest_id)
    if for_update:
        query = query.with_for_update()
    row = (await conn.execute(query)).mappings().first()
    return BacktestRow(**dict(row)) if row is not None else None


def _users_in(segments: Sequence[str]) -> str:
    return (
        " AND user_id IN (SELECT user_id FROM segment_members WHERE segment_id = ANY(%(segments)s))" if segments else ""
    )


async def count_events(
    conn: Conn, event_type: str, window_from: datetime, window_to: datetime, segments: Sequence[str]
) -> int:
    """How many events of `event_type` were received in [from, to) (of the segments' members)."""
    query = sa.text(
        "SELECT count(*) FROM events WHERE type = :type AND received_at >= :from_ AND received_at < :to"
        + (
            " AND user_id IN (SELECT user_id FROM segment_members WHERE segment_id = ANY(:segments))"
            if segments
            else ""
        )
    )
    params: dict[str, Any] = {"type": event_type, "from_": window_from, "to": window_to}
    if segments:
        params["segments"] = list(segments)
    return int((await conn.execute(query, params)).scalar_one())


async def events_page(
    conn: AsyncConnection,
    *,
    event_type: str,
    window_from: datetime,
    window_to: datetime,
    segments: Sequence[str],
    after: tuple[datetime, str] | None,
    limit: int,
    with_value: bool = True,
    with_tags: bool = True,
) -> list[EventRow]:
    """The next `limit` events of `event_type` in [from, to) after `after`, oldest first (without
    `with_value`, every value reads None; without `with_tags`, every event has no tags)."""
    params: dict[str, Any] = {"type": event_type, "to": window_to, "limit": limit, "segments": list(segments)}
    if after is None:
        where = "received_at >= %(from_)s"
        params["from_"] = window_from
    else:
        where = "(received_at, id) > (%(at)s, %(id)s)"
        params["at"], params["id"] = after
    # Columns the goal does not read come back as constants (no numeric or array to decode).
    columns = f"user_id, {'value' if with_value else 'NULL::numeric'}, {'tags' if with_tags else '%(no_tags)s'}"
    params["no_tags"] = []
    sql = (
        f"SELECT {columns}, received_at, id FROM events"
        f" WHERE type = %(type)s AND {where} AND received_at < %(to)s{_users_in(segments)}"
        " ORDER BY received_at, id LIMIT %(limit)s"
    )
    raw = await conn.get_raw_connection()
    driver: Any = raw.driver_connection
    async with driver.cursor(binary=True) as cur:
        await cur.execute(sql, params)
        rows: list[EventRow] = await cur.fetchall()
    return rows


async def load_users(conn: Conn, backtest_id: str, user_ids: Sequence[str]) -> dict[str, StoredUser]:
    """The stored journeys of those of `user_ids` the backtest has met before."""
    if not user_ids:
        return {}
    rows = await conn.execute(
        sa.select(
            backtest_users.c.user_id,
            backtest_users.c.journey,
            backtest_users.c.completions,
            backtest_users.c.best_fraction,
        ).where(backtest_users.c.backtest_id == backtest_id, backtest_users.c.user_id == sa.any_(_text_array(user_ids)))
    )
    return {r.user_id: StoredUser(r.journey, r.completions, r.best_fraction) for r in rows}


async def save_step(
    conn: AsyncConnection,
    backtest_id: str,
    *,
    step: int,
    users_rows: Iterable[tuple[str, str, int, float]],
    new_users: int,
    events_read: int,
    cursor: tuple[datetime, str] | None,
    figures: dict[str, Any],
    only_new: bool = False,
) -> bool:
    """Commits one step (in the caller's transaction): the journeys it changed (user_id, journey
    JSON, completions, best fraction; `only_new`: none is stored yet), the cursor, the counters and
    the running figures. False when step `step` was committed already (a retried step changes
    nothing)."""
    moved = await conn.execute(
        sa.update(backtests)
        .where(backtests.c.id == backtest_id, backtests.c.step == step, backtests.c.status == "running")
        .values(
            step=step + 1,
            events_read=events_read,
            events_seen=events_read,
            cursor_at=cursor[0] if cursor else backtests.c.cursor_at,
            cursor_id=cursor[1] if cursor else backtests.c.cursor_id,
            users_stored=backtests.c.users_stored + new_users,
            figures=figures,
            updated_at=sa.func.now(),
        )
    )
    if moved.rowcount != 1:
        return False
    raw = await conn.get_raw_connection()
    driver: Any = raw.driver_connection
    columns = "(user_id, journey, completions, best_fraction)"
    async with driver.cursor() as cur:
        if only_new:
            # Nothing of this backtest is stored yet: straight in.
            async with cur.copy(f"COPY backtest_users (backtest_id, {columns[1:]} FROM STDIN") as cp:
                for row in users_rows:
                    await cp.write_row((backtest_id, *row))
            return True
        await cur.execute(
            "CREATE TEMP TABLE IF NOT EXISTS backtest_users_in"
            " (user_id text, journey jsonb, completions int, best_fraction float8) ON COMMIT DELETE ROWS"
        )
        async with cur.copy(f"COPY backtest_users_in {columns} FROM STDIN") as cp:
            for row in users_rows:
                await cp.write_row(row)
        await cur.execute(
            f"INSERT INTO backtest_users (backtest_id, {columns[1:]}"
            f" SELECT %(id)s, {columns[1:-1]} FROM backtest_users_in"
            " ON CONFLICT (backtest_id, user_id) DO UPDATE SET journey = excluded.journey,"
            " completions = excluded.completions, best_fraction = excluded.best_fraction",
            {"id": backtest_id},
        )
    return True


async def seen(conn: Conn, backtest_id: str, *, step: int, events_seen: int, events_total: int) -> None:
    """Records how far the running step has read, of how many (progress only: in a short
    transaction of its own)."""
    await conn.execute(
        sa.update(backtests)
        .where(backtests.c.id == backtest_id, backtests.c.step == step, backtests.c.status == "running")
        .values(events_seen=events_seen, events_total=events_total)
    )


async def set_total(conn: Conn, backtest_id: str, total: int) -> None:
    """Sets the estimate of the events the backtest will read."""
    await conn.execute(sa.update(backtests).where(backtests.c.id == backtest_id).values(events_total=total))


async def finish(
    conn: Conn, backtest_id: str, *, status: str, figures: dict[str, Any] | None, error: str | None
) -> bool:
    """Marks a running backtest completed (with its final figures) or failed; False when it was not running."""
    values: dict[str, Any] = {
        "status": status,
        "error": error,
        "finished_at": sa.func.now(),
        "updated_at": sa.func.now(),
    }
    if figures is not None:
        values["figures"] = figures
    moved = await conn.execute(
        sa.update(backtests)
        .where(backtests.c.id == backtest_id, backtests.c.status == "running")
        .values(**values)
        .returning(backtests.c.id)
    )
    return moved.first() is not None


async def drop_users(conn: Conn, backtest_id: str) -> None:
    """Deletes a finished backtest's replayed journeys (its figures keep what they showed)."""
    await conn.execute(sa.delete(backtest_users).where(backtest_users.c.backtest_id == backtest_id))


async def spread(conn: Conn, backtest_id: str, buckets: int) -> tuple[int, list[int]]:
    """Eligible users met who never completed: how many, and how many reached each of `buckets`
    equal slices of the goal (by their best fraction; [0, 1/buckets), ...)."""
    rows = await conn.execute(
        sa.text(
            "SELECT least(floor(best_fraction * :n)::int, :n - 1) AS b, count(*) FROM backtest_users"
            " WHERE backtest_id = :id AND completions = 0 AND journey->>'ineligible_since' IS NULL GROUP BY b"
        ),
        {"id": backtest_id, "n": buckets},
    )
    counts = [0] * buckets
    for b, n in rows:
        counts[max(0, int(b))] += int(n)
    return sum(counts), counts


async def completers(conn: Conn, backtest_id: str, *, after: str, limit: int) -> list[str]:
    """The next `limit` users (by id, after `after`) who would have completed at least once."""
    rows = await conn.execute(
        sa.select(backtest_users.c.user_id)
        .where(
            backtest_users.c.backtest_id == backtest_id,
            backtest_users.c.completions > 0,
            backtest_users.c.user_id > after,
        )
        .order_by(backtest_users.c.user_id)
        .limit(limit)
    )
    return list(rows.scalars())


async def audiences(conn: Conn, user_ids: Sequence[str]) -> dict[str, Audience]:
    """Explicit tier, points balance and segment memberships of each of `user_ids` (one query each)."""
    ids = list(user_ids)
    if not ids:
        return {}
    tiers = dict(
        (r.id, r.tier)
        for r in await conn.execute(sa.select(users.c.id, users.c.tier).where(users.c.id == sa.any_(_text_array(ids))))
    )
    points = dict(
        (r.user_id, int(r.total))
        for r in await conn.execute(
            sa.select(ledger.c.user_id, sa.func.sum(ledger.c.points).label("total"))
            .where(ledger.c.user_id == sa.any_(_text_array(ids)))
            .group_by(ledger.c.user_id)
        )
    )
    members: dict[str, set[str]] = {}
    for r in await conn.execute(
        sa.select(segment_members.c.user_id, segment_members.c.segment_id).where(
            segment_members.c.user_id == sa.any_(_text_array(ids))
        )
    ):
        members.setdefault(r.user_id, set()).add(r.segment_id)
    return {
        u: Audience(explicit_tier=tiers.get(u), points=points.get(u, 0), segments=frozenset(members.get(u, ())))
        for u in ids
    }


def _text_array(values: Sequence[str]) -> sa.BindParameter[Any]:
    """One array parameter (not one parameter per value, as `in_` would bind)."""
    text_array: Any = ARRAY(sa.Text)
    return sa.bindparam(None, list(values), type_=text_array)
