"""Backtest replay speed: `python bench/backtest.py [--events N] [--users U] [--e2e]`.

Starts an embedded PostgreSQL in a temporary directory, migrates it, seeds N events of one type
(default 1,000,000, over U users and 30 days) straight into the event log with COPY, then runs a
backtest of a draft over them:

1. **core** — `services.backtests.BacktestRunner.step` (the function the `backtest_step` activity
   calls: keyset pages of the log, the replay through `domain.journey`, the per-user journeys
   committed with the cursor) until the window is read, then `finish` (the spread, tiers and
   segments). Timed with the replay alone (`Replay.apply` over pages already fetched) apart.
2. **end to end** (`--e2e`) — the same backtest as a `Backtest` workflow on a Temporal dev server
   (the `temporal` CLI) with a worker in this process, from the start to the workflow's result.

Prints events/s and peak memory (Python's own allocations by tracemalloc around the core run, and
the process's maximum resident set size).
"""

from __future__ import annotations

import argparse
import asyncio
import io
import random
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from db import backtests as repo
from db import missions as missions_repo
from db.engine import create_engine
from db.migrate import upgrade
from devstack.postgres import embedded_postgres
from domain.missions import MissionSpec
from services.backtests import BacktestRunner, Figures, Replay, simulated_context
from workflows.backtest import BacktestJob

START = datetime(2026, 1, 1, tzinfo=UTC)
EVENT_TYPE = "purchase"


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--events", type=int, default=1_000_000, help="events in the log (default 1,000,000)")
    p.add_argument("--users", type=int, default=100_000, help="distinct users (default 100,000)")
    p.add_argument("--days", type=int, default=30, help="days the log spans (default 30)")
    p.add_argument("--count", type=int, default=8, help="the draft's goal: this many events (default 8)")
    p.add_argument("--step-events", type=int, default=None, help="events per step (default: the service's STEP_EVENTS)")
    p.add_argument("--e2e", action="store_true", help="also run it as a workflow on a Temporal dev server")
    p.add_argument(
        "--tracemalloc",
        action="store_true",
        help="trace Python allocations during the core run (their peak; slows the run about 4x)",
    )
    return p.parse_args(argv)


async def seed(url: str, n: int, users: int, days: int) -> None:
    """COPYs `n` events of `users` users, evenly over `days` days, in time order."""
    engine = create_engine(url)
    step = timedelta(days=days) / n
    rng = random.Random(16)
    chunk = 200_000
    try:
        async with engine.begin() as conn:
            raw = await conn.get_raw_connection()
            driver: Any = raw.driver_connection
            async with (
                driver.cursor() as cur,
                cur.copy("COPY events (id, user_id, type, value, received_at, routed_at) FROM STDIN") as cp,
            ):
                for base in range(0, n, chunk):
                    buf = io.StringIO()
                    for i in range(base, min(n, base + chunk)):
                        at = (START + step * i).isoformat()
                        # Spread over the window, skewed: a few users send many events, most a few.
                        u = int(users * rng.random() ** 2)
                        buf.write(f"e{i}\tu{u}\t{EVENT_TYPE}\t{1 + i % 50}\t{at}\t{at}\n")
                    await cp.write(buf.getvalue())
        async with engine.connect() as conn:
            await conn.execution_options(isolation_level="AUTOCOMMIT")
            raw = await conn.get_raw_connection()
            await raw.driver_connection.execute("VACUUM ANALYZE events")
    finally:
        await engine.dispose()


async def make_backtest(url: str, count: int, days: int) -> tuple[str, MissionSpec]:
    """A draft mission (count goal, points, a points budget cap) and a backtest row over the whole log."""
    spec = MissionSpec.model_validate(
        {
            "name": "bench draft",
            "type": "generally_available",
            "goal": {"kind": "event", "event_type": EVENT_TYPE, "count": count},
            "reward": {"points": 10},
            "budget_cap": {"points": 200_000},
        }
    )
    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            mission = await missions_repo.create(conn, spec)
            backtest_id = f"bt_{uuid.uuid4().hex}"
            await repo.create(
                conn,
                backtest_id=backtest_id,
                mission_id=mission.id,
                revision=mission.revision,
                spec=missions_repo.spec_json(spec),
                window_from=START,
                window_to=START + timedelta(days=days, seconds=1),
                segments=[],
                events_total=0,
            )
    finally:
        await engine.dispose()
    return backtest_id, spec


async def run_core(url: str, backtest_id: str, step_events: int | None) -> tuple[float, int, Figures, int]:
    """Steps until done, then finish: (seconds, events read, final figures, steps)."""
    engine = create_engine(url)
    runner = BacktestRunner(engine, step_events=step_events) if step_events else BacktestRunner(engine)
    job = BacktestJob(backtest_id=backtest_id)
    started = time.perf_counter()
    try:
        while not job.done:
            step = await runner.step(job)
            job = job.model_copy(update={"step": step.step, "events_read": step.events_read, "done": step.done})
        await runner.finish(job)
        elapsed = time.perf_counter() - started
        async with engine.connect() as conn:
            row = await repo.get(conn, backtest_id)
    finally:
        await engine.dispose()
    assert row is not None and row.status == "completed", row
    return elapsed, row.events_read, Figures.model_validate(row.figures), job.step


