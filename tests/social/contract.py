"""A minimal workflow that calls `verify_social` exactly as the enrolment workflow is meant to.

It is the integration contract in code: wait the check delay with `workflow.sleep`, run the
activity with the suggested retry policy, and decide from the last failure's `type` only.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError, ApplicationError

with workflow.unsafe.imports_passed_through():
    from domain.social_verification import (
        ATTEMPT_TIMEOUT,
        NON_RETRYABLE,
        RETRY_BACKOFF,
        RETRY_INITIAL_INTERVAL,
        RETRY_MAXIMUM_INTERVAL,
        VERIFY_SOCIAL,
        SocialFailure,
        Verdict,
        VerifySocial,
        after_failure,
    )


@workflow.defn(name="SocialCheckContract")
class SocialCheckContract:
    """Waits the delay, verifies with retries, and reports the outcome the journey would act on."""

    @workflow.run
    async def run(self, request: VerifySocial, delay_seconds: float, timeout_seconds: float) -> dict[str, Any]:
        """`{"outcome": "completed" | "not_done" | "manual_review", "failure", "verdict", "at"}`."""
        await workflow.sleep(timedelta(seconds=delay_seconds))
        try:
            verdict = await workflow.execute_activity(
                VERIFY_SOCIAL,
                request,
                result_type=Verdict,
                start_to_close_timeout=ATTEMPT_TIMEOUT,
                # A safety net only: the activity itself gives up at requested_at + delay + timeout.
                schedule_to_close_timeout=timedelta(seconds=timeout_seconds) + timedelta(minutes=5),
                retry_policy=RetryPolicy(
                    initial_interval=RETRY_INITIAL_INTERVAL,
                    backoff_coefficient=RETRY_BACKOFF,
                    maximum_interval=RETRY_MAXIMUM_INTERVAL,
                    non_retryable_error_types=list(NON_RETRYABLE),
                ),
            )
        except ActivityError as err:
            cause = err.cause
            kind = cause.type if isinstance(cause, ApplicationError) else None
            found = None
            if isinstance(cause, ApplicationError) and kind == SocialFailure.NOT_DONE and cause.details:
                found = Verdict.model_validate(cause.details[0]).model_dump(mode="json")
            return {"outcome": after_failure(kind), "failure": kind, "verdict": found, "at": workflow.now().isoformat()}
        return {
            "outcome": "completed",
            "failure": None,
            "verdict": verdict.model_dump(mode="json"),
            "at": workflow.now().isoformat(),
        }
