"""Recurring missions whose `start_at` falls between resets, over days on the time-skipping server
(docs/missions.md §2, §3): the first cycle runs from S to the next reset of the schedule, the
cycles after it are the usual ones, each pays once under its own reward key; a revision that leaves
the schedule alone keeps every cycle's number, journey and reward."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from db.tables import ledger
from domain.journey import MissionContext, cycle_at
from domain.projection import Tab
from tests.workflows.conftest import DAY, HOUR, Harness, assert_row
from tests.workflows.test_recurring import complete_cycle, midnight, next_midnight, recurring

UTC_ZONE = ZoneInfo("UTC")
NEW_YORK = ZoneInfo("America/New_York")


async def reward_keys(h: Harness, ctx: MissionContext, user: str) -> list[str]:
    """The ledger's idempotency keys of this mission's grants to the user, oldest first."""
    async with h.engine.connect() as conn:
        rows = await conn.execute(
            sa.select(ledger.c.idempotency_key)
            .where(ledger.c.user_id == user, ledger.c.mission_id == ctx.mission_id)
            .order_by(ledger.c.id)
        )
        return [r[0] for r in rows]


async def run_cycles(h: Harness, ctx: MissionContext, user: str, start: datetime, resets: list[datetime]) -> None:
    """Locked until S; the first cycle from S to resets[0], then one cycle per reset; each completed
    once and paid once, under the cycle numbers -1, 0, 1, ..."""
    assert await h.now() < start
    assert_row(await h.observe(ctx, user), Tab.LOCKED, [], ("until_start", start))
    ends = [*resets[1:]]
    await h.skip_to(start + HOUR)
    assert cycle_at(ctx, await h.now()) == -1
    assert_row(await h.observe(ctx, user), Tab.AVAILABLE, [], ("until_deadline", resets[0]))
    await complete_cycle(h, ctx, user)
    assert_row(await h.observe(ctx, user), Tab.COMPLETED, [], ("until_reset", resets[0]))
    assert not await h.deliver(ctx, user)  # the same cycle: nothing more
    for n, (reset, end) in enumerate(zip(resets, ends, strict=False)):
        await h.skip_to(reset + HOUR)
        assert cycle_at(ctx, await h.now()) == n
        assert_row(await h.observe(ctx, user), Tab.AVAILABLE, [], ("until_deadline", end))
        await complete_cycle(h, ctx, user)
    cycles = len(ends) + 1
    assert (await h.wallet(user)).points == 5 * cycles
    keys = await reward_keys(h, ctx, user)
    assert keys == [f"reward:{ctx.mission_id}:{user}:c{c}:1" for c in range(-1, cycles - 1)]


async def test_a_daily_start_between_midnights_opens_a_first_cycle_up_to_the_next_midnight(harness: Harness) -> None:
    h = harness
    start = next_midnight(await h.now(), UTC_ZONE) + 2 * DAY + 9 * HOUR + timedelta(minutes=17)
    ctx = await recurring(h, {"every": "day"}, start_at=start.isoformat())
    first = next_midnight(start, UTC_ZONE)
    await run_cycles(h, ctx, h.user(), start, [first + d * DAY for d in range(4)])


async def test_a_weekly_start_midweek_runs_to_the_next_listed_weekday(harness: Harness) -> None:
    h = harness
    day = (await h.now()).astimezone(NEW_YORK).date() + timedelta(days=2)
    while day.weekday() != 2:  # a Wednesday
        day += timedelta(days=1)
    start = datetime.combine(day, time(15), NEW_YORK).astimezone(UTC)
    ctx = await recurring(h, {"every": "week", "weekdays": ["mon"]}, timezone="America/New_York", start_at=start)
    mondays = [midnight(day + timedelta(days=5 + 7 * w), NEW_YORK) for w in range(3)]
    assert all(m.astimezone(NEW_YORK).weekday() == 0 for m in mondays)
    await run_cycles(h, ctx, h.user(), start, mondays)


async def test_a_monthly_start_mid_month_runs_to_the_next_reset_day(harness: Harness) -> None:
    h = harness
    now = await h.now()
    year, month = (now.year, now.month + 1) if now.month < 12 else (now.year + 1, 1)
    start = datetime(year, month, 10, 12, tzinfo=UTC)

    def first_of(k: int) -> datetime:
        y, m = divmod(month - 1 + k, 12)
        return midnight(date(year + y, m + 1, 1), UTC_ZONE)

    ctx = await recurring(h, {"every": "month", "day": 1}, start_at=start)
    await run_cycles(h, ctx, h.user(), start, [first_of(k) for k in (1, 2, 3)])


async def test_an_every_duration_start_between_resets_keeps_resets_counted_from_activation(harness: Harness) -> None:
    h = harness
    start = await h.now() + 2 * DAY + 12 * HOUR
    ctx = await recurring(h, {"every": "P7D"}, start_at=start)
    assert ctx.activated_at is not None
    resets = [ctx.activated_at + k * 7 * DAY for k in (1, 2, 3)]
    await run_cycles(h, ctx, h.user(), start, resets)


async def test_a_revision_off_the_schedule_keeps_cycles_journeys_and_rewards(harness: Harness) -> None:
    """Reward, name and end_at change mid-cycle, twice over four days: the cycle keeps its number,
    the journey its progress, and every cycle pays once at the reward its completion saw."""
    h = harness
    start = next_midnight(await h.now(), UTC_ZONE) + DAY + 18 * HOUR
    first = next_midnight(start, UTC_ZONE)
    ctx = await recurring(
        h,
        {"every": "day"},
        start_at=start,
        end_at=first + 30 * DAY,
        goal={"kind": "event", "event_type": f"rv-{h.user()}", "count": 2},
    )
    user = h.user()
    # Instants in each cycle up to the closest end the revisions set.
    probes = [start + HOUR, *(first + d * DAY + HOUR for d in range(4))]
    cycles_before = [cycle_at(ctx, at) for at in probes]
    assert cycles_before == [-1, 0, 1, 2, 3]

    async def half_then_revise(reward: int, **changes: Any) -> MissionContext:
        assert await h.deliver(ctx_now[0], user)
        revised = await h.revise_mission(ctx_now[0], reward={"points": reward}, name=f"n-{reward}", **changes)
        await h.revise(ctx_now[0], user, revised)
        seen = await h.observe(revised, user)
        assert seen.view is not None and seen.view.progress.current == 1, seen.view
        assert seen.held is not None and seen.held.journey.revision == revised.revision
        assert [cycle_at(revised, at) for at in probes] == cycles_before
        return revised

    ctx_now = [ctx]
    await h.skip_to(start + HOUR)  # cycle -1: revised mid-way, completed at the new reward
    ctx_now[0] = await half_then_revise(7, end_at=(first + 40 * DAY).isoformat())
    assert await h.deliver(ctx_now[0], user)
    assert_row(await h.observe(ctx_now[0], user), Tab.COMPLETED, [], ("until_reset", first))
    await h.skip_to(first + 2 * HOUR)  # cycle 0 at that reward
    await h.deliver_many(ctx_now[0], user, 2)
    await h.skip_to(first + DAY + 3 * HOUR)  # cycle 1: revised again (a closer end, still ahead)
    ctx_now[0] = await half_then_revise(9, end_at=(first + 3 * DAY + 12 * HOUR).isoformat())
    assert await h.deliver(ctx_now[0], user)
    await h.skip_to(first + 3 * DAY + HOUR)  # cycle 3, cut short by the new E
    assert_row(await h.observe(ctx_now[0], user), Tab.AVAILABLE, [], ("until_deadline", first + 3 * DAY + 12 * HOUR))
    await h.deliver_many(ctx_now[0], user, 2)
    assert (await h.wallet(user)).points == 7 + 7 + 9 + 9
    assert await reward_keys(h, ctx, user) == [f"reward:{ctx.mission_id}:{user}:c{c}:1" for c in (-1, 0, 1, 3)]
