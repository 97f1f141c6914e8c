"""YouTube (Data API v3, API key): follow (subscribe), comment, post and hashtag_post.

- a `@handle` becomes a channel id with `channels.list?part=id&forHandle=@handle`;
- follow: `subscriptions.list?part=snippet&channelId=<user>&forChannelId=<target>` has an item when
  the user subscribes; a user whose subscriptions are private gets 403 `subscriptionForbidden`;
- comment: `commentThreads.list?part=snippet&videoId=<video>&order=time` — a top-level comment
  whose `authorChannelId.value` is the user's channel;
- post, hashtag_post: `channels.list?part=contentDetails` gives the uploads playlist, then
  `playlistItems.list?part=snippet,contentDetails` (newest first): titles and descriptions.

Errors are `{"error": {"code", "message", "errors": [{"reason", "domain"}], "details": [...]}}`:
`quotaExceeded`/`rateLimitExceeded` (403 or 429) are rate limits; a bad or restricted key is
`keyInvalid`/`forbidden`/`accessNotConfigured` or `details[].reason == "API_KEY_INVALID"`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

import httpx

from domain.social_support import Action, Platform
from domain.social_targets import contains_text, hashtags_in
from domain.social_verification import Verdict
from settings import Settings
from social.client import MAX_PAGES, Clock, PlatformClient, field, items, parse_time, utcnow
from social.errors import NotConfigured, RateLimited, Rejected

RATE_LIMIT_REASONS = frozenset({"quotaExceeded", "rateLimitExceeded", "userRateLimitExceeded", "RATE_LIMIT_EXCEEDED"})
KEY_REASONS = frozenset(
    {
        "keyInvalid",
        "keyExpired",
        "accessNotConfigured",
        "forbidden",
        "ipRefererBlocked",
        "API_KEY_INVALID",
        "API_KEY_EXPIRED",
        "SERVICE_DISABLED",
        "API_KEY_SERVICE_BLOCKED",
    }
)


class YouTubeClient(PlatformClient):
    """Verifies YouTube actions with an API key (public data only)."""

    platform: ClassVar[Platform] = "youtube"
    label: ClassVar[str] = "YouTube"
    settings_names: ClassVar[tuple[str, ...]] = ("social_youtube_key",)

    def __init__(self, http: httpx.AsyncClient, base_url: str, key: str, *, clock: Clock = utcnow) -> None:
        super().__init__(http, base_url, clock=clock)
        self._key = key

    @classmethod
    def from_settings(cls, http: httpx.AsyncClient, settings: Settings, *, clock: Clock = utcnow) -> YouTubeClient:
        """The client configured by `QUESTLINE_SOCIAL_YOUTUBE_*`."""
        return cls(http, settings.social_youtube_base_url, settings.social_youtube_key, clock=clock)

    @property
    def configured(self) -> bool:
        """True when an API key is set."""
        return bool(self._key)

    async def verify(self, action: Action, user: str, target: str, needed: int, since: datetime | None) -> Verdict:
        """Resolves the user's channel, then reads the listing that shows the action."""
        channel = await self._channel_id(user)
        if action == "follow":
            brand = await self._channel_id(target)
            body = await self._get(
                "/subscriptions", {"part": "snippet", "channelId": channel, "forChannelId": brand, "maxResults": 1}
            )
            subscribed = bool(items(body.get("items")))
            verb = "subscribes" if subscribed else "does not subscribe"
            return Verdict.of(int(subscribed), 1, f"YouTube channel {user} {verb} to {target}")
        if action == "comment":
            commented = await self._commented(channel, target)
            verb = "commented on" if commented else "has not commented on"
            return Verdict.of(int(commented), 1, f"YouTube channel {user} {verb} video {target}")
        found = await self._count_uploads(channel, action, target, needed, since)
        what = f"#{target}" if action == "hashtag_post" else f"the text {target!r}"
        return Verdict.of(found, needed, f"found {found} of {needed} YouTube videos by {user} with {what}")

    async def _channel_id(self, handle: str) -> str:
        if not handle.startswith("@"):
            return handle
        body = await self._get("/channels", {"part": "id", "forHandle": handle})
        found = items(body.get("items"))
        if not found or not isinstance(found[0].get("id"), str):
            raise Rejected(f"YouTube has no channel {handle}")
        return str(found[0]["id"])

    async def _commented(self, channel: str, video: str) -> bool:
        params: dict[str, Any] = {"part": "snippet", "videoId": video, "maxResults": 100, "order": "time"}
        for _ in range(MAX_PAGES):
            body = await self._get("/commentThreads", params)
            for thread in items(body.get("items")):
                author = field(thread, "snippet", "topLevelComment", "snippet", "authorChannelId", "value")
                if author == channel:
                    return True
            token = body.get("nextPageToken")
            if not token:
                return False
            params["pageToken"] = token
        return False

    async def _count_uploads(
        self, channel: str, action: Action, target: str, needed: int, since: datetime | None
    ) -> int:
        body = await self._get("/channels", {"part": "contentDetails", "id": channel})
        found_channels = items(body.get("items"))
        uploads = field(found_channels[0], "contentDetails", "relatedPlaylists", "uploads") if found_channels else None
        if not isinstance(uploads, str) or not uploads:
            raise Rejected(f"YouTube has no channel {channel}")
        params: dict[str, Any] = {"part": "snippet,contentDetails", "playlistId": uploads, "maxResults": 50}
        found = 0
        for _ in range(MAX_PAGES):
            page = await self._get("/playlistItems", params)
            older = False
            for item in items(page.get("items")):
                published = parse_time(field(item, "contentDetails", "videoPublishedAt")) or parse_time(
                    field(item, "snippet", "publishedAt")
                )
                if since is not None and (published is None or published < since):
                    older = True
                    continue
                text = f"{field(item, 'snippet', 'title') or ''}\n{field(item, 'snippet', 'description') or ''}"
                if contains_text(text, target) if action == "post" else target in hashtags_in(text):
                    found += 1
            token = page.get("nextPageToken")
            if found >= needed or older or not token:
                break
            params["pageToken"] = token
        return found

    async def _get(self, path: str, params: dict[str, Any]) -> dict[str, Any]:
        response = await self.send("GET", path, params={**params, "key": self._key})
        body = self.body(response)
        if response.status_code == 200:
            return body
        error = body.get("error") if isinstance(body.get("error"), dict) else {}
        reasons = {str(e.get("reason")) for e in items(field(error, "errors"))}
        reasons |= {str(d.get("reason")) for d in items(field(error, "details"))}
        message = str(field(error, "message") or response.status_code)
        if reasons & RATE_LIMIT_REASONS:
            raise RateLimited(f"YouTube is limiting us: {message}", self.retry_after(response))
        if reasons & KEY_REASONS or response.status_code == 401:
            raise NotConfigured(f"YouTube refused the API key (QUESTLINE_SOCIAL_YOUTUBE_KEY): {message}")
        raise Rejected(f"YouTube refused the request: {message}")
