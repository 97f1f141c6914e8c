"""User-created challenges end to end (docs/missions.md §8, api.md): the operator's
configuration, a user's challenge completed by events through `POST /v1/events` on the real
stack, the reward fixed by the operator, limits, unenrolling, and the `/v1/me` routes.

The configuration is one row for the whole deployment: each test enables its own event types on
top of what is there (same reward and limit everywhere), so tests stay independent.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
from temporalio.client import WorkflowExecutionStatus

from tests.api.helpers import eventually, points, send, uid
from tests.api.test_auth import assert_error, bearer, token_for
from tests.conftest import Stack
from workflows.payloads import enrolment_id

REWARD = {"points": 25}
LIMIT = 3


async def enable(stack: Stack, *event_types: str) -> dict[str, Any]:
    """Adds event types to the operator's configuration; returns the configuration stored."""
    admin = stack.headers("admin")
    r = await stack.http.get("/v1/challenges/config", headers=admin)
    assert r.status_code == 200, r.text
    types = sorted(set(r.json()["event_types"]) | set(event_types))
    body = {"event_types": types, "reward": REWARD, "max_active_per_user": LIMIT}
    r = await stack.http.put("/v1/challenges/config", json=body, headers=admin)
    assert r.status_code == 200, r.text
    stored: dict[str, Any] = r.json()
    return stored


def challenge(event_type: str, **fields: Any) -> dict[str, Any]:
    return {"name": "Two a day", "event_type": event_type, "target": {"count": 2}, "period": "day", "periods": 1} | (
        fields
    )


async def create(stack: Stack, user: str, body: dict[str, Any]) -> httpx.Response:
    return await stack.http.post(f"/v1/users/{user}/challenges", json=body, headers=stack.headers("client"))


async def created(stack: Stack, user: str, body: dict[str, Any]) -> dict[str, Any]:
    r = await create(stack, user, body)
    assert r.status_code == 201, r.text
    view: dict[str, Any] = r.json()
    return view


async def get(stack: Stack, user: str, challenge_id: str) -> httpx.Response:
    return await stack.http.get(f"/v1/users/{user}/challenges/{challenge_id}", headers=stack.headers("client"))


async def listed(stack: Stack, user: str) -> list[dict[str, Any]]:
    r = await stack.http.get(f"/v1/users/{user}/challenges", headers=stack.headers("client"))
    assert r.status_code == 200, r.text
    items: list[dict[str, Any]] = r.json()["items"]
    return items


async def mission_ids(stack: Stack, user: str) -> set[str]:
    r = await stack.http.get(f"/v1/users/{user}/missions", headers=stack.headers("client"))
    assert r.status_code == 200, r.text
    return {m["mission_id"] for m in r.json()["items"]}


async def test_a_challenge_completes_through_events_and_pays_the_operators_reward_once(stack: Stack) -> None:
    walk = uid("walk")
    await enable(stack, walk)
    user, other = uid("u"), uid("u")
    made = await created(stack, user, challenge(walk))
    cid = made["id"]
    assert made == {
        "id": cid,
        "name": "Two a day",
        "description": f"2 {walk} events a day, for one day",
        "event_type": walk,
        "kind": "streak",
        "target": {"count": 2, "amount": None},
        "period": "day",
        "periods": 1,
        "timezone": "UTC",
        "reward": {"points": 25, "item": None, "direct": None},
        "status": "active",
        "progress": {
            "streak": 0,
            "periods": 1,
            "best": 0,
            "today": {"current": 0, "target": 2},
            "total": None,
            "freezes": 0,
            "freezes_used": 0,
        },
        "completions": 0,
        "created_at": made["created_at"],
        "completed_at": None,
    }
    # A challenge is nobody's mission: not in the owner's list, not visible to anyone.
    assert cid not in await mission_ids(stack, user)
    # Admins list the operator's missions by default, and users' challenges on request.
    admin = stack.headers("admin")
    r = await stack.http.get("/v1/missions", params={"limit": 500, "status": "active"}, headers=admin)
    assert cid not in {m["id"] for m in r.json()["items"]}
    r = await stack.http.get("/v1/missions", params={"challenges": "true", "limit": 500}, headers=admin)
    assert {m["owner_user_id"] for m in r.json()["items"] if m["id"] == cid} == {user}
    r = await stack.http.get(f"/v1/users/{user}/missions/{cid}", headers=stack.headers("client"))
    assert_error(r, 404, "mission_not_found")

    await send(stack, other, walk)
    await send(stack, other, walk)
    assert (await get(stack, user, cid)).json()["progress"]["today"]["current"] == 0, "others' events do not count"
    assert await points(stack, other) == 0

    await send(stack, user, walk)

    async def one_today() -> bool:
        return bool((await get(stack, user, cid)).json()["progress"]["today"] == {"current": 1, "target": 2})

    # Eventually: the first journey a fresh worker runs can take longer than a settling send waits.
    assert await eventually(one_today)
    await send(stack, user, walk)

    async def completed() -> dict[str, Any] | None:
        view: dict[str, Any] = (await get(stack, user, cid)).json()
        return view if view["status"] == "completed" else None

    done = await eventually(completed)
    assert done["progress"]["streak"] == 1 and done["completions"] == 1 and done["completed_at"]
    assert await eventually(lambda: _points_are(stack, user, 25))
    await send(stack, user, walk)
    await asyncio.sleep(0.5)
    assert await points(stack, user) == 25
    assert (await get(stack, user, cid)).json()["completions"] == 1

    assert [c["id"] for c in await listed(stack, user)] == [cid]
    assert_error(
        await stack.http.delete(f"/v1/users/{user}/challenges/{cid}", headers=stack.headers("client")),
        409,
        "challenge_completed",
    )
    assert cid not in await mission_ids(stack, user)


