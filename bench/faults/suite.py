"""The fault suite's run: stack up, missions, events under chaos, quiet, verdict, stack down."""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import secrets
import signal
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter

from bench.faults.check import (
    Diff,
    Expected,
    Grant,
    Key,
    LockedModel,
    Logged,
    SendTimes,
    WorkflowStats,
    build_locked_model,
    build_model,
    check_workflows,
    compare_read_side,
    compare_unlocks,
    ledger_rows,
    log_state,
    read_model,
)
from bench.faults.cluster import TARGETS, Cluster, SuiteError
from bench.faults.sender import Sender, SendStats
from bench.faults.workload import ALL_SHAPES, Event, make_events, mission_specs, plan_requests, resolve
from db import missions as mission_repo
from db.engine import create_engine
from domain.journey import MissionContext
from services.active_missions import context_of

#: Diff lines printed at most (all of them go to --json).
MAX_DIFF_LINES = 200


@dataclass(frozen=True)
class Options:
    """The suite's knobs (see `parse_args` for their meaning)."""

    events: int = 10_000
    users: int = 1_000
    #: Every shape once: the twenty open ones, then the locked ones they unlock.
    missions: int = len(ALL_SHAPES)
    concurrency: int = 8
    kills: int = 4
    pause: tuple[float, float] = (0.5, 3.0)
    batch_share: float = 0.5
    max_batch: int = 40
    resend_share: float = 0.05
    #: None: a fresh one per run (printed, so a run can be replayed with --seed).
    seed: int | None = None
    settle_timeout: float = 900.0
    stall_timeout: float = 180.0
    tmp: Path | None = None
    keep: bool = False
    json: Path | None = None


def parse_args(argv: Sequence[str] | None = None) -> Options:
    """Options from the command line (defaults: the full-size run of issue 8)."""
    d = Options()
    p = argparse.ArgumentParser(
        prog="python -m bench.faults",
        description="Events under SIGKILLs of the worker, the API and Temporal; then every journey, "
        "the read model and the ledger against a model of the events sent.",
    )
    p.add_argument("--events", type=int, default=d.events, help="distinct events (default %(default)s)")
    p.add_argument("--users", type=int, default=d.users, help="users they are spread over (default %(default)s)")
    p.add_argument("--missions", type=int, default=d.missions, help="missions (default %(default)s)")
    p.add_argument("--concurrency", type=int, default=d.concurrency, help="HTTP senders (default %(default)s)")
    p.add_argument("--kills", type=int, default=d.kills, help="SIGKILLs per process, at least (default %(default)s)")
    p.add_argument("--pause", type=float, nargs=2, default=d.pause, metavar=("MIN", "MAX"), help="seconds down")
    p.add_argument("--batch-share", type=float, default=d.batch_share, help="share of events sent in batches")
    p.add_argument("--max-batch", type=int, default=d.max_batch, help="largest batch (default %(default)s)")
    p.add_argument("--resend-share", type=float, default=d.resend_share, help="share of events sent again")
    p.add_argument("--seed", type=int, default=d.seed, help="seed of the events and the chaos (default: random)")
    p.add_argument("--settle-timeout", type=float, default=d.settle_timeout, help="longest wait for quiet, seconds")
    p.add_argument("--stall-timeout", type=float, default=d.stall_timeout, help="give up after no change this long")
    p.add_argument("--tmp", type=Path, default=None, help="parent of the temporary directory")
    p.add_argument("--keep", action="store_true", help="keep the temporary directory (logs, databases)")
    p.add_argument("--json", type=Path, default=None, help="also write the counts and diffs to this file")
    a = p.parse_args(argv)
    if min(a.events, a.users, a.missions, a.concurrency) < 1 or a.kills < 0:
        p.error("--events, --users, --missions and --concurrency must be at least 1, --kills at least 0")
    return Options(
        events=a.events,
        users=a.users,
        missions=a.missions,
        concurrency=a.concurrency,
        kills=a.kills,
        pause=(min(a.pause), max(a.pause)),
        batch_share=a.batch_share,
        max_batch=a.max_batch,
        resend_share=a.resend_share,
        seed=a.seed,
        settle_timeout=a.settle_timeout,
        stall_timeout=a.stall_timeout,
        tmp=a.tmp,
        keep=a.keep,
        json=a.json,
    )


