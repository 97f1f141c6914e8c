"""The event router: from a logged event to the journeys it can change, and nothing else.

`plan` turns logged events into routings, `deliver` runs them. Active missions are cached by
event type (`services.active_missions`). The pure pre-filter of `domain.journey.event_verdict`
drops events that cannot change a journey (wrong type or tags, locked, not opted in, outside the
window, finished) before any Temporal call, so such events cost no workflow task at all.
Questline's own events (`domain.internal_events`) also open journeys: a completion unlocks its
dependants, a tier its `min_tier` missions, a segment entry its trigger missions
(`services.opening`), and an audience change tells journeys whether their user is still eligible.

Users' challenges (missions with an owner) are not among the active missions: nobody else sees
them and nobody else's events may progress them. For events of a type challenges are routed on
(cached with the active missions), one query per batch finds the senders' own running
challenges, which then pass the same pre-filter; with no such type, routing costs no query more.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncEngine

from db import challenges, enrolments
from db import events as event_log
from db.engine import Conn
from db.events import StoredEvent
from domain.internal_events import AUDIENCE_CHANGES, MISSION_COMPLETED, SEGMENT_ENTERED, TIER_CHANGED
from domain.journey import Journey, MissionContext, event_verdict, journey_now
from domain.missions import MissionType
from domain.users import is_eligible, needs_facts, reaches
from observability import metrics
from services.active_missions import ActiveMissions, ActiveMissionsCache, context_of
from services.audience import Audience, audience_of
from services.gateway import JourneyGateway
from services.opening import Openings
from workflows.payloads import ActionResult, Grant, Unlock

log = logging.getLogger("questline.router")

#: Temporal calls in flight at once per routing call.
CONCURRENCY = 64


@dataclass(frozen=True)
class Routing:
    """One event to one journey: a signal, an unlock (by a completed prerequisite or a tier), a
    grant, an eligibility change; or, for a segment entry, the segment's on-entry broadcasts."""

    ctx: MissionContext | None  # None for an inbox routing (no journey involved)
    event: StoredEvent
    kind: Literal["event", "mission", "tier", "grant", "eligibility", "inbox"]
    eligible: bool | None = None
    #: For an eligibility routing: the user's journey as the read model has it (None: none yet).
    journey: Journey | None = None


