"""A real worker on the time-skipping test server, the session's PostgreSQL, and a test harness.

Journeys judge events by when they were received and clocks by the server's time, so every
timestamp here is the time-skipping server's (`Harness.now`), never the wall clock, which the
server's clock leaves behind as soon as a test skips days.

What a test asserts is what a user would see: the read model (`db.enrolments`) projected at the
server's time (`domain.projection.project`) and the ledger (`db.ledger.wallet`), next to the
workflow's own state (its `journey` query).
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio import activity
from temporalio.api.enums.v1 import EventType, WorkflowTaskFailedCause
from temporalio.client import Client, WorkflowHandle
from temporalio.service import RPCError, RPCStatusCode
from temporalio.testing import WorkflowEnvironment

from activities.callbacks import CallbackActivities
from activities.enrolment import JourneyActivities
from activities.social import SocialActivities
from db import enrolments, ledger, missions
from db.engine import create_engine
from db.ledger import Wallet
from devstack.social_emulator import Emulator
from domain.errors import Conflict, Invalid
from domain.journey import EnrolmentStatus, Journey, MissionContext, cycle_at
from domain.missions import MissionSpec, MissionStatus
from domain.projection import Projection, Tab, project
from services.active_missions import context_of
from services.enrolment import build_enrolment_services
from services.gateway import JourneyGateway, LazyClient
from services.routing import EventRouter
from tests.conftest import make_settings
from worker import build_worker
from workflows.payloads import ActionResult, Completed, EventIn, Revise, enrolment_id

UNHANDLED_COMMAND = WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND
DAY = timedelta(days=1)
HOUR = timedelta(hours=1)
#: How long (wall clock) a journey may take to process what it was sent.
SETTLE_SECONDS = 20.0

#: A run whose last event is one of these has ended for good.
_CLOSED = {
    EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
    EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
    EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED,
    EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED,
    EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT,
}
#: What a completed workflow task may leave after it without anything being left to process.
_COMMANDS = {
    EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
    EventType.EVENT_TYPE_TIMER_STARTED,
    EventType.EVENT_TYPE_TIMER_CANCELED,
    EventType.EVENT_TYPE_MARKER_RECORDED,
    EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES,
    EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED,
    EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED,
}


@dataclass
class Seen:
    """One journey as the user sees it now, and as its workflow holds it."""

    journey: Journey | None
    """The read model's journey (what the API projects); None before the first save."""
    view: Projection | None
    """The §4 projection of that journey at the server's current time; None when hidden."""
    held: ActionResult | None
    """The workflow's own journey and status (`journey` query); None when it never started."""
    points: int
    """The user's balance, summed from the ledger."""
    now: datetime
    """The server time of the observation."""

    @property
    def tab(self) -> Tab | None:
        return self.view.tab if self.view else None

    @property
    def progress(self) -> int | float | None:
        return self.view.progress.current if self.view else None


def assert_row(
    seen: Seen,
    tab: Tab,
    chips: list[str],
    timer: tuple[str, datetime] | None,
    *,
    can_opt_in: bool = False,
) -> None:
    """The user sees exactly this §4 row: tab, chips (in any order), timer and opt-in button."""
    view = seen.view
    assert view is not None, "the mission is hidden from the user"
    got_timer = (view.timer.kind, view.timer.ends_at) if view.timer else None
    assert (view.tab, sorted(view.chips), got_timer, view.can_opt_in) == (tab, sorted(chips), timer, can_opt_in), (
        f"at {seen.now}: {view}"
    )


