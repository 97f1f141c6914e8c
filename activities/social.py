"""The social verification activity: one attempt to verify a user's social action on its platform.

The attempt is `services.social.SocialVerifier.attempt`, timed by the server (the attempt's
`started_time`); its `CheckFailed` becomes an `ApplicationError` whose `type` is the
`domain.social_verification.SocialFailure`, non-retryable when final, with the platform's wait as the next
retry delay (the table of failures is in `services/social.py`).
"""

from __future__ import annotations

import httpx
from temporalio import activity
from temporalio.exceptions import ApplicationError

from domain.social_verification import VERIFY_SOCIAL, SocialFailure, Verdict, VerifySocial
from services.social import CheckFailed, SocialVerifier
from settings import Settings
from social.client import Clock, utcnow

__all__ = ["VERIFY_SOCIAL", "SocialActivities", "SocialFailure", "Verdict", "VerifySocial"]


class SocialActivities:
    """The `verify_social` activity; created once per worker with the shared http client."""

    def __init__(self, http: httpx.AsyncClient, settings: Settings, *, clock: Clock = utcnow) -> None:
        self.verifier = SocialVerifier(http, settings, clock=clock)

    @activity.defn(name=VERIFY_SOCIAL)
    async def verify_social(self, request: VerifySocial) -> Verdict:
        """One attempt: a done `Verdict`, or an `ApplicationError` typed by `SocialFailure`."""
        try:
            return await self.verifier.attempt(request, activity.info().started_time)
        except CheckFailed as exc:
            raise ApplicationError(
                exc.detail, *exc.details, type=exc.kind, non_retryable=exc.final, next_retry_delay=exc.retry_after
            ) from exc.__cause__
