"""The fault suite's verdict: every journey against a model computed from the distinct events sent.

The model is the product's own semantics: each event is applied with `domain.journey.apply_event`
to a fresh `Journey` per (mission, user), exactly as the enrolment workflow applies it. The read
model (`enrolments`), the workflows (queried, or their result once finished) and the ledger are
then compared with it journey by journey.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client, WorkflowExecutionStatus, WorkflowQueryFailedError
from temporalio.service import RPCError, RPCStatusCode

from bench.faults.workload import Event
from db.tables import enrolments, events, ledger
from domain.goals import event_matches, is_met
from domain.journey import EnrolmentStatus, EventOutcome, Journey, MissionContext, apply_event, reward_key, status_at
from domain.missions import EventGoal
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


def build_model(contexts: Iterable[MissionContext], sent: Sequence[Event], at: datetime) -> dict[Key, Expected]:
    """The expected journeys (those some event changes) after the distinct events `sent`."""
    by_type: dict[str, list[MissionContext]] = defaultdict(list)
    for ctx in contexts:
        if ctx.spec.event_type is not None:
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
    ).where(enrolments.c.mission_id.in_(list(mission_ids)))
    async with engine.connect() as conn:
        rows = (await conn.execute(stmt)).all()
    return {
        (r.mission_id, r.user_id): Row(r.status, int(r.version), int(r.completions), Decimal(r.progress or 0))
        for r in rows
    }


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


async def log_state(engine: AsyncEngine, ids: Sequence[str]) -> tuple[int, set[str]]:
    """(events not yet routed, which of `ids` are in the event log)."""
    async with engine.connect() as conn:
        unrouted = (await conn.execute(sa.select(sa.func.count()).where(events.c.routed_at.is_(None)))).scalar_one()
        logged = set((await conn.execute(sa.select(events.c.id).where(events.c.id.in_(list(ids))))).scalars())
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
        if row is not None and (wf.version, wf.completions, wf.progress) != (
            row.version,
            row.completions,
            row.progress,
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
        return "running", Row(result.status.value, j.version, j.completions, j.progress)
    if desc.status is WorkflowExecutionStatus.COMPLETED:
        j = await client.get_workflow_handle(workflow_id, run_id=desc.run_id, result_type=Journey).result()
        # A finished journey's status is its terminal one (the workflow returns only then).
        return "completed", Row(EnrolmentStatus.COMPLETED.value, j.version, j.completions, j.progress)
    status = desc.status.name if desc.status is not None else "unknown"
    return "failed", f"the run ended {status}"
