"""The fault suite's verdict: every journey against a model computed from the distinct events sent.

The model is the product's own semantics: each event is applied with `domain.journey.apply_event`
to a fresh `Journey` per (mission, user), exactly as the enrolment workflow applies it. The read
model (`enrolments`), the workflows (queried, or their result once finished) and the ledger are
then compared with it journey by journey.

A locked mission's journey depends on when its last prerequisite completed (§3: an unlock takes
effect at the moment of its cause), which under crashes depends on the order the prerequisite's
journey received its events. So `build_locked_model` takes that moment from what the
prerequisite's journey recorded (its `completed_at`, which must be the logged `received_at` of an
event it counts) and expects the locked journey to count exactly its events logged strictly after
it. Independently of the log's clocks, every event the sender started sending after the 202 of
the event that caused the unlock must be counted (`compare_unlocks`).
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client, WorkflowExecutionStatus, WorkflowQueryFailedError
from temporalio.service import RPCError, RPCStatusCode

from bench.faults.workload import Event
from db.tables import enrolments, events, ledger
from domain.goals import event_matches, is_met
from domain.journey import EnrolmentStatus, EventOutcome, Journey, MissionContext, apply_event, reward_key, status_at
from domain.missions import EventGoal, MissionType
from workflows.payloads import ActionResult, enrolment_id

Key = tuple[str, str]  # (mission id, user id)


@dataclass(frozen=True)
class Expected:
    """What one journey must look like once every event is applied."""

    ctx: MissionContext
    journey: Journey
    status: EnrolmentStatus
    #: The progress depends on the order the events were applied in (a one-off accumulated amount
    #: that completed keeps the sum that crossed the goal): it must meet the goal and be at most
    #: `max_progress`, the sum of every positive amount the user sent.
    loose: bool
    max_progress: Decimal

    @property
    def points(self) -> int:
        """Points the journey's completions earn."""
        reward = self.ctx.spec.reward
        return self.journey.completions * ((reward.points or 0) if reward else 0)

    def reward_keys(self) -> set[str]:
        """The ledger idempotency keys of its completions."""
        m, u = self.journey.mission_id, self.journey.user_id
        return {reward_key(m, u, k) for k in range(1, self.journey.completions + 1)}


def _accumulates(ctx: MissionContext) -> bool:
    goal = ctx.spec.goal
    return isinstance(goal, EventGoal) and goal.count is None and goal.amount_max is None


def _is_locked(ctx: MissionContext) -> bool:
    return ctx.spec.type is MissionType.LOCKED


def build_model(contexts: Iterable[MissionContext], sent: Sequence[Event], at: datetime) -> dict[Key, Expected]:
    """The expected journeys (those some event changes) after the distinct events `sent`.

    Locked missions are left out: their journeys depend on their unlocks (`build_locked_model`).
    """
    by_type: dict[str, list[MissionContext]] = defaultdict(list)
    for ctx in contexts:
        if ctx.spec.event_type is not None and not _is_locked(ctx):
            by_type[ctx.spec.event_type].append(ctx)

    def run(order: Iterable[Event]) -> dict[Key, Journey]:
        journeys: dict[Key, Journey] = {}
        for e in order:
            for ctx in by_type.get(e.type, []):
                key = (ctx.mission_id, e.user_id)
                journey = journeys.get(key) or Journey(
                    mission_id=ctx.mission_id, user_id=e.user_id, revision=ctx.revision
                )
                outcome = apply_event(ctx, journey, event_type=e.type, tags=list(e.tags), value=e.value, at=at)
                if outcome is not EventOutcome.IGNORED:
                    journeys[key] = journey
        return journeys

    forward, backward = run(sent), run(reversed(sent))
    positive: dict[Key, Decimal] = defaultdict(Decimal)
    for e in sent:
        for ctx in by_type.get(e.type, []):
            goal = ctx.spec.goal
            matches = isinstance(goal, EventGoal) and event_matches(goal, e.type, e.tags)
            if matches and e.value is not None and e.value > 0:
                positive[(ctx.mission_id, e.user_id)] += e.value
    contexts_by_id = {ctx.mission_id: ctx for group in by_type.values() for ctx in group}
    model = {}
    if forward.keys() != backward.keys():
        raise AssertionError("the missions' outcome depends on the event order: choose other shapes")
    for key, journey in forward.items():
        ctx = contexts_by_id[key[0]]
        other = backward[key]
        loose = _accumulates(ctx) and journey.completions > 0
        if other.completions != journey.completions or (not loose and other.progress != journey.progress):
            raise AssertionError(f"journey {key} depends on the event order: choose other mission shapes")
        model[key] = Expected(
            ctx=ctx,
            journey=journey,
            status=status_at(ctx, journey, at),
            loose=loose,
            max_progress=Decimal(positive[key]),
        )
    return model


