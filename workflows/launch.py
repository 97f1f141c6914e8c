"""A mission's scheduled activation: a durable timer until `at`, then the activation."""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import BaseModel
from temporalio import workflow
from temporalio.common import RetryPolicy

#: The registered workflow type (never rename: recorded histories and running workflows carry it).
NAME = "Launch"


def launch_id(mission_id: str) -> str:
    """The workflow id of a mission's scheduled activation (one at a time per mission)."""
    return f"launch:{mission_id}"


class Launch(BaseModel):
    """Activate `mission_id` at `at`."""

    mission_id: str
    at: datetime


@workflow.defn(name=NAME)
class LaunchWorkflow:
    """Waits until the launch time, then activates the mission (skipped if it is no longer a draft)."""

    @workflow.run
    async def run(self, launch: Launch) -> str:
        """Returns the outcome: `activated`, or the code of why it was skipped."""
        delay = launch.at - workflow.now()
        if delay > timedelta(0):
            await workflow.sleep(delay)
        outcome: str = await workflow.execute_activity(
            "launch_mission",
            launch,
            result_type=str,
            start_to_close_timeout=timedelta(seconds=30),
            retry_policy=RetryPolicy(maximum_interval=timedelta(minutes=1)),
        )
        return outcome

    @workflow.query(name="launch")
    def scheduled(self) -> Launch:
        """When and what this workflow will activate."""
        return self._launch

    @workflow.init
    def __init__(self, launch: Launch) -> None:
        self._launch = launch
