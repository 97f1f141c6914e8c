"""Bulk grants to a segment page through its members and can be followed while they run."""

from __future__ import annotations

import uuid

from db import missions, segments
from domain.missions import MissionSpec, MissionStatus
from services.active_missions import context_of
from tests.workflows.conftest import Harness
from workflows.segment_grant import GrantJob


async def test_pages_through_every_member_and_grants_each_once(harness: Harness) -> None:
    h = harness
    async with h.engine.begin() as conn:
        spec = {"name": uuid.uuid4().hex, "type": "featured", "goal": {"kind": "event", "event_type": "f", "count": 1}}
        mission = await missions.create(conn, MissionSpec.model_validate(spec))
        mission = await missions.set_status(conn, mission, MissionStatus.ACTIVE, await h.now())
        segment = await segments.create(conn, name="bulk", kind="static", rule=None)
        members = [f"bulk-{uuid.uuid4().hex[:8]}" for _ in range(5)]
        await segments.add_members(conn, segment.id, members)
    job = GrantJob(mission_id=mission.id, segment_id=segment.id, page_size=2)
    handle = await h.client.start_workflow(
        "SegmentGrant",
        job,
        id=f"segment-grant:{uuid.uuid4().hex}",
        task_queue=h.gateway.task_queue,
        result_type=GrantJob,
    )
    result = await handle.result()
    assert (result.granted, result.refused, result.pages, result.done) == (5, 0, 3, True)
    ctx = context_of(mission)
    for user in members:
        journey = (await h.client.get_workflow_handle(f"enrolment:{ctx.mission_id}:{user}").query("journey"))["journey"]
        assert journey["granted_at"] is not None
