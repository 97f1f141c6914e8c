"""Backtests: what a mission (a draft, or any revision) would have done over a window of the log.

`POST /v1/missions/{id}/backtest` records a job and starts `BacktestWorkflow` durably; each of its
steps (`BacktestRunner.step`) reads pages of the event log of the mission's event type and replays
them through `domain.journey` — the same `apply_event` the journeys run — as if the mission had
been active from `from`: one journey per user met, kept in PostgreSQL between steps, so memory and
storage grow with users, not events. The last step (`finish`) adds what needs every user met: the
progress spread of those who did not complete, and completions by tier and segment.

What the log cannot tell is assumed, and said so in the result (`assumptions`):
- opt-in missions: every user opts in at their first event that would count;
- locked and featured missions: unlocked (granted) for every user at `from`;
- eligibility (the mission's segments and tiers, and the `segments` filter): users' current tiers
  and memberships (no history of them is kept).
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from db import backtests as repo
from db import missions as missions_repo
from db import users as users_repo
from db.engine import Conn
from domain.errors import DomainError, Invalid, NotFound
from domain.goals import changes_progress, event_matches, target_of
from domain.journey import (
    EventOutcome,
    Journey,
    MissionContext,
    apply_event,
    budget_closed,
    can_opt_in,
    completions_exhausted,
    journey_now,
    schedule_of,
)
from domain.missions import EventGoal, MissionSpec, MissionStatus, MissionType
from domain.transitions import eligibility_changed, opted_in
from domain.users import Tier, effective_tier, is_eligible
from services.gateway import JourneyGateway
from services.segments import require_segment
from services.starts import BACKTEST
from workflows.backtest import BacktestJob, BacktestStep, backtest_workflow_id

#: The durable start's kind (`services.starts`).
KIND = BACKTEST

#: Events read per page.
PAGE = 5_000
#: A step commits after this many events, or after `STEP_SECONDS`, or once it holds `STEP_USERS`
#: users' journeys in memory, whichever comes first (each step rereads the journeys it needs).
STEP_EVENTS = 2_000_000
STEP_SECONDS = 30.0
STEP_USERS = 250_000
#: While a step runs, how often it records how far it has read (progress only).
SEEN_EVERY = 1.0
#: The progress spread of users who did not complete: this many equal slices of the goal.
SPREAD_BUCKETS = 4
#: Completers read per page by the summary.
SUMMARY_PAGE = 5_000

ASSUMPTIONS = {
    "opt_in": "every user opts in at their first event that would count",
    "unlock": "the mission is unlocked (granted) for every user at `from`",
    "eligibility": "users' tiers and segment memberships are today's, not those they had at the time",
}

#: Reports progress (events read so far in the step) to whoever runs it (an activity's heartbeat).
Heartbeat = Callable[[int], None]


# --- the API's shapes -----------------------------------------------------------------------------


class BacktestIn(BaseModel):
    """The body of `POST /v1/missions/{id}/backtest`."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    from_: AwareDatetime = Field(
        alias="from", description="Start of the window (inclusive): events received from then on."
    )
    to: AwareDatetime = Field(description="End of the window (exclusive).")
    segments: list[str] = Field(
        default_factory=list, max_length=100, description="Only users in one of these segments (absent: everyone)."
    )
    revision: int | None = Field(None, ge=1, description="The mission revision to replay (absent: the current one).")


class DayFigures(BaseModel):
    """Completions on one day (in the mission's time zone), and the users whose first completion it was."""

    day: str
    completions: int
    users: int


class Named(BaseModel):
    """A count per name (an item, a direct reward, a tier, a segment)."""

    name: str | None
    count: int


class Bucket(BaseModel):
    """Users whose best progress reached at least `from` and less than `to` of the goal."""

    from_: float = Field(alias="from")
    to: float
    users: int

    model_config = ConfigDict(populate_by_name=True)


class NotCompleted(BaseModel):
    """Users met who would not have completed, by the fraction of the goal they reached."""

    users: int
    spread: list[Bucket]


