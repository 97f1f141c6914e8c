"""What every platform client shares: the `check` entry point and the HTTP plumbing that turns
transport failures, 429s and 5xx into `Unavailable` / `RateLimited`.

A client gets the process's one `httpx.AsyncClient` (created in the worker's `main()`) and its
base URL and credentials from the settings; tests point the base URLs at `devstack.social_emulator`.
"""

from __future__ import annotations

import email.utils
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar, Protocol

import httpx

from domain.errors import Invalid
from domain.missions import SocialGoal
from domain.social_support import COUNTED, Action, Platform, support
from domain.social_targets import normalise_handle, normalise_target
from domain.social_verification import Verdict
from social.errors import NotConfigured, RateLimited, Rejected, Unavailable, Unsupported

#: Every request's timeout; a check makes a few of them.
TIMEOUT = httpx.Timeout(10.0)
#: Pages read per listing at most: enough for recent activity, bounded in quota and time.
MAX_PAGES = 5

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    """The wall clock (activities may read it; workflows never call clients)."""
    return datetime.now(UTC)


class Verifier(Protocol):
    """The one interface of every platform client."""

    async def check(self, goal: SocialGoal, handle: str, since: datetime | None) -> Verdict:
        """Whether the user `handle` did `goal` on the platform (posts created before `since` do not count)."""
        ...


def seconds(value: Any) -> timedelta | None:
    """A positive number of seconds (str, int or float) as a timedelta; None otherwise."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return timedelta(seconds=number) if number > 0 else None


def parse_time(value: Any) -> datetime | None:
    """An ISO 8601 timestamp (`Z`, `+00:00` or `+0000`) as an aware datetime; None when absent or bad."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


class PlatformClient(ABC):
    """Base of the platform clients: validates the goal and handle, then runs the platform's check."""

    platform: ClassVar[Platform]
    label: ClassVar[str]
    """The platform's name in sentences."""
    settings_names: ClassVar[tuple[str, ...]]
    """The credential variables, named in "not configured" errors."""

    def __init__(self, http: httpx.AsyncClient, base_url: str, *, clock: Clock = utcnow) -> None:
        self.http = http
        self.base_url = base_url.rstrip("/")
        self.clock = clock

    @property
    @abstractmethod
    def configured(self) -> bool:
        """True when every credential the platform needs is set."""

    async def check(self, goal: SocialGoal, handle: str, since: datetime | None) -> Verdict:
        """Whether `handle` did `goal`; raises a `SocialError` when the platform cannot say."""
        if goal.platform != self.platform:
            raise ValueError(f"a {goal.platform} goal sent to the {self.platform} client")
        found = support(goal.platform, goal.action)
        if not found.supported:
            raise Unsupported(f"{goal.action} cannot be verified on {self.label}: {found.how}")
        if not self.configured:
            names = ", ".join(f"QUESTLINE_{n.upper()}" for n in self.settings_names)
            raise NotConfigured(f"{self.label} verification is not configured: set {names}")
        try:
            user = normalise_handle(self.platform, handle)
            target = normalise_target(self.platform, goal.action, goal.target)
        except Invalid as exc:
            raise Rejected(exc.message) from exc
        needed = goal.count if goal.action in COUNTED else 1
        # Platforms date posts to the whole second: a post made in the same second as `since`
        # (e.g. the mission's activation) reads as earlier than it and must still count.
        floor = since.replace(microsecond=0) if since is not None else None
        return await self.verify(goal.action, user, target, needed, floor)

    @abstractmethod
    async def verify(self, action: Action, user: str, target: str, needed: int, since: datetime | None) -> Verdict:
        """The platform's check, with the handle and target already normalised."""

    # --- HTTP ----------------------------------------------------------------------------------

    async def send(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        json: Any = None,
        data: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        """One request; transport failures, 429 and 5xx raise, any other answer is returned."""
        try:
            response = await self.http.request(
                method, self.base_url + path, params=params, headers=headers, json=json, data=data, timeout=TIMEOUT
            )
        except httpx.TimeoutException as exc:
            raise Unavailable(f"{self.label} did not answer in time") from exc
        except httpx.TransportError as exc:
            # The exception's text may hold the URL, and Telegram's URL holds the bot token.
            raise Unavailable(f"{self.label} could not be reached ({type(exc).__name__})") from exc
        if response.status_code == 429:
            raise RateLimited(f"{self.label} is rate limiting us", self.retry_after(response))
        if response.status_code >= 500:
            raise Unavailable(f"{self.label} answered HTTP {response.status_code}")
        return response

    def retry_after(self, response: httpx.Response) -> timedelta | None:
        """How long a 429 asks us to wait: the standard `Retry-After` (seconds or HTTP date)."""
        value = response.headers.get("retry-after")
        if value is None:
            return None
        waited = seconds(value)
        if waited is not None:
            return waited
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        left = when - self.clock()
        return left if left > timedelta(0) else None

    def body(self, response: httpx.Response) -> dict[str, Any]:
        """The response's JSON object; an answer of another shape is the platform misbehaving."""
        try:
            parsed = response.json()
        except ValueError as exc:
            raise Unavailable(f"{self.label} answered HTTP {response.status_code} without JSON") from exc
        if not isinstance(parsed, dict):
            raise Unavailable(f"{self.label} answered HTTP {response.status_code} with unexpected JSON")
        return parsed


def items(value: Any) -> list[dict[str, Any]]:
    """The JSON objects of a list field (anything else counts as empty)."""
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, dict)]


def field(value: Any, *path: str) -> Any:
    """`value[path[0]][path[1]]...`, or None when any step is missing."""
    for key in path:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value
