"""Read-your-writes without asking the workflow (`services.settling`): a journey announces the
events it applied on the waiting API process's PostgreSQL channel, and the delivery's wait ends
then — not with a query, which costs Temporal a workflow task per event. On the real stack.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st

from db import enrolments, settling
from db import missions as missions_repo
from services.active_missions import context_of
from services.gateway import JourneyGateway, LazyClient
from services.settling import SettleListener
from tests.api.helpers import create_mission, eventually, send, uid, view
from tests.conftest import Stack
from workflows.payloads import EventIn, enrolment_id


@pytest.fixture
async def listener(stack: Stack) -> AsyncIterator[SettleListener]:
    heard = SettleListener(stack.engine.url.render_as_string(hide_password=False))
    heard.start()

    async def listening() -> bool:
        return heard.listening

    await eventually(listening)
    yield heard
    await heard.aclose()


def gateway_for(stack: Stack, listener: SettleListener) -> JourneyGateway:
    return JourneyGateway(
        LazyClient(stack.settings),
        stack.settings.task_queue,
        settle_timeout=stack.settings.settle_timeout,
        settler=listener,
    )


async def mission(stack: Stack, **goal: object) -> tuple[str, str]:
    et = uid("ev")
    mission_id = await create_mission(
        stack, {"type": "generally_available", "goal": {"kind": "event", "event_type": et, **goal}}
    )
    return mission_id, et


async def progress(stack: Stack, mission_id: str, user: str) -> int | None:
    async with stack.engine.connect() as conn:
        found = await enrolments.for_pairs(conn, [(mission_id, user)])
    journey = found.get((mission_id, user))
    return None if journey is None else int(journey.progress)


async def deliver(stack: Stack, gateway: JourneyGateway, mission_id: str, user: str, event: EventIn) -> float:
    """Delivers with settle; returns how long the wait took (seconds)."""
    async with stack.engine.connect() as conn:
        ctx = context_of(await missions_repo.get(conn, mission_id))
    started = asyncio.get_running_loop().time()
    assert await gateway.deliver(ctx, user, event, settle=True)
    return asyncio.get_running_loop().time() - started


def event(et: str, **fields: object) -> EventIn:
    return EventIn.model_validate({"id": uid("e"), "type": et, "received_at": datetime.now(UTC), **fields})


async def test_the_wait_ends_with_the_journeys_announcement_and_the_change_is_visible(
    stack: Stack, listener: SettleListener
) -> None:
    mission_id, et = await mission(stack, count=5)
    gateway, user = gateway_for(stack, listener), uid()
    for n in (1, 2):
        waited = await deliver(stack, gateway, mission_id, user, event(et))
        assert await progress(stack, mission_id, user) == n, "visible as soon as the wait ends"
        assert waited < stack.settings.settle_timeout.total_seconds() / 2, "announced, not timed out"
    assert listener.heard == 2


async def test_an_event_that_changes_nothing_is_announced_too(stack: Stack, listener: SettleListener) -> None:
    # Without the announcement of a no-op, the sender would wait out the whole settle timeout.
    mission_id, et = await mission(stack, count=5, tags=["gold"])
    gateway, user = gateway_for(stack, listener), uid()
    await deliver(stack, gateway, mission_id, user, event(et, tags=["gold"]))
    waited = await deliver(stack, gateway, mission_id, user, event(et, tags=["tin"]))  # not counted
    assert waited < stack.settings.settle_timeout.total_seconds() / 2
    repeat = event(et, tags=["gold"])
    await deliver(stack, gateway, mission_id, user, repeat)
    waited = await deliver(stack, gateway, mission_id, user, repeat)  # a repeat of a seen id
    assert waited < stack.settings.settle_timeout.total_seconds() / 2
    assert await progress(stack, mission_id, user) == 2
    assert listener.heard == 4


async def test_a_lost_listener_falls_back_to_asking_the_journey_and_listens_again(
    stack: Stack, listener: SettleListener
) -> None:
    mission_id, et = await mission(stack, count=5)
    gateway, user = gateway_for(stack, listener), uid()
    async with stack.engine.connect() as conn:  # the listener's connection is cut, as by a restart
        cut = await conn.execute(
            sa.text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = :listen"),
            {"listen": f'LISTEN "{listener.channel}"'},
        )
        assert cut.scalar_one() is True

    # Whether the loss is seen before or while it waits, the delivery is settled by a query.
    await deliver(stack, gateway, mission_id, user, event(et))
    assert await progress(stack, mission_id, user) == 1

    async def listening() -> bool:
        return listener.listening

    await eventually(listening)
    assert listener.losses == 1
    before = listener.heard
    await deliver(stack, gateway, mission_id, user, event(et))
    assert await progress(stack, mission_id, user) == 2
    assert listener.heard == before + 1, "listening again, the journey's announcement ends the wait"


async def test_the_events_route_settles_by_announcement(stack: Stack) -> None:
    """The API's own listener: a 202 then a read sees the event, and the journey took no extra
    workflow task for a query (history: one task per event, each with the write's marker)."""
    mission_id, et = await mission(stack, count=5)
    user = uid()
    await send(stack, user, et)  # the first may be settled by a query while the listener starts
    await asyncio.sleep(0.5)
    history_before = await _tasks(stack, enrolment_id(mission_id, user))
    for n in (2, 3, 4):
        await send(stack, user, et)
        v = await view(stack, user, mission_id)
        assert v is not None and v["progress"]["current"] == n
    assert await _tasks(stack, enrolment_id(mission_id, user)) == history_before + 3


async def _tasks(stack: Stack, workflow_id: str) -> int:
    history = await stack.env.client.get_workflow_handle(workflow_id).fetch_history()
    return sum(1 for e in history.events if e.HasField("workflow_task_completed_event_attributes"))


@given(st.text(min_size=1, max_size=120), st.lists(st.text(min_size=1, max_size=200), min_size=1, max_size=300))
def test_announcements_fit_a_notify_payload_and_lose_no_id(workflow_id: str, ids: list[str]) -> None:
    got: list[str] = []
    for payload in settling.payloads(workflow_id, ids):
        assert len(payload.encode()) < 8000
        w, part = settling.parse(payload)
        assert w == workflow_id and part
        got += part
    assert got == ids
    assert json.loads(next(settling.payloads(workflow_id, ids)))["w"] == workflow_id
