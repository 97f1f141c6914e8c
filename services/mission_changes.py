"""A mission's new revision (or its archive) carried to every running journey (`MissionChangeWorkflow`)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncEngine

from db import enrolments
from domain.journey import MissionContext
from services.gateway import JourneyGateway

#: Reports progress (the last workflow id told, how many told so far) to whoever runs the change.
Progress = Callable[[str, int], None]


class MissionChanges:
    """Tells running journeys of a mission change, a page of workflow ids at a time."""

    def __init__(self, engine: AsyncEngine, gateway: JourneyGateway) -> None:
        self.engine = engine
        self.gateway = gateway

    async def tell_running(self, mission: MissionContext, *, after: str, told: int, progress: Progress) -> int:
        """Signals the revision to every running journey of the mission after the workflow id
        `after` (resuming a run that told `told` already); how many were told in all."""
        cursor = after
        while True:
            async with self.engine.connect() as conn:
                page = await enrolments.running_workflow_ids(conn, mission.mission_id, after=cursor)
            if not page:
                return told
            for workflow_id in page:
                told += await self.gateway.revise(workflow_id, mission)
            cursor = page[-1]
            progress(cursor, told)
