"""User-created challenges on the enrolment workflow (docs/missions.md §5 streaks, §8): a
challenge is a mission its user owns, so the ordinary journey runs it; days are the challenge's
time zone's; the reward is the operator's; leaving ends the journey without one."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from temporalio.client import WorkflowExecutionStatus

from db import challenges
from db import missions as missions_repo
from domain.challenges import ChallengeConfig, ChallengeIn, mission_spec_for
from domain.errors import NotFound
from domain.journey import EnrolmentStatus, MissionContext
from domain.missions import MissionStatus
from domain.projection import Tab
from domain.rewards import Reward
from services.active_missions import context_of
from services.challenges import ChallengeView, view_of
from tests.workflows.conftest import Harness, Seen, held_status

ZONE = "Europe/Berlin"
REWARD = Reward(points=40)


async def create_challenge(h: Harness, user: str, *, periods: int) -> MissionContext:
    """Two events a day for `periods` days in a row, created and activated now (server time) as
    the API does: the operator's configuration gives the reward and the time zone."""
    event_type = f"ch-{uuid.uuid4().hex[:8]}"
    config = ChallengeConfig(event_types=[event_type], reward=REWARD, timezone=ZONE)
    body = ChallengeIn.model_validate(
        # The user asks for a reward of their own choosing nowhere: ChallengeIn has no such field.
        {"name": "Two a day", "event_type": event_type, "target": {"count": 2}, "period": "day", "periods": periods}
    )
    now = await h.now()
    spec = mission_spec_for(body, config, now)
    async with h.engine.begin() as conn:
        draft = await missions_repo.create(conn, spec, owner_user_id=user)
        active = await missions_repo.set_status(conn, draft, MissionStatus.ACTIVE, now)
    return context_of(active)


async def next_day(h: Harness) -> datetime:
    """Skips to 10:00 of the next day in the challenge's time zone."""
    local = (await h.now()).astimezone(ZoneInfo(ZONE))
    morning = datetime.combine(local.date() + timedelta(days=1), datetime.min.time(), ZoneInfo(ZONE))
    await h.skip_to(morning + timedelta(hours=10))
    return await h.now()


async def challenge_view(h: Harness, ctx: MissionContext, user: str) -> tuple[ChallengeView, Seen]:
    """What `GET .../challenges/{id}` would show now (from the read model), and the raw observation."""
    seen = await h.observe(ctx, user)
    async with h.engine.connect() as conn:
        mission = await challenges.get_for_user(conn, user, ctx.mission_id)
    return view_of(mission, seen.journey, seen.now), seen


def progress(view: ChallengeView) -> tuple[str, int, int | float]:
    return view.status, view.progress.streak, view.progress.today.current


async def test_progress_over_days_a_missed_day_resets_then_three_in_a_row_pay_the_operators_reward(
    harness: Harness,
) -> None:
    h = harness
    user = h.user()
    ctx = await create_challenge(h, user, periods=3)
    assert ctx.owner_user_id == user and ctx.spec.reward == REWARD

    fresh, _ = await challenge_view(h, ctx, user)
    assert progress(fresh) == ("active", 0, 0) and fresh.completions == 0

    await next_day(h)  # day 1: met
    await h.deliver(ctx, user)
    assert progress((await challenge_view(h, ctx, user))[0]) == ("active", 0, 1)
    await h.deliver(ctx, user)
    assert progress((await challenge_view(h, ctx, user))[0]) == ("active", 1, 2)

    await next_day(h)  # day 2: the streak holds until the day ends; met again
    assert progress((await challenge_view(h, ctx, user))[0]) == ("active", 1, 0)
    await h.deliver_many(ctx, user, 2)
    assert progress((await challenge_view(h, ctx, user))[0]) == ("active", 2, 2)

    await next_day(h)  # day 3: one event only, not met
    await h.deliver(ctx, user)
    assert progress((await challenge_view(h, ctx, user))[0]) == ("active", 2, 1)

    await next_day(h)  # day 4: day 3 was missed, the streak is gone before any event says so
    broken, seen = await challenge_view(h, ctx, user)
    assert progress(broken) == ("active", 0, 0) and broken.progress.best == 2
    assert seen.points == 0
    await h.deliver_many(ctx, user, 2)
    assert progress((await challenge_view(h, ctx, user))[0]) == ("active", 1, 2)

    await next_day(h)  # day 5
    await h.deliver_many(ctx, user, 2)
    assert progress((await challenge_view(h, ctx, user))[0]) == ("active", 2, 2)

    await next_day(h)  # day 6: the third day in a row completes it
    await h.deliver(ctx, user)
    assert (await h.observe(ctx, user)).points == 0
    await h.deliver(ctx, user)
    done, seen = await challenge_view(h, ctx, user)
    assert progress(done) == ("completed", 3, 2)
    assert done.completions == 1 and done.completed_at is not None
    assert seen.tab is Tab.COMPLETED and held_status(seen) is EnrolmentStatus.COMPLETED
    assert seen.points == REWARD.points and await h.ledger_entries(user, ctx.mission_id) == 1
    assert (await h.handle(ctx, user).describe()).status is WorkflowExecutionStatus.COMPLETED

    # Done is done: more events start nothing and pay nothing, and the next days keep it completed.
    assert not await h.deliver(ctx, user)
    await next_day(h)
    later, seen = await challenge_view(h, ctx, user)
    assert progress(later) == ("completed", 3, 0)
    assert seen.points == REWARD.points and await h.ledger_entries(user, ctx.mission_id) == 1


async def test_leaving_ends_the_journey_without_a_reward(harness: Harness) -> None:
    h = harness
    user = h.user()
    ctx = await create_challenge(h, user, periods=2)
    await next_day(h)
    await h.deliver_many(ctx, user, 2)
    await next_day(h)
    await h.deliver(ctx, user)
    assert progress((await challenge_view(h, ctx, user))[0]) == ("active", 1, 1)

    # DELETE archives the challenge's mission; the archive reaches the running journey.
    archived = await h.archive_mission(ctx)
    await h.revise(ctx, user, archived)
    seen = await h.observe(ctx, user, view_ctx=archived)
    assert seen.journey is not None and seen.journey.closed_at is not None
    assert seen.view is None, "an archived challenge is shown nowhere"
    assert (await h.handle(ctx, user).describe()).status is WorkflowExecutionStatus.COMPLETED

    # The event that would have completed it changes nothing: no journey starts, nothing is paid.
    assert not await h.deliver(ctx, user)
    seen = await h.observe(ctx, user, view_ctx=archived)
    assert seen.points == 0 and await h.ledger_entries(user, ctx.mission_id) == 0
    assert seen.journey is not None and seen.journey.completions == 0
    async with h.engine.connect() as conn:
        with pytest.raises(NotFound):
            await challenges.get_for_user(conn, user, ctx.mission_id)
        assert await challenges.list_for_user(conn, user) == []
