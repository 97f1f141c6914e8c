"""Pending workflow starts through the API: what a start left pending by a killed API means.

A start recorded but not yet made (its API died after the commit; a relay will make it) counts as
made: a second launch is 409, DELETE withdraws it, a grant job reports itself running. Relays
sharing the backlog make each start once; a start made twice finds its workflow already there.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from db import starts
from db.tables import workflow_starts
from services import launch
from services.gateway import JourneyGateway, LazyClient
from services.starts import WorkflowStarts
from tests.api.helpers import create_mission, uid
from tests.conftest import Stack
from workflows.launch import Launch
from workflows.segment_grant import GrantJob

#: A task queue no relay serves: starts recorded on it stay pending for the whole test.
NOBODY = "no-relay-serves-this-queue"


def _draft() -> dict[str, object]:
    return {"type": "generally_available", "goal": {"kind": "event", "event_type": uid("x"), "count": 1}}


async def test_a_pending_launch_is_scheduled_until_withdrawn(stack: Stack) -> None:
    mission = await create_mission(stack, _draft(), activate=False)
    at = datetime.now(UTC) + timedelta(hours=1)
    async with stack.engine.begin() as conn:
        await starts.enqueue(
            conn,
            kind="launch",
            workflow_id=launch.launch_id(mission),
            task_queue=NOBODY,
            payload=Launch(mission_id=mission, at=at).model_dump(mode="json"),
        )
    admin = stack.headers("admin")
    r = await stack.http.post(f"/v1/missions/{mission}/launch", json={"at": at.isoformat()}, headers=admin)
    assert r.status_code == 409 and r.json()["error"]["code"] == "launch_scheduled", r.text
    assert (await stack.http.delete(f"/v1/missions/{mission}/launch", headers=admin)).status_code == 204
    async with stack.engine.connect() as conn:
        assert await starts.pending(conn, launch.launch_id(mission)) is None
    # Withdrawn: a new launch can be scheduled, and cancelled for real.
    r = await stack.http.post(f"/v1/missions/{mission}/launch", json={"at": at.isoformat()}, headers=admin)
    assert r.status_code == 202, r.text
    assert (await stack.http.delete(f"/v1/missions/{mission}/launch", headers=admin)).status_code == 204
    assert (await stack.http.delete(f"/v1/missions/{mission}/launch", headers=admin)).status_code == 404


async def test_a_pending_grant_job_reports_itself_running(stack: Stack) -> None:
    job_id = f"segment-grant:{uid('m')}:{uid('seg')}:pending"
    async with stack.engine.begin() as conn:
        await starts.enqueue(
            conn,
            kind="segment_grant",
            workflow_id=job_id,
            task_queue=NOBODY,
            payload=GrantJob(mission_id="m_x", segment_id="seg_x").model_dump(mode="json"),
        )
    r = await stack.http.get(f"/v1/grant-jobs/{job_id}", headers=stack.headers("admin"))
    assert r.status_code == 200, r.text
    assert (r.json()["status"], r.json()["granted"], r.json()["mission_id"]) == ("running", 0, "m_x")


async def test_relays_sharing_the_backlog_start_each_workflow_once(stack: Stack) -> None:
    # Two starts of one workflow, as when the API and a relay both try: one workflow runs.
    queue = f"relay-{uid('q')}"
    gateway = JourneyGateway(LazyClient(stack.settings), queue)
    relays = [WorkflowStarts(stack.engine, gateway, grace=timedelta(0)) for _ in range(3)]
    workflow_id = f"relay-test:{uid('wf')}"
    async with stack.engine.begin() as conn:
        for _ in range(2):
            await relays[0].enqueue(conn, "segment_clock", workflow_id, uid("seg"))
    done = await asyncio.gather(*(relay.drain_once() for relay in relays))
    assert sum(done) == 2
    async with stack.engine.connect() as conn:
        outcomes = (
            await conn.execute(sa.select(workflow_starts.c.outcome).where(workflow_starts.c.workflow_id == workflow_id))
        ).scalars()
        assert sorted(outcomes) == ["already_started", "started"]
    handle = stack.env.client.get_workflow_handle(workflow_id)
    await handle.terminate("test over")  # nobody polls this queue


async def test_relays_prune_starts_done_long_ago(stack: Stack) -> None:
    relay = WorkflowStarts(stack.engine, JourneyGateway(LazyClient(stack.settings), NOBODY))
    async with stack.engine.begin() as conn:
        old = await relay.enqueue(conn, "segment_clock", uid("old"), uid("seg"))
        recent = await relay.enqueue(conn, "segment_clock", uid("recent"), uid("seg"))
        pending = await relay.enqueue(conn, "segment_clock", uid("pending"), uid("seg"))
        now = datetime.now(UTC)
        await starts.mark_done(conn, {old.id: "started"}, now - relay.keep_done - timedelta(minutes=1))
        await starts.mark_done(conn, {recent.id: "started"}, now)
    assert await relay.prune() >= 1
    async with stack.engine.connect() as conn:
        left = set(
            (
                await conn.execute(
                    sa.select(workflow_starts.c.id).where(workflow_starts.c.id.in_([old.id, recent.id, pending.id]))
                )
            ).scalars()
        )
    assert left == {recent.id, pending.id}
