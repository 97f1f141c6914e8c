"""Streak freezes through the API (issue 17): a streak goal's `freezes` spec is validated, and the
user's mission view shows the streak with the freezes held and used. (Days passing, a freeze
used and a repair are on the time-skipping server: tests/workflows/test_streak_trust.py.)"""

from __future__ import annotations

from typing import Any

from tests.api.helpers import create_mission, eventually, send, uid, view
from tests.api.test_auth import assert_error
from tests.api.test_leaderboards_api import _agrees
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
    r = await stack.http.get(f"/v1/users/{user}/missions/{mission_id}/explain", headers=stack.headers("client"))
    assert r.status_code == 200, r.text
    assert r.json()["streak"] == seen["streak"]


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


async def test_a_user_buys_a_freeze_in_the_shop_once_per_purchase_and_within_the_max(stack: Stack) -> None:
    admin, client = stack.headers("admin"), stack.headers("client")
    item = uid("freeze")
    r = await stack.http.post(
        "/v1/items", json={"id": item, "name": "Streak freeze", "kind": "streak_freeze", "price": 10}, headers=admin
    )
    assert r.status_code == 201, r.text
    assert (r.json()["kind"], r.json()["price"]) == ("streak_freeze", 10)
    visit, earn = uid("visit"), uid("earn")
    streak_id = await create_mission(
        stack, {"type": "generally_available", "goal": streak_goal(visit, freezes={"max": 1})}
    )
    await create_mission(
        stack,
        {
            "type": "generally_available",
            "goal": {"kind": "event", "event_type": earn, "count": 1},
            "reward": {"points": 25},
        },
    )
    user, poor = uid("u"), uid("u")
    for who in (user, poor):
        await send(stack, who, visit)
    await send(stack, user, earn)
    await eventually(lambda: _has_points(stack, user, 25))
    await eventually(lambda: _has_streak(stack, poor, streak_id))
    await eventually(lambda: _has_streak(stack, user, streak_id))

    board = (
        await stack.http.post("/v1/leaderboards", json={"name": uid("lb"), "period": "all"}, headers=admin)
    ).json()["id"]
    buy = {"item_id": item, "mission_id": streak_id, "purchase_id": uid("p")}
    r = await stack.http.post(f"/v1/users/{user}/streak-freezes", json=buy, headers=client)
    assert r.status_code == 201, r.text
    # A points board counts points earned: the purchase lowers the balance, not the score.
    standing = await stack.http.get(f"/v1/leaderboards/{board}/standings", params={"around": user}, headers=admin)
    assert standing.json()["user"]["score"] == 25, standing.text
    await _agrees(stack, board)
    assert {k: r.json()[k] for k in ("price", "points", "freezes", "duplicate")} == {
        "price": 10,
        "points": 15,
        "freezes": 1,
        "duplicate": False,
    }
    again = await stack.http.post(f"/v1/users/{user}/streak-freezes", json=buy, headers=client)
    assert (again.status_code, again.json()["points"], again.json()["duplicate"]) == (201, 15, True)
    full = await stack.http.post(
        f"/v1/users/{user}/streak-freezes", json={**buy, "purchase_id": uid("p")}, headers=client
    )
    assert_error(full, 409, "freezes_full")
    assert (await stack.http.get(f"/v1/users/{user}/wallet", headers=client)).json()["points"] == 15
    seen = await view(stack, user, streak_id)
    assert seen is not None and seen["streak"]["freezes"] == 1

    broke = await stack.http.post(
        f"/v1/users/{poor}/streak-freezes", json={"item_id": item, "mission_id": streak_id}, headers=client
    )
    assert_error(broke, 409, "insufficient_points")
    error = assert_error(
        await stack.http.post(
            f"/v1/users/{user}/streak-freezes", json={"item_id": uid("nope"), "mission_id": streak_id}, headers=client
        ),
        422,
        "item_not_found",
    )
    assert [d["field"] for d in error["details"]] == ["item_id"]
    error = assert_error(
        await stack.http.post(
            f"/v1/users/{user}/streak-freezes", json={"item_id": item, "mission_id": uid("missing")}, headers=client
        ),
        422,
    )
    assert [d["field"] for d in error["details"]] == ["mission_id"]
    r = await stack.http.post("/v1/items", json={"name": "x", "kind": "streak_freeze"}, headers=admin)
    assert [d["field"] for d in assert_error(r, 422)["details"]] == ["price"]


async def _has_points(stack: Stack, user: str, n: int) -> bool:
    r = await stack.http.get(f"/v1/users/{user}/wallet", headers=stack.headers("client"))
    return bool(r.json()["points"] == n)


async def _has_streak(stack: Stack, user: str, mission_id: str) -> bool:
    seen = await view(stack, user, mission_id)
    return bool(seen and seen["streak"]["current"] == 1)