@dataclass(frozen=True)
class Diff:
    """One way a journey differs from the model."""

    #: lost (an event or a reward missing), double count, double reward, or mismatch.
    kind: str
    key: Key
    what: str


@dataclass(frozen=True)
class Row:
    """A journey as some side holds it."""

    status: str
    version: int
    completions: int
    progress: Decimal
    completed_at: datetime | None = None
    unlocked_at: datetime | None = None


def compare_journey(side: str, key: Key, exp: Expected | None, got: Row | None) -> list[Diff]:
    """Differences between one side's journey and the model."""
    if exp is None and got is None:
        return []
    if got is None:
        assert exp is not None
        j = exp.journey
        return [Diff("lost", key, f"{side}: no journey; model: progress {j.progress}, completions {j.completions}")]
    if exp is None:
        return [Diff("double count", key, f"{side}: a journey no event should have started ({got})")]
    out = []
    want = exp.journey
    if got.completions != want.completions:
        kind = "double count" if got.completions > want.completions else "lost"
        out.append(Diff(kind, key, f"{side}: completions {got.completions}, model {want.completions}"))
    if exp.loose:
        if not is_met(exp.ctx.spec.goal, got.progress) or got.progress > exp.max_progress:
            out.append(Diff("mismatch", key, f"{side}: progress {got.progress} outside [goal, {exp.max_progress}]"))
    elif got.progress != want.progress:
        kind = "double count" if got.progress > want.progress else "lost"
        out.append(Diff(kind, key, f"{side}: progress {got.progress}, model {want.progress}"))
    if got.status != exp.status.value:
        out.append(Diff("mismatch", key, f"{side}: status {got.status}, model {exp.status.value}"))
    if _is_locked(exp.ctx) and not _at_cause(got.unlocked_at, want.unlocked_at):
        out.append(
            Diff(
                "mismatch",
                key,
                f"{side}: unlocked_at {_when(got.unlocked_at)}, model {_when(want.unlocked_at)} "
                "(the received_at of the event that completed its last prerequisite)",
            )
        )
    return out


#: The log's clock ticks in microseconds: "unlocked at its cause" is stored either as the cause
#: itself (an event counts when strictly after) or as the next tick (it counts from then on).
TICK = timedelta(microseconds=1)


def _at_cause(got: datetime | None, cause: datetime | None) -> bool:
    if got is None or cause is None:
        return got == cause
    return cause <= got <= cause + TICK


def _when(moment: datetime | None) -> str:
    return moment.isoformat(timespec="microseconds") if moment is not None else "none"


# --- locked missions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Logged:
    """A distinct event as the log holds it: its server time orders it against unlocks."""

    event: Event
    received_at: datetime


@dataclass(frozen=True)
class SendTimes:
    """When the sender started sending each event (its first attempt) and got its first 202
    (monotonic seconds; only compared with each other)."""

    first_sent: Mapping[str, float] = field(default_factory=dict)
    acked: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Unlocked:
    """One locked journey the model unlocks, and what its cause guarantees."""

    key: Key
    at: datetime
    #: The event that completed the last prerequisite (its `received_at` is `at`).
    cause: str
    #: The events it counts that the sender started sending after the cause's 202 (ids).
    sent_after_ack: tuple[str, ...]
    #: Those events alone applied to the unlocked journey: the least it may show.
    floor: Journey
    #: Whether its last prerequisite is itself locked (a third link of a chain).
    chained: bool


@dataclass
class LockedModel:
    """The locked missions' expected journeys, the unlocks behind them and what contradicts them."""

    model: dict[Key, Expected] = field(default_factory=dict)
    unlocks: list[Unlocked] = field(default_factory=list)
    diffs: list[Diff] = field(default_factory=list)


