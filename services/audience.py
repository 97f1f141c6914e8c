"""Who a user is, for eligibility and segments: tier, memberships, and their re-evaluation.

Membership of rule segments is stored, and re-evaluated when what a rule depends on changes:
the profile (PUT /v1/users), points and completions (after a reward). Entering and leaving a
segment, and reaching a new tier, are logged as internal events (`domain.internal_events`).
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from db import events as event_log
from db import ledger, segment_sql, users
from db import segments as segment_repo
from db.engine import Conn
from db.events import StoredEvent
from domain.internal_events import SEGMENT_ENTERED, SEGMENT_LEFT, TIER_CHANGED
from domain.segment_evaluation import UserFacts, depends_on, evaluate, next_time_change
from domain.segment_rules import SegmentRule
from domain.users import Tier
from services.system_event_log import tier_reached_events


@dataclass(frozen=True)
class Audience:
    """What eligibility reads of one user."""

    tier: str | None
    segments: frozenset[str]


async def audience_of(conn: Conn, user_id: str, tiers: list[Tier]) -> Audience:
    """The user's effective tier and segment memberships."""
    return Audience(
        tier=await users.tier_of(conn, user_id, tiers), segments=frozenset(await users.segment_ids(conn, user_id))
    )


async def facts_of(conn: Conn, user_id: str, tiers: list[Tier]) -> UserFacts:
    """Everything a segment rule may look at."""
    profile = await users.get_profile(conn, user_id)
    return UserFacts(
        user_id=user_id,
        points=await ledger.balance(conn, user_id),
        tier=await users.tier_of(conn, user_id, tiers),
        attributes=profile.attributes,
        joined_at=profile.joined_at,
        completed_missions=await users.completed_missions(conn, user_id),
        last_active_at=await users.last_active_at(conn, user_id),
    )


def internal(type_: str, user_id: str, at: datetime, **attributes: object) -> StoredEvent:
    """An event Questline emits about a user (segment entered or left, tier changed)."""
    return StoredEvent(
        id=f"{type_}:{uuid.uuid4().hex}", user_id=user_id, type=type_, received_at=at, attributes=dict(attributes)
    )


async def refresh_segments(
    conn: Conn, user_id: str, now: datetime, reasons: Collection[str], *, just_completed: str | None = None
) -> list[StoredEvent]:
    """Re-evaluates the user's rule segments that depend on `reasons`; logs and returns the changes.

    `just_completed` counts a completion the read model does not show yet (it is being rewarded).
    """
    tiers = await users.list_tiers(conn)
    facts = await facts_of(conn, user_id, tiers)
    if just_completed is not None:
        facts = facts.model_copy(update={"completed_missions": facts.completed_missions | {just_completed}})
    current = await users.segment_ids(conn, user_id)
    changes = []
    for segment in await segment_repo.list_segments(conn, kind="rule"):
        assert segment.rule is not None
        rule = SegmentRule.model_validate(segment.rule)
        if not set(depends_on(rule)) & set(reasons):
            continue
        member = evaluate(rule, facts, now)
        if member and segment.id not in current and await segment_repo.add_members(conn, segment.id, [user_id]):
            changes.append(internal(SEGMENT_ENTERED, user_id, now, segment_id=segment.id))
        elif not member and segment.id in current and await segment_repo.remove_members(conn, segment.id, [user_id]):
            changes.append(internal(SEGMENT_LEFT, user_id, now, segment_id=segment.id))
    await event_log.insert_new(conn, changes)
    return changes


async def tier_change(conn: Conn, user_id: str, before: str | None, now: datetime) -> list[StoredEvent]:
    """Logs `questline.tier_changed` when the user's tier differs from `before`."""
    after = await users.tier_of(conn, user_id, await users.list_tiers(conn))
    if after == before:
        return []
    change = internal(TIER_CHANGED, user_id, now, tier=after, previous=before)
    # The system event `questline.tier_reached`, once per user and tier passed on the way up.
    reached = tier_reached_events(user_id, [t.name for t in await users.list_tiers(conn)], before, after, now)
    new_ids = await event_log.insert_new(conn, [change, *reached])
    return [change, *(e for e in reached if e.id in new_ids)]


async def sweep_segment(
    conn: Conn, segment_id: str, rule: SegmentRule, now: datetime
) -> tuple[list[StoredEvent], datetime | None]:
    """Brings a rule segment's membership up to date for every known user as of `now`.

    Returns the entered/left events (logged) and the earliest instant at which time alone may
    change someone's membership (exact in Python; in SQL the first `inactive_for` threshold a user
    crosses, which may wake the clock for a sweep that changes nothing, never too late).
    """
    if segment_sql.compiles(rule):
        # In PostgreSQL: the rule is one predicate, the membership two set statements.
        entered, left = await segment_sql.apply(conn, segment_id, rule, now, await users.list_tiers(conn))
        moved = [internal(SEGMENT_ENTERED, u, now, segment_id=segment_id) for u in entered]
        moved += [internal(SEGMENT_LEFT, u, now, segment_id=segment_id) for u in left]
        await event_log.insert_new(conn, moved)
        return moved, await segment_sql.next_time_change(conn, rule, now)
    # A rule SQL cannot say exactly (an ISO date ordering): every known user's facts, in Python.
    members = set(await segment_repo.members(conn, segment_id, limit=10_000_000))
    changes: list[StoredEvent] = []
    next_change: datetime | None = None
    for facts in await users.all_facts(conn, await users.list_tiers(conn)):
        user_id = facts.user_id
        member = evaluate(rule, facts, now)
        if member and user_id not in members:
            await segment_repo.add_members(conn, segment_id, [user_id])
            changes.append(internal(SEGMENT_ENTERED, user_id, now, segment_id=segment_id))
        elif not member and user_id in members:
            await segment_repo.remove_members(conn, segment_id, [user_id])
            changes.append(internal(SEGMENT_LEFT, user_id, now, segment_id=segment_id))
        flip = next_time_change(rule, facts, now)
        if flip is not None and (next_change is None or flip < next_change):
            next_change = flip
    await event_log.insert_new(conn, changes)
    return changes, next_change
