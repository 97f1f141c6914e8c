"""Budget caps counted in completions, for any reward (issue 12.6; docs/missions.md §4, §6).

`budget_cap: {"completions": N}` stops new users from starting once N completions were recorded,
whatever the reward (item, direct or none); a cap that can never trip is refused with 422.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
import sqlalchemy as sa

from db.tables import missions
from tests.api.helpers import create_mission, eventually, send, uid, view
from tests.api.receiver import Received, running_receiver
from tests.conftest import CALLBACK_SECRET, Stack


def _once(event_type: str, reward: dict[str, Any] | None, **more: Any) -> dict[str, Any]:
    return {
        "type": "generally_available",
        "goal": {"kind": "event", "event_type": event_type, "count": 1},
        "reward": reward,
        **more,
    }


async def _item(stack: Stack) -> str:
    item_id = uid("badge")
    r = await stack.http.post("/v1/items", json={"id": item_id, "name": "Badge"}, headers=stack.headers("admin"))
    assert r.status_code == 201, r.text
    return item_id


async def _mission(stack: Stack, mission_id: str) -> dict[str, Any]:
    r = await stack.http.get(f"/v1/missions/{mission_id}", headers=stack.headers("admin"))
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


async def _completed(stack: Stack, user: str, mission: str) -> bool:
    v = await view(stack, user, mission)
    return v is not None and v["tab"] == "completed"


async def _ledger(stack: Stack, user: str, mission: str) -> list[dict[str, Any]]:
    r = await stack.http.get(f"/v1/users/{user}/wallet", headers=stack.headers("client"))
    assert r.status_code == 200, r.text
    return [e for e in r.json()["ledger"] if e["mission_id"] == mission]


async def _exhausted(stack: Stack, mission: str) -> dict[str, Any] | None:
    m = await _mission(stack, mission)
    return m if m["budget_exhausted_at"] is not None else None


def _error(r: Any) -> tuple[int, str, list[str]]:
    body = r.json()["error"]
    return r.status_code, body["code"], [d["field"] for d in body.get("details") or []]


@pytest.mark.parametrize("reward", ["item", "direct", None])
async def test_a_completions_cap_admits_only_n_new_users_whatever_the_reward(stack: Stack, reward: str | None) -> None:
    given = {"item": {"item": await _item(stack)}, "direct": {"direct": "Sticker"}, None: None}[reward]
    et = uid("cap")
    mission = await create_mission(stack, _once(et, given, budget_cap={"completions": 2}))
    users = [uid() for _ in range(5)]
    # All at once: the completions queue on the mission's row, so only two of them count.
    await asyncio.gather(*(send(stack, u, et) for u in users))
    stored = await eventually(lambda: _exhausted(stack, mission), within=20)
    assert stored["budget_completions"] == 2 and stored["budget_cap"] == {"points": None, "completions": 2}
    await asyncio.sleep(0.5)  # the refused ones have had their chance to (wrongly) complete
    done = [u for u in users if await _completed(stack, u, mission)]
    assert len(done) == 2, done
    for user in set(users) - set(done):
        assert await view(stack, user, mission) is None  # hidden: had not started
    ledger = [e for u in users for e in await _ledger(stack, u, mission)]
    assert len(ledger) == (0 if reward is None else 2)
    assert (await _mission(stack, mission))["budget_completions"] == 2


async def test_raising_a_completions_cap_reopens_the_mission(stack: Stack) -> None:
    admin = stack.headers("admin")
    et = uid("cap")
    mission = await create_mission(stack, _once(et, {"direct": "Hat"}, budget_cap={"completions": 1}))
    first, newcomer = uid(), uid()
    await send(stack, first, et)
    await eventually(lambda: _exhausted(stack, mission))
    assert await view(stack, newcomer, mission) is None
    await send(stack, newcomer, et)
    await asyncio.sleep(0.3)
    assert await view(stack, newcomer, mission) is None and await _ledger(stack, newcomer, mission) == []

    r = await stack.http.patch(f"/v1/missions/{mission}", json={"budget_cap": {"completions": 2}}, headers=admin)
    assert r.status_code == 200, r.text
    assert r.json()["budget_exhausted_at"] is None and r.json()["budget_completions"] == 1
    assert await view(stack, newcomer, mission) is not None
    await send(stack, newcomer, et)
    await eventually(lambda: _completed(stack, newcomer, mission))
    stored = await eventually(lambda: _exhausted(stack, mission))
    assert stored["budget_completions"] == 2 and len(await _ledger(stack, newcomer, mission)) == 1
    # Lowering it to what was already counted keeps it closed; a cap below the count closes it too.
    r = await stack.http.patch(f"/v1/missions/{mission}", json={"budget_cap": {"completions": 1}}, headers=admin)
    assert r.status_code == 200 and r.json()["budget_exhausted_at"] is not None


async def test_opt_in_is_refused_once_spent_but_users_under_way_still_complete(stack: Stack) -> None:
    et = uid("cap")
    mission = await create_mission(stack, _once(et, None, opt_in=True, budget_cap={"completions": 2}))
    a, b, c, late = uid(), uid(), uid(), uid()
    client = stack.headers("client")
    for user in (a, b, c):
        r = await stack.http.post(f"/v1/users/{user}/missions/{mission}/opt-in", headers=client)
        assert r.status_code == 200, r.text
    for user in (a, b):
        await send(stack, user, et)
        await eventually(lambda user=user: _completed(stack, user, mission))  # type: ignore[misc]
    await eventually(lambda: _exhausted(stack, mission))
    r = await stack.http.post(f"/v1/users/{late}/missions/{mission}/opt-in", headers=client)
    assert (r.status_code, r.json()["error"]["code"]) in {(404, "mission_not_found"), (409, "budget_exhausted")}
    assert await view(stack, late, mission) is None
    # c opted in before the cap was reached: under way, so still completes (§4).
    await send(stack, c, et)
    await eventually(lambda: _completed(stack, c, mission))
    assert (await _mission(stack, mission))["budget_completions"] == 3


async def test_a_cap_that_can_never_trip_is_refused_naming_the_field(stack: Stack) -> None:
    admin = stack.headers("admin")
    item = await _item(stack)

    async def post(reward: dict[str, Any] | None, cap: Any) -> Any:
        body = {"name": uid("m"), **_once(uid("x"), reward, budget_cap=cap)}
        return await stack.http.post("/v1/missions", json=body, headers=admin)

    for reward in ({"item": item}, {"direct": "Mug"}, None):
        r = await post(reward, {"points": 10})
        assert _error(r) == (422, "validation_error", ["budget_cap.points"]), r.text
        assert "completions" in r.json()["error"]["details"][0]["reason"]
    for cap, field in (
        ({"completions": 0}, "budget_cap.completions"),
        ({"points": 10, "completions": 2}, "budget_cap"),
        ({}, "budget_cap"),
    ):
        r = await post({"points": 5}, cap)
        assert _error(r)[:2] == (422, "validation_error") and field in _error(r)[2], (cap, r.text)
    assert (await post({"points": 5}, {"points": 10})).status_code == 201
    assert (await post(None, {"completions": 1})).status_code == 201

    # A patch that leaves a cap with nothing to count is refused too, on a draft and an active mission.
    for activate in (False, True):
        capped = _once(uid("x"), {"points": 5}, budget_cap={"points": 10})
        mission = await create_mission(stack, capped, activate=activate)
        for change in ({"reward": {"item": item}}, {"reward": None}, {"budget_cap": {"points": 10}, "reward": None}):
            r = await stack.http.patch(f"/v1/missions/{mission}", json=change, headers=admin)
            assert _error(r) == (422, "validation_error", ["budget_cap.points"]), (change, r.text)
        fix = {"reward": {"item": item}, "budget_cap": {"completions": 3}}
        r = await stack.http.patch(f"/v1/missions/{mission}", json=fix, headers=admin)
        assert r.status_code == 200 and r.json()["budget_cap"] == {"points": None, "completions": 3}, r.text


async def test_a_stored_points_cap_on_an_item_mission_still_reads_and_can_be_fixed(stack: Stack) -> None:
    """A mission stored before caps were checked (points cap, item reward) keeps working."""
    admin = stack.headers("admin")
    et = uid("old")
    mission = await create_mission(stack, _once(et, {"item": await _item(stack)}, budget_cap={"completions": 1}))
    async with stack.engine.begin() as conn:
        spec = (await conn.execute(sa.select(missions.c.spec).where(missions.c.id == mission))).scalar_one()
        spec = {**spec, "budget_cap": {"points": 10}}
        await conn.execute(sa.update(missions).where(missions.c.id == mission).values(spec=spec))
    assert (await _mission(stack, mission))["budget_cap"] == {"points": 10, "completions": None}
    user = uid()
    await send(stack, user, et)
    await eventually(lambda: _completed(stack, user, mission))
    r = await stack.http.patch(f"/v1/missions/{mission}", json={"description": "still fine"}, headers=admin)
    assert r.status_code == 200, r.text
    r = await stack.http.patch(f"/v1/missions/{mission}", json={"budget_cap": {"completions": 1}}, headers=admin)
    assert r.status_code == 200, r.text
    # Counted while the (old) cap was there: the fixed cap is reached at once.
    assert r.json()["budget_completions"] == 1 and r.json()["budget_exhausted_at"] is not None


async def test_budget_exhausted_callback_carries_the_completions_cap_and_count(stack: Stack) -> None:
    with running_receiver(CALLBACK_SECRET) as receiver:
        et = uid("cb")
        mission = await create_mission(stack, _once(et, None, budget_cap={"completions": 1}, callback_url=receiver.url))
        await send(stack, uid(), et)

        async def budget() -> list[Received]:
            with receiver.lock:
                return [r for r in receiver.received if r.answered == 200 and r.event == "budget.exhausted"]

        [got] = await eventually(budget, within=30)
        data = got.json["data"]
        assert data["mission_id"] == mission and data["budget_cap"] == {"completions": 1}
        assert data["budget_completions"] == 1 and data["exhausted_at"]
