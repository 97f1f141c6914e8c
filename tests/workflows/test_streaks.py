"""Streak goals in a running journey (docs/missions.md §5): the per-period goal met on P
consecutive periods of the mission's time zone; a missed period resets the streak."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.projection import Tab
from tests.workflows.conftest import DAY, HOUR, Harness


async def test_a_streak_kept_seven_days_completes_and_one_broken_on_day_four_starts_over(harness: Harness) -> None:
    h = harness
    zone = ZoneInfo("Europe/Berlin")
    ctx = await h.mission(
        goal={"kind": "event", "event_type": f"s-{h.user()}", "count": 2, "streak": {"period": "day", "periods": 7}},
        reward={"points": 70},
        timezone="Europe/Berlin",
    )
    user = h.user()
    today = (await h.now()).astimezone(zone).date() + timedelta(days=1)

    def noon(day: int) -> datetime:
        return datetime.combine(today + timedelta(days=day), time(12), zone).astimezone(UTC)

    async def progress() -> int | float | None:
        return (await h.observe(ctx, user)).progress

    for day in range(3):  # days 1-3: two events each
        await h.skip_to(noon(day))
        await h.deliver_many(ctx, user, 2)
        assert await progress() == day + 1
    await h.skip_to(noon(3))  # day 4: one event only, the day's goal is not met
    assert await h.deliver(ctx, user)
    assert await progress() == 3  # still alive while day 4 is open
    await h.skip_to(noon(4))
    assert await progress() == 0  # day 4 ended unmet: the streak is gone before any event says so
    assert (await h.observe(ctx, user)).view.progress.target == 7  # type: ignore[union-attr]

    for day in range(4, 11):  # days 5-11: seven days in a row
        if day > 4:
            await h.skip_to(noon(day))
        await h.deliver_many(ctx, user, 2)
    seen = await h.observe(ctx, user)
    assert seen.tab is Tab.COMPLETED and seen.progress == 7
    assert (await h.wallet(user)).points == 70


async def test_weekly_streak_survives_quiet_days_but_not_a_quiet_week(harness: Harness) -> None:
    h = harness
    ctx = await h.mission(
        goal={"kind": "event", "event_type": f"w-{h.user()}", "count": 1, "streak": {"period": "week", "periods": 3}},
    )
    user = h.user()
    now = await h.now()
    monday = (now + timedelta(days=7 - now.weekday())).replace(hour=9, minute=0, second=0, microsecond=0)
    await h.skip_to(monday)
    assert await h.deliver(ctx, user)
    await h.skip_to(monday + 7 * DAY + 5 * DAY)  # the second week, on its Saturday
    assert await h.deliver(ctx, user)
    assert (await h.observe(ctx, user)).progress == 2
    await h.skip_to(monday + 28 * DAY + HOUR)  # the third week passed without an event
    assert (await h.observe(ctx, user)).progress == 0
