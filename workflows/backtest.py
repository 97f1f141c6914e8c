"""A backtest: a mission's revision replayed over a window of the event log, step by step.

Each step is one activity that reads a few pages of the log, replays them through the journey's
rules and commits the journeys it changed together with the job's cursor and running figures
(`services.backtests`). So the workflow holds only the step number and counters; a step retried
after a worker crash resumes from the last committed cursor, and a step whose commit happened but
whose answer was lost is found done. Continue-as-new every few steps keeps the history bounded
however long the log.
"""

from __future__ import annotations

from datetime import timedelta

from pydantic import BaseModel
from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError

#: The registered workflow type (never rename: recorded histories and running workflows carry it).
NAME = "Backtest"
#: Every backtest's workflow id starts so.
ID_PREFIX = "backtest:"

#: Steps per run before continuing as new.
STEPS_PER_RUN = 100
#: A step that stops heartbeating for this long is retried (on any worker).
HEARTBEAT = timedelta(seconds=15)
STEP_RETRY = RetryPolicy(
    maximum_interval=timedelta(seconds=10), maximum_attempts=20, non_retryable_error_types=["backtest_invalid"]
)


def backtest_workflow_id(backtest_id: str) -> str:
    """The workflow id of a backtest job."""
    return f"{ID_PREFIX}{backtest_id}"


class BacktestJob(BaseModel):
    """Replay backtest `backtest_id` (its parameters are in its row); counters carry over continue-as-new."""

    backtest_id: str
    #: Steps committed so far.
    step: int = 0
    events_read: int = 0
    done: bool = False
    failed: str | None = None


class BacktestStep(BaseModel):
    """What the job's row says after one step."""

    step: int
    events_read: int
    done: bool


@workflow.defn(name=NAME)
class BacktestWorkflow:
    """Runs the steps of one backtest, then its summary."""

    @workflow.init
    def __init__(self, job: BacktestJob) -> None:
        self.job = job

    @workflow.query(name="progress")
    def progress(self) -> BacktestJob:
        """The steps and events replayed so far."""
        return self.job

    @workflow.run
    async def run(self, job: BacktestJob) -> BacktestJob:
        """Returns the final counters (the figures are in the backtest's row)."""
        try:
            for _ in range(STEPS_PER_RUN):
                if self.job.done:
                    break
                step: BacktestStep = await workflow.execute_activity(
                    "backtest_step",
                    self.job,
                    result_type=BacktestStep,
                    start_to_close_timeout=timedelta(minutes=10),
                    heartbeat_timeout=HEARTBEAT,
                    retry_policy=STEP_RETRY,
                )
                self.job = self.job.model_copy(
                    update={"step": step.step, "events_read": step.events_read, "done": step.done}
                )
            if not self.job.done:
                workflow.continue_as_new(self.job)
            await workflow.execute_activity(
                "backtest_finish",
                self.job,
                start_to_close_timeout=timedelta(minutes=10),
                heartbeat_timeout=HEARTBEAT,
                retry_policy=STEP_RETRY,
            )
        except ActivityError as err:
            cause = err.cause
            reason = getattr(cause, "message", None) or str(cause or err)
            self.job = self.job.model_copy(update={"failed": reason})
            await workflow.execute_activity(
                "backtest_failed",
                self.job,
                start_to_close_timeout=timedelta(minutes=1),
                retry_policy=RetryPolicy(maximum_interval=timedelta(seconds=10)),
            )
        return self.job
