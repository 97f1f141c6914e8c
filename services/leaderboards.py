"""Leaderboards: define them, and read their standings (top N, a user with those around them,
past periods), for admins and — user-safe — for the widget.

Scores are points earned in the period (the sum of the user's ledger rows in it, never a stored
balance) or completions of one mission; they are kept per (leaderboard, period, user) by triggers
in the transaction of every ledger row and counted completion (`db.leaderboards`). A period's
standings stay after its reset: they are its final standings. A leaderboard limited to a segment
or tier ranks its current members only (the standings of everyone are kept: membership is read
when the leaderboard is read). Ranking: `domain.leaderboards`.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, Field

from db import leaderboards as repo
from db import missions, segments
from db import users as users_repo
from db.engine import Conn
from db.leaderboards import Scope, TierBounds
from domain.errors import Conflict, Invalid, NotFound
from domain.leaderboards import (
    ALL_TIME,
    Kind,
    LeaderboardIn,
    Period,
    Ranked,
    Status,
    WeekStart,
    parse_period,
    period_bounds,
    period_key,
    rank_run,
)

__all__ = ["LeaderboardIn", "LeaderboardOut", "MyLeaderboard", "PeriodOut", "Standings"]

MAX_LIMIT = 500
MAX_AROUND = 50


class LeaderboardOut(BaseModel):
    """A leaderboard's definition and state."""

    id: str
    name: str
    kind: Kind
    mission_id: str | None
    period: Period
    time_zone: str
    week_starts: WeekStart
    segment_id: str | None
    tier: str | None
    status: Status = Field(description="`active` counts; `archived` is frozen (its standings stay readable).")
    created_at: datetime
    archived_at: datetime | None
    current_period: str = Field(description="The key of the period now running (its local start date, or `all`).")


class PeriodOut(BaseModel):
    """One period: its key (the local date it starts on, or `all`), when it starts and resets."""

    key: str
    starts_at: datetime | None = Field(description="Midnight in the leaderboard's time zone (None for all time).")
    resets_at: datetime | None = Field(description="When the period ends and the next one starts.")
    current: bool = Field(description="False for a past period: its standings are final.")
    users: int | None = Field(None, description="Users ranked in the period.")


class Entry(BaseModel):
    """One ranked user (user id, and the profile's `display_name` attribute when it has one)."""

    rank: int
    user_id: str
    display_name: str | None = None
    score: int
    reached_at: datetime = Field(description="When the user reached this score (ties: earlier ranks higher).")


class Standings(BaseModel):
    """A period's standings: the top N, or a user with those around them."""

    leaderboard_id: str
    period: PeriodOut
    total: int = Field(description="Users ranked in the period.")
    entries: list[Entry]
    user: Entry | None = Field(None, description="The `around` user (None when they hold no score in the period).")


class MyLeaderboard(BaseModel):
    """A leaderboard as its widget shows it to one user."""

    id: str
    name: str
    kind: Kind
    period: PeriodOut
    total: int
    top: list[Entry]
    me: Entry | None = Field(description="Your rank and score (None before you score in this period).")
    around: list[Entry] = Field(description="You with the users just above and below you.")


class MyLeaderboardSummary(BaseModel):
    """A leaderboard the user can see."""

    id: str
    name: str
    kind: Kind
    period: Period
    current_period: str


def _field(code: str, message: str, field: str) -> Invalid:
    return Invalid(code, message, [{"field": field, "reason": message}])


def _current(board: dict[str, Any]) -> str:
    """The key of the period now running (the SQL function `leaderboard_period` agrees: tested)."""
    return period_key(board["period"], board["time_zone"], board["week_starts"], datetime.now(UTC))


def _unknown(leaderboard_id: str) -> NotFound:
    return NotFound("leaderboard_not_found", f"no leaderboard {leaderboard_id!r}", {"leaderboard_id": leaderboard_id})


async def _out(conn: Conn, row: dict[str, Any]) -> LeaderboardOut:
    return LeaderboardOut(**row, current_period=_current(row))


