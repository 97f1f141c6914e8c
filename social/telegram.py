"""Telegram (Bot API): join a channel or group.

`GET /bot<token>/getChatMember?chat_id=<@channel or id>&user_id=<id>` answers
`{"ok": true, "result": {"status": ..., "user": {...}}}`; a member is `creator`, `administrator`,
`member`, or `restricted` with `is_member: true`; `left` and `kicked` are not. Errors are
`{"ok": false, "error_code", "description"}`: 400 (no such chat or user), 401/404 (a bad token),
403 (the bot is not allowed to see the chat's members), 429 with `parameters.retry_after`.
The bot must be an administrator of a channel to see its members.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import ClassVar

import httpx

from domain.social_support import Action, Platform
from domain.social_verification import Verdict
from settings import Settings
from social.client import Clock, PlatformClient, field, seconds, utcnow
from social.errors import NotConfigured, Rejected, Unavailable

MEMBER_STATUSES = frozenset({"creator", "administrator", "member"})


class TelegramClient(PlatformClient):
    """Verifies chat membership with a bot that administers the chat."""

    platform: ClassVar[Platform] = "telegram"
    label: ClassVar[str] = "Telegram"
    settings_names: ClassVar[tuple[str, ...]] = ("social_telegram_token",)

    def __init__(self, http: httpx.AsyncClient, base_url: str, token: str, *, clock: Clock = utcnow) -> None:
        super().__init__(http, base_url, clock=clock)
        self._token = token

    @classmethod
    def from_settings(cls, http: httpx.AsyncClient, settings: Settings, *, clock: Clock = utcnow) -> TelegramClient:
        """The client configured by `QUESTLINE_SOCIAL_TELEGRAM_*`."""
        return cls(http, settings.social_telegram_base_url, settings.social_telegram_token, clock=clock)

    @property
    def configured(self) -> bool:
        """True when a bot token is set."""
        return bool(self._token)

    async def verify(self, action: Action, user: str, target: str, needed: int, since: datetime | None) -> Verdict:
        """Asks for the user's membership of the chat `target`."""
        response = await self.send(
            "GET", f"/bot{self._token}/getChatMember", params={"chat_id": target, "user_id": user}
        )
        body = self.body(response)
        if response.status_code == 200 and body.get("ok") is True:
            status = field(body, "result", "status")
            if not isinstance(status, str):
                raise Unavailable("Telegram answered getChatMember without a status")
            member = status in MEMBER_STATUSES or (
                status == "restricted" and field(body, "result", "is_member") is True
            )
            verb = "is a member of" if member else f"is not a member ({status}) of"
            return Verdict.of(int(member), 1, f"Telegram user {user} {verb} {target}")
        description = str(body.get("description", response.status_code))
        if response.status_code in (401, 404):
            raise NotConfigured("Telegram refused the bot token (QUESTLINE_SOCIAL_TELEGRAM_TOKEN)")
        if response.status_code == 403:
            raise NotConfigured(f"the Telegram bot cannot see the members of {target}: {description}")
        raise Rejected(f"Telegram refused the request: {description}")

    def retry_after(self, response: httpx.Response) -> timedelta | None:
        """Telegram puts the wait in `parameters.retry_after` (seconds)."""
        try:
            waited = seconds(field(response.json(), "parameters", "retry_after"))
        except ValueError:
            waited = None
        return waited or super().retry_after(response)