def _counts(ctx: MissionContext, e: Event) -> bool:
    goal = ctx.spec.goal
    return isinstance(goal, EventGoal) and event_matches(goal, e.type, e.tags)


def _replay(ctx: MissionContext, journey: Journey, events: Iterable[Logged]) -> datetime | None:
    """Applies `events` (in received order) at their server time; returns the first completion's."""
    first: datetime | None = None
    for item in sorted(events, key=lambda x: x.received_at):
        e = item.event
        outcome = apply_event(ctx, journey, event_type=e.type, tags=list(e.tags), value=e.value, at=item.received_at)
        if outcome is EventOutcome.COMPLETED and first is None:
            first = item.received_at
    return first


def build_locked_model(
    contexts: Sequence[MissionContext],
    logged: Iterable[Logged],
    rows: Mapping[Key, Row],
    model: Mapping[Key, Expected],
    at: datetime,
    times: SendTimes | None = None,
) -> LockedModel:
    """The expected journeys of the locked missions among `contexts` (in creation order, so a
    prerequisite comes first), from the logged events, the read model's rows and `model` (the
    other missions' expected journeys).

    A locked journey is unlocked at the latest of its prerequisites' completions, each the
    `completed_at` its journey recorded (checked: the received_at of one event it counts; when
    the row lacks it, the model's own completion in received order stands in, the row's own diff
    says why). It counts exactly its events logged strictly after that moment. Until every
    prerequisite has completed, its journey, if one exists, is locked with nothing counted.
    """
    out = LockedModel()
    by_id = {ctx.mission_id: ctx for ctx in contexts}
    by_user: dict[str, list[Logged]] = defaultdict(list)
    for item in logged:
        by_user[item.event.user_id].append(item)
    moments: dict[Key, tuple[datetime, str] | None] = {}

    def expected(key: Key) -> Expected | None:
        return out.model.get(key) or model.get(key)

    def counted(ctx: MissionContext, user: str) -> list[Logged]:
        """The user's events the journey may have counted (after its unlock, when locked)."""
        mine = [x for x in by_user.get(user, []) if _counts(ctx, x.event)]
        exp = expected((ctx.mission_id, user))
        since = exp.journey.unlocked_at if exp is not None and _is_locked(ctx) else None
        return [x for x in mine if since is None or x.received_at > since]

    def completion(ctx: MissionContext, user: str) -> tuple[datetime, str] | None:
        """(when, by which event) the prerequisite completed for the user; None if it did not."""
        key = (ctx.mission_id, user)
        if key in moments:
            return moments[key]
        exp = expected(key)
        found: tuple[datetime, str] | None = None
        if exp is not None and exp.journey.completions > 0:
            candidates = counted(ctx, user)
            row = rows.get(key)
            if row is not None and row.completions > 0 and row.completed_at is not None:
                cause = [x for x in candidates if x.received_at == row.completed_at]
                if cause:
                    found = (row.completed_at, cause[0].event.id)
                else:
                    out.diffs.append(
                        Diff(
                            "mismatch",
                            key,
                            f"read model: completed_at {_when(row.completed_at)} is the received_at of none of "
                            f"the {len(candidates)} events it counts",
                        )
                    )
            if found is None:
                # Stand-in: the completion in received order, as a journey without crashes has it.
                trial = Journey(mission_id=ctx.mission_id, user_id=user, revision=ctx.revision)
                if _is_locked(ctx):
                    trial.unlocked_at = exp.journey.unlocked_at
                    trial.prerequisites_done = list(exp.journey.prerequisites_done)
                first = _replay(ctx, trial, candidates)
                cause = [x for x in candidates if x.received_at == first]
                found = (first, cause[0].event.id) if first is not None and cause else None
        moments[key] = found
        return found

    users = sorted(by_user.keys() | {u for _, u in rows})
    for ctx in contexts:
        unlock = ctx.spec.unlock
        if not _is_locked(ctx) or unlock is None or not unlock.after_missions:
            continue
        prerequisites = [by_id[m] for m in unlock.after_missions if m in by_id]
        if len(prerequisites) != len(unlock.after_missions):
            raise AssertionError(f"{ctx.spec.name}: a prerequisite is not among the suite's missions")
        if any(p.spec.type is MissionType.RECURRING_ON_COMPLETION for p in prerequisites):
            raise AssertionError(f"{ctx.spec.name}: a repeatable prerequisite records only its latest completion")
        for user in users:
            key = (ctx.mission_id, user)
            done = {p.mission_id: completion(p, user) for p in prerequisites}
            finished = {m: c for m, c in done.items() if c is not None}
            journey = Journey(
                mission_id=ctx.mission_id, user_id=user, revision=ctx.revision, prerequisites_done=sorted(finished)
            )
            if len(finished) < len(prerequisites):
                # Still locked: its journey may exist (a prerequisite completed, or an event was
                # held for it) but counts nothing; none is expected where none exists.
                if key in rows:
                    out.model[key] = Expected(ctx, journey, status_at(ctx, journey, at), False, Decimal(0))
                continue
            last_mission, (unlocked_at, cause) = max(finished.items(), key=lambda item: item[1][0])
            journey.unlocked_at = unlocked_at
            mine = counted(ctx, user)
            _replay(ctx, journey, [x for x in mine if x.received_at > unlocked_at])
            positive = sum((x.event.value for x in mine if x.event.value is not None and x.event.value > 0), Decimal(0))
            out.model[key] = Expected(
                ctx,
                journey,
                status_at(ctx, journey, at),
                _accumulates(ctx) and journey.completions > 0,
                positive,
            )
            chained = _is_locked(by_id[last_mission])
            mine_all = by_user.get(user, [])
            out.unlocks.append(_guarantee(ctx, key, (unlocked_at, cause), chained, mine_all, times, out.diffs))
    return out


