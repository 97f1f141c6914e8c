"""Milestone challenges and the COUNT default (issue 17): a user's challenge may be a total, not
a streak; a target naming neither `count` nor `amount` counts 2 events; admins list challenges
alongside missions with `include_challenges=true`."""

from __future__ import annotations

from typing import Any

from tests.api.helpers import create_mission, eventually, points, send, uid
from tests.api.test_auth import assert_error
from tests.api.test_challenges_api import REWARD, create, created, enable, get
from tests.conftest import Stack


def milestone(event_type: str, **fields: Any) -> dict[str, Any]:
    return {"name": "Three walks", "event_type": event_type, "kind": "milestone", "target": {"count": 3}} | fields


async def test_a_milestone_completes_on_its_total_over_any_days_and_pays_once(stack: Stack) -> None:
    walk = uid("walk")
    await enable(stack, walk)
    user = uid("u")
    made = await created(stack, user, milestone(walk))
    assert (made["kind"], made["period"], made["periods"], made["description"]) == (
        "milestone",
        None,
        None,
        f"3 {walk} events in total",
    )
    assert made["progress"] == {
        "streak": None,
        "periods": None,
        "best": None,
        "today": None,
        "total": {"current": 0, "target": 3},
        "freezes": None,
        "freezes_used": None,
    }
    for _ in range(4):
        await send(stack, user, walk)

    async def done() -> dict[str, Any] | None:
        seen: dict[str, Any] = (await get(stack, user, made["id"])).json()
        return seen if seen["status"] == "completed" else None

    seen = await eventually(done)
    assert seen["progress"]["total"] == {"current": 3, "target": 3}
    assert await eventually(lambda: _points_are(stack, user, REWARD["points"]))


async def _points_are(stack: Stack, user: str, expected: int) -> bool:
    return await points(stack, user) == expected


async def test_a_target_without_count_or_amount_counts_two(stack: Stack) -> None:
    walk, swim = uid("walk"), uid("swim")
    await enable(stack, walk, swim)
    user = uid("u")
    streak = await created(stack, user, {"name": "Daily", "event_type": walk, "period": "day", "periods": 2})
    assert streak["target"] == {"count": 2, "amount": None}
    assert streak["progress"]["today"] == {"current": 0, "target": 2}
    total = await created(stack, user, {"name": "Two swims", "event_type": swim, "kind": "milestone", "target": {}})
    assert total["progress"]["total"] == {"current": 0, "target": 2}


async def test_a_milestone_has_no_period_and_a_streak_needs_one(stack: Stack) -> None:
    walk = uid("walk")
    await enable(stack, walk)
    user = uid("u")
    error = assert_error(await create(stack, user, milestone(walk, period="day")), 422)
    assert [d["field"] for d in error["details"]] == ["period"], error
    error = assert_error(await create(stack, user, {"name": "x", "event_type": walk, "periods": 3}), 422)
    assert [d["field"] for d in error["details"]] == ["period"], error


async def test_include_challenges_lists_challenges_alongside_missions_with_their_kind(stack: Stack) -> None:
    walk = uid("walk")
    await enable(stack, walk)
    user = uid("u")
    mine = await created(stack, user, milestone(walk, name=f"walks {walk}"))
    mission_id = await create_mission(
        stack,
        {
            "name": f"mission {walk}",
            "type": "generally_available",
            "goal": {"kind": "event", "event_type": walk, "count": 1},
        },
    )
    admin = stack.headers("admin")
    r = await stack.http.get("/v1/missions", params={"include_challenges": "true", "q": walk}, headers=admin)
    assert r.status_code == 200, r.text
    kinds = {m["id"]: m["kind"] for m in r.json()["items"]}
    assert kinds == {mine["id"]: "challenge", mission_id: "mission"}
    owners = {m["id"]: m["owner_user_id"] for m in r.json()["items"]}
    assert owners == {mine["id"]: user, mission_id: None}
    plain = await stack.http.get("/v1/missions", params={"limit": 5}, headers=admin)
    assert all("kind" not in m for m in plain.json()["items"])
