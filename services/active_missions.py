"""The active missions: a snapshot of the operator's live missions, indexed for routing and views.

Only `active` missions are in it: a paused (or archived, deleted) one is neither routed to nor
shown. Reloaded only when a mission write has bumped the catalogue version (`db.missions`), so a lookup
costs one cheap version query when nothing changed. Users' challenges (missions with an owner)
are left out: nobody else sees them and nobody else's events may progress them; the snapshot
keeps only the event types they are routed on.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from db import challenges, missions, users
from db.engine import Conn
from domain.journey import MissionContext
from domain.missions import Mission, MissionStatus, MissionType
from domain.social_targets import needs_handle
from domain.users import Tier, needs_facts


def context_of(mission: Mission) -> MissionContext:
    """The journey-facing view of a stored mission.

    A paused mission is shown to journeys as active: a pause never reaches a journey (it would
    close one that is not live). It only takes the mission out of this catalogue, which lists
    active missions alone, so nothing routes events to it or shows it to users meanwhile.
    """
    status = MissionStatus.ACTIVE if mission.status is MissionStatus.PAUSED else mission.status
    return MissionContext(
        mission_id=mission.id,
        revision=mission.revision,
        spec=mission.spec,
        status=status,
        activated_at=mission.activated_at,
        budget_exhausted_at=mission.budget_exhausted_at,
        owner_user_id=mission.owner_user_id,
    )


@dataclass(frozen=True)
class ActiveMissions:
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
    #: The past pauses of live missions that were ever paused: an event received during one counts
    #: for nobody, even when it is routed (again) after the resume, by the outbox relay say.
    pauses: dict[str, list[tuple[datetime, datetime | None]]] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        version: int,
        live: Sequence[Mission],
        tiers: Sequence[Tier] = (),
        challenge_event_types: frozenset[str] = frozenset(),
        pauses: dict[str, list[tuple[datetime, datetime | None]]] | None = None,
    ) -> ActiveMissions:
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
            pauses={m: p for m, p in (pauses or {}).items() if m in contexts},
            needs_audience=any(needs_facts(ctx.spec) for ctx in contexts.values()),
            needs_handles=any(needs_handle(ctx.spec) is not None for ctx in contexts.values()),
        )

    #: Whether any live mission is limited to segments or tiers (else no user lookup is needed).
    needs_audience: bool = False
    #: Whether any live mission has a social goal (shown only to users with a linked account).
    needs_handles: bool = False

    def was_paused_at(self, mission_id: str, at: datetime) -> bool:
        """Whether the mission was paused at `at` (an event received then is routed to nobody)."""
        pauses = self.pauses.get(mission_id)
        return pauses is not None and missions.paused_at(pauses, at)


class ActiveMissionsCache:
    """The active missions, reloaded only when a mission write has bumped the catalogue version."""

    def __init__(self) -> None:
        self._current: ActiveMissions | None = None
        self._lock = asyncio.Lock()

    async def get(self, conn: Conn) -> ActiveMissions:
        """The current snapshot (one cheap version query when nothing changed)."""
        version = await missions.catalogue_version(conn)
        if self._current is not None and self._current.version == version:
            return self._current
        async with self._lock:
            if self._current is None or self._current.version != version:
                live = await missions.list_missions(conn, status=MissionStatus.ACTIVE, owned=False, limit=1_000_000)
                tiers = await users.list_tiers(conn)
                routed = await challenges.routed_event_types(conn)
                pauses = await missions.pauses_of(conn, [m.id for m in live if m.owner_user_id is None])
                self._current = ActiveMissions.build(version, live, tiers, routed, pauses)
            return self._current