class EventRouter:
    """Delivers logged events to the journeys they can change."""

    def __init__(
        self,
        engine: AsyncEngine,
        gateway: JourneyGateway,
        cache: ActiveMissionsCache | None = None,
        *,
        on_segment_entry: Callable[[str, str], Awaitable[int]] | None = None,
    ) -> None:
        self.engine = engine
        self.gateway = gateway
        self.cache = cache or ActiveMissionsCache()
        #: Delivers a segment's on-entry broadcasts to a user who entered it (user id, segment id).
        self.on_segment_entry = on_segment_entry
        self._slots = asyncio.Semaphore(CONCURRENCY)
        self.openings = Openings(engine, gateway, self._slots)

    async def plan(self, conn: Conn, batch: Sequence[StoredEvent]) -> list[Routing]:
        """The routings the events need: journeys they can change, and unlocks they trigger.

        Takes the caller's connection, so ingestion logs and plans in one transaction.
        """
        if not batch:
            return []
        active = await self.cache.get(conn)
        audiences: dict[str, Audience] = {}
        out = await self._to_journeys(conn, active, batch, audiences)
        for e in batch:
            out += await self._follow_ups(conn, active, e, audiences)
        return out

    async def _to_journeys(
        self, conn: Conn, active: ActiveMissions, batch: Sequence[StoredEvent], audiences: dict[str, Audience]
    ) -> list[Routing]:
        """The events as signals to the journeys they can change (§7: not an ineligible user's)."""
        # An event received while its mission was paused counts for nobody, even routed after the resume.
        candidates = [
            (ctx, e)
            for e in batch
            for ctx in active.by_event_type.get(e.type, [])
            if not active.was_paused_at(ctx.mission_id, e.received_at)
        ]
        if active.challenge_event_types:
            candidates += await self._challenges(conn, active, batch)
        pairs = [(ctx.mission_id, e.user_id) for ctx, e in candidates]
        # Journeys that may open (unlock, grant, eligibility) are read under a shared lock, which
        # an opening's catch-up waits for: what is judged closed here is logged before it looks.
        await event_log.hold_for_routing(conn, [(ctx.mission_id, e.user_id) for ctx, e in candidates if may_open(ctx)])
        known = await enrolments.for_pairs(conn, pairs)
        out = []
        for ctx, e in candidates:
            journey = journey_now(ctx, known.get((ctx.mission_id, e.user_id)), e.received_at, e.user_id)
            eligible = True
            if needs_facts(ctx.spec):
                if e.user_id not in audiences:
                    audiences[e.user_id] = await audience_of(conn, e.user_id, active.tiers)
                who = audiences[e.user_id]
                # §7: an ineligible user's events do not progress the mission
                eligible = is_eligible(ctx.spec, who.tier, who.segments)
                if eligible and journey is not None and journey.ineligible_since is not None:
                    # Eligible again, though the journey may not have heard yet: it keeps the event until it does.
                    journey = journey.model_copy(update={"ineligible_since": None})
            # The one decision (`domain.journey.event_verdict`) the journey and explain make too.
            verdict = event_verdict(
                ctx, journey, event_type=e.type, tags=e.tags, value=e.value, at=e.received_at, eligible=eligible
            )
            if verdict is not None:
                continue
            out.append(Routing(ctx, e, "event"))
        return out

    async def _follow_ups(
        self, conn: Conn, active: ActiveMissions, e: StoredEvent, audiences: dict[str, Audience]
    ) -> list[Routing]:
        """What one of Questline's own events opens: dependants, trigger grants, eligibility, tiers."""
        out: list[Routing] = []
        if e.type == MISSION_COMPLETED:
            out += [
                Routing(ctx, e, "mission") for ctx in active.dependants.get(str(e.attributes.get("mission_id")), [])
            ]
        elif e.type == SEGMENT_ENTERED:
            if self.on_segment_entry is not None:
                out.append(Routing(None, e, "inbox"))
            # A grant is idempotent in the journey: entering twice grants once.
            out += [Routing(ctx, e, "grant") for ctx in active.by_trigger.get(str(e.attributes["segment_id"]), [])]
        if e.type in AUDIENCE_CHANGES:
            out += await self._eligibility(conn, active, e, audiences)
        if e.type == TIER_CHANGED:
            tier = e.attributes.get("tier")
            out += [
                Routing(ctx, e, "tier")
                for ctx in active.by_min_tier
                if ctx.spec.unlock and reaches(tier, ctx.spec.unlock.min_tier or "", active.tiers)
            ]
        return out

    async def deliver(
        self, batch: Sequence[StoredEvent], routings: Sequence[Routing], *, settle: bool = False
    ) -> list[str]:
        """Runs the routings; returns the ids of the events delivered everywhere they had to go.

        With `settle`, each event delivery waits (briefly) for its journey to have applied it.

        An event whose delivery failed is left out (and stays unrouted in the log): the outbox
        relay retries it later, and journeys drop the copies they have already seen.
        """
        results = await self._run_all(routings, settle)
        failed = set()
        for d, result in zip(routings, results, strict=True):
            if isinstance(result, BaseException):
                log.warning("delivery of event %s failed; the outbox relay will retry", d.event.id, exc_info=result)
                failed.add(d.event.id)
        metrics.delivered((d.kind, not isinstance(r, BaseException)) for d, r in zip(routings, results, strict=True))
        done = [e.id for e in batch if e.id not in failed]
        metrics.EVENTS_ROUTED.inc(len(done))
        return done

    async def _run_all(self, routings: Sequence[Routing], settle: bool) -> list[BaseException | None]:
        """Runs the routings concurrently, except that one journey's events go in the order
        received: a journey applies signals in the order they arrive, and which event completes it
        (and so when what it unlocks opens) must not depend on a race."""
        results: list[BaseException | None] = [None] * len(routings)
        lanes: dict[tuple[str, str], list[int]] = defaultdict(list)
        alone = []
        for i, d in enumerate(routings):
            if d.kind == "event" and d.ctx is not None:
                lanes[(d.ctx.mission_id, d.event.user_id)].append(i)
            else:
                alone.append([i])

        async def lane(indexes: list[int]) -> None:
            ordered = sorted(indexes, key=lambda i: routings[i].event.received_at)
            for n, i in enumerate(ordered):
                try:
                    await self._run(routings[i], settle)
                except Exception as exc:
                    for left in ordered[n:]:
                        results[left] = exc  # not sent: the relay retries them, in order
                    return

        await asyncio.gather(*(lane(indexes) for indexes in [*lanes.values(), *alone]))
        return results

    async def route(self, batch: Sequence[StoredEvent]) -> list[str]:
        """Plans (on a connection of its own) and delivers; returns the ids fully delivered."""
        if not batch:
            return []
        async with self.engine.connect() as conn:
            routings = await self.plan(conn, batch)
        return await self.deliver(batch, routings)

    async def route_and_mark(self, batch: Sequence[StoredEvent]) -> list[str]:
        """Routes, then records the delivered events as routed (in their own short transaction)."""
        done = await self.route(batch)
        if done:
            async with self.engine.begin() as conn:
                await event_log.mark_routed(conn, done, datetime.now(UTC))
        return done

    async def open(self, ctx: MissionContext, user_id: str, update: str, msg: Unlock | Grant) -> ActionResult | None:
        """Unlocks or grants the user's journey and catches it up (`services.opening`); None when
        the journey refused (it has finished, the mission is closed...)."""
        return await self.openings.open(ctx, user_id, update, msg)

    async def _challenges(
        self, conn: Conn, active: ActiveMissions, batch: Sequence[StoredEvent]
    ) -> list[tuple[MissionContext, StoredEvent]]:
        """Each event paired with its own user's running challenges on its type (one query)."""
        routed = [e for e in batch if e.type in active.challenge_event_types]
        if not routed:
            return []
        owned: dict[tuple[str, str], list[MissionContext]] = defaultdict(list)
        senders = {e.user_id for e in routed}
        for mission in await challenges.running_for(conn, senders, {e.type for e in routed}):
            assert mission.owner_user_id is not None and mission.spec.event_type is not None
            owned[(mission.owner_user_id, mission.spec.event_type)].append(context_of(mission))
        return [(ctx, e) for e in routed for ctx in owned.get((e.user_id, e.type), [])]

    async def _eligibility(
        self, conn: Conn, active: ActiveMissions, e: StoredEvent, audiences: dict[str, Audience]
    ) -> list[Routing]:
        """Tells the user's running journeys of segment- or tier-limited missions whether they
        are still eligible, so the journey checks eligibility too, not only the router."""
        limited = [ctx for ctx in active.live.values() if needs_facts(ctx.spec)]
        if not limited:
            return []
        journeys = await enrolments.for_user(conn, e.user_id, [ctx.mission_id for ctx in limited])
        who = audiences.get(e.user_id) or await audience_of(conn, e.user_id, active.tiers)
        out = []
        for ctx in limited:
            eligible = is_eligible(ctx.spec, who.tier, who.segments)
            # A journey hears of every change; a user without one needs only the catch-up of what
            # they did since this change made them eligible (events the router dropped until then).
            if ctx.mission_id in journeys or (eligible and ctx.spec.event_type is not None and _gains(ctx, e)):
                out.append(Routing(ctx, e, "eligibility", eligible=eligible, journey=journeys.get(ctx.mission_id)))
        return out

    async def _run(self, d: Routing, settle: bool = False) -> None:
        if d.kind == "inbox":
            assert self.on_segment_entry is not None
            await self.on_segment_entry(d.event.user_id, str(d.event.attributes["segment_id"]))
            return
        assert d.ctx is not None
        if d.kind == "eligibility":
            await self.openings.tell_eligibility(d.ctx, d.event, eligible=bool(d.eligible), journey=d.journey)
        elif d.kind == "event":
            await self.openings.deliver(d.ctx, d.event, settle)
        elif d.kind == "grant":
            await self.openings.open(d.ctx, d.event.user_id, "grant", Grant(at=d.event.received_at, trigger=True))
        else:
            completed = str(d.event.attributes["mission_id"]) if d.kind == "mission" else None
            unlock = Unlock(at=d.event.received_at, source=d.kind, completed_mission_id=completed)
            await self.openings.open(d.ctx, d.event.user_id, "unlock", unlock)


def _gains(ctx: MissionContext, e: StoredEvent) -> bool:
    """Whether this audience change can be what made the user eligible for the mission."""
    if e.type == SEGMENT_ENTERED:
        return str(e.attributes.get("segment_id")) in ctx.spec.segments
    return e.type == TIER_CHANGED and bool(ctx.spec.tiers)


def may_open(ctx: MissionContext) -> bool:
    """Whether a user's journey of this mission can open later: an unlock, a grant, eligibility."""
    return ctx.spec.type in (MissionType.LOCKED, MissionType.FEATURED) or needs_facts(ctx.spec)
