"""Counting the logged events of a mission's type from before its activation (`count_events_since`).

The job pages through the event log in the order received (`received_at`, then id) over the
window [since, activation), and each page is one activity delivering the page's events to the
users' journeys the way the router delivers live ones (`services.backfill`). The cursor advances
only when a page's activity has finished; a page retried after a crash resumes from its last
heartbeat, and journeys drop event ids they have already seen, so no event counts twice. The
`progress` query tells how far it got (in the grant jobs' shape: `GET /v1/grant-jobs/{id}`).
Continue-as-new every few pages keeps the history bounded however large the log.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import BaseModel
from temporalio import workflow
from temporalio.common import RetryPolicy

with workflow.unsafe.imports_passed_through():
    from workflows.segment_grant import grant_job_id

#: The registered workflow type (never rename: recorded histories and running workflows carry it).
NAME = "EventBackfill"
#: The activity delivering one page (never rename either).
PAGE_ACTIVITY = "backfill_events_page"

#: Logged events read (and delivered) per activity.
PAGE = 200
#: Pages per run before continuing as new.
PAGES_PER_RUN = 50
#: A page's activity reports progress at least this often; a dead worker's page is retried after it.
HEARTBEAT_TIMEOUT = timedelta(seconds=10)


def event_backfill_id(mission_id: str) -> str:
    """The workflow id (and grant-job id) of the backfill a mission's activation starts: one per mission
    (a mission is activated once), in the grant jobs' namespace so `GET /v1/grant-jobs/{id}` follows it;
    its last parts (`event-log:backfill`) keep it apart from every segment grant's and unlock's id."""
    return grant_job_id(mission_id, "event-log", "backfill")


class EventBackfill(BaseModel):
    """Deliver the logged events of `event_type` received in [since, until) to `mission_id`'s journeys.

    Its counters carry over continue-as-new. In the grant jobs' shape: `granted` counts the events
    delivered to a journey, `refused` those the mission's rules dropped before any delivery (wrong
    tags or value, an ineligible user, a journey already over); `segment_id` is unused.
    """

    mission_id: str
    segment_id: str = ""
    event_type: str
    since: datetime
    #: The activation: events received from then on are the router's (live), never the backfill's.
    until: datetime
    page_size: int = PAGE
    #: The last event done: its `received_at` and id (None before the first page).
    cursor_at: datetime | None = None
    cursor_id: str | None = None
    granted: int = 0
    refused: int = 0
    #: Logged events read so far (`granted + refused`).
    scanned: int = 0
    pages: int = 0
    done: bool = False


class BackfillPage(BaseModel):
    """What one page did: where the next starts (None: the window is done) and its counts."""

    cursor_at: datetime | None
    cursor_id: str | None
    granted: int
    refused: int
    done: bool


@workflow.defn(name=NAME)
class EventBackfillWorkflow:
    """Pages through the mission's window of the event log, delivering each page."""

    @workflow.init
    def __init__(self, job: EventBackfill) -> None:
        self.job = job

    @workflow.query(name="progress")
    def progress(self) -> EventBackfill:
        """How many logged events were delivered (or dropped by the mission's rules) so far."""
        return self.job

    @workflow.run
    async def run(self, job: EventBackfill) -> EventBackfill:
        """Returns the final counts."""
        for _ in range(PAGES_PER_RUN):
            page: BackfillPage = await workflow.execute_activity(
                PAGE_ACTIVITY,
                self.job,
                result_type=BackfillPage,
                start_to_close_timeout=timedelta(minutes=10),
                heartbeat_timeout=HEARTBEAT_TIMEOUT,
                retry_policy=RetryPolicy(maximum_interval=timedelta(seconds=30)),
            )
            self.job = self.job.model_copy(
                update={
                    "cursor_at": page.cursor_at,
                    "cursor_id": page.cursor_id,
                    "granted": self.job.granted + page.granted,
                    "refused": self.job.refused + page.refused,
                    "scanned": self.job.scanned + page.granted + page.refused,
                    "pages": self.job.pages + 1,
                    "done": page.done,
                }
            )
            if self.job.done:
                return self.job
        workflow.continue_as_new(self.job)
