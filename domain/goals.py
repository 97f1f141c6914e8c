"""Goal matching and progress (docs/missions.md §5). Pure functions, no I/O."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from domain.errors import Invalid
from domain.media import linkedin_post_problem
from domain.missions import EventGoal, Goal, ManualGoal, SocialGoal
from domain.social_support import COUNTED
from domain.system_events import not_counted

ZERO = Decimal(0)


def event_matches(goal: EventGoal, event_type: str, tags: Iterable[str]) -> bool:
    """True when an event of `event_type` with `tags` is one the goal counts (before its value)."""
    if event_type != goal.event_type:
        return False
    if not_counted(event_type, tags):
        return False  # a completion of a mission that counts completions (domain.system_events)
    if not goal.tags:
        return True
    have = set(tags)
    if goal.tag_match == "all":
        return set(goal.tags) <= have
    return not have.isdisjoint(goal.tags)


def in_range(goal: EventGoal, value: Decimal | None) -> bool:
    """For a range goal: whether one event's value lies in [amount_min, amount_max)."""
    assert goal.amount_min is not None and goal.amount_max is not None
    return value is not None and goal.amount_min <= value < goal.amount_max


def advance(goal: EventGoal, current: Decimal, value: Decimal | None) -> Decimal:
    """Progress after one matching event with `value` (events are already deduplicated).

    - `count`: every matching event counts one, whatever its value.
    - `amount_min` alone: positive values accumulate; a missing or non-positive value adds nothing.
    - `amount_min` + `amount_max`: no accumulation; progress becomes 1 when one value is in range.
    """
    if goal.count is not None:
        return current + 1
    if goal.amount_max is not None:
        return Decimal(1) if in_range(goal, value) else current
    if value is None or value <= 0:
        return current
    return current + value


def changes_progress(goal: EventGoal, value: Decimal | None) -> bool:
    """Whether a matching event with `value` can move progress at all (the router's pre-filter)."""
    if goal.count is not None:
        return True
    if goal.amount_max is not None:
        return in_range(goal, value)
    return value is not None and value > 0


def target_of(goal: Goal) -> tuple[Decimal, str]:
    """The goal's target and unit as shown to users."""
    if isinstance(goal, EventGoal):
        if goal.streak is not None:
            return Decimal(goal.streak.periods), f"{goal.streak.period}s"
        if goal.count is not None:
            return Decimal(goal.count), "events"
        if goal.amount_max is not None:
            return Decimal(1), "events"
        assert goal.amount_min is not None
        return goal.amount_min, "amount"
    if isinstance(goal, SocialGoal):
        # `count` posts for post and hashtag_post; any other action is done once.
        if goal.action in COUNTED:
            return Decimal(goal.count), "posts"
        return Decimal(1), "verifications"
    return Decimal(1), "submissions"


def period_target(goal: EventGoal) -> Decimal:
    """What one period of a streak needs (or the whole goal without a streak): events or an amount."""
    if goal.count is not None:
        return Decimal(goal.count)
    if goal.amount_max is not None:
        return Decimal(1)
    assert goal.amount_min is not None
    return goal.amount_min


def is_met(goal: Goal, current: Decimal) -> bool:
    """True when `current` progress meets the goal (also after a revision lowers the target)."""
    target, _ = target_of(goal)
    return current >= target


def check_proof(goal: ManualGoal, kind: str, value: Any) -> dict[str, Any]:
    """The proof as stored, or `Invalid` naming the field when it does not fit the goal."""

    def bad(field: str, reason: str) -> Invalid:
        return Invalid("invalid_proof", f"{field}: {reason}", [{"field": field, "reason": reason}])

    if kind not in goal.proof:
        raise bad("proof.kind", f"this mission accepts {', '.join(goal.proof)}")
    if kind == "survey":
        if not isinstance(value, dict):
            raise bad("proof.value", "survey answers are an object of question id to answer")
        questions = {q.id: q for q in goal.questions or []}
        unknown = sorted(set(value) - set(questions))
        if unknown:
            raise bad("proof.value", f"unknown questions: {', '.join(unknown)}")
        for qid, q in questions.items():
            answer = value.get(qid)
            if not isinstance(answer, str) or not answer.strip():
                raise bad(f"proof.value.{qid}", "every question needs a non-empty text answer")
            if q.choices is not None and answer not in q.choices:
                raise bad(f"proof.value.{qid}", f"answer one of {', '.join(q.choices)}")
        return {"kind": kind, "value": value}
    if not isinstance(value, str) or not value.strip():
        raise bad("proof.value", f"a {kind} proof is a non-empty string")
    if len(value) > 10_000:
        raise bad("proof.value", "at most 10,000 characters")
    if kind == "linkedin_post" and (problem := linkedin_post_problem(value)) is not None:
        raise bad("proof.value", problem)
    if kind != "text":
        parsed = urlsplit(value)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise bad("proof.value", f"a {kind} proof is an http(s) URL")
    return {"kind": kind, "value": value}
