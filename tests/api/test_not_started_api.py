"""`not_started` means one thing (issue 14: one meaning per word): an admin's grant of a featured
mission before its start is bad input, 422 naming `start_at` (docs/missions.md §2), whether the
API's pre-check or the journey's own validator refuses it. On the real stack."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from db import missions as missions_repo
from domain.errors import Invalid
from services.active_missions import context_of
from services.gateway import JourneyGateway, LazyClient
from tests.api.helpers import create_mission, uid
from tests.conftest import Stack
from workflows.payloads import Grant


async def _featured_later(stack: Stack) -> str:
    start = datetime.now(UTC) + timedelta(days=3)
    return await create_mission(
        stack,
        {
            "type": "featured",
            "start_at": start.isoformat(),
            "goal": {"kind": "event", "event_type": uid("x"), "count": 1},
        },
    )


async def test_the_api_refuses_a_grant_before_start_with_422(stack: Stack) -> None:
    mission = await _featured_later(stack)
    r = await stack.http.post(
        f"/v1/missions/{mission}/grants", json={"user_ids": [uid()]}, headers=stack.headers("admin")
    )
    assert r.status_code == 422, r.text
    assert r.json()["error"]["code"] == "not_started"
    assert r.json()["error"]["details"] == [{"field": "start_at", "reason": "in the future"}]


async def test_the_journey_refuses_a_grant_before_start_as_bad_input_too(stack: Stack) -> None:
    """Past the API's pre-check (a grant racing the clock), the journey's validator answers the same."""
    mission = await _featured_later(stack)
    async with stack.engine.begin() as conn:
        ctx = context_of(await missions_repo.get(conn, mission))
    gateway = JourneyGateway(LazyClient(stack.settings), stack.settings.task_queue)
    with pytest.raises(Invalid) as refused:
        await gateway.act(ctx, uid(), "grant", Grant(at=datetime.now(UTC)))
    assert refused.value.code == "not_started"
    assert refused.value.details == [{"field": "start_at", "reason": "in the future"}]