@dataclass
class Report:
    """The outcome: counts, every difference from the model, and the pids that must be gone."""

    counts: dict[str, Any] = field(default_factory=dict)
    diffs: list[Diff] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    pids: list[int] = field(default_factory=list)
    ok: bool = False


def say(message: str = "") -> None:
    """One line of output, at once."""
    print(message, flush=True)


async def _guarded(main: asyncio.Future[Any], *guards: asyncio.Task[Any]) -> Any:
    """Awaits `main`; a guard task that fails first cancels it and raises its error instead."""
    while True:
        done, _ = await asyncio.wait([main, *guards], return_when=asyncio.FIRST_COMPLETED)
        if main in done:
            return main.result()
        for guard in done:
            error = guard.exception()
            if error is not None:
                main.cancel()
                raise error
        guards = tuple(g for g in guards if g not in done)


async def _create_missions(cluster: Cluster, count: int) -> list[str]:
    async with httpx.AsyncClient(
        base_url=cluster.api_url, headers={"Authorization": f"Bearer {cluster.admin_key}"}, timeout=30
    ) as admin:
        ids: list[str] = []
        for spec in mission_specs(count):
            r = await admin.post("/v1/missions", json=resolve(spec, ids))
            if r.status_code != 201:
                raise SuiteError(f"creating a mission answered {r.status_code}: {r.text[:500]}")
            mission_id: str = r.json()["id"]
            r = await admin.post(f"/v1/missions/{mission_id}/activate")
            if r.status_code != 200:
                raise SuiteError(f"activating a mission answered {r.status_code}: {r.text[:500]}")
            ids.append(mission_id)
    return ids


async def _contexts(engine: AsyncEngine, mission_ids: Sequence[str]) -> list[MissionContext]:
    async with engine.connect() as conn:
        return [context_of(await mission_repo.get(conn, m)) for m in mission_ids]


@dataclass
class _ReadSide:
    unrouted: int
    missing: set[str]
    rows: dict[Key, Any]
    grants: list[Grant]
    diffs: list[Diff]
    #: Every expected journey: the open missions' and the locked ones' (which follow the rows).
    model: dict[Key, Expected]
    locked: LockedModel


@dataclass(frozen=True)
class _Plan:
    """What the read side is judged against: the open missions' model, and what the locked
    missions' model is built from once the rows and the log's clocks are known."""

    model: dict[Key, Expected]
    contexts: list[MissionContext]
    events: Sequence[Event]
    times: SendTimes | None


async def _read_side(engine: AsyncEngine, plan: _Plan, missions: list[str]) -> _ReadSide:
    ids = [e.id for e in plan.events]
    unrouted, logged = await log_state(engine, ids)
    rows = await read_model(engine, missions)
    grants = await ledger_rows(engine)
    received = [Logged(e, logged[e.id]) for e in plan.events if e.id in logged]
    locked = build_locked_model(plan.contexts, received, rows, plan.model, datetime.now(UTC), plan.times)
    model = plan.model | locked.model
    diffs = compare_read_side(model, rows, grants) + _totals(model, grants) + locked.diffs
    diffs += compare_unlocks(locked.unlocks, rows)
    return _ReadSide(unrouted, set(ids) - logged.keys(), rows, grants, diffs, model, locked)


def _totals(model: dict[Key, Expected], grants: Sequence[Grant]) -> list[Diff]:
    """Points per user and per mission: the ledger's sums against the model's."""
    out = []
    for index, label in ((1, "user"), (0, "mission")):
        want: Counter[str] = Counter()
        for key, exp in model.items():
            want[key[index]] += exp.points
        got: Counter[str] = Counter()
        for g in grants:
            got[g.user_id if index == 1 else g.mission_id or "-"] += g.points
        for name in sorted(want.keys() | got.keys()):
            if want[name] != got[name]:
                key = ("*", name) if index == 1 else (name, "*")
                kind = "double reward" if got[name] > want[name] else "lost"
                out.append(Diff(kind, key, f"ledger: {got[name]} points for the {label}, model {want[name]}"))
    return out


