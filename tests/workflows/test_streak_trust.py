"""Streaks people trust in a running journey (issue 17), on the time-skipping server: a freeze
covers a missed day, an operator's repair restores a run an outage broke, and a streak that
follows the user's own zone counts days in the zone its events carry."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

from domain.projection import Tab
from tests.workflows.conftest import HOUR, Harness
from workflows.payloads import StreakRepair, enrolment_id


async def _daily(h: Harness, periods: int, **streak: Any) -> tuple[Any, Any]:
    ctx = await h.mission(
        goal={
            "kind": "event",
            "event_type": f"s-{h.user()}",
            "count": 1,
            "streak": {"period": "day", "periods": periods, **streak},
        },
        reward={"points": 40},
    )
    first = (await h.now()).astimezone(UTC).date() + timedelta(days=1)

    def noon(day: int) -> datetime:
        return datetime.combine(first + timedelta(days=day), time(12), UTC)

    return ctx, noon


async def test_an_earned_freeze_covers_a_missed_day_and_the_streak_completes(harness: Harness) -> None:
    h = harness
    ctx, noon = await _daily(h, 5, freezes={"earn_every": 2, "max": 1})
    user = h.user()
    for day in (0, 1):  # two kept days earn a freeze
        await h.skip_to(noon(day))
        assert await h.deliver(ctx, user)
    held = (await h.observe(ctx, user)).held
    assert held is not None and held.journey.streak is not None and held.journey.streak.freezes == 1
    # Day 2 missed; on day 3 the streak still reads 2 (the freeze is spoken for), then grows.
    await h.skip_to(noon(3))
    assert (await h.observe(ctx, user)).progress == 2
    assert await h.deliver(ctx, user)
    assert (await h.observe(ctx, user)).progress == 3
    for day in (4, 5):
        await h.skip_to(noon(day))
        assert await h.deliver(ctx, user)
    seen = await h.observe(ctx, user)
    assert seen.tab is Tab.COMPLETED and seen.points == 40
    assert seen.journey is not None and seen.journey.streak is not None
    assert seen.journey.streak.freezes_used == 1


async def test_a_repair_restores_the_run_an_outage_broke_once(harness: Harness) -> None:
    h = harness
    ctx, noon = await _daily(h, 6)
    user = h.user()
    for day in (0, 1, 2, 4, 5):  # day 3: the outage, no event got through
        await h.skip_to(noon(day))
        assert await h.deliver(ctx, user)
    assert (await h.observe(ctx, user)).progress == 2
    workflow_id = enrolment_id(ctx.mission_id, user)
    repair = StreakRepair(job_id="repair-test", start=noon(3) - 2 * HOUR, end=noon(3) + 2 * HOUR)
    result = await h.gateway.act_existing(workflow_id, "streak_repair", repair)
    assert result.journey.streak is not None and result.journey.streak.lost is None
    assert (await h.observe(ctx, user)).progress == 5
    again = await h.gateway.act_existing(workflow_id, "streak_repair", repair)
    assert again.journey.version == result.journey.version  # the same job changes nothing twice
    await h.skip_to(noon(6))
    assert await h.deliver(ctx, user)
    seen = await h.observe(ctx, user)
    assert seen.tab is Tab.COMPLETED and seen.points == 40


async def test_a_streak_that_follows_the_user_counts_days_in_the_zone_its_events_carry(harness: Harness) -> None:
    h = harness
    ctx, noon = await _daily(h, 30, time_zone="user")
    user = h.user()
    kiritimati = "Pacific/Kiritimati"  # UTC+14: 11:00 UTC is 01:00 of the next local day
    await h.skip_to(noon(0) - HOUR)
    assert await h.deliver(ctx, user, (await h.event(ctx)).model_copy(update={"time_zone": kiritimati}))
    await h.skip_to(noon(0) + 21 * HOUR)  # 09:00 UTC next day: 23:00 the same local day in Kiritimati
    assert await h.deliver(ctx, user, (await h.event(ctx)).model_copy(update={"time_zone": kiritimati}))
    seen = await h.observe(ctx, user)
    assert seen.progress == 1  # one local day, though two UTC days
    assert seen.journey is not None and seen.journey.streak is not None
    assert seen.journey.streak.zone == kiritimati
    # The user moves to UTC: the day under way ends no earlier than in Kiritimati (10:00 UTC),
    # so this event at 09:30 UTC still belongs to it, and nothing breaks.
    await h.skip_to(noon(0) + 21 * HOUR + 30 * 60 * timedelta(seconds=1))
    assert await h.deliver(ctx, user, (await h.event(ctx)).model_copy(update={"time_zone": "UTC"}))
    assert (await h.observe(ctx, user)).progress == 1
    await h.skip_to(noon(2))
    assert await h.deliver(ctx, user, (await h.event(ctx)).model_copy(update={"time_zone": "UTC"}))
    assert (await h.observe(ctx, user)).progress == 2
