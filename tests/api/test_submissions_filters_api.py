"""The review queue's filters: `status`, `mission_id` and `user_id` together, applied in SQL, with paging."""

from __future__ import annotations

from tests.api.helpers import create_mission, uid
from tests.conftest import Stack

MANUAL = {"kind": "manual", "proof": ["text"], "approval": {"mode": "manual"}}


async def submit(stack: Stack, user: str, mission: str, text: str = "done") -> str:
    r = await stack.http.post(
        f"/v1/users/{user}/missions/{mission}/submissions",
        json={"proof": {"kind": "text", "value": text}},
        headers=stack.headers("client"),
    )
    assert r.status_code == 201, r.text
    sub_id: str = r.json()["id"]
    return sub_id


async def queue(stack: Stack, **query: str) -> dict:
    r = await stack.http.get("/v1/submissions", params=query, headers=stack.headers("admin"))
    assert r.status_code == 200, r.text
    return r.json()


async def test_the_queue_filters_by_mission_user_and_status(stack: Stack) -> None:
    m1 = await create_mission(stack, {"type": "generally_available", "goal": MANUAL})
    m2 = await create_mission(stack, {"type": "generally_available", "goal": MANUAL})
    alice, bob = uid(), uid()
    a1 = await submit(stack, alice, m1)
    b1 = await submit(stack, bob, m1)
    a2 = await submit(stack, alice, m2)

    ids = lambda page: [s["id"] for s in page["items"]]  # noqa: E731
    assert ids(await queue(stack, mission_id=m1)) == [a1, b1]  # oldest first
    assert ids(await queue(stack, user_id=alice)) == [a1, a2]
    assert ids(await queue(stack, mission_id=m1, user_id=bob)) == [b1]
    assert ids(await queue(stack, mission_id=m2, user_id=bob)) == []

    r = await stack.http.post(
        f"/v1/submissions/{a1}/decline", json={"feedback": "blurry"}, headers=stack.headers("admin")
    )
    assert r.status_code == 200, r.text
    assert ids(await queue(stack, status="pending", mission_id=m1)) == [b1]
    declined = await queue(stack, status="declined", user_id=alice)
    assert ids(declined) == [a1]
    assert declined["items"][0]["feedback"] == "blurry"

    first = await queue(stack, user_id=alice, limit="1")
    assert ids(first) == [a1] and first["next_cursor"] == a1
    assert ids(await queue(stack, user_id=alice, limit="1", cursor=first["next_cursor"])) == [a2]
