"""An unlock takes effect at the moment of its cause, however late it reaches the journey
(docs/missions.md §3), on the time-skipping server over days.

The journey keeps the events it received while it waited (the router's catch-up from the event
log is covered through the API in tests/api/test_unlock_timing_api.py); here they reach the locked
journey first and its unlock arrives a day after its cause.
"""

from __future__ import annotations

from domain.journey import JUST_AFTER
from domain.projection import Tab
from tests.workflows.conftest import DAY, HOUR, Harness, assert_row
from workflows.payloads import Eligibility, Unlock


async def test_a_late_unlock_counts_what_was_done_since_its_cause_and_t_runs_from_the_cause(harness: Harness) -> None:
    h = harness
    first = await h.mission(goal={"kind": "event", "event_type": "pre", "count": 1})
    then = await h.mission(
        type="locked",
        time_to_complete="P3D",
        unlock={"after_missions": [first.mission_id]},
        goal={"kind": "event", "event_type": "go", "count": 2},
    )
    user = h.user()
    cause = await h.now()
    before = await h.event(then, received_at=cause - HOUR)  # before the cause: never counts
    at_cause = await h.event(then, received_at=cause)  # the causing instant itself: never counts
    await h.skip(HOUR)
    after = [await h.event(then, received_at=await h.now())]
    for event in (before, at_cause, *after):
        await h.deliver(then, user, event)
    assert (await h.observe(then, user)).progress == 0  # still locked

    await h.skip(DAY)  # the unlock is delivered a day after the prerequisite's completion
    unlock = Unlock(at=cause, source="mission", completed_mission_id=first.mission_id)
    result = await h.act(then, user, "unlock", unlock)
    assert result.journey.unlocked_at == cause + JUST_AFTER
    await h.settle(then, user)
    seen = await h.observe(then, user)
    assert seen.progress == 1  # only the event received after the cause
    assert_row(seen, Tab.AVAILABLE, ["active"], ("until_deadline", cause + JUST_AFTER + 3 * DAY))

    await h.skip(DAY)
    assert await h.deliver(then, user)
    await h.settle(then, user)
    assert (await h.observe(then, user)).tab is Tab.COMPLETED
    assert await h.ledger_entries(user, then.mission_id) == 1


async def test_the_last_of_two_prerequisites_decides_the_moment_whatever_order_they_arrive_in(
    harness: Harness,
) -> None:
    h = harness
    one = await h.mission(goal={"kind": "event", "event_type": "p1", "count": 1})
    two = await h.mission(goal={"kind": "event", "event_type": "p2", "count": 1})
    then = await h.mission(type="locked", unlock={"after_missions": [one.mission_id, two.mission_id]})
    user = h.user()
    early = await h.now()
    await h.skip(DAY)
    late = await h.now()
    await h.skip(DAY)
    # The later completion's announcement arrives first.
    await h.act(then, user, "unlock", Unlock(at=late, source="mission", completed_mission_id=two.mission_id))
    result = await h.act(then, user, "unlock", Unlock(at=early, source="mission", completed_mission_id=one.mission_id))
    assert result.journey.unlocked_at == late + JUST_AFTER


async def test_events_kept_while_ineligible_count_from_the_moment_eligibility_returns(harness: Harness) -> None:
    h = harness
    ctx = await h.mission(goal={"kind": "event", "event_type": "elig", "count": 5})
    user = h.user()
    assert await h.deliver(ctx, user)
    await h.settle(ctx, user)
    left = await h.now()
    await h.handle(ctx, user).signal("eligibility", Eligibility(eligible=False, at=left))
    await h.skip(DAY)
    during = await h.event(ctx, received_at=await h.now())
    await h.skip(DAY)
    back = await h.now()
    await h.skip(HOUR)
    after = await h.event(ctx, received_at=await h.now())
    # Both reach the journey before it hears the user is eligible again (from `back`).
    await h.deliver(ctx, user, during)
    await h.deliver(ctx, user, after)
    assert (await h.observe(ctx, user)).progress == 1
    await h.handle(ctx, user).signal("eligibility", Eligibility(eligible=True, at=back))
    await h.settle(ctx, user)
    assert (await h.observe(ctx, user)).progress == 2  # `after` counts, `during` does not
