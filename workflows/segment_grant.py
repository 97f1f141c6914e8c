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

#: The registered workflow type (never rename: recorded histories and running workflows carry it).
NAME = "SegmentGrant"
#: Every grant job's workflow id starts so (`GET /v1/grant-jobs/{id}` answers for these only).
ID_PREFIX = "segment-grant:"

#: Members granted per activity.
PAGE = 200
#: Pages per run before continuing as new.
PAGES_PER_RUN = 50


def grant_job_id(mission_id: str, segment_id: str, tag: str) -> str:
    """The workflow id (and grant-job id) of a grant of `mission_id` to `segment_id`; `tag` tells
    one grant of that pair from another (a random token for an admin's grant)."""
    return f"{ID_PREFIX}{mission_id}:{segment_id}:{tag}"


def is_grant_job_id(job_id: str) -> bool:
    """True for an id `grant_job_id` (or `unlock_backfill_id`) could have made."""
    return job_id.startswith(ID_PREFIX)


def trigger_grants_id(mission_id: str, segment_id: str) -> str:
    """The workflow id (and grant-job id) of the grants a triggered mission's activation starts."""
    return grant_job_id(mission_id, segment_id, "activation")


def unlock_backfill_id(mission_id: str) -> str:
    """The workflow id (and grant-job id) of the unlocks a locked mission's activation starts.

    In the grant jobs' namespace, so `GET /v1/grant-jobs/{id}` shows its progress; its last part
    (`unlock`, not `activation` or a random suffix) keeps it apart from every segment grant's id.
    """
    return grant_job_id(mission_id, "after-missions", "unlock")


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


@workflow.defn(name=NAME)
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
