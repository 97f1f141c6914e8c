"""The emulated Instagram Graph API: business discovery of an account's media."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute

from devstack.social_emulator.core import Fact, Failure, World, json_response, next_id, paginate, when

_DISCOVERY = re.compile(r"business_discovery\.username\(([^)]*)\)\{media((?:\.\w+\([^)]*\))*)\{([^}]*)\}\}")


class InstagramWorld(World):
    """Instagram Graph API: business discovery of an account's media."""

    name = "instagram"
    ops = ("account", "post")

    def clear(self) -> None:
        """Forgets every account."""
        self.accounts: dict[str, dict[str, Any]] = {}

    def account(self, username: str, business: bool = True) -> str:
        """An Instagram account (business discovery sees only Business and Creator accounts); its id."""
        key = username.lstrip("@").lower()
        if key not in self.accounts:
            self.accounts[key] = {"id": str(17_841_500_000_000_000 + next_id()), "business": business, "media": []}
        self.accounts[key]["business"] = business
        return str(self.accounts[key]["id"])

    def post(self, username: str, caption: str, at: datetime | str | None = None, hidden_reads: int = 0) -> str:
        """A post by `username` with `caption`; returns its id."""
        self.account(username, self.accounts.get(username.lstrip("@").lower(), {}).get("business", True))
        media_id = str(18_000_000_000_000_000 + next_id())
        media = {"id": media_id, "caption": caption, "timestamp": when(at)}
        self.accounts[username.lstrip("@").lower()]["media"].append(Fact(media, hidden_reads))
        return media_id

    def routes(self) -> list[BaseRoute]:
        """The node the Instagram client reads."""
        return [self.route("/{node}", self._node)]

    def authorized(self, request: Request) -> bool:
        """An access token parameter."""
        return request.query_params.get("access_token") == self.credentials.instagram_token

    def unauthorized(self) -> Response:
        """The Graph API's invalid-token error (HTTP 400, code 190)."""
        return self._error(400, "Invalid OAuth access token - Cannot parse access token", 190)

    def failure(self, failure: Failure) -> Response:
        """Rate limits are code 4 with HTTP 400; server errors are transient code 2."""
        if failure.status == 429:
            return self._error(400, "(#4) Application request limit reached", 4, transient=True)
        return self._error(
            failure.status, "An unexpected error has occurred. Please retry your request later.", 2, True
        )

    @staticmethod
    def _error(status: int, message: str, code: int, transient: bool = False, subcode: int | None = None) -> Response:
        error: dict[str, Any] = {
            "message": message,
            "type": "OAuthException",
            "code": code,
            "is_transient": transient,
            "fbtrace_id": "AemulatorTrace",
        }
        if subcode is not None:
            error |= {
                "error_subcode": subcode,
                "error_user_title": "Cannot find User",
                "error_user_msg": "The user cannot be found.",
            }
        return json_response({"error": error}, status)

    async def _node(self, request: Request) -> Response:
        if request.path_params["node"] != self.credentials.instagram_account_id:
            return self._error(400, "Unsupported get request. Object does not exist or cannot be loaded.", 100)
        match = _DISCOVERY.fullmatch(request.query_params.get("fields", ""))
        if match is None:
            return self._error(400, "(#100) Tried accessing nonexisting field", 100)
        username, modifiers, wanted = match.group(1).lower(), match.group(2), match.group(3).split(",")
        account = self.accounts.get(username)
        if account is None or not account["business"]:
            return self._error(400, "Invalid user id", 110, subcode=2207013)
        args = dict(re.findall(r"\.(\w+)\(([^)]*)\)", modifiers))
        shown = [f.value for f in reversed(account["media"]) if f.visible()]
        shown.sort(key=lambda m: m["timestamp"], reverse=True)
        page, after = paginate(shown, args.get("after"), int(args.get("limit", "25")))
        data = []
        for media in page:
            item = {"id": media["id"]}
            if "caption" in wanted:
                item["caption"] = media["caption"]
            if "timestamp" in wanted:
                item["timestamp"] = media["timestamp"].strftime("%Y-%m-%dT%H:%M:%S+0000")
            if "permalink" in wanted:
                item["permalink"] = f"https://www.instagram.com/p/{media['id']}/"
            data.append(item)
        start = args.get("after") or "0"
        paging: dict[str, Any] = {"cursors": {"before": start, "after": after or str(int(start) + len(page))}}
        if after:
            paging["next"] = f"{request.url}&after={after}"
        discovery = {"id": account["id"], "media": {"data": data, "paging": paging}}
        return json_response({"business_discovery": discovery, "id": self.credentials.instagram_account_id})
