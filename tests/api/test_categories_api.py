"""Categories for users (issue 17): `GET /v1/me/categories` and `?category=` on a user's
missions, for the user token and the client key. On the real stack."""

from __future__ import annotations

from typing import Any

from tests.api.helpers import create_mission, eventually, send, uid
from tests.conftest import Stack


def _goal(event_type: str) -> dict[str, Any]:
    return {"kind": "event", "event_type": event_type, "count": 1}


async def _category(stack: Stack, missions: list[str]) -> str:
    admin = stack.headers("admin")
    category: str = (await stack.http.post("/v1/categories", json={"name": uid("cat")}, headers=admin)).json()["id"]
    r = await stack.http.post(f"/v1/categories/{category}/missions", json={"mission_ids": missions}, headers=admin)
    assert r.status_code == 200, r.text
    return category


async def test_categories_with_counts_and_missions_by_category(stack: Stack) -> None:
    et = uid("et")
    a = [await create_mission(stack, {"type": "generally_available", "goal": _goal(et)}) for _ in range(2)]
    b = await create_mission(stack, {"type": "generally_available", "goal": _goal(uid("other"))})
    hidden = await create_mission(stack, {"type": "generally_available", "goal": _goal(et)}, activate=False)
    cat_a, cat_b = await _category(stack, a), await _category(stack, [b])
    cat_hidden = await _category(stack, [hidden])  # only a draft: visible to nobody
    user = uid()
    await send(stack, user, et)  # completes both missions of cat_a
    token = (await stack.http.post(f"/v1/users/{user}/token", headers=stack.headers("client"))).json()["token"]
    me = {"Authorization": f"Bearer {token}"}

    async def counted() -> Any:
        r = await stack.http.get("/v1/me/categories", headers=me)
        assert r.status_code == 200, r.text
        items = {c["id"]: c for c in r.json()["items"]}
        return items if items.get(cat_a, {}).get("completed") == 2 else None

    items = await eventually(counted)
    assert items[cat_a]["count"] == 2 and items[cat_a]["available"] == 0 and items[cat_a]["name"]
    assert items[cat_b]["count"] == 1 and items[cat_b]["available"] == 1
    assert cat_hidden not in items
    # The client key reads the same for the user.
    r = await stack.http.get(f"/v1/users/{user}/categories", headers=stack.headers("client"))
    assert {c["id"]: c["count"] for c in r.json()["items"]}[cat_a] == 2

    r = await stack.http.get("/v1/me/missions", params={"category": cat_a}, headers=me)
    assert r.status_code == 200, r.text
    assert sorted(m["mission_id"] for m in r.json()["items"]) == sorted(a)
    r = await stack.http.get(f"/v1/users/{user}/missions", params={"category": cat_b}, headers=stack.headers("client"))
    assert [m["mission_id"] for m in r.json()["items"]] == [b]
    r = await stack.http.get(
        f"/v1/users/{user}/missions", params={"category": cat_a, "tab": "available"}, headers=stack.headers("client")
    )
    assert r.json()["items"] == []


async def test_categories_need_a_user_token(stack: Stack) -> None:
    r = await stack.http.get("/v1/me/categories", headers=stack.headers("client"))
    assert r.status_code == 403
    r = await stack.http.get("/v1/me/categories")
    assert r.status_code == 401
