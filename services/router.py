"""The event router: from a logged event to the journeys it can change, and nothing else.

Active missions are cached by event type and reloaded when the catalogue version moves. The
pure pre-filter of `domain.journey.event_can_change` drops events that cannot change a journey
(wrong type or tags, locked, not opted in, outside the window, finished) before any Temporal
call, so such events cost no workflow task at all.

Users' challenges (missions with an owner) are not in the catalogue: nobody else sees them and
nobody else's events may progress them. For events of a type challenges are routed on (cached
with the catalogue), one query per batch finds the senders' own running challenges, which then
pass the same pre-filter; with no such type, routing costs no query more.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncEngine

from db import challenges, enrolments, missions, users
from db import events as event_log
from db.engine import Conn
from db.events import StoredEvent
from domain.errors import Conflict
from domain.journey import Journey, MissionContext, available_from, effective_after, event_can_change, journey_now
from domain.missions import Mission, MissionStatus, MissionType
from domain.social import needs_handle
from domain.users import Tier, is_eligible, needs_facts, reaches
from observability import metrics
from services.audience import SEGMENT_ENTERED, SEGMENT_LEFT, TIER_CHANGED, Audience, audience_of
from services.gateway import JourneyGateway, workflow_id_of
from workflows.payloads import ActionResult, Eligibility, EventIn, Grant, Unlock

log = logging.getLogger("questline.router")

#: Event types Questline emits itself; clients may not send them.
INTERNAL_PREFIX = "questline."
MISSION_COMPLETED = "questline.mission_completed"
#: Internal events after which a user's eligibility for segment- or tier-limited missions may differ.
AUDIENCE_CHANGES = frozenset({SEGMENT_ENTERED, SEGMENT_LEFT, TIER_CHANGED})
#: Temporal calls in flight at once per routing call.
CONCURRENCY = 64
#: Openings (unlocks, grants, eligibility gained) caught up at once per router.
OPENINGS = 4


def context_of(mission: Mission) -> MissionContext:
    """The journey-facing view of a stored mission."""
    return MissionContext(
        mission_id=mission.id,
        revision=mission.revision,
        spec=mission.spec,
        status=mission.status,
        activated_at=mission.activated_at,
        budget_exhausted_at=mission.budget_exhausted_at,
        owner_user_id=mission.owner_user_id,
    )


@dataclass(frozen=True)
class Catalogue:
    """A snapshot of the live missions, indexed for routing and for the read side."""

    version: int
    live: dict[str, MissionContext] = field(default_factory=dict)
    by_event_type: dict[str, list[MissionContext]] = field(default_factory=dict)
    #: Locked missions keyed by each mission in their `unlock.after_missions`.
    dependants: dict[str, list[MissionContext]] = field(default_factory=dict)
    #: Locked missions that a tier opens (`unlock.min_tier`).
    by_min_tier: list[MissionContext] = field(default_factory=list)
    #: Featured missions granted to whoever enters a segment (`trigger.segment`), by segment id.
    by_trigger: dict[str, list[MissionContext]] = field(default_factory=dict)
    tiers: list[Tier] = field(default_factory=list)
    #: Event types whose events are looked up in their users' own challenges (`db.challenges`).
    challenge_event_types: frozenset[str] = frozenset()

    @classmethod
    def build(
        cls,
        version: int,
        live: Sequence[Mission],
        tiers: Sequence[Tier] = (),
        challenge_event_types: frozenset[str] = frozenset(),
    ) -> Catalogue:
        """Indexes the operator's active missions (users' challenges are left out)."""
        contexts = {m.id: context_of(m) for m in live if m.owner_user_id is None}
        by_type: dict[str, list[MissionContext]] = defaultdict(list)
        dependants: dict[str, list[MissionContext]] = defaultdict(list)
        by_min_tier = []
        by_trigger: dict[str, list[MissionContext]] = defaultdict(list)
        for ctx in contexts.values():
            if ctx.spec.event_type is not None:
                by_type[ctx.spec.event_type].append(ctx)
            if ctx.spec.type is MissionType.LOCKED and ctx.spec.unlock:
                for prerequisite in ctx.spec.unlock.after_missions:
                    dependants[prerequisite].append(ctx)
                if ctx.spec.unlock.min_tier is not None:
                    by_min_tier.append(ctx)
            if ctx.spec.trigger is not None:
                by_trigger[ctx.spec.trigger.segment].append(ctx)
        return cls(
            version=version,
            live=contexts,
            by_event_type=dict(by_type),
            dependants=dict(dependants),
            by_min_tier=by_min_tier,
            by_trigger=dict(by_trigger),
            tiers=list(tiers),
            challenge_event_types=challenge_event_types,
            needs_audience=any(needs_facts(ctx.spec) for ctx in contexts.values()),
            needs_handles=any(needs_handle(ctx.spec) is not None for ctx in contexts.values()),
        )

    #: Whether any live mission is limited to segments or tiers (else no user lookup is needed).
    needs_audience: bool = False
    #: Whether any live mission has a social goal (shown only to users with a linked account).
    needs_handles: bool = False


class CatalogueCache:
    """The live catalogue, reloaded only when a mission write has bumped the catalogue version."""

    def __init__(self) -> None:
        self._current: Catalogue | None = None
        self._lock = asyncio.Lock()

    async def get(self, conn: Conn) -> Catalogue:
        """The current snapshot (one cheap version query when nothing changed)."""
        version = await missions.catalogue_version(conn)
        if self._current is not None and self._current.version == version:
            return self._current
        async with self._lock:
            if self._current is None or self._current.version != version:
                live = await missions.list_missions(conn, status=MissionStatus.ACTIVE, owned=False, limit=1_000_000)
                tiers = await users.list_tiers(conn)
                routed = await challenges.routed_event_types(conn)
                self._current = Catalogue.build(version, live, tiers, routed)
            return self._current


@dataclass(frozen=True)
class Delivery:
    """One event to one journey: a signal, or an unlock (by a completed prerequisite or a tier)."""

    ctx: MissionContext | None  # None for an inbox delivery (no journey involved)
    event: StoredEvent
    kind: Literal["event", "mission", "tier", "grant", "eligibility", "inbox"]
    eligible: bool | None = None
    #: For an eligibility delivery: the user's journey as the read model has it (None: none yet).
    journey: Journey | None = None


class EventRouter:
    """Delivers logged events to the journeys they can change."""

    def __init__(
        self,
        engine: AsyncEngine,
        gateway: JourneyGateway,
        cache: CatalogueCache | None = None,
        *,
        on_segment_entry: Callable[[str, str], Awaitable[int]] | None = None,
    ) -> None:
        self.engine = engine
        self.gateway = gateway
        self.cache = cache or CatalogueCache()
        #: Delivers a segment's on-entry broadcasts to a user who entered it (user id, segment id).
        self.on_segment_entry = on_segment_entry
        self._slots = asyncio.Semaphore(CONCURRENCY)
        # Each opening holds a connection while the journey saves through the same pool: bounded.
        self._openings = asyncio.Semaphore(OPENINGS)

    async def plan(self, conn: Conn, batch: Sequence[StoredEvent]) -> list[Delivery]:
        """The deliveries the events need: journeys they can change, and unlocks they trigger.

        Takes the caller's connection, so ingestion logs and plans in one transaction.
        """
        if not batch:
            return []
        catalogue = await self.cache.get(conn)
        candidates = [(ctx, e) for e in batch for ctx in catalogue.by_event_type.get(e.type, [])]
        if catalogue.challenge_event_types:
            candidates += await self._challenges(conn, catalogue, batch)
        pairs = [(ctx.mission_id, e.user_id) for ctx, e in candidates]
        # Journeys that may open (unlock, grant, eligibility) are read under a shared lock, which
        # an opening's catch-up waits for: what is judged closed here is logged before it looks.
        await event_log.hold_for_routing(conn, [(ctx.mission_id, e.user_id) for ctx, e in candidates if may_open(ctx)])
        known = await enrolments.for_pairs(conn, pairs)
        audiences: dict[str, Audience] = {}
        out = []
        for ctx, e in candidates:
            journey = journey_now(ctx, known.get((ctx.mission_id, e.user_id)), e.received_at, e.user_id)
            if needs_facts(ctx.spec):
                if e.user_id not in audiences:
                    audiences[e.user_id] = await audience_of(conn, e.user_id, catalogue.tiers)
                who = audiences[e.user_id]
                if not is_eligible(ctx.spec, who.tier, who.segments):
                    continue  # §7: an ineligible user's events do not progress the mission
                if journey is not None and journey.ineligible_since is not None:
                    # Eligible again, though the journey may not have heard yet: it keeps the event until it does.
                    journey = journey.model_copy(update={"ineligible_since": None})
            if not event_can_change(ctx, journey, event_type=e.type, tags=e.tags, value=e.value, at=e.received_at):
                continue
            out.append(Delivery(ctx, e, "event"))
        for e in batch:
            if e.type == MISSION_COMPLETED:
                dependants = catalogue.dependants.get(str(e.attributes.get("mission_id")), [])
                out += [Delivery(ctx, e, "mission") for ctx in dependants]
            elif e.type == SEGMENT_ENTERED:
                if self.on_segment_entry is not None:
                    out.append(Delivery(None, e, "inbox"))
                # A grant is idempotent in the journey: entering twice grants once.
                out += [
                    Delivery(ctx, e, "grant") for ctx in catalogue.by_trigger.get(str(e.attributes["segment_id"]), [])
                ]
            if e.type in AUDIENCE_CHANGES:
                out += await self._eligibility(conn, catalogue, e, audiences)
            if e.type == TIER_CHANGED:
                tier = e.attributes.get("tier")
                out += [
                    Delivery(ctx, e, "tier")
                    for ctx in catalogue.by_min_tier
                    if ctx.spec.unlock and reaches(tier, ctx.spec.unlock.min_tier or "", catalogue.tiers)
                ]
        return out

    async def deliver(
        self, batch: Sequence[StoredEvent], deliveries: Sequence[Delivery], *, settle: bool = False
    ) -> list[str]:
        """Runs the deliveries; returns the ids of the events delivered everywhere they had to go.

        With `settle`, each event delivery waits (briefly) for its journey to have applied it.

        An event whose delivery failed is left out (and stays unrouted in the log): the outbox
        relay retries it later, and journeys drop the copies they have already seen.
        """
        results = await self._run_all(deliveries, settle)
        failed = set()
        for d, result in zip(deliveries, results, strict=True):
            if isinstance(result, BaseException):
                log.warning("delivery of event %s failed; the outbox relay will retry", d.event.id, exc_info=result)
                failed.add(d.event.id)
        metrics.delivered((d.kind, not isinstance(r, BaseException)) for d, r in zip(deliveries, results, strict=True))
        done = [e.id for e in batch if e.id not in failed]
        metrics.EVENTS_ROUTED.inc(len(done))
        return done

    async def _run_all(self, deliveries: Sequence[Delivery], settle: bool) -> list[BaseException | None]:
        """Runs the deliveries concurrently, except that one journey's events go in the order
        received: a journey applies signals in the order they arrive, and which event completes it
        (and so when what it unlocks opens) must not depend on a race."""
        results: list[BaseException | None] = [None] * len(deliveries)
        lanes: dict[tuple[str, str], list[int]] = defaultdict(list)
        alone = []
        for i, d in enumerate(deliveries):
            if d.kind == "event" and d.ctx is not None:
                lanes[(d.ctx.mission_id, d.event.user_id)].append(i)
            else:
                alone.append([i])

        async def lane(indexes: list[int]) -> None:
            ordered = sorted(indexes, key=lambda i: deliveries[i].event.received_at)
            for n, i in enumerate(ordered):
                try:
                    await self._run(deliveries[i], settle)
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
            deliveries = await self.plan(conn, batch)
        return await self.deliver(batch, deliveries)

    async def route_and_mark(self, batch: Sequence[StoredEvent]) -> list[str]:
        """Routes, then records the delivered events as routed (in their own short transaction)."""
        done = await self.route(batch)
        if done:
            async with self.engine.begin() as conn:
                await event_log.mark_routed(conn, done, datetime.now(UTC))
        return done

    async def _challenges(
        self, conn: Conn, catalogue: Catalogue, batch: Sequence[StoredEvent]
    ) -> list[tuple[MissionContext, StoredEvent]]:
        """Each event paired with its own user's running challenges on its type (one query)."""
        routed = [e for e in batch if e.type in catalogue.challenge_event_types]
        if not routed:
            return []
        owned: dict[tuple[str, str], list[MissionContext]] = defaultdict(list)
        senders = {e.user_id for e in routed}
        for mission in await challenges.running_for(conn, senders, {e.type for e in routed}):
            assert mission.owner_user_id is not None and mission.spec.event_type is not None
            owned[(mission.owner_user_id, mission.spec.event_type)].append(context_of(mission))
        return [(ctx, e) for e in routed for ctx in owned.get((e.user_id, e.type), [])]

    async def _eligibility(
        self, conn: Conn, catalogue: Catalogue, e: StoredEvent, audiences: dict[str, Audience]
    ) -> list[Delivery]:
        """Tells the user's running journeys of segment- or tier-limited missions whether they
        are still eligible, so the journey checks eligibility too, not only the router."""
        limited = [ctx for ctx in catalogue.live.values() if needs_facts(ctx.spec)]
        if not limited:
            return []
        journeys = await enrolments.for_user(conn, e.user_id, [ctx.mission_id for ctx in limited])
        who = audiences.get(e.user_id) or await audience_of(conn, e.user_id, catalogue.tiers)
        out = []
        for ctx in limited:
            eligible = is_eligible(ctx.spec, who.tier, who.segments)
            # A journey hears of every change; a user without one needs only the catch-up of what
            # they did since this change made them eligible (events the router dropped until then).
            if ctx.mission_id in journeys or (eligible and ctx.spec.event_type is not None and _gains(ctx, e)):
                out.append(Delivery(ctx, e, "eligibility", eligible=eligible, journey=journeys.get(ctx.mission_id)))
        return out

    async def _run(self, d: Delivery, settle: bool = False) -> None:
        if d.kind == "inbox":
            assert self.on_segment_entry is not None
            await self.on_segment_entry(d.event.user_id, str(d.event.attributes["segment_id"]))
            return
        assert d.ctx is not None
        if d.kind == "eligibility":
            await self._tell_eligibility(d.ctx, d)
        elif d.kind == "event":
            await self._deliver(d.ctx, d.event, settle)
        elif d.kind == "grant":
            await self._open(d.ctx, d.event, "grant", Grant(at=d.event.received_at, trigger=True))
        else:
            completed = str(d.event.attributes["mission_id"]) if d.kind == "mission" else None
            unlock = Unlock(at=d.event.received_at, source=d.kind, completed_mission_id=completed)
            await self._open(d.ctx, d.event, "unlock", unlock)

    async def _open(self, ctx: MissionContext, e: StoredEvent, update: str, msg: Unlock | Grant) -> None:
        await self.open(ctx, e.user_id, update, msg)

    async def open(self, ctx: MissionContext, user_id: str, update: str, msg: Unlock | Grant) -> ActionResult | None:
        """Unlocks or grants the user's journey, then delivers what they did since it opened;
        None when the journey refused (it has finished, the mission is closed...).

        §3: the opening takes effect at its cause (a completion, a tier, a segment entry), which
        the router learns of later; events received since were dropped as "still locked". Under
        the opening lock, nothing routed for this journey overtakes the caught-up events.
        """
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

    async def _tell_eligibility(self, ctx: MissionContext, d: Delivery) -> None:
        """Tells the user's journey (if any) whether they are still eligible; one who became
        eligible is caught up on what they did since (events the router dropped meanwhile)."""
        at = d.event.received_at
        try:
            workflow_id = workflow_id_of(ctx, d.event.user_id, at)
        except Conflict:
            return  # a recurring mission before its first cycle has no journey to tell
        if d.journey is not None:
            async with self._slots:
                await self.gateway.signal(workflow_id, "eligibility", Eligibility(eligible=bool(d.eligible), at=at))
        if d.eligible and ctx.spec.event_type is not None:
            journey = d.journey.model_copy(update={"ineligible_since": None}) if d.journey is not None else None
            async with self._openings, self.engine.begin() as conn:
                await event_log.lock_opening(conn, ctx.mission_id, d.event.user_id)
                await self._catch_up(conn, ctx, d.event.user_id, journey, effective_after(at))

    async def _catch_up(
        self, conn: Conn, ctx: MissionContext, user_id: str, journey: Journey | None, since: datetime
    ) -> None:
        """Delivers, in the order received, the user's logged events since the journey opened at
        `since`; the journey drops those it has already seen, the pre-filter those it cannot use."""
        if ctx.spec.event_type is None:
            return
        for e in await event_log.since(conn, user_id=user_id, event_type=ctx.spec.event_type, at=since):
            current = journey_now(ctx, journey, e.received_at, user_id)
            if event_can_change(ctx, current, event_type=e.type, tags=e.tags, value=e.value, at=e.received_at):
                await self._deliver(ctx, e)

    async def _deliver(self, ctx: MissionContext, e: StoredEvent, settle: bool = False) -> None:
        event = EventIn(id=e.id, type=e.type, value=e.value, tags=e.tags, received_at=e.received_at)
        async with self._slots:
            await self.gateway.deliver(ctx, e.user_id, event, settle=settle)

    async def _act(self, ctx: MissionContext, user_id: str, update: str, msg: Unlock | Grant) -> ActionResult | None:
        async with self._slots:
            try:
                return await self.gateway.act(ctx, user_id, update, msg)
            except Conflict as exc:
                log.info("%s of %s for %s skipped: %s", update, ctx.mission_id, user_id, exc.code)
                return None


def _gains(ctx: MissionContext, e: StoredEvent) -> bool:
    """Whether this audience change can be what made the user eligible for the mission."""
    if e.type == SEGMENT_ENTERED:
        return str(e.attributes.get("segment_id")) in ctx.spec.segments
    return e.type == TIER_CHANGED and bool(ctx.spec.tiers)


def may_open(ctx: MissionContext) -> bool:
    """Whether a user's journey of this mission can open later: an unlock, a grant, eligibility."""
    return ctx.spec.type in (MissionType.LOCKED, MissionType.FEATURED) or needs_facts(ctx.spec)
