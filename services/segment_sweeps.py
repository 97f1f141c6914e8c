"""The sweep of a time-dependent segment (`SegmentClockWorkflow`): who entered and who left as
time alone moved, routed like any other audience change."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncEngine

from db import segments
from domain.errors import DomainError
from domain.internal_events import SEGMENT_ENTERED
from domain.segment_rules import SegmentRule
from services import audience
from services.routing import EventRouter
from workflows.segment_clock import Swept


class SegmentSweeps:
    """Re-evaluates rule segments whose membership time changes (an age, a last activity)."""

    def __init__(self, engine: AsyncEngine, router: EventRouter) -> None:
        self.engine = engine
        self.router = router

    async def sweep(self, segment_id: str, now: datetime) -> Swept:
        """Re-evaluates the segment for everyone as of `now`; routes who entered and who left
        (a segment deleted meanwhile changes nobody)."""
        async with self.engine.begin() as conn:
            try:
                segment = await segments.get(conn, segment_id)
            except DomainError:
                return Swept(entered=0, left=0, next_change=None)
            assert segment.rule is not None
            rule = SegmentRule.model_validate(segment.rule)
            changes, next_change = await audience.sweep_segment(conn, segment.id, rule, now)
        await self.router.route_and_mark(changes)
        entered = sum(c.type == SEGMENT_ENTERED for c in changes)
        return Swept(entered=entered, left=len(changes) - entered, next_change=next_change)
