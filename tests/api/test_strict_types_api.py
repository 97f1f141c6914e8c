"""Strict JSON types on every route (issue 12, point 7): a boolean is never a number, a number never a time.

api.md: numbers are JSON numbers, times are ISO 8601 strings with an offset, durations ISO 8601 or
a number of seconds. pydantic's lax mode read `true` as 1, `1` as true, `"3"` as 3 and 1700000000
as a Unix time; each is now a 422 naming the field, while valid bodies (decimal strings included,
which the API itself writes) still work.
"""

from __future__ import annotations

import typing
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi.routing import APIRoute

from api.app import create_app
from api.strict import StrictJson
from settings import Settings
from tests.api.helpers import create_mission, eventually, send, uid, view
from tests.api.test_challenges_api import enable
from tests.conftest import Stack

GOAL = {"kind": "event", "event_type": "strict_x", "count": 2}
FUTURE = (datetime.now(UTC) + timedelta(days=400)).replace(microsecond=0)


def mission(**fields: Any) -> dict[str, Any]:
    """A valid generally_available mission, overridden by `fields`."""
    return {"name": uid("strict"), "type": "generally_available", "goal": GOAL, **fields}


def refused(r: httpx.Response, field: str) -> str:
    """The response is a 422 `validation_error` naming `field`; returns its reason."""
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert error["code"] == "validation_error", error
    fields = {d["field"]: d["reason"] for d in error["details"]}
    assert field in fields, error
    assert error["message"].startswith(field), error
    reason: str = fields[field]
    return reason


async def post_mission(stack: Stack, body: dict[str, Any]) -> httpx.Response:
    return await stack.http.post("/v1/missions", json=body, headers=stack.headers("admin"))


async def post_event(stack: Stack, **fields: Any) -> httpx.Response:
    body = {"id": uid("e"), "user_id": uid("u"), "type": "strict_x", **fields}
    return await stack.http.post("/v1/events", json=body, headers=stack.headers("client"))


async def test_a_boolean_count_is_refused_naming_the_goal_field(stack: Stack) -> None:
    r = await post_mission(stack, mission(goal={**GOAL, "count": True}))
    assert "boolean" in refused(r, "goal.count")
    # A number in a string is not a JSON number either.
    refused(await post_mission(stack, mission(goal={**GOAL, "count": "3"})), "goal.count")


async def test_a_unix_time_is_not_an_occurred_at(stack: Stack) -> None:
    assert "ISO 8601" in refused(await post_event(stack, occurred_at=1700000000), "occurred_at")
    refused(await post_event(stack, occurred_at=1700000000.5), "occurred_at")
    refused(await post_event(stack, occurred_at="1700000000"), "occurred_at")
    refused(await post_event(stack, occurred_at=True), "occurred_at")
    refused(await post_event(stack, value=True), "value")


async def test_a_batch_names_the_event_and_its_field(stack: Stack) -> None:
    user = uid("u")
    good = {"id": uid("e"), "user_id": user, "type": "strict_x", "occurred_at": datetime.now(UTC).isoformat()}
    bad = {"id": uid("e"), "user_id": user, "type": "strict_x", "occurred_at": 1700000000}
    r = await stack.http.post("/v1/events/batch", json={"events": [good, bad]}, headers=stack.headers("client"))
    refused(r, "events.1.occurred_at")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"type": "recurring_on_completion", "max_completions": True}, "max_completions"),
        ({"reward": {"points": True}}, "reward.points"),
        ({"reward": {"points": 5}, "budget_cap": {"points": True}}, "budget_cap.points"),
        ({"type": "recurring", "recurrence": {"every": "month", "day": True}}, "recurrence.day"),
        ({"goal": {**GOAL, "streak": {"period": "day", "periods": True}}}, "goal.streak.periods"),
        ({"opt_in": 1}, "opt_in"),
        ({"opt_in": "true"}, "opt_in"),
        ({"type": "locked", "unlock": {"hidden_until_unlocked": 0}}, "unlock.hidden_until_unlocked"),
        ({"start_at": 1700000000}, "start_at"),
        ({"end_at": int(FUTURE.timestamp())}, "end_at"),
        ({"time_to_complete": True}, "time_to_complete"),
        ({"time_to_complete": "3600"}, "time_to_complete"),
    ],
)
async def test_mission_fields_take_only_their_json_type(stack: Stack, fields: dict[str, Any], field: str) -> None:
    refused(await post_mission(stack, mission(**fields)), field)


async def test_a_patch_is_as_strict_as_a_create(stack: Stack) -> None:
    mission_id = await create_mission(stack, mission(), activate=False)
    admin = stack.headers("admin")
    refused(await stack.http.patch(f"/v1/missions/{mission_id}", json={"opt_in": 1}, headers=admin), "opt_in")
    r = await stack.http.patch(f"/v1/missions/{mission_id}", json={"start_at": 1700000000}, headers=admin)
    refused(r, "start_at")


async def test_a_launch_time_is_an_iso_string(stack: Stack) -> None:
    mission_id = await create_mission(stack, mission(), activate=False)
    r = await stack.http.post(
        f"/v1/missions/{mission_id}/launch", json={"at": int(FUTURE.timestamp())}, headers=stack.headers("admin")
    )
    refused(r, "at")


