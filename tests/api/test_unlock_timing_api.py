"""An unlock takes effect at the moment of its cause (docs/missions.md §3): what a user does
after that moment counts, even when it arrives while the unlock is still being applied.

Through the API on the real stack: each test sends the causing event, waits for its 202 and sends
the next one at once, with no pause, for several users at the same time.
"""

from __future__ import annotations

import asyncio
from typing import Any

from tests.api.helpers import create_mission, eventually, points, send, uid, view
from tests.conftest import Stack

USERS = 10


def _goal(event_type: str, count: int = 1) -> dict[str, Any]:
    return {"kind": "event", "event_type": event_type, "count": count}


async def _tab(stack: Stack, user: str, mission: str, tab: str) -> dict[str, Any] | None:
    v = await view(stack, user, mission)
    return v if v is not None and v["tab"] == tab else None


async def _tier(stack: Stack, name: str, min_points: int) -> str:
    """Sets the operator's tiers to one of `min_points` points; returns its name."""
    tier = uid(name)
    r = await stack.http.put(
        "/v1/tiers", json={"tiers": [{"name": tier, "min_points": min_points}]}, headers=stack.headers("admin")
    )
    assert r.status_code == 200, r.text
    return tier


async def _completed(stack: Stack, user: str, mission: str, *, within: float = 15) -> dict[str, Any]:
    done: dict[str, Any] = await eventually(lambda: _tab(stack, user, mission, "completed"), within=within)
    return done


async def test_an_event_right_after_the_prerequisites_202_counts_for_the_unlocked_mission(stack: Stack) -> None:
    et = uid("x")
    first = await create_mission(stack, {"type": "generally_available", "goal": _goal(et), "reward": {"points": 1}})
    second = await create_mission(
        stack,
        {"type": "locked", "unlock": {"after_missions": [first]}, "goal": _goal(et), "reward": {"points": 10}},
    )
    users = [uid() for _ in range(USERS)]

    async def journey(user: str) -> None:
        await send(stack, user, et)  # completes `first`: `second` opens at that moment
        await send(stack, user, et)  # sent after that 202: counts for `second`

    await asyncio.gather(*(journey(u) for u in users))
    for user in users:
        done = await _completed(stack, user, second)
        assert done["progress"]["current"] == 1
        assert (await _tab(stack, user, first, "completed")) is not None
        assert await points(stack, user) == 11  # each paid once


async def test_the_causing_event_itself_never_counts_for_the_mission_it_unlocks(stack: Stack) -> None:
    et = uid("x")
    first = await create_mission(stack, {"type": "generally_available", "goal": _goal(et)})
    second = await create_mission(stack, {"type": "locked", "unlock": {"after_missions": [first]}, "goal": _goal(et)})
    user = uid()
    await send(stack, user, et)
    opened = await eventually(lambda: _tab(stack, user, second, "available"))
    assert opened["progress"]["current"] == 0
    await asyncio.sleep(1.5)  # whatever catch-up follows the unlock has run by now
    still = await view(stack, user, second)
    assert still is not None and still["tab"] == "available" and still["progress"]["current"] == 0


async def test_a_batch_counts_its_later_events_for_the_mission_its_earlier_event_unlocks(stack: Stack) -> None:
    et = uid("x")
    first = await create_mission(stack, {"type": "generally_available", "goal": _goal(et)})
    second = await create_mission(
        stack, {"type": "locked", "unlock": {"after_missions": [first]}, "goal": _goal(et, count=2)}
    )
    third = await create_mission(stack, {"type": "locked", "unlock": {"after_missions": [second]}, "goal": _goal(et)})
    user = uid()
    # One batch: the 1st event completes `first`, the 2nd and 3rd complete `second`, the 4th `third`.
    events = [{"id": uid("e"), "user_id": user, "type": et} for _ in range(4)]
    r = await stack.http.post("/v1/events/batch", json={"events": events}, headers=stack.headers("client"))
    assert r.status_code == 202, r.text
    for mission in (first, second, third):
        await _completed(stack, user, mission)
    assert (await view(stack, user, second) or {})["progress"]["current"] == 2