async def _points_are(stack: Stack, user: str, expected: int) -> bool:
    return await points(stack, user) == expected


async def test_the_user_cannot_choose_the_reward_nor_a_type_not_enabled(stack: Stack) -> None:
    walk = uid("walk")
    await enable(stack, walk)
    user = uid("u")
    error = assert_error(await create(stack, user, challenge(walk, reward={"points": 10_000})), 422, "validation_error")
    assert [d["field"] for d in error["details"]] == ["reward"]

    error = assert_error(await create(stack, user, challenge(uid("not-enabled"))), 422, "challenge_not_allowed")
    assert [d["field"] for d in error["details"]] == ["event_type"]

    error = assert_error(await create(stack, user, challenge(walk, periods=0, target={})), 422, "validation_error")
    # A target without count or amount counts 2 (the COUNT default), so only periods is refused.
    assert {d["field"] for d in error["details"]} == {"periods"}
    assert await listed(stack, user) == []


async def test_the_limit_holds_under_concurrent_requests_and_leaving_frees_a_place(stack: Stack) -> None:
    # One running challenge per event type and user: the limit is tried on as many types.
    walks = [uid("walk") for _ in range(LIMIT + 2)]
    await enable(stack, *walks)
    user = uid("u")
    answers = await asyncio.gather(*(create(stack, user, challenge(w, name=f"c{i}")) for i, w in enumerate(walks)))
    assert sorted(r.status_code for r in answers) == [201] * LIMIT + [409] * 2
    refused = next(r for r in answers if r.status_code == 409)
    assert assert_error(refused, 409, "too_many_challenges")["details"] == {
        "active": LIMIT,
        "max_active_per_user": LIMIT,
    }
    assert len(await listed(stack, user)) == LIMIT
    assert await created(stack, uid("u"), challenge(walks[0])), "the limit is per user"

    first = next(r.json() for r in answers if r.status_code == 201)
    r = await stack.http.delete(f"/v1/users/{user}/challenges/{first['id']}", headers=stack.headers("client"))
    assert r.status_code == 204, r.text
    assert await created(stack, user, challenge(first["event_type"])), "leaving frees the place and the type"


async def test_one_running_challenge_per_event_type(stack: Stack) -> None:
    walk, run = uid("walk"), uid("run")
    await enable(stack, walk, run)
    user = uid("u")
    cid = (await created(stack, user, challenge(walk)))["id"]
    # Not even a different target, period or time zone: one event would complete both.
    for other in (
        challenge(walk),
        challenge(walk, target={"amount": 3}),
        challenge(walk, period="week", periods=4),
        challenge(walk, timezone="Asia/Tokyo"),
    ):
        error = assert_error(await create(stack, user, other), 409, "challenge_already_running")
        assert error["details"] == {"event_type": walk, "challenge_id": cid}
    assert await created(stack, user, challenge(run)), "another event type"
    assert await created(stack, uid("u"), challenge(walk)), "another user"