class Harness:
    """Creates missions and drives journeys on the time-skipping server, reading what users see."""

    def __init__(self, env: WorkflowEnvironment, engine: AsyncEngine, gateway: JourneyGateway) -> None:
        self.env = env
        self.engine = engine
        self.gateway = gateway
        self.client: Client = env.client
        #: The cycle of each recurring journey last driven, so `handle` finds its workflow.
        self.cycles: dict[tuple[str, str], int] = {}

    # --- clocks -------------------------------------------------------------------------------

    async def now(self) -> datetime:
        """The time-skipping server's current time (what workflows see as `workflow.now()`)."""
        return await self.env.get_current_time()

    async def skip(self, duration: timedelta) -> None:
        """Lets `duration` of server time pass; timers due meanwhile fire."""
        await self.env.sleep(duration)

    async def skip_to(self, moment: datetime) -> None:
        """Lets server time pass until `moment` (which must be ahead)."""
        now = await self.now()
        assert moment > now, f"cannot skip back to {moment} from {now}"
        await self.env.sleep(moment - now)

    # --- missions -----------------------------------------------------------------------------

    async def mission(self, **fields: Any) -> MissionContext:
        """Creates a mission and activates it now (server time).

        `fields` override a generally available mission with an event goal of 3 events of its own
        type, worth 10 points. Datetimes and timedeltas may be given as objects.
        """
        body: dict[str, Any] = {
            "name": f"m-{uuid.uuid4().hex[:8]}",
            "type": "generally_available",
            "goal": {"kind": "event", "event_type": f"ev-{uuid.uuid4().hex[:8]}", "count": 3},
            "reward": {"points": 10},
        }
        body.update(fields)
        spec = MissionSpec.model_validate(body)
        at = await self.now()
        async with self.engine.begin() as conn:
            created = await missions.create(conn, spec)
            active = await missions.set_status(conn, created, MissionStatus.ACTIVE, at=at)
        return context_of(active)

    async def timed_mission(
        self,
        type: str,
        *,
        opt_in: bool = False,
        start: timedelta | None = 2 * DAY,
        end: timedelta | None = 10 * DAY,
        ttc: timedelta | None = 3 * DAY,
        **fields: Any,
    ) -> tuple[MissionContext, datetime | None, datetime | None]:
        """A mission of `type` with S = now + `start`, E = now + `end` and T = `ttc` (None: not set).

        Returns the mission and its S and E as stored.
        """
        t0 = await self.now()
        clocks: dict[str, Any] = {"type": type, "opt_in": opt_in}
        if start is not None:
            clocks["start_at"] = (t0 + start).isoformat()
        if end is not None:
            clocks["end_at"] = (t0 + end).isoformat()
        if ttc is not None:
            clocks["time_to_complete"] = ttc.total_seconds()
        ctx = await self.mission(**clocks, **fields)
        return ctx, ctx.spec.start_at, ctx.spec.end_at

    async def revise_mission(self, ctx: MissionContext, **changes: Any) -> MissionContext:
        """Stores a new revision of an active mission with `changes` applied to its spec."""
        async with self.engine.begin() as conn:
            current = await missions.get(conn, ctx.mission_id, for_update=True)
            spec = MissionSpec.model_validate({**current.spec.model_dump(exclude_none=True), **changes})
            updated = await missions.update_spec(conn, current, spec, new_revision=True)
        return context_of(updated)

    async def archive_mission(self, ctx: MissionContext) -> MissionContext:
        """Archives the mission now (server time)."""
        at = await self.now()
        async with self.engine.begin() as conn:
            current = await missions.get(conn, ctx.mission_id, for_update=True)
            archived = await missions.set_status(conn, current, MissionStatus.ARCHIVED, at=at)
        return context_of(archived)

    # --- journeys -----------------------------------------------------------------------------

    @staticmethod
    def user() -> str:
        """A fresh user id."""
        return f"u-{uuid.uuid4().hex[:12]}"

    def handle(self, ctx: MissionContext, user_id: str, cycle: int | None = None) -> WorkflowHandle[Any, Any]:
        """The journey's workflow handle (its latest run; a recurring mission's last driven cycle)."""
        if cycle is None:
            cycle = self.cycles.get((ctx.mission_id, user_id))
        return self.client.get_workflow_handle(enrolment_id(ctx.mission_id, user_id, cycle))

    def _drive(self, ctx: MissionContext, user_id: str, at: datetime) -> None:
        """Remembers which cycle's journey a delivery or action at `at` reaches."""
        cycle = cycle_at(ctx, at)
        if cycle is not None:
            self.cycles[(ctx.mission_id, user_id)] = cycle

    async def event(
        self,
        ctx: MissionContext,
        *,
        event_id: str | None = None,
        value: Decimal | int | str | None = None,
        tags: list[str] | None = None,
        event_type: str | None = None,
        received_at: datetime | None = None,
    ) -> EventIn:
        """An event of the mission's goal type, received now (server time) unless told otherwise."""
        return EventIn(
            id=event_id or f"e-{uuid.uuid4().hex}",
            type=event_type or ctx.spec.event_type or "none",
            value=None if value is None else Decimal(value),
            tags=tags or [],
            received_at=received_at or await self.now(),
        )

    async def deliver(self, ctx: MissionContext, user_id: str, event: EventIn | None = None) -> bool:
        """Signal-with-start of one event (a fresh one by default) through the gateway, then settles.

        False when the journey has finished and refused to start again.
        """
        event = event or await self.event(ctx)
        self._drive(ctx, user_id, event.received_at)
        delivered = await self.gateway.deliver(ctx, user_id, event)
        await self.settle(ctx, user_id)
        return delivered

    async def deliver_many(self, ctx: MissionContext, user_id: str, n: int) -> None:
        """Delivers `n` fresh events one after the other; each must be accepted."""
        for _ in range(n):
            assert await self.deliver(ctx, user_id)

    async def signal(self, ctx: MissionContext, user_id: str, event: EventIn) -> None:
        """A plain `event` signal to the running journey, then settles."""
        await self.handle(ctx, user_id).signal("event", event)
        await self.settle(ctx, user_id)

    async def act(self, ctx: MissionContext, user_id: str, update: str, payload: Any) -> ActionResult:
        """Update-with-start through the gateway (raises `Conflict` when refused), then settles."""
        now = await self.now()
        self._drive(ctx, user_id, now)
        try:
            return await self.gateway.act(ctx, user_id, update, payload, at=now)
        finally:
            await self.settle(ctx, user_id)

    async def refusal(self, ctx: MissionContext, user_id: str, update: str, payload: Any) -> str:
        """Runs an action that must be refused and returns the refusal's code.

        A journey that has finished refuses with `journey_finished`, either from its validator or,
        once its workflow has closed, because update-with-start may not start it again. The real
        server reports the latter as `WorkflowAlreadyStartedError` (the gateway's Conflict); the
        time-skipping test server omits the error details the SDK needs for that and the call
        fails with a bare `RPCError(ALREADY_EXISTS)`, which counts as the same refusal here.
        """
        try:
            result = await self.act(ctx, user_id, update, payload)
        except (Conflict, Invalid) as exc:  # a state the journey refuses (409), or its input (422)
            return exc.code
        except RPCError as exc:
            if exc.status is RPCStatusCode.ALREADY_EXISTS and not await self.is_running(ctx, user_id):
                return "journey_finished"
            raise
        raise AssertionError(f"{update} was not refused: {result}")

    async def revise(self, ctx: MissionContext, user_id: str, new: MissionContext) -> None:
        """Signals a revision (or the archive) to the journey, then settles."""
        await self.handle(ctx, user_id).signal("revise", Revise(mission=new))
        await self.settle(ctx, user_id)

    async def settle(self, ctx: MissionContext, user_id: str) -> None:
        """Waits until the journey's latest run has processed everything sent to it so far.

        Settled means: no run exists, or the run is closed, or everything after its last completed
        workflow task is a command of that task (no signal, update, activity result or fired timer
        waiting), no activity is in flight, and no timer is due at the server's time.
        """
        handle = self.handle(ctx, user_id)
        loop = asyncio.get_running_loop()
        give_up = loop.time() + SETTLE_SECONDS
        while not await self._idle(handle):
            if loop.time() > give_up:
                history = await handle.fetch_history()
                kinds = [EventType.Name(e.event_type) for e in history.events]
                raise AssertionError(f"journey {handle.id} did not settle; history ends {kinds[-12:]}")
            await asyncio.sleep(0.02)

    async def _idle(self, handle: WorkflowHandle[Any, Any]) -> bool:
        try:
            events = list((await handle.fetch_history()).events)
        except RPCError as exc:
            if exc.status is RPCStatusCode.NOT_FOUND:
                return True
            raise
        if not events:
            return False
        # A task that tried to close the run while a new message arrived is refused by the server
        # (UNHANDLED_COMMAND) and simply runs again with the message: that is no failure.
        failed = [
            e.workflow_task_failed_event_attributes
            for e in events
            if e.event_type == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED
            and e.workflow_task_failed_event_attributes.cause != UNHANDLED_COMMAND
        ]
        if failed:
            failure = failed[-1].failure
            raise AssertionError(
                f"a workflow task of {handle.id} failed ({failed[-1].cause}): {failure.message}\n{failure.stack_trace}"
            )
        if events[-1].event_type in _CLOSED:
            return True
        done = [i for i, e in enumerate(events) if e.event_type == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED]
        if not done or any(e.event_type not in _COMMANDS for e in events[done[-1] :]):
            return False
        now = await self.now()
        ended = {
            e.timer_fired_event_attributes.timer_id for e in events if e.event_type == EventType.EVENT_TYPE_TIMER_FIRED
        } | {
            e.timer_canceled_event_attributes.timer_id
            for e in events
            if e.event_type == EventType.EVENT_TYPE_TIMER_CANCELED
        }
        for e in events:
            if e.event_type == EventType.EVENT_TYPE_TIMER_STARTED:
                attrs = e.timer_started_event_attributes
                due = e.event_time.ToDatetime(tzinfo=now.tzinfo) + attrs.start_to_fire_timeout.ToTimedelta()
                if attrs.timer_id not in ended and due <= now:
                    return False
        return True

    async def observe(self, ctx: MissionContext, user_id: str, *, view_ctx: MissionContext | None = None) -> Seen:
        """Settles the journey, then reads what the user sees now and what the workflow holds.

        `view_ctx` projects with another revision of the mission (e.g. the archived one).
        """
        await self.settle(ctx, user_id)
        now = await self.now()
        async with self.engine.connect() as conn:
            journey = (await enrolments.for_user(conn, user_id, [ctx.mission_id])).get(ctx.mission_id)
            wallet = await ledger.wallet(conn, user_id)
        try:
            held = await self.handle(ctx, user_id).query("journey", result_type=ActionResult)
        except RPCError as exc:
            if exc.status is not RPCStatusCode.NOT_FOUND:
                raise
            held = None
        return Seen(
            journey=journey,
            view=project(view_ctx or ctx, journey, now),
            held=held,
            points=wallet.points,
            now=now,
        )

    async def is_running(self, ctx: MissionContext, user_id: str) -> bool:
        """Whether the journey's latest run is still open."""
        from temporalio.client import WorkflowExecutionStatus

        description = await self.handle(ctx, user_id).describe()
        return description.status is WorkflowExecutionStatus.RUNNING

    async def wallet(self, user_id: str) -> Wallet:
        """The user's wallet (balance summed from the ledger, items, latest entries)."""
        async with self.engine.connect() as conn:
            return await ledger.wallet(conn, user_id)

    async def ledger_entries(self, user_id: str, mission_id: str) -> int:
        """How many ledger rows this mission granted to the user."""
        async with self.engine.connect() as conn:
            wallet = await ledger.wallet(conn, user_id)
        return sum(1 for entry in wallet.ledger if entry.mission_id == mission_id)


