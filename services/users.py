"""Users: the operator's tiers, users' profiles, and the lifetime of a user's token.

A profile write re-evaluates at once what depends on it: the user's tier (an explicit one, else
points decide) and the rule segments that read the profile or the tier; the changes are logged
as Questline's own events (`services.audience`) for the caller to route once committed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from db import ledger, users
from db.engine import Conn
from db.events import StoredEvent
from db.users import Profile
from domain.errors import Invalid
from domain.social_targets import check_handles
from domain.users import Tier
from services import audience
from settings import Settings

__all__ = ["Profile", "ProfileView", "Tier", "Users"]


@dataclass(frozen=True)
class ProfileView:
    """A user's profile with the tier, points and segments Questline derives from it."""

    profile: Profile
    effective_tier: str | None
    points: int
    segments: list[str]


@dataclass(frozen=True)
class ProfileSaved:
    """A profile written, and the internal events it caused (to route once committed)."""

    view: ProfileView
    changes: list[StoredEvent]


class Users:
    """Tiers and profiles, on the caller's transaction."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    async def replace_tiers(self, conn: Conn, tiers: list[Tier]) -> list[Tier]:
        """Replaces the tier list; 422 `duplicate_tier` when two share a name."""
        names = [t.name for t in tiers]
        if len(set(names)) != len(names):
            raise Invalid(
                "duplicate_tier", "tier names must be unique", [{"field": "tiers", "reason": "duplicate name"}]
            )
        return await users.replace_tiers(conn, tiers)

    async def tiers(self, conn: Conn) -> list[Tier]:
        """The tier list, lowest threshold first."""
        return await users.list_tiers(conn)

    def token_ttl(self, requested: timedelta | None) -> timedelta:
        """The lifetime of a user token: the requested one (at most the configured maximum) or the default."""
        ttl = requested or self.settings.token_ttl
        if ttl > self.settings.token_max_ttl:
            raise Invalid(
                "ttl_too_long",
                f"ttl may be at most {int(self.settings.token_max_ttl.total_seconds())} seconds",
                [{"field": "ttl", "reason": "longer than QUESTLINE_TOKEN_MAX_TTL"}],
            )
        return ttl

    async def put_profile(self, conn: Conn, profile: Profile) -> ProfileSaved:
        """Creates or replaces a profile; the tier and the rule segments are re-evaluated at once.

        422 `invalid_social_handle` for a handle its platform could not use, `unknown_tier` for a
        tier that is not defined.
        """
        check_handles(profile.social)
        defined = await users.list_tiers(conn)
        if profile.tier is not None and profile.tier not in {t.name for t in defined}:
            raise Invalid(
                "unknown_tier",
                f"no tier {profile.tier!r} is defined",
                [{"field": "tier", "reason": "not a defined tier"}],
            )
        now = datetime.now(UTC)
        before = await users.tier_of(conn, profile.id, defined)
        await users.put_profile(conn, profile)
        changes = await audience.tier_change(conn, profile.id, before, now)
        changes += await audience.refresh_segments(conn, profile.id, now, {"profile", "tier"})
        return ProfileSaved(view=await self.profile(conn, profile.id), changes=changes)

    async def profile(self, conn: Conn, user_id: str) -> ProfileView:
        """The user's profile, effective tier, points and segments."""
        return ProfileView(
            profile=await users.get_profile(conn, user_id),
            effective_tier=await users.tier_of(conn, user_id, await users.list_tiers(conn)),
            points=await ledger.balance(conn, user_id),
            segments=sorted(await users.segment_ids(conn, user_id)),
        )