def _guarantee(
    ctx: MissionContext,
    key: Key,
    moment: tuple[datetime, str],
    chained: bool,
    mine: Sequence[Logged],
    times: SendTimes | None,
    diffs: list[Diff],
) -> Unlocked:
    """The events the sender started sending after the 202 of the unlock's cause, and the journey
    they alone make (an event sent after the caller learnt of the cause must count)."""
    unlocked_at, cause = moment
    after: list[Logged] = []
    if times is not None and cause in times.acked:
        ack = times.acked[cause]
        after = [x for x in mine if _counts(ctx, x.event) and times.first_sent.get(x.event.id, -1.0) > ack]
    early = [x.event.id for x in after if x.received_at <= unlocked_at]
    if early:
        diffs.append(
            Diff(
                "mismatch",
                key,
                f"log: {early[:5]} were sent after the 202 of {cause} (the unlock's cause, received "
                f"{_when(unlocked_at)}), yet received at or before it",
            )
        )
    floor = Journey(mission_id=key[0], user_id=key[1], revision=ctx.revision, unlocked_at=unlocked_at)
    _replay(ctx, floor, after)
    return Unlocked(key, unlocked_at, cause, tuple(x.event.id for x in after), floor, chained)


def compare_unlocks(unlocks: Iterable[Unlocked], rows: Mapping[Key, Row], side: str = "read model") -> list[Diff]:
    """Every event sent after the 202 of its unlock's cause is counted: no journey shows less
    than those events alone make."""
    out = []
    for u in unlocks:
        got = rows.get(u.key)
        floor = u.floor
        if not u.sent_after_ack or (floor.completions == 0 and floor.progress == 0):
            continue
        if got is None or (got.completions, got.progress) < (floor.completions, floor.progress):
            shows = f"completions {got.completions}, progress {got.progress}" if got else "no journey"
            out.append(
                Diff(
                    "lost",
                    u.key,
                    f"{side}: {shows}; yet {len(u.sent_after_ack)} events it counts were sent after the 202 of "
                    f"{u.cause} (the unlock's cause), which alone make completions {floor.completions}, "
                    f"progress {floor.progress} (first: {list(u.sent_after_ack[:3])})",
                )
            )
    return out


# --- the read side ---------------------------------------------------------------------------


async def read_model(engine: AsyncEngine, mission_ids: Sequence[str]) -> dict[Key, Row]:
    """Every journey row of the suite's missions."""
    stmt = sa.select(
        enrolments.c.mission_id,
        enrolments.c.user_id,
        enrolments.c.status,
        enrolments.c.version,
        enrolments.c.completions,
        enrolments.c.state["progress"].astext.label("progress"),
        enrolments.c.state["completed_at"].astext.label("completed_at"),
        enrolments.c.state["unlocked_at"].astext.label("unlocked_at"),
    ).where(enrolments.c.mission_id.in_(list(mission_ids)))
    async with engine.connect() as conn:
        rows = (await conn.execute(stmt)).all()
    return {
        (r.mission_id, r.user_id): Row(
            r.status,
            int(r.version),
            int(r.completions),
            Decimal(r.progress or 0),
            _moment(r.completed_at),
            _moment(r.unlocked_at),
        )
        for r in rows
    }


