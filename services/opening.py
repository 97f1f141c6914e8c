"""Opening a journey (an unlock, a grant, eligibility gained) and catching it up (§3).

An opening takes effect at its cause (a completion, a tier, a segment entry), which the router
learns of later: events received since were dropped as "still locked". So an opening delivers,
in the order received, what the user did since; under the opening lock (`db.events`), nothing
routed for this journey overtakes the caught-up events, and what the router judged closed while
planning is logged before the catch-up looks.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncEngine

from db import events as event_log
from db import missions as missions_repo
from db import users
from db.engine import Conn
from db.events import StoredEvent
from domain.errors import Conflict
from domain.journey import Journey, MissionContext, available_from, effective_after, event_can_change, journey_now
from domain.streaks import follows_user_zone
from services.gateway import JourneyGateway, workflow_id_of
from workflows.payloads import ActionResult, Eligibility, EventIn, Grant, Unlock

log = logging.getLogger("questline.router")

#: Openings (unlocks, grants, eligibility gained) caught up at once per router.
OPENINGS = 4


class Openings:
    """Opens users' journeys and catches them up; shares the router's bound on Temporal calls."""

    def __init__(self, engine: AsyncEngine, gateway: JourneyGateway, slots: asyncio.Semaphore) -> None:
        self.engine = engine
        self.gateway = gateway
        self._slots = slots
        # Each opening holds a connection while the journey saves through the same pool: bounded.
        self._openings = asyncio.Semaphore(OPENINGS)

    async def open(self, ctx: MissionContext, user_id: str, update: str, msg: Unlock | Grant) -> ActionResult | None:
        """Unlocks or grants the user's journey, then delivers what they did since it opened;
        None when the journey refused (it has finished, the mission is closed...)."""
        async with self._openings, self.engine.begin() as conn:
            await event_log.lock_opening(conn, ctx.mission_id, user_id)
            result = await self._act(ctx, user_id, update, msg)
            journey = result.journey if result is not None else None
            opened = (journey.unlocked_at or journey.granted_at) if journey is not None else None
            # Opened by this cause (not long before, by another): what the user did since counts,
            # from the moment the mission itself opened at the earliest.
            if opened is not None and opened >= msg.at:
                since = max(opened, available_from(ctx) or opened)
                await self._catch_up(conn, ctx, user_id, journey, since)
        return result

    async def tell_eligibility(
        self, ctx: MissionContext, e: StoredEvent, *, eligible: bool, journey: Journey | None
    ) -> None:
        """Tells the user's journey (if any) whether they are still eligible after `e`; one who
        became eligible is caught up on what they did since (events the router dropped meanwhile)."""
        at = e.received_at
        try:
            workflow_id = workflow_id_of(ctx, e.user_id, at)
        except Conflict:
            return  # a recurring mission before its first cycle has no journey to tell
        if journey is not None:
            async with self._slots:
                await self.gateway.signal(workflow_id, "eligibility", Eligibility(eligible=eligible, at=at))
        if eligible and ctx.spec.event_type is not None:
            current = journey.model_copy(update={"ineligible_since": None}) if journey is not None else None
            async with self._openings, self.engine.begin() as conn:
                await event_log.lock_opening(conn, ctx.mission_id, e.user_id)
                await self._catch_up(conn, ctx, e.user_id, current, effective_after(at))

    async def deliver(self, ctx: MissionContext, e: StoredEvent, settle: bool = False) -> None:
        """Signals one logged event to the user's journey (started if needed)."""
        zone = await self._user_zone(ctx, e.user_id)
        event = EventIn(id=e.id, type=e.type, value=e.value, tags=e.tags, received_at=e.received_at, time_zone=zone)
        async with self._slots:
            await self.gateway.deliver(ctx, e.user_id, event, settle=settle)

    async def _user_zone(self, ctx: MissionContext, user_id: str) -> str | None:
        """The user's own time zone, for a streak counted in it (`Streak.time_zone: "user"`); None
        for every other mission (no lookup)."""
        if not follows_user_zone(ctx.spec.goal):
            return None
        async with self.engine.connect() as conn:
            return await users.time_zone_of(conn, user_id)

    async def _catch_up(
        self, conn: Conn, ctx: MissionContext, user_id: str, journey: Journey | None, since: datetime
    ) -> None:
        """Delivers, in the order received, the user's logged events since the journey opened at
        `since`; the journey drops those it has already seen, the pre-filter those it cannot use."""
        if ctx.spec.event_type is None:
            return
        # Events received while the mission was paused count for nobody, caught up or not.
        pauses = await missions_repo.pauses(conn, ctx.mission_id)
        for e in await event_log.since(conn, user_id=user_id, event_type=ctx.spec.event_type, at=since):
            if pauses and missions_repo.paused_at(pauses, e.received_at):
                continue
            current = journey_now(ctx, journey, e.received_at, user_id)
            if event_can_change(ctx, current, event_type=e.type, tags=e.tags, value=e.value, at=e.received_at):
                await self.deliver(ctx, e)

    async def _act(self, ctx: MissionContext, user_id: str, update: str, msg: Unlock | Grant) -> ActionResult | None:
        async with self._slots:
            try:
                return await self.gateway.act(ctx, user_id, update, msg)
            except Conflict as exc:
                log.info("%s of %s for %s skipped: %s", update, ctx.mission_id, user_id, exc.code)
                return None
