"""Calendar-recurring missions on the time-skipping server (docs/missions.md §2, §3, §4).

Each cycle is a journey of its own (`enrolment:<mission>:<user>:<cycle>`), started by the user's
first interaction in that cycle and closed at the reset that ends it: a user who does nothing
costs nothing, and no history grows across cycles. Resets are local midnights in the mission's
time zone (or a fixed duration from activation); the tests find the dates they need relative to
the server's clock, which other tests move forward, so they pass in any order.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from temporalio.client import WorkflowExecutionStatus

from domain.journey import MissionContext, cycle_at
from domain.projection import Tab
from tests.workflows.conftest import DAY, HOUR, Harness, assert_row
from workflows.payloads import OptIn

BERLIN = ZoneInfo("Europe/Berlin")


def midnight(day: date, zone: ZoneInfo) -> datetime:
    """Local midnight of `day`, in UTC (the zones used here have no DST change at midnight)."""
    return datetime.combine(day, time(0), zone).astimezone(UTC)


def next_midnight(at: datetime, zone: ZoneInfo) -> datetime:
    """The first local midnight strictly after `at`."""
    return midnight(at.astimezone(zone).date() + timedelta(days=1), zone)


async def recurring(h: Harness, recurrence: dict[str, Any], **fields: Any) -> MissionContext:
    body: dict[str, Any] = {
        "type": "recurring",
        "recurrence": recurrence,
        "goal": {"kind": "event", "event_type": f"r-{h.user()}", "count": 1},
        "reward": {"points": 5},
    }
    return await h.mission(**{**body, **fields})


async def complete_cycle(h: Harness, ctx: MissionContext, user: str) -> None:
    assert await h.deliver(ctx, user)
    seen = await h.observe(ctx, user)
    assert seen.view is not None and seen.view.tab is Tab.COMPLETED, seen.view


async def test_daily_cycles_reset_at_local_midnight_and_pay_once_per_cycle(harness: Harness) -> None:
    h = harness
    ctx = await recurring(h, {"every": "day"})
    user = h.user()
    first = next_midnight(await h.now(), ZoneInfo("UTC"))
    # Before the first reset a recurring mission without a start is not shown.
    assert (await h.observe(ctx, user)).view is None

    await h.skip_to(first + HOUR)
    seen = await h.observe(ctx, user)
    assert_row(seen, Tab.AVAILABLE, [], ("until_deadline", first + DAY))
    await complete_cycle(h, ctx, user)
    assert_row(await h.observe(ctx, user), Tab.COMPLETED, [], ("until_reset", first + DAY))
    # A second event in the same cycle changes nothing; the cycle's journey has closed.
    assert not await h.deliver(ctx, user)
    assert (await h.handle(ctx, user).describe()).status is WorkflowExecutionStatus.COMPLETED

    await h.skip_to(first + DAY + HOUR)
    assert_row(await h.observe(ctx, user), Tab.AVAILABLE, [], ("until_deadline", first + 2 * DAY))
    await complete_cycle(h, ctx, user)
    wallet = await h.wallet(user)
    assert wallet.points == 10 and len(wallet.ledger) == 2
    assert {h.handle(ctx, user, c).id for c in (0, 1)} == {
        f"enrolment:{ctx.mission_id}:{user}:0",
        f"enrolment:{ctx.mission_id}:{user}:1",
    }


async def test_opt_in_each_cycle_a_missed_cycle_then_a_completed_one(harness: Harness) -> None:
    h = harness
    ctx = await recurring(h, {"every": "day"}, opt_in=True, time_to_complete=2 * 3600)
    user = h.user()
    first = next_midnight(await h.now(), ZoneInfo("UTC"))
    await h.skip_to(first + HOUR)
    assert_row(
        await h.observe(ctx, user), Tab.AVAILABLE, ["requires_opt_in"], ("until_reset", first + DAY), can_opt_in=True
    )
    opted = (await h.act(ctx, user, "opt_in", OptIn(at=await h.now()))).journey.opted_in_at
    assert opted is not None
    assert_row(await h.observe(ctx, user), Tab.AVAILABLE, ["opted_in"], ("until_deadline", opted + 2 * HOUR))
    await h.skip(3 * HOUR)
    # Missed this cycle: no `expired` chip while a later cycle will come, a countdown to it instead.
    assert_row(await h.observe(ctx, user), Tab.MISSED, [], ("until_reset", first + DAY))

    await h.skip_to(first + DAY + HOUR)
    # The reset cleared the opt-in: the new cycle asks again.
    assert_row(
        await h.observe(ctx, user),
        Tab.AVAILABLE,
        ["requires_opt_in"],
        ("until_reset", first + 2 * DAY),
        can_opt_in=True,
    )
    await h.act(ctx, user, "opt_in", OptIn(at=await h.now()))
    await complete_cycle(h, ctx, user)
    assert (await h.wallet(user)).points == 5


async def test_weekly_on_monday_and_thursday(harness: Harness) -> None:
    h = harness
    zone = ZoneInfo("America/New_York")
    ctx = await recurring(h, {"every": "week", "weekdays": ["mon", "thu"]}, timezone="America/New_York")
    user = h.user()
    now = (await h.now()).astimezone(zone)
    resets = [
        midnight(now.date() + timedelta(days=d), zone)
        for d in range(1, 15)
        if (now.date() + timedelta(days=d)).weekday() in (0, 3)
    ]
    await h.skip_to(resets[0] + HOUR)
    assert_row(await h.observe(ctx, user), Tab.AVAILABLE, [], ("until_deadline", resets[1]))
    await complete_cycle(h, ctx, user)
    await h.skip_to(resets[1] + HOUR)
    assert_row(await h.observe(ctx, user), Tab.AVAILABLE, [], ("until_deadline", resets[2]))
    assert {resets[1].weekday(), resets[2].weekday()} == {0, 3}
    await complete_cycle(h, ctx, user)
    assert (await h.wallet(user)).points == 10


async def test_monthly_on_the_31st_uses_the_last_day_of_february(harness: Harness) -> None:
    h = harness
    ctx = await recurring(h, {"every": "month", "day": 31})
    user = h.user()
    now = await h.now()
    year = now.year + 1 if (now.month, now.day) >= (2, 1) else now.year
    utc = ZoneInfo("UTC")
    last_of_feb = date(year, 3, 1) - timedelta(days=1)
    await h.skip_to(midnight(date(year, 2, 10), utc))
    # The cycle that began on 31 January ends on February's last day, 28th or 29th.
    assert_row(await h.observe(ctx, user), Tab.AVAILABLE, [], ("until_deadline", midnight(last_of_feb, utc)))
    await complete_cycle(h, ctx, user)
    await h.skip_to(midnight(last_of_feb, utc) + HOUR)
    assert_row(await h.observe(ctx, user), Tab.AVAILABLE, [], ("until_deadline", midnight(date(year, 3, 31), utc)))
    await complete_cycle(h, ctx, user)
    assert (await h.wallet(user)).points == 10


async def test_every_90_days_counts_from_activation(harness: Harness) -> None:
    h = harness
    ctx = await recurring(h, {"every": "P90D"})
    assert ctx.activated_at is not None
    user = h.user()
    # A duration's first cycle starts at activation itself.
    assert_row(await h.observe(ctx, user), Tab.AVAILABLE, [], ("until_deadline", ctx.activated_at + 90 * DAY))
    await complete_cycle(h, ctx, user)
    assert_row(await h.observe(ctx, user), Tab.COMPLETED, [], ("until_reset", ctx.activated_at + 90 * DAY))
    await h.skip_to(ctx.activated_at + 90 * DAY + HOUR)
    assert cycle_at(ctx, await h.now()) == 1
    assert_row(await h.observe(ctx, user), Tab.AVAILABLE, [], ("until_deadline", ctx.activated_at + 180 * DAY))
    await complete_cycle(h, ctx, user)
    assert (await h.wallet(user)).points == 10


def next_dst_change(after: datetime, zone: ZoneInfo) -> date:
    """The first local date after `after` whose day is not 24 hours long."""
    day = after.astimezone(zone).date() + timedelta(days=1)
    while (midnight(day + timedelta(days=1), zone) - midnight(day, zone)) == DAY:
        day += timedelta(days=1)
    return day


async def test_daily_resets_follow_local_midnight_across_a_dst_change_in_berlin(harness: Harness) -> None:
    h = harness
    ctx = await recurring(h, {"every": "day"}, timezone="Europe/Berlin")
    user = h.user()
    change = next_dst_change(await h.now(), BERLIN)
    start, end = midnight(change, BERLIN), midnight(change + timedelta(days=1), BERLIN)
    assert end - start in (23 * HOUR, 25 * HOUR)
    await h.skip_to(start - 2 * HOUR)
    assert_row(await h.observe(ctx, user), Tab.AVAILABLE, [], ("until_deadline", start))
    await h.skip_to(start + HOUR)
    # The day of the change is one cycle from local midnight to local midnight, 23 or 25 hours.
    assert_row(await h.observe(ctx, user), Tab.AVAILABLE, [], ("until_deadline", end))
    await complete_cycle(h, ctx, user)
    assert_row(await h.observe(ctx, user), Tab.COMPLETED, [], ("until_reset", end))
    await h.skip_to(end + HOUR)
    assert end.astimezone(BERLIN).hour == 0
    assert_row(await h.observe(ctx, user), Tab.AVAILABLE, [], ("until_deadline", end + DAY))
    await complete_cycle(h, ctx, user)
    assert (await h.wallet(user)).points == 10


async def test_no_cycle_starts_after_the_end(harness: Harness) -> None:
    h = harness
    utc = ZoneInfo("UTC")
    first = next_midnight(await h.now(), utc)
    end = first + 2 * DAY + 12 * HOUR
    ctx = await recurring(h, {"every": "day"}, end_at=end.isoformat())
    user = h.user()
    await h.skip_to(first + DAY + HOUR)
    await complete_cycle(h, ctx, user)
    await h.skip_to(first + 2 * DAY + HOUR)
    # The last cycle is cut short by E: its deadline is E, not the next midnight.
    assert_row(await h.observe(ctx, user), Tab.AVAILABLE, [], ("until_deadline", end))
    await h.skip_to(end + HOUR)
    assert_row(await h.observe(ctx, user), Tab.MISSED, ["expired"], None)
    await h.skip_to(end + 2 * DAY)
    assert_row(await h.observe(ctx, user), Tab.MISSED, ["expired"], None)
    assert not await h.deliver(ctx, user) or (await h.wallet(user)).points == 5
    assert (await h.wallet(user)).points == 5


async def test_a_start_shows_the_mission_locked_until_its_first_reset(harness: Harness) -> None:
    h = harness
    utc = ZoneInfo("UTC")
    start = next_midnight(await h.now(), utc) + 3 * DAY
    ctx = await recurring(h, {"every": "day"}, start_at=start.isoformat())
    user = h.user()
    assert_row(await h.observe(ctx, user), Tab.LOCKED, [], ("until_start", start))
    await h.skip_to(start + HOUR)
    assert_row(await h.observe(ctx, user), Tab.AVAILABLE, [], ("until_deadline", start + DAY))


#: The most events one daily cycle's run may record (start, two events, completion, saves, close):
#: 20 measured; the README states this bound.
HISTORY_BOUND = 30


async def test_a_year_of_daily_cycles_keeps_every_run_under_a_fixed_history_bound(harness: Harness) -> None:
    h = harness
    ctx = await recurring(h, {"every": "day"}, goal={"kind": "event", "event_type": f"y-{h.user()}", "count": 2})
    user = h.user()
    first = next_midnight(await h.now(), ZoneInfo("UTC"))
    longest = 0
    for day in range(365):
        await h.skip_to(first + day * DAY + HOUR)
        assert await h.deliver(ctx, user)
        assert await h.deliver(ctx, user)
        history = await h.handle(ctx, user).fetch_history()
        longest = max(longest, len(history.events))
    assert (await h.wallet(user)).points == 5 * 365
    assert longest <= HISTORY_BOUND, longest