def _moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


@dataclass(frozen=True)
class Grant:
    """One ledger row."""

    user_id: str
    mission_id: str | None
    key: str
    points: int


async def ledger_rows(engine: AsyncEngine) -> list[Grant]:
    """The whole ledger (the suite's database holds nothing else)."""
    stmt = sa.select(ledger.c.user_id, ledger.c.mission_id, ledger.c.idempotency_key, ledger.c.points)
    async with engine.connect() as conn:
        rows = (await conn.execute(stmt)).all()
    return [Grant(r.user_id, r.mission_id, r.idempotency_key, int(r.points)) for r in rows]


async def log_state(engine: AsyncEngine, ids: Sequence[str]) -> tuple[int, dict[str, datetime]]:
    """(events not yet routed, the `received_at` of those of `ids` that are in the event log)."""
    async with engine.connect() as conn:
        unrouted = (await conn.execute(sa.select(sa.func.count()).where(events.c.routed_at.is_(None)))).scalar_one()
        stmt = sa.select(events.c.id, events.c.received_at).where(events.c.id.in_(list(ids)))
        logged = {r.id: r.received_at for r in (await conn.execute(stmt)).all()}
    return int(unrouted), logged


def compare_read_side(model: dict[Key, Expected], rows: dict[Key, Row], grants: Sequence[Grant]) -> list[Diff]:
    """The read model and the ledger against the model, journey by journey."""
    out = []
    for key in sorted(model.keys() | rows.keys()):
        out += compare_journey("read model", key, model.get(key), rows.get(key))
    counts = Counter(g.key for g in grants)
    for k, n in sorted(counts.items()):
        if n > 1:
            out.append(Diff("double reward", ("?", "?"), f"ledger: idempotency key {k} appears {n} times"))
    by_journey: dict[Key, list[Grant]] = defaultdict(list)
    for g in grants:
        by_journey[(g.mission_id or "", g.user_id)].append(g)
    for key in sorted(model.keys() | by_journey.keys()):
        exp = model.get(key)
        got = by_journey.get(key, [])
        keys = {g.key for g in got}
        want = exp.reward_keys() if exp is not None else set()
        points = sum(g.points for g in got)
        want_points = exp.points if exp is not None else 0
        if keys - want:
            out.append(Diff("double reward", key, f"ledger: unexpected grants {sorted(keys - want)}"))
        if want - keys:
            out.append(Diff("lost", key, f"ledger: missing grants {sorted(want - keys)}"))
        if points != want_points:
            kind = "double reward" if points > want_points else "lost"
            out.append(Diff(kind, key, f"ledger: {points} points, model {want_points}"))
    return out


# --- the workflows -----------------------------------------------------------------------------


@dataclass
class WorkflowStats:
    """What the workflow pass saw."""

    checked: int = 0
    running: int = 0
    completed: int = 0
    listed: int = 0
    #: Journeys that still had a pending workflow task or activity when first described.
    waited_for: int = 0