async def test_leaving_ends_the_challenge_without_a_reward(stack: Stack) -> None:
    walk = uid("walk")
    await enable(stack, walk)
    user, other = uid("u"), uid("u")
    cid = (await created(stack, user, challenge(walk)))["id"]
    await send(stack, user, walk)
    assert (await get(stack, user, cid)).json()["progress"]["today"]["current"] == 1

    client = stack.headers("client")
    assert_error(await stack.http.delete(f"/v1/users/{other}/challenges/{cid}", headers=client), 404)
    assert_error(await get(stack, other, cid), 404, "challenge_not_found")
    r = await stack.http.delete(f"/v1/users/{user}/challenges/{cid}", headers=client)
    assert r.status_code == 204, r.text
    assert r.content == b""

    assert_error(await get(stack, user, cid), 404, "challenge_not_found")
    assert_error(await stack.http.delete(f"/v1/users/{user}/challenges/{cid}", headers=client), 404)
    assert await listed(stack, user) == []

    # The archive reaches the running journey, which ends; the events that would complete it pay nothing.
    handle = stack.env.client.get_workflow_handle(enrolment_id(cid, user))

    async def journey_closed() -> bool:
        return (await handle.describe()).status is WorkflowExecutionStatus.COMPLETED

    assert await eventually(journey_closed, within=20)
    await send(stack, user, walk)
    await send(stack, user, walk)
    await asyncio.sleep(0.5)
    assert await points(stack, user) == 0


async def test_the_me_routes_act_for_the_tokens_user(stack: Stack) -> None:
    walk = uid("walk")
    await enable(stack, walk)
    alice, bob = uid("alice"), uid("bob")
    as_alice, as_bob = bearer(await token_for(stack, alice)), bearer(await token_for(stack, bob))
    r = await stack.http.post("/v1/me/challenges", json=challenge(walk, periods=7, period="week"), headers=as_alice)
    assert r.status_code == 201, r.text
    cid = r.json()["id"]
    assert r.json()["description"] == f"2 {walk} events a week, 7 weeks in a row"

    r = await stack.http.get("/v1/me/challenges", headers=as_alice)
    assert [c["id"] for c in r.json()["items"]] == [cid]
    assert (await stack.http.get(f"/v1/me/challenges/{cid}", headers=as_alice)).status_code == 200
    assert [c["id"] for c in await listed(stack, alice)] == [cid], "the same challenge under the client's path"

    assert (await stack.http.get("/v1/me/challenges", headers=as_bob)).json()["items"] == []
    assert_error(await stack.http.get(f"/v1/me/challenges/{cid}", headers=as_bob), 404, "challenge_not_found")
    assert_error(await stack.http.delete(f"/v1/me/challenges/{cid}", headers=as_bob), 404)
    # A user token may not use the client's paths, nor the operator's configuration.
    assert_error(await stack.http.get(f"/v1/users/{alice}/challenges", headers=as_alice), 403)
    assert_error(await stack.http.get("/v1/challenges/config", headers=as_alice), 403)

    assert (await stack.http.delete(f"/v1/me/challenges/{cid}", headers=as_alice)).status_code == 204
    assert (await stack.http.get("/v1/me/challenges", headers=as_alice)).json()["items"] == []


async def test_the_configuration_is_the_admins_and_validated(stack: Stack) -> None:
    walk = uid("walk")
    stored = await enable(stack, walk)
    assert walk in stored["event_types"] and stored["reward"] == {"points": 25, "item": None, "direct": None}
    admin, client = stack.headers("admin"), stack.headers("client")
    assert (await stack.http.get("/v1/challenges/config", headers=admin)).json() == stored

    assert_error(await stack.http.get("/v1/challenges/config", headers=client), 403)
    assert_error(await stack.http.put("/v1/challenges/config", json=stored, headers=client), 403)

    bad = {"event_types": [walk, walk], "reward": None, "max_active_per_user": 0}
    error = assert_error(await stack.http.put("/v1/challenges/config", json=bad, headers=admin), 422)
    assert {d["field"] for d in error["details"]} == {"event_types", "max_active_per_user"}
    missing = {"event_types": [walk], "reward": {"item": uid("no-such-item")}}
    error = assert_error(await stack.http.put("/v1/challenges/config", json=missing, headers=admin), 422)
    assert error["code"] == "item_not_found"
    assert (await stack.http.get("/v1/challenges/config", headers=admin)).json() == stored, "refusals change nothing"
