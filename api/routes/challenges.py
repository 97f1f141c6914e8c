"""User-created challenges (docs/missions.md §8): the operator's configuration and users' challenges.

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
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from api.deps import Admin, ChallengesDep, Conn, GatewayDep, ShopDep, after_commit, path_user, token_user
from api.errors import error_responses
from api.schemas import Strict
from api.strict import JsonBody
from services.challenges import ChallengeConfig, ChallengeIn, ChallengeLimits, ChallengeView, ChallengeViews

# --- admin: the configuration ------------------------------------------------------------------

config_router = APIRouter(prefix="/v1/challenges", tags=["challenges"])


@config_router.get("/config", response_model=ChallengeConfig, responses=error_responses(401, 403))
async def get_config(conn: Conn, challenges: ChallengesDep, _: Admin) -> ChallengeConfig:
    """The operator's challenge configuration; before it is set, the disabled default (no event types)."""
    return await challenges.config(conn)


@config_router.put("/config", response_model=ChallengeConfig, responses=error_responses(401, 403, 422))
async def put_config(
    body: JsonBody[ChallengeConfig], conn: Conn, challenges: ChallengesDep, _: Admin
) -> ChallengeConfig:
    """Sets which event types users may build challenges on, the reward per completed challenge
    and the limits (422 naming the field; `item_not_found` for an unknown shop item): minimum and
    maximum target and periods, running challenges per user, and rewarded challenges per user
    per `reward_period` (`max_rewarded_per_period`, default 3 a day). A field left out takes its
    default.

    Applies to challenges created from now on: running challenges keep their reward, and those on
    a type no longer enabled go on until completed or left.
    """
    return await challenges.configure(conn, body)


# --- a user's challenges -----------------------------------------------------------------------


def user_router(prefix: str, who: Callable[..., Awaitable[str]], tag: str) -> APIRouter:
    """The challenge routes under `prefix`, with the user id taken from `who`."""
    router = APIRouter(prefix=f"{prefix}/challenges", tags=[tag])
    UserDep = Annotated[str, Depends(who)]
    auth = error_responses(401, 403)

    @router.post("", status_code=201, response_model=ChallengeView, responses={**auth, **error_responses(409, 422)})
    async def create_challenge(
        body: JsonBody[ChallengeIn], user_id: UserDep, conn: Conn, challenges: ChallengesDep
    ) -> ChallengeView:
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
        return await challenges.create(conn, user_id, body)

    @router.get("/config", response_model=ChallengeLimits, responses={**auth, **error_responses(422)})
    async def challenge_limits(user_id: UserDep, conn: Conn, challenges: ChallengesDep) -> ChallengeLimits:
        """What the user may create a challenge within: the enabled event types, the reward, and
        the minimum and maximum periods and per-period targets (the user-facing part of
        `GET /v1/challenges/config`; a challenge outside them is 422 `challenge_not_allowed`)."""
        del user_id  # the same limits for every user; the dependency checks the caller may act for them
        return await challenges.limits(conn)

    @router.get("", response_model=ChallengeViews, responses={**auth, **error_responses(422)})
    async def list_challenges(user_id: UserDep, conn: Conn, challenges: ChallengesDep) -> ChallengeViews:
        """The user's challenges, running and completed, newest first, with their progress now."""
        return await challenges.list_for_user(conn, user_id)

    @router.get("/{challenge_id}", response_model=ChallengeView, responses={**auth, **error_responses(404, 422)})
    async def get_challenge(
        challenge_id: str, user_id: UserDep, conn: Conn, challenges: ChallengesDep
    ) -> ChallengeView:
        """One of the user's challenges; 404 for an unknown id, another user's, or one left."""
        return await challenges.get(conn, user_id, challenge_id)

    @router.delete("/{challenge_id}", status_code=204, responses={**auth, **error_responses(404, 409, 422)})
    async def delete_challenge(
        challenge_id: str, user_id: UserDep, conn: Conn, challenges: ChallengesDep, request: Request
    ) -> None:
        """Unenrols: the challenge ends without a reward and is no longer listed.

        404 for an unknown id, another user's, or one already left; 409 `challenge_completed`.
        """
        after_commit(request, await challenges.leave(conn, user_id, challenge_id))

    return router


users_router = user_router("/v1/users/{user_id}", path_user, "users")
me_router = user_router("/v1/me", token_user, "me")


# --- streak freezes bought in the shop ---------------------------------------------------------


class StreakFreezeIn(Strict):
    """Which streak to protect, with which shop item."""

    item_id: str = Field(min_length=1, max_length=200, description="A shop item of kind `streak_freeze`.")
    mission_id: str = Field(
        min_length=1, max_length=200, description="The mission (or the user's challenge) whose streak gets the freeze."
    )
    purchase_id: str | None = Field(
        None,
        min_length=1,
        max_length=100,
        pattern=r"^[A-Za-z0-9_.-]+$",
        description="Your id for this purchase: the same id again pays and adds nothing (a safe retry).",
    )


class StreakFreezeOut(BaseModel):
    """A freeze bought: its price, the user's balance after, and the freezes the streak holds now."""

    purchase_id: str
    item_id: str
    mission_id: str
    price: int
    points: int
    freezes: int
    duplicate: bool = Field(description="True when this purchase id was bought before (nothing paid again).")


def freeze_router(prefix: str, who: Callable[..., Awaitable[str]], tag: str) -> APIRouter:
    """The freeze purchase route under `prefix`, with the user id taken from `who`."""
    router = APIRouter(prefix=f"{prefix}/streak-freezes", tags=[tag])
    UserDep = Annotated[str, Depends(who)]

    @router.post("", status_code=201, response_model=StreakFreezeOut, responses=error_responses(401, 403, 409, 422))
    async def buy_streak_freeze(
        body: JsonBody[StreakFreezeIn], user_id: UserDep, conn: Conn, shop: ShopDep, gateway: GatewayDep
    ) -> StreakFreezeOut:
        """Buys one freeze for the user's streak on a mission (or their challenge) from the bonus
        shop, paying the item's `price` in points: it covers one missed period instead of
        breaking the streak. The streak must offer freezes (`streak.freezes`) and the user hold
        fewer than its `max`.

        422 naming the field: `item_not_found` or `not_a_freeze` (`item_id`), `mission_not_found`
        or `not_a_streak` (`mission_id`). 409: `no_streak` (no journey on it yet),
        `insufficient_points`, `out_of_stock`, `freezes_not_offered`, `freezes_full`,
        `journey_finished`; nothing is paid then.
        """
        bought = await shop.buy_streak_freeze(
            conn,
            gateway,
            user_id=user_id,
            item_id=body.item_id,
            mission_id=body.mission_id,
            purchase_id=body.purchase_id,
        )
        return StreakFreezeOut(**bought.__dict__)

    return router


users_freeze_router = freeze_router("/v1/users/{user_id}", path_user, "users")
me_freeze_router = freeze_router("/v1/me", token_user, "me")
