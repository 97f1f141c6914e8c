"""A scheduled broadcast is sent at its `send_at` on a durable timer, and not before (time skipped)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import datetime, timedelta

import httpx
import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from activities.broadcasts import BroadcastActivities
from db import broadcasts, segments
from db.tables import inbox
from tests.conftest import make_settings
from worker import SANDBOX
from workflows.broadcast import BroadcastWorkflow, SendBroadcast, broadcast_workflow_id


@pytest.fixture
async def task_queue(
    skipping_env: WorkflowEnvironment, database_url: str, db_engine: AsyncEngine
) -> AsyncIterator[str]:
    """A worker sending broadcasts (inbox only) on a task queue of its own."""
    settings = make_settings(
        database_url, skipping_env.client.service_client.config.target_host, f"brd-tests-{uuid.uuid4().hex[:8]}"
    )
    async with httpx.AsyncClient() as http:
        sender = BroadcastActivities(db_engine, http, settings)
        async with Worker(
            skipping_env.client,
            task_queue=settings.task_queue,
            workflows=[BroadcastWorkflow],
            activities=[sender.deliver_broadcast],
            workflow_runner=SANDBOX,
        ):
            yield settings.task_queue


async def _broadcast(
    engine: AsyncEngine, members: list[str], *, send_at: datetime | None = None
) -> broadcasts.Broadcast:
    async with engine.begin() as conn:
        segment = await segments.create(conn, name=f"s-{uuid.uuid4().hex[:8]}", kind="static", rule=None)
        await segments.add_members(conn, segment.id, members)
        return await broadcasts.create(
            conn,
            title="Season two",
            body="New missions are live.",
            segment_id=segment.id,
            send_at=send_at,
            on_entry=False,
        )


async def _received(engine: AsyncEngine, broadcast_id: str) -> list[str]:
    async with engine.connect() as conn:
        rows = await conn.execute(sa.select(inbox.c.user_id).where(inbox.c.broadcast_id == broadcast_id))
        return sorted(rows.scalars())


async def _status(engine: AsyncEngine, broadcast_id: str) -> str:
    async with engine.connect() as conn:
        return (await broadcasts.get(conn, broadcast_id)).status


async def test_a_scheduled_broadcast_is_sent_at_its_time_and_not_before(
    skipping_env: WorkflowEnvironment, db_engine: AsyncEngine, task_queue: str
) -> None:
    members = sorted(f"u-{uuid.uuid4().hex[:10]}" for _ in range(3))
    at = await skipping_env.get_current_time() + timedelta(days=2)
    made = await _broadcast(db_engine, members, send_at=at)
    handle = await skipping_env.client.start_workflow(
        BroadcastWorkflow.run,
        SendBroadcast(broadcast_id=made.id, send_at=made.send_at),
        id=broadcast_workflow_id(made.id),
        task_queue=task_queue,
    )
    await skipping_env.sleep(timedelta(days=1, hours=23))
    assert await _received(db_engine, made.id) == []
    assert await _status(db_engine, made.id) == "scheduled"
    await skipping_env.sleep(timedelta(hours=2))
    assert await handle.result() == 3
    assert await _received(db_engine, made.id) == members
    assert await _status(db_engine, made.id) == "sent"


async def test_a_broadcast_without_send_at_is_sent_at_once(
    skipping_env: WorkflowEnvironment, db_engine: AsyncEngine, task_queue: str
) -> None:
    members = [f"u-{uuid.uuid4().hex[:10]}"]
    made = await _broadcast(db_engine, members)
    handle = await skipping_env.client.start_workflow(
        BroadcastWorkflow.run,
        SendBroadcast(broadcast_id=made.id),
        id=broadcast_workflow_id(made.id),
        task_queue=task_queue,
    )
    assert await handle.result() == 1
    assert await _received(db_engine, made.id) == members
