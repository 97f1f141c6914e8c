"""Event ids on the real stack (issue 13.2, 13.4, 13.5): the idempotency key of `POST /v1/events`.

- Ids starting with `questline.` are Questline's own (its announcements): a client's is refused
  with 422 naming the field, and "this completion was already counted" is decided from what only
  Questline writes, never from the event log, so a squatted id cannot stretch a budget cap.
- An id is global to the installation (across users and types). The same id with the same
  payload is a duplicate; with a different payload it is 409 `idempotency_conflict` naming the id,
  and a batch with such an id is refused whole, inside one batch as across requests.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from db.tables import events
from tests.api.helpers import create_mission, eventually, points, uid, view
from tests.conftest import Stack


def _once(event_type: str, **more: Any) -> dict[str, Any]:
    return {"type": "generally_available", "goal": {"kind": "event", "event_type": event_type, "count": 1}, **more}


def _squat(mission: str, user: str) -> str:
    """The id Questline gives the announcement of the user's first completion of the mission."""
    return f"questline.mission_completed:{mission}:{user}:1"


async def _post(stack: Stack, body: dict[str, Any]) -> Any:
    return await stack.http.post("/v1/events", json=body, headers=stack.headers("client"))


async def _batch(stack: Stack, bodies: list[dict[str, Any]]) -> Any:
    return await stack.http.post("/v1/events/batch", json={"events": bodies}, headers=stack.headers("client"))


def _error(r: Any) -> tuple[int, str, list[str]]:
    body = r.json()["error"]
    return r.status_code, body["code"], [d["field"] for d in body.get("details") or []]


async def _mission(stack: Stack, mission_id: str) -> dict[str, Any]:
    r = await stack.http.get(f"/v1/missions/{mission_id}", headers=stack.headers("admin"))
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


async def _exhausted(stack: Stack, mission: str) -> dict[str, Any] | None:
    m = await _mission(stack, mission)
    return m if m["budget_exhausted_at"] is not None else None


async def _progress(stack: Stack, user: str, mission: str) -> int:
    v = await view(stack, user, mission)
    return 0 if v is None else int(v["progress"]["current"])


async def _is_new(stack: Stack, body: dict[str, Any]) -> bool:
    """Sends the event again on its own: True when it had not been logged before."""
    r = await _post(stack, body)
    assert r.status_code == 202, r.text
    return r.json()["duplicate"] is False


# --- 13.2: the internal namespace ------------------------------------------------------------


async def test_event_ids_in_the_internal_namespace_are_refused_naming_the_field(stack: Stack) -> None:
    user = uid()
    r = await _post(stack, {"id": _squat("mis_x", user), "user_id": user, "type": uid("t")})
    assert _error(r) == (422, "validation_error", ["id"]), r.text
    assert "questline." in r.json()["error"]["details"][0]["reason"]

    ok = {"id": uid("e"), "user_id": user, "type": uid("t")}
    squatted = {"id": "questline.tier_changed:abc", "user_id": user, "type": uid("t")}
    r = await _batch(stack, [ok, {**ok, "id": uid("e")}, squatted])
    assert _error(r) == (422, "validation_error", ["events.2.id"]), r.text
    assert await _is_new(stack, ok)  # the batch was refused whole

    # Only the exact prefix is reserved: a look-alike id is an ordinary client id.
    r = await _post(stack, {"id": f"Questline.{uid('e')}", "user_id": user, "type": uid("t")})
    assert r.status_code == 202 and r.json()["duplicate"] is False, r.text


async def _capped_race(stack: Stack, users: int, *, squat_in_log: bool) -> tuple[str, list[str], str]:
    """A 20-point mission capped at 20 points, and a locked one it unlocks; each user's one event
    goes out in one batch, so every journey starts before the cap is spent."""
    et = uid("dep")
    mission = await create_mission(stack, _once(et, reward={"points": 20}, budget_cap={"points": 20}))
    after = await create_mission(
        stack,
        {"type": "locked", "unlock": {"after_missions": [mission]}, "goal": _once(uid("next"))["goal"]},
    )
    who = [uid() for _ in range(users)]
    if squat_in_log:
        # As an installation may hold from before ids were checked: a client's row under the id
        # of each user's future announcement, already routed.
        now = datetime.now(UTC)
        async with stack.engine.begin() as conn:
            await conn.execute(
                sa.insert(events),
                [
                    {"id": _squat(mission, u), "user_id": u, "type": et, "received_at": now, "routed_at": now}
                    for u in who
                ],
            )
    r = await _batch(stack, [{"id": uid("e"), "user_id": u, "type": et} for u in who])
    assert r.status_code == 202, r.text
    return mission, who, after


