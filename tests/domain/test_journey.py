"""One user's journey (docs/missions.md §3 clocks, §5 event rules, §2 repeats): anchors,
deadlines, status, applying events, revisions and the next durable timer.

Timeline used throughout (whole days, see `reference.day`): the mission is activated at day 0,
S = day 2, E = day 20, T = 5 days unless a test says otherwise.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings

from domain.journey import (
    EnrolmentStatus,
    EventOutcome,
    Journey,
    MissionContext,
    anchor,
    apply_event,
    can_opt_in,
    can_progress,
    deadline,
    event_can_change,
    next_change,
    reward_key,
    status_at,
)
from domain.transitions import completes_on_revision
from tests.domain.reference import (
    TYPES,
    RefJourney,
    Scenario,
    day,
    days,
    make_ctx,
    make_journey,
    opened_facts,
    ref_can_progress,
    scenarios,
    to_ctx,
    to_journey,
)

S, E, T = day(2), day(20), days(5)
CLOCKS = {"start_at": S, "end_at": E, "time_to_complete": T}
MICRO = timedelta(microseconds=1)


def feed(
    ctx: MissionContext,
    journey: Journey,
    at: datetime,
    value: Any = None,
    *,
    event_type: str = "buy",
    tags: tuple[str, ...] = (),
) -> EventOutcome:
    """Applies one event received at `at`."""
    return apply_event(
        ctx,
        journey,
        event_type=event_type,
        tags=list(tags),
        value=None if value is None else Decimal(value),
        at=at,
    )


# --- §3 anchors -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("activated", "start", "expected"),
    [
        pytest.param(day(0), day(2), day(2), id="S-after-activation"),
        pytest.param(day(3), day(2), day(3), id="activation-after-S"),
        pytest.param(day(1), None, day(1), id="no-S"),
        pytest.param(day(2), day(2), day(2), id="same-moment"),
    ],
)
@pytest.mark.parametrize("type", ["generally_available", "recurring_on_completion"])
def test_anchor_without_opt_in_is_max_of_activation_and_S(
    type: str, activated: datetime, start: datetime | None, expected: datetime
) -> None:
    ctx = make_ctx(type, activated_at=activated, start_at=start)
    assert anchor(ctx, None) == expected
    assert anchor(ctx, make_journey()) == expected


def test_anchor_of_a_locked_mission_is_its_unlock() -> None:
    ctx = make_ctx("locked", **CLOCKS)
    assert anchor(ctx, None) is None
    assert anchor(ctx, make_journey()) is None
    assert anchor(ctx, make_journey(unlocked_at=day(6))) == day(6)
    assert deadline(ctx, make_journey(unlocked_at=day(6))) == day(11)


def test_an_unlock_before_S_makes_the_mission_available_at_S() -> None:
    """Decision: the anchor is "the moment the mission became available to that user"; a user
    unlocked before S cannot progress before S, so T counts from S."""
    ctx = make_ctx("locked", **CLOCKS)
    assert anchor(ctx, make_journey(unlocked_at=day(1))) == S
    assert deadline(ctx, make_journey(unlocked_at=day(1))) == S + T


def test_anchor_of_a_featured_mission_is_its_grant() -> None:
    ctx = make_ctx("featured", **CLOCKS)
    assert anchor(ctx, None) is None
    assert anchor(ctx, make_journey(granted_at=day(4))) == day(4)
    assert deadline(ctx, make_journey(granted_at=day(4))) == day(9)


@pytest.mark.parametrize("type", TYPES)
def test_with_opt_in_the_anchor_is_the_opt_in(type: str) -> None:
    ctx = make_ctx(type, opt_in=True, start_at=S, end_at=E)
    opened = opened_facts(type, day(3))
    assert anchor(ctx, None) is None
    assert anchor(ctx, make_journey(**opened)) is None
    assert anchor(ctx, make_journey(**opened, opted_in_at=day(7))) == day(7)


# --- §3 deadlines ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("clocks", "journey", "expected"),
    [
        pytest.param(CLOCKS, {}, day(7), id="anchor+T-before-E"),
        pytest.param({"start_at": S, "end_at": day(6), "time_to_complete": T}, {}, day(6), id="E-before-anchor+T"),
        pytest.param({"end_at": E}, {}, E, id="E-only"),
        pytest.param({"time_to_complete": T}, {}, day(5), id="T-only-from-activation"),
        pytest.param({"start_at": S}, {}, None, id="S-only"),
        pytest.param({}, {}, None, id="no-clocks"),
    ],
)
def test_deadline_is_the_earliest_of_E_and_anchor_plus_T(
    clocks: dict[str, Any], journey: dict[str, Any], expected: datetime | None
) -> None:
    ctx = make_ctx(**clocks)
    assert deadline(ctx, make_journey(**journey)) == expected
    assert deadline(ctx, None) == expected  # no journey: computed from the mission alone


def test_before_opt_in_only_E_bounds_the_journey() -> None:
    ctx = make_ctx(opt_in=True, **CLOCKS)
    assert deadline(ctx, None) == E
    assert deadline(ctx, make_journey()) == E
    assert deadline(ctx, make_journey(opted_in_at=day(10))) == day(15)
    assert deadline(ctx, make_journey(opted_in_at=day(18))) == E


def test_a_locked_mission_reaching_E_before_its_unlock_is_missed_and_T_never_started() -> None:
    ctx = make_ctx("locked", **CLOCKS)
    assert deadline(ctx, None) == E  # T never started
    assert status_at(ctx, None, E - MICRO) is EnrolmentStatus.LOCKED
    assert status_at(ctx, None, E) is EnrolmentStatus.MISSED
    assert status_at(ctx, make_journey(), day(30)) is EnrolmentStatus.MISSED
    # an unlock after E changes nothing
    late = make_journey(unlocked_at=day(21))
    assert status_at(ctx, late, day(21)) is EnrolmentStatus.MISSED
    assert not can_progress(ctx, late, day(21))


# --- status ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("type", "facts", "now", "expected"),
    [
        ("generally_available", {}, day(1), EnrolmentStatus.LOCKED),
        ("generally_available", {}, S, EnrolmentStatus.AVAILABLE),  # S is inclusive
        ("generally_available", {}, day(7) - MICRO, EnrolmentStatus.AVAILABLE),
        ("generally_available", {}, day(7), EnrolmentStatus.MISSED),  # the deadline is exclusive
        ("locked", {}, day(5), EnrolmentStatus.LOCKED),
        ("locked", {"unlocked_at": day(3)}, day(5), EnrolmentStatus.AVAILABLE),
        ("locked", {"unlocked_at": day(3)}, day(8), EnrolmentStatus.MISSED),
        ("featured", {"granted_at": day(3)}, day(5), EnrolmentStatus.AVAILABLE),
        ("recurring_on_completion", {}, day(19), EnrolmentStatus.AVAILABLE),
        ("recurring_on_completion", {}, E, EnrolmentStatus.MISSED),
        ("generally_available", {"completions": 1}, day(30), EnrolmentStatus.COMPLETED),
    ],
)
def test_status_at(type: str, facts: dict[str, Any], now: datetime, expected: EnrolmentStatus) -> None:
    clocks = CLOCKS if type != "recurring_on_completion" else {"start_at": S, "end_at": E}
    assert status_at(make_ctx(type, **clocks), make_journey(**facts), now) is expected


@pytest.mark.parametrize(
    ("type", "expected"),
    [
        ("generally_available", EnrolmentStatus.AVAILABLE),
        ("recurring_on_completion", EnrolmentStatus.AVAILABLE),
        ("locked", EnrolmentStatus.LOCKED),
        ("featured", EnrolmentStatus.LOCKED),
    ],
)
def test_a_user_without_a_journey_gets_the_missions_own_status(type: str, expected: EnrolmentStatus) -> None:
    ctx = make_ctx(type, start_at=S, end_at=E)
    assert status_at(ctx, None, day(5)) is expected
    assert can_progress(ctx, None, day(5)) is (expected is EnrolmentStatus.AVAILABLE)
    assert status_at(ctx, None, day(1)) is EnrolmentStatus.LOCKED
    assert status_at(ctx, None, E) is EnrolmentStatus.MISSED


def test_pending_submission_shows_as_pending_until_decided() -> None:
    ctx = make_ctx(**CLOCKS)
    journey = make_journey(pending_since=day(3))
    assert status_at(ctx, journey, day(4)) is EnrolmentStatus.PENDING
    assert status_at(ctx, journey, day(7)) is EnrolmentStatus.MISSED


# --- the opt-in button -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("type", "facts", "now", "expected"),
    [
        pytest.param("generally_available", {}, day(1), False, id="before-S"),
        pytest.param("generally_available", {}, S, True, id="at-S"),
        pytest.param("generally_available", {}, day(19), True, id="not-opted-in"),
        pytest.param("generally_available", {"opted_in_at": day(3)}, day(4), False, id="already-opted-in"),
        pytest.param("generally_available", {}, E, False, id="after-E"),
        pytest.param("generally_available", {"completions": 1}, day(5), False, id="completed"),
        pytest.param("generally_available", {"closed_at": day(4)}, day(5), False, id="closed"),
        pytest.param("locked", {}, day(5), False, id="locked-not-unlocked"),
        pytest.param("locked", {"unlocked_at": day(3)}, day(5), True, id="locked-unlocked"),
        pytest.param("featured", {"granted_at": day(3)}, day(5), True, id="featured-granted"),
        pytest.param("recurring_on_completion", {"completions": 1}, day(5), True, id="repeat-after-completion"),
    ],
)
def test_can_opt_in(type: str, facts: dict[str, Any], now: datetime, expected: bool) -> None:
    ctx = make_ctx(type, opt_in=True, start_at=S, end_at=E)
    assert can_opt_in(ctx, make_journey(**facts), now) is expected


def test_no_opt_in_button_without_opt_in_or_on_a_mission_that_is_not_live() -> None:
    assert not can_opt_in(make_ctx(), None, day(5))
    assert not can_opt_in(make_ctx(opt_in=True, status="draft"), None, day(5))
    assert not can_opt_in(make_ctx(opt_in=True, status="archived"), None, day(5))
    assert can_opt_in(make_ctx(opt_in=True), None, day(5))


# --- apply_event -------------------------------------------------------------------------------------

# (id, type, spec extras, journey facts, event time, event value)
IGNORED = [
    ("before-S", "generally_available", {}, {}, S - MICRO, None),
    ("at-the-deadline", "generally_available", {}, {}, day(7), None),
    ("after-the-deadline", "generally_available", {}, {}, day(8), None),
    ("at-E", "generally_available", {"time_to_complete": None}, {}, E, None),
    ("after-E", "recurring_on_completion", {"time_to_complete": None}, {}, day(25), None),
    ("before-opt-in", "generally_available", {"opt_in": True}, {}, day(5), None),
    ("after-the-opt-in-deadline", "generally_available", {"opt_in": True}, {"opted_in_at": day(3)}, day(8), None),
    ("before-unlock", "locked", {}, {}, day(5), None),
    ("unlocked-but-before-S", "locked", {}, {"unlocked_at": day(1)}, day(1), None),
    ("after-unlock-deadline", "locked", {}, {"unlocked_at": day(3)}, day(8), None),
    ("featured-not-granted", "featured", {}, {}, day(5), None),
    ("locked-opt-in-unlocked-not-opted", "locked", {"opt_in": True}, {"unlocked_at": day(3)}, day(5), None),
    ("already-completed", "generally_available", {}, {"completions": 1}, day(5), None),
    # an event received before the fact that opens the journey does not see that fact
    ("received-before-the-unlock", "locked", {}, {"unlocked_at": day(4)}, day(3), None),
    ("received-before-the-grant", "featured", {}, {"granted_at": day(4)}, day(3), None),
    ("received-before-the-opt-in", "generally_available", {"opt_in": True}, {"opted_in_at": day(4)}, day(3), None),
    ("closed-journey", "generally_available", {}, {"closed_at": day(4)}, day(5), None),
]


@pytest.mark.parametrize(
    ("type", "extra", "facts", "at", "value"), [pytest.param(*row[1:], id=row[0]) for row in IGNORED]
)
def test_events_the_user_cannot_progress_with_change_nothing(
    type: str, extra: dict[str, Any], facts: dict[str, Any], at: datetime, value: Any
) -> None:
    """§5: an event for a mission the user cannot progress in (locked, not opted in, before S,
    after the deadline) changes nothing for that mission."""
    ctx = make_ctx(type, **{**CLOCKS, **extra})
    journey = make_journey(progress=1, **facts)
    before = journey.model_copy(deep=True)
    assert feed(ctx, journey, at, value) is EventOutcome.IGNORED
    assert journey == before
    assert not event_can_change(ctx, journey, event_type="buy", tags=[], value=None, at=at)


@pytest.mark.parametrize("status", ["draft", "archived"])
def test_events_for_a_mission_that_is_not_live_change_nothing(status: str) -> None:
    ctx = make_ctx(status=status)
    journey = make_journey()
    assert feed(ctx, journey, day(5)) is EventOutcome.IGNORED
    assert journey.progress == 0


@pytest.mark.parametrize(
    ("goal", "event"),
    [
        pytest.param({"kind": "event", "event_type": "buy", "count": 3}, {"event_type": "sell"}, id="other-type"),
        pytest.param(
            {"kind": "event", "event_type": "buy", "count": 3, "tags": ["a"]}, {"tags": ("b",)}, id="tags-no-match"
        ),
        pytest.param(
            {"kind": "event", "event_type": "buy", "amount_min": 10, "amount_max": 20}, {"value": 25}, id="out-of-range"
        ),
        pytest.param({"kind": "event", "event_type": "buy", "amount_min": 10}, {"value": None}, id="no-value-to-add"),
        pytest.param({"kind": "manual", "proof": ["link"]}, {}, id="manual-goal"),
    ],
)
def test_events_the_goal_does_not_count_change_nothing(goal: dict[str, Any], event: dict[str, Any]) -> None:
    ctx = make_ctx(goal=goal)
    journey = make_journey()
    before = journey.model_copy(deep=True)
    value = event.pop("value", None)
    assert feed(ctx, journey, day(1), value, **event) is EventOutcome.IGNORED
    assert journey == before


@pytest.mark.parametrize(
    ("type", "extra", "facts", "at"),
    [
        pytest.param("generally_available", {}, {}, S, id="at-S"),
        pytest.param("generally_available", {}, {}, day(7) - MICRO, id="just-before-the-deadline"),
        pytest.param("generally_available", {"opt_in": True}, {"opted_in_at": day(3)}, day(3), id="at-the-opt-in"),
        pytest.param("locked", {}, {"unlocked_at": day(3)}, day(3), id="at-the-unlock"),
        pytest.param("locked", {}, {"unlocked_at": day(1)}, S, id="unlocked-early-at-S"),
        pytest.param("featured", {}, {"granted_at": day(3)}, day(3), id="at-the-grant"),
        pytest.param("recurring_on_completion", {"time_to_complete": None}, {}, E - MICRO, id="just-before-E"),
    ],
)
def test_events_progress_from_the_moment_the_user_can_progress(
    type: str, extra: dict[str, Any], facts: dict[str, Any], at: datetime
) -> None:
    ctx = make_ctx(type, **{**CLOCKS, **extra})
    journey = make_journey(**facts)
    assert feed(ctx, journey, at) is EventOutcome.PROGRESSED
    assert journey.progress == 1
    assert journey.version == 1


@pytest.mark.parametrize("type", TYPES)
def test_the_nth_matching_event_completes_the_mission(type: str) -> None:
    ctx = make_ctx(type, start_at=S, end_at=E)
    journey = make_journey(**opened_facts(type, day(3)))
    outcomes = [feed(ctx, journey, day(4 + i)) for i in range(3)]
    assert outcomes == [EventOutcome.PROGRESSED, EventOutcome.PROGRESSED, EventOutcome.COMPLETED]
    assert journey.completions == 1
    assert journey.completed_at == day(6)
    if type != "recurring_on_completion":
        assert status_at(ctx, journey, day(6)) is EnrolmentStatus.COMPLETED
        assert status_at(ctx, journey, day(30)) is EnrolmentStatus.COMPLETED  # E passing changes nothing
        assert feed(ctx, journey, day(7)) is EventOutcome.IGNORED
        assert journey.completions == 1


def test_a_range_goal_completes_on_one_event_in_range() -> None:
    ctx = make_ctx(goal={"kind": "event", "event_type": "buy", "amount_min": 10, "amount_max": 50})
    journey = make_journey()
    assert [feed(ctx, journey, day(1), v) for v in (5, 50, 10)] == [
        EventOutcome.IGNORED,
        EventOutcome.IGNORED,
        EventOutcome.COMPLETED,
    ]


def test_an_accumulating_goal_completes_when_the_sum_reaches_min() -> None:
    ctx = make_ctx(goal={"kind": "event", "event_type": "buy", "amount_min": 100})
    journey = make_journey()
    assert [feed(ctx, journey, day(1), v) for v in ("60", "39.99", "0.01")] == [
        EventOutcome.PROGRESSED,
        EventOutcome.PROGRESSED,
        EventOutcome.COMPLETED,
    ]


def test_a_one_off_completion_keeps_the_progress_that_met_the_goal() -> None:
    """§2: only `recurring_on_completion` "resets immediately after each completion"; a one-off
    mission keeps its progress, so a completed mission shows 3 of 3, not 0 of 3."""
    ctx = make_ctx(goal={"kind": "event", "event_type": "buy", "count": 3})
    journey = make_journey()
    for _ in range(3):
        feed(ctx, journey, day(1))
    assert journey.completions == 1
    assert journey.progress == 3


def test_deduplication_is_the_callers_job() -> None:
    """`apply_event` takes already-deduplicated events: the same event applied twice counts twice
    (the workflow drops redelivered ids before calling it)."""
    ctx = make_ctx()
    journey = make_journey()
    feed(ctx, journey, day(1))
    feed(ctx, journey, day(1))
    assert journey.progress == 2


def test_recurring_on_completion_resets_progress_and_stops_after_max_completions() -> None:
    ctx = make_ctx(
        "recurring_on_completion", max_completions=2, goal={"kind": "event", "event_type": "buy", "count": 2}
    )
    journey = make_journey()
    outcomes = [feed(ctx, journey, day(1 + i)) for i in range(5)]
    assert outcomes == [
        EventOutcome.PROGRESSED,
        EventOutcome.COMPLETED,
        EventOutcome.PROGRESSED,
        EventOutcome.COMPLETED,
        EventOutcome.IGNORED,
    ]
    assert journey.completions == 2
    assert journey.completed_at == day(4)
    assert status_at(ctx, journey, day(6)) is EnrolmentStatus.COMPLETED


def test_recurring_on_completion_progress_restarts_from_zero_after_a_completion() -> None:
    ctx = make_ctx("recurring_on_completion", goal={"kind": "event", "event_type": "buy", "count": 3})
    journey = make_journey()
    for i in range(4):
        feed(ctx, journey, day(1 + i))
    assert (journey.completions, journey.progress) == (1, 1)
    assert status_at(ctx, journey, day(5)) is EnrolmentStatus.AVAILABLE


def test_recurring_on_completion_is_unlimited_without_max_completions() -> None:
    ctx = make_ctx("recurring_on_completion", goal={"kind": "event", "event_type": "buy", "count": 1})
    journey = make_journey()
    assert all(feed(ctx, journey, day(1) + timedelta(hours=i)) is EventOutcome.COMPLETED for i in range(50))
    assert journey.completions == 50
    assert status_at(ctx, journey, day(5)) is EnrolmentStatus.AVAILABLE


def test_recurring_on_completion_with_opt_in_asks_for_a_new_opt_in_after_each_completion() -> None:
    """Decision: for `recurring_on_completion` "resets immediately after each completion" is read
    like the recurring reset of §2 ("progress and opt-in reset"): the next round needs an opt-in."""
    ctx = make_ctx(
        "recurring_on_completion",
        opt_in=True,
        max_completions=2,
        goal={"kind": "event", "event_type": "buy", "count": 1},
    )
    journey = make_journey(opted_in_at=day(1))
    assert feed(ctx, journey, day(2)) is EventOutcome.COMPLETED
    assert journey.opted_in_at is None
    assert can_opt_in(ctx, journey, day(3))
    assert feed(ctx, journey, day(3)) is EventOutcome.IGNORED
    journey.opted_in_at = day(4)
    assert feed(ctx, journey, day(4)) is EventOutcome.COMPLETED
    assert status_at(ctx, journey, day(5)) is EnrolmentStatus.COMPLETED


# --- revisions ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("new_goal", "progress", "expected"),
    [
        pytest.param({"count": 5}, 7, True, id="target-lowered-below-progress"),
        pytest.param({"count": 7}, 7, True, id="target-lowered-to-progress"),
        pytest.param({"count": 8}, 7, False, id="target-still-above"),
        pytest.param({"count": 20}, 7, False, id="target-raised"),
        pytest.param({"count": 1}, 0, False, id="no-progress"),
        pytest.param({"amount_min": 50}, 60, True, id="amount-lowered"),
        pytest.param({"amount_min": 61}, 60, False, id="amount-still-above"),
    ],
)
def test_a_revision_completes_the_journey_when_its_goal_is_already_met(
    new_goal: dict[str, Any], progress: int, expected: bool
) -> None:
    """§1: in-flight enrolments pick up a new revision without losing progress; if the new goal
    is already met, the enrolment completes."""
    revised = make_ctx(revision=2, goal={"kind": "event", "event_type": "buy", **new_goal}, **CLOCKS)
    assert completes_on_revision(revised, make_journey(progress=progress), day(4)) is expected


@pytest.mark.parametrize(
    ("extra", "facts", "now"),
    [
        pytest.param({}, {}, day(7), id="journey-already-missed"),
        pytest.param({"opt_in": True}, {}, day(4), id="not-opted-in"),
        pytest.param({}, {"completions": 1}, day(4), id="already-completed"),
        pytest.param({}, {"closed_at": day(3)}, day(4), id="closed"),
    ],
)
def test_a_revision_does_not_complete_a_journey_that_cannot_progress(
    extra: dict[str, Any], facts: dict[str, Any], now: datetime
) -> None:
    revised = make_ctx(revision=2, goal={"kind": "event", "event_type": "buy", "count": 1}, **{**CLOCKS, **extra})
    assert not completes_on_revision(revised, make_journey(progress=5, **facts), now)


# --- next_change ---------------------------------------------------------------------------------------

NEXT_CHANGE = [
    ("before-S", "generally_available", CLOCKS, {}, day(1), S),
    ("available-until-anchor+T", "generally_available", CLOCKS, {}, day(3), day(7)),
    ("available-until-E", "generally_available", {"start_at": S, "end_at": E}, {}, day(3), E),
    ("no-clocks", "generally_available", {}, {}, day(3), None),
    ("not-opted-in-until-E", "generally_available", {**CLOCKS, "opt_in": True}, {}, day(3), E),
    (
        "opted-in-until-opt-in+T",
        "generally_available",
        {**CLOCKS, "opt_in": True},
        {"opted_in_at": day(4)},
        day(5),
        day(9),
    ),
    ("unlocked-until-unlock+T", "locked", CLOCKS, {"unlocked_at": day(3)}, day(4), day(8)),
    ("granted-until-grant+T", "featured", CLOCKS, {"granted_at": day(3)}, day(4), day(8)),
    ("repeatable-until-E", "recurring_on_completion", {"start_at": S, "end_at": E}, {"completions": 2}, day(4), E),
    ("locked-not-unlocked-after-S-until-E", "locked", CLOCKS, {}, day(4), E),
    ("after-E", "generally_available", CLOCKS, {}, day(21), None),
    # time alone does not change these statuses at S, at E or ever:
    ("locked-not-unlocked-before-S", "locked", CLOCKS, {}, day(1), E),
    ("locked-not-unlocked-before-S-no-E", "locked", {"start_at": S}, {}, day(1), None),
    ("completed-before-E", "generally_available", CLOCKS, {"completions": 1}, day(4), None),
    ("missed-by-deadline-before-E", "generally_available", CLOCKS, {}, day(8), None),
]


@pytest.mark.parametrize(
    ("type", "clocks", "facts", "now", "expected"), [pytest.param(*row[1:], id=row[0]) for row in NEXT_CHANGE]
)
def test_next_change_is_the_next_instant_time_alone_changes_the_status(
    type: str, clocks: dict[str, Any], facts: dict[str, Any], now: datetime, expected: datetime | None
) -> None:
    ctx = make_ctx(type, **clocks)
    journey = make_journey(**facts)
    assert next_change(ctx, journey, now) == expected
    if expected is not None:
        assert status_at(ctx, journey, expected - MICRO) is status_at(ctx, journey, now)
        assert status_at(ctx, journey, expected) is not status_at(ctx, journey, now)


def _statuses_until(ctx: MissionContext, journey: Journey | None, now: datetime, until: datetime) -> set[Any]:
    """Status at `now`, at every whole day strictly between, and just before `until`."""
    moments = [now, until - MICRO]
    probe = now + days(1)
    while probe < until:
        moments.append(probe)
        probe += days(1)
    return {status_at(ctx, journey, t) for t in moments}


@settings(max_examples=400, deadline=None)
@given(scenarios())
def test_next_change_never_sleeps_through_a_status_change(sc: Scenario) -> None:
    """All clocks of a scenario are whole days, so checking each day catches every change."""
    ctx, journey = to_ctx(sc.mission), to_journey(sc.journey)
    wake = next_change(ctx, journey, sc.now)
    if wake is None:
        assert _statuses_until(ctx, journey, sc.now, sc.now + days(400)) == {status_at(ctx, journey, sc.now)}
    else:
        assert wake > sc.now
        assert _statuses_until(ctx, journey, sc.now, wake) == {status_at(ctx, journey, sc.now)}


@settings(max_examples=400, deadline=None)
@given(scenarios())
def test_next_change_wakes_only_when_the_status_changes(sc: Scenario) -> None:
    ctx, journey = to_ctx(sc.mission), to_journey(sc.journey)
    wake = next_change(ctx, journey, sc.now)
    if wake is not None:
        assert status_at(ctx, journey, wake) is not status_at(ctx, journey, sc.now)


# --- §5 who may progress, against the reference ------------------------------------------------------


@settings(max_examples=500, deadline=None)
@given(scenarios())
def test_can_progress_agrees_with_the_reference(sc: Scenario) -> None:
    ctx, journey = to_ctx(sc.mission), to_journey(sc.journey)
    expected = ref_can_progress(sc.mission, sc.journey, sc.now)
    assert can_progress(ctx, journey, sc.now) is expected
    assert event_can_change(ctx, journey, event_type="buy", tags=[], value=None, at=sc.now) is expected
    if journey is not None:
        before = journey.model_copy(deep=True)
        outcome = apply_event(ctx, journey, event_type="buy", tags=[], value=None, at=sc.now)
        assert (outcome is not EventOutcome.IGNORED) is expected
        if not expected:
            assert journey == before


def test_the_reference_agrees_on_a_plain_example() -> None:
    """A sanity anchor for the reference used by the properties above."""
    from tests.domain.reference import RefMission

    m = RefMission("generally_available", start_at=S, end_at=E, time_to_complete=T, activated_at=day(0))
    assert [ref_can_progress(m, RefJourney(), d) for d in (day(1), S, day(7))] == [False, True, False]


# --- small helpers --------------------------------------------------------------------------------------


def test_reward_key_is_stable_per_completion() -> None:
    assert reward_key("m1", "u1", 1) == reward_key("m1", "u1", 1)
    assert len({reward_key("m1", "u1", 1), reward_key("m1", "u1", 2), reward_key("m1", "u2", 1)}) == 3