async def _settle(engine: AsyncEngine, plan: _Plan, missions: list[str], opts: Options) -> tuple[_ReadSide, float]:
    """Polls until every event is routed and the read side equals the model, or nothing moves."""
    started = time.monotonic()
    changed = started
    reported = 0.0
    fingerprint: tuple[int, int, int] | None = None
    while True:
        side = await _read_side(engine, plan, missions)
        model = side.model
        want_grants = sum(e.journey.completions for e in model.values() if e.points)
        now = time.monotonic()
        mark = (side.unrouted, sum(r.version for r in side.rows.values()), len(side.grants))
        if mark != fingerprint:
            fingerprint, changed = mark, now
        if side.unrouted == 0 and not side.missing and not side.diffs:
            return side, now - started
        if now - reported >= 5:
            reported = now
            say(
                f"  settling {now - started:4.0f} s: {side.unrouted} events unrouted, {len(side.rows)}/{len(model)} "
                f"journeys in the read model, {len({d.key for d in side.diffs})} differ from the model, "
                f"{len(side.grants)}/{want_grants} ledger rows"
            )
        if now - changed > opts.stall_timeout or now - started > opts.settle_timeout:
            say(f"  settling: gave up after {now - started:.0f} s ({now - changed:.0f} s without change)")
            return side, now - started
        await asyncio.sleep(2)


def _label(key: Key, names: dict[str, str]) -> str:
    mission, user = key
    return f"{user} x {names.get(mission, mission)}"


