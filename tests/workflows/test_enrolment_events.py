"""Events reaching real journeys (docs/missions.md §5): counted once, and only when the user
could progress at the moment the event was received.

"Delivered late" cases build an event received at one moment and deliver it after the journey has
changed (S passed, opted in, unlocked, granted): journeys judge an event by when it was received,
not by when its signal arrives, so those events must change nothing either.
"""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest

from domain.journey import EnrolmentStatus
from domain.projection import Tab
from tests.workflows.conftest import DAY, HOUR, Harness, assert_row, held_status
from workflows import enrolment_state
from workflows.payloads import Grant, OptIn, Unlock, enrolment_id

# --- duplicates --------------------------------------------------------------------------------


async def test_a_redelivered_signal_counts_once(harness: Harness) -> None:
    """The same event id signalled again (plain signal and signal-with-start) changes nothing."""
    h = harness
    ctx = await h.mission()
    user = h.user()
    event = await h.event(ctx)
    assert await h.deliver(ctx, user, event)
    first = await h.observe(ctx, user)
    assert first.progress == 1 and first.journey is not None

    await h.signal(ctx, user, event)
    assert await h.deliver(ctx, user, event)
    seen = await h.observe(ctx, user)
    assert seen.progress == 1
    assert seen.journey is not None and seen.journey.version == first.journey.version
    assert seen.held is not None and seen.held.journey.progress == 1


async def test_two_signal_with_starts_of_one_event_count_once(harness: Harness) -> None:
    """The first delivery starts the journey, the copy joins it; together they count once."""
    h = harness
    ctx = await h.mission(goal={"kind": "event", "event_type": "dup", "count": 2})
    user, racer = h.user(), h.user()
    event = await h.event(ctx)
    assert await h.deliver(ctx, user, event)
    assert await h.deliver(ctx, user, event)
    seen = await h.observe(ctx, user)
    assert seen.progress == 1 and seen.tab is Tab.AVAILABLE and seen.points == 0

    # The same, racing: both copies try to start the journey at once.
    event = await h.event(ctx)
    results = await asyncio.gather(h.gateway.deliver(ctx, racer, event), h.gateway.deliver(ctx, racer, event))
    assert list(results) == [True, True]
    seen = await h.observe(ctx, racer)
    assert seen.progress == 1 and seen.tab is Tab.AVAILABLE and seen.points == 0


async def test_a_duplicate_never_completes_a_mission(harness: Harness) -> None:
    """Two copies of one event do not make a count-2 goal; a second distinct event does."""
    h = harness
    ctx = await h.mission(goal={"kind": "event", "event_type": "dup2", "count": 2})
    user = h.user()
    event = await h.event(ctx)
    for _ in range(3):
        assert await h.deliver(ctx, user, event)
    seen = await h.observe(ctx, user)
    assert (seen.tab, seen.progress, seen.points) == (Tab.AVAILABLE, 1, 0)
    assert await h.deliver(ctx, user)
    seen = await h.observe(ctx, user)
    assert (seen.tab, seen.points) == (Tab.COMPLETED, 10)


async def test_event_ids_are_remembered_across_continue_as_new(harness: Harness) -> None:
    """A repeatable mission continues as new after a completion; an event seen by the previous
    run is still a duplicate for the next one."""
    h = harness
    ctx = await h.mission(type="recurring_on_completion", goal={"kind": "event", "event_type": "roc-dup", "count": 1})
    user = h.user()
    event = await h.event(ctx)
    assert await h.deliver(ctx, user, event)
    seen = await h.observe(ctx, user)
    assert seen.journey is not None and (seen.journey.completions, seen.points) == (1, 10)
    description = await h.handle(ctx, user).describe()
    assert description.run_id != description.raw_description.workflow_execution_info.first_run_id

    assert await h.deliver(ctx, user, event)
    await h.signal(ctx, user, event)
    seen = await h.observe(ctx, user)
    assert seen.journey is not None and (seen.journey.completions, seen.progress, seen.points) == (1, 0, 10)


