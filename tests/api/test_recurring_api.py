"""A recurring mission with a seconds-long cycle on the running stack (real timers): two cycles,
each completed once and paid once, the view showing the countdown to the next reset."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tests.api.helpers import create_mission, eventually, points, send, uid, view
from tests.conftest import Stack


async def test_a_seconds_long_cycle_recurs_twice_paying_once_per_cycle(stack: Stack) -> None:
    et = uid("daily")
    mission = await create_mission(
        stack,
        {
            "type": "recurring",
            "recurrence": {"every": "PT6S"},
            "goal": {"kind": "event", "event_type": et, "count": 1},
            "reward": {"points": 3},
        },
    )
    user = uid()

    async def tab(expected: str, *, time_left: float = 0) -> dict[str, Any] | None:
        """The view once it is in `expected`, with at least `time_left` seconds left in the cycle."""
        v = await view(stack, user, mission)
        if v is None or v["tab"] != expected:
            return None
        left = (datetime.fromisoformat(v["timer"]["ends_at"]) - datetime.now(UTC)).total_seconds()
        return v if left >= time_left else None

    # Events are sent early in a cycle, so the reset cannot overtake them.
    first = await eventually(lambda: tab("available", time_left=3), within=15)
    assert first["timer"]["kind"] == "until_deadline"
    await send(stack, user, et)
    done = await eventually(lambda: tab("completed"))
    assert done["timer"]["kind"] == "until_reset"
    reset = datetime.fromisoformat(done["timer"]["ends_at"])
    await send(stack, user, et)  # same cycle: changes nothing
    assert await points(stack, user) == 3

    again = await eventually(lambda: tab("available", time_left=3), within=15)  # a reset started a new cycle
    assert datetime.fromisoformat(again["timer"]["ends_at"]) > reset
    await send(stack, user, et)
    await eventually(lambda: tab("completed"))
    assert await points(stack, user) == 6
    r = await stack.http.get(f"/v1/users/{user}/wallet", headers=stack.headers("client"))
    assert [e["mission_id"] for e in r.json()["ledger"]] == [mission, mission]


async def test_opting_in_again_after_a_reset(stack: Stack) -> None:
    """The reset clears the opt-in for everyone: the user opts in afresh in the next cycle."""
    mission = await create_mission(
        stack,
        {
            "type": "recurring",
            "recurrence": {"every": "PT5S"},
            "opt_in": True,
            "goal": {"kind": "event", "event_type": uid("r"), "count": 1},
        },
    )
    user = uid()
    path = f"/v1/users/{user}/missions/{mission}/opt-in"
    r = await stack.http.post(path, headers=stack.headers("client"))
    assert r.status_code == 200, r.text
    assert "opted_in" in r.json()["chips"]
    reset = datetime.fromisoformat(r.json()["timer"]["ends_at"])

    async def asks_again() -> bool:
        v = await view(stack, user, mission)
        return v is not None and v["can_opt_in"] and datetime.fromisoformat(v["timer"]["ends_at"]) > reset

    await eventually(asks_again, within=15)
    r = await stack.http.post(path, headers=stack.headers("client"))
    assert r.status_code == 200, r.text
    assert "opted_in" in r.json()["chips"]
