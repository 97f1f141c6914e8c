"""User-created challenges (docs/missions.md §8): the operator's configuration and users' challenges.

A challenge runs as a mission owned by its user (`domain.challenges.mission_spec_for`), created
active at once, so its journey is an ordinary enrolment workflow and rewards, callbacks and the
projection apply unchanged. The rules of opening and leaving one are here; the limits themselves
are `domain.challenges` (`check_not_stacked`, `check_capacity`) and the reward cap per period is
counted when the reward is granted (`db.challenges.may_reward_completion`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from db import challenges as repo
from db import enrolments, users
from db import missions as missions_repo
from db.engine import Conn
from domain.challenges import (
    ChallengeConfig,
    ChallengeIn,
    ChallengeTarget,
    check_capacity,
    check_not_stacked,
    mission_spec_for,
)
from domain.errors import Conflict
from domain.journey import EnrolmentStatus, Journey, status_at
from domain.missions import EventGoal, Mission, MissionStatus
from domain.rewards import Reward
from domain.streaks import StreakState, current, streak_zone
from services.active_missions import context_of
from services.gateway import JourneyGateway
from services.starts import WorkflowStarts
from workflows.mission_change import mission_change_id
from workflows.payloads import Revise, enrolment_id

__all__ = [
    "DISABLED",
    "ChallengeConfig",
    "ChallengeIn",
    "ChallengeLimits",
    "ChallengeProgress",
    "ChallengeView",
    "ChallengeViews",
    "Challenges",
    "TodayProgress",
    "leave_challenge",
    "limits_of",
    "open_challenge",
    "view_of",
]

#: What `GET /v1/challenges/config` shows before the operator has set anything: challenges off.
DISABLED = ChallengeConfig(event_types=[], reward=None)


class ChallengeLimits(BaseModel):
    """What a user may create a challenge within (the user-facing part of the operator's configuration).

    A challenge outside these limits is refused (422 `challenge_not_allowed`). Leaves out how many
    completions are rewarded per period (the anti-farming cap is the operator's).
    """

    enabled: bool = Field(description="False while the operator has enabled no event type: creating is 409.")
    event_types: list[str] = Field(description="The event types a challenge may be built on.")
    reward: Reward | None = Field(description="What each completed challenge earns (the same for every challenge).")
    max_active_per_user: int = Field(description="How many challenges a user may run at once.")
    min_periods: int = Field(description="Fewest consecutive periods (`periods`) a challenge may ask for.")
    max_periods: int = Field(description="Most consecutive periods a challenge may ask for.")
    min_count: int = Field(description="Smallest per-period `target.count`.")
    max_count: int | None = Field(description="Largest per-period `target.count` (null: no limit).")
    min_amount: int | float | None = Field(description="Smallest per-period `target.amount` (null: no limit).")
    max_amount: int | float | None = Field(description="Largest per-period `target.amount` (null: no limit).")
    periods: list[Literal["day", "week"]] = Field(description="The periods a challenge may count in.")
    timezone: str = Field(description="Where days and weeks begin when the challenge names no `timezone`.")


def limits_of(config: ChallengeConfig) -> ChallengeLimits:
    """The user-facing limits of a configuration."""
    return ChallengeLimits(
        enabled=bool(config.event_types),
        event_types=list(config.event_types),
        reward=config.reward,
        max_active_per_user=config.max_active_per_user,
        min_periods=config.min_periods,
        max_periods=config.max_periods,
        min_count=config.min_count,
        max_count=config.max_count,
        min_amount=None if config.min_amount is None else _number(config.min_amount),
        max_amount=None if config.max_amount is None else _number(config.max_amount),
        periods=["day", "week"],
        timezone=config.timezone,
    )


class TodayProgress(BaseModel):
    """The current period's progress towards its target (events, or an amount)."""

    current: int | float
    target: int | float


class ChallengeProgress(BaseModel):
    """A streak challenge's streak now (consecutive periods kept, out of `periods`, the current
    period, its freezes), or a milestone's total; the other kind's fields are null."""

    streak: int | None = Field(description="Consecutive periods kept now (null for a milestone).")
    periods: int | None = Field(description="Periods in a row the challenge asks for (null for a milestone).")
    best: int | None = Field(description="The longest streak so far (null for a milestone).")
    today: TodayProgress | None = Field(description="The current period's progress (null for a milestone).")
    total: TodayProgress | None = Field(None, description="A milestone's total so far and its target (else null).")
    freezes: int | None = Field(
        None, description="Freezes held now: each covers one missed period (null for a milestone)."
    )
    freezes_used: int | None = Field(None, description="Freezes used so far (null for a milestone).")


class ChallengeView(BaseModel):
    """One of a user's challenges with its progress now."""

    id: str
    name: str
    description: str | None
    event_type: str
    kind: Literal["streak", "milestone"] = Field(
        "streak", description="`streak`: the target per period, `periods` in a row; `milestone`: a total."
    )
    target: ChallengeTarget
    period: Literal["day", "week"] | None
    periods: int | None
    timezone: str = Field(description="Where the challenge's days begin now (the user's own zone if it follows it).")
    reward: Reward | None
    status: Literal["active", "completed"]
    progress: ChallengeProgress
    completions: int
    created_at: datetime
    completed_at: datetime | None


class ChallengeViews(BaseModel):
    """The user's challenges, running and completed, newest first."""

    items: list[ChallengeView]


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def view_of(mission: Mission, journey: Journey | None, now: datetime, user_zone: str | None = None) -> ChallengeView:
    """The challenge as its user sees it at `now` (no journey yet: nothing done); `user_zone` is
    the user's profile `time_zone` (a streak challenge without a zone of its own follows it)."""
    spec = mission.spec
    goal = spec.goal
    assert isinstance(goal, EventGoal) and goal.event_type is not None
    completed = status_at(context_of(mission), journey, now) is EnrolmentStatus.COMPLETED
    target = ChallengeTarget(count=goal.count, amount=goal.amount_min)
    common = {
        "id": mission.id,
        "name": spec.name,
        "description": spec.description,
        "event_type": goal.event_type,
        "target": target,
        "reward": spec.reward,
        "status": "completed" if completed else "active",
        "completions": journey.completions if journey is not None else 0,
        "created_at": mission.created_at,
        "completed_at": journey.completed_at if journey is not None and completed else None,
    }
    if goal.streak is None:
        done = journey.progress if journey is not None else Decimal(0)
        goal_total = goal.amount_min if goal.count is None else Decimal(goal.count)
        assert goal_total is not None
        return ChallengeView(
            **common,
            kind="milestone",
            period=None,
            periods=None,
            timezone=spec.timezone,
            progress=ChallengeProgress(
                streak=None,
                periods=None,
                best=None,
                today=None,
                total=TodayProgress(current=_number(min(done, goal_total)), target=_number(goal_total)),
            ),
        )
    state = journey.streak if journey is not None and journey.streak is not None else StreakState()
    zone = streak_zone(goal, spec.timezone, user_zone) if state.zone is None or user_zone else state.zone
    streak = current(state, goal, zone, now)
    return ChallengeView(
        **common,
        kind="streak",
        period=goal.streak.period,
        periods=goal.streak.periods,
        timezone=zone,
        progress=ChallengeProgress(
            # Once done, the streak that completed it stays shown, not today's reading of it.
            streak=goal.streak.periods if completed else streak.streak,
            periods=goal.streak.periods,
            best=streak.best,
            today=TodayProgress(current=_number(streak.today_progress), target=_number(streak.target_per_period)),
            freezes=streak.freezes,
            freezes_used=streak.freezes_used,
        ),
    )


async def _journey(conn: Conn, user_id: str, mission_id: str) -> Journey | None:
    return (await enrolments.for_user(conn, user_id, [mission_id])).get(mission_id)


async def open_challenge(conn: Conn, user_id: str, body: ChallengeIn, now: datetime) -> Mission:
    """Creates the user's challenge as an active mission they own, within the configuration.

    409 `challenges_disabled` when no event type is enabled, 422 `challenge_not_allowed` when the
    configuration refuses this challenge, 409 `challenge_already_running` when the user runs one on
    the same event type, 409 `too_many_challenges` at the user's limit. The user's advisory lock
    makes check-then-create atomic against their concurrent requests.
    """
    config = await repo.get_config(conn, lock=True)
    if config is None or not config.event_types:
        raise Conflict("challenges_disabled", "the operator has not enabled challenges on any event type")
    spec = mission_spec_for(body, config, now)
    await repo.lock_user(conn, user_id)
    check_not_stacked(body, await repo.running_by_type(conn, user_id))
    check_capacity(config, await repo.count_active(conn, user_id))
    draft = await missions_repo.create(conn, spec, owner_user_id=user_id)
    return await missions_repo.set_status(conn, draft, MissionStatus.ACTIVE, now)


async def leave_challenge(conn: Conn, user_id: str, challenge_id: str, now: datetime) -> Mission:
    """Archives the user's running challenge (404 unknown or not theirs, 409 completed).

    The caller announces the archived mission to its journey once committed.
    """
    mission = await repo.get_for_user(conn, user_id, challenge_id, for_update=True)
    journey = await _journey(conn, user_id, challenge_id)
    if status_at(context_of(mission), journey, now) is EnrolmentStatus.COMPLETED:
        raise Conflict(
            "challenge_completed", "the challenge is already completed; there is nothing to leave", {"id": challenge_id}
        )
    return await missions_repo.set_status(conn, mission, MissionStatus.ARCHIVED, now)


class Challenges:
    """The operator's challenge configuration, and each user's challenges (open, list, leave)."""

    def __init__(self, gateway: JourneyGateway, starts: WorkflowStarts) -> None:
        self._gateway = gateway
        self._starts = starts

    async def config(self, conn: Conn) -> ChallengeConfig:
        """The configuration; before the operator sets it, the disabled default (no event types)."""
        return await repo.get_config(conn) or DISABLED

    async def limits(self, conn: Conn) -> ChallengeLimits:
        """What a user may create a challenge within (`limits_of` the configuration)."""
        return limits_of(await self.config(conn))

    async def configure(self, conn: Conn, config: ChallengeConfig) -> ChallengeConfig:
        """Sets the configuration (422 `item_not_found` for a reward naming an unknown shop item)."""
        await missions_repo.check_reward(conn, config.reward)
        return await repo.put_config(conn, config)

    async def create(self, conn: Conn, user_id: str, body: ChallengeIn) -> ChallengeView:
        """Opens the user's challenge (`open_challenge`) and shows it: nothing done yet."""
        now = datetime.now(UTC)
        zone = await users.time_zone_of(conn, user_id)
        return view_of(await open_challenge(conn, user_id, body, now), None, now, zone)

    async def list_for_user(self, conn: Conn, user_id: str) -> ChallengeViews:
        """The user's challenges, running and completed, newest first, with their progress now."""
        mine = await repo.list_for_user(conn, user_id)
        journeys = await enrolments.for_user(conn, user_id, [m.id for m in mine]) if mine else {}
        now = datetime.now(UTC)
        zone = await users.time_zone_of(conn, user_id)
        return ChallengeViews(items=[view_of(m, journeys.get(m.id), now, zone) for m in mine])

    async def get(self, conn: Conn, user_id: str, challenge_id: str) -> ChallengeView:
        """One of the user's challenges; 404 for an unknown id, another user's, or one left."""
        mission = await repo.get_for_user(conn, user_id, challenge_id)
        zone = await users.time_zone_of(conn, user_id)
        return view_of(mission, await _journey(conn, user_id, challenge_id), datetime.now(UTC), zone)

    async def leave(self, conn: Conn, user_id: str, challenge_id: str) -> Callable[[], Awaitable[None]]:
        """Archives the user's challenge (`leave_challenge`); returns what to run once committed.

        With the archive, the durable broadcast any archive starts is recorded; once committed it
        starts, and the one journey is told at once: the broadcast finds journeys through the
        read model, which a just-started one may not be in yet.
        """
        left = context_of(await leave_challenge(conn, user_id, challenge_id, datetime.now(UTC)))
        msg = Revise(mission=left)
        pending = await self._starts.enqueue(conn, "mission_change", mission_change_id(msg), msg)
        starts, gateway = self._starts, self._gateway

        async def on_commit() -> None:
            await starts.start_now([pending])
            await gateway.revise(enrolment_id(challenge_id, user_id), left)

        return on_commit
