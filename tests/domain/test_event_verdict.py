"""`domain.journey.event_verdict`, the one decision on an event: the router's pre-filter
(`event_can_change`), the journey (`apply_event`) and explain all take it, so each reason code is
checked here once, and the three are checked to agree on random journeys."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings

from domain.journey import EventOutcome, Reason, apply_event, event_can_change, event_verdict, journey_now
from tests.domain.reference import Scenario, day, days, make_ctx, make_journey, scenarios, to_ctx, to_journey

S, E, T = day(2), day(20), days(5)
CLOCKS = {"start_at": S, "end_at": E, "time_to_complete": T}
MICRO = timedelta(microseconds=1)
TAGGED = {"kind": "event", "event_type": "buy", "count": 2, "tags": ["gold", "x"], "tag_match": "all"}
RANGE = {"kind": "event", "event_type": "buy", "amount_min": "10", "amount_max": "20"}
SUM = {"kind": "event", "event_type": "buy", "amount_min": "100"}

# (id, type, spec extras, journey facts (None: no journey), event extras, the reason)
CASES: list[tuple[str, str, dict[str, Any], dict[str, Any] | None, dict[str, Any], Reason | None]] = [
    ("counted", "generally_available", {}, None, {}, None),
    ("wrong-type", "generally_available", {}, None, {"event_type": "sell"}, Reason.WRONG_EVENT_TYPE),
    ("wrong-tags", "generally_available", {"goal": TAGGED}, None, {"tags": ["gold"]}, Reason.WRONG_TAGS),
    ("all-tags", "generally_available", {"goal": TAGGED}, None, {"tags": ["x", "gold"]}, None),
    ("above-range", "generally_available", {"goal": RANGE}, None, {"value": "20"}, Reason.VALUE_OUT_OF_RANGE),
    ("in-range", "generally_available", {"goal": RANGE}, None, {"value": "10"}, None),
    ("no-amount", "generally_available", {"goal": SUM}, None, {}, Reason.NO_POSITIVE_AMOUNT),
    ("negative", "generally_available", {"goal": SUM}, None, {"value": "-1"}, Reason.NO_POSITIVE_AMOUNT),
    ("duplicate", "generally_available", {}, None, {"seen_before": True}, Reason.DUPLICATE_ID),
    ("draft", "generally_available", {"status": "draft"}, None, {}, Reason.MISSION_CLOSED),
    ("closed", "generally_available", {}, {"closed_at": day(4)}, {}, Reason.MISSION_CLOSED),
    ("router-ineligible", "generally_available", {}, None, {"eligible": False}, Reason.NOT_ELIGIBLE),
    ("journey-ineligible", "generally_available", {}, {"ineligible_since": day(4)}, {}, Reason.NOT_ELIGIBLE),
    ("before-S", "generally_available", {}, None, {"at": S - MICRO}, Reason.BEFORE_START),
    ("locked", "locked", {}, None, {}, Reason.LOCKED),
    ("unlocked-later", "locked", {}, {"unlocked_at": day(6)}, {}, Reason.LOCKED),
    ("not-granted", "featured", {}, None, {}, Reason.NOT_GRANTED),
    ("after-deadline", "generally_available", {}, None, {"at": day(8)}, Reason.AFTER_DEADLINE),
    ("not-opted-in", "generally_available", {"opt_in": True}, None, {}, Reason.NOT_OPTED_IN),
    ("opted-in", "generally_available", {"opt_in": True}, {"opted_in_at": day(4)}, {}, None),
    ("already-completed", "generally_available", {}, {"completions": 1}, {}, Reason.ALREADY_COMPLETED),
    ("budget-spent", "generally_available", {"budget_exhausted_at": day(3)}, None, {}, Reason.BUDGET_SPENT),
    ("budget-spent-started", "generally_available", {"budget_exhausted_at": day(3)}, {"progress": 1}, {}, None),
]


def _ctx(type: str, extra: dict[str, Any]) -> Any:
    extra = dict(extra)
    status = extra.pop("status", "active")
    exhausted = extra.pop("budget_exhausted_at", None)
    ctx = make_ctx(type, status=status, **{**CLOCKS, **extra})
    return ctx.model_copy(update={"budget_exhausted_at": exhausted}) if exhausted else ctx


@pytest.mark.parametrize(("type", "extra", "facts", "event", "reason"), [pytest.param(*c[1:], id=c[0]) for c in CASES])
def test_each_reason(
    type: str, extra: dict[str, Any], facts: dict[str, Any] | None, event: dict[str, Any], reason: Reason | None
) -> None:
    ctx = _ctx(type, extra)
    journey = make_journey(**facts) if facts is not None else None
    event = dict(event)
    at: datetime = event.pop("at", day(5))
    value = Decimal(event.pop("value")) if "value" in event else None
    fields = {"event_type": event.pop("event_type", "buy"), "tags": event.pop("tags", []), "value": value, "at": at}
    assert event_verdict(ctx, journey, **fields, **event) is reason
    if not event:  # what the journey itself decides (no router facts): apply_event agrees
        target = journey if journey is not None else make_journey()
        outcome = apply_event(ctx, target, **fields)
        assert (outcome is EventOutcome.IGNORED) is (reason is not None)


def test_a_recurring_cycle_done_is_its_own_reason() -> None:
    ctx = make_ctx("recurring", recurrence={"every": "day"})
    journey = make_journey(completions=1, cycle=3)
    at = ctx.activated_at + timedelta(days=3, hours=12)
    current = journey_now(ctx, journey, at)
    assert current is not None and current.cycle == 3
    assert event_verdict(ctx, current, event_type="buy", tags=[], value=None, at=at) is Reason.CYCLE_COMPLETED


@settings(max_examples=500, deadline=None)
@given(scenarios())
def test_the_pre_filter_the_journey_and_the_verdict_agree(sc: Scenario) -> None:
    ctx, journey = to_ctx(sc.mission), to_journey(sc.journey)
    reason = event_verdict(ctx, journey, event_type="buy", tags=[], value=None, at=sc.now)
    assert event_can_change(ctx, journey, event_type="buy", tags=[], value=None, at=sc.now) is (reason is None)
    target = journey if journey is not None else make_journey()
    outcome = apply_event(ctx, target, event_type="buy", tags=[], value=None, at=sc.now)
    assert (outcome is EventOutcome.IGNORED) is (reason is not None)