# --- events the user could not progress with ---------------------------------------------------


async def test_events_before_s_are_ignored(harness: Harness) -> None:
    """Before S nothing counts, also when an event received before S is delivered after it."""
    h = harness
    ctx, s, _ = await h.timed_mission("generally_available")
    assert s is not None
    user = h.user()
    assert await h.deliver(ctx, user)
    early = await h.event(ctx)
    assert (await h.observe(ctx, user)).progress == 0

    await h.skip_to(s + HOUR)
    assert await h.deliver(ctx, user, early)
    seen = await h.observe(ctx, user)
    assert seen.progress == 0 and seen.tab is Tab.AVAILABLE
    assert await h.deliver(ctx, user)
    assert (await h.observe(ctx, user)).progress == 1


async def test_events_before_opt_in_are_ignored(harness: Harness) -> None:
    """Not opted in: nothing counts, also an event received before the opt-in delivered after it."""
    h = harness
    ctx = await h.mission(opt_in=True)
    user = h.user()
    assert await h.deliver(ctx, user)
    early = await h.event(ctx)
    seen = await h.observe(ctx, user)
    assert seen.progress == 0 and seen.view is not None and seen.view.can_opt_in

    await h.skip(HOUR)
    await h.act(ctx, user, "opt_in", OptIn(at=await h.now()))
    assert await h.deliver(ctx, user, early)
    assert (await h.observe(ctx, user)).progress == 0
    assert await h.deliver(ctx, user)
    seen = await h.observe(ctx, user)
    assert seen.progress == 1 and held_status(seen) is EnrolmentStatus.OPTED_IN


async def test_events_before_unlock_are_ignored(harness: Harness) -> None:
    """Locked: nothing counts, also an event received before the unlock delivered after it."""
    h = harness
    ctx = await h.mission(type="locked")
    user = h.user()
    assert await h.deliver(ctx, user)
    early = await h.event(ctx)
    seen = await h.observe(ctx, user)
    assert seen.progress == 0 and seen.tab is Tab.LOCKED

    await h.skip(HOUR)
    await h.act(ctx, user, "unlock", Unlock(at=await h.now()))
    assert await h.deliver(ctx, user, early)
    assert (await h.observe(ctx, user)).progress == 0
    assert await h.deliver(ctx, user)
    seen = await h.observe(ctx, user)
    assert seen.progress == 1 and seen.tab is Tab.AVAILABLE


async def test_events_before_the_grant_are_ignored(harness: Harness) -> None:
    """Featured: nothing counts before the grant, also an early event delivered after it."""
    h = harness
    ctx = await h.mission(type="featured")
    user = h.user()
    assert await h.deliver(ctx, user)
    early = await h.event(ctx)
    seen = await h.observe(ctx, user)
    assert seen.view is None and seen.journey is not None and seen.journey.progress == 0

    await h.skip(HOUR)
    await h.act(ctx, user, "grant", Grant(at=await h.now()))
    assert await h.deliver(ctx, user, early)
    assert (await h.observe(ctx, user)).progress == 0
    assert await h.deliver(ctx, user)
    seen = await h.observe(ctx, user)
    assert seen.progress == 1 and seen.view is not None and "featured" in seen.view.chips


async def test_events_after_the_deadline_change_nothing(harness: Harness) -> None:
    """Missed at anchor + T: the journey has ended; later events are refused and never restart it."""
    h = harness
    ctx, _, _ = await h.timed_mission("generally_available", start=None, end=None)
    user = h.user()
    await h.deliver_many(ctx, user, 2)
    run_id = (await h.handle(ctx, user).describe()).run_id
    assert ctx.activated_at is not None
    await h.skip_to(ctx.activated_at + 3 * DAY + HOUR)
    missed = await h.observe(ctx, user)
    assert_row(missed, Tab.MISSED, ["expired"], None)

    for _ in range(2):
        assert not await h.deliver(ctx, user)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.MISSED, ["expired"], None)
    assert seen.journey == missed.journey and seen.progress == 2 and seen.points == 0
    assert (await h.handle(ctx, user).describe()).run_id == run_id


