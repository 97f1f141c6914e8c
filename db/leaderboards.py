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
    leaderboard_tie_counts,
    leaderboards,
    ledger,
    ledger_balances,
    segment_members,
    users,
)

S = leaderboard_standings.c
C = leaderboard_score_counts.c
T = leaderboard_tie_counts.c

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
        profile = users.alias("profile")
        explicit = sa.select(profile.c.tier).where(profile.c.id == S.user_id).scalar_subquery()
        if scope.tier.low is None:
            conds.append(explicit == scope.tier.name)
        else:
            balance = sa.func.coalesce(
                sa.select(ledger_balances.c.points).where(ledger_balances.c.user_id == S.user_id).scalar_subquery(), 0
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
            FROM ledger WHERE points > 0 OR (points < 0 AND item_id IS NULL) GROUP BY per, user_id"""
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
    await conn.execute(
        sa.text(
            "INSERT INTO leaderboard_tie_counts (leaderboard_id, period, score, hour, users)"
            " SELECT leaderboard_id, period, score, floor(extract(epoch FROM reached_at) / 3600)::bigint AS h, count(*)"
            " FROM leaderboard_standings WHERE leaderboard_id = :id GROUP BY leaderboard_id, period, score, h"
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


@dataclass(frozen=True)
class Place:
    """A user's standing in a period: score, when reached, rank, and their position in the order."""

    score: int
    reached_at: datetime
    rank: int
    position: int
    total: int


def _higher(scope: Scope, score: Any) -> sa.ScalarSelect[Any]:
    """Users with a score above `score` (a sum over the score counts when nobody is filtered out)."""
    if scope.filtered:
        return sa.select(sa.func.count()).where(*_in(scope), S.score > score).scalar_subquery()
    return (
        sa.select(sa.func.coalesce(sa.func.sum(C.users), 0))
        .where(C.leaderboard_id == scope.leaderboard_id, C.period == scope.period, C.score > score)
        .scalar_subquery()
    )


def _hour(at: Any) -> Any:
    """The epoch hour of a moment (the tie counts' bucket), as the triggers compute it."""
    return sa.cast(sa.func.floor(sa.extract("epoch", at) / 3600), sa.BigInteger)


def _same_earlier(scope: Scope, score: Any, reached_at: Any) -> Any:
    """Users with `score` reached before `reached_at`: the tie counts of earlier hours plus a count
    over the index within the hour (a count over the whole group when some are filtered out)."""
    if scope.filtered:
        return (
            sa.select(sa.func.count()).where(*_in(scope), S.score == score, S.reached_at < reached_at).scalar_subquery()
        )
    hour = _hour(reached_at)
    earlier_hours = (
        sa.select(sa.func.coalesce(sa.func.sum(T.users), 0))
        .where(T.leaderboard_id == scope.leaderboard_id, T.period == scope.period, T.score == score, T.hour < hour)
        .scalar_subquery()
    )
    within = (
        sa.select(sa.func.count())
        .where(
            *_in(scope),
            S.score == score,
            S.reached_at >= sa.func.to_timestamp(hour * 3600),
            S.reached_at < reached_at,
        )
        .scalar_subquery()
    )
    return earlier_hours + within


def _total(scope: Scope) -> sa.ScalarSelect[Any]:
    if scope.filtered:
        return sa.select(sa.func.count()).where(*_in(scope)).scalar_subquery()
    return (
        sa.select(sa.func.coalesce(sa.func.sum(C.users), 0))
        .where(C.leaderboard_id == scope.leaderboard_id, C.period == scope.period)
        .scalar_subquery()
    )


async def place(conn: Conn, scope: Scope, user_id: str) -> Place | None:
    """The user's place in the period (one statement), or None (no score, or not eligible)."""
    me = leaderboard_standings.alias("me")
    same_earlier = _same_earlier(scope, me.c.score, me.c.reached_at)
    tied_before = (
        sa.select(sa.func.count()).where(
            *_in(scope), S.score == me.c.score, S.reached_at == me.c.reached_at, S.user_id < me.c.user_id
        )
    ).scalar_subquery()
    eligible = [sa.exists().where(*_in(scope), S.user_id == me.c.user_id)] if scope.filtered else []
    q = sa.select(
        me.c.score,
        me.c.reached_at,
        (1 + _higher(scope, me.c.score) + same_earlier).label("rank"),
        tied_before.label("tied"),
        _total(scope).label("total"),
    ).where(
        me.c.leaderboard_id == scope.leaderboard_id,
        me.c.period == scope.period,
        me.c.user_id == user_id,
        *eligible,
    )
    row = (await conn.execute(q)).first()
    if row is None:
        return None
    rank = int(row.rank)
    return Place(int(row.score), row.reached_at, rank, rank + int(row.tied), int(row.total))


async def rank_of(conn: Conn, scope: Scope, score: int, reached_at: datetime) -> int:
    """1 + the users ranked strictly above a score reached at `reached_at`."""
    q = sa.select(_higher(scope, score) + _same_earlier(scope, sa.literal(score), sa.literal(reached_at)))
    return 1 + int((await conn.execute(q)).scalar_one())


async def total(conn: Conn, scope: Scope) -> int:
    """How many users hold a score in the period."""
    return int((await conn.execute(sa.select(_total(scope)))).scalar_one())


_NAME = users.c.attributes["display_name"]
_DISPLAY = sa.case((sa.func.jsonb_typeof(_NAME) == "string", _NAME.astext), else_=None).label("display_name")


def _named(q: sa.Select[Any]) -> sa.Select[Any]:
    """`q` with each user's `display_name` (from the profile's attributes, when a string)."""
    return q.add_columns(_DISPLAY).outerjoin(users, users.c.id == S.user_id)


Names = dict[str, str]


def _split(result: Any) -> tuple[list[Row], dict[str, str]]:
    rows: list[Row] = []
    names: dict[str, str] = {}
    for r in result:
        rows.append((r.user_id, int(r.score), r.reached_at))
        if r.display_name and r.display_name.strip():
            names[r.user_id] = r.display_name
    return rows, names


async def top(conn: Conn, scope: Scope, limit: int) -> tuple[list[Row], dict[str, str], int]:
    """The first `limit` standings in ranking order, their display names, and the period's total."""
    q = _named(
        sa.select(S.user_id, S.score, S.reached_at, _total(scope).label("total"))
        .where(*_in(scope))
        .order_by(S.score.desc(), S.reached_at, S.user_id)
        .limit(limit)
    )
    result = (await conn.execute(q)).all()
    rows, names = _split(result)
    count = int(result[0].total) if result else await total(conn, scope)
    return rows, names, count


async def window(
    conn: Conn, scope: Scope, at: Row, before: int, after: int
) -> tuple[list[Row], list[Row], dict[str, str]]:
    """Up to `before` standings just before `at` and `after` just after it, in ranking order, with
    display names: one statement of four index ranges (the same score reached earlier, higher scores;
    the same score reached later, lower scores)."""
    user_id, score, reached_at = at
    key = sa.tuple_(S.reached_at, S.user_id)
    mine = sa.tuple_(sa.literal(reached_at), sa.literal(user_id))

    def part(n: int, cond: sa.ColumnElement[bool], order: list[Any], limit: int) -> sa.Select[Any]:
        return (
            sa.select(sa.literal(n).label("part"), S.user_id, S.score, S.reached_at)
            .where(*_in(scope), cond)
            .order_by(*order)
            .limit(limit)
        )

    parts = [
        part(1, sa.and_(S.score == score, key < mine), [S.reached_at.desc(), S.user_id.desc()], before),
        part(2, S.score > score, [S.score, S.reached_at.desc(), S.user_id.desc()], before),
        part(3, sa.and_(S.score == score, key > mine), [S.reached_at, S.user_id], after),
        part(4, S.score < score, [S.score.desc(), S.reached_at, S.user_id], after),
    ]
    union = sa.union_all(*(p.subquery().select() for p in parts)).subquery()
    # A few rows: each one's name by its key (a join could choose to scan every profile).
    display = sa.select(_DISPLAY.element).where(users.c.id == union.c.user_id).scalar_subquery()
    q = sa.select(union, display.label("display_name"))
    by_part: dict[int, list[Row]] = {1: [], 2: [], 3: [], 4: []}
    names: dict[str, str] = {}
    for r in await conn.execute(q):
        by_part[int(r.part)].append((r.user_id, int(r.score), r.reached_at))
        if r.display_name and r.display_name.strip():
            names[r.user_id] = r.display_name
    # Each part's rows come back in its own order only within the statement: sort them again.
    desc_key = lambda row: (-row[1], row[2], row[0])  # noqa: E731
    above = sorted(by_part[1] + by_part[2], key=desc_key)[-before:] if before else []
    below = sorted(by_part[3] + by_part[4], key=desc_key)[:after]
    return above, below, names


# --- agreement with the ledger --------------------------------------------------------------------


def _earned() -> sa.ColumnElement[bool]:
    """The ledger rows a points board counts: grants, and reversals of them (negative, no item); a
    purchase paid in points (negative, naming the item bought) is spending, not earning. The ledger
    trigger's WHEN (migration 0023) and `create`'s fill say the same."""
    return sa.or_(ledger.c.points > 0, sa.and_(ledger.c.points < 0, ledger.c.item_id.is_(None)))


async def derived(conn: Conn, board: dict[str, Any]) -> dict[tuple[str, str], tuple[int, datetime]]:
    """Every (period, user)'s score and reached_at recomputed from the ledger (or completions)."""
    if board["kind"] == "points":
        src = sa.select(ledger.c.user_id, ledger.c.points.label("n"), ledger.c.created_at.label("at")).where(_earned())
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


async def stored_tie_counts(conn: Conn, leaderboard_id: str) -> dict[tuple[str, int, int], int]:
    """The stored count of users per (period, score, epoch hour reached), zero counts left out."""
    q = sa.select(T.period, T.score, T.hour, T.users).where(T.leaderboard_id == leaderboard_id, T.users != 0)
    return {(p, int(s), int(h)): int(n) for p, s, h, n in await conn.execute(q)}