class BacktestResult(BaseModel):
    """What the mission would have done (running figures until `status` is completed)."""

    users: int = Field(
        description="Users with at least one event of the mission's type in the window (after the filter), eligible."
    )
    users_ineligible: int = Field(
        description="Users with events who are not in the mission's segments or tiers (their events never count)."
    )
    users_completed: int
    completions: int = Field(description="Every completion (a repeatable mission completes more than once per user).")
    completions_by_day: list[DayFigures]
    points: int = Field(description="Points it would have paid.")
    items: list[Named] = Field(description="Bonus-shop items it would have paid, by item.")
    direct: list[Named] = Field(description="Direct rewards it would have granted, by name.")
    budget_cap_reached_at: datetime | None = Field(
        description="The completion that reached the mission's budget_cap (None: never, or no cap)."
    )
    completions_by_tier: list[Named] | None = Field(
        description="Users who completed, by current tier (once completed)."
    )
    completions_by_segment: list[Named] | None = Field(
        description="Users who completed, by each segment they are in now (once completed)."
    )
    not_completed: NotCompleted | None = Field(description="Once completed: the progress spread of the others.")
    assumptions: list[str]


class BacktestProgress(BaseModel):
    """Events read of the (estimated) total."""

    events_read: int
    events_total: int
    fraction: float


class BacktestOut(BaseModel):
    """A backtest job: its parameters, status, progress and result."""

    id: str
    mission_id: str
    revision: int
    from_: datetime = Field(alias="from")
    to: datetime
    segments: list[str]
    status: str = Field(description="running, completed or failed")
    progress: BacktestProgress
    result: BacktestResult
    error: str | None = None
    created_at: datetime
    finished_at: datetime | None = None

    model_config = ConfigDict(populate_by_name=True)


# --- running figures ------------------------------------------------------------------------------


class Figures(BaseModel):
    """The running aggregates a step carries to the next (stored in the job's row)."""

    done: bool = False
    users: int = 0
    users_ineligible: int = 0
    users_completed: int = 0
    completions: int = 0
    #: day -> [completions, first completions]
    by_day: dict[str, list[int]] = Field(default_factory=dict)
    points: int = 0
    items: dict[str, int] = Field(default_factory=dict)
    direct: dict[str, int] = Field(default_factory=dict)
    #: What counts against the cap: points granted, completions recorded.
    cap_points: int = 0
    cap_completions: int = 0
    budget_cap_reached_at: datetime | None = None
    #: Set by `finish`.
    by_tier: dict[str, int] | None = None
    by_segment: dict[str, int] | None = None
    not_completed: int | None = None
    spread: list[int] | None = None


class UserState:
    """One user's replayed journey and what the job keeps beside it."""

    __slots__ = ("best", "completions", "dirty", "finished", "journey", "stored")

    def __init__(
        self, journey: Journey, completions: int, best: float, *, stored: bool, finished: bool = False
    ) -> None:
        self.journey = journey
        self.completions = completions
        self.best = best
        self.stored = stored
        self.dirty = not stored
        #: No further completion is possible, ever (`completions_exhausted`, not recurring): every
        #: later event would be ignored, so it is not replayed.
        self.finished = finished


def simulated_context(mission_id: str, revision: int, spec: MissionSpec, window_from: datetime) -> MissionContext:
    """The mission as if it had been active from `window_from` (its own start_at and end_at still apply)."""
    return MissionContext(
        mission_id=mission_id,
        revision=revision,
        spec=spec,
        status=MissionStatus.ACTIVE,
        activated_at=window_from,
    )


def assumptions_of(spec: MissionSpec, segments: list[str]) -> list[str]:
    """The assumptions the result rests on, for this mission."""
    out = []
    if spec.opt_in:
        out.append(ASSUMPTIONS["opt_in"])
    if spec.type in (MissionType.LOCKED, MissionType.FEATURED):
        out.append(ASSUMPTIONS["unlock"])
    if spec.segments or spec.tiers or segments:
        out.append(ASSUMPTIONS["eligibility"])
    return out


