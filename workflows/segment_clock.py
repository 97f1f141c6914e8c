"""Re-evaluating a time-dependent segment ("inactive for 7 days") when the clock alone changes it.

One workflow per such segment: a sweep (an activity) brings membership up to date and says when
time will next flip someone; a durable timer waits until then (at most `SWEEP_CAP`, which also
bounds how long an inactive user who comes back stays in the segment), and the workflow continues
as new, so its history never grows.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import BaseModel
from temporalio import workflow
from temporalio.common import RetryPolicy

#: The registered workflow type (never rename: recorded histories and running workflows carry it).
NAME = "SegmentClock"

SWEEP_CAP = timedelta(hours=1)


class Sweep(BaseModel):
    """Bring `segment_id` up to date as of `now` (the workflow's clock)."""

    segment_id: str
    now: datetime


class Swept(BaseModel):
    """What a sweep changed, and when time will next change the segment (None: never by itself)."""

    entered: int
    left: int
    next_change: datetime | None


def segment_clock_id(segment_id: str) -> str:
    """One clock per segment."""
    return f"segment-clock:{segment_id}"


@workflow.defn(name=NAME)
class SegmentClockWorkflow:
    """Sweeps a time-dependent segment whenever time can have changed it."""

    @workflow.run
    async def run(self, segment_id: str) -> None:
        """Runs until the segment is gone (the sweep then reports no next change and no members)."""
        swept: Swept = await workflow.execute_activity(
            "sweep_segment",
            Sweep(segment_id=segment_id, now=workflow.now()),
            result_type=Swept,
            start_to_close_timeout=timedelta(minutes=30),
            heartbeat_timeout=timedelta(minutes=2),
            retry_policy=RetryPolicy(maximum_interval=timedelta(minutes=1)),
        )
        wake = workflow.now() + SWEEP_CAP
        if swept.next_change is not None:
            wake = min(wake, swept.next_change)
        await workflow.sleep(max(wake - workflow.now(), timedelta(seconds=1)))
        workflow.continue_as_new(segment_id)
