"""Backfill: a mission activated with `count_events_since` counts what users did before it was live.

The activation records an `EventBackfill` job (a durable start, in the activation's transaction);
the job pages through the event log and delivers each logged event of the mission's type received
in the window [since, activation) to its user's journey, in the order received, through the
router's own delivery (`EventRouter.deliver`: the journey is started if need be, one journey's
events go in order). The router's checks come first, as for a live event: the user's eligibility
(segments, tiers) now, then the pure pre-filter (`domain.journey.event_can_change`: type, tags,
value range, a finished journey, the budget); the journey then applies its own rules.

Each backfilled event is delivered stamped at the moment the mission opened (max(activation, S)):
the journey judges it as an event arriving the instant it went live (before then it was not
open, so at its own time it would count for nothing), its order among the backfilled events kept.

Exactly once, whatever crashes:
- The windows are disjoint: an event received from the activation on is the router's (live);
  the router's pre-filter drops any event received before the activation (the mission was not
  open then), so no event reaches a journey both ways. A backfill reads the window's last stretch
  only `SETTLE` after the activation, when every ingestion that stamped an event before it has
  committed it to the log.
- The log holds each event id once (its primary key); the job pages by (`received_at`, id), a
  total order, and its cursor moves only when a page's activity has finished. A page retried
  after a crash resumes after the last chunk whose heartbeat reached Temporal (heartbeats are
  throttled), so at most one page (`PAGE` events) is delivered again, and each journey drops
  event ids it has already seen (it keeps the last 1,000, across continue-as-new): a journey
  would have to receive some 800 other events in between for a redelivered one to count again.
  A finished journey is never started again.
- One job per mission (`event_backfill_id`, started with `REJECT_DUPLICATE`): a relay and the
  API starting it both start one workflow; a mission is activated once (a second activation is 409).
- A completion pays through the ledger's idempotency key, as for any completion.

Refused (422 naming `count_events_since`): missions whose rules cannot take past events (an
opt-in: events before the opt-in never count; locked and featured missions: events before the
unlock or grant never count; manual and social goals, which no event progresses; a streak, whose
periods the past events would have to fill), a time that is not before the activation or older
than `MAX_LOOKBACK`, a mission whose `start_at` is later than the activation (events before S
never count) or whose `end_at` has passed. A `start_at` between `since` and the activation moves
the window's start to S. A recurring mission counts only the current cycle's window: its cycle
must be running at the activation (a calendar recurrence: daily, weekly, monthly), and `since`
must be at or after the calendar reset that began it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from db import backfill as log_window
from db import enrolments
from db import missions as missions_repo
from db.engine import Conn
from db.events import StoredEvent
from db.starts import PendingStart
from domain.errors import Invalid
from domain.journey import available_from, event_can_change, journey_now
from domain.missions import EventGoal, Mission, MissionStatus, MissionType
from domain.recurrence import Calendar, Schedule
from domain.users import is_eligible, needs_facts
from services.active_missions import context_of
from services.audience import Audience, audience_of
from services.routing import EventRouter, Routing
from services.starts import EVENT_BACKFILL, WorkflowStarts
from workflows.event_backfill import BackfillPage, EventBackfill, event_backfill_id

#: The body field that asks for a backfill (named in every refusal).
FIELD = "count_events_since"
#: The oldest `count_events_since` accepted, before the activation.
MAX_LOOKBACK = timedelta(days=366)
#: How long after the activation the job waits before reading the window's last stretch: an event
#: is stamped (`received_at`) just before its ingestion's short transaction logs it.
SETTLE = timedelta(seconds=2)
#: Events delivered between two heartbeats; a page retried after a crash resumes after the last chunk.
CHUNK = 50

#: Reports progress to whoever runs the page (an activity's heartbeat): the resume point's parts.
Heartbeat = Callable[..., None]


def _refuse(code: str, reason: str) -> Invalid:
    return Invalid(code, f"{FIELD}: {reason}", [{"field": FIELD, "reason": reason}])


def backfill_start(mission: Mission, since: datetime) -> datetime:
    """The window's start for a mission just activated (its `activated_at` set) asked to count the
    events since `since`: `since`, or S when later. Raises 422 naming `count_events_since` when the
    mission's rules cannot take past events, or the time is out of bounds."""
    spec = mission.spec
    activated = mission.activated_at
    assert activated is not None, "call after the activation"
    goal = spec.goal
    if not isinstance(goal, EventGoal):
        raise _refuse("backfill_not_supported", f"a {goal.kind} goal is not progressed by events; nothing to count")
    if goal.streak is not None:
        raise _refuse(
            "backfill_not_supported", "a streak counts periods from the activation on; past events cannot fill them"
        )
    if spec.opt_in:
        raise _refuse("backfill_not_supported", "an opt-in mission counts only events after each user's opt-in")
    if spec.type in (MissionType.LOCKED, MissionType.FEATURED):
        moment = "unlock" if spec.type is MissionType.LOCKED else "grant"
        raise _refuse(
            "backfill_not_supported", f"a {spec.type.value} mission counts only events after each user's {moment}"
        )
    if since.tzinfo is None:
        raise _refuse("invalid_time", "give a time zone")
    if since >= activated:
        raise _refuse("in_the_future", "must be before the activation (events from then on count live)")
    if since < activated - MAX_LOOKBACK:
        raise _refuse("too_old", f"at most {MAX_LOOKBACK.days} days before the activation")
    if spec.start_at is not None and spec.start_at > activated:
        raise _refuse("backfill_not_supported", "the mission starts later (start_at); events before it never count")
    if spec.end_at is not None and spec.end_at <= activated:
        raise _refuse("backfill_not_supported", "the mission has ended (end_at); no event counts any more")
    start = max(since, spec.start_at) if spec.start_at is not None else since
    if spec.type is MissionType.RECURRING:
        _check_cycle(mission, activated, start)
    return start


