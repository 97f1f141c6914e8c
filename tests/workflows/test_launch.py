"""A scheduled launch activates a draft at its time, on a durable timer (time skipped)."""

from __future__ import annotations

import uuid
from datetime import timedelta

from db import missions
from domain.missions import MissionSpec, MissionStatus
from services.launch import launch_id
from tests.workflows.conftest import Harness
from workflows.launch import Launch

SPEC = {"type": "generally_available", "goal": {"kind": "event", "event_type": "x", "count": 1}}


async def _draft(h: Harness) -> str:
    async with h.engine.begin() as conn:
        mission = await missions.create(conn, MissionSpec.model_validate({"name": uuid.uuid4().hex, **SPEC}))
    return mission.id


async def _status(h: Harness, mission_id: str) -> MissionStatus:
    async with h.engine.connect() as conn:
        return (await missions.get(conn, mission_id)).status


async def test_a_launch_fires_at_its_time_and_not_before(harness: Harness) -> None:
    mission_id = await _draft(harness)
    at = await harness.now() + timedelta(days=2)
    handle = await harness.client.start_workflow(
        "Launch", Launch(mission_id=mission_id, at=at), id=launch_id(mission_id), task_queue=harness.gateway.task_queue
    )
    await harness.skip(timedelta(days=1, hours=23))
    assert await _status(harness, mission_id) is MissionStatus.DRAFT
    await harness.skip(timedelta(hours=2))
    assert await handle.result() == "activated"
    assert await _status(harness, mission_id) is MissionStatus.ACTIVE


async def test_a_launch_of_a_mission_no_longer_draft_is_skipped(harness: Harness) -> None:
    mission_id = await _draft(harness)
    async with harness.engine.begin() as conn:
        mission = await missions.get(conn, mission_id)
        await missions.set_status(conn, mission, MissionStatus.ARCHIVED, await harness.now())
    at = await harness.now() + timedelta(hours=5)
    handle = await harness.client.start_workflow(
        "Launch", Launch(mission_id=mission_id, at=at), id=launch_id(mission_id), task_queue=harness.gateway.task_queue
    )
    assert await handle.result() == "invalid_transition"
    assert await _status(harness, mission_id) is MissionStatus.ARCHIVED
