"""Granting a featured mission to every member of a segment, page by page, with progress.

Each page is one activity (its grants are idempotent updates), so a crashed worker resumes at the
last finished page; the `progress` query tells how far it got. Continue-as-new every few pages
keeps the history bounded however large the segment.
"""

from __future__ import annotations

from datetime import timedelta

from pydantic import BaseModel
from temporalio import workflow
from temporalio.common import RetryPolicy

#: Members granted per activity.
PAGE = 200
#: Pages per run before continuing as new.
PAGES_PER_RUN = 50


class GrantJob(BaseModel):
    """Grant `mission_id` to every member of `segment_id`; counters carry over continue-as-new."""

    mission_id: str
    segment_id: str
    #: The mission's segment trigger grants it at activation (`services.launch.enqueue_trigger_grants`):
    #: its grants are the trigger's (deferred to `start_at`, not refused, and effective from activation).
    trigger: bool = False
    #: An unlock backfill (`services.launch.enqueue_unlock_backfill`), not a grant: the locked mission
    #: is told of every completion of these missions before it was live (`segment_id` is unused)...
    prerequisites: list[str] | None = None
    #: ...and unlocked for every user whose tier already reaches this one.
    min_tier: str | None = None
    page_size: int = PAGE
    cursor: str | None = None
    granted: int = 0
    refused: int = 0
    pages: int = 0
    done: bool = False


class GrantPage(BaseModel):
    """What one page did."""

    next_cursor: str | None
    granted: int
    refused: int


@workflow.defn(name="SegmentGrant")
class SegmentGrantWorkflow:
    """Pages through the segment's members, granting each."""

    @workflow.init
    def __init__(self, job: GrantJob) -> None:
        self.job = job

    @workflow.query(name="progress")
    def progress(self) -> GrantJob:
        """How many members were granted (or refused: finished journeys) so far."""
        return self.job

    @workflow.run
    async def run(self, job: GrantJob) -> GrantJob:
        """Returns the final counts."""
        for _ in range(PAGES_PER_RUN):
            page: GrantPage = await workflow.execute_activity(
                "grant_page",
                self.job,
                result_type=GrantPage,
                start_to_close_timeout=timedelta(minutes=5),
                retry_policy=RetryPolicy(maximum_interval=timedelta(minutes=1)),
            )
            self.job = self.job.model_copy(
                update={
                    "cursor": page.next_cursor,
                    "granted": self.job.granted + page.granted,
                    "refused": self.job.refused + page.refused,
                    "pages": self.job.pages + 1,
                    "done": page.next_cursor is None,
                }
            )
            if self.job.done:
                return self.job
        workflow.continue_as_new(self.job)
