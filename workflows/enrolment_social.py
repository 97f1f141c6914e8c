"""The enrolment workflow's social check: asked for by `verify`, run in the background (a delay,
then the `verify_social` activity with retries until the check's deadline); its outcome completes
the journey, says why not, or sends the request to manual review. Stopped when the journey ends.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

from temporalio import workflow
from temporalio.exceptions import ActivityError, ApplicationError

with workflow.unsafe.imports_passed_through():
    from domain import transitions
    from domain.missions import SocialGoal
    from domain.social_cooldown import VerificationState, check_ends_by
    from domain.social_verification import (
        ATTEMPT_TIMEOUT,
        VERIFY_SOCIAL,
        SocialFailure,
        Verdict,
        VerifySocial,
        failure_detail,
    )
    from workflows.enrolment_policy import SOCIAL_GRACE, SOCIAL_RETRY
    from workflows.enrolment_state import JourneyState
    from workflows.payloads import Verify

#: What a user reads when the journey ended (deadline, archive) while their check ran.
CHECK_STOPPED = transitions.CHECK_STOPPED


class SocialChecks(JourneyState):
    """Starting, running, ending and stopping the journey's social check."""

    def _start_check(self, msg: Verify) -> None:
        """Records the check as running now and starts it in the background."""
        now = workflow.now()
        state = VerificationState(
            status="running", requested_at=now, ends_by=check_ends_by(now, msg.delay, msg.timeout)
        )
        transitions.verification_started(self.journey, state)
        self.check_stopped = False
        self.check = asyncio.create_task(self._run_check(msg, state))

    async def _run_check(self, msg: Verify, state: VerificationState) -> None:
        """Waits the delay (new posts take minutes to appear), then verifies with retries until
        the check's deadline; the outcome ends the check."""
        try:
            if msg.delay > timedelta(0):
                await workflow.sleep(msg.delay)
            goal = self.ctx.spec.goal  # the current revision's
            assert isinstance(goal, SocialGoal)
            request = VerifySocial(
                mission_id=self.ctx.mission_id,
                user_id=self.journey.user_id,
                goal=goal,
                handle=msg.handle,
                requested_at=state.requested_at,
                since=transitions.posts_since(self.ctx, self.journey),
                deadline=state.ends_by,
            )
            verdict = await workflow.execute_activity(
                VERIFY_SOCIAL,
                request,
                result_type=Verdict,
                start_to_close_timeout=ATTEMPT_TIMEOUT,
                schedule_to_close_timeout=msg.timeout + SOCIAL_GRACE,
                retry_policy=SOCIAL_RETRY,
            )
        except (ActivityError, asyncio.CancelledError) as err:
            if self.check_stopped:
                return  # the journey ended first; the loop records it
            if not isinstance(err, ActivityError):
                raise
            self._check_failed(err, msg.handle)
        else:
            # Found: the journey completes (its reward follows in the loop, once).
            transitions.verification_passed(self.ctx, self.journey, verdict, workflow.now())
        # The user started with this check, so no budget decision (gating) can be in flight here.

    def _check_failed(self, err: ActivityError, handle: str) -> None:
        """Not found (or refused for good): the user reads why and may ask again. The platform
        could not answer (unreachable, rate limited past the budget, not configured): the request
        goes to the manual review queue as a pending submission instead."""
        goal = self.ctx.spec.goal
        assert isinstance(goal, SocialGoal)
        cause = err.cause
        kind = cause.type if isinstance(cause, ApplicationError) else None
        verdict = None
        if isinstance(cause, ApplicationError) and kind == SocialFailure.NOT_DONE and cause.details:
            verdict = Verdict.model_validate(cause.details[0])
        now = workflow.now()
        j = self.journey
        assert j.verification is not None
        detail = failure_detail(goal.platform, kind, str(cause or err), verdict)
        review = transitions.goes_to_review(self.ctx, j, kind, now)
        review_id = f"sub_{workflow.uuid4().hex}" if review else None
        transitions.verification_failed(
            j, goal, failure=kind, detail=detail, verdict=verdict, handle=handle, review_id=review_id, at=now
        )

    def _stop_check(self) -> None:
        """The journey ended (deadline, archive) while a check ran: the check stops."""
        if self.check is not None and self._checking() and not self.check_stopped:
            self.check_stopped = True
            self.check.cancel()

    def _record_stopped_check(self) -> bool:
        """A check the journey's end stopped is recorded as failed; True when it was."""
        if self._checking():
            return False
        return transitions.verification_stopped(self.journey, workflow.now())