def held_status(seen: Seen) -> EnrolmentStatus | None:
    """The status the workflow reports for itself."""
    return seen.held.status if seen.held else None


@asynccontextmanager
async def _running_harness(
    env: WorkflowEnvironment,
    database_url: str,
    db_engine: AsyncEngine,
    activities: type[JourneyActivities],
    **overrides: Any,
) -> AsyncIterator[Harness]:
    """A worker on its own task queue of the time-skipping server, and a harness driving it.

    Wired as in production: the activities' router unlocks dependants through a gateway with its
    own (lazy) client; the worker polls with the environment's client.
    """
    settings = make_settings(
        database_url, env.client.service_client.config.target_host, f"wf-tests-{uuid.uuid4().hex[:8]}", **overrides
    )
    engine = create_engine(settings, pool_size=5)
    gateway = JourneyGateway(LazyClient(settings), settings.task_queue)
    router = EventRouter(engine, gateway)
    http = httpx.AsyncClient()
    worker = build_worker(
        settings,
        env.client,
        activities(build_enrolment_services(engine, router, settings)),
        callbacks=CallbackActivities(engine, http, settings),
        social=SocialActivities(http, settings),
    )
    try:
        async with http, worker:
            yield Harness(env, db_engine, gateway)
    finally:
        await engine.dispose()


