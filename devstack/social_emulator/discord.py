"""The emulated Discord REST API: guild members."""

from __future__ import annotations

import math
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute

from devstack.social_emulator.core import Fact, Failure, World, json_response


class DiscordWorld(World):
    """Discord REST: guild members."""

    name = "discord"
    ops = ("server", "join")

    def clear(self) -> None:
        """Forgets every server."""
        self.guilds: dict[str, dict[str, Fact]] = {}

    def server(self, guild_id: str) -> None:
        """A server the bot is in."""
        self.guilds.setdefault(str(guild_id), {})

    def join(self, guild_id: str, user_id: str, hidden_reads: int = 0) -> None:
        """`user_id` joins the server (the bot is in it)."""
        self.server(guild_id)
        self.guilds[str(guild_id)][str(user_id)] = Fact(True, hidden_reads)

    def routes(self) -> list[BaseRoute]:
        """The endpoint the Discord client calls."""
        return [self.route("/guilds/{guild}/members/{user}", self._member)]

    def authorized(self, request: Request) -> bool:
        """A bot token."""
        return request.headers.get("authorization") == f"Bot {self.credentials.discord_token}"

    def unauthorized(self) -> Response:
        """Discord's 401."""
        return json_response({"message": "401: Unauthorized", "code": 0}, 401)

    def failure(self, failure: Failure) -> Response:
        """429 with `retry_after` in the body, or a 5xx."""
        if failure.status == 429:
            wait = float(failure.retry_after or 1)
            body = {"message": "You are being rate limited.", "retry_after": wait, "global": False}
            return json_response(body, 429, {"Retry-After": str(math.ceil(wait))})
        return json_response({"message": "Service Unavailable", "code": 0}, failure.status)

    async def _member(self, request: Request) -> Response:
        guild, user = request.path_params["guild"], request.path_params["user"]
        if guild not in self.guilds:
            return json_response({"message": "Unknown Guild", "code": 10004}, 404)
        fact = self.guilds[guild].get(user)
        if fact is None or not fact.visible():
            return json_response({"message": "Unknown Member", "code": 10007}, 404)
        member: dict[str, Any] = {
            "user": {"id": user, "username": f"user{user[-4:]}", "global_name": None},
            "nick": None,
            "roles": [],
            "joined_at": fact.at.isoformat(),
            "deaf": False,
            "mute": False,
            "flags": 0,
        }
        return json_response(member)