async def _paid_once_the_race_settled(stack: Stack, mission: str, who: list[str]) -> int:
    await eventually(lambda: _exhausted(stack, mission), within=20)
    await asyncio.sleep(1.0)  # the refused completions have had their chance to (wrongly) pay
    return sum([await points(stack, u) for u in who])


async def test_a_budget_cap_holds_against_a_client_squatting_completion_ids(stack: Stack) -> None:
    et = uid("dep")
    mission = await create_mission(stack, _once(et, reward={"points": 20}, budget_cap={"points": 20}))
    who = [uid() for _ in range(6)]
    # The attack of the issue: the ids of six users' future completion announcements...
    r = await _batch(stack, [{"id": _squat(mission, u), "user_id": u, "type": uid("noise")} for u in who])
    assert _error(r)[:2] == (422, "validation_error"), r.text
    assert _error(r)[2] == [f"events.{i}.id" for i in range(6)]
    # ...then the six users' events at once: the cap still holds.
    r = await _batch(stack, [{"id": uid("e"), "user_id": u, "type": et} for u in who])
    assert r.status_code == 202, r.text
    paid = await _paid_once_the_race_settled(stack, mission, who)
    assert paid == 20, paid
    assert (await _mission(stack, mission))["budget_spent"] == 20


async def test_a_squatting_row_in_the_log_does_not_make_a_completion_already_counted(stack: Stack) -> None:
    mission, who, after = await _capped_race(stack, 6, squat_in_log=True)
    paid = await _paid_once_the_race_settled(stack, mission, who)
    assert paid == 20, f"a cap of 20 paid {paid}"
    budget = await _mission(stack, mission)
    assert budget["budget_spent"] == 20 and budget["budget_completions"] == 1
    # The one completion that counted is announced all the same (its id was squatted in the log):
    # the mission it unlocks opens for that user, and for no one else.
    [winner] = [u for u in who if await points(stack, u) == 20]
    unlocked = await eventually(lambda: view(stack, winner, after))
    assert unlocked["status"] == "available" and unlocked["tab"] == "available", unlocked
    for loser in set(who) - {winner}:
        assert await view(stack, loser, mission) is None  # hidden: had not started before the cap
        locked = await view(stack, loser, after)
        assert locked is not None and locked["status"] == "locked", locked


# --- 13.4 and 13.5: an id is an idempotency key --------------------------------------------------


async def test_an_id_reused_with_the_same_payload_is_a_duplicate(stack: Stack) -> None:
    et = uid("t")
    user = uid()
    mission = await create_mission(stack, {**_once(et), "goal": {"kind": "event", "event_type": et, "count": 5}})
    base = {
        "id": uid("e"),
        "user_id": user,
        "type": et,
        "value": "10.5",
        "tags": ["a", "b"],
        "occurred_at": "2026-01-02T10:00:00+00:00",
        "attributes": {"k": [1, {"n": 2.5}], "s": "x"},
    }
    assert await _is_new(stack, base)
    await eventually(lambda: _progress(stack, user, mission))
    # The same event again, as a retry may spell it: the same instant in another offset, the same
    # number written differently, the tags in another order, the attributes' keys reordered.
    again = {
        **base,
        "value": 10.50,
        "tags": ["b", "a"],
        "occurred_at": "2026-01-02T12:00:00+02:00",
        "attributes": {"s": "x", "k": [1, {"n": 2.5}]},
    }
    for body in (base, again):
        r = await _post(stack, body)
        assert r.status_code == 202 and r.json() == {"id": base["id"], "accepted": True, "duplicate": True}, r.text
    r = await _batch(stack, [again, base])
    assert r.status_code == 202 and [x["duplicate"] for x in r.json()["results"]] == [True, True], r.text
    # A retry of an event sent without occurred_at (the server's receive time is not the payload).
    bare = {"id": uid("e"), "user_id": user, "type": et}
    assert await _is_new(stack, bare) and not await _is_new(stack, bare)
    await asyncio.sleep(0.3)
    assert await _progress(stack, user, mission) == 2


