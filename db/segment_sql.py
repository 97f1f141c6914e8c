"""Segment rules evaluated in PostgreSQL: a rule compiles to one predicate over every known user.

`domain.segment_evaluation.evaluate` is the reference: for every rule `predicate` accepts and every
user, the SQL gives the same answer (tests/db/test_segment_sql.py checks it on random rules and
users with hypothesis). The facts a rule reads are the ones `db.users.all_facts` loads — points
(the ledger's sum), the effective tier (explicit, else the highest threshold reached), the
profile's attributes and joined_at, completed missions, the last non-internal event — here as a
relation the predicate filters, so a sweep reads members instead of every user's facts.

Every leaf is strictly true or false (never NULL), so `not` negates exactly as in Python. JSON
comparisons follow `domain.segment_rules`: `true` is not 1, 1 equals 1.0, and a value of another
type never matches (`jsonb_typeof` guards each comparison).

One kind of leaf does not compile: ordering an attribute against an ISO 8601 date or date-time
(`{"op": "gt", "value": "2030-01-31"}`), since which texts Python reads as ISO dates cannot be
said in SQL exactly. `compiles(rule)` tells; callers evaluate such rules in Python instead.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB, insert

from db.engine import Conn
from db.tables import events, ledger_balances, mission_completions, segment_members, users
from db.users import known_users, only_users
from domain.segment_rules import AttributeCondition, SegmentRule
from domain.users import Tier

__all__ = ["Unsupported", "apply", "compiles", "facts", "members", "next_time_change", "predicate"]


class Unsupported(ValueError):
    """The rule has a leaf that does not compile (an ISO date ordering); evaluate it in Python."""


def compiles(rule: SegmentRule) -> bool:
    """Whether `predicate` accepts the rule."""
    if rule.attribute is not None:
        return not (rule.attribute.op in ("gt", "gte", "lt", "lte") and isinstance(rule.attribute.value, str))
    return all(compiles(child) for child in rule.children())


def facts(user_ids: Sequence[str] | None = None) -> sa.Subquery:
    """Every known user (or those of `user_ids`) with the facts a rule reads: `user_id`, `points`,
    `explicit_tier`, `attributes`, `joined_at`, `last_active_at` (as `db.users.all_facts` has them)."""
    wanted = None if user_ids is None else list(user_ids)
    known = known_users(wanted).subquery("known")
    # The ledger's running sums (`ledger_balances`, kept by its trigger): one row per user.
    points = sa.select(ledger_balances.c.user_id, ledger_balances.c.points).subquery("points")
    active = (
        sa.select(events.c.user_id, sa.func.max(events.c.received_at).label("last_active_at"))
        .where(~events.c.type.startswith("questline."), *only_users(events.c.user_id, wanted))
        .group_by(events.c.user_id)
        .subquery("active")
    )
    return (
        sa.select(
            known.c.user_id,
            sa.func.coalesce(points.c.points, 0).label("points"),
            users.c.tier.label("explicit_tier"),
            sa.func.coalesce(users.c.attributes, sa.cast(sa.literal("{}"), JSONB)).label("attributes"),
            users.c.joined_at,
            active.c.last_active_at,
        )
        .select_from(known)
        .outerjoin(users, users.c.id == known.c.user_id)
        .outerjoin(points, points.c.user_id == known.c.user_id)
        .outerjoin(active, active.c.user_id == known.c.user_id)
        .subquery("facts")
    )


def _jsonb(value: Any) -> sa.ColumnElement[Any]:
    return sa.cast(sa.literal(json.dumps(value)), JSONB)


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return "string"


def _same(actual: sa.ColumnElement[Any], value: Any) -> sa.ColumnElement[bool]:
    """JSON equality of `actual` with a scalar: same type and equal (numbers numerically)."""
    return sa.and_(sa.func.jsonb_typeof(actual) == _kind(value), actual == _jsonb(value))


def _attribute(cond: AttributeCondition, attributes: sa.ColumnElement[Any]) -> sa.ColumnElement[bool]:
    actual = attributes[cond.name]
    present = sa.and_(actual.is_not(None), sa.func.jsonb_typeof(actual) != "null")
    op, value = cond.op, cond.value
    if op == "exists":
        test: sa.ColumnElement[bool] = sa.true()
    elif op == "eq":
        test = _same(actual, value)
    elif op == "ne":
        test = sa.and_(sa.func.jsonb_typeof(actual) == _kind(value), actual != _jsonb(value))
    elif op == "in":
        assert isinstance(value, list)
        test = sa.or_(*(_same(actual, v) for v in value))
    elif op == "contains":
        item = sa.func.jsonb_array_elements(actual).table_valued("value").alias("item")
        in_list = sa.and_(
            sa.func.jsonb_typeof(actual) == "array",
            sa.exists(sa.select(sa.literal(1)).select_from(item).where(_same(item.c.value, value))),
        )
        if isinstance(value, str):
            text = sa.and_(
                sa.func.jsonb_typeof(actual) == "string",
                sa.func.strpos(actual.astext, value) > 0,
            )
            test = sa.or_(text, in_list)
        else:
            test = in_list
    else:
        if isinstance(value, str):
            raise Unsupported(f"attribute {cond.name!r}: ordering by an ISO 8601 text is evaluated in Python")
        number = sa.cast(actual.astext, sa.Numeric)
        bound = sa.cast(sa.literal(repr(value) if isinstance(value, float) else str(value)), sa.Numeric)
        compare = {"gt": number > bound, "gte": number >= bound, "lt": number < bound, "lte": number <= bound}[op]
        # Cast only a number: the CASE keeps PostgreSQL from casting a text that is not one.
        test = sa.case((sa.func.jsonb_typeof(actual) == "number", compare), else_=sa.false())
    return sa.and_(present, test)


def effective_tier(f: sa.Subquery, tiers: Sequence[Tier]) -> sa.ColumnElement[Any]:
    """`domain.users.effective_tier` in SQL: explicit, else the highest threshold the points reach
    (the first of equal thresholds in `tiers`' order, as Python's `max` picks)."""
    ranked = sorted(
        ((t.min_points, i, t.name) for i, t in enumerate(tiers) if t.min_points is not None),
        key=lambda x: (-x[0], x[1]),
    )
    if not ranked:
        return f.c.explicit_tier
    reached = sa.case(*((f.c.points >= low, sa.literal(name)) for low, _, name in ranked), else_=sa.null())
    return sa.func.coalesce(f.c.explicit_tier, reached)


def predicate(rule: SegmentRule, f: sa.Subquery, now: datetime, tiers: Sequence[Tier]) -> sa.ColumnElement[bool]:
    """The rule as a condition on the `facts` relation `f` (strictly true or false per user).

    Raises `Unsupported` for a rule `compiles` refuses."""
    if rule.points_at_least is not None:
        return f.c.points >= rule.points_at_least
    if rule.tier_in is not None:
        return sa.func.coalesce(effective_tier(f, tiers).in_(rule.tier_in), sa.false())
    if rule.attribute is not None:
        return sa.func.coalesce(_attribute(rule.attribute, f.c.attributes), sa.false())
    if rule.joined_before is not None:
        return sa.func.coalesce(f.c.joined_at < rule.joined_before, sa.false())
    if rule.joined_after is not None:
        return sa.func.coalesce(f.c.joined_at >= rule.joined_after, sa.false())
    if rule.completed_mission is not None:
        return sa.exists().where(
            mission_completions.c.user_id == f.c.user_id, mission_completions.c.mission_id == rule.completed_mission
        )
    if rule.inactive_for is not None:
        since = sa.func.coalesce(f.c.last_active_at, f.c.joined_at)
        # now - since >= duration, as `since <= now - duration` (the index-friendly side).
        return sa.func.coalesce(since <= sa.literal(now - rule.inactive_for), sa.false())
    if rule.all_ is not None:
        return sa.and_(*(predicate(child, f, now, tiers) for child in rule.all_))
    if rule.any_ is not None:
        return sa.or_(*(predicate(child, f, now, tiers) for child in rule.any_))
    assert rule.not_ is not None
    return sa.not_(predicate(rule.not_, f, now, tiers))


async def members(
    conn: Conn, rule: SegmentRule, now: datetime, tiers: Sequence[Tier], user_ids: Sequence[str] | None = None
) -> set[str]:
    """The known users (or those of `user_ids`) in the segment at `now`, in one statement."""
    f = facts(user_ids)
    query = sa.select(f.c.user_id).where(predicate(rule, f, now, tiers))
    return set((await conn.execute(query)).scalars())


async def apply(
    conn: Conn, segment_id: str, rule: SegmentRule, now: datetime, tiers: Sequence[Tier]
) -> tuple[list[str], list[str]]:
    """Brings the stored members of `segment_id` to what the rule selects at `now`, in two set
    statements (no user's facts leave PostgreSQL); returns who entered and who left, by id."""
    f = facts()
    chosen = sa.select(f.c.user_id).where(predicate(rule, f, now, tiers))
    entered = await conn.execute(
        insert(segment_members)
        .from_select(["segment_id", "user_id"], sa.select(sa.literal(segment_id), chosen.subquery().c.user_id))
        .on_conflict_do_nothing()
        .returning(segment_members.c.user_id)
    )
    entered_ids = sorted(entered.scalars())
    # NOT EXISTS, an anti-join: NOT IN over a large set is planned as a rescan per member.
    still = chosen.subquery("still")
    left = await conn.execute(
        sa.delete(segment_members)
        .where(
            segment_members.c.segment_id == segment_id,
            ~sa.exists(sa.select(sa.literal(1)).select_from(still).where(still.c.user_id == segment_members.c.user_id)),
        )
        .returning(segment_members.c.user_id)
    )
    return entered_ids, sorted(left.scalars())


async def next_time_change(
    conn: Conn, rule: SegmentRule, now: datetime, user_ids: Sequence[str] | None = None
) -> datetime | None:
    """The earliest instant after `now` at which some user's `inactive_for` leaf turns true: the
    earliest moment time alone may change a member (a sweep then may find nothing to change; it
    never comes too late). None when the rule has no such leaf or no user reaches one."""
    durations = _durations(rule)
    if not durations:
        return None
    f = facts(user_ids)
    since = sa.func.coalesce(f.c.last_active_at, f.c.joined_at)
    flips = [sa.select(sa.func.min(since + d)).where(since + d > now).scalar_subquery() for d in sorted(set(durations))]
    found = [t for t in (await conn.execute(sa.select(*flips))).one() if t is not None]
    return min(found) if found else None


def _durations(rule: SegmentRule) -> list[Any]:
    out = [rule.inactive_for] if rule.inactive_for is not None else []
    for child in rule.children():
        out += _durations(child)
    return out
