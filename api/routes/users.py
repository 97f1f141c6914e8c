"""Routes about users: tokens for the `/v1/me` routes, profiles, and the operator's tiers."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Request
from pydantic import AwareDatetime, BaseModel, Field

from api.auth import issue_token
from api.deps import Admin, Client, Conn, Me, SettingsDep, UsersDep, route_after_commit
from api.errors import error_responses
from api.schemas import Strict, TokenIn, TokenOut, UserId
from api.strict import JsonBody
from domain.challenges import TimeZone
from domain.spec_base import Name
from services.users import Profile, ProfileView, Tier

router = APIRouter(prefix="/v1/users", tags=["users"])
tiers_router = APIRouter(prefix="/v1/tiers", tags=["tiers"])
me_router = APIRouter(prefix="/v1/me", tags=["me"])


class Tiers(Strict):
    """The operator's tiers; each reached at `min_points` (or, without it, only set explicitly)."""

    tiers: list[Tier] = Field(max_length=100)


@tiers_router.put("", response_model=Tiers, responses=error_responses(401, 403, 422))
async def put_tiers(body: JsonBody[Tiers], conn: Conn, users: UsersDep, _: Admin) -> Tiers:
    """Replaces the tier list (names unique)."""
    return Tiers(tiers=await users.replace_tiers(conn, body.tiers))


@tiers_router.get("", response_model=Tiers, responses=error_responses(401, 403))
async def get_tiers(conn: Conn, users: UsersDep, _: Admin) -> Tiers:
    """The tier list, lowest threshold first."""
    return Tiers(tiers=await users.tiers(conn))


@router.post("/{user_id}/token", status_code=201, response_model=TokenOut, responses=error_responses(401, 403, 422))
async def issue_user_token(
    user_id: UserId, settings: SettingsDep, users: UsersDep, _: Client, body: JsonBody[TokenIn | None] = None
) -> TokenOut:
    """A short-lived signed token with which the user's app calls the `/v1/me` routes."""
    ttl = users.token_ttl(body.ttl if body else None)
    token, expires_at = issue_token(settings.token_secret, user_id, ttl)
    return TokenOut.of(token, user_id, expires_at, ttl)


class ProfileIn(Strict):
    """What the operator knows of a user: attributes, an explicit tier, linked accounts, join date."""

    attributes: dict[str, Any] = Field(default_factory=dict)
    tier: Name | None = Field(None, description="Set a tier explicitly (else points decide)")
    social: dict[str, Annotated[str, Field(min_length=1, max_length=200)]] = Field(default_factory=dict)
    joined_at: AwareDatetime | None = None
    time_zone: TimeZone | None = Field(
        None,
        description="The user's own IANA time zone (e.g. `Europe/Berlin`): where the days of their challenges, "
        'and of streak goals with `streak.time_zone: "user"`, begin. An unknown zone is 422 naming `time_zone`. '
        "A change never breaks or double-counts a day: the period under way ends no earlier than in the old zone.",
    )


class ProfileOut(BaseModel):
    """A user's profile with the tier and segments Questline derives from it."""

    id: str
    attributes: dict[str, Any]
    tier: str | None = Field(description="The explicitly set tier, if any")
    effective_tier: str | None = Field(description="The explicit tier, else the highest reached by points")
    social: dict[str, str]
    joined_at: datetime | None
    time_zone: str | None = Field(description="The user's own IANA time zone, if given")
    points: int
    segments: list[str]


def profile_out(view: ProfileView) -> ProfileOut:
    """The profile response of one user."""
    return ProfileOut(
        **view.profile.model_dump(), effective_tier=view.effective_tier, points=view.points, segments=view.segments
    )


@router.put("/{user_id}", response_model=ProfileOut, responses=error_responses(401, 403, 422))
async def put_user(
    user_id: UserId, body: JsonBody[ProfileIn], conn: Conn, users: UsersDep, request: Request, _: Client
) -> ProfileOut:
    """Creates or replaces a user's profile; tier and rule segments are re-evaluated at once.

    `social` links the user's accounts per platform (`x`, `discord`, `telegram`, `instagram`,
    `tiktok`, `youtube`); a handle the platform's API could not use is refused (422
    `invalid_social_handle`, field `social.<platform>`). Social missions are shown only to users
    with a linked account on their platform.
    """
    saved = await users.put_profile(conn, Profile(id=user_id, **body.model_dump()))
    route_after_commit(request, saved.changes)  # e.g. a new tier unlocks `min_tier` missions
    return profile_out(saved.view)


@router.get("/{user_id}", response_model=ProfileOut, responses=error_responses(401, 403, 422))
async def get_user(user_id: UserId, conn: Conn, users: UsersDep, _: Client) -> ProfileOut:
    """A user's profile, effective tier, points and segments."""
    return profile_out(await users.profile(conn, user_id))


@me_router.get("", response_model=ProfileOut, responses=error_responses(401, 403))
async def get_me(user_id: Me, conn: Conn, users: UsersDep) -> ProfileOut:
    """The token's user: profile, effective tier, points and segments."""
    return profile_out(await users.profile(conn, user_id))