class Replay:
    """The replay core: applies pages of the event log to per-user journeys, counting the figures.

    Pure but for the caller's loading and saving of `users` (what a step reads and commits).
    """

    def __init__(self, ctx: MissionContext, figures: Figures, window_from: datetime) -> None:
        goal = ctx.spec.goal
        assert isinstance(goal, EventGoal)
        self.goal = goal
        self.figures = figures
        self.window_from = window_from
        if figures.budget_cap_reached_at is not None:
            ctx = ctx.model_copy(update={"budget_exhausted_at": figures.budget_cap_reached_at})
        self.ctx = ctx
        self.users: dict[str, UserState] = {}
        self.target = float(target_of(goal)[0]) or 1.0
        self.zone = ZoneInfo(ctx.spec.timezone)
        self.recurring = schedule_of(ctx) is not None
        self.opt_in = ctx.spec.opt_in
        reward = ctx.spec.reward
        self.reward_points = reward.points or 0 if reward else 0
        self.reward_item = reward.item if reward else None
        self.reward_direct = reward.direct if reward else None
        self.cap = ctx.spec.budget_cap

    def fresh(self, user_id: str, *, eligible: bool) -> UserState:
        """A user met for the first time: a new journey, opened as the assumptions say."""
        spec = self.ctx.spec
        journey = Journey(mission_id=self.ctx.mission_id, user_id=user_id, revision=self.ctx.revision)
        if spec.type is MissionType.LOCKED:
            journey.unlocked_at = self.window_from
        elif spec.type is MissionType.FEATURED:
            journey.granted_at = self.window_from
        if eligible:
            self.figures.users += 1
        else:
            eligibility_changed(journey, eligible=False, at=self.window_from)
            self.figures.users_ineligible += 1
        state = UserState(journey, 0, 0.0, stored=False)
        self.users[user_id] = state
        return state

    def restore(self, user_id: str, stored: repo.StoredUser) -> UserState:
        """A user a previous step met, as it left them."""
        journey = Journey.model_validate(stored.journey)
        finished = not self.recurring and completions_exhausted(self.ctx, journey)
        state = UserState(journey, stored.completions, stored.best_fraction, stored=True, finished=finished)
        self.users[user_id] = state
        return state

    def apply(self, rows: list[repo.EventRow]) -> None:
        """Replays one page (every user in it already in `users`), in the log's order."""
        event_type = self.goal.event_type
        users = self.users
        goal = self.goal
        for user_id, value, tags, at, _ in rows:
            state = users[user_id]
            if state.finished:
                continue
            journey = state.journey
            ctx = self.ctx
            if self.recurring:
                current = journey_now(ctx, journey, at, user_id)
                if current is None:
                    continue  # before the first cycle
                if current is not journey:
                    state.journey = journey = current
                    state.dirty = True
            if (
                self.opt_in
                and journey.opted_in_at is None
                and event_matches(goal, event_type, tags)
                and changes_progress(goal, value)
                and can_opt_in(ctx, journey, at)
                and not budget_closed(ctx, journey)
            ):
                opted_in(journey, at)
                state.dirty = True
            outcome = apply_event(ctx, journey, event_type=event_type, tags=tags, value=value, at=at)
            if outcome is EventOutcome.IGNORED:
                continue
            state.dirty = True
            if outcome is EventOutcome.COMPLETED:
                state.best = 1.0
                self._completed(state, at)
                state.finished = not self.recurring and completions_exhausted(self.ctx, journey)
            else:
                fraction = float(journey.progress) / self.target
                if fraction > state.best:
                    state.best = min(fraction, 1.0)

    def _completed(self, state: UserState, at: datetime) -> None:
        f = self.figures
        first = state.completions == 0
        state.completions += 1
        f.completions += 1
        day = at.astimezone(self.zone).date().isoformat()
        counts = f.by_day.setdefault(day, [0, 0])
        counts[0] += 1
        if first:
            f.users_completed += 1
            counts[1] += 1
        f.points += self.reward_points
        if self.reward_item is not None:
            f.items[self.reward_item] = f.items.get(self.reward_item, 0) + 1
        if self.reward_direct is not None:
            f.direct[self.reward_direct] = f.direct.get(self.reward_direct, 0) + 1
        if self.cap is not None:
            f.cap_points += self.reward_points
            f.cap_completions += 1
            reached = self.cap.reached(spent=f.cap_points, completions=f.cap_completions)
            if reached and f.budget_cap_reached_at is None:
                f.budget_cap_reached_at = at
                # From now on users who have not started cannot start (§6).
                self.ctx = self.ctx.model_copy(update={"budget_exhausted_at": at})

    def dirty_rows(self, heartbeat: Heartbeat | None = None) -> Iterator[tuple[str, str, int, float]]:
        """The users this step changed, as `backtest_users` rows (the journey's JSON without its
        defaults), with a heartbeat every few thousand (writing them takes seconds)."""
        for n, (user_id, s) in enumerate(self.users.items()):
            if heartbeat is not None and n % 5_000 == 0:
                heartbeat(n)
            if s.dirty:
                yield user_id, s.journey.model_dump_json(exclude_defaults=True), s.completions, s.best


