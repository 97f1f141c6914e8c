"""The per-platform cooldown of social checks (docs/missions.md §5), and the check a journey records.

- `check_ends_by` / `retry_after` / `ensure_may_verify` — a user cannot ask again on a platform
  until the previous check there has ended (429 until then).
- `VerificationState` — the latest check as the journey records it (and the mission view shows).

Pure: no clock (time is always a parameter), so the enrolment workflow can call it through the
sandbox and the API can call it before starting anything.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict

from domain.errors import Cooldown
from domain.social_support import Platform


class SocialCheck(BaseModel):
    """The latest verification a user asked for on one platform."""

    model_config = ConfigDict(frozen=True)

    platform: Platform
    mission_id: str
    requested_at: datetime
    ends_by: datetime
    """The latest it can still be running (`check_ends_by`)."""
    ended_at: datetime | None = None
    """When it ended (passed, not found or sent to review); None while it runs."""


VerificationStatus = Literal["running", "passed", "failed", "review"]


class VerificationState(BaseModel):
    """The latest check a user asked for on one journey (`POST .../verify`), as the journey keeps it.

    `running` until the check ends; then `passed` (the mission completed), `failed` (not found, or
    the platform refused: `detail` says why and the user may ask again) or `review` (the platform
    could not answer: a submission waits in the manual review queue).
    """

    model_config = ConfigDict(frozen=True)

    status: VerificationStatus
    requested_at: datetime
    ends_by: datetime
    """The latest the check can run (`check_ends_by`): the cooldown's end while it runs."""
    ended_at: datetime | None = None
    detail: str | None = None
    """A sentence for the user once the check ended."""
    found: int | None = None
    needed: int | None = None
    failure: str | None = None
    """The last attempt's `SocialFailure` when it did not pass."""

    def as_check(self, platform: Platform, mission_id: str) -> SocialCheck:
        """This check as the cooldown rule reads it."""
        return SocialCheck(
            platform=platform,
            mission_id=mission_id,
            requested_at=self.requested_at,
            ends_by=self.ends_by,
            ended_at=self.ended_at if self.status != "running" else None,
        )


def check_ends_by(requested_at: datetime, delay: timedelta, timeout: timedelta) -> datetime:
    """The latest a check asked at `requested_at` can run: the initial delay, then the retry budget."""
    return requested_at + delay + timeout


def retry_after(previous: SocialCheck | None, now: datetime) -> datetime | None:
    """None when a new check may start at `now`; otherwise when it may (the 429's Retry-After).

    A check that never recorded its end is over once `ends_by` passed (a lost end must not lock
    the user out forever).
    """
    if previous is None or previous.ended_at is not None or now >= previous.ends_by:
        return None
    return previous.ends_by


def ensure_may_verify(checks: Iterable[SocialCheck], platform: Platform, now: datetime) -> None:
    """Raises `Cooldown` (429) while the user's latest check on `platform` runs; other platforms are independent."""
    mine = [c for c in checks if c.platform == platform]
    latest = max(mine, key=lambda c: c.requested_at) if mine else None
    until = retry_after(latest, now)
    if until is None or latest is None:
        return
    raise Cooldown(
        "social_check_running",
        f"a {platform} check is still running; ask again after it ends",
        {
            "platform": platform,
            "mission_id": latest.mission_id,
            "retry_after": until.isoformat(),
            "retry_after_seconds": max(1, int((until - now).total_seconds() + 0.999)),
        },
    )
