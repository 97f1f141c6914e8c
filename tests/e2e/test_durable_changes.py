"""An API killed between a change's commit and the start of its workflow loses nothing.

The API runs as real processes (uvicorn) against the session's PostgreSQL and Temporal dev server;
the worker runs in-process (it has no relay, so only an API can make the pending starts). Each
crashing API is told to exit right after the commit of one kind of start
(`QUESTLINE_TEST_CRASH_AFTER_COMMIT`). While no API runs, the changes are committed but reach no
journey; once a normal API process is up, its relay starts what was left pending: the revision
reaches every running journey, the archive closes them, the broadcast reaches every inbox, the
launch activates its mission and the segment grant grants every member.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import psutil
import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import WorkflowExecutionStatus
from temporalio.testing import WorkflowEnvironment

from db.tables import broadcasts, enrolments, inbox, missions, workflow_starts
from devstack.temporal import free_port
from domain.journey import Journey
from tests.api.helpers import eventually, uid
from tests.conftest import ADMIN_KEY, CALLBACK_SECRET, CLIENT_KEY, TOKEN_SECRET, make_settings
from workflows.payloads import enrolment_id

ROOT = Path(__file__).resolve().parents[2]
USERS = 3
ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}
CLIENT = {"Authorization": f"Bearer {CLIENT_KEY}"}

pytestmark = pytest.mark.e2e


class Api:
    """One `uvicorn` process of the API (its own process group) and a client for it."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.port = free_port()
        cmd = [sys.executable, "-m", "uvicorn", "--factory", "api.app:create_app", "--host", "127.0.0.1"]
        cmd += ["--port", str(self.port), "--log-level", "warning"]
        with log.open("ab") as out:
            self.proc = subprocess.Popen(
                cmd, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.http = httpx.AsyncClient(base_url=f"http://127.0.0.1:{self.port}", timeout=30)

    async def ready(self, within: float = 90) -> None:
        """Waits until `/readyz` answers 200 (PostgreSQL and Temporal reachable)."""
        deadline = asyncio.get_running_loop().time() + within
        while True:
            assert self.proc.poll() is None, f"the API exited with {self.proc.returncode}"
            with contextlib.suppress(httpx.TransportError):
                if (await self.http.get("/readyz")).status_code == 200:
                    return
            assert asyncio.get_running_loop().time() < deadline, "the API did not become ready"
            await asyncio.sleep(0.2)

    async def died_with(self, code: int, within: float = 20) -> None:
        """Asserts the process exits (by itself) with `code`."""
        returncode = await asyncio.wait_for(asyncio.to_thread(self.proc.wait), timeout=within)
        assert returncode == code

    async def close(self) -> None:
        """Kills the process group and waits for it."""
        await self.http.aclose()
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
        await asyncio.to_thread(self.proc.wait, 30)


@pytest.fixture
def api_env(database_url: str, dev_env: WorkflowEnvironment, tmp_path: Path) -> Iterator[dict[str, str]]:
    """The environment of this test's API processes (their own task queue)."""
    yield {
        **{k: v for k, v in os.environ.items() if not k.startswith("QUESTLINE_")},
        "QUESTLINE_ENV": "test",
        "QUESTLINE_ADMIN_KEY": ADMIN_KEY,
        "QUESTLINE_CLIENT_KEY": CLIENT_KEY,
        "QUESTLINE_TOKEN_SECRET": TOKEN_SECRET,
        "QUESTLINE_CALLBACK_SECRET": CALLBACK_SECRET,
        "QUESTLINE_DATABASE_URL": database_url,
        "QUESTLINE_DB_POOL_SIZE": "5",  # within the shared test PostgreSQL's connections
        "QUESTLINE_TEMPORAL_ADDRESS": dev_env.client.service_client.config.target_host,
        "QUESTLINE_TASK_QUEUE": f"durable-{uid('q')}",
        "QUESTLINE_UPLOAD_DIR": str(tmp_path / "uploads"),
        "QUESTLINE_LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }


@contextlib.asynccontextmanager
async def in_process_worker(database_url: str, env: WorkflowEnvironment, task_queue: str) -> AsyncIterator[None]:
    """A worker on `task_queue`: workflows and activities only, no relay of any kind."""
    from activities.broadcasts import BroadcastActivities
    from activities.callbacks import CallbackActivities
    from activities.enrolment import JourneyActivities
    from activities.social import SocialActivities
    from db.engine import create_engine
    from services.broadcasts import deliver_on_entry
    from services.enrolment import build_enrolment_services
    from services.gateway import JourneyGateway, LazyClient
    from services.routing import EventRouter
    from worker import build_worker

    settings = make_settings(database_url, env.client.service_client.config.target_host, task_queue)
    engine = create_engine(settings)
    http = httpx.AsyncClient(timeout=10)
    router = EventRouter(
        engine,
        JourneyGateway(LazyClient(settings), task_queue),
        on_segment_entry=lambda user_id, segment_id: deliver_on_entry(engine, http, settings, user_id, segment_id),
    )
    worker = build_worker(
        settings,
        env.client,
        JourneyActivities(build_enrolment_services(engine, router, settings)),
        BroadcastActivities(engine, http, settings),
        CallbackActivities(engine, http, settings),
        SocialActivities(http, settings),
    )
    try:
        async with http, worker:
            yield
    finally:
        await engine.dispose()


async def _post(api: Api, path: str, body: Any = None, **kwargs: Any) -> httpx.Response:
    r = await api.http.post(path, json=body, headers=kwargs.pop("headers", ADMIN), **kwargs)
    assert r.status_code < 300, r.text
    return r


async def _mission(api: Api, body: dict[str, Any], *, activate: bool = True) -> str:
    mission_id: str = (await _post(api, "/v1/missions", {"name": uid("m"), **body})).json()["id"]
    if activate:
        await _post(api, f"/v1/missions/{mission_id}/activate")
    return mission_id


async def _journeys(engine: AsyncEngine, mission_id: str) -> dict[str, tuple[str, int]]:
    async with engine.connect() as conn:
        rows = await conn.execute(
            sa.select(enrolments.c.user_id, enrolments.c.status, enrolments.c.revision).where(
                enrolments.c.mission_id == mission_id
            )
        )
        return {r.user_id: (r.status, r.revision) for r in rows}


async def _scalar(engine: AsyncEngine, stmt: Any) -> Any:
    async with engine.connect() as conn:
        return (await conn.execute(stmt)).scalar()


async def _crash(api: Api, method: str, path: str, body: Any = None) -> None:
    """Sends a change the API commits and then dies on: the caller never gets an answer."""
    with pytest.raises(httpx.TransportError):
        await api.http.request(method, path, json=body, headers=ADMIN)
    await api.died_with(1)


async def test_changes_committed_by_a_killed_api_still_reach_every_journey(
    database_url: str, dev_env: WorkflowEnvironment, db_engine: AsyncEngine, api_env: dict[str, str], tmp_path: Path
) -> None:
    task_queue = api_env["QUESTLINE_TASK_QUEUE"]
    apis: list[Api] = []

    def api(crash: str | None = None) -> Api:
        env = {**api_env, "QUESTLINE_TEST_CRASH_AFTER_COMMIT": crash} if crash else api_env
        started = Api(env, tmp_path / f"api-{len(apis)}.log")
        apis.append(started)
        return started

    try:
        async with in_process_worker(database_url, dev_env, task_queue):
            # 1. A normal API: missions with running journeys, a segment, a draft to launch.
            first = api()
            await first.ready()
            revised_type, archived_type = uid("ride"), uid("walk")
            revised = await _mission(
                first,
                {"type": "generally_available", "goal": {"kind": "event", "event_type": revised_type, "count": 5}},
            )
            archived = await _mission(
                first,
                {"type": "generally_available", "goal": {"kind": "event", "event_type": archived_type, "count": 5}},
            )
            featured = await _mission(
                first, {"type": "featured", "goal": {"kind": "event", "event_type": uid("f"), "count": 1}}
            )
            draft = await _mission(
                first,
                {"type": "generally_available", "goal": {"kind": "event", "event_type": uid("x"), "count": 1}},
                activate=False,
            )
            users = sorted(uid() for _ in range(USERS))
            for user in users:
                for event_type in (revised_type, revised_type, archived_type):
                    await _post(
                        first, "/v1/events", {"id": uid("e"), "user_id": user, "type": event_type}, headers=CLIENT
                    )
            segment = (await _post(first, "/v1/segments", {"name": uid("seg")})).json()["id"]
            await first.http.post(
                f"/v1/segments/{segment}/members",
                content="user_id\n" + "".join(f"{u}\n" for u in users),
                headers={**ADMIN, "content-type": "text/csv"},
            )

            async def running() -> bool:
                return [len(await _journeys(db_engine, m)) for m in (revised, archived)] == [USERS, USERS]

            await eventually(running, within=30)
            await first.close()

            # 2. One API per change, each killed right after the change commits.
            crashers = {
                "revision": api("mission_change"),
                "archive": api("mission_change"),
                "broadcast": api("broadcast"),
                "launch": api("launch"),
                "grant": api("segment_grant"),
            }
            await asyncio.gather(*(c.ready() for c in crashers.values()))
            launch_at = datetime.now(UTC) + timedelta(seconds=2)
            await asyncio.gather(
                _crash(
                    crashers["revision"],
                    "PATCH",
                    f"/v1/missions/{revised}",
                    {"goal": {"kind": "event", "event_type": revised_type, "count": 2}},
                ),
                _crash(crashers["archive"], "POST", f"/v1/missions/{archived}/archive"),
                _crash(
                    crashers["broadcast"], "POST", "/v1/broadcasts", {"segment_id": segment, "title": "Hi", "body": "!"}
                ),
                _crash(crashers["launch"], "POST", f"/v1/missions/{draft}/launch", {"at": launch_at.isoformat()}),
                _crash(crashers["grant"], "POST", f"/v1/missions/{featured}/grants/segment", {"segment_id": segment}),
            )

            # Every change committed, and none reached anyone: no API is running to start its workflow.
            broadcast_id = await _scalar(
                db_engine, sa.select(broadcasts.c.id).where(broadcasts.c.segment_id == segment)
            )
            assert broadcast_id is not None
            assert await _scalar(db_engine, sa.select(missions.c.revision).where(missions.c.id == revised)) == 2
            assert await _scalar(db_engine, sa.select(missions.c.status).where(missions.c.id == archived)) == "archived"
            pending = await _scalar(
                db_engine,
                sa.select(sa.func.count())
                .select_from(workflow_starts)
                .where(workflow_starts.c.task_queue == task_queue, workflow_starts.c.done_at.is_(None)),
            )
            assert pending == 5
            await asyncio.sleep(3)  # past the launch time, and past the relay's grace period
            assert set((await _journeys(db_engine, revised)).values()) == {("available", 1)}
            assert await _scalar(db_engine, sa.select(missions.c.status).where(missions.c.id == draft)) == "draft"
            assert await _scalar(db_engine, _inbox_count(broadcast_id)) == 0

            # 3. A normal API again: its relay makes the starts the killed ones left pending.
            second = api()
            await second.ready()

            async def revision_reached_everyone() -> bool:
                return set((await _journeys(db_engine, revised)).values()) == {("completed", 2)}

            await eventually(revision_reached_everyone, within=60)

            for user in users:
                handle = dev_env.client.get_workflow_handle(enrolment_id(archived, user), result_type=Journey)
                journey = await asyncio.wait_for(handle.result(), timeout=60)
                assert journey.closed_at is not None and journey.completions == 0

            async def broadcast_sent() -> bool:
                return bool(await _scalar(db_engine, _inbox_count(broadcast_id)) == USERS)

            await eventually(broadcast_sent, within=60)

            async def launched() -> bool:
                status = await _scalar(db_engine, sa.select(missions.c.status).where(missions.c.id == draft))
                return bool(status == "active")

            await eventually(launched, within=60)

            job_id = await _scalar(
                db_engine,
                sa.select(workflow_starts.c.workflow_id).where(
                    workflow_starts.c.task_queue == task_queue, workflow_starts.c.kind == "segment_grant"
                ),
            )

            async def granted() -> dict[str, Any] | None:
                r = await second.http.get(f"/v1/grant-jobs/{job_id}", headers=ADMIN)
                assert r.status_code == 200, r.text
                body: dict[str, Any] = r.json()
                return body if body["status"] == "completed" else None

            assert (await eventually(granted, within=60))["granted"] == USERS
            for user in users:
                r = await second.http.get(f"/v1/users/{user}/missions/{featured}", headers=CLIENT)
                assert r.status_code == 200 and "featured" in r.json()["chips"], r.text

            # Each start was made once and is marked done; the mission-change workflows ran once each.
            async def all_done() -> bool:
                left = await _scalar(
                    db_engine,
                    sa.select(sa.func.count())
                    .select_from(workflow_starts)
                    .where(workflow_starts.c.task_queue == task_queue, workflow_starts.c.done_at.is_(None)),
                )
                return bool(left == 0)

            await eventually(all_done, within=30)
            change = dev_env.client.get_workflow_handle(f"mission-change:{revised}:2:active")
            assert (await change.describe()).status == WorkflowExecutionStatus.COMPLETED
    finally:
        for started in apis:
            await started.close()
        # Nothing left behind: every API process (and anything it started) is gone.
        pids = [a.proc.pid for a in apis]
        assert not [p for p in pids if psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE]


def _inbox_count(broadcast_id: str) -> Any:
    return sa.select(sa.func.count()).select_from(inbox).where(inbox.c.broadcast_id == broadcast_id)
