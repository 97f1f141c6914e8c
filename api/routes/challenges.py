"""User-created challenges (mission-semantics.md §8): the operator's configuration and users' challenges.

A challenge runs as a mission owned by its user (`domain.challenges.mission_spec_for`), created
active at once, so its journey is an ordinary enrolment workflow and rewards, callbacks and the
projection apply unchanged. The event router sends a user's events only to that user's own
challenges; they never appear in anyone's mission list.

Decisions:
- Before the operator configures challenges, `GET /v1/challenges/config` answers the disabled
  default (no event types, no reward); with no event type enabled, creating a challenge is
  409 `challenges_disabled`.
- The reward is the configuration's at creation time, kept by the challenge: changing the
  configuration later changes the reward of new challenges only.
- Completed challenges stay listed (they are the user's history) and do not count against
  `max_active_per_user`; `DELETE` of a completed challenge is 409 `challenge_completed`.
- Against reward farming (issue 13.3): the configuration's minima refuse a too easy challenge
  (422 `challenge_not_allowed` naming `target.count`, `target.amount` or `periods`); a user runs
  one challenge per event type (409 `challenge_already_running`), so one event completes at most
  one challenge; and at most `max_rewarded_per_period` challenges are rewarded per user in each
  `reward_period` (counted when the reward is granted: a completion over the cap pays nothing).
- `DELETE` unenrols: the challenge's mission is archived, its journey closes without a reward,
  and the challenge is gone for the user (absent from the list, 404 by id).

The user routes are served twice, like the mission views: under `/v1/users/{user_id}` for the
client key and under `/v1/me` for a user token.
"""

# No `from __future__ import annotations`: FastAPI resolves the local `UserDep` alias at definition.
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel

from api.deps import Admin, Conn, ServicesDep, after_commit, path_user, start_after_commit, token_user
from api.errors import error_responses
from api.strict import JsonBody
from db import challenges as repo
from db import enrolments
from db import missions as missions_repo
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
from domain.missions import EventGoal, Mission, MissionStatus, Reward
from domain.streaks import StreakState, current
from services.active_missions import context_of
from services.gateway import JourneyGateway
from workflows.mission_change import mission_change_id
from workflows.payloads import Revise, enrolment_id

#: What `GET /v1/challenges/config` shows before the operator has set anything: challenges off.
DISABLED = ChallengeConfig(event_types=[], reward=None)


class TodayProgress(BaseModel):
    """The current period's progress towards its target (events, or an amount)."""

    current: int | float
    target: int | float


class ChallengeProgress(BaseModel):
    """The streak now: consecutive periods met, out of `periods`, and the current period."""

    streak: int
    periods: int
    best: int
    today: TodayProgress


class ChallengeView(BaseModel):
    """One of a user's challenges with its progress now."""

    id: str
    name: str
    description: str | None
    event_type: str
    target: ChallengeTarget
    period: Literal["day", "week"]
    periods: int
    timezone: str
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


def view_of(mission: Mission, journey: Journey | None, now: datetime) -> ChallengeView:
    """The challenge as its user sees it at `now` (no journey yet: nothing done)."""
    spec = mission.spec
    goal = spec.goal
    assert isinstance(goal, EventGoal) and goal.streak is not None and goal.event_type is not None
    completed = status_at(context_of(mission), journey, now) is EnrolmentStatus.COMPLETED
    state = journey.streak if journey is not None and journey.streak is not None else StreakState()
    streak = current(state, goal, spec.timezone, now)
    return ChallengeView(
        id=mission.id,
        name=spec.name,
        description=spec.description,
        event_type=goal.event_type,
        target=ChallengeTarget(count=goal.count, amount=goal.amount_min),
        period=goal.streak.period,
        periods=goal.streak.periods,
        timezone=spec.timezone,
        reward=spec.reward,
        status="completed" if completed else "active",
        progress=ChallengeProgress(
            # Once done, the streak that completed it stays shown, not today's reading of it.
            streak=goal.streak.periods if completed else streak.streak,
            periods=goal.streak.periods,
            best=streak.best,
            today=TodayProgress(current=_number(streak.today_progress), target=_number(streak.target_per_period)),
        ),
        completions=journey.completions if journey is not None else 0,
        created_at=mission.created_at,
        completed_at=journey.completed_at if journey is not None and completed else None,
    )


async def _journey(conn: Conn, user_id: str, mission_id: str) -> Journey | None:
    return (await enrolments.for_user(conn, user_id, [mission_id])).get(mission_id)


# --- services (the rules; the routes below only translate HTTP) --------------------------------


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


# --- admin: the configuration ------------------------------------------------------------------