async def replay_only(url: str, spec: MissionSpec, mission_id: str, days: int, page: int) -> tuple[float, float, int]:
    """The replay alone: (seconds fetching, seconds replaying, events), pages fetched first."""
    engine = create_engine(url)
    ctx = simulated_context(mission_id, 1, spec, START)
    replay = Replay(ctx, Figures(), START)
    fetch = apply = 0.0
    n = 0
    try:
        async with engine.connect() as conn:
            cursor = None
            while True:
                t0 = time.perf_counter()
                rows = await repo.events_page(
                    conn,
                    event_type=EVENT_TYPE,
                    window_from=START,
                    window_to=START + timedelta(days=days, seconds=1),
                    segments=[],
                    after=cursor,
                    limit=page,
                )
                t1 = time.perf_counter()
                for r in rows:
                    if r[0] not in replay.users:
                        replay.fresh(r[0], eligible=True)
                replay.apply(rows)
                t2 = time.perf_counter()
                fetch, apply, n = fetch + (t1 - t0), apply + (t2 - t1), n + len(rows)
                if len(rows) < page:
                    break
                cursor = (rows[-1][3], rows[-1][4])
    finally:
        await engine.dispose()
    return fetch, apply, n


async def run_e2e(url: str, backtest_id: str) -> float:
    """The backtest as a workflow on a dev server with an in-process worker: seconds to its result."""
    from temporalio.contrib.pydantic import pydantic_data_converter
    from temporalio.testing import WorkflowEnvironment
    from temporalio.worker import Worker

    from activities.backtests import BacktestActivities
    from workflows.backtest import BacktestWorkflow, backtest_workflow_id

    temporal = shutil.which("temporal") or str(Path(sys.executable).parent / "temporal")
    env = await WorkflowEnvironment.start_local(
        dev_server_existing_path=temporal, data_converter=pydantic_data_converter, ui=False
    )
    engine = create_engine(url)
    try:
        acts = BacktestActivities(BacktestRunner(engine))
        async with Worker(
            env.client,
            task_queue="bench-backtest",
            workflows=[BacktestWorkflow],
            activities=[acts.backtest_step, acts.backtest_finish, acts.backtest_failed],
        ):
            started = time.perf_counter()
            await env.client.execute_workflow(
                "Backtest",
                BacktestJob(backtest_id=backtest_id),
                id=backtest_workflow_id(backtest_id),
                task_queue="bench-backtest",
            )
            return time.perf_counter() - started
    finally:
        await engine.dispose()
        await env.shutdown()


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def main_async(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="bench-backtest-") as tmp, embedded_postgres(Path(tmp) / "pg") as url:
        upgrade(url)
        t0 = time.perf_counter()
        await seed(url, args.events, args.users, args.days)
        print(
            f"seeded {args.events:,} events of {args.users:,} users over {args.days} days"
            f" in {time.perf_counter() - t0:.1f} s"
        )

        backtest_id, spec = await make_backtest(url, args.count, args.days)
        rss_before = _rss_mb()
        engine = create_engine(url)
        async with engine.connect() as conn:
            row = await repo.get(conn, backtest_id)
        await engine.dispose()
        assert row is not None
        # First, so that every run after it reads a warm page cache.
        fetch, apply, n = await replay_only(url, spec, row.mission_id, args.days, 5_000)
        print(
            f"replay alone: {n:,} events, fetch {fetch:.2f} s ({n / fetch:,.0f}/s), "
            f"Replay.apply {apply:.2f} s ({n / apply:,.0f} events/s)"
        )
        if args.tracemalloc:
            tracemalloc.start()
        elapsed, read, figures, steps = await run_core(url, backtest_id, args.step_events)
        peak = tracemalloc.get_traced_memory()[1] if args.tracemalloc else 0
        tracemalloc.stop()
        print(
            f"core (BacktestRunner.step x {steps} + finish, committed to PostgreSQL): {read:,} events in "
            f"{elapsed:.2f} s = {read / elapsed:,.0f} events/s"
        )
        print(
            f"  users {figures.users:,}, completed {figures.users_completed:,}, points {figures.points:,}, "
            f"cap reached at {figures.budget_cap_reached_at}, not completed {figures.not_completed:,}"
        )
        traced = f"{peak / 2**20:.1f} MiB Python allocations (tracemalloc), " if args.tracemalloc else ""
        print(f"  peak memory: {traced}max RSS {_rss_mb():.0f} MiB (before the runs {rss_before:.0f} MiB)")
        if args.e2e:
            backtest_id2, _ = await make_backtest(url, args.count, args.days)
            e2e = await run_e2e(url, backtest_id2)
            print(
                f"end to end (Backtest workflow on a dev server, worker in this process): {read:,} events"
                f" in {e2e:.2f} s = {read / e2e:,.0f} events/s"
            )
        print(f"events/s: {read / elapsed:,.0f}")
        traced = f"{peak / 2**20:.1f} (tracemalloc), " if args.tracemalloc else ""
        print(f"peak memory MiB: {traced}{_rss_mb():.0f} (max RSS; {_rss_mb() - rss_before:.0f} more than before)")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    return asyncio.run(main_async(parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())
