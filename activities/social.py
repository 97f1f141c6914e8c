"""The social verification activity: one attempt to verify a user's social action on its platform.

The enrolment workflow waits `QUESTLINE_SOCIAL_CHECK_DELAY` with `workflow.sleep` (new posts take
minutes to appear), then runs `verify_social` with a retry policy. Every attempt either returns a
done `Verdict` or raises an `ApplicationError` whose `type` is a `domain.social.SocialFailure`:

    social_not_done        not found (yet)            retryable until the deadline; details = [Verdict]
    social_unavailable     timeout, 5xx, rate limit   retryable until the deadline (Retry-After honoured)
    social_rejected        unknown/private account    non-retryable
    social_not_configured  no or refused credentials  non-retryable
    social_unsupported     outside the matrix         non-retryable

The deadline is `VerifySocial.deadline`, or `requested_at` + delay + `QUESTLINE_SOCIAL_CHECK_TIMEOUT`.
An attempt that starts at or after it raises its failure as non-retryable, so the workflow always
ends on an `ApplicationError` of a known type (never on a schedule-to-close timeout), and
`domain.social.after_failure(type)` says what the journey does next. Attempts are timed by the
server (the attempt's `started_time`), so time-skipping tests skip the retry budget too.
"""

from __future__ import annotations

from datetime import timedelta

import httpx
from temporalio import activity
from temporalio.exceptions import ApplicationError

from domain.social import VERIFY_SOCIAL, SocialFailure, Verdict, VerifySocial, check_ends_by
from settings import Settings
from social.client import Clock, utcnow
from social.errors import NotConfigured, RateLimited, Rejected, Unavailable, Unsupported
from social.verifiers import Verifiers

__all__ = ["VERIFY_SOCIAL", "SocialActivities", "SocialFailure", "Verdict", "VerifySocial"]

#: The shortest wait we ask for after a rate limit whose end falls past the deadline: one last try.
_LAST_TRY = timedelta(seconds=1)


class SocialActivities:
    """The `verify_social` activity; created once per worker with the shared http client."""

    def __init__(self, http: httpx.AsyncClient, settings: Settings, *, clock: Clock = utcnow) -> None:
        self.settings = settings
        self.verifiers = Verifiers(http, settings, clock=clock)

    @activity.defn(name=VERIFY_SOCIAL)
    async def verify_social(self, request: VerifySocial) -> Verdict:
        """One attempt: a done `Verdict`, or an `ApplicationError` typed by `SocialFailure`."""
        deadline = request.deadline or check_ends_by(
            request.requested_at, self.settings.social_check_delay, self.settings.social_check_timeout
        )
        now = activity.info().started_time
        last = now >= deadline
        goal = request.goal
        try:
            verdict = await self.verifiers.check(goal, request.handle, request.since)
        except (NotConfigured, Unsupported, Rejected) as exc:
            kind = {
                NotConfigured: SocialFailure.NOT_CONFIGURED,
                Unsupported: SocialFailure.UNSUPPORTED,
                Rejected: SocialFailure.REJECTED,
            }[type(exc)]
            raise ApplicationError(exc.detail, type=kind, non_retryable=True) from exc
        except RateLimited as exc:
            wait = exc.retry_after
            if wait is not None and not last and now + wait > deadline:
                wait = max(deadline - now, _LAST_TRY)
            raise ApplicationError(
                exc.detail, type=SocialFailure.UNAVAILABLE, non_retryable=last, next_retry_delay=wait
            ) from exc
        except Unavailable as exc:
            raise ApplicationError(exc.detail, type=SocialFailure.UNAVAILABLE, non_retryable=last) from exc
        if verdict.done:
            return verdict
        activity.logger.info(
            "%s %s not done yet for user %s on mission %s: %s",
            goal.platform,
            goal.action,
            request.user_id,
            request.mission_id,
            verdict.detail,
        )
        raise ApplicationError(
            verdict.detail, verdict.model_dump(mode="json"), type=SocialFailure.NOT_DONE, non_retryable=last
        )
