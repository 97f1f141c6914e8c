"""Scale-out benchmark: the same event load against 1, 2 and 4 worker processes on one Temporal server.

    .venv/bin/python bench/scale.py [--workers 1,2,4] [--repeat 1] [bench/ingest.py flags]
                                                  (or: make scale SCALE_ARGS='...')

It starts one stack exactly like `bench/ingest.py` (embedded PostgreSQL, a Temporal dev server on
a WAL SQLite file, the API as one uvicorn process, one `python worker.py`), then for each N in
`--workers`, ascending, starts `python worker.py` processes on the same task queue (same flags, same
settings, through the stack's launcher) until N of them poll it, and runs ingest's phase 1 on fresh
missions and event ids: E events over U users x M missions from C closed-loop senders, measured
from the first send to the last read-model write that makes sum(progress) equal the events sent.
Defaults differ from ingest's in one way: the load goes through `/v1/events/batch` (`--batch 50 --concurrency 4`), the
high-volume path, because a single `/v1/events` waits for its journeys and so measures the
senders' round trips more than the workers; pass `--batch 0 --concurrency 32` for that path.

Per N it prints ingest's phase-1 lines (rate, CPU per process: worker, worker2, ... show how the
work spread, and `other` how busy the box was), the peak of PostgreSQL connections in use, and at
the end a table of events/s and the ratio to the fewest workers. `--repeat R` sweeps the counts R
times, interleaved (extra workers are stopped between sweeps), and reports the median, so drift
in a shared box's load hits every count alike. Everything is stopped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
#: Flags given to ingest's parser before the caller's (a later flag wins).
DEFAULTS = ["--batch", "50", "--concurrency", "4", "--seconds", "0"]


def parse_args(argv: Sequence[str] | None = None) -> tuple[list[int], int, argparse.Namespace]:
    """(worker counts, sweeps, ingest's arguments)."""
    from bench import ingest

    p = argparse.ArgumentParser(
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Every other flag is bench/ingest.py's (see its --help); phases 2 and 3 are not run.",
    )
    p.add_argument("--workers", default="1,2,4", help="worker process counts, comma-separated (default 1,2,4)")
    p.add_argument(
        "--repeat", type=int, default=1, help="sweeps over the counts, interleaved; the median is reported (default 1)"
    )
    ours, rest = p.parse_known_args(argv)
    try:
        counts = sorted({int(n) for n in ours.workers.split(",") if n.strip()})
    except ValueError:
        p.error("--workers takes comma-separated integers, e.g. 1,2,4")
    if not counts or counts[0] < 1:
        p.error("--workers needs counts of at least 1")
    if ours.repeat < 1:
        p.error("--repeat must be at least 1")
    return counts, ours.repeat, ingest.parse_args([*DEFAULTS, *rest])


class Workers:
    """The worker processes beyond the stack's own, started and stopped between rounds by the stack's launcher."""

    def __init__(self, stack: Any) -> None:
        self.stack = stack
        #: The launcher's names of the extra workers (worker2, worker3, ...), the last started last.
        self.extra: list[str] = []
        self.started = 1  # the stack's own worker, for log file names

    @property
    def pids(self) -> list[int]:
        """The pids of the running workers, the stack's own first."""
        return [self.stack.pids["worker"], *(self.stack.pids[name] for name in self.extra)]

    def resize(self, n: int) -> None:
        """Starts or stops (gracefully) extra workers until `n` run.

        They get the stack worker's command and environment; the launcher's watchdog stops them
        too if this process dies, and its `close()` at the end."""
        launcher = self.stack.launcher
        while len(self.extra) + 1 > n:
            name = self.extra.pop()
            launcher.stop(name, grace=15.0)
            self.stack.pids.pop(name, None)
        while len(self.extra) + 1 < n:
            self.started += 1
            name = f"worker{len(self.extra) + 2}"
            log = self.stack.tmp / f"worker{self.started}.log"
            self.stack.pids[name] = launcher.start(name, self.stack.worker_command(), log=log).pid
            self.extra.append(name)


async def wait_for_pollers(stack: Any, pids: list[int], *, within: float = 120.0) -> None:
    """Until each of these worker processes polls the task queue for workflow and activity tasks.

    Pollers are told apart by their identity (`<pid>@<host>`); the server lists a stopped worker's
    for a while, so the check is for these pids rather than a count.
    """
    from temporalio.api.enums.v1 import TaskQueueType
    from temporalio.api.taskqueue.v1 import TaskQueue
    from temporalio.api.workflowservice.v1 import DescribeTaskQueueRequest
    from temporalio.client import Client

    from bench.ingest import BenchError
    from devstack.processes import tail

    client = await Client.connect(stack.temporal_address)
    kinds = (TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY)
    wanted = {str(pid) for pid in pids}
    deadline = time.monotonic() + within
    while True:
        missing: set[str] = set()
        for kind in kinds:
            answer = await client.workflow_service.describe_task_queue(
                DescribeTaskQueueRequest(
                    namespace=client.namespace, task_queue=TaskQueue(name=stack.task_queue), task_queue_type=kind
                )
            )
            missing |= wanted - {p.identity.split("@", 1)[0] for p in answer.pollers}
        if not missing:
            return
        if time.monotonic() > deadline:
            logs = "\n".join(f"--- {p.name}\n{tail(p)}" for p in sorted(stack.tmp.glob("worker*.log")))
            raise BenchError(f"workers {sorted(missing)} do not poll {stack.task_queue} after {within:.0f} s:\n{logs}")
        await asyncio.sleep(0.5)


class PeakConnections:
    """The most PostgreSQL connections open at once while it runs (sampled every 250 ms)."""

    def __init__(self, pg: Any) -> None:
        self.pg = pg
        self.peak = 0
        self._task: asyncio.Task[None] | None = None

    async def _sample(self) -> None:
        while True:
            cur = await self.pg.execute("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'")
            (now,) = await cur.fetchone()
            self.peak = max(self.peak, int(now))
            await asyncio.sleep(0.25)

    async def __aenter__(self) -> PeakConnections:
        self._task = asyncio.create_task(self._sample())
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._task is not None
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task


async def measure(stack: Any, args: argparse.Namespace, counts: list[int], repeat: int) -> None:
    import psycopg

    from bench.ingest import Bench, say

    class Round(Bench):
        """Ingest's phase 1, with event ids of its own (ids are deduplicated across rounds)."""

        def __init__(self, stack: Any, args: argparse.Namespace, tag: str) -> None:
            super().__init__(stack, args)
            self.tag = tag

        def bodies(self, pairs: Sequence[tuple[int, int]], prefix: str) -> list[dict[str, Any]]:
            return super().bodies(pairs, f"{self.tag}-{prefix}")

    workers = Workers(stack)
    pg = await psycopg.AsyncConnection.connect(stack.dsn, autocommit=True)
    # A second connection for the sampler: one psycopg connection runs one query at a time.
    sampler_pg = await psycopg.AsyncConnection.connect(stack.dsn, autocommit=True)
    rates: dict[int, list[float]] = {n: [] for n in counts}
    busy: dict[int, list[float]] = {n: [] for n in counts}
    peaks: dict[int, int] = dict.fromkeys(counts, 0)
    try:
        cur = await pg.execute("SHOW max_connections")
        row = await cur.fetchone()
        max_connections = row[0] if row else "?"
        say(f"postgres max_connections: {max_connections}; cores: {os.cpu_count()}")
        for sweep in range(repeat):
            for n in counts:
                workers.resize(n)
                await wait_for_pollers(stack, workers.pids)
                say()
                say(
                    f"=== {n} worker process{'es' if n > 1 else ''}"
                    + (f", sweep {sweep + 1}/{repeat}" if repeat > 1 else "")
                    + " ==="
                )
                bench = Round(stack, args, f"s{sweep}n{n}")
                async with PeakConnections(sampler_pg) as connections:
                    rates[n].append(await bench.ours(pg))
                phase = bench.results.phases["ours"]
                busy[n].append(phase["cpu_s"].get("other", 0.0) / phase["wall_s"])
                peaks[n] = max(peaks[n], connections.peak)
                say(f"  postgres connections in use at peak: {connections.peak}")
    finally:
        await pg.close()
        await sampler_pg.close()
    median = {n: statistics.median(r) for n, r in rates.items()}
    base = median[counts[0]]
    say()
    say(
        f"scale-out: {args.events} events, {args.users} users x {args.missions} missions, "
        f"{'batch of ' + str(args.batch) if args.batch else 'single events'}, {args.concurrency} senders, "
        f"{repeat} sweep{'s' if repeat > 1 else ''} (median)"
    )
    say(f"{'workers':>7}  {'events/s':>9}  {'vs ' + str(counts[0]):>6}  {'runs':<24}  {'other cpu':>9}  {'pg peak':>7}")
    for n in counts:
        runs = " ".join(f"{r:.1f}" for r in rates[n])
        other = f"{statistics.median(busy[n]) * 100:.0f}%"
        say(f"{n:>7}  {median[n]:>9.1f}  {median[n] / base:>5.2f}x  {runs:<24}  {other:>9}  {peaks[n]:>7}")
    say("ratios: " + ", ".join(f"{n} -> {median[n] / base:.2f}" for n in counts))


def main(argv: Sequence[str] | None = None) -> int:
    from bench.ingest import BenchError, _interrupt, _signals_ignored, note, start_stack

    counts, repeat, args = parse_args(argv)
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _interrupt)
    code = 1
    cleanup = contextlib.ExitStack()
    with cleanup:
        try:
            stack = start_stack(args, cleanup)
            asyncio.run(measure(stack, args, counts, repeat))
            code = 0
        except BenchError as exc:
            note(f"scale: error: {exc}")
        except KeyboardInterrupt as exc:
            note(f"scale: interrupted ({str(exc) or 'SIGINT'})")
            code = 130
        finally:
            note("stopping the stack")
            cleanup.enter_context(_signals_ignored())
    return code


if __name__ == "__main__":
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from bench.scale import main as _main

    exit_code = _main()
    sys.stdout.flush()
    sys.stderr.flush()
    # The SDK's native runtime can abort while the interpreter finalizes (sdk-python#300).
    os._exit(exit_code)