async def test_a_chain_of_three_opens_one_link_per_event_sent_after_each_202(stack: Stack) -> None:
    et = uid("x")
    a = await create_mission(stack, {"type": "generally_available", "goal": _goal(et), "reward": {"points": 1}})
    b = await create_mission(
        stack, {"type": "locked", "unlock": {"after_missions": [a]}, "goal": _goal(et), "reward": {"points": 2}}
    )
    c = await create_mission(
        stack, {"type": "locked", "unlock": {"after_missions": [b]}, "goal": _goal(et), "reward": {"points": 4}}
    )
    users = [uid() for _ in range(USERS)]

    async def journey(user: str) -> None:
        for _ in range(3):
            await send(stack, user, et)

    await asyncio.gather(*(journey(u) for u in users))
    for user in users:
        for mission in (a, b, c):
            await _completed(stack, user, mission)
        assert await points(stack, user) == 7


async def test_an_event_right_after_the_points_that_reach_a_tier_counts_for_the_tier_locked_mission(
    stack: Stack,
) -> None:
    tier = await _tier(stack, "silver", 50)
    et = uid("x")
    await create_mission(stack, {"type": "generally_available", "goal": _goal(et), "reward": {"points": 60}})
    vip = await create_mission(stack, {"type": "locked", "unlock": {"min_tier": tier}, "goal": _goal(et)})
    users = [uid() for _ in range(USERS)]

    async def journey(user: str) -> None:
        await send(stack, user, et)  # 60 points: the tier, which unlocks `vip`
        await send(stack, user, et)

    await asyncio.gather(*(journey(u) for u in users))
    for user in users:
        await _completed(stack, user, vip)


async def test_an_event_right_after_entering_a_segment_counts_for_the_segment_limited_mission(stack: Stack) -> None:
    admin = stack.headers("admin")
    r = await stack.http.post(
        "/v1/segments", json={"name": uid("rich"), "rule": {"points_at_least": 30}}, headers=admin
    )
    assert r.status_code == 201, r.text
    segment = r.json()["id"]
    et = uid("x")
    await create_mission(stack, {"type": "generally_available", "goal": _goal(et), "reward": {"points": 40}})
    gated = await create_mission(stack, {"type": "generally_available", "segments": [segment], "goal": _goal(et)})
    users = [uid() for _ in range(USERS)]

    async def journey(user: str) -> None:
        await send(stack, user, et)  # 40 points: the user enters the segment
        await send(stack, user, et)

    await asyncio.gather(*(journey(u) for u in users))
    for user in users:
        done = await _completed(stack, user, gated)
        assert done["progress"]["current"] == 1


async def test_an_event_right_after_an_admin_unlock_counts(stack: Stack) -> None:
    et = uid("x")
    locked = await create_mission(stack, {"type": "locked", "goal": _goal(et)})
    users = [uid() for _ in range(USERS)]
    r = await stack.http.post(f"/v1/missions/{locked}/unlock", json={"user_ids": users}, headers=stack.headers("admin"))
    assert r.status_code == 200, r.text
    await asyncio.gather(*(send(stack, u, et) for u in users))
    for user in users:
        await _completed(stack, user, locked)


async def test_an_event_right_after_the_points_that_reach_a_tier_counts_for_a_tier_limited_mission(
    stack: Stack,
) -> None:
    tier = await _tier(stack, "gold", 50)
    et = uid("x")
    await create_mission(stack, {"type": "generally_available", "goal": _goal(et), "reward": {"points": 60}})
    gated = await create_mission(stack, {"type": "generally_available", "tiers": [tier], "goal": _goal(et)})
    users = [uid() for _ in range(USERS)]

    async def journey(user: str) -> None:
        await send(stack, user, et)  # 60 points: the tier, which makes `gated` eligible
        await send(stack, user, et)

    await asyncio.gather(*(journey(u) for u in users))
    for user in users:
        done = await _completed(stack, user, gated)
        assert done["progress"]["current"] == 1
