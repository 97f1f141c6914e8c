"""Why a verification could not say done or not done. "Not found yet" is not an error: it is a
`Verdict` with `done=False`.

    SocialError
     ├── NotConfigured   no credentials for the platform, or the platform refused them   — not retried
     ├── Unsupported     the platform's API cannot verify this action                   — not retried
     ├── Rejected        the platform refused for good: unknown or private account,
     │                   a target that does not exist                                   — not retried
     └── Unavailable     timeout, connection error, 5xx, an answer that is not the
          │              documented shape                                               — retried
          └── RateLimited 429 or a platform's quota/rate error; `retry_after` when it said
"""

from __future__ import annotations

from datetime import timedelta


class SocialError(Exception):
    """Base of every failure a platform client raises; `detail` is a sentence safe to show."""

    retryable = False

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class NotConfigured(SocialError):
    """The platform has no credentials in the settings, or it refused them."""


class Unsupported(SocialError):
    """The (platform, action) pair is outside the support matrix (`domain.social_support.support`)."""


class Rejected(SocialError):
    """The platform refused the request for good (unknown or private account, missing target)."""


class Unavailable(SocialError):
    """The platform could not answer now; asking again later may work."""

    retryable = True


class RateLimited(Unavailable):
    """The platform asked us to slow down; `retry_after` is how long, when it said."""

    def __init__(self, detail: str, retry_after: timedelta | None = None) -> None:
        super().__init__(detail)
        self.retry_after = retry_after
