"""The composition root: what one process (an API process or a worker) builds once and shares.

`open_services(settings)` creates the engine, the Temporal door, the HTTP client, the proof store
and every service, and closes them again; `api/app.py` and `worker.py` both build from it, so
the two kinds of process cannot wire the same service differently. `Services` is the typed
container: FastAPI routes read its members through the `Annotated` aliases of `api/deps.py`.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine

from db.engine import create_engine, create_read_engine
from services.active_missions import ActiveMissionsCache
from services.approvals import Approvals
from services.broadcasts import Broadcasts, deliver_on_entry
from services.callbacks import Callbacks
from services.catalogue import Catalogue
from services.challenges import Challenges
from services.enrolment import EnrolmentServices, build_enrolment_services
from services.event_log_maintenance import EventLogMaintenance
from services.events import Events
from services.gateway import JourneyGateway, LazyClient
from services.grants import Grants
from services.health import Readiness
from services.journeys import Journeys
from services.lint import Linter
from services.missions import Missions
from services.notifications import NotificationRelay
from services.outbox import OutboxRelay, RoutedMarks
from services.routing import EventRouter
from services.segments import Segments
from services.settling import SettleListener
from services.shop import Shop
from services.starts import WorkflowStarts, crash_kinds_from_env
from services.stats import Stats
from services.streak_repairs import StreakRepairs
from services.users import Users
from settings import Settings
from storage import ObjectStore, store_from_settings

#: Outbound calls (the broadcast webhook, the object store) give up after this many seconds.
HTTP_TIMEOUT = 10.0


@dataclass
class Services:
    """Clients and services created once per process and shared by every request and activity."""

    settings: Settings
    engine: AsyncEngine
    #: The read routes' engine: the replica's (`QUESTLINE_DATABASE_READ_URL`), else `engine`.
    read_engine: AsyncEngine
    temporal: LazyClient
    gateway: JourneyGateway
    active_missions: ActiveMissionsCache
    router: EventRouter
    marks: RoutedMarks
    starts: WorkflowStarts
    http: httpx.AsyncClient
    store: ObjectStore
    #: Users' views of missions and their actions (opt in, submit, verify).
    journeys: Journeys
    #: The review queue of submitted proofs.
    approvals: Approvals
    #: Admin grants and unlocks, per user or per segment.
    grants: Grants
    #: What the enrolment workflow's activities call (the worker's `JourneyActivities`).
    enrolment: EnrolmentServices
    #: Event ingestion: log, plan, commit, deliver, mark.
    events: Events
    #: Tiers and users' profiles.
    users: Users
    #: Segments and their members.
    segments: Segments
    #: Whether PostgreSQL and Temporal answer (`/readyz`).
    readiness: Readiness
    #: The operator's missions: create, revise, activate (now or at a time), archive, clone.
    missions: Missions
    #: Categories and quests, the operator's groupings of missions.
    catalogue_admin: Catalogue
    #: The bonus shop's items and owed item rewards.
    shop: Shop
    #: Broadcasts and users' inboxes.
    broadcasts: Broadcasts
    #: Callbacks to missions' `callback_url`s: admins' list and manual retry.
    callbacks: Callbacks
    #: The operator's challenge configuration and users' challenges.
    challenges: Challenges
    #: The admin console's statistics (aggregated in SQL).
    stats: Stats
    #: Streak repairs after an outage (resumable jobs, run in this process).
    streak_repairs: StreakRepairs
    #: Hears journeys announce the events they applied, for the events 202 (started on first use).
    settler: SettleListener
    #: Background loops started by `run_relays` (the outbox relays), cancelled on close.
    tasks: list[asyncio.Task[None]] = field(default_factory=list)

    def run_relays(self) -> None:
        """Starts the relays that finish what a crashed process left: unrouted events, unmade starts."""
        loops: list[Coroutine[Any, Any, None]] = [OutboxRelay(self.router).run(), self.marks.run(), self.starts.run()]
        loops.append(self.events.counts.run())  # the event types' counts
        loops.append(self.streak_repairs.run())  # repairs whose runner died
        loops.append(EventLogMaintenance(self.engine, self.settings.event_retention).run())  # the log's months
        loops.append(self.missions.deletions.run_stalled())  # mission deletions stopped midway
        loops.append(NotificationRelay(self.engine, self.http, self.settings, views=self.journeys).run())
        self.tasks.extend(asyncio.create_task(loop) for loop in loops)

    async def aclose(self) -> None:
        """Stops the relays, then closes the HTTP client and the engine."""
        for task in self.tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self.tasks.clear()
        await self.settler.aclose()
        await self.streak_repairs.close()
        await self.http.aclose()
        if self.read_engine is not self.engine:
            await self.read_engine.dispose()
        await self.engine.dispose()


def build_services(settings: Settings, *, engine: AsyncEngine | None = None) -> Services:
    """Wires every service of one process (nothing connects until first used)."""
    engine = engine or create_engine(settings)
    temporal = LazyClient(settings)
    settler = SettleListener(engine.url.render_as_string(hide_password=False))
    gateway = JourneyGateway(temporal, settings.task_queue, settle_timeout=settings.settle_timeout, settler=settler)
    cache = ActiveMissionsCache()
    http = httpx.AsyncClient(timeout=HTTP_TIMEOUT)
    router = EventRouter(
        engine,
        gateway,
        cache,
        on_segment_entry=lambda user_id, segment_id: deliver_on_entry(engine, http, settings, user_id, segment_id),
    )
    store = store_from_settings(settings, http)
    marks = RoutedMarks(engine)
    starts = WorkflowStarts(engine, gateway, crash_after_commit=crash_kinds_from_env(settings.is_dev))
    return Services(
        settings=settings,
        engine=engine,
        read_engine=create_read_engine(settings) or engine,
        settler=settler,
        temporal=temporal,
        gateway=gateway,
        active_missions=cache,
        router=router,
        marks=marks,
        starts=starts,
        http=http,
        store=store,
        journeys=Journeys(engine, gateway, cache, settings),
        approvals=Approvals(engine, gateway, store),
        events=Events(engine, router, marks),
        users=Users(settings),
        segments=Segments(),
        readiness=Readiness(engine, temporal.check_health),
        grants=Grants(gateway),
        missions=Missions(engine, gateway, starts, settings.outbound_policy, linter=Linter.of(settings), store=store),
        catalogue_admin=Catalogue(),
        shop=Shop(),
        enrolment=build_enrolment_services(engine, router, settings),
        broadcasts=Broadcasts(starts),
        callbacks=Callbacks(gateway, settings),
        challenges=Challenges(gateway, starts),
        stats=Stats(),
        streak_repairs=StreakRepairs(engine, gateway),
    )


@asynccontextmanager
async def open_services(settings: Settings, *, relays: bool = True) -> AsyncIterator[Services]:
    """The process's services, with the outbox relays running when `relays`; closed on exit."""
    services = build_services(settings)
    if relays:
        services.run_relays()
    try:
        yield services
    finally:
        await services.aclose()
