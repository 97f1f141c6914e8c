"""TikTok (Research API, client access token): follow, like, repost, post and hashtag_post.

The client key and secret buy a client access token (`POST /v2/oauth/token/`, form
`grant_type=client_credentials` → `{"access_token", "expires_in", "token_type"}`), reused until
shortly before it expires. Every Research call is a POST with `Authorization: Bearer <token>` and
answers `{"data": {...}, "error": {"code": "ok" | ..., "message", "log_id"}}`:

- follow: `/v2/research/user/following/` `{username, max_count, cursor}` → `data.user_following`;
- like: `/v2/research/user/liked_videos/?fields=...` → `data.user_liked_videos`;
- repost: `/v2/research/user/reposted_videos/?fields=...` → `data.reposted_videos`;
- post, hashtag_post: `/v2/research/video/query/?fields=...` with the query `username EQ <user>` and
  a `start_date`/`end_date` window of at most 30 days → `data.videos` (`cursor`, `search_id`).

Hashtags are compared here, normalised, rather than by the query, so `#Café` matches `cafe`.
A 401 (`access_token_invalid`) is retried once with a fresh token; `scope_not_authorized` (403)
is a project without Research access; `invalid_params` (400) covers unknown or private users.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

import httpx

from domain.social_support import Action, Platform
from domain.social_targets import contains_text, fold, hashtags_in
from domain.social_verification import Verdict
from settings import Settings
from social.client import MAX_PAGES, Clock, PlatformClient, field, items, seconds, utcnow
from social.errors import NotConfigured, Rejected, Unavailable

PAGE = 100
#: The longest window the video query accepts.
WINDOW = timedelta(days=29)
#: A token is renewed this long before TikTok says it expires.
TOKEN_MARGIN = timedelta(minutes=5)
VIDEO_FIELDS = "id,create_time,username,video_description,hashtag_names"


class _TokenRefused(Exception):
    """The Research API refused the cached token (`access_token_invalid`)."""


class TikTokClient(PlatformClient):
    """Verifies TikTok actions through the Research API."""

    platform: ClassVar[Platform] = "tiktok"
    label: ClassVar[str] = "TikTok"
    settings_names: ClassVar[tuple[str, ...]] = ("social_tiktok_client_key", "social_tiktok_client_secret")

    def __init__(
        self, http: httpx.AsyncClient, base_url: str, client_key: str, client_secret: str, *, clock: Clock = utcnow
    ) -> None:
        super().__init__(http, base_url, clock=clock)
        self._key = client_key
        self._secret = client_secret
        self._token: str | None = None
        self._expires = datetime.min.replace(tzinfo=UTC)
        self._lock = asyncio.Lock()

    @classmethod
    def from_settings(cls, http: httpx.AsyncClient, settings: Settings, *, clock: Clock = utcnow) -> TikTokClient:
        """The client configured by `QUESTLINE_SOCIAL_TIKTOK_*`."""
        return cls(
            http,
            settings.social_tiktok_base_url,
            settings.social_tiktok_client_key,
            settings.social_tiktok_client_secret,
            clock=clock,
        )

    @property
    def configured(self) -> bool:
        """True when the client key and secret are set."""
        return bool(self._key and self._secret)

    async def verify(self, action: Action, user: str, target: str, needed: int, since: datetime | None) -> Verdict:
        """Reads the Research listing that shows the action."""
        if action == "follow":
            found = await self._scan("/v2/research/user/following/", "user_following", user, None, target, "username")
            verb = "follows" if found else "does not follow"
            return Verdict.of(int(found), 1, f"@{user} {verb} @{target} on TikTok")
        if action in ("like", "repost"):
            path, key = {
                "like": ("/v2/research/user/liked_videos/", "user_liked_videos"),
                "repost": ("/v2/research/user/reposted_videos/", "reposted_videos"),
            }[action]
            found = await self._scan(path, key, user, "id,create_time,username", target, "id")
            verb = {"like": ("liked", "has not liked"), "repost": ("reposted", "has not reposted")}[action][not found]
            return Verdict.of(int(found), 1, f"@{user} {verb} video {target} on TikTok")
        count = await self._count_videos(action, user, target, needed, since)
        what = f"#{target}" if action == "hashtag_post" else f"the text {target!r}"
        return Verdict.of(count, needed, f"found {count} of {needed} TikTok videos by @{user} with {what}")

    async def _scan(self, path: str, key: str, user: str, fields: str | None, wanted: str, by: str) -> bool:
        """True when a page of the user's listing has an item whose `by` equals `wanted`."""
        body: dict[str, Any] = {"username": user, "max_count": PAGE}
        query = f"?fields={fields}" if fields else ""
        for _ in range(MAX_PAGES):
            data = await self._research(path + query, body)
            if any(str(item.get(by, "")).lower() == wanted for item in items(data.get(key))):
                return True
            if data.get("has_more") is not True or data.get("cursor") is None:
                return False
            body["cursor"] = data["cursor"]
        return False

    async def _count_videos(self, action: Action, user: str, target: str, needed: int, since: datetime | None) -> int:
        today = self.clock().astimezone(UTC)
        start = max(since or today - WINDOW, today - WINDOW)
        body: dict[str, Any] = {
            "query": {"and": [{"operation": "EQ", "field_name": "username", "field_values": [user]}]},
            "start_date": min(start, today).strftime("%Y%m%d"),
            "end_date": today.strftime("%Y%m%d"),
            "max_count": PAGE,
        }
        found = 0
        for _ in range(MAX_PAGES):
            data = await self._research(f"/v2/research/video/query/?fields={VIDEO_FIELDS}", body)
            for video in items(data.get("videos")):
                created = seconds(video.get("create_time"))
                if since is not None and (
                    created is None or datetime.fromtimestamp(created.total_seconds(), UTC) < since
                ):
                    continue
                if _matches(video, action, target):
                    found += 1
            if found >= needed or data.get("has_more") is not True:
                break
            body["cursor"] = data.get("cursor")
            body["search_id"] = data.get("search_id")
        return found

    async def _research(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        """One Research call, retried once with a fresh token when TikTok refuses the cached one."""
        try:
            return await self._research_once(path, body)
        except _TokenRefused:
            self._token = None
        try:
            return await self._research_once(path, body)
        except _TokenRefused as exc:
            raise NotConfigured("TikTok refused a fresh client access token") from exc

    async def _research_once(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        token = await self._access_token()
        response = await self.send("POST", path, json=body, headers={"Authorization": f"Bearer {token}"})
        answer = self.body(response)
        code = field(answer, "error", "code")
        message = str(field(answer, "error", "message") or code)
        if response.status_code == 200 and code == "ok":
            data = answer.get("data")
            if not isinstance(data, dict):
                raise Unavailable("TikTok answered without data")
            return data
        if response.status_code == 401 or code == "access_token_invalid":
            raise _TokenRefused(message)
        if response.status_code == 403 or code == "scope_not_authorized":
            raise NotConfigured(f"TikTok refused the Research request: {message}")
        raise Rejected(f"TikTok refused the request: {message}")

    async def _access_token(self) -> str:
        async with self._lock:
            if self._token is not None and self.clock() < self._expires:
                return self._token
            response = await self.send(
                "POST",
                "/v2/oauth/token/",
                data={"client_key": self._key, "client_secret": self._secret, "grant_type": "client_credentials"},
                headers={"Content-Type": "application/x-www-form-urlencoded"},
            )
            answer = self.body(response)
            token = answer.get("access_token")
            if response.status_code != 200 or not isinstance(token, str) or not token:
                reason = answer.get("error_description") or answer.get("error") or response.status_code
                raise NotConfigured(f"TikTok refused the client key and secret: {reason}")
            lifetime = seconds(answer.get("expires_in")) or timedelta(hours=2)
            self._token = token
            self._expires = self.clock() + max(lifetime - TOKEN_MARGIN, timedelta(seconds=1))
            return token


def _matches(video: dict[str, Any], action: Action, target: str) -> bool:
    description = str(video.get("video_description") or "")
    if action == "post":
        return contains_text(description, target)
    names = video.get("hashtag_names")
    tags = {fold(str(n).lstrip("#")) for n in names} if isinstance(names, list) else set()
    return target in tags or target in hashtags_in(description)