async def test_other_routes_refuse_booleans_for_integers(stack: Stack) -> None:
    admin, client = stack.headers("admin"), stack.headers("client")
    r = await stack.http.post("/v1/items", json={"name": uid("item"), "stock": True}, headers=admin)
    refused(r, "stock")
    r = await stack.http.post(
        "/v1/quests", json={"name": uid("quest"), "reward": {"points": True}, "mission_ids": []}, headers=admin
    )
    refused(r, "reward.points")
    r = await stack.http.put(f"/v1/users/{uid('u')}", json={"joined_at": 1700000000}, headers=client)
    refused(r, "joined_at")
    r = await stack.http.post(
        "/v1/segments", json={"name": uid("seg"), "rule": {"points_at_least": True}}, headers=admin
    )
    refused(r, "rule.points_at_least")
    r = await stack.http.post(f"/v1/users/{uid('u')}/token", json={"ttl": True}, headers=client)
    refused(r, "ttl")

    walk = uid("walk")
    await enable(stack, walk)
    body = {"name": "Two a day", "event_type": walk, "target": {"count": True}, "period": "day", "periods": 1}
    r = await stack.http.post(f"/v1/users/{uid('u')}/challenges", json=body, headers=client)
    refused(r, "target.count")
    r = await stack.http.post(
        f"/v1/users/{uid('u')}/challenges", json={**body, "target": {"count": 2}, "periods": True}, headers=client
    )
    refused(r, "periods")


async def test_valid_bodies_still_work(stack: Stack) -> None:
    # A duration as a number of seconds, decimals as numbers or as strings (as the API writes them).
    r = await post_mission(stack, mission(time_to_complete=3600, start_at="2020-01-01T00:00:00+01:00"))
    assert r.status_code == 201, r.text
    assert r.json()["time_to_complete"] == "PT1H"
    amount = {"kind": "event", "event_type": uid("spend"), "amount_min": "10.5"}
    r = await post_mission(stack, mission(goal=amount, reward={"points": 5}, budget_cap={"points": 100}))
    assert r.status_code == 201, r.text
    assert r.json()["goal"]["amount_min"] == "10.5"
    token = await stack.http.post(f"/v1/users/{uid('u')}/token", json={"ttl": 600}, headers=stack.headers("client"))
    assert token.status_code == 201, token.text
    assert token.json()["expires_in"] == 600

    event_type = uid("strict")
    mission_id = await create_mission(stack, mission(goal={**GOAL, "event_type": event_type}, opt_in=False))
    user = uid("u")
    now = datetime.now(UTC).isoformat()
    await send(stack, user, event_type, occurred_at=now, value=12.5)
    await send(stack, user, event_type, occurred_at=now, value="7.25", attributes={"flag": True, "n": 1})

    async def done() -> bool:
        seen = await view(stack, user, mission_id)
        return seen is not None and seen["status"] == "completed"

    assert await eventually(done)


async def test_boolean_query_parameters_are_true_or_false(stack: Stack) -> None:
    admin, client = stack.headers("admin"), stack.headers("client")
    for value in ("1", "0", "yes", "on"):
        refused(await stack.http.get("/v1/missions", params={"challenges": value}, headers=admin), "challenges")
        r = await stack.http.get(f"/v1/users/{uid('u')}/inbox", params={"unread": value}, headers=client)
        refused(r, "unread")
    for value in ("true", "false", "True"):
        r = await stack.http.get("/v1/missions", params={"challenges": value, "limit": 1}, headers=admin)
        assert r.status_code == 200, r.text
        r = await stack.http.get(f"/v1/users/{uid('u')}/inbox", params={"unread": value}, headers=client)
        assert r.status_code == 200, r.text


async def test_the_document_says_a_duration_may_be_a_number_of_seconds(stack: Stack) -> None:
    doc = (await stack.http.get("/openapi.json")).json()
    ttc = doc["components"]["schemas"]["MissionSpec"]["properties"]["time_to_complete"]
    assert {"type": "number", "exclusiveMinimum": 0} in ttc["anyOf"], ttc


async def test_what_the_api_writes_it_reads_back(stack: Stack) -> None:
    """A client may send a mission back as it got it: decimals as strings, durations and times in ISO 8601."""
    goal = {"kind": "event", "event_type": uid("spend"), "amount_min": 10.25, "amount_max": "99.5"}
    fields = {"time_to_complete": 90, "start_at": "2027-06-01T00:00:00+02:00", "end_at": FUTURE.isoformat()}
    r = await post_mission(stack, mission(goal=goal, opt_in=True, **fields))
    assert r.status_code == 201, r.text
    written = r.json()
    assert written["goal"]["amount_min"] == "10.25" and written["time_to_complete"] == "PT1M30S"
    spec = {k: v for k, v in written.items() if k in ("goal", "time_to_complete", "start_at", "end_at", "opt_in")}
    r = await stack.http.patch(f"/v1/missions/{written['id']}", json=spec, headers=stack.headers("admin"))
    assert r.status_code == 200, r.text
    assert r.json()["revision"] == written["revision"]  # nothing changed
    clone = await post_mission(stack, {**spec, "name": uid("again"), "type": "generally_available"})
    assert clone.status_code == 201, clone.text


def test_every_json_body_of_every_route_is_strict() -> None:
    """A new route cannot forget the check: each body parameter carries `StrictJson` (see api/strict.py)."""
    from fastapi.routing import _iter_included_route_candidates

    app = create_app(Settings(env="test"))
    bodies = 0
    for route in _iter_included_route_candidates(app.routes):
        if not isinstance(route, APIRoute) or route.body_field is None:
            continue
        bodies += 1
        for param in route.dependant.body_params:
            marks = [m for m in param.field_info.metadata if isinstance(m, StrictJson)]
            hint = typing.get_type_hints(route.endpoint, include_extras=True).get(param.name)
            marks += [m for m in getattr(hint, "__metadata__", ()) if isinstance(m, StrictJson)]
            assert marks, f"{route.methods} {route.path}: body {param.name} is not JsonBody[...]"
    assert bodies >= 20