async def create(conn: Conn, spec: LeaderboardIn) -> LeaderboardOut:
    """Stores a definition; its standings are filled from the ledger (or completions) so far."""
    if spec.mission_id is not None:
        try:
            await missions.get(conn, spec.mission_id)
        except NotFound as exc:
            raise _field("mission_not_found", f"no mission {spec.mission_id!r}", "mission_id") from exc
    if spec.segment_id is not None:
        try:
            await segments.get(conn, spec.segment_id)
        except NotFound as exc:
            raise _field("segment_not_found", f"no segment {spec.segment_id!r}", "segment_id") from exc
    if spec.tier is not None and spec.tier not in {t.name for t in await users_repo.list_tiers(conn)}:
        raise _field("tier_not_found", f"no tier {spec.tier!r}", "tier")
    row = await repo.create(conn, {"id": f"lb_{uuid.uuid4().hex[:16]}", **spec.model_dump()})
    return await _out(conn, row)


async def _board(conn: Conn, leaderboard_id: str) -> dict[str, Any]:
    row = await repo.get(conn, leaderboard_id)
    if row is None:
        raise NotFound(
            "leaderboard_not_found", f"no leaderboard {leaderboard_id!r}", {"leaderboard_id": leaderboard_id}
        )
    return row


async def get(conn: Conn, leaderboard_id: str) -> LeaderboardOut:
    """One definition."""
    return await _out(conn, await _board(conn, leaderboard_id))


async def list_all(conn: Conn, status: Status | None) -> list[LeaderboardOut]:
    """Every definition, newest first."""
    return [await _out(conn, r) for r in await repo.list_all(conn, status=status)]


async def archive(conn: Conn, leaderboard_id: str) -> LeaderboardOut:
    """Stops counting: the standings so far stay, final."""
    await _board(conn, leaderboard_id)
    row = await repo.archive(conn, leaderboard_id)
    assert row is not None
    return await _out(conn, row)


async def delete(conn: Conn, leaderboard_id: str, confirm: str | None) -> None:
    """Deletes a definition with every standing; an active one must be archived first or confirmed."""
    board = await _board(conn, leaderboard_id)
    if board["status"] == "active" and confirm != leaderboard_id:
        raise Conflict(
            "leaderboard_active",
            "archive the leaderboard first, or confirm deleting it and its standings with ?confirm=<its id>",
            {"leaderboard_id": leaderboard_id},
        )
    await repo.delete(conn, leaderboard_id)


async def _tier_bounds(conn: Conn, name: str) -> TierBounds:
    tiers = await users_repo.list_tiers(conn)
    mine = next((t for t in tiers if t.name == name), None)
    if mine is None or mine.min_points is None:
        return TierBounds(name=name, low=None, high=None)
    higher = [t.min_points for t in tiers if t.min_points is not None and t.min_points > mine.min_points]
    return TierBounds(name=name, low=mine.min_points, high=min(higher) if higher else None)


async def _scope(conn: Conn, board: dict[str, Any], key: str) -> Scope:
    tier = await _tier_bounds(conn, board["tier"]) if board["tier"] else None
    return Scope(leaderboard_id=board["id"], period=key, segment_id=board["segment_id"], tier=tier)


async def _period(conn: Conn, board: dict[str, Any], wanted: str | None) -> PeriodOut:
    current = _current(board)
    if wanted is None or wanted == "current":
        key = current
    else:
        try:
            key = parse_period(board["period"], board["week_starts"], wanted)
        except ValueError as exc:
            raise _field("invalid_period", str(exc), "period") from exc
    starts, resets = period_bounds(board["period"], board["time_zone"], key)
    final = board["status"] == "archived" or (key != ALL_TIME and key < current)
    return PeriodOut(key=key, starts_at=starts, resets_at=resets, current=not final and key == current)


def _entries(ranked: list[Ranked], names: dict[str, str]) -> list[Entry]:
    return [Entry(**r.model_dump(), display_name=names.get(r.user_id)) for r in ranked]


async def _around(
    conn: Conn, scope: Scope, user_id: str, radius: int
) -> tuple[Ranked | None, list[Ranked], dict[str, str], int | None]:
    """The user's standing and the run of `radius` users either side, ranked, with display names,
    and the period's total (None when the user holds no score in it)."""
    place = await repo.place(conn, scope, user_id)
    if place is None:
        return None, [], {}, None
    at = (user_id, place.score, place.reached_at)
    # One more row above than shown: the first shown row's rank is its position unless it ties
    # (same score, same instant) the row before it.
    above, below, names = await repo.window(conn, scope, at, radius + 1, radius)
    extra = above[0] if len(above) > radius else None
    shown = above[-radius:] if radius else []
    run = [*shown, at, *below]
    first = run[0]
    first_position = place.position - len(shown)
    if extra is not None and (extra[1], extra[2]) == (first[1], first[2]):
        first_rank = await repo.rank_of(conn, scope, first[1], first[2])
    elif shown:
        first_rank = first_position
    else:
        first_rank = place.rank
    ranked = rank_run(run, first_position=first_position, first_rank=first_rank)
    me = next(r for r in ranked if r.user_id == user_id)
    return me, ranked, names, place.total


