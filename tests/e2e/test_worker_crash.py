"""A worker killed with SIGKILL while events stream in loses nothing and pays nothing twice.

The worker runs as a real process (`python worker.py`) against the session's Temporal dev server
and PostgreSQL; the API runs in-process. Mid-stream the worker is SIGKILLed and a new one
started. Afterwards every journey must equal a model computed from the events sent.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa
from temporalio.testing import WorkflowEnvironment

from db.tables import enrolments, ledger
from tests.api.helpers import create_mission, eventually, uid
from tests.conftest import ADMIN_KEY, CLIENT_KEY, TOKEN_SECRET, Stack

ROOT = Path(__file__).resolve().parents[2]
USERS = 12
EVENTS = 240
COUNT_GOAL = 5  # "once" mission: completes on the 5th event, 10 points
ROUND_GOAL = 2  # repeatable mission: a completion every 2 events, 1 point, at most 3 rounds
MAX_ROUNDS = 3

pytestmark = pytest.mark.e2e


def _start_worker(database_url: str, env: WorkflowEnvironment, task_queue: str) -> subprocess.Popen[bytes]:
    environ = {
        **os.environ,
        "QUESTLINE_ENV": "test",
        "QUESTLINE_ADMIN_KEY": ADMIN_KEY,
        "QUESTLINE_CLIENT_KEY": CLIENT_KEY,
        "QUESTLINE_TOKEN_SECRET": TOKEN_SECRET,
        "QUESTLINE_DATABASE_URL": database_url,
        "QUESTLINE_DB_POOL_SIZE": "5",  # within the shared test PostgreSQL's connections
        "QUESTLINE_TEMPORAL_ADDRESS": env.client.service_client.config.target_host,
        "QUESTLINE_TASK_QUEUE": task_queue,
        "QUESTLINE_LOG_LEVEL": "WARNING",
    }
    return subprocess.Popen([sys.executable, str(ROOT / "worker.py")], env=environ, start_new_session=True)


def _kill(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


async def test_sigkilled_worker_loses_no_event_and_pays_once(
    database_url: str, dev_env: WorkflowEnvironment, stack: Stack
) -> None:
    # The in-process stack's worker polls its own queue; this test's journeys go to a queue that
    # only the subprocess workers poll, through an API bound to it.
    import httpx

    from api.app import create_app

    settings = stack.settings.model_copy(update={"task_queue": f"crash-{uid('q')}"})
    app = create_app(settings)
    once_type, count_type, round_type = uid("once"), uid("count"), uid("round")
    workers = [_start_worker(database_url, dev_env, settings.task_queue)]
    try:
        async with app.router.lifespan_context(app):
            http = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://crash.test")
            async with http:
                api = Stack(http=http, settings=settings, env=dev_env, engine=stack.engine)
                once = await create_mission(
                    api,
                    {
                        "type": "generally_available",
                        "goal": {"kind": "event", "event_type": once_type, "count": COUNT_GOAL},
                        "reward": {"points": 10},
                    },
                )
                count = await create_mission(
                    api,
                    {
                        "type": "generally_available",
                        "goal": {"kind": "event", "event_type": count_type, "count": 100_000},
                    },
                )
                rounds = await create_mission(
                    api,
                    {
                        "type": "recurring_on_completion",
                        "max_completions": MAX_ROUNDS,
                        "goal": {"kind": "event", "event_type": round_type, "count": ROUND_GOAL},
                        "reward": {"points": 1},
                    },
                )
                users = [uid("crash") for _ in range(USERS)]
                rng = random.Random(7)
                plan = [(rng.choice(users), rng.choice([once_type, count_type, round_type])) for _ in range(EVENTS)]
                sent: Counter[tuple[str, str]] = Counter()
                slots = asyncio.Semaphore(8)

                async def post(i: int, user: str, event_type: str) -> None:
                    async with slots:
                        body = {"id": f"{user}-{i}", "user_id": user, "type": event_type}
                        r = await http.post("/v1/events", json=body, headers=api.headers("client"))
                        assert r.status_code == 202, r.text
                        if i % 7 == 0:  # a client retry: same id again, must change nothing
                            r = await http.post("/v1/events", json=body, headers=api.headers("client"))
                            assert r.json()["duplicate"] is True

                # Eight senders at a time; the worker dies a third of the way in and a new one
                # starts half way (single events wait up to a second for their journey meanwhile).
                thirds = [(0, EVENTS // 3), (EVENTS // 3, EVENTS // 2), (EVENTS // 2, EVENTS)]
                for phase, (start, stop) in enumerate(thirds):
                    if phase == 1:
                        _kill(workers[0])
                    if phase == 2:
                        workers.append(_start_worker(database_url, dev_env, settings.task_queue))
                    await asyncio.gather(*(post(i, *plan[i]) for i in range(start, stop)))
                    for user, event_type in plan[start:stop]:
                        sent[(user, event_type)] += 1

                expected_points = {
                    u: 10 * (sent[(u, once_type)] >= COUNT_GOAL) + min(MAX_ROUNDS, sent[(u, round_type)] // ROUND_GOAL)
                    for u in users
                }

                async def settled() -> bool:
                    async with stack.engine.connect() as conn:
                        rows = (
                            await conn.execute(
                                sa.select(enrolments.c.mission_id, enrolments.c.user_id, enrolments.c.state).where(
                                    enrolments.c.mission_id.in_([once, count, rounds])
                                )
                            )
                        ).all()
                        paid = dict(
                            (
                                await conn.execute(
                                    sa.select(ledger.c.user_id, sa.func.sum(ledger.c.points))
                                    .where(ledger.c.user_id.in_(users))
                                    .group_by(ledger.c.user_id)
                                )
                            ).all()
                        )
                    state = {(r.mission_id, r.user_id): r.state for r in rows}
                    for u in users:
                        c = state.get((count, u))
                        if sent[(u, count_type)] and (c is None or float(c["progress"]) != sent[(u, count_type)]):
                            return False
                        o = state.get((once, u))
                        done_once = sent[(u, once_type)] >= COUNT_GOAL
                        if done_once and (o is None or o["completions"] != 1):
                            return False
                        if (
                            not done_once
                            and sent[(u, once_type)]
                            and (o is None or float(o["progress"]) != sent[(u, once_type)])
                        ):
                            return False
                        r = state.get((rounds, u))
                        want_rounds = min(MAX_ROUNDS, sent[(u, round_type)] // ROUND_GOAL)
                        if want_rounds and (r is None or r["completions"] != want_rounds):
                            return False
                        if int(paid.get(u, 0)) != expected_points[u]:
                            return False
                    return True

                await eventually(settled, within=90)
                # And it stays that way: no late double payment from a retried activity.
                await asyncio.sleep(2)
                assert await settled()
    finally:
        for proc in workers:
            _kill(proc)
