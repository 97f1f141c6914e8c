"""Streak freezes through the API (issue 17): a streak goal's `freezes` spec is validated, and the
user's mission view shows the streak with the freezes held and used. (Days passing, a freeze
used and a repair are on the time-skipping server: tests/workflows/test_streak_trust.py.)"""

from __future__ import annotations

from typing import Any

from tests.api.helpers import create_mission, eventually, send, uid, view
from tests.api.test_auth import assert_error
from tests.conftest import Stack


def streak_goal(event_type: str, **streak: Any) -> dict[str, Any]:
    return {
        "kind": "event",
        "event_type": event_type,
        "count": 1,
        "streak": {"period": "day", "periods": 5, **streak},
    }


async def test_a_kept_day_earns_a_freeze_the_user_sees(stack: Stack) -> None:
    visit = uid("visit")
    mission_id = await create_mission(
        stack,
        {"type": "generally_available", "goal": streak_goal(visit, freezes={"earn_every": 1, "max": 2})},
    )
    r = await stack.http.get(f"/v1/missions/{mission_id}", headers=stack.headers("admin"))
    assert r.json()["goal"]["streak"]["freezes"] == {"earn_every": 1, "max": 2}
    user = uid("u")
    before = await view(stack, user, mission_id)
    assert before is not None
    assert before["streak"] == {"current": 0, "best": 0, "freezes": 0, "freezes_used": 0, "frozen": []}
    await send(stack, user, visit)

    async def earned() -> dict[str, Any] | None:
        seen = await view(stack, user, mission_id)
        return seen if seen and seen["streak"]["freezes"] == 1 else None

    seen = await eventually(earned)
    assert seen["streak"] == {"current": 1, "best": 1, "freezes": 1, "freezes_used": 0, "frozen": []}
    assert seen["progress"]["current"] == 1


async def test_a_mission_without_a_streak_shows_no_streak(stack: Stack) -> None:
    visit = uid("visit")
    mission_id = await create_mission(
        stack, {"type": "generally_available", "goal": {"kind": "event", "event_type": visit, "count": 2}}
    )
    seen = await view(stack, uid("u"), mission_id)
    assert seen is not None and seen["streak"] is None


async def test_freezes_are_validated_naming_the_field(stack: Stack) -> None:
    admin = stack.headers("admin")
    for freezes, field in (({"earn_every": 0}, "earn_every"), ({"max": 0}, "max"), ({"every": 3}, "every")):
        body = {"name": uid("m"), "type": "generally_available", "goal": streak_goal(uid("v"), freezes=freezes)}
        r = await stack.http.post("/v1/missions", json=body, headers=admin)
        error = assert_error(r, 422)
        assert any(field in str(d.get("field", "")) for d in error["details"]), error
    body = {"name": uid("m"), "type": "generally_available", "goal": streak_goal(uid("v"), time_zone="mars")}
    error = assert_error(await stack.http.post("/v1/missions", json=body, headers=admin), 422)
    assert any("time_zone" in str(d.get("field", "")) for d in error["details"]), error
