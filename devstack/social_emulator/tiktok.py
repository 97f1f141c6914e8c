"""The emulated TikTok APIs: client access tokens and the Research API's user and video queries."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute

from devstack.social_emulator.core import Fact, Failure, World, json_response, next_id, paginate, when


@dataclass
class Video:
    """A TikTok video."""

    id: str
    username: str
    description: str
    hashtags: list[str]
    created_at: datetime
    fact: Fact


class TikTokWorld(World):
    """TikTok: client access tokens and the Research API's user and video queries."""

    name = "tiktok"
    ops = ("account", "follow", "like", "repost", "post", "expire_tokens")

    def clear(self) -> None:
        """Forgets every user, video and token."""
        self.users: dict[str, dict[str, list[Fact]]] = {}
        self.videos: list[Video] = []
        self.tokens: set[str] = set()
        self.tokens_issued = 0

    def account(self, username: str) -> None:
        """A TikTok user."""
        self.users.setdefault(username.lstrip("@").lower(), {"following": [], "liked": [], "reposted": []})

    def _add(self, user: str, kind: str, value: str, hidden_reads: int) -> None:
        self.account(user)
        self.users[user.lstrip("@").lower()][kind].insert(0, Fact(value, hidden_reads))

    def follow(self, user: str, target: str, hidden_reads: int = 0) -> None:
        """`user` follows `target`."""
        self.account(target)
        self._add(user, "following", target.lstrip("@").lower(), hidden_reads)

    def like(self, user: str, video_id: str, hidden_reads: int = 0) -> None:
        """`user` likes the video."""
        self._add(user, "liked", str(video_id), hidden_reads)

    def repost(self, user: str, video_id: str, hidden_reads: int = 0) -> None:
        """`user` reposts the video."""
        self._add(user, "reposted", str(video_id), hidden_reads)

    def post(
        self,
        user: str,
        description: str,
        hashtags: list[str] | None = None,
        at: datetime | str | None = None,
        hidden_reads: int = 0,
    ) -> str:
        """A video by `user` (hashtags default to those written in the description); its id."""
        self.account(user)
        video_id = str(7_300_000_000_000_000_000 + next_id())
        tags = hashtags if hashtags is not None else re.findall(r"#(\w+)", description)
        video = Video(video_id, user.lstrip("@").lower(), description, tags, when(at), Fact(None, hidden_reads))
        self.videos.append(video)
        return video_id

    def expire_tokens(self) -> None:
        """Every issued token is refused from now on (as after its 2 hours)."""
        self.tokens.clear()

    def routes(self) -> list[BaseRoute]:
        """The endpoints the TikTok client calls."""
        return [
            self.route("/v2/oauth/token/", self._token, ("POST",)),
            self.route("/v2/research/user/following/", self._following, ("POST",)),
            self.route("/v2/research/user/liked_videos/", self._liked, ("POST",)),
            self.route("/v2/research/user/reposted_videos/", self._reposted, ("POST",)),
            self.route("/v2/research/video/query/", self._query, ("POST",)),
        ]

    def authorized(self, request: Request) -> bool:
        """A live client access token (the token endpoint checks the key and secret itself)."""
        if request.url.path.endswith("/oauth/token/"):
            return True
        header = request.headers.get("authorization", "")
        return header.lower().startswith("bearer ") and header[7:] in self.tokens

    def unauthorized(self) -> Response:
        """The Research API's 401."""
        return self._error(401, "access_token_invalid", "The access token is invalid or not found in the request.")

    def failure(self, failure: Failure) -> Response:
        """429 `rate_limit_exceeded`, or a 5xx `internal_error`."""
        if failure.status == 429:
            return self._error(429, "rate_limit_exceeded", "API rate limit was exceeded, please try again later.")
        return self._error(failure.status, "internal_error", "Something went wrong. Please try again later.")

    @staticmethod
    def _error(status: int, code: str, message: str) -> Response:
        return json_response(
            {"data": {}, "error": {"code": code, "message": message, "log_id": "20240101000000EMULATOR"}}, status
        )

    @staticmethod
    def _ok(data: dict[str, Any]) -> Response:
        return json_response({"data": data, "error": {"code": "ok", "message": "", "log_id": "20240101000000EMULATOR"}})

    async def _token(self, request: Request) -> Response:
        form = await request.form()
        if (
            form.get("grant_type") != "client_credentials"
            or form.get("client_key") != self.credentials.tiktok_client_key
            or form.get("client_secret") != self.credentials.tiktok_client_secret
        ):
            body = {"error": "invalid_client", "error_description": "Client key or secret is incorrect.", "log_id": "x"}
            return json_response(body, 401)
        self.tokens_issued += 1
        token = f"clt.emulator{self.tokens_issued}"
        self.tokens.add(token)
        return json_response({"access_token": token, "expires_in": 7200, "token_type": "Bearer"})

    async def _user_listing(self, request: Request, kind: str, key: str, render: Callable[[str], Any]) -> Response:
        body = await request.json()
        user = str(body.get("username", "")).lower()
        if user not in self.users:
            return self._error(400, "invalid_params", "The user does not exist or is not public.")
        shown = [render(f.value) for f in self.users[user][kind] if f.visible()]
        page, cursor = paginate(shown, str(body.get("cursor") or ""), int(body.get("max_count") or 20))
        return self._ok({key: page, "cursor": int(cursor or 0), "has_more": cursor is not None})

    async def _following(self, request: Request) -> Response:
        return await self._user_listing(
            request, "following", "user_following", lambda name: {"display_name": name.title(), "username": name}
        )

    def _video_of(self, video_id: str) -> dict[str, Any]:
        video = next((v for v in self.videos if v.id == video_id), None)
        author = video.username if video else "someone"
        created = int((video.created_at if video else datetime.now(UTC)).timestamp())
        return {"id": int(video_id), "create_time": created, "username": author}

    async def _liked(self, request: Request) -> Response:
        return await self._user_listing(request, "liked", "user_liked_videos", self._video_of)

    async def _reposted(self, request: Request) -> Response:
        return await self._user_listing(request, "reposted", "reposted_videos", self._video_of)

    async def _query(self, request: Request) -> Response:
        body = await request.json()
        try:
            start = datetime.strptime(body["start_date"], "%Y%m%d").replace(tzinfo=UTC)
            end = datetime.strptime(body["end_date"], "%Y%m%d").replace(tzinfo=UTC) + timedelta(days=1)
        except (KeyError, ValueError):
            return self._error(400, "invalid_params", "start_date and end_date are required (YYYYMMDD)")
        if end - start > timedelta(days=31) or end <= start:
            return self._error(400, "invalid_params", "end_date must be no more than 30 days after start_date")
        users = {
            str(v).lower()
            for c in body.get("query", {}).get("and", [])
            if c.get("field_name") == "username"
            for v in c.get("field_values", [])
        }
        mine = sorted(
            (v for v in self.videos if v.username in users and start <= v.created_at < end),
            key=lambda v: v.created_at,
            reverse=True,
        )
        shown = [
            {
                "id": int(v.id),
                "create_time": int(v.created_at.timestamp()),
                "username": v.username,
                "video_description": v.description,
                "hashtag_names": v.hashtags,
            }
            for v in mine
            if v.fact.visible()
        ]
        page, cursor = paginate(shown, str(body.get("cursor") or ""), int(body.get("max_count") or 20))
        return self._ok(
            {"videos": page, "cursor": int(cursor or 0), "has_more": cursor is not None, "search_id": "7300000000001"}
        )