config_router = APIRouter(prefix="/v1/challenges", tags=["challenges"])


@config_router.get("/config", response_model=ChallengeConfig, responses=error_responses(401, 403))
async def get_config(conn: Conn, _: Admin) -> ChallengeConfig:
    """The operator's challenge configuration; before it is set, the disabled default (no event types)."""
    return await repo.get_config(conn) or DISABLED


@config_router.put("/config", response_model=ChallengeConfig, responses=error_responses(401, 403, 422))
async def put_config(body: JsonBody[ChallengeConfig], conn: Conn, _: Admin) -> ChallengeConfig:
    """Sets which event types users may build challenges on, the reward per completed challenge
    and the limits (422 naming the field; `item_not_found` for an unknown shop item): minimum and
    maximum target and periods, running challenges per user, and rewarded challenges per user
    per `reward_period` (`max_rewarded_per_period`, default 3 a day). A field left out takes its
    default.

    Applies to challenges created from now on: running challenges keep their reward, and those on
    a type no longer enabled go on until completed or left.
    """
    await missions_repo.check_reward(conn, body.reward)
    return await repo.put_config(conn, body)


# --- a user's challenges -----------------------------------------------------------------------


def user_router(prefix: str, who: Callable[..., Awaitable[str]], tag: str) -> APIRouter:
    """The challenge routes under `prefix`, with the user id taken from `who`."""
    router = APIRouter(prefix=f"{prefix}/challenges", tags=[tag])
    UserDep = Annotated[str, Depends(who)]
    auth = error_responses(401, 403)

    @router.post("", status_code=201, response_model=ChallengeView, responses={**auth, **error_responses(409, 422)})
    async def create_challenge(body: JsonBody[ChallengeIn], user_id: UserDep, conn: Conn) -> ChallengeView:
        """Starts a personal challenge: `target` (`count` of events or `amount`) per `period`, met
        `periods` periods in a row, on an event type the operator enabled. The reward is the
        operator's; a body naming one is refused (422).

        422 `challenge_not_allowed` (details name each field: an event type not enabled, under or
        over a limit); 409 `challenge_already_running` when the user already runs a challenge on
        that event type (one event completes at most one challenge); 409 `too_many_challenges` at
        the user's limit of running challenges; 409 `challenges_disabled` when the operator has
        enabled none. At most `max_rewarded_per_period` of a user's challenges are rewarded per
        `reward_period`: a completion beyond it counts and pays nothing.
        """
        now = datetime.now(UTC)
        return view_of(await open_challenge(conn, user_id, body, now), None, now)

    @router.get("", response_model=ChallengeViews, responses={**auth, **error_responses(422)})
    async def list_challenges(user_id: UserDep, conn: Conn) -> ChallengeViews:
        """The user's challenges, running and completed, newest first, with their progress now."""
        mine = await repo.list_for_user(conn, user_id)
        journeys = await enrolments.for_user(conn, user_id, [m.id for m in mine]) if mine else {}
        now = datetime.now(UTC)
        return ChallengeViews(items=[view_of(m, journeys.get(m.id), now) for m in mine])

    @router.get("/{challenge_id}", response_model=ChallengeView, responses={**auth, **error_responses(404, 422)})
    async def get_challenge(challenge_id: str, user_id: UserDep, conn: Conn) -> ChallengeView:
        """One of the user's challenges; 404 for an unknown id, another user's, or one left."""
        mission = await repo.get_for_user(conn, user_id, challenge_id)
        return view_of(mission, await _journey(conn, user_id, challenge_id), datetime.now(UTC))

    @router.delete("/{challenge_id}", status_code=204, responses={**auth, **error_responses(404, 409, 422)})
    async def delete_challenge(
        challenge_id: str, user_id: UserDep, conn: Conn, svc: ServicesDep, request: Request
    ) -> None:
        """Unenrols: the challenge ends without a reward and is no longer listed.

        404 for an unknown id, another user's, or one already left; 409 `challenge_completed`.
        """
        left = context_of(await leave_challenge(conn, user_id, challenge_id, datetime.now(UTC)))
        gateway: JourneyGateway = svc.gateway
        # The durable broadcast any archive starts (recorded with the change), and the one journey
        # told at once: the broadcast finds journeys through the read model, which a just-started
        # one may not be in yet.
        msg = Revise(mission=left)
        await start_after_commit(request, conn, "mission_change", mission_change_id(msg), msg)

        async def close() -> None:
            await gateway.revise(enrolment_id(challenge_id, user_id), left)

        after_commit(request, close)

    return router


users_router = user_router("/v1/users/{user_id}", path_user, "users")
me_router = user_router("/v1/me", token_user, "me")