# --- the job's steps (the activities) -------------------------------------------------------------


@dataclass
class _Loaded:
    ctx: MissionContext
    needs_audience: bool
    tiers: list[Tier] = field(default_factory=list)


class BacktestRunner:
    """Runs backtest steps against the event log (the activities of `BacktestWorkflow`)."""

    def __init__(
        self, engine: AsyncEngine, *, page: int = PAGE, step_events: int = STEP_EVENTS, step_users: int = STEP_USERS
    ) -> None:
        self.engine = engine
        self.page = page
        self.step_events = step_events
        self.step_users = step_users

    async def _load(self, conn: Conn, row: repo.BacktestRow) -> _Loaded:
        # The spec as it was asked for: a draft edited meanwhile (or deleted) changes nothing here.
        spec = MissionSpec.model_validate(row.spec)
        if not isinstance(spec.goal, EventGoal):
            raise BacktestInvalid("only missions with an event goal can be backtested")
        ctx = simulated_context(row.mission_id, row.revision, spec, row.window_from)
        needs = bool(spec.segments or spec.tiers)
        return _Loaded(ctx, needs, await users_repo.list_tiers(conn) if needs else [])

    async def step(self, job: BacktestJob, heartbeat: Heartbeat | None = None) -> BacktestStep:
        """Replays the next pages of the job's window and commits them with the cursor (one
        transaction): a step retried after its commit changes nothing."""
        async with self.engine.begin() as conn:
            # No row lock while reading: `save_step` commits only if the step is still `job.step`
            # (a concurrent attempt of the same step then commits nothing).
            row = await repo.get(conn, job.backtest_id)
            if row is None:
                raise BacktestInvalid(f"backtest {job.backtest_id} does not exist")
            figures = Figures.model_validate(row.figures)
            if row.step != job.step or row.status != "running" or figures.done:
                return BacktestStep(step=row.step, events_read=row.events_read, done=figures.done)
            loaded = await self._load(conn, row)
            event_type = loaded.ctx.spec.event_type
            assert event_type is not None
            total = row.events_total
            if row.step == 0:
                total = await repo.count_events(conn, event_type, row.window_from, row.window_to, row.segments)
                async with self.engine.begin() as progress:
                    await repo.seen(progress, row.id, step=0, events_seen=0, events_total=total)
            replay = Replay(loaded.ctx, figures, row.window_from)
            cursor = (row.cursor_at, row.cursor_id) if row.cursor_at is not None and row.cursor_id is not None else None
            read, events_read = 0, row.events_read
            started = time.monotonic()
            goal = loaded.ctx.spec.goal
            assert isinstance(goal, EventGoal)
            # The log is read on a connection of its own, one page ahead: PostgreSQL reads the
            # next page while this one is replayed.
            async with self.engine.connect() as reader:

                def fetch(after: tuple[datetime, str] | None) -> asyncio.Future[list[repo.EventRow]]:
                    return asyncio.ensure_future(
                        repo.events_page(
                            reader,
                            event_type=event_type,
                            window_from=row.window_from,
                            window_to=row.window_to,
                            segments=row.segments,
                            after=after,
                            limit=self.page,
                            with_value=goal.count is None,
                            with_tags=bool(goal.tags),
                        )
                    )

                pending = fetch(cursor)
                last_seen = started
                while True:
                    page = await pending
                    full = len(page) == self.page
                    more = (
                        full
                        and read + len(page) < self.step_events
                        and time.monotonic() - started < STEP_SECONDS
                        and len(replay.users) < self.step_users
                    )
                    if more:
                        pending = fetch((page[-1][3], page[-1][4]))
                        await asyncio.sleep(0)  # the next query is on its way
                    if page:
                        await self._meet(conn, replay, loaded, row, page)
                        replay.apply(page)
                        cursor = (page[-1][3], page[-1][4])
                        read += len(page)
                        events_read += len(page)
                    if heartbeat is not None:
                        heartbeat(events_read)
                    if more and time.monotonic() - last_seen >= SEEN_EVERY:
                        last_seen = time.monotonic()
                        async with self.engine.begin() as progress:
                            await repo.seen(
                                progress, row.id, step=row.step, events_seen=events_read, events_total=total
                            )
                    if not full:
                        figures.done = True
                    if not more:
                        break
            new_users = sum(1 for s in replay.users.values() if not s.stored)
            await repo.set_total(conn, row.id, max(total, events_read))
            await repo.save_step(
                conn,
                row.id,
                step=row.step,
                users_rows=replay.dirty_rows(heartbeat),
                new_users=new_users,
                events_read=events_read,
                cursor=cursor,
                figures=replay.figures.model_dump(mode="json"),
                only_new=row.users_stored == 0,
            )
            return BacktestStep(step=row.step + 1, events_read=events_read, done=figures.done)

    async def _meet(
        self, conn: AsyncConnection, replay: Replay, loaded: _Loaded, row: repo.BacktestRow, page: list[repo.EventRow]
    ) -> None:
        """Puts every user of `page` in `replay.users`: restored from a previous step, or met now."""
        unknown = list(dict.fromkeys(r[0] for r in page if r[0] not in replay.users))
        if not unknown:
            return
        stored = await repo.load_users(conn, row.id, unknown) if row.users_stored else {}
        new = [u for u in unknown if u not in stored]
        for user_id, s in stored.items():
            replay.restore(user_id, s)
        audience = await repo.audiences(conn, new) if loaded.needs_audience else {}
        spec = loaded.ctx.spec
        for user_id in new:
            eligible = True
            if loaded.needs_audience:
                a = audience[user_id]
                eligible = is_eligible(spec, effective_tier(a.explicit_tier, a.points, loaded.tiers), a.segments)
            replay.fresh(user_id, eligible=eligible)

    async def finish(self, job: BacktestJob, heartbeat: Heartbeat | None = None) -> None:
        """Adds what needs every user met (the progress spread, completions by tier and segment),
        marks the job completed and drops its journeys."""
        async with self.engine.begin() as conn:
            row = await repo.get(conn, job.backtest_id, for_update=True)
            if row is None or row.status != "running":
                return
            figures = Figures.model_validate(row.figures)
            figures.not_completed, figures.spread = await repo.spread(conn, row.id, SPREAD_BUCKETS)
            tiers = await users_repo.list_tiers(conn)
            by_tier: dict[str, int] = {}
            by_segment: dict[str, int] = {}
            after = ""
            while True:
                ids = await repo.completers(conn, row.id, after=after, limit=SUMMARY_PAGE)
                for a in (await repo.audiences(conn, ids)).values():
                    tier = effective_tier(a.explicit_tier, a.points, tiers) or ""
                    by_tier[tier] = by_tier.get(tier, 0) + 1
                    for s in a.segments:
                        by_segment[s] = by_segment.get(s, 0) + 1
                if heartbeat is not None:
                    heartbeat(len(ids))
                if len(ids) < SUMMARY_PAGE:
                    break
                after = ids[-1]
            figures.by_tier, figures.by_segment = by_tier, by_segment
            await repo.finish(conn, row.id, status="completed", figures=figures.model_dump(mode="json"), error=None)
            await repo.drop_users(conn, row.id)

    async def fail(self, job: BacktestJob) -> None:
        """Marks the job failed with the reason the workflow gave."""
        async with self.engine.begin() as conn:
            await repo.finish(conn, job.backtest_id, status="failed", figures=None, error=job.failed or "failed")
            await repo.drop_users(conn, job.backtest_id)


