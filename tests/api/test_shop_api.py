"""Rewards of every kind through the API (docs/missions.md §6): the bonus shop's stock, item
rewards owed while out of stock and handed out on restock, direct rewards, and budget caps."""

from __future__ import annotations

from typing import Any

from tests.api.helpers import create_mission, eventually, points, send, uid, view
from tests.conftest import Stack


def _once(event_type: str, reward: dict[str, Any] | None, **more: Any) -> dict[str, Any]:
    return {
        "type": "generally_available",
        "goal": {"kind": "event", "event_type": event_type, "count": 1},
        "reward": reward,
        **more,
    }


async def _wallet(stack: Stack, user: str) -> dict[str, Any]:
    r = await stack.http.get(f"/v1/users/{user}/wallet", headers=stack.headers("client"))
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


async def _completed(stack: Stack, user: str, mission: str) -> bool:
    v = await view(stack, user, mission)
    return v is not None and v["tab"] == "completed"


async def test_item_stock_runs_out_into_owed_rewards_that_a_restock_hands_out(stack: Stack) -> None:
    admin = stack.headers("admin")
    item_id = uid("mug")
    r = await stack.http.post("/v1/items", json={"id": item_id, "name": "Mug", "stock": 2}, headers=admin)
    assert r.status_code == 201, r.text
    assert r.json()["stock"] == 2
    assert (await stack.http.post("/v1/items", json={"id": item_id, "name": "Mug"}, headers=admin)).status_code == 409

    et = uid("buy")
    mission = await create_mission(stack, _once(et, {"item": item_id}))
    users = [uid() for _ in range(3)]
    for user in users:
        await send(stack, user, et)
        await eventually(lambda user=user: _completed(stack, user, mission))  # type: ignore[misc]
    wallets = [await _wallet(stack, u) for u in users]
    assert [len(w["items"]) for w in wallets] == [1, 1, 0]
    assert [len(w["owed"]) for w in wallets] == [0, 0, 1]
    assert wallets[2]["owed"][0]["item_id"] == item_id and wallets[2]["owed"][0]["mission_id"] == mission
    assert all(w["points"] == 0 for w in wallets)

    r = await stack.http.get(f"/v1/items/{item_id}", headers=admin)
    assert r.json()["stock"] == 0
    r = await stack.http.get(f"/v1/items/{item_id}/owed", headers=admin)
    assert [o["user_id"] for o in r.json()["items"]] == [users[2]]

    r = await stack.http.patch(f"/v1/items/{item_id}", json={"stock": 5}, headers=admin)
    assert r.status_code == 200, r.text
    assert r.json() == {**r.json(), "fulfilled": 1}
    assert r.json()["item"]["stock"] == 4  # the owed reward took one of the five first
    late = await _wallet(stack, users[2])
    assert [i["item_id"] for i in late["items"]] == [item_id] and late["owed"] == []
    r = await stack.http.get(f"/v1/items/{item_id}/owed", params={"status": "fulfilled"}, headers=admin)
    assert [o["user_id"] for o in r.json()["items"]] == [users[2]]
    assert (await stack.http.get(f"/v1/items/{item_id}/owed", headers=admin)).json()["items"] == []


async def test_unknown_items_are_refused_where_rewards_are_defined(stack: Stack) -> None:
    admin = stack.headers("admin")
    r = await stack.http.post("/v1/missions", json={"name": "m", **_once("x", {"item": uid("nothing")})}, headers=admin)
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "item_not_found"
    assert r.json()["error"]["details"][0]["field"] == "reward.item"
    mission = await create_mission(stack, _once(uid("x"), {"points": 1}), activate=False)
    r = await stack.http.patch(f"/v1/missions/{mission}", json={"reward": {"item": "nope-" + uid()}}, headers=admin)
    assert r.status_code == 422 and r.json()["error"]["code"] == "item_not_found"
    r = await stack.http.post("/v1/quests", json={"name": "q", "reward": {"item": "nope-" + uid()}}, headers=admin)
    assert r.status_code == 422 and r.json()["error"]["code"] == "item_not_found"
    assert (await stack.http.get(f"/v1/items/{uid()}", headers=admin)).status_code == 404
    r = await stack.http.post("/v1/items", json={"name": "x", "stock": -1}, headers=admin)
    assert r.status_code == 422 and r.json()["error"]["details"][0]["field"] == "stock"
    client = stack.headers("client")
    assert (await stack.http.get("/v1/items", headers=client)).status_code == 403


async def test_direct_rewards_are_recorded_without_moving_points(stack: Stack) -> None:
    et = uid("gift")
    mission = await create_mission(stack, _once(et, {"direct": "Gift card"}))
    user = uid()
    await send(stack, user, et)
    await eventually(lambda: _completed(stack, user, mission))
    w = await _wallet(stack, user)
    assert w["points"] == 0
    assert [(e["kind"], e["label"], e["mission_id"]) for e in w["ledger"]] == [("direct", "Gift card", mission)]


async def test_a_spent_budget_hides_the_mission_from_new_users_until_the_cap_is_raised(stack: Stack) -> None:
    admin = stack.headers("admin")
    et = uid("cap")
    mission = await create_mission(stack, _once(et, {"points": 10}, budget_cap={"points": 20}))
    first, second, newcomer = uid(), uid(), uid()
    for user in (first, second):
        await send(stack, user, et)
        await eventually(lambda user=user: _completed(stack, user, mission))  # type: ignore[misc]
    r = await stack.http.get(f"/v1/missions/{mission}", headers=admin)
    assert r.json()["budget_spent"] == 20 and r.json()["budget_exhausted_at"] is not None

    assert await view(stack, newcomer, mission) is None  # hidden: has not started
    assert await _completed(stack, first, mission)  # still shown to those who did
    listed = await stack.http.get(f"/v1/users/{newcomer}/missions", headers=stack.headers("client"))
    assert mission not in [m["mission_id"] for m in listed.json()["items"]]
    await send(stack, newcomer, et)
    assert await points(stack, newcomer) == 0

    r = await stack.http.patch(f"/v1/missions/{mission}", json={"budget_cap": {"points": 30}}, headers=admin)
    assert r.status_code == 200, r.text
    assert r.json()["budget_exhausted_at"] is None
    assert await view(stack, newcomer, mission) is not None
    await send(stack, newcomer, et)
    await eventually(lambda: _completed(stack, newcomer, mission))
    r = await stack.http.get(f"/v1/missions/{mission}", headers=admin)
    assert r.json()["budget_spent"] == 30 and r.json()["budget_exhausted_at"] is not None
