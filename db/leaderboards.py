"""Leaderboards' SQL: definitions, standings and the reads that rank them.

Standings (`leaderboard_standings`, one row per leaderboard, period and user) and the count of users
per score (`leaderboard_score_counts`) are written only by the triggers of migration 0017, in the
transaction of each ledger row (points) or counted completion (`completion_records`), so every path
that writes points moves them; `create` fills them from the ledger once, under a lock that keeps
concurrent grants out until the definition is committed. `derived` recomputes them from the
ledger: they must always agree.

A rank is 1 + the users with a higher score (a sum over `leaderboard_score_counts`, a few rows
per distinct score) + the users with the same score reached earlier (a range of the index
`(leaderboard_id, period, score DESC, reached_at, user_id)`). A leaderboard limited to a segment or
tier counts over the same index, filtered by who is eligible now.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from db.engine import Conn
from db.tables import (
    completion_records,
    leaderboard_score_counts,
    leaderboard_standings,
    leaderboards,
    ledger,
    segment_members,
    users,
)

S = leaderboard_standings.c
C = leaderboard_score_counts.c

Row = tuple[str, int, datetime]


@dataclass(frozen=True)
class TierBounds:
    """Who holds a tier now: set explicitly, or (without an explicit tier) a balance in [low, high)."""

    name: str
    low: int | None
    high: int | None


@dataclass(frozen=True)
class Scope:
    """One leaderboard period, and who may appear in it."""

    leaderboard_id: str
    period: str
    segment_id: str | None = None
    tier: TierBounds | None = None

    @property
    def filtered(self) -> bool:
        return self.segment_id is not None or self.tier is not None


def _eligible(scope: Scope) -> list[sa.ColumnElement[bool]]:
    conds: list[sa.ColumnElement[bool]] = []
    if scope.segment_id is not None:
        conds.append(
            sa.exists().where(segment_members.c.segment_id == scope.segment_id, segment_members.c.user_id == S.user_id)
        )
    if scope.tier is not None:
        explicit = sa.select(users.c.tier).where(users.c.id == S.user_id).scalar_subquery()
        if scope.tier.low is None:
            conds.append(explicit == scope.tier.name)
        else:
            balance = (
                sa.select(sa.func.coalesce(sa.func.sum(ledger.c.points), 0))
                .where(ledger.c.user_id == S.user_id)
                .scalar_subquery()
            )
            reached = [balance >= scope.tier.low] + ([balance < scope.tier.high] if scope.tier.high is not None else [])
            conds.append(sa.or_(explicit == scope.tier.name, sa.and_(explicit.is_(None), *reached)))
    return conds


def _in(scope: Scope) -> list[sa.ColumnElement[bool]]:
    return [S.leaderboard_id == scope.leaderboard_id, S.period == scope.period, *_eligible(scope)]


# --- definitions ----------------------------------------------------------------------------------


async def create(conn: Conn, values: dict[str, Any]) -> dict[str, Any]:
    """Stores a definition and fills its standings from what was already written.

    Grants wait on the lock until this transaction commits, so none is counted twice or missed."""
    source = "ledger" if values["kind"] == "points" else "completion_records"
    await conn.execute(sa.text(f"LOCK TABLE {source} IN SHARE MODE"))
    row = (await conn.execute(sa.insert(leaderboards).values(**values).returning(*leaderboards.c))).one()
    params = {"id": values["id"], "p": values["period"], "tz": values["time_zone"], "ws": values["week_starts"]}
    if values["kind"] == "points":
        fill = """
            INSERT INTO leaderboard_standings (leaderboard_id, period, user_id, score, reached_at)
            SELECT :id, leaderboard_period(:p, :tz, :ws, created_at) AS per, user_id, sum(points), max(created_at)
            FROM ledger WHERE points <> 0 GROUP BY per, user_id"""
    else:
        fill = """
            INSERT INTO leaderboard_standings (leaderboard_id, period, user_id, score, reached_at)
            SELECT :id, leaderboard_period(:p, :tz, :ws, completed_at) AS per, user_id, count(*), max(completed_at)
            FROM completion_records WHERE mission_id = :mission GROUP BY per, user_id"""
        params["mission"] = values["mission_id"]
    await conn.execute(sa.text(fill), params)
    await conn.execute(
        sa.text(
            "INSERT INTO leaderboard_score_counts (leaderboard_id, period, score, users)"
            " SELECT leaderboard_id, period, score, count(*) FROM leaderboard_standings"
            " WHERE leaderboard_id = :id GROUP BY leaderboard_id, period, score"
        ),
        {"id": values["id"]},
    )
    return dict(row._mapping)


async def get(conn: Conn, leaderboard_id: str) -> dict[str, Any] | None:
    """A definition, or None."""
    row = (await conn.execute(sa.select(leaderboards).where(leaderboards.c.id == leaderboard_id))).first()
    return dict(row._mapping) if row else None


async def list_all(conn: Conn, *, status: str | None) -> list[dict[str, Any]]:
    """Every definition (of one status), newest first."""
    q = sa.select(leaderboards).order_by(leaderboards.c.created_at.desc(), leaderboards.c.id)
    if status is not None:
        q = q.where(leaderboards.c.status == status)
    return [dict(r._mapping) for r in await conn.execute(q)]


async def archive(conn: Conn, leaderboard_id: str) -> dict[str, Any] | None:
    """Stops counting (standings are kept, final); None when unknown."""
    row = (
        await conn.execute(
            sa.update(leaderboards)
            .where(leaderboards.c.id == leaderboard_id)
            .values(status="archived", archived_at=sa.func.coalesce(leaderboards.c.archived_at, sa.func.now()))
            .returning(*leaderboards.c)
        )
    ).first()
    return dict(row._mapping) if row else None


async def delete(conn: Conn, leaderboard_id: str) -> bool:
    """Deletes a definition and every standing of it."""
    done = await conn.execute(
        sa.delete(leaderboards).where(leaderboards.c.id == leaderboard_id).returning(leaderboards.c.id)
    )
    return done.first() is not None


async def period_at(conn: Conn, board: dict[str, Any], at: datetime | None = None) -> str:
    """The key of the period `at` (default: the transaction's now) falls in, by the SQL rule."""
    when: Any = at if at is not None else sa.func.now()
    fn = sa.func.leaderboard_period(board["period"], board["time_zone"], board["week_starts"], when)
    return str((await conn.execute(sa.select(fn))).scalar_one())


async def periods(conn: Conn, leaderboard_id: str, *, limit: int) -> list[tuple[str, int]]:
    """Periods with standings, newest first, with how many users hold a score in each."""
    q = (
        sa.select(C.period, sa.func.sum(C.users))
        .where(C.leaderboard_id == leaderboard_id)
        .group_by(C.period)
        .having(sa.func.sum(C.users) > 0)
        .order_by(C.period.desc())
        .limit(limit)
    )
    return [(p, int(n)) for p, n in await conn.execute(q)]


# --- standings ------------------------------------------------------------------------------------


async def standing(conn: Conn, scope: Scope, user_id: str) -> tuple[int, datetime] | None:
    """The user's score and when they reached it in the period, or None (not ranked, not eligible)."""
    row = (await conn.execute(sa.select(S.score, S.reached_at).where(*_in(scope), S.user_id == user_id))).first()
    return (int(row.score), row.reached_at) if row else None


async def rank_of(conn: Conn, scope: Scope, score: int, reached_at: datetime) -> int:
    """1 + the users ranked strictly above a score reached at `reached_at`."""
    same = sa.select(sa.func.count()).where(*_in(scope), S.score == score, S.reached_at < reached_at)
    if scope.filtered:
        higher = sa.select(sa.func.count()).where(*_in(scope), S.score > score)
    else:
        higher = sa.select(sa.func.coalesce(sa.func.sum(C.users), 0)).where(
            C.leaderboard_id == scope.leaderboard_id, C.period == scope.period, C.score > score
        )
    q = sa.select(higher.scalar_subquery() + same.scalar_subquery())
    return 1 + int((await conn.execute(q)).scalar_one())


async def tied_before(conn: Conn, scope: Scope, at: Row) -> int:
    """Users sharing `at`'s rank (same score, same instant) listed before it (by user id)."""
    user_id, score, reached_at = at
    q = sa.select(sa.func.count()).where(*_in(scope), S.score == score, S.reached_at == reached_at, S.user_id < user_id)
    return int((await conn.execute(q)).scalar_one())


async def total(conn: Conn, scope: Scope) -> int:
    """How many users hold a score in the period."""
    if scope.filtered:
        q = sa.select(sa.func.count()).where(*_in(scope))
    else:
        q = sa.select(sa.func.coalesce(sa.func.sum(C.users), 0)).where(
            C.leaderboard_id == scope.leaderboard_id, C.period == scope.period
        )
    return int((await conn.execute(q)).scalar_one())


def _rows(result: Any) -> list[Row]:
    return [(r.user_id, int(r.score), r.reached_at) for r in result]


async def top(conn: Conn, scope: Scope, limit: int) -> list[Row]:
    """The first `limit` standings in ranking order."""
    q = (
        sa.select(S.user_id, S.score, S.reached_at)
        .where(*_in(scope))
        .order_by(S.score.desc(), S.reached_at, S.user_id)
        .limit(limit)
    )
    return _rows(await conn.execute(q))


async def above(conn: Conn, scope: Scope, at: Row, limit: int) -> list[Row]:
    """Up to `limit` standings just before `at`, in ranking order (two index ranges: the same score
    reached earlier, then higher scores)."""
    user_id, score, reached_at = at
    cols = (S.user_id, S.score, S.reached_at)
    same = await conn.execute(
        sa.select(*cols)
        .where(*_in(scope), S.score == score, sa.tuple_(S.reached_at, S.user_id) < sa.tuple_(reached_at, user_id))
        .order_by(S.reached_at.desc(), S.user_id.desc())
        .limit(limit)
    )
    rows = _rows(same)
    if len(rows) < limit:
        higher = await conn.execute(
            sa.select(*cols)
            .where(*_in(scope), S.score > score)
            .order_by(S.score, S.reached_at.desc(), S.user_id.desc())
            .limit(limit - len(rows))
        )
        rows += _rows(higher)
    return rows[::-1]


async def below(conn: Conn, scope: Scope, at: Row, limit: int) -> list[Row]:
    """Up to `limit` standings just after `at`, in ranking order."""
    user_id, score, reached_at = at
    cols = (S.user_id, S.score, S.reached_at)
    same = await conn.execute(
        sa.select(*cols)
        .where(*_in(scope), S.score == score, sa.tuple_(S.reached_at, S.user_id) > sa.tuple_(reached_at, user_id))
        .order_by(S.reached_at, S.user_id)
        .limit(limit)
    )
    rows = _rows(same)
    if len(rows) < limit:
        lower = await conn.execute(
            sa.select(*cols)
            .where(*_in(scope), S.score < score)
            .order_by(S.score.desc(), S.reached_at, S.user_id)
            .limit(limit - len(rows))
        )
        rows += _rows(lower)
    return rows


async def display_names(conn: Conn, user_ids: list[str]) -> dict[str, str]:
    """The `display_name` attribute of those users' profiles that have one (a string)."""
    if not user_ids:
        return {}
    name = users.c.attributes["display_name"]
    q = sa.select(users.c.id, name.astext).where(users.c.id.in_(user_ids), sa.func.jsonb_typeof(name) == "string")
    return {uid: str(n) for uid, n in await conn.execute(q) if n and n.strip()}


# --- agreement with the ledger --------------------------------------------------------------------


async def derived(conn: Conn, board: dict[str, Any]) -> dict[tuple[str, str], tuple[int, datetime]]:
    """Every (period, user)'s score and reached_at recomputed from the ledger (or completions)."""
    if board["kind"] == "points":
        src = sa.select(ledger.c.user_id, ledger.c.points.label("n"), ledger.c.created_at.label("at")).where(
            ledger.c.points != 0
        )
    else:
        src = sa.select(
            completion_records.c.user_id, sa.literal(1).label("n"), completion_records.c.completed_at.label("at")
        ).where(completion_records.c.mission_id == board["mission_id"])
    sub = src.subquery()
    per = sa.func.leaderboard_period(board["period"], board["time_zone"], board["week_starts"], sub.c.at)
    q = sa.select(per.label("per"), sub.c.user_id, sa.func.sum(sub.c.n), sa.func.max(sub.c.at)).group_by(
        sa.text("1"), sub.c.user_id
    )
    return {(p, u): (int(n), at) for p, u, n, at in await conn.execute(q)}


async def stored(conn: Conn, leaderboard_id: str) -> dict[tuple[str, str], tuple[int, datetime]]:
    """Every stored standing of the leaderboard."""
    q = sa.select(S.period, S.user_id, S.score, S.reached_at).where(S.leaderboard_id == leaderboard_id)
    return {(p, u): (int(n), at) for p, u, n, at in await conn.execute(q)}


async def stored_counts(conn: Conn, leaderboard_id: str) -> dict[tuple[str, int], int]:
    """The stored count of users per (period, score), zero counts left out."""
    q = sa.select(C.period, C.score, C.users).where(C.leaderboard_id == leaderboard_id, C.users != 0)
    return {(p, int(s)): int(n) for p, s, n in await conn.execute(q)}
