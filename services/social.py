"""Social checks: starting one (one at a time per user and platform, docs/missions.md §5), and
each attempt to verify it on its platform (the `verify_social` activity).

The enrolment workflow waits `QUESTLINE_SOCIAL_CHECK_DELAY` with `workflow.sleep` (new posts take
minutes to appear), then runs `verify_social` with a retry policy. Every attempt
(`SocialVerifier.attempt`) either returns a done `Verdict` or raises `CheckFailed` whose `kind` is
a `domain.social_verification.SocialFailure`:

    social_not_done        not found (yet)            retryable until the deadline; details = [Verdict]
    social_unavailable     timeout, 5xx, rate limit   retryable until the deadline (Retry-After honoured)
    social_rejected        unknown/private account    non-retryable
    social_not_configured  no or refused credentials  non-retryable
    social_unsupported     outside the matrix         non-retryable

The deadline is `VerifySocial.deadline`, or `requested_at` + delay + `QUESTLINE_SOCIAL_CHECK_TIMEOUT`.
An attempt that starts at or after it fails as final (non-retryable), so the workflow always ends
on a failure of a known type (never on a schedule-to-close timeout), and
`domain.social_verification.after_failure(type)` says what the journey does next. Attempts are timed by the
server (the attempt's start time), so time-skipping tests skip the retry budget too.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from db import enrolments, users
from db.engine import Conn
from db.social import lock_checks
from domain.errors import Conflict, Cooldown
from domain.journey import Journey, MissionContext, can_progress, status_at
from domain.missions import SocialGoal
from domain.social_cooldown import SocialCheck, check_ends_by, ensure_may_verify
from domain.social_targets import handle_for, needs_handle
from domain.social_verification import SocialFailure, Verdict, VerifySocial
from services.active_missions import ActiveMissions
from services.gateway import JourneyGateway
from settings import Settings
from social.client import Clock, utcnow
from social.errors import NotConfigured, RateLimited, Rejected, Unavailable, Unsupported
from social.verifiers import Verifiers
from workflows.payloads import ActionResult, Verify

log = logging.getLogger("questline.social")

#: The shortest wait we ask for after a rate limit whose end falls past the deadline: one last try.
_LAST_TRY = timedelta(seconds=1)
#: The failures no retry can change.
_FINAL = {
    NotConfigured: SocialFailure.NOT_CONFIGURED,
    Unsupported: SocialFailure.UNSUPPORTED,
    Rejected: SocialFailure.REJECTED,
}


async def checks_of(conn: Conn, catalogue: ActiveMissions, user_id: str) -> list[SocialCheck]:
    """The user's latest check on each live social mission, on its platform (for the cooldown)."""
    platforms = {m: goal.platform for m, ctx in catalogue.live.items() if (goal := needs_handle(ctx.spec)) is not None}
    if not platforms:
        return []
    journeys = await enrolments.for_user(conn, user_id, list(platforms))
    return [j.verification.as_check(platforms[m], m) for m, j in journeys.items() if j.verification is not None]


async def start_check(
    conn: Conn,
    gateway: JourneyGateway,
    catalogue: ActiveMissions,
    ctx: MissionContext,
    journey: Journey | None,
    user_id: str,
    settings: Settings,
) -> ActionResult:
    """Starts the check of a social mission and returns the saved journey, its check running.

    429 `social_check_running` while a check of this user runs on the same platform (any
    mission); 409 `not_a_social_mission`, or `cannot_verify` when the mission cannot progress.
    The cooldown is read and the check started under the user's lock on the platform (held until
    `conn`'s transaction ends): the journey's update returns only once its read model row shows
    the check running, so a concurrent request for another mission, let in after it, sees the
    check and is refused. Each journey only knows its own checks, so this is the one place the
    rule holds across missions.
    """
    goal = ctx.spec.goal
    if not isinstance(goal, SocialGoal):
        raise Conflict("not_a_social_mission", "this mission's goal is not a social action to verify")
    handle = handle_for((await users.get_profile(conn, user_id)).social, goal.platform)
    assert handle is not None  # a social mission is hidden from users without an account on it
    await lock_checks(conn, user_id, goal.platform)
    # Read after the lock: each statement sees what other transactions committed before it.
    now = datetime.now(UTC)
    ensure_may_verify(await checks_of(conn, catalogue, user_id), goal.platform, now)
    # Refuse here what the journey would refuse, so no journey is started just to say no.
    if ctx.spec.opt_in and (journey is None or journey.opted_in_at is None):
        raise Conflict("cannot_verify", "opt in to the mission before asking for its check")
    if not can_progress(ctx, journey, now):
        status = status_at(ctx, journey, now).value
        raise Conflict("cannot_verify", f"the mission cannot be verified now (it is {status})")
    msg = Verify(handle=handle, delay=settings.social_check_delay, timeout=settings.social_check_timeout, at=now)
    try:
        return await gateway.act(ctx, user_id, "verify", msg)
    except Conflict as exc:
        if exc.code == "social_check_running":  # the journey's own check (e.g. still finishing)
            raise Cooldown(exc.code, exc.message, exc.details) from exc
        raise


class CheckFailed(Exception):
    """An attempt that did not verify the action: `kind` is its `SocialFailure`, `final` when it
    must not be retried, `retry_after` the wait the platform asked for, `details` what to carry."""

    def __init__(
        self,
        detail: str,
        kind: SocialFailure,
        *,
        final: bool,
        retry_after: timedelta | None = None,
        details: tuple[Any, ...] = (),
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.kind = kind
        self.final = final
        self.retry_after = retry_after
        self.details = details


class SocialVerifier:
    """One attempt to verify a user's social action on its platform; created once per worker."""

    def __init__(self, http: httpx.AsyncClient, settings: Settings, *, clock: Clock = utcnow) -> None:
        self.settings = settings
        self.verifiers = Verifiers(http, settings, clock=clock)

    async def attempt(self, request: VerifySocial, now: datetime) -> Verdict:
        """An attempt started at `now` (the server's clock): a done `Verdict`, or `CheckFailed`."""
        deadline = request.deadline or check_ends_by(
            request.requested_at, self.settings.social_check_delay, self.settings.social_check_timeout
        )
        last = now >= deadline
        goal = request.goal
        try:
            verdict = await self.verifiers.check(goal, request.handle, request.since)
        except (NotConfigured, Unsupported, Rejected) as exc:
            raise CheckFailed(exc.detail, _FINAL[type(exc)], final=True) from exc
        except RateLimited as exc:
            wait = exc.retry_after
            if wait is not None and not last and now + wait > deadline:
                wait = max(deadline - now, _LAST_TRY)
            raise CheckFailed(exc.detail, SocialFailure.UNAVAILABLE, final=last, retry_after=wait) from exc
        except Unavailable as exc:
            raise CheckFailed(exc.detail, SocialFailure.UNAVAILABLE, final=last) from exc
        if verdict.done:
            return verdict
        log.info(
            "%s %s not done yet for user %s on mission %s: %s",
            goal.platform,
            goal.action,
            request.user_id,
            request.mission_id,
            verdict.detail,
        )
        raise CheckFailed(
            verdict.detail, SocialFailure.NOT_DONE, final=last, details=(verdict.model_dump(mode="json"),)
        )
