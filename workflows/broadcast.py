"""Sending a broadcast: a durable timer until its `send_at` (if any), then one delivery activity.

Started by the API after the broadcast commits, with one workflow id per broadcast and
`REJECT_DUPLICATE`, so it is sent by one workflow only. The activity pages through the segment's
members and heartbeats its cursor: after a worker crash the retry resumes where it stopped, and
the inbox's primary key keeps a repeated page from delivering anything twice.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import BaseModel
from temporalio import workflow
from temporalio.common import RetryPolicy

#: The registered workflow type (never rename: recorded histories and running workflows carry it).
NAME = "Broadcast"


class SendBroadcast(BaseModel):
    """Send `broadcast_id` to its segment's members at `send_at` (None: now)."""

    broadcast_id: str
    send_at: datetime | None = None


def broadcast_workflow_id(broadcast_id: str) -> str:
    """One sending workflow per broadcast."""
    return f"broadcast:{broadcast_id}"


@workflow.defn(name=NAME)
class BroadcastWorkflow:
    """Waits until the send time, then delivers the broadcast to every member of its segment."""

    @workflow.init
    def __init__(self, job: SendBroadcast) -> None:
        self._job = job

    @workflow.query(name="broadcast")
    def scheduled(self) -> SendBroadcast:
        """What this workflow sends, and when."""
        return self._job

    @workflow.run
    async def run(self, job: SendBroadcast) -> int:
        """Returns how many users the broadcast has been delivered to."""
        if job.send_at is not None:
            delay = job.send_at - workflow.now()
            if delay > timedelta(0):
                await workflow.sleep(delay)
        delivered: int = await workflow.execute_activity(
            "deliver_broadcast",
            job,
            result_type=int,
            # A page of members heartbeats; the whole send of a large segment may take long.
            start_to_close_timeout=timedelta(hours=6),
            heartbeat_timeout=timedelta(seconds=60),
            retry_policy=RetryPolicy(maximum_interval=timedelta(minutes=1)),
        )
        return delivered
