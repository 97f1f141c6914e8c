"""A backfill (`count_events_since`) whose worker is SIGKILLed mid-way and restarted pays every user
exactly once (issue 16): the ledger holds one entry per user who met the goal, and the users who
did not are at exactly their number of events (an event delivered twice and counted twice would
complete them and pay them).

The worker runs as a real process (`python worker.py`, as in `test_worker_crash.py`) against the
session's Temporal dev server and PostgreSQL; the API runs in-process, bound to the worker's queue.
"""

from __future__ import annotations

import asyncio
import random
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from temporalio.testing import WorkflowEnvironment

from db.tables import enrolments, ledger
from tests.api.helpers import eventually, uid
from tests.conftest import Stack
from tests.e2e.test_worker_crash import _kill, _start_worker

USERS = 300
GOAL = 2  # events to complete; 10 points once
REWARD = 10

pytestmark = pytest.mark.e2e


async def test_sigkilled_worker_mid_backfill_pays_every_user_once(
    database_url: str, dev_env: WorkflowEnvironment, stack: Stack
) -> None:
    from api.app import create_app

    settings = stack.settings.model_copy(update={"task_queue": f"bf-crash-{uid('q')}"})
    app = create_app(settings)
    et = uid("bfcrash")
    users = [uid("bfc") for _ in range(USERS)]
    rng = random.Random(16)
    sent = {u: rng.choice([1, 2, 3]) for u in users}
    workers = [_start_worker(database_url, dev_env, settings.task_queue)]
    try:
        async with app.router.lifespan_context(app):
            http = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bf-crash.test")
            async with http:
                api = Stack(http=http, settings=settings, env=dev_env, engine=stack.engine)
                since = datetime.now(UTC)
                # Logged while no mission has this type: users' events interleaved, in batches.
                plan = [u for u in users for _ in range(sent[u])]
                rng.shuffle(plan)
                body = [{"id": f"{u}-{i}", "user_id": u, "type": et} for i, u in enumerate(plan)]
                for start in range(0, len(body), 500):
                    r = await http.post(
                        "/v1/events/batch", json={"events": body[start : start + 500]}, headers=api.headers("client")
                    )
                    assert r.status_code == 202, r.text
                r = await http.post(
                    "/v1/missions",
                    json={
                        "name": uid("m"),
                        "type": "generally_available",
                        "goal": {"kind": "event", "event_type": et, "count": GOAL},
                        "reward": {"points": REWARD},
                    },
                    headers=api.headers("admin"),
                )
                assert r.status_code == 201, r.text
                mission = r.json()["id"]
                r = await http.post(
                    f"/v1/missions/{mission}/activate",
                    json={"count_events_since": since.isoformat()},
                    headers=api.headers("admin"),
                )
                assert r.status_code == 200, r.text
                job_id = r.json()["backfill_job_id"]
                completers = {u for u in users if sent[u] >= GOAL}

                async def paid() -> dict[str, list[int]]:
                    async with stack.engine.connect() as conn:
                        rows = (
                            await conn.execute(
                                sa.select(ledger.c.user_id, ledger.c.points).where(ledger.c.mission_id == mission)
                            )
                        ).all()
                    out: dict[str, list[int]] = {}
                    for row in rows:
                        out.setdefault(row.user_id, []).append(int(row.points))
                    return out

                # SIGKILL the worker mid-way: some users paid, not all.
                async def some_paid() -> bool:
                    return len(await paid()) >= len(completers) // 5

                await eventually(some_paid, within=30)
                _kill(workers[0])
                at_kill = len(await paid())
                assert at_kill < len(completers), "the backfill finished before the kill: nothing was tested"
                await asyncio.sleep(1)
                workers.append(_start_worker(database_url, dev_env, settings.task_queue))

                async def finished() -> dict[str, Any] | None:
                    r = await http.get(f"/v1/grant-jobs/{job_id}", headers=api.headers("admin"))
                    if r.status_code != 200:
                        return None
                    job: dict[str, Any] = r.json()
                    return job if job["status"] == "completed" else None

                job = await eventually(finished, within=45)
                assert job["granted"] + job["refused"] == len(plan)

                async def settled() -> bool:
                    got = await paid()
                    return set(got) == completers

                await eventually(settled, within=20)
                await asyncio.sleep(1)  # and it stays so: no late payment from a retried page
                got = await paid()
                assert got == {u: [REWARD] for u in completers}
                async with stack.engine.connect() as conn:
                    rows = (
                        await conn.execute(
                            sa.select(enrolments.c.user_id, enrolments.c.state).where(
                                enrolments.c.mission_id == mission
                            )
                        )
                    ).all()
                progress = {row.user_id: float(row.state["progress"]) for row in rows}
                for u in users:
                    if u not in completers:
                        assert progress.get(u) == sent[u], (u, progress.get(u), sent[u])
    finally:
        for proc in workers:
            _kill(proc)
