"""The event backfill's activity: one page of the window of the event log, delivered to journeys.

A thin adapter over `services.backfill.EventBackfills`; its name, input and output are what
`workflows.event_backfill` calls and recorded histories replay: they do not change.
"""

from __future__ import annotations

from temporalio import activity

from services.backfill import EventBackfills
from services.enrolment import EnrolmentServices
from workflows.event_backfill import PAGE_ACTIVITY, BackfillPage, EventBackfill


class BackfillActivities:
    """The backfill's activity over its service; created once per worker."""

    def __init__(self, backfills: EventBackfills) -> None:
        self.backfills = backfills

    @classmethod
    def over(cls, services: EnrolmentServices) -> BackfillActivities:
        """Over the engine and event router the enrolment activities use (the worker's wiring)."""
        return cls(EventBackfills(services.grant_jobs.engine, services.grant_jobs.router))

    @activity.defn(name=PAGE_ACTIVITY)
    async def backfill_events_page(self, job: EventBackfill) -> BackfillPage:
        """Delivers one page of the mission's window (a retried page resumes after its last heartbeat)."""
        return await self.backfills.run_page(job, activity.heartbeat, activity.info().heartbeat_details)