class BacktestInvalid(DomainError):
    """The job cannot run (its mission or revision is gone, its goal is not an event goal): not retried."""

    def __init__(self, message: str) -> None:
        super().__init__("backtest_invalid", message)


# --- the API's side -------------------------------------------------------------------------------


@dataclass(frozen=True)
class BacktestStart:
    """A backtest recorded in the caller's transaction: start `job` as `workflow_id` after the commit."""

    out: BacktestOut
    workflow_id: str
    job: BacktestJob


class Backtests:
    """Starting backtests and reading them (the routes)."""

    def __init__(self, gateway: JourneyGateway) -> None:
        self.gateway = gateway

    async def create(self, conn: Conn, mission_id: str, body: BacktestIn) -> BacktestStart:
        """Records a backtest of the mission (any status) for the caller to start after its commit."""
        if body.from_ >= body.to:
            raise Invalid(
                "validation_error", "to: must be after from", [{"field": "to", "reason": "must be after from"}]
            )
        mission = await missions_repo.get(conn, mission_id)
        revision = body.revision or mission.revision
        spec = await missions_repo.get_revision(conn, mission_id, revision)
        if not isinstance(spec.goal, EventGoal):
            reason = "only a mission with an event goal can be replayed over the event log"
            raise Invalid("not_backtestable", reason, [{"field": "goal", "reason": reason}])
        for i, segment_id in enumerate(body.segments):
            await require_segment(conn, segment_id, field=f"segments[{i}]")
        backtest_id = f"bt_{uuid.uuid4().hex}"
        row = await repo.create(
            conn,
            backtest_id=backtest_id,
            mission_id=mission_id,
            revision=revision,
            spec=missions_repo.spec_json(spec),
            window_from=body.from_,
            window_to=body.to,
            segments=list(dict.fromkeys(body.segments)),
            events_total=0,
        )
        job = BacktestJob(backtest_id=backtest_id)
        return BacktestStart(out=out_of(row, spec), workflow_id=backtest_workflow_id(backtest_id), job=job)

    async def get(self, conn: Conn, backtest_id: str) -> BacktestOut:
        """A backtest's status, progress and (running or final) figures; 404 for an unknown id."""
        row = await repo.get(conn, backtest_id)
        if row is None:
            raise NotFound("backtest_not_found", f"no backtest {backtest_id!r}", {"backtest_id": backtest_id})
        out = out_of(row, MissionSpec.model_validate(row.spec))
        if row.status == "running" and await self.gateway.job_closed(backtest_workflow_id(backtest_id)):
            # The workflow ended without marking the row (terminated, timed out): it will not go on.
            out = out.model_copy(update={"status": "failed", "error": "the backtest's workflow stopped"})
        return out


