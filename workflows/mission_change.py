"""Carrying a new revision (or the archive) of a mission to every running journey of it.

Started by the API after the change commits, with an id per (mission, revision, status), so a
retried request starts it once. The activity pages through the read model and heartbeats its
cursor: after a worker crash the retry resumes where it stopped.
"""

from __future__ import annotations

from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy

#: The registered workflow type (never rename: recorded histories and running workflows carry it).
NAME = "MissionChange"

with workflow.unsafe.imports_passed_through():
    from workflows.payloads import Revise


def mission_change_id(msg: Revise) -> str:
    """One broadcast per (mission, revision, status)."""
    m = msg.mission
    return f"mission-change:{m.mission_id}:{m.revision}:{m.status.value}"


@workflow.defn(name=NAME)
class MissionChangeWorkflow:
    """Signals `revise` to each running journey of one mission."""

    @workflow.run
    async def run(self, msg: Revise) -> int:
        """Returns how many running journeys were told."""
        told: int = await workflow.execute_activity(
            "broadcast_mission_change",
            msg,
            result_type=int,
            start_to_close_timeout=timedelta(hours=6),
            heartbeat_timeout=timedelta(seconds=60),
            retry_policy=RetryPolicy(maximum_interval=timedelta(minutes=1)),
        )
        return told
