"""What every platform of the emulator shares: credentials, facts that appear late, injected failures, `World`."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

Handler = Callable[[Request], Awaitable[Response]]


@dataclass(frozen=True)
class Credentials:
    """What the emulator accepts; the matching settings come from `Emulator.settings(url)`."""

    x_token: str = "emulator-x-token"
    discord_token: str = "emulator-discord-token"
    telegram_token: str = "123456:emulator-telegram-token"
    instagram_token: str = "emulator-instagram-token"
    instagram_account_id: str = "17841400000000001"
    tiktok_client_key: str = "emulator-tiktok-key"
    tiktok_client_secret: str = "emulator-tiktok-secret"
    youtube_key: str = "emulator-youtube-key"


@dataclass
class Fact:
    """Something the platform shows (a follow, like, membership, post) once its hidden reads are used up."""

    value: Any
    hidden_reads: int = 0
    at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def visible(self) -> bool:
        """True when this listing shows it; a hidden fact uses up one read instead."""
        if self.hidden_reads > 0:
            self.hidden_reads -= 1
            return False
        return True


@dataclass
class Failure:
    """An injected failure for the next request to a platform."""

    status: int
    retry_after: int | None = None


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> JSONResponse:
    """A JSON answer with `status` and `headers`."""
    return JSONResponse(body, status_code=status, headers=headers)


def paginate(values: list[Any], token: str | None, size: int) -> tuple[list[Any], str | None]:
    """One page of `values` from the offset `token`; the next page's token, or None at the end."""
    start = int(token) if token and token.isdigit() else 0
    end = start + max(size, 1)
    return values[start:end], (str(end) if end < len(values) else None)


def when(value: datetime | str | None) -> datetime:
    """A moment given as a datetime or ISO string (naive = UTC; None = now)."""
    if value is None:
        return datetime.now(UTC)
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


_ids = itertools.count(1)


def next_id() -> int:
    """A number no other object of this process got (ids stay unique across platforms and resets)."""
    return next(_ids)


class Host(Protocol):
    """What a platform needs from the emulator that serves it (`server.Emulator`)."""

    credentials: Credentials
    lock: threading.RLock

    def take_failure(self, platform: str, request: Request) -> Failure | None:
        """Records the request; the failure to answer it with, if one is queued."""
        ...


class World:
    """One platform's state and endpoints."""

    name = ""
    ops: tuple[str, ...] = ()

    def __init__(self, emulator: Host) -> None:
        self.emulator = emulator
        self.credentials = emulator.credentials
        self.clear()

    def clear(self) -> None:
        """Forgets everything."""

    def routes(self) -> list[BaseRoute]:
        """The platform's endpoints (relative to its prefix)."""
        return []

    def authorized(self, request: Request) -> bool:
        """True when the request carries the platform's credentials."""
        return True

    def unauthorized(self) -> Response:
        """The platform's answer to bad credentials."""
        return json_response({"error": "unauthorized"}, 401)

    def failure(self, failure: Failure) -> Response:
        """The platform's answer to an injected failure (`status` 429 = its rate-limit answer)."""
        return json_response({"error": "failure"}, failure.status)

    def route(self, path: str, endpoint: Handler, methods: tuple[str, ...] = ("GET",)) -> Route:
        """A route whose endpoint runs after failure injection and the credentials check, under the lock."""

        async def guarded(request: Request) -> Response:
            failure = self.emulator.take_failure(self.name, request)
            if failure is not None:
                return self.failure(failure)
            if not self.authorized(request):
                return self.unauthorized()
            with self.emulator.lock:
                return await endpoint(request)

        return Route(path, guarded, methods=list(methods))
