"""The journeys' read model: each journey as its workflow last reported it, for the API to read."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy.ext.asyncio import AsyncEngine

from db import enrolments, settling, submissions
from domain.journey import EnrolmentStatus, Journey
from services import notifications


class ReadModel:
    """Writes the workflows' journeys to the read model (the enrolments and submissions tables)."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    async def save(
        self,
        workflow_id: str,
        journey: Journey,
        status: EnrolmentStatus,
        settled: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        """Writes the journey to the read model (a no-op when a newer version is there).

        The latest submission is written in the same transaction, so the admin queue and the
        user's view never disagree; the senders waiting for the events it applied (`settled`) are
        told once it commits.
        """
        async with self.engine.begin() as conn:
            if settled:
                await settling.notify(conn, workflow_id, settled)
            written = await enrolments.save(conn, workflow_id=workflow_id, journey=journey, status=status)
            if written and journey.submission is not None:
                await submissions.save(
                    conn, mission_id=journey.mission_id, user_id=journey.user_id, state=journey.submission
                )
            if written:  # notifications of what this write shows, once each (keyed by the fact)
                await notifications.enqueue_journey(conn, journey, status)

    async def settled(self, workflow_id: str, settled: Mapping[str, Sequence[str]]) -> None:
        """Tells the senders waiting for events that changed nothing (no write to make)."""
        async with self.engine.begin() as conn:
            await settling.notify(conn, workflow_id, settled)