async def test_a_first_event_after_e_changes_nothing(harness: Harness) -> None:
    """A user whose first event arrives after E: the event is ignored and the journey is missed."""
    h = harness
    ctx, _, e = await h.timed_mission("generally_available", start=None, ttc=None)
    assert e is not None
    user = h.user()
    await h.skip_to(e + HOUR)
    await h.deliver(ctx, user)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.MISSED, ["expired"], None)
    assert seen.journey is not None and seen.journey.progress == 0 and seen.points == 0
    assert not await h.is_running(ctx, user)


# --- matching ----------------------------------------------------------------------------------


async def test_only_matching_type_and_tags_count(harness: Harness) -> None:
    """`tag_match: any` needs one selected tag, `all` every one; other event types never count."""
    h = harness
    any_ctx = await h.mission(goal={"kind": "event", "event_type": "buy", "tags": ["a", "b"], "count": 5})
    all_ctx = await h.mission(
        goal={"kind": "event", "event_type": "buy", "tags": ["a", "b"], "tag_match": "all", "count": 5}
    )
    user = h.user()
    for ctx, counted in ((any_ctx, 2), (all_ctx, 1)):
        for tags in (["c"], ["a"], ["a", "b", "c"]):
            assert await h.deliver(ctx, user, await h.event(ctx, tags=tags))
        assert await h.deliver(ctx, user, await h.event(ctx, event_type="sell", tags=["a", "b"]))
        assert (await h.observe(ctx, user)).progress == counted


async def test_amount_goals(harness: Harness) -> None:
    """`amount_min` accumulates values; `amount_min` + `amount_max` needs one value in range."""
    h = harness
    user = h.user()
    total = await h.mission(goal={"kind": "event", "event_type": "spend", "amount_min": "100"})
    for value in ("40", "-5", "59.5"):
        assert await h.deliver(total, user, await h.event(total, value=value))
    seen = await h.observe(total, user)
    assert seen.tab is Tab.AVAILABLE and seen.journey is not None and seen.journey.progress == Decimal("99.5")
    assert await h.deliver(total, user, await h.event(total, value="0.5"))
    assert (await h.observe(total, user)).tab is Tab.COMPLETED

    ranged = await h.mission(goal={"kind": "event", "event_type": "spend", "amount_min": "10", "amount_max": "20"})
    for value in ("25", "20", "9.99"):
        assert await h.deliver(ranged, user, await h.event(ranged, value=value))
    assert (await h.observe(ranged, user)).tab is Tab.AVAILABLE
    assert await h.deliver(ranged, user, await h.event(ranged, value="10"))
    seen = await h.observe(ranged, user)
    assert seen.tab is Tab.COMPLETED and seen.points == 20


async def test_a_hot_journey_continues_as_new_before_temporals_signal_limit(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run counts its event signals and continues as new at `SIGNALS_PER_RUN` (5,000 in
    production; 4 here), keeping every event counted once and the ids it saw."""
    monkeypatch.setattr(enrolment_state, "SIGNALS_PER_RUN", 4)
    h = harness
    ctx = await h.mission(goal={"kind": "event", "event_type": "hot", "count": 100})
    user = h.user()
    events = [await h.event(ctx) for _ in range(10)]
    for event in events:
        assert await h.deliver(ctx, user, event)
    await h.signal(ctx, user, events[0])  # seen by the first run: still a repeat
    seen = await h.observe(ctx, user)
    assert seen.progress == 10
    history = await h.client.get_workflow_handle(enrolment_id(ctx.mission_id, user)).fetch_history()
    started = history.events[0].workflow_execution_started_event_attributes
    assert started.continued_execution_run_id, "the current run continues an earlier one"