def _summarise(
    opts: Options,
    cluster: Cluster,
    sent: SendStats,
    events: Sequence[Event],
    side: _ReadSide,
    wf: WorkflowStats,
    diffs: list[Diff],
    timings: dict[str, float],
    seed: int,
) -> Report:
    # Journeys (not lines) per kind of difference; the per-user and per-mission sums ("*") only
    # restate journeys' differences, so they are left out of these counts.
    kinds = Counter(kind for kind, key in {(d.kind, d.key) for d in diffs} if "*" not in key)
    model = side.model
    unlocks = side.locked.unlocks
    locked_done = [u for u in unlocks if model[u.key].journey.completions > 0]
    still_locked = len(side.locked.model) - len(unlocks)
    after_ack = sum(len(u.sent_after_ack) for u in unlocks)
    unlock_losses = {d.key for d in diffs if "the unlock's cause" in d.what}
    completions = sum(e.journey.completions for e in model.values())
    points = sum(e.points for e in model.values())
    ledger_points = sum(g.points for g in side.grants)
    services = cluster.services
    counts: dict[str, Any] = {
        "events": len(events),
        "users": opts.users,
        "missions": opts.missions,
        "seed": seed,
        "posts": sent.requests,
        "single_posts": sent.singles,
        "batch_posts": sent.batches,
        "entries_sent": sent.entries,
        "resent_same_id": sent.resends,
        "repeated_in_batch": sent.repeats,
        "retries": sum(sent.retries.values()),
        "retries_by_cause": dict(sent.retries),
        "retried_already_logged": sent.logged_before_retry,
        "kills": {name: services[name].kills for name in TARGETS},
        "unplanned_exits": {name: services[name].unplanned for name in TARGETS},
        "journeys_expected": len(model),
        "journeys_read_model": len(side.rows),
        "journeys_workflows_checked": wf.checked,
        "workflows_running": wf.running,
        "workflows_completed": wf.completed,
        "workflows_waited_for": wf.waited_for,
        "completions": completions,
        "points": points,
        "ledger_rows": len(side.grants),
        "ledger_points": ledger_points,
        "lost": kinds["lost"],
        "missing_from_log": len(side.missing),
        "double_counts": kinds["double count"],
        "double_rewards": kinds["double reward"],
        "other_mismatches": kinds["mismatch"],
        "differences": len(diffs),
        "dedupe_violations": len(sent.violations),
        "locked_unlocked": len(unlocks),
        "locked_completed": len(locked_done),
        "locked_third_links_completed": sum(u.chained for u in locked_done),
        "locked_still_locked": still_locked,
        "sent_after_cause_ack": after_ack,
        "journeys_missing_events_after_cause": len(unlock_losses),
        "seconds": {k: round(v, 1) for k, v in timings.items()},
    }
    retries = ", ".join(f"{cause} {n}" for cause, n in sent.retries.most_common()) or "none"
    kills = ", ".join(f"{n} {services[n].kills}" for n in TARGETS)
    unplanned = ", ".join(f"{n} {services[n].unplanned}" for n in TARGETS)
    ok = not diffs and not side.missing and not sent.violations
    t = counts["seconds"]
    lines = [
        f"fault suite: {len(events)} events, {opts.users} users, {opts.missions} missions, seed {seed}",
        f"  sent: {len(events)} distinct events in {sent.requests} POSTs "
        f"({sent.singles} single, {sent.batches} batch), "
        f"{sent.entries} event entries; {sent.resends} re-sent with the same id after their 202 and "
        f"{sent.repeats} repeated inside a batch (all answered duplicate: {'yes' if not sent.violations else 'NO'})",
        f"  retries: {counts['retries']} failed POSTs sent again until 202 ({retries}); "
        f"{sent.logged_before_retry} events were already logged by the failed attempt",
        f"  kills (SIGKILL): {kills}; exits on their own, restarted: {unplanned}",
        f"  journeys checked: {len(model)} expected, {len(side.rows)} in the read model, {wf.checked} workflows "
        f"({wf.running} running, {wf.completed} completed; {wf.waited_for} still busy when first described)",
        f"  completions: {completions}; points: {points} expected, {ledger_points} in {len(side.grants)} ledger rows",
        f"  locked missions: {len(unlocks)} journeys unlocked by a prerequisite's completion ({len(locked_done)} "
        f"completed, {counts['locked_third_links_completed']} of them third links of a chain), {still_locked} still "
        f"locked; {after_ack} events sent after the 202 of their unlock's cause, journeys missing one: "
        f"{len(unlock_losses)}",
        f"  journeys with lost events or rewards: {counts['lost']}, counting an event twice: "
        f"{counts['double_counts']}, paid twice: {counts['double_rewards']}, otherwise different: "
        f"{counts['other_mismatches']}; accepted events missing from the log: {len(side.missing)}; "
        f"dedupe violations: {counts['dedupe_violations']}",
        f"  time: stack {t.get('start', 0)} s, sending {t.get('send', 0)} s, settling {t.get('settle', 0)} s, "
        f"workflow check {t.get('workflows', 0)} s, total {t.get('total', 0)} s",
        f"result: {'PASS' if ok else 'FAIL'}",
    ]
    return Report(counts=counts, diffs=diffs, lines=lines, pids=list(cluster.pids), ok=ok)


