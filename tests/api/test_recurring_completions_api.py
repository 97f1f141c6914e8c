"""A recurring mission completed in an earlier cycle still counts as "completed mission X" once a
later cycle's journey has replaced it in the read model (issue 12.9): in rule segments (kept and
newly created), in quests (completed on another mission's completion, shown on GET .../quests) and
in unlocks (a mission locked after X stays unlocked)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tests.api.helpers import create_mission, eventually, points, send, uid, view
from tests.conftest import Stack


async def _members(stack: Stack, segment: str) -> list[str]:
    r = await stack.http.get(f"/v1/segments/{segment}/members", headers=stack.headers("admin"))
    assert r.status_code == 200, r.text
    items: list[str] = r.json()["items"]
    return items


async def _segment(stack: Stack, rule: dict[str, Any]) -> str:
    r = await stack.http.post("/v1/segments", json={"name": uid("s"), "rule": rule}, headers=stack.headers("admin"))
    assert r.status_code == 201, r.text
    segment: str = r.json()["id"]
    return segment


async def _quest(stack: Stack, user: str, quest_id: str) -> dict[str, Any]:
    r = await stack.http.get(f"/v1/users/{user}/quests", headers=stack.headers("client"))
    assert r.status_code == 200, r.text
    found: dict[str, Any] = next(q for q in r.json()["items"] if q["quest_id"] == quest_id)
    return found


async def test_a_completion_in_an_earlier_cycle_counts_in_segments_quests_and_unlocks(stack: Stack) -> None:
    x_type, y_type, b_type = uid("x"), uid("y"), uid("b")
    # Count 2: one event in the next cycle starts that cycle's journey (progress 1, not completed).
    x = await create_mission(
        stack,
        {
            "type": "recurring",
            "recurrence": {"every": "PT6S"},
            "goal": {"kind": "event", "event_type": x_type, "count": 2},
        },
    )
    y = await create_mission(
        stack, {"type": "generally_available", "goal": {"kind": "event", "event_type": y_type, "count": 1}}
    )
    b = await create_mission(
        stack,
        {
            "type": "locked",
            "unlock": {"after_missions": [x]},
            "goal": {"kind": "event", "event_type": b_type, "count": 1},
        },
    )
    kept = await _segment(stack, {"completed_mission": x})
    r = await stack.http.post(
        "/v1/quests",
        json={"name": uid("q"), "mission_ids": [x, y], "reward": {"points": 5}},
        headers=stack.headers("admin"),
    )
    assert r.status_code == 201, r.text
    quest = r.json()["id"]
    user = uid()

    async def x_view(tab: str, *, time_left: float = 0, current: int | None = None) -> dict[str, Any] | None:
        v = await view(stack, user, x)
        if v is None or v["tab"] != tab or (current is not None and v["progress"]["current"] != current):
            return None
        left = (datetime.fromisoformat(v["timer"]["ends_at"]) - datetime.now(UTC)).total_seconds()
        return v if left >= time_left else None

    # Cycle 1: X completed (both events early in the cycle, so no reset falls between them).
    await eventually(lambda: x_view("available", time_left=3), within=15)
    await send(stack, user, x_type)
    await send(stack, user, x_type)
    done = await eventually(lambda: x_view("completed"))
    reset = datetime.fromisoformat(done["timer"]["ends_at"])

    async def member() -> bool:
        return user in await _members(stack, kept)

    await eventually(member)

    async def b_unlocked() -> bool:
        v = await view(stack, user, b)
        return v is not None and v["tab"] == "available"

    await eventually(b_unlocked)

    # Cycle 2: the user starts X again (progress 1): the read model now holds cycle 2's journey.
    async def next_cycle() -> dict[str, Any] | None:
        v = await x_view("available", time_left=2)
        return v if v is not None and datetime.fromisoformat(v["timer"]["ends_at"]) > reset else None

    await eventually(next_cycle, within=15)
    await send(stack, user, x_type)
    await eventually(lambda: x_view("available", current=1))
    assert (await view(stack, user, x) or {})["completions"] == 0  # this cycle's count

    # Completing Y re-evaluates the user's segments and quests: X (cycle 1) still counts.
    await send(stack, user, y_type)

    async def y_done() -> bool:
        v = await view(stack, user, y)
        return v is not None and v["tab"] == "completed"

    await eventually(y_done)
    assert user in await _members(stack, kept)
    shown = await _quest(stack, user, quest)
    assert sorted(shown["completed_mission_ids"]) == sorted([x, y])
    assert shown["status"] == "completed"
    await eventually(lambda: _points_are(stack, user, 5))

    # A segment created now finds the completion too, and B stays unlocked.
    created = await _segment(stack, {"completed_mission": x})
    assert user in await _members(stack, created)
    assert await b_unlocked()


async def _points_are(stack: Stack, user: str, expected: int) -> bool:
    return await points(stack, user) == expected