def _check_cycle(mission: Mission, activated: datetime, start: datetime) -> None:
    """A recurring mission counts only the cycle running at the activation, from its calendar reset on."""
    rec = mission.spec.recurrence
    assert rec is not None
    plan = Schedule.for_mission(mission.spec, activated)
    if rec.period() is not None or plan.cycle_of(activated) is None:
        raise _refuse(
            "backfill_not_supported",
            "the recurring mission's first cycle starts at or after the activation; earlier events are in no cycle",
        )
    calendar = Calendar.of(rec, mission.spec.timezone)
    reset = calendar.reset(calendar.latest(activated))
    if start < reset:
        raise _refuse(
            "before_cycle", f"a recurring mission counts only the current cycle: give {reset.isoformat()} or later"
        )


async def enqueue_event_backfill(conn: Conn, starts: WorkflowStarts, mission: Mission, since: datetime) -> PendingStart:
    """With an activation: records the durable job counting the logged events since `since` (422 when
    the mission cannot take them); call `starts.start_now` after the commit (the relay starts it otherwise)."""
    start = backfill_start(mission, since)
    assert mission.spec.event_type is not None and mission.activated_at is not None
    job = EventBackfill(
        mission_id=mission.id, event_type=mission.spec.event_type, since=start, until=mission.activated_at
    )
    return await starts.enqueue(conn, EVENT_BACKFILL, event_backfill_id(mission.id), job)


class EventBackfills:
    """Runs the pages of event backfills (`EventBackfillWorkflow`)."""

    def __init__(self, engine: AsyncEngine, router: EventRouter) -> None:
        self.engine = engine
        self.router = router

    async def run_page(self, job: EventBackfill, heartbeat: Heartbeat, resume: Sequence[Any] = ()) -> BackfillPage:
        """Delivers one page of the window, after the job's cursor (or, for a retried page, after
        `resume`: the last heartbeat's cursor and counts); returns where the next page starts."""
        cursor: tuple[datetime, str] | None = (
            (job.cursor_at, job.cursor_id) if job.cursor_at is not None and job.cursor_id is not None else None
        )
        granted = refused = 0
        if len(resume) >= 4:
            cursor = (datetime.fromisoformat(str(resume[0])), str(resume[1]))
            granted, refused = int(resume[2]), int(resume[3])
        wait = (job.until + SETTLE - datetime.now(UTC)).total_seconds()
        if wait > 0:
            await asyncio.sleep(wait)
        async with self.engine.connect() as conn:
            mission = await missions_repo.get(conn, job.mission_id)
            if mission.status is not MissionStatus.ACTIVE:
                # Archived meanwhile: its journeys are closed, nothing more can count.
                return BackfillPage(cursor_at=job.cursor_at, cursor_id=job.cursor_id, granted=0, refused=0, done=True)
            page = await log_window.window_page(
                conn, event_type=job.event_type, since=job.since, until=job.until, after=cursor, limit=job.page_size
            )
            routings = await self._plan(conn, mission, page)
        done = len(page) < job.page_size
        for start in range(0, len(page), CHUNK):
            chunk = page[start : start + CHUNK]
            ids = {e.id for e in chunk}
            todo = [r for r in routings if r.event.id in ids]
            if todo:
                delivered = set(await self.router.deliver([r.event for r in todo], todo))
                if len(delivered) < len(todo):
                    # Retried from the last heartbeat; journeys drop what they already have.
                    raise RuntimeError(f"{len(todo) - len(delivered)} backfilled events were not delivered")
            granted += len(todo)
            refused += len(chunk) - len(todo)
            last = chunk[-1]
            cursor = (last.received_at, last.id)
            heartbeat(last.received_at.isoformat(), last.id, granted, refused)
        return BackfillPage(
            cursor_at=cursor[0] if cursor else None,
            cursor_id=cursor[1] if cursor else None,
            granted=granted,
            refused=refused,
            done=done,
        )

    async def _plan(self, conn: Conn, mission: Mission, page: list[StoredEvent]) -> list[Routing]:
        """The page's events the router would send to this mission's journeys had they arrived the
        moment it opened: the same eligibility check and pre-filter, at that moment."""
        ctx = context_of(mission)
        opened = available_from(ctx)
        if opened is None or not page:
            return []
        known = await enrolments.for_pairs(conn, [(ctx.mission_id, e.user_id) for e in page])
        audiences: dict[str, Audience] = {}
        tiers = (await self.router.cache.get(conn)).tiers if needs_facts(ctx.spec) else []
        out = []
        for e in page:
            stamped = e.model_copy(update={"received_at": opened})
            journey = journey_now(ctx, known.get((ctx.mission_id, e.user_id)), opened, e.user_id)
            if needs_facts(ctx.spec):
                if e.user_id not in audiences:
                    audiences[e.user_id] = await audience_of(conn, e.user_id, tiers)
                who = audiences[e.user_id]
                if not is_eligible(ctx.spec, who.tier, who.segments):
                    continue  # §7: an ineligible user's events do not progress the mission
                if journey is not None and journey.ineligible_since is not None:
                    journey = journey.model_copy(update={"ineligible_since": None})
            if not event_can_change(ctx, journey, event_type=e.type, tags=e.tags, value=e.value, at=opened):
                continue
            out.append(Routing(ctx, stamped, "event"))
        return out