async def run_suite(opts: Options) -> Report:
    """Runs the whole suite and returns its report (every process it started is stopped again)."""
    t0 = time.monotonic()
    timings: dict[str, float] = {}
    seed = opts.seed if opts.seed is not None else secrets.randbelow(1_000_000)
    rng = random.Random(seed)
    events = make_events(opts.events, opts.users, seed, rng)
    requests = plan_requests(
        events, rng, batch_share=opts.batch_share, max_batch=opts.max_batch, resend_share=opts.resend_share
    )
    say(
        f"fault suite: {len(events)} events in {len(requests)} requests, {opts.users} users, "
        f"{opts.missions} missions, seed {seed} (replay with --seed {seed})"
    )
    cluster = Cluster(parent=opts.tmp, keep=opts.keep, say=say)
    engine: AsyncEngine | None = None
    sender: Sender | None = None
    background: list[asyncio.Task[Any]] = []
    failed = True
    try:
        await cluster.start()
        timings["start"] = time.monotonic() - t0
        missions = await _create_missions(cluster, opts.missions)
        engine = create_engine(cluster.database_url, pool_size=4)
        contexts = await _contexts(engine, missions)
        names = {ctx.mission_id: ctx.spec.name for ctx in contexts}
        plan = _Plan(build_model(contexts, events, datetime.now(UTC)), contexts, events, None)

        sender = Sender(cluster.api_url, cluster.client_key, concurrency=opts.concurrency, rng=random.Random(seed))
        accepted = sender.stats.acknowledged
        supervisor = asyncio.create_task(cluster.supervise())
        chaos = asyncio.create_task(
            cluster.chaos(
                random.Random(seed + 1),
                kills=opts.kills,
                pause=opts.pause,
                progress=lambda: len(accepted) / len(events),
            )
        )
        background += [supervisor, chaos]
        say(f"sending under chaos ({opts.kills}+ SIGKILLs each of {', '.join(TARGETS)})")
        t = time.monotonic()
        sent = await _guarded(asyncio.ensure_future(sender.run(requests)), supervisor, chaos)
        timings["send"] = time.monotonic() - t
        plan = _Plan(plan.model, contexts, events, SendTimes(sent.first_sent, sent.acked_at))
        await _guarded(chaos, supervisor)
        await cluster.wait_ready(180, strict=False)

        say("waiting for quiet (every event routed, the read side equal to the model)")
        side, timings["settle"] = await _settle(engine, plan, missions, opts)

        say("checking every journey's workflow")
        t = time.monotonic()
        client = await Client.connect(cluster.temporal_address, data_converter=pydantic_data_converter)
        wf_diffs, wf = await check_workflows(
            client,
            cluster.task_queue,
            side.model,
            side.rows,
            concurrency=16,
            deadline=time.monotonic() + 300,
            say=say,
        )
        timings["workflows"] = time.monotonic() - t
        # And it stays that way: no late redelivery counts twice, no retried activity pays twice.
        await asyncio.sleep(3)
        side = await _read_side(engine, plan, missions)
        timings["total"] = time.monotonic() - t0
        diffs = side.diffs + wf_diffs
        report = _summarise(opts, cluster, sent, events, side, wf, diffs, timings, seed)
        failed = not report.ok
    finally:
        for task in background:
            task.cancel()
        await asyncio.gather(*background, return_exceptions=True)
        if sender is not None:
            await sender.close()
        if engine is not None:
            await engine.dispose()
        cluster.close(failed=failed)
    _print(report, names, sent)
    if opts.json is not None:
        opts.json.write_text(
            json.dumps(
                {
                    "counts": report.counts,
                    "ok": report.ok,
                    "lines": report.lines,
                    "diffs": [{"kind": d.kind, "mission": d.key[0], "user": d.key[1], "what": d.what} for d in diffs],
                    "dedupe_violations": sent.violations,
                    "missing_from_log": sorted(side.missing),
                },
                indent=2,
            )
        )
    return report


def _print(report: Report, names: dict[str, str], sent: SendStats) -> None:
    if report.diffs:
        by_key: dict[Key, list[Diff]] = defaultdict(list)
        for d in report.diffs:
            by_key[d.key].append(d)
        say(f"differences from the model ({len(by_key)} journeys):")
        for n, (key, found) in enumerate(sorted(by_key.items())):
            if n >= MAX_DIFF_LINES:
                say(f"  ... and {len(by_key) - n} more (all in --json)")
                break
            say(f"  {_label(key, names)}: " + "; ".join(f"[{d.kind}] {d.what}" for d in found))
    for violation in sent.violations[:MAX_DIFF_LINES]:
        say(f"  dedupe: {violation}")
    for line in report.lines:
        say(line)


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m bench.faults`: 0 when every journey matches the model, 1 when not, 130 when interrupted."""
    opts = parse_args(argv)

    async def guarded() -> Report:
        task = asyncio.current_task()
        assert task is not None
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGHUP):
            loop.add_signal_handler(sig, task.cancel)
        return await run_suite(opts)

    try:
        report = asyncio.run(guarded())
    except (KeyboardInterrupt, asyncio.CancelledError):
        say("fault suite: interrupted; everything it started is stopped")
        return 130
    except SuiteError as exc:
        say(f"fault suite: error: {exc}")
        return 2
    return 0 if report.ok else 1