@pytest.fixture(scope="session")
async def harness(
    skipping_env: WorkflowEnvironment,
    database_url: str,
    db_engine: AsyncEngine,
    emulator_server: tuple[Emulator, str],
) -> AsyncIterator[Harness]:
    """One worker for the workflow tests, with Questline's activities (social platforms on the emulator)."""
    emulator, url = emulator_server
    async with _running_harness(
        skipping_env, database_url, db_engine, JourneyActivities, **emulator.settings(url)
    ) as h:
        yield h


class CrashAfterReward(JourneyActivities):
    """`complete_journey` whose first attempt fails after its transaction committed (a worker
    dying right after granting the reward), so the retry runs it all again."""

    @activity.defn(name="complete_journey")
    async def complete_journey(self, inp: Completed) -> bool:
        done = await super().complete_journey(inp)
        if activity.info().attempt == 1:
            raise RuntimeError("worker lost after the reward was committed")
        return done


@pytest.fixture(scope="session")
async def crashing_harness(
    skipping_env: WorkflowEnvironment, database_url: str, db_engine: AsyncEngine
) -> AsyncIterator[Harness]:
    """A worker whose completion activity crashes once after committing, every time."""
    async with _running_harness(skipping_env, database_url, db_engine, CrashAfterReward) as h:
        yield h