async def standings(
    conn: Conn, leaderboard_id: str, *, limit: int, around: str | None, period: str | None
) -> Standings:
    """The top `limit` of a period, or (with `around`) the user with `limit` users either side."""
    board = await _board(conn, leaderboard_id)
    per = await _period(conn, board, period)
    scope = await _scope(conn, board, per.key)
    if around is None:
        rows, names, total = await repo.top(conn, scope, limit)
        per.users = total
        ranked = rank_run(rows, first_position=1, first_rank=1)
        return Standings(leaderboard_id=board["id"], period=per, total=total, entries=_entries(ranked, names))
    _, run, names, counted = await _around(conn, scope, around, min(limit, MAX_AROUND))
    total = counted if counted is not None else await repo.total(conn, scope)
    per.users = total
    entries = _entries(run, names)
    user = next((e for e in entries if e.user_id == around), None)
    return Standings(leaderboard_id=board["id"], period=per, total=total, entries=entries, user=user)


async def periods(conn: Conn, leaderboard_id: str, limit: int) -> list[PeriodOut]:
    """Periods with standings, newest first (past ones hold their final standings)."""
    board = await _board(conn, leaderboard_id)
    current = _current(board)
    out = []
    for key, count in await repo.periods(conn, leaderboard_id, limit=limit):
        starts, resets = period_bounds(board["period"], board["time_zone"], key)
        live = board["status"] == "active" and key == current
        out.append(PeriodOut(key=key, starts_at=starts, resets_at=resets, current=live, users=count))
    return out


# --- the user's side ------------------------------------------------------------------------------


async def _visible(conn: Conn, board: dict[str, Any], user_id: str) -> bool:
    """Whether the user may see the leaderboard: active, and within its segment and tier."""
    if board["status"] != "active":
        return False
    if board["segment_id"] is not None and board["segment_id"] not in await users_repo.segment_ids(conn, user_id):
        return False
    if board["tier"] is not None:
        held = await users_repo.tier_of(conn, user_id, await users_repo.list_tiers(conn))
        return bool(held == board["tier"])
    return True


async def my_list(conn: Conn, user_id: str) -> list[MyLeaderboardSummary]:
    """The active leaderboards the user is ranked on (or may be)."""
    out = []
    for board in await repo.list_all(conn, status="active"):
        if await _visible(conn, board, user_id):
            out.append(
                MyLeaderboardSummary(
                    id=board["id"],
                    name=board["name"],
                    kind=board["kind"],
                    period=board["period"],
                    current_period=_current(board),
                )
            )
    return out


async def mine(conn: Conn, user_id: str, leaderboard_id: str, *, limit: int, radius: int) -> MyLeaderboard:
    """The current period's top `limit`, and the user with `radius` users either side."""
    board = await repo.get(conn, leaderboard_id)
    if board is None or not await _visible(conn, board, user_id):
        raise NotFound(
            "leaderboard_not_found", f"no leaderboard {leaderboard_id!r}", {"leaderboard_id": leaderboard_id}
        )
    per = await _period(conn, board, None)
    scope = await _scope(conn, board, per.key)
    rows, names, total = await repo.top(conn, scope, limit)
    per.users = total
    top = rank_run(rows, first_position=1, first_rank=1)
    me, run, near, _ = await _around(conn, scope, user_id, radius)
    names |= near
    return MyLeaderboard(
        id=board["id"],
        name=board["name"],
        kind=board["kind"],
        period=per,
        total=total,
        top=_entries(top, names),
        me=_entries([me], names)[0] if me else None,
        around=_entries(run, names),
    )


async def my_standings(conn: Conn, user_id: str, *, limit: int, radius: int) -> list[MyLeaderboard]:
    """Every leaderboard the user can see (at most 10, newest first), each with the top `limit` and
    the user's rank with `radius` users either side: what the widget's tab shows."""
    boards = [b.id for b in await my_list(conn, user_id)][:10]
    return [await mine(conn, user_id, board, limit=limit, radius=radius) for board in boards]
