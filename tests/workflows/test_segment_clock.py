"""A time-dependent segment ("inactive for 7 days") changes when time alone says so (time skipped)."""

from __future__ import annotations

import uuid
from datetime import timedelta

from db import events, segments
from db.events import StoredEvent
from domain.segment_rules import SegmentRule
from tests.workflows.conftest import Harness
from workflows.segment_clock import segment_clock_id


async def _members(h: Harness, segment_id: str) -> list[str]:
    async with h.engine.connect() as conn:
        return await segments.members(conn, segment_id)


async def test_an_inactive_user_enters_when_the_week_is_over_and_not_before(harness: Harness) -> None:
    h = harness
    user = f"idle-{uuid.uuid4().hex[:8]}"
    rule = SegmentRule.model_validate({"inactive_for": "P7D"})
    async with h.engine.begin() as conn:
        # The user was last active now (server time); the clock must bring them in 7 days later.
        seen = StoredEvent(id=uuid.uuid4().hex, user_id=user, type="login", received_at=await h.now())
        await events.insert_new(conn, [seen])
        await events.mark_routed(conn, [seen.id], await h.now())
        segment = await segments.create(
            conn, name="idle", kind="rule", rule=rule.model_dump(mode="json", exclude_none=True)
        )
    handle = await h.client.start_workflow(
        "SegmentClock", segment.id, id=segment_clock_id(segment.id), task_queue=h.gateway.task_queue
    )
    try:
        await h.skip(timedelta(days=6, hours=22))
        assert user not in await _members(h, segment.id)
        await h.skip(timedelta(hours=3))
        assert user in await _members(h, segment.id)
        # The history stays small: the clock continues as new after each sweep.
        history = await handle.fetch_history()
        assert len(history.events) < 30
    finally:
        await handle.terminate()
