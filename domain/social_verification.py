"""The `verify_social` activity's payloads and outcomes (docs/missions.md §5).

- `VerifySocial` → `Verdict` — the activity's input and what one verification found.
- `SocialFailure` — its `ApplicationError.type`s, with the retry policy it suggests, and
  `after_failure` — what the journey does when the retries end on one of them; `failure_detail`
  — the sentence the user then sees.

Pure: the enrolment workflow calls it through the sandbox; the activity (`activities/social.py`)
and the platform clients (`social/`) build and return these payloads.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from domain.missions import SocialGoal
from domain.social_support import Platform


class Verdict(BaseModel):
    """What one verification found on the platform."""

    model_config = ConfigDict(frozen=True)

    done: bool
    found: int = Field(ge=0)
    """Matching items found (posts, or 1 for a follow, like, membership...)."""
    needed: int = Field(ge=1)
    detail: str
    """A sentence for the user: what was checked and what was (not) found."""

    @classmethod
    def of(cls, found: int, needed: int, detail: str) -> Verdict:
        """A verdict that is done when `found` reaches `needed`."""
        return cls(done=found >= needed, found=found, needed=needed, detail=detail)


class VerifySocial(BaseModel):
    """Input of the `verify_social` activity: check one user's social action for one mission."""

    mission_id: str
    user_id: str
    goal: SocialGoal
    handle: str
    """The user's linked account on `goal.platform`, as stored (normalised by the verifier)."""
    requested_at: datetime
    """When the user asked (`POST .../verify`): the cooldown and the retry budget count from it."""
    since: datetime | None = None
    """Posts created before it do not count (e.g. the journey's anchor); None = any recent post."""
    deadline: datetime | None = None
    """After it, a failed attempt is final; None = `requested_at` + check delay + check timeout."""


#: Name of the activity (`activities/social.py`), for `workflow.execute_activity`.
VERIFY_SOCIAL = "verify_social"


class SocialFailure(StrEnum):
    """The `ApplicationError.type` of a failed `verify_social` attempt (never classify by message)."""

    NOT_DONE = "social_not_done"
    """The action was not found (yet): retried until the deadline; details carry the `Verdict`."""
    REJECTED = "social_rejected"
    """The platform refused for good: unknown or private account, bad target. Not retried."""
    UNAVAILABLE = "social_unavailable"
    """Timeouts, 5xx, rate limits (`next_retry_delay` honours Retry-After): retried until the deadline."""
    NOT_CONFIGURED = "social_not_configured"
    """No (or refused) credentials for the platform. Not retried."""
    UNSUPPORTED = "social_unsupported"
    """The platform cannot verify the action (see `support`). Not retried."""


#: Types the activity never retries (it also marks them non-retryable itself).
NON_RETRYABLE: tuple[str, ...] = (
    SocialFailure.REJECTED,
    SocialFailure.NOT_CONFIGURED,
    SocialFailure.UNSUPPORTED,
)
#: Suggested retry policy of the activity (the workflow builds a `RetryPolicy` from these).
RETRY_INITIAL_INTERVAL = timedelta(seconds=15)
RETRY_BACKOFF = 2.0
RETRY_MAXIMUM_INTERVAL = timedelta(minutes=2)
#: One attempt calls a few pages of one platform, each with a 10 s timeout.
ATTEMPT_TIMEOUT = timedelta(minutes=2)

Outcome = Literal["not_done", "manual_review"]


def after_failure(failure_type: str | None) -> Outcome:
    """What the journey does once `verify_social` failed for good, by the last failure's type.

    `not_done`: back to available, the user sees why (not found, unknown or private account) and
    may ask again. `manual_review`: the platform could not give an answer (unreachable, rate
    limited past the budget, not configured, unsupported): the submission goes to the review
    queue instead of passing or failing silently.
    """
    if failure_type in (SocialFailure.NOT_DONE, SocialFailure.REJECTED):
        return "not_done"
    return "manual_review"


#: Platform names as users read them.
LABELS: dict[Platform, str] = {
    "x": "X",
    "discord": "Discord",
    "telegram": "Telegram",
    "instagram": "Instagram",
    "tiktok": "TikTok",
    "youtube": "YouTube",
}


def failure_detail(platform: Platform, failure_type: str | None, message: str, verdict: Verdict | None) -> str:
    """The sentence a user sees when a check ended without passing.

    Not found: the verdict's own detail; refused for good: the platform's (safe) reason; anything
    that goes to manual review: that it did (configuration details are for operators, not users).
    """
    if failure_type == SocialFailure.NOT_DONE and verdict is not None:
        return verdict.detail
    if failure_type == SocialFailure.REJECTED:
        return message
    return f"{LABELS[platform]} could not confirm it right now; your request was sent for manual review"
