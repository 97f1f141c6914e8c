"""Delivering one callback: POST attempts retried with backoff for a bounded time, then a visible failure.

One workflow per delivery (`callback:<delivery id>`), started after the callback's row committed.
Temporal's retry policy does the backoff, so the history stays a handful of events however many
attempts there are. Every duration comes in the input (read from settings by whoever starts the
workflow), so the workflow depends on nothing but its history.
"""

from __future__ import annotations

from datetime import timedelta

from pydantic import BaseModel
from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError

#: The registered workflow type (never rename: recorded histories and running workflows carry it).
NAME = "Callback"

#: The activity's failure type for a delivery id with no row: retrying cannot help.
CALLBACK_NOT_FOUND = "callback_not_found"
#: Longest wait before the first retry (shorter when `max_interval` is).
FIRST_INTERVAL = timedelta(seconds=1)
#: Time an attempt gets beyond the HTTP timeout, for its two small transactions.
ATTEMPT_MARGIN = timedelta(seconds=30)


class DeliverCallback(BaseModel):
    """Deliver callback `delivery_id`, trying for at most `retry_for`."""

    delivery_id: str
    #: The row's manual retries when this run started: the run may change the row only while they match.
    retries: int = 0
    retry_for: timedelta
    #: The HTTP timeout of one POST.
    attempt_timeout: timedelta
    #: The longest wait between two attempts (the backoff doubles up to it).
    max_interval: timedelta


class CallbackFailed(BaseModel):
    """Record that delivering `delivery_id` gave up."""

    delivery_id: str
    retries: int
    reason: str


def callback_workflow_id(delivery_id: str) -> str:
    """One delivering workflow per callback (a manual retry is a new run of the same id)."""
    return f"callback:{delivery_id}"


@workflow.defn(name=NAME)
class CallbackWorkflow:
    """POSTs the callback until the receiver accepts it or `retry_for` runs out; then marks it failed."""

    @workflow.run
    async def run(self, job: DeliverCallback) -> str:
        """Returns `delivered`, `skipped` (nothing left to send) or `failed`."""
        try:
            outcome: str = await workflow.execute_activity(
                "deliver_callback",
                job,
                result_type=str,
                schedule_to_close_timeout=job.retry_for,
                start_to_close_timeout=job.attempt_timeout + ATTEMPT_MARGIN,
                retry_policy=RetryPolicy(
                    initial_interval=min(FIRST_INTERVAL, job.max_interval),
                    backoff_coefficient=2.0,
                    maximum_interval=job.max_interval,
                    non_retryable_error_types=[CALLBACK_NOT_FOUND],
                ),
            )
            return outcome
        except ActivityError as exc:
            # The last attempt's own error is already on the row; this only fills a gap.
            reason = str(exc.cause or exc)
        await workflow.execute_activity(
            "mark_callback_failed",
            CallbackFailed(delivery_id=job.delivery_id, retries=job.retries, reason=reason),
            start_to_close_timeout=timedelta(seconds=30),
            retry_policy=RetryPolicy(maximum_interval=timedelta(minutes=1)),
        )
        return "failed"