def out_of(row: repo.BacktestRow, spec: MissionSpec | None) -> BacktestOut:
    """The API's view of a stored backtest."""
    f = Figures.model_validate(row.figures)
    read = max(row.events_read, row.events_seen) if row.status == "running" else row.events_read
    total = max(row.events_total, read)
    done = row.status == "completed"
    spread = None
    if done and f.spread is not None:
        n = len(f.spread)
        spread = NotCompleted(
            users=f.not_completed or 0,
            spread=[Bucket(from_=i / n, to=(i + 1) / n, users=c) for i, c in enumerate(f.spread)],
        )
    return BacktestOut(
        id=row.id,
        mission_id=row.mission_id,
        revision=row.revision,
        from_=row.window_from,
        to=row.window_to,
        segments=row.segments,
        status=row.status,
        progress=BacktestProgress(
            events_read=read,
            events_total=total,
            fraction=1.0 if done else (read / total if total else 0.0),
        ),
        result=BacktestResult(
            users=f.users,
            users_ineligible=f.users_ineligible,
            users_completed=f.users_completed,
            completions=f.completions,
            completions_by_day=[DayFigures(day=d, completions=c[0], users=c[1]) for d, c in sorted(f.by_day.items())],
            points=f.points,
            items=_named(f.items),
            direct=_named(f.direct),
            budget_cap_reached_at=f.budget_cap_reached_at,
            completions_by_tier=_named({k or "": v for k, v in f.by_tier.items()}, empty_is_none=True)
            if done and f.by_tier is not None
            else None,
            completions_by_segment=_named(f.by_segment) if done and f.by_segment is not None else None,
            not_completed=spread,
            assumptions=assumptions_of(spec, row.segments) if spec is not None else [],
        ),
        error=row.error,
        created_at=row.created_at,
        finished_at=row.finished_at,
    )


def _named(counts: dict[str, int], *, empty_is_none: bool = False) -> list[Named]:
    return [
        Named(name=(k or None) if empty_is_none else k, count=v)
        for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