async def test_an_id_reused_with_a_different_payload_is_an_idempotency_conflict(stack: Stack) -> None:
    et = uid("t")
    mission = await create_mission(stack, _once(et, reward={"points": 5}))
    a, b = uid(), uid()
    first = {"id": uid("e"), "user_id": a, "type": et, "value": 3, "tags": ["x"], "attributes": {"k": 1}}
    r = await _post(stack, first)
    assert r.status_code == 202 and r.json()["duplicate"] is False, r.text
    # User B's event under user A's id is not silently dropped: it is refused, naming the id.
    r = await _post(stack, {**first, "user_id": b})
    assert _error(r) == (409, "idempotency_conflict", ["id"]), r.text
    assert first["id"] in r.json()["error"]["message"]
    assert r.json()["error"]["details"][0]["id"] == first["id"]
    assert "user_id" in r.json()["error"]["details"][0]["reason"]
    changes: list[dict[str, Any]] = [
        {"type": uid("t")},
        {"value": 4},
        {"value": None},
        {"tags": ["x", "y"]},
        {"tags": []},
        {"occurred_at": "2026-01-02T10:00:00Z"},
        {"attributes": {"k": 2}},
        {"attributes": {}},
    ]
    for change in changes:
        r = await _post(stack, {**first, **change})
        assert _error(r)[:2] == (409, "idempotency_conflict"), (change, r.text)
        assert next(iter(change)) in r.json()["error"]["details"][0]["reason"], (change, r.text)
    await eventually(lambda: view(stack, a, mission))
    await asyncio.sleep(0.3)
    assert await points(stack, a) == 5 and await points(stack, b) == 0
    assert await view(stack, b, mission) is not None and await _progress(stack, b, mission) == 0


async def test_a_batch_with_one_conflicting_id_is_refused_whole(stack: Stack) -> None:
    et = uid("t")
    user = uid()
    mission = await create_mission(stack, {**_once(et), "goal": {"kind": "event", "event_type": et, "count": 9}})
    taken = {"id": uid("e"), "user_id": user, "type": et}
    assert await _is_new(stack, taken)
    fresh = [{"id": uid("e"), "user_id": user, "type": et} for _ in range(2)]
    r = await _batch(stack, [fresh[0], {**taken, "value": 1}, fresh[1]])
    assert _error(r) == (409, "idempotency_conflict", ["events.1.id"]), r.text
    assert r.json()["error"]["details"][0]["id"] == taken["id"]
    await asyncio.sleep(0.3)
    assert await _progress(stack, user, mission) == 1  # nothing of the refused batch counted
    for body in fresh:
        assert await _is_new(stack, body)  # nor was logged


async def test_a_repeated_id_inside_one_batch_keeps_the_first_and_a_changed_one_conflicts(stack: Stack) -> None:
    et = uid("t")
    a, b = uid(), uid()
    mission = await create_mission(stack, _once(et, reward={"points": 5}))
    # The same event twice: the first is new, the second a duplicate, and one is logged.
    same = {"id": uid("e"), "user_id": a, "type": et, "tags": ["p"]}
    r = await _batch(stack, [same, {**same, "tags": ["p"]}])
    assert r.status_code == 202, r.text
    assert [(x["id"], x["duplicate"]) for x in r.json()["results"]] == [(same["id"], False), (same["id"], True)]
    await eventually(lambda: points(stack, a))
    assert await points(stack, a) == 5 and not await _is_new(stack, same)

    # The same id with another body inside one batch: which one is meant is unknown, so the batch
    # is refused whole, naming the repeat (it never logs one body while answering for the other).
    other = {"id": uid("e"), "user_id": a, "type": et}
    before = {"id": uid("e"), "user_id": b, "type": uid("t")}
    r = await _batch(stack, [before, other, {**other, "user_id": b}])
    assert _error(r) == (409, "idempotency_conflict", ["events.2.id"]), r.text
    assert other["id"] in r.json()["error"]["message"] and "events.1" in r.json()["error"]["details"][0]["reason"]
    await asyncio.sleep(0.3)
    assert await points(stack, b) == 0 and await view(stack, b, mission) is not None
    assert await _is_new(stack, before) and await _is_new(stack, {**other, "user_id": b})
    await eventually(lambda: points(stack, b))
