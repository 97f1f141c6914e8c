"""Clocks of real journeys (docs/missions.md §3) and every §4 row they pass through.

Each test walks one journey of one type through days of server time (skipped): S in 2 days,
E in 10 days and T of 3 days unless the test says otherwise. At each step it asserts what the
user sees (the read model projected at the server's time, and the ledger) and what the workflow
holds. Journeys are started by an event sent before S, which must change nothing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from domain.journey import EnrolmentStatus, MissionContext
from domain.projection import Tab
from tests.workflows.conftest import DAY, HOUR, Harness, assert_row, held_status
from workflows.payloads import Grant, OptIn, Unlock

T = 3 * DAY


async def _start_before_s(h: Harness, ctx: MissionContext, user: str, start: datetime | None) -> None:
    """Starts the journey with an event received before S; the event changes nothing."""
    assert await h.deliver(ctx, user)
    seen = await h.observe(ctx, user)
    assert seen.held is not None and seen.held.journey.progress == 0
    assert seen.journey is not None and seen.journey.progress == 0
    assert start is not None and seen.now < start


# --- generally_available -----------------------------------------------------------------------


async def test_ga_without_opt_in_locked_until_s_then_missed_at_s_plus_t(harness: Harness) -> None:
    """No opt-in: before S locked with until_start; anchor = S (after activation); missed at S + T."""
    h = harness
    ctx, s, e = await h.timed_mission("generally_available")
    assert s is not None and e is not None
    user = h.user()

    await _start_before_s(h, ctx, user, s)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.LOCKED, [], ("until_start", s))
    assert held_status(seen) is EnrolmentStatus.LOCKED
    assert await h.refusal(ctx, user, "opt_in", OptIn(at=seen.now)) == "opt_in_not_required"

    await h.skip_to(s + HOUR)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.AVAILABLE, [], ("until_deadline", s + T))
    assert held_status(seen) is EnrolmentStatus.AVAILABLE
    assert seen.progress == 0  # the event before S did not count

    assert await h.deliver(ctx, user)
    await h.skip_to(s + T - HOUR)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.AVAILABLE, [], ("until_deadline", s + T))
    assert seen.progress == 1

    await h.skip_to(s + T + HOUR)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.MISSED, ["expired"], None)
    assert held_status(seen) is EnrolmentStatus.MISSED
    assert not await h.is_running(ctx, user)
    assert seen.points == 0


async def test_ga_anchor_is_activation_when_s_has_passed(harness: Harness) -> None:
    """anchor = max(activation, S): with S before activation, T counts from the activation."""
    h = harness
    ctx, s, _ = await h.timed_mission("generally_available", start=-DAY, end=None)
    activated = ctx.activated_at
    assert s is not None and activated is not None and s < activated
    user = h.user()

    assert await h.deliver(ctx, user)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.AVAILABLE, [], ("until_deadline", activated + T))
    assert seen.progress == 1

    await h.skip_to(activated + T + HOUR)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.MISSED, ["expired"], None)
    assert not await h.is_running(ctx, user)


async def test_ga_deadline_is_e_when_e_comes_before_anchor_plus_t(harness: Harness) -> None:
    """The deadline is the earliest of E and anchor + T: here E, with T = 20 days."""
    h = harness
    ctx, s, e = await h.timed_mission("generally_available", ttc=20 * DAY)
    assert s is not None and e is not None
    user = h.user()

    await _start_before_s(h, ctx, user, s)
    await h.skip_to(s + HOUR)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.AVAILABLE, [], ("until_deadline", e))

    await h.skip_to(e + HOUR)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.MISSED, ["expired"], None)
    assert held_status(seen) is EnrolmentStatus.MISSED


async def test_ga_without_t_or_e_has_no_timer(harness: Harness) -> None:
    """Available with no deadline at all: no timer, and days later still available."""
    h = harness
    ctx, _, _ = await h.timed_mission("generally_available", start=None, end=None, ttc=None)
    user = h.user()
    assert await h.deliver(ctx, user)
    await h.skip(30 * DAY)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.AVAILABLE, [], None)
    assert seen.progress == 1 and await h.is_running(ctx, user)


async def test_ga_with_opt_in_t_counts_from_the_opt_in(harness: Harness) -> None:
    """Opt-in: requires_opt_in until E before; events before the opt-in ignored; T from the opt-in."""
    h = harness
    ctx, s, e = await h.timed_mission("generally_available", opt_in=True)
    assert s is not None and e is not None
    user = h.user()

    await _start_before_s(h, ctx, user, s)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.LOCKED, [], ("until_start", s), can_opt_in=False)
    assert await h.refusal(ctx, user, "opt_in", OptIn(at=seen.now)) == "cannot_opt_in"

    await h.skip_to(s + HOUR)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.AVAILABLE, ["requires_opt_in"], ("until_deadline", e), can_opt_in=True)
    assert await h.deliver(ctx, user)  # not opted in yet: ignored
    assert (await h.observe(ctx, user)).progress == 0

    await h.skip_to(s + DAY)
    result = await h.act(ctx, user, "opt_in", OptIn(at=await h.now()))
    opted = result.journey.opted_in_at
    assert opted is not None and result.status is EnrolmentStatus.OPTED_IN
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.AVAILABLE, ["opted_in"], ("until_deadline", opted + T))
    assert held_status(seen) is EnrolmentStatus.OPTED_IN
    assert await h.refusal(ctx, user, "opt_in", OptIn(at=await h.now())) == "already_opted_in"

    assert await h.deliver(ctx, user)
    await h.skip_to(s + T + HOUR)  # S + T has passed, but T counts from the opt-in
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.AVAILABLE, ["opted_in"], ("until_deadline", opted + T))
    assert seen.progress == 1

    await h.skip_to(opted + T + HOUR)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.MISSED, ["expired"], None)
    assert held_status(seen) is EnrolmentStatus.MISSED
    assert not await h.is_running(ctx, user)


async def test_ga_with_opt_in_never_opted_in_is_missed_at_e(harness: Harness) -> None:
    """Without an opt-in T never starts; E still ends the mission."""
    h = harness
    ctx, s, e = await h.timed_mission("generally_available", opt_in=True)
    assert s is not None and e is not None
    user = h.user()
    await _start_before_s(h, ctx, user, s)
    await h.skip_to(s + T + HOUR)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.AVAILABLE, ["requires_opt_in"], ("until_deadline", e), can_opt_in=True)

    await h.skip_to(e + HOUR)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.MISSED, ["expired"], None)
    assert await h.refusal(ctx, user, "opt_in", OptIn(at=await h.now())) == "journey_finished"


async def test_ga_with_opt_in_and_no_t_runs_until_e(harness: Harness) -> None:
    """Opted in without T: the deadline is E."""
    h = harness
    ctx, s, e = await h.timed_mission("generally_available", opt_in=True, ttc=None)
    assert s is not None and e is not None
    user = h.user()
    await h.skip_to(s + HOUR)
    await h.act(ctx, user, "opt_in", OptIn(at=await h.now()))
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.AVAILABLE, ["opted_in"], ("until_deadline", e))
    await h.skip_to(e + HOUR)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.MISSED, ["expired"], None)


# --- locked ------------------------------------------------------------------------------------


async def test_locked_without_opt_in_t_counts_from_the_unlock(harness: Harness) -> None:
    """Locked: [locked] until_start before S, until E after S; events ignored until the unlock;
    unlocked: [active] with T from the unlock; missed at unlock + T."""
    h = harness
    ctx, s, e = await h.timed_mission("locked")
    assert s is not None and e is not None
    user = h.user()

    await _start_before_s(h, ctx, user, s)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.LOCKED, ["locked"], ("until_start", s))

    await h.skip_to(s + HOUR)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.LOCKED, ["locked"], ("until_deadline", e))
    assert held_status(seen) is EnrolmentStatus.LOCKED
    assert await h.deliver(ctx, user)  # locked: ignored
    assert (await h.observe(ctx, user)).progress == 0

    await h.skip_to(s + DAY)
    result = await h.act(ctx, user, "unlock", Unlock(at=await h.now()))
    unlocked = result.journey.unlocked_at
    assert unlocked is not None and result.status is EnrolmentStatus.AVAILABLE
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.AVAILABLE, ["active"], ("until_deadline", unlocked + T))

    assert await h.deliver(ctx, user)
    await h.skip_to(s + T + HOUR)  # S + T has passed, but T counts from the unlock
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.AVAILABLE, ["active"], ("until_deadline", unlocked + T))
    assert seen.progress == 1

    await h.skip_to(unlocked + T + HOUR)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.MISSED, ["expired"], None)
    assert held_status(seen) is EnrolmentStatus.MISSED
    assert not await h.is_running(ctx, user)


async def test_locked_with_opt_in_after_unlock(harness: Harness) -> None:
    """Unlocked opt-in mission: the §4 opt-in rows (no `active` chip, which is on the no-opt-in row
    only): requires_opt_in until E, then opted_in with T from the opt-in; completing it shows it in
    Completed with no timer and pays once."""
    h = harness
    ctx, s, e = await h.timed_mission("locked", opt_in=True)
    assert s is not None and e is not None
    user = h.user()

    await _start_before_s(h, ctx, user, s)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.LOCKED, ["locked"], ("until_start", s), can_opt_in=False)

    await h.skip_to(s + HOUR)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.LOCKED, ["locked"], ("until_deadline", e), can_opt_in=False)
    assert await h.refusal(ctx, user, "opt_in", OptIn(at=await h.now())) == "cannot_opt_in"

    await h.act(ctx, user, "unlock", Unlock(at=await h.now()))
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.AVAILABLE, ["requires_opt_in"], ("until_deadline", e), can_opt_in=True)
    assert await h.deliver(ctx, user)  # unlocked but not opted in: ignored
    assert (await h.observe(ctx, user)).progress == 0

    await h.skip(DAY)
    opted = (await h.act(ctx, user, "opt_in", OptIn(at=await h.now()))).journey.opted_in_at
    assert opted is not None
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.AVAILABLE, ["opted_in"], ("until_deadline", opted + T))

    await h.deliver_many(ctx, user, 3)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.COMPLETED, [], None)
    assert held_status(seen) is EnrolmentStatus.COMPLETED
    assert seen.points == 10 and await h.ledger_entries(user, ctx.mission_id) == 1


async def test_locked_reaching_e_before_unlock_is_missed(harness: Harness) -> None:
    """A locked mission that reaches E before it is unlocked is missed; T never started."""
    h = harness
    ctx, s, e = await h.timed_mission("locked")
    assert s is not None and e is not None
    user, bystander = h.user(), h.user()

    await _start_before_s(h, ctx, user, s)
    await h.skip_to(e - HOUR)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.LOCKED, ["locked"], ("until_deadline", e))

    await h.skip_to(e + HOUR)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.MISSED, ["expired"], None)
    assert held_status(seen) is EnrolmentStatus.MISSED
    assert seen.journey is not None and seen.journey.unlocked_at is None
    assert not await h.is_running(ctx, user)
    assert await h.refusal(ctx, user, "unlock", Unlock(at=await h.now())) == "journey_finished"
    # A user who never had a journey sees the same row.
    assert_row(await h.observe(ctx, bystander), Tab.MISSED, ["expired"], None)


async def test_locked_hidden_until_unlocked(harness: Harness) -> None:
    """`hidden_until_unlocked`: invisible while locked, then shown with the `active` chip."""
    h = harness
    ctx, _, e = await h.timed_mission("locked", start=None, ttc=None, unlock={"hidden_until_unlocked": True})
    assert e is not None
    user = h.user()
    assert await h.deliver(ctx, user)
    seen = await h.observe(ctx, user)
    assert seen.view is None and seen.journey is not None and seen.journey.progress == 0

    await h.act(ctx, user, "unlock", Unlock(at=await h.now()))
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.AVAILABLE, ["active"], ("until_deadline", e))


# --- featured ----------------------------------------------------------------------------------


async def test_featured_without_opt_in_t_counts_from_the_grant(harness: Harness) -> None:
    """Featured: hidden and refusing grants before S; hidden until granted; granted: [featured]
    with T from the grant; missed at grant + T, still [featured]."""
    h = harness
    ctx, s, e = await h.timed_mission("featured")
    assert s is not None and e is not None
    user = h.user()

    assert await h.refusal(ctx, user, "grant", Grant(at=await h.now())) == "not_started"
    seen = await h.observe(ctx, user)
    assert seen.view is None
    assert seen.held is not None and seen.held.journey.granted_at is None

    await h.skip_to(s + HOUR)
    assert await h.deliver(ctx, user)  # not granted: ignored
    seen = await h.observe(ctx, user)
    assert seen.view is None and seen.journey is not None and seen.journey.progress == 0

    await h.skip_to(s + DAY)
    result = await h.act(ctx, user, "grant", Grant(at=await h.now()))
    granted = result.journey.granted_at
    assert granted is not None and result.status is EnrolmentStatus.AVAILABLE
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.AVAILABLE, ["featured"], ("until_deadline", granted + T))
    again = await h.act(ctx, user, "grant", Grant(at=await h.now()))
    assert again.journey.granted_at == granted  # granting twice changes nothing

    assert await h.deliver(ctx, user)
    await h.skip_to(s + T + HOUR)  # S + T has passed, but T counts from the grant
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.AVAILABLE, ["featured"], ("until_deadline", granted + T))
    assert seen.progress == 1

    await h.skip_to(granted + T + HOUR)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.MISSED, ["expired", "featured"], None)
    assert held_status(seen) is EnrolmentStatus.MISSED
    assert not await h.is_running(ctx, user)


async def test_featured_with_opt_in(harness: Harness) -> None:
    """Granted opt-in featured mission: [featured, requires_opt_in] until E, then [featured,
    opted_in] with T from the opt-in; completed keeps the featured chip and pays once."""
    h = harness
    ctx, s, e = await h.timed_mission("featured", opt_in=True)
    assert s is not None and e is not None
    user = h.user()

    await h.skip_to(s + HOUR)
    await h.act(ctx, user, "grant", Grant(at=await h.now()))
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.AVAILABLE, ["featured", "requires_opt_in"], ("until_deadline", e), can_opt_in=True)
    assert await h.deliver(ctx, user)  # granted but not opted in: ignored
    assert (await h.observe(ctx, user)).progress == 0

    await h.skip(DAY)
    opted = (await h.act(ctx, user, "opt_in", OptIn(at=await h.now()))).journey.opted_in_at
    assert opted is not None
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.AVAILABLE, ["featured", "opted_in"], ("until_deadline", opted + T))

    await h.deliver_many(ctx, user, 3)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.COMPLETED, ["featured"], None)
    assert seen.points == 10 and await h.ledger_entries(user, ctx.mission_id) == 1


async def test_featured_reaching_e_after_grant_is_missed(harness: Harness) -> None:
    """E ends a granted featured mission (T longer than the window)."""
    h = harness
    ctx, _, e = await h.timed_mission("featured", start=None, ttc=30 * DAY)
    assert e is not None
    user = h.user()
    await h.act(ctx, user, "grant", Grant(at=await h.now()))
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.AVAILABLE, ["featured"], ("until_deadline", e))
    await h.skip_to(e + HOUR)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.MISSED, ["expired", "featured"], None)


# --- recurring_on_completion -------------------------------------------------------------------


async def test_recurring_on_completion_without_opt_in(harness: Harness) -> None:
    """Locked until S; available until E; each completion resets progress and pays; missed at E."""
    h = harness
    ctx, s, e = await h.timed_mission(
        "recurring_on_completion", ttc=None, goal={"kind": "event", "event_type": "rc-ev", "count": 2}
    )
    assert s is not None and e is not None
    user = h.user()

    await _start_before_s(h, ctx, user, s)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.LOCKED, [], ("until_start", s))

    await h.skip_to(s + HOUR)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.AVAILABLE, [], ("until_deadline", e))

    await h.deliver_many(ctx, user, 3)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.AVAILABLE, [], ("until_deadline", e))
    assert (seen.progress, seen.view and seen.view.completions, seen.points) == (1, 1, 10)

    await h.skip_to(e + HOUR)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.MISSED, ["expired"], None)
    assert held_status(seen) is EnrolmentStatus.MISSED
    assert seen.points == 10
    assert not await h.is_running(ctx, user)


async def test_recurring_on_completion_with_opt_in_resets_the_opt_in(harness: Harness) -> None:
    """Each completion resets the opt-in too: requires_opt_in again, events ignored until then."""
    h = harness
    ctx, s, e = await h.timed_mission(
        "recurring_on_completion", opt_in=True, ttc=None, goal={"kind": "event", "event_type": "rc-ev", "count": 2}
    )
    assert s is not None and e is not None
    user = h.user()

    await _start_before_s(h, ctx, user, s)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.LOCKED, [], ("until_start", s), can_opt_in=False)

    await h.skip_to(s + HOUR)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.AVAILABLE, ["requires_opt_in"], ("until_deadline", e), can_opt_in=True)
    assert await h.deliver(ctx, user)  # not opted in: ignored
    assert (await h.observe(ctx, user)).progress == 0

    await h.act(ctx, user, "opt_in", OptIn(at=await h.now()))
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.AVAILABLE, ["opted_in"], ("until_deadline", e))

    await h.deliver_many(ctx, user, 2)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.AVAILABLE, ["requires_opt_in"], ("until_deadline", e), can_opt_in=True)
    assert (seen.progress, seen.points) == (0, 10)
    assert seen.journey is not None and (seen.journey.completions, seen.journey.opted_in_at) == (1, None)

    assert await h.deliver(ctx, user)  # the opt-in was reset: ignored
    assert (await h.observe(ctx, user)).progress == 0

    await h.skip(DAY)
    await h.act(ctx, user, "opt_in", OptIn(at=await h.now()))
    await h.deliver_many(ctx, user, 1)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.AVAILABLE, ["opted_in"], ("until_deadline", e))
    assert seen.progress == 1


# --- the availability window, for every type ---------------------------------------------------

TYPES = ["generally_available", "locked", "featured", "recurring_on_completion"]


async def _open(h: Harness, ctx: MissionContext, user: str) -> None:
    """Makes the mission progressable for the user (unlock, grant, opt-in as its type needs)."""
    if ctx.spec.type == "locked":
        await h.act(ctx, user, "unlock", Unlock(at=await h.now()))
    if ctx.spec.type == "featured":
        await h.act(ctx, user, "grant", Grant(at=await h.now()))
    if ctx.spec.opt_in:
        await h.act(ctx, user, "opt_in", OptIn(at=await h.now()))


@pytest.mark.parametrize("opt_in", [False, True], ids=["no-opt-in", "opt-in"])
@pytest.mark.parametrize("kind", TYPES)
async def test_every_type_is_missed_at_e(harness: Harness, kind: str, opt_in: bool) -> None:
    """Whatever the type: opened after S, progressed, E passes uncompleted → missed, no timer, no
    reward, the workflow ends, and a later event does not restart it."""
    h = harness
    ttc = None if kind == "recurring_on_completion" else 30 * DAY
    ctx, s, e = await h.timed_mission(kind, opt_in=opt_in, ttc=ttc)
    assert s is not None and e is not None
    user = h.user()
    await h.skip_to(s + HOUR)
    await _open(h, ctx, user)
    assert await h.deliver(ctx, user)
    seen = await h.observe(ctx, user)
    assert seen.tab is Tab.AVAILABLE and seen.progress == 1
    assert seen.view is not None and seen.view.timer is not None and seen.view.timer.ends_at == e

    await h.skip_to(e + HOUR)
    featured = ["featured"] if kind == "featured" else []
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.MISSED, ["expired", *featured], None)
    assert held_status(seen) is EnrolmentStatus.MISSED
    assert seen.points == 0
    assert not await h.is_running(ctx, user)
    assert not await h.deliver(ctx, user)
    assert_row(await h.observe(ctx, user), Tab.MISSED, ["expired", *featured], None)


@pytest.mark.parametrize("opt_in", [False, True], ids=["no-opt-in", "opt-in"])
@pytest.mark.parametrize("kind", TYPES)
async def test_every_type_completes_within_its_window(harness: Harness, kind: str, opt_in: bool) -> None:
    """Whatever the type: opened after S and completed before the deadline → one reward; a one-off
    (and a repeatable one at `max_completions`) sits in Completed with no timer."""
    h = harness
    extra: dict[str, Any] = {"max_completions": 1} if kind == "recurring_on_completion" else {}
    ttc = None if kind == "recurring_on_completion" else T
    ctx, s, _ = await h.timed_mission(kind, opt_in=opt_in, ttc=ttc, **extra)
    assert s is not None
    user = h.user()
    await h.skip_to(s + HOUR)
    await _open(h, ctx, user)
    await h.deliver_many(ctx, user, 3)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.COMPLETED, ["featured"] if kind == "featured" else [], None)
    assert held_status(seen) is EnrolmentStatus.COMPLETED
    assert seen.journey is not None and seen.journey.completions == 1
    assert seen.points == 10 and await h.ledger_entries(user, ctx.mission_id) == 1
    assert not await h.is_running(ctx, user)

    # Days later, past every deadline, it is still completed: completing beats missing.
    await h.skip(20 * DAY)
    seen = await h.observe(ctx, user)
    assert seen.tab is Tab.COMPLETED and seen.points == 10


# --- revisions move the clocks -----------------------------------------------------------------


async def test_a_revision_moves_the_deadline(harness: Harness) -> None:
    """A new revision's T re-arms the journey's timer: a longer T keeps it open past the old
    deadline; a shorter one already behind us ends it at once."""
    h = harness
    ctx, _, _ = await h.timed_mission("generally_available", start=None, end=None)
    activated = ctx.activated_at
    assert activated is not None
    longer, shorter = h.user(), h.user()
    for user in (longer, shorter):
        assert await h.deliver(ctx, user)
    await h.skip(2 * DAY)

    five_days = await h.revise_mission(ctx, time_to_complete=(5 * DAY).total_seconds())
    one_day = await h.revise_mission(five_days, time_to_complete=DAY.total_seconds())
    await h.revise(ctx, longer, five_days)
    await h.revise(ctx, shorter, one_day)
    seen = await h.observe(one_day, shorter)
    assert_row(seen, Tab.MISSED, ["expired"], None)
    assert held_status(seen) is EnrolmentStatus.MISSED and not await h.is_running(ctx, shorter)

    await h.skip_to(activated + T + HOUR)
    seen = await h.observe(five_days, longer)
    assert_row(seen, Tab.AVAILABLE, [], ("until_deadline", activated + 5 * DAY))
    assert seen.progress == 1
    await h.skip_to(activated + 5 * DAY + HOUR)
    assert_row(await h.observe(five_days, longer), Tab.MISSED, ["expired"], None)
