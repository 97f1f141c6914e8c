"""Instagram (Graph API, business discovery): post and hashtag_post.

The operator's own Instagram professional account (`QUESTLINE_SOCIAL_INSTAGRAM_ACCOUNT_ID`, with
its access token) reads another professional account's recent media:

    GET /{ig-user-id}?fields=business_discovery.username(<user>){media.limit(50){id,caption,timestamp,permalink}}

→ `{"business_discovery": {"media": {"data": [...], "paging": {"cursors": {"after"}}}}, "id"}`;
the next page asks `media.after(<cursor>).limit(50)`. Only Business and Creator accounts can be
discovered: a personal account (or an unknown name) is error 110 (subcode 2207013).

Errors are `{"error": {"message", "type", "code", "error_subcode", "is_transient"}}`, mostly with
HTTP 400: codes 4, 17, 32 and 613 are rate limits, 190 and 102 a bad token, 10 and 200-299 a
missing permission, `is_transient` (or codes 1, 2) a temporary failure.
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
from social.errors import NotConfigured, RateLimited, Rejected, Unavailable

PAGE = 50
RATE_LIMIT_CODES = frozenset({4, 17, 32, 613})
TOKEN_CODES = frozenset({102, 190})
TRANSIENT_CODES = frozenset({1, 2})


class InstagramClient(PlatformClient):
    """Verifies posts of Instagram professional accounts through business discovery."""

    platform: ClassVar[Platform] = "instagram"
    label: ClassVar[str] = "Instagram"
    settings_names: ClassVar[tuple[str, ...]] = ("social_instagram_token", "social_instagram_account_id")

    def __init__(
        self, http: httpx.AsyncClient, base_url: str, token: str, account_id: str, *, clock: Clock = utcnow
    ) -> None:
        super().__init__(http, base_url, clock=clock)
        self._token = token
        self._account_id = account_id

    @classmethod
    def from_settings(cls, http: httpx.AsyncClient, settings: Settings, *, clock: Clock = utcnow) -> InstagramClient:
        """The client configured by `QUESTLINE_SOCIAL_INSTAGRAM_*`."""
        return cls(
            http,
            settings.social_instagram_base_url,
            settings.social_instagram_token,
            settings.social_instagram_account_id,
            clock=clock,
        )

    @property
    def configured(self) -> bool:
        """True when both the access token and the discovering account's id are set."""
        return bool(self._token and self._account_id)

    async def verify(self, action: Action, user: str, target: str, needed: int, since: datetime | None) -> Verdict:
        """Counts the user's recent media whose caption has the text or the hashtag."""
        found = 0
        after: str | None = None
        for _ in range(MAX_PAGES):
            media = ".".join(["media", *([f"after({after})"] if after else []), f"limit({PAGE})"])
            fields = f"business_discovery.username({user}){{{media}{{id,caption,timestamp,permalink}}}}"
            body = await self._get(fields)
            page = items(field(body, "business_discovery", "media", "data"))
            older = False
            for post in page:
                created = parse_time(post.get("timestamp"))
                if since is not None and (created is None or created < since):
                    older = True  # media come newest first: the rest is older still
                    continue
                caption = str(post.get("caption") or "")
                if contains_text(caption, target) if action == "post" else target in hashtags_in(caption):
                    found += 1
            after = field(body, "business_discovery", "media", "paging", "cursors", "after")
            if found >= needed or older or not after or len(page) < PAGE:
                break
        what = f"#{target}" if action == "hashtag_post" else f"the text {target!r}"
        return Verdict.of(found, needed, f"found {found} of {needed} Instagram posts by @{user} with {what}")

    async def _get(self, fields: str) -> dict[str, Any]:
        response = await self.send(
            "GET", f"/{self._account_id}", params={"fields": fields, "access_token": self._token}
        )
        body = self.body(response)
        error = body.get("error")
        if response.status_code == 200 and error is None:
            return body
        if not isinstance(error, dict):
            raise Unavailable(f"Instagram answered HTTP {response.status_code} without an error object")
        code = error.get("code")
        message = str(error.get("error_user_msg") or error.get("message") or code)
        if code in RATE_LIMIT_CODES:
            raise RateLimited(f"Instagram is rate limiting us: {message}")
        if error.get("is_transient") is True or code in TRANSIENT_CODES:
            raise Unavailable(f"Instagram failed for now: {message}")
        if code in TOKEN_CODES or code == 10 or (isinstance(code, int) and 200 <= code <= 299):
            raise NotConfigured(f"Instagram refused our access token or permissions: {message}")
        raise Rejected(f"Instagram refused the request: {message}")
