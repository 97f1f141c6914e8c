"""Evaluating segment rules (docs/missions.md §7): whether a user is in a rule segment at an instant.

Pure: no I/O, no clock (`now` is a parameter). `UserFacts` is everything a rule may look at;
which facts a rule reads is `depends_on`; when the clock alone changes its result is
`next_time_change`. The rules themselves are `domain.segment_rules.SegmentRule`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict

from domain.segment_rules import SegmentRule

#: What a rule may depend on (see `depends_on`).
FACTS = frozenset({"points", "tier", "profile", "completions", "activity", "time"})


# --- the facts a rule looks at -----------------------------------------------------------------


class UserFacts(BaseModel):
    """Everything a segment rule may look at about one user. Instants must be time-zone aware."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    user_id: str
    points: int = 0
    tier: str | None = None
    attributes: dict[str, Any] = {}
    joined_at: AwareDatetime | None = None
    completed_missions: frozenset[str] = frozenset()
    last_active_at: AwareDatetime | None = None


# --- evaluation --------------------------------------------------------------------------------


def _aware(now: datetime) -> None:
    if now.utcoffset() is None:
        raise ValueError("now must be time-zone aware")


def _inactive_since(facts: UserFacts) -> datetime | None:
    """Where inactivity is measured from: the last activity, else (never active) joining."""
    return facts.last_active_at if facts.last_active_at is not None else facts.joined_at


def _evaluate(rule: SegmentRule, facts: UserFacts, now: datetime) -> bool:
    if rule.points_at_least is not None:
        return facts.points >= rule.points_at_least
    if rule.tier_in is not None:
        return facts.tier is not None and facts.tier in rule.tier_in
    if rule.attribute is not None:
        return rule.attribute.matches(facts.attributes)
    if rule.joined_before is not None:
        return facts.joined_at is not None and facts.joined_at < rule.joined_before
    if rule.joined_after is not None:
        return facts.joined_at is not None and facts.joined_at >= rule.joined_after
    if rule.completed_mission is not None:
        return rule.completed_mission in facts.completed_missions
    if rule.inactive_for is not None:
        since = _inactive_since(facts)
        return since is not None and now - since >= rule.inactive_for
    if rule.all_ is not None:
        return all(_evaluate(child, facts, now) for child in rule.all_)
    if rule.any_ is not None:
        return any(_evaluate(child, facts, now) for child in rule.any_)
    assert rule.not_ is not None
    return not _evaluate(rule.not_, facts, now)


def evaluate(rule: SegmentRule, facts: UserFacts, now: datetime) -> bool:
    """Whether the user described by `facts` is in the segment at `now` (aware)."""
    _aware(now)
    return _evaluate(rule, facts, now)


_LEAF_FACTS: dict[str, frozenset[str]] = {
    "points_at_least": frozenset({"points"}),
    "tier_in": frozenset({"tier"}),
    "attribute": frozenset({"profile"}),
    # Compared with fixed instants, not with now: once joined_at is known the result is settled.
    "joined_before": frozenset({"profile"}),
    "joined_after": frozenset({"profile"}),
    "completed_mission": frozenset({"completions"}),
    # Measured from joined_at (part of the profile) for a user who was never active.
    "inactive_for": frozenset({"activity", "time", "profile"}),
}


def depends_on(rule: SegmentRule) -> frozenset[str]:
    """Which facts (of `FACTS`) a change of may change the rule's result.

    `time` means the clock alone may change it (only `inactive_for` compares with now); then
    `next_time_change` says when. A user's effective tier follows their points when tiers have
    thresholds: the caller passes `tier` as a reason whenever that tier may have moved.
    """
    children = rule.children()
    if not children:
        return _LEAF_FACTS[rule.kind]
    return frozenset().union(*(depends_on(child) for child in children))


def _flips(rule: SegmentRule, facts: UserFacts) -> Iterator[datetime]:
    """The instants at which a leaf of `rule` changes with time alone (each at most once)."""
    if rule.inactive_for is not None:
        since = _inactive_since(facts)
        if since is not None:
            with contextlib.suppress(OverflowError):  # beyond year 9999: never
                yield since + rule.inactive_for
    for child in rule.children():
        yield from _flips(child, facts)


def next_time_change(rule: SegmentRule, facts: UserFacts, now: datetime) -> datetime | None:
    """The earliest instant after `now` at which, the facts unchanged, the rule's result changes.

    Only `inactive_for` compares with now, and it is monotone: false until `since + duration`,
    true from that instant on. `joined_before` / `joined_after` compare the fixed joined_at with
    a fixed instant, so time alone never changes them (a new joined_at is a profile change).
    So the result is constant between consecutive `inactive_for` instants, and the answer is the
    first of those after `now` at which evaluating gives a different result: exact, not merely a
    candidate (`{"all": [{"points_at_least": 10}, {"inactive_for": "P7D"}]}` for a user with 5
    points never changes with time, and gets None). None when time alone never changes it.

    The result at the returned instant already differs (`>=`), so a timer set for it re-evaluates
    in time; after re-evaluating, ask again for the next one.
    """
    _aware(now)
    current = _evaluate(rule, facts, now)
    for instant in sorted({t for t in _flips(rule, facts) if t > now}):
        if _evaluate(rule, facts, instant) != current:
            return instant
    return None
