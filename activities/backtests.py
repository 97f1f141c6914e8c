"""Activities of the backtest workflow: thin adapters over `services.backtests.BacktestRunner`."""

from __future__ import annotations

from temporalio import activity
from temporalio.exceptions import ApplicationError

from services.backtests import BacktestInvalid, BacktestRunner
from workflows.backtest import BacktestJob, BacktestStep


class BacktestActivities:
    """One backtest's steps, its summary and its failure; created once per worker."""

    def __init__(self, runner: BacktestRunner) -> None:
        self.runner = runner

    @activity.defn(name="backtest_step")
    async def backtest_step(self, job: BacktestJob) -> BacktestStep:
        """Replays the next pages of the window and commits them with the cursor (a retried step
        resumes from the last commit)."""
        try:
            return await self.runner.step(job, activity.heartbeat)
        except BacktestInvalid as exc:
            raise ApplicationError(exc.message, type="backtest_invalid", non_retryable=True) from exc

    @activity.defn(name="backtest_finish")
    async def backtest_finish(self, job: BacktestJob) -> None:
        """The progress spread and the completions by tier and segment; the job is completed."""
        await self.runner.finish(job, activity.heartbeat)

    @activity.defn(name="backtest_failed")
    async def backtest_failed(self, job: BacktestJob) -> None:
        """Marks the job failed."""
        await self.runner.fail(job)
