"""X (API v2, app-only bearer token): follow, like, repost, comment, post and hashtag_post.

- the user: `GET /2/users/by/username/:username` → `{"data": {"id", "name", "username"}}`; an unknown
  name answers 200 with `{"errors": [{"type": ".../resource-not-found", ...}]}` and no `data`;
- follow: `GET /2/users/:id/following` (up to 1,000 per page, `meta.next_token`);
- like: `GET /2/users/:id/liked_tweets` (newest likes first);
- repost, comment, post, hashtag_post: the user's timeline `GET /2/users/:id/tweets` from
  `start_time`, with `referenced_tweets` (`retweeted`, `replied_to`) and `entities.hashtags`.

401 is a refused token and 403 an app whose access level lacks the endpoint (both operator
problems); a 429 says when the window resets in `x-rate-limit-reset` (epoch seconds).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

import httpx

from domain.social_support import Action, Platform
from domain.social_targets import contains_text, fold, hashtags_in, normalise_hashtag
from domain.social_verification import Verdict
from settings import Settings
from social.client import MAX_PAGES, Clock, PlatformClient, field, items, seconds, utcnow
from social.errors import NotConfigured, Rejected

#: X refuses `start_time` before this.
_EARLIEST = datetime(2010, 11, 6, tzinfo=UTC)


class XClient(PlatformClient):
    """Verifies actions on X with an app-only bearer token."""

    platform: ClassVar[Platform] = "x"
    label: ClassVar[str] = "X"
    settings_names: ClassVar[tuple[str, ...]] = ("social_x_token",)

    def __init__(self, http: httpx.AsyncClient, base_url: str, token: str, *, clock: Clock = utcnow) -> None:
        super().__init__(http, base_url, clock=clock)
        self._headers = {"Authorization": f"Bearer {token}"}
        self._token = token

    @classmethod
    def from_settings(cls, http: httpx.AsyncClient, settings: Settings, *, clock: Clock = utcnow) -> XClient:
        """The client configured by `QUESTLINE_SOCIAL_X_*`."""
        return cls(http, settings.social_x_base_url, settings.social_x_token, clock=clock)

    @property
    def configured(self) -> bool:
        """True when a bearer token is set."""
        return bool(self._token)

    async def verify(self, action: Action, user: str, target: str, needed: int, since: datetime | None) -> Verdict:
        """Looks the user up, then reads the listing that shows the action."""
        user_id = await self._user_id(user)
        if action == "follow":
            follows = await self._follows(user_id, target)
            verb = "follows" if follows else "does not follow"
            return Verdict.of(int(follows), 1, f"@{user} {verb} @{target} on X")
        if action == "like":
            liked = await self._liked(user_id, target)
            verb = "liked" if liked else "has not liked"
            return Verdict.of(int(liked), 1, f"@{user} {verb} post {target} on X")
        found = await self._count_posts(user_id, action, target, needed, since)
        return Verdict.of(found, needed, _describe(user, action, target, found, needed))

    async def _user_id(self, username: str) -> str:
        body = await self._get(f"/2/users/by/username/{username}", {}, missing=f"X has no account @{username}")
        user_id = field(body, "data", "id")
        if not isinstance(user_id, str):
            raise Rejected(f"X has no account @{username}")
        return user_id

    async def _follows(self, user_id: str, target: str) -> bool:
        token: str | None = None
        for _ in range(MAX_PAGES):
            params: dict[str, Any] = {"max_results": 1000}
            if token:
                params["pagination_token"] = token
            body = await self._get(f"/2/users/{user_id}/following", params)
            if any(str(u.get("username", "")).lower() == target for u in items(body.get("data"))):
                return True
            token = field(body, "meta", "next_token")
            if not token:
                return False
        return False

    async def _liked(self, user_id: str, post_id: str) -> bool:
        token: str | None = None
        for _ in range(MAX_PAGES):
            params: dict[str, Any] = {"max_results": 100}
            if token:
                params["pagination_token"] = token
            body = await self._get(f"/2/users/{user_id}/liked_tweets", params)
            if any(str(t.get("id")) == post_id for t in items(body.get("data"))):
                return True
            token = field(body, "meta", "next_token")
            if not token:
                return False
        return False

    async def _count_posts(self, user_id: str, action: Action, target: str, needed: int, since: datetime | None) -> int:
        params: dict[str, Any] = {"max_results": 100, "tweet.fields": "created_at,referenced_tweets,entities"}
        if since is not None:
            params["start_time"] = max(since, _EARLIEST).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        found = 0
        for _ in range(MAX_PAGES):
            body = await self._get(f"/2/users/{user_id}/tweets", params)
            found += sum(1 for tweet in items(body.get("data")) if _matches(tweet, action, target))
            token = field(body, "meta", "next_token")
            if found >= needed or not token:
                break
            params["pagination_token"] = token
        return found

    async def _get(
        self, path: str, params: dict[str, Any], missing: str = "X did not show this account's activity"
    ) -> dict[str, Any]:
        response = await self.send("GET", path, params=params, headers=self._headers)
        if response.status_code == 401:
            raise NotConfigured("X refused the bearer token (QUESTLINE_SOCIAL_X_TOKEN)")
        if response.status_code == 403:
            raise NotConfigured("X refused the request: the app's access level does not include this endpoint")
        body = self.body(response)
        if response.status_code >= 400:
            raise Rejected(f"X refused the request: {body.get('detail') or body.get('title') or response.status_code}")
        if "data" not in body and body.get("errors"):
            # An unknown, protected or suspended account answers 200 with errors and no data.
            raise Rejected(f"{missing} ({_first_error(body)})")
        return body

    def retry_after(self, response: httpx.Response) -> timedelta | None:
        """X says when the rate-limit window resets (`x-rate-limit-reset`, epoch seconds)."""
        reset = seconds(response.headers.get("x-rate-limit-reset"))
        if reset is not None:
            left = datetime.fromtimestamp(reset.total_seconds(), UTC) - self.clock()
            return max(left, timedelta(seconds=1))
        return super().retry_after(response)


def _matches(tweet: dict[str, Any], action: Action, target: str) -> bool:
    references = {(str(r.get("type")), str(r.get("id"))) for r in items(tweet.get("referenced_tweets"))}
    if action == "repost":
        return ("retweeted", target) in references
    if action == "comment":
        return ("replied_to", target) in references
    if any(kind == "retweeted" for kind, _ in references):
        return False  # a repost of someone else's post is not the user's post
    text = str(tweet.get("text", ""))
    if action == "post":
        return contains_text(text, target)
    tags = {fold(str(h.get("tag", ""))) for h in items(field(tweet, "entities", "hashtags"))}
    return target in tags or target in hashtags_in(text)


def _describe(user: str, action: Action, target: str, found: int, needed: int) -> str:
    if action == "repost":
        return f"@{user} {'reposted' if found else 'has not reposted'} post {target} on X"
    if action == "comment":
        return f"@{user} {'replied to' if found else 'has not replied to'} post {target} on X"
    what = f"#{normalise_hashtag(target)}" if action == "hashtag_post" else f"the text {target!r}"
    return f"found {found} of {needed} posts by @{user} with {what} on X"


def _first_error(body: dict[str, Any]) -> str:
    errors = items(body.get("errors"))
    return str(errors[0].get("detail") or errors[0].get("title")) if errors else "no data"
