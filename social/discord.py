"""Discord (REST API v10, bot token): join a server.

`GET /guilds/{guild.id}/members/{user.id}` with `Authorization: Bot <token>` answers the guild
member object when the user is in the server, and 404 with a JSON error code otherwise:
10007 Unknown Member (not joined), 10013 Unknown User (no such account), 10004 Unknown Guild (the
bot is not in that server). 50001 Missing Access / 401 mean the bot cannot look. A 429 carries
`retry_after` (seconds) in its body.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import ClassVar

import httpx

from domain.social_support import Action, Platform
from domain.social_verification import Verdict
from settings import Settings
from social.client import Clock, PlatformClient, seconds, utcnow
from social.errors import NotConfigured, Rejected

UNKNOWN_GUILD = 10004
UNKNOWN_MEMBER = 10007
UNKNOWN_USER = 10013


class DiscordClient(PlatformClient):
    """Verifies server membership with a bot that is a member of the server."""

    platform: ClassVar[Platform] = "discord"
    label: ClassVar[str] = "Discord"
    settings_names: ClassVar[tuple[str, ...]] = ("social_discord_token",)

    def __init__(self, http: httpx.AsyncClient, base_url: str, token: str, *, clock: Clock = utcnow) -> None:
        super().__init__(http, base_url, clock=clock)
        self._token = token

    @classmethod
    def from_settings(cls, http: httpx.AsyncClient, settings: Settings, *, clock: Clock = utcnow) -> DiscordClient:
        """The client configured by `QUESTLINE_SOCIAL_DISCORD_*`."""
        return cls(http, settings.social_discord_base_url, settings.social_discord_token, clock=clock)

    @property
    def configured(self) -> bool:
        """True when a bot token is set."""
        return bool(self._token)

    async def verify(self, action: Action, user: str, target: str, needed: int, since: datetime | None) -> Verdict:
        """Asks for the user's membership of the server `target`."""
        response = await self.send(
            "GET", f"/guilds/{target}/members/{user}", headers={"Authorization": f"Bot {self._token}"}
        )
        if response.status_code == 200:
            self.body(response)
            return Verdict.of(1, 1, f"Discord user {user} is a member of server {target}")
        body = self.body(response)
        code = body.get("code")
        if response.status_code == 404 and code == UNKNOWN_MEMBER:
            return Verdict.of(0, 1, f"Discord user {user} has not joined server {target}")
        if response.status_code == 404 and code == UNKNOWN_USER:
            raise Rejected(f"Discord has no user {user}")
        if response.status_code == 404 and code == UNKNOWN_GUILD:
            raise NotConfigured(f"the Discord bot is not in server {target} (or the server does not exist)")
        if response.status_code in (401, 403):
            raise NotConfigured(f"Discord refused the bot: {body.get('message', response.status_code)}")
        raise Rejected(f"Discord refused the request: {body.get('message', response.status_code)}")

    def retry_after(self, response: httpx.Response) -> timedelta | None:
        """Discord puts the wait in the body's `retry_after` (seconds, fractional)."""
        try:
            waited = seconds(response.json().get("retry_after"))
        except (ValueError, AttributeError):
            waited = None
        return waited or super().retry_after(response)