async def check_workflows(
    client: Client,
    task_queue: str,
    model: dict[Key, Expected],
    rows: dict[Key, Row],
    *,
    concurrency: int,
    deadline: float,
    say: Callable[[str], None],
) -> tuple[list[Diff], WorkflowStats]:
    """Every journey's workflow against the model and its read-model row; also no journey ran twice.

    A running journey must have no pending workflow task or activity (the system is quiet); one
    that has is described again until `deadline` (a monotonic time).
    """
    stats = WorkflowStats()
    out: list[Diff] = []
    keys = sorted(model.keys() | rows.keys())
    ids = {enrolment_id(m, u): (m, u) for m, u in keys}

    runs: dict[str, list[tuple[str, WorkflowExecutionStatus | None]]] = defaultdict(list)
    query = f"TaskQueue = '{task_queue}' AND WorkflowType = 'Enrolment'"
    async for wf in client.list_workflows(query):
        runs[wf.id].append((wf.run_id, wf.status))
    stats.listed = len(runs)
    for workflow_id, found in sorted(runs.items()):
        if workflow_id not in ids:
            out.append(Diff("double count", ("?", workflow_id), "a workflow for a journey nobody expects"))
        fresh = [run for run, status in found if status is not WorkflowExecutionStatus.CONTINUED_AS_NEW]
        if len(fresh) > 1:
            # Visibility may lag a continue-as-new: ask each run itself before calling it a restart.
            statuses = [(await client.get_workflow_handle(workflow_id, run_id=r).describe()).status for r in fresh]
            again = [s for s in statuses if s is not WorkflowExecutionStatus.CONTINUED_AS_NEW]
            if len(again) > 1:
                key = ids.get(workflow_id, ("?", workflow_id))
                out.append(Diff("double count", key, f"workflow: the journey started {len(again)} times from zero"))

    slots = asyncio.Semaphore(concurrency)
    started = time.monotonic()
    last_report = started

    async def one(key: Key) -> list[Diff]:
        workflow_id = enrolment_id(*key)
        waited = False
        attempt = 0
        got: tuple[str, Row | str] | None = None
        while True:
            attempt += 1
            try:
                async with slots:
                    got = await _journey_of(client, workflow_id)
            except (RPCError, WorkflowQueryFailedError) as exc:
                if isinstance(exc, RPCError) and exc.status is RPCStatusCode.NOT_FOUND:
                    got = None
                elif attempt < 8 and time.monotonic() < deadline:
                    await asyncio.sleep(1)
                    continue
                else:
                    return [Diff("mismatch", key, f"workflow: cannot read it ({type(exc).__name__}: {exc})")]
            if got is not None and isinstance(got[1], str):
                if got[0] == "busy" and time.monotonic() < deadline:
                    waited = True
                    await asyncio.sleep(2)
                    continue
                return [Diff("mismatch", key, f"workflow: {got[1]}")]
            break
        stats.waited_for += waited
        wf = got[1] if got is not None and isinstance(got[1], Row) else None
        diffs = compare_journey("workflow", key, model.get(key), wf)
        if got is None or wf is None:
            return diffs
        stats.checked += 1
        if got[0] == "running":
            stats.running += 1
        else:
            stats.completed += 1
        row = rows.get(key)
        if row is not None and (wf.version, wf.completions, wf.progress, wf.completed_at, wf.unlocked_at) != (
            row.version,
            row.completions,
            row.progress,
            row.completed_at,
            row.unlocked_at,
        ):
            diffs.append(Diff("mismatch", key, f"read model {row} differs from workflow {wf}"))
        return diffs

    tasks = [asyncio.create_task(one(key)) for key in keys]
    pending = set(tasks)
    while pending:
        _, pending = await asyncio.wait(pending, timeout=10)
        if pending and time.monotonic() - last_report >= 10:
            last_report = time.monotonic()
            say(f"  workflows: {len(tasks) - len(pending)}/{len(tasks)} checked")
    for task in tasks:
        out += task.result()
    return out, stats


async def _journey_of(client: Client, workflow_id: str) -> tuple[str, Row | str]:
    """("running" | "completed", the journey) of the latest run, or ("busy" | "failed", why)."""
    handle = client.get_workflow_handle(workflow_id)
    desc = await handle.describe()
    raw = desc.raw_description
    if desc.status is WorkflowExecutionStatus.RUNNING:
        if raw.pending_activities or raw.HasField("pending_workflow_task"):
            task = "a pending workflow task" if raw.HasField("pending_workflow_task") else "no workflow task"
            return "busy", f"still {len(raw.pending_activities)} pending activities and {task}"
        result = await handle.query("journey", result_type=ActionResult)
        j = result.journey
        return "running", Row(result.status.value, j.version, j.completions, j.progress, j.completed_at, j.unlocked_at)
    if desc.status is WorkflowExecutionStatus.COMPLETED:
        j = await client.get_workflow_handle(workflow_id, run_id=desc.run_id, result_type=Journey).result()
        # A finished journey's status is its terminal one (the workflow returns only then).
        return "completed", Row(
            EnrolmentStatus.COMPLETED.value, j.version, j.completions, j.progress, j.completed_at, j.unlocked_at
        )
    status = desc.status.name if desc.status is not None else "unknown"
    return "failed", f"the run ended {status}"
