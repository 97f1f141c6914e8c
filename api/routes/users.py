"""Routes about users: tokens for the `/v1/me` routes, profiles, and the operator's tiers."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Request
from pydantic import AwareDatetime, BaseModel, Field

from api.auth import issue_token
from api.deps import Admin, Client, Conn, Me, SettingsDep, route_after_commit
from api.errors import error_responses
from api.schemas import Strict, TokenIn, TokenOut, UserId
from api.strict import JsonBody
from db import ledger, users
from domain.errors import Invalid
from domain.missions import Name
from domain.social import check_handles
from domain.users import Tier
from services import audience

router = APIRouter(prefix="/v1/users", tags=["users"])
tiers_router = APIRouter(prefix="/v1/tiers", tags=["tiers"])
me_router = APIRouter(prefix="/v1/me", tags=["me"])


class Tiers(Strict):
    """The operator's tiers; each reached at `min_points` (or, without it, only set explicitly)."""

    tiers: list[Tier] = Field(max_length=100)


@tiers_router.put("", response_model=Tiers, responses=error_responses(401, 403, 422))
async def put_tiers(body: JsonBody[Tiers], conn: Conn, _: Admin) -> Tiers:
    """Replaces the tier list (names unique)."""
    names = [t.name for t in body.tiers]
    if len(set(names)) != len(names):
        raise Invalid("duplicate_tier", "tier names must be unique", [{"field": "tiers", "reason": "duplicate name"}])
    return Tiers(tiers=await users.replace_tiers(conn, body.tiers))


@tiers_router.get("", response_model=Tiers, responses=error_responses(401, 403))
async def get_tiers(conn: Conn, _: Admin) -> Tiers:
    """The tier list, lowest threshold first."""
    return Tiers(tiers=await users.list_tiers(conn))


@router.post("/{user_id}/token", status_code=201, response_model=TokenOut, responses=error_responses(401, 403, 422))
async def issue_user_token(
    user_id: UserId, settings: SettingsDep, _: Client, body: JsonBody[TokenIn | None] = None
) -> TokenOut:
    """A short-lived signed token with which the user's app calls the `/v1/me` routes."""
    ttl = body.ttl if body and body.ttl else settings.token_ttl
    if ttl > settings.token_max_ttl:
        raise Invalid(
            "ttl_too_long",
            f"ttl may be at most {int(settings.token_max_ttl.total_seconds())} seconds",
            [{"field": "ttl", "reason": "longer than QUESTLINE_TOKEN_MAX_TTL"}],
        )
    token, expires_at = issue_token(settings.token_secret, user_id, ttl)
    return TokenOut.of(token, user_id, expires_at, ttl)


class ProfileIn(Strict):
    """What the operator knows of a user: attributes, an explicit tier, linked accounts, join date."""

    attributes: dict[str, Any] = Field(default_factory=dict)
    tier: Name | None = Field(None, description="Set a tier explicitly (else points decide)")
    social: dict[str, Annotated[str, Field(min_length=1, max_length=200)]] = Field(default_factory=dict)
    joined_at: AwareDatetime | None = None


class ProfileOut(BaseModel):
    """A user's profile with the tier and segments Questline derives from it."""

    id: str
    attributes: dict[str, Any]
    tier: str | None = Field(description="The explicitly set tier, if any")
    effective_tier: str | None = Field(description="The explicit tier, else the highest reached by points")
    social: dict[str, str]
    joined_at: datetime | None
    points: int
    segments: list[str]


async def profile_out(conn: Conn, user_id: str) -> ProfileOut:
    """The profile response of one user."""
    profile = await users.get_profile(conn, user_id)
    return ProfileOut(
        **profile.model_dump(),
        effective_tier=await users.tier_of(conn, user_id, await users.list_tiers(conn)),
        points=await ledger.balance(conn, user_id),
        segments=sorted(await users.segment_ids(conn, user_id)),
    )


@router.put("/{user_id}", response_model=ProfileOut, responses=error_responses(401, 403, 422))
async def put_user(user_id: UserId, body: JsonBody[ProfileIn], conn: Conn, request: Request, _: Client) -> ProfileOut:
    """Creates or replaces a user's profile; tier and rule segments are re-evaluated at once.

    `social` links the user's accounts per platform (`x`, `discord`, `telegram`, `instagram`,
    `tiktok`, `youtube`); a handle the platform's API could not use is refused (422
    `invalid_social_handle`, field `social.<platform>`). Social missions are shown only to users
    with a linked account on their platform.
    """
    check_handles(body.social)
    defined = await users.list_tiers(conn)
    if body.tier is not None and body.tier not in {t.name for t in defined}:
        raise Invalid(
            "unknown_tier", f"no tier {body.tier!r} is defined", [{"field": "tier", "reason": "not a defined tier"}]
        )
    now = datetime.now(UTC)
    before = await users.tier_of(conn, user_id, defined)
    await users.put_profile(conn, users.Profile(id=user_id, **body.model_dump()))
    changes = await audience.tier_change(conn, user_id, before, now)
    changes += await audience.refresh_segments(conn, user_id, now, {"profile", "tier"})
    route_after_commit(request, changes)  # e.g. a new tier unlocks `min_tier` missions
    return await profile_out(conn, user_id)


@router.get("/{user_id}", response_model=ProfileOut, responses=error_responses(401, 403, 422))
async def get_user(user_id: UserId, conn: Conn, _: Client) -> ProfileOut:
    """A user's profile, effective tier, points and segments."""
    return await profile_out(conn, user_id)


@me_router.get("", response_model=ProfileOut, responses=error_responses(401, 403))
async def get_me(user_id: Me, conn: Conn) -> ProfileOut:
    """The token's user: profile, effective tier, points and segments."""
    return await profile_out(conn, user_id)
