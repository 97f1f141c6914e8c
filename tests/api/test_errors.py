"""The one error shape: spec validation (422 naming the field), invalid JSON (400), routing (404/405)."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from tests.conftest import Stack

GOAL = {"kind": "event", "event_type": "deposit", "count": 3}


def spec(**fields: Any) -> dict[str, Any]:
    """A valid mission body with `fields` set; a field given as `...` is removed."""
    base = {"name": f"m-{uuid.uuid4().hex[:8]}", "type": "generally_available", "goal": GOAL}
    merged = {**base, **fields}
    return {k: v for k, v in merged.items() if v is not ...}


def assert_error(r: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """The response is `status` in the error shape with `code`; returns the inner error."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    payload = r.json()
    assert set(payload) == {"error"}, payload
    error: dict[str, Any] = payload["error"]
    assert set(error) == {"code", "message", "details"}, error
    assert error["code"] == code, error
    assert isinstance(error["message"], str) and error["message"].strip(), error
    return error


INVALID_SPECS: list[tuple[str, dict[str, Any], str]] = [
    (
        "amount_min >= amount_max",
        spec(goal={"kind": "event", "event_type": "deposit", "amount_min": 50, "amount_max": 10}),
        "goal.amount_max",
    ),
    (
        "amount_min == amount_max",
        spec(goal={"kind": "event", "event_type": "deposit", "amount_min": 10, "amount_max": 10}),
        "goal.amount_max",
    ),
    ("max_completions on generally_available", spec(max_completions=3), "max_completions"),
    (
        "max_completions on recurring",
        spec(type="recurring", recurrence={"every": "day"}, max_completions=3),
        "max_completions",
    ),
    ("recurrence on generally_available", spec(recurrence={"every": "day"}), "recurrence"),
    (
        "recurrence on recurring_on_completion",
        spec(type="recurring_on_completion", recurrence={"every": "week", "weekdays": ["mon"]}),
        "recurrence",
    ),
    ("recurring without recurrence", spec(type="recurring"), "recurrence"),
    ("weekly recurrence without weekdays", spec(type="recurring", recurrence={"every": "week"}), "recurrence.weekdays"),
    ("monthly recurrence without day", spec(type="recurring", recurrence={"every": "month"}), "recurrence.day"),
    ("two reward kinds", spec(reward={"points": 20, "item": "mug"}), "reward"),
    ("empty reward", spec(reward={}), "reward"),
    ("unknown top-level field", spec(colour="red"), "colour"),
    ("unknown field in goal", spec(goal={**GOAL, "bogus": 1}), "goal.bogus"),
    ("unknown field in reward", spec(reward={"points": 1, "bonus": 2}), "reward.bonus"),
    ("bad timezone", spec(timezone="Mars/Olympus"), "timezone"),
    ("start_at after end_at", spec(start_at="2031-02-01T00:00:00Z", end_at="2031-01-01T00:00:00Z"), "end_at"),
    ("start_at equal to end_at", spec(start_at="2031-01-01T00:00:00Z", end_at="2031-01-01T00:00:00Z"), "end_at"),
    ("unknown type", spec(type="legendary"), "type"),
    ("missing type", spec(type=...), "type"),
    ("missing name", spec(name=...), "name"),
    ("blank name", spec(name="   "), "name"),
    ("missing goal", spec(goal=...), "goal"),
    ("unknown goal kind", spec(goal={"kind": "telepathy"}), "goal"),
    ("naive start_at", spec(start_at="2031-01-01T00:00:00"), "start_at"),
    ("naive end_at", spec(end_at="2031-01-01T00:00:00"), "end_at"),
    ("unparseable duration", spec(time_to_complete="soon"), "time_to_complete"),
    ("duration in months", spec(time_to_complete="P1M"), "time_to_complete"),
    ("negative duration", spec(time_to_complete=-5), "time_to_complete"),
    ("zero duration", spec(time_to_complete="PT0S"), "time_to_complete"),
    ("count and amount_min together", spec(goal={**GOAL, "amount_min": 5}), "goal.amount_min"),
    ("neither count nor amount_min", spec(goal={"kind": "event", "event_type": "deposit"}), "goal.count"),
    ("zero count", spec(goal={**GOAL, "count": 0}), "goal.count"),
    ("manual goal without proof", spec(goal={"kind": "manual", "proof": []}), "goal.proof"),
    (
        "unknown social platform",
        spec(goal={"kind": "social", "platform": "myspace", "action": "follow", "target": "@b"}),
        "goal.platform",
    ),
    ("unlock on a generally_available mission", spec(unlock={"min_tier": "gold"}), "unlock"),
    (
        "time_to_complete on recurring_on_completion",
        spec(type="recurring_on_completion", time_to_complete="P1D"),
        "time_to_complete",
    ),
    ("bad callback url", spec(callback_url="not a url"), "callback_url"),
]


@pytest.mark.parametrize(("case", "payload", "field"), INVALID_SPECS, ids=[c[0] for c in INVALID_SPECS])
async def test_invalid_spec_is_422_naming_the_field(
    stack: Stack, case: str, payload: dict[str, Any], field: str
) -> None:
    r = await stack.http.post("/v1/missions", json=payload, headers=stack.headers("admin"))
    error = assert_error(r, 422, "validation_error")
    details = error["details"]
    assert isinstance(details, list) and details, error
    for entry in details:
        assert isinstance(entry["field"], str) and entry["field"], entry
        assert isinstance(entry["reason"], str) and entry["reason"].strip(), entry
    assert field in [d["field"] for d in details], f"{case}: {details}"
    # The message is a human summary naming the first field.
    assert details[0]["field"] in error["message"]


async def test_several_invalid_fields_are_all_reported(stack: Stack) -> None:
    payload = spec(name=..., type="legendary", timezone="Mars/Olympus")
    error = assert_error(
        await stack.http.post("/v1/missions", json=payload, headers=stack.headers("admin")), 422, "validation_error"
    )
    assert {"name", "type", "timezone"} <= {d["field"] for d in error["details"]}, error


async def test_an_invalid_recurrence_duration_names_recurrence(stack: Stack) -> None:
    payload = spec(type="recurring", recurrence={"every": "fortnight"})
    error = assert_error(
        await stack.http.post("/v1/missions", json=payload, headers=stack.headers("admin")), 422, "validation_error"
    )
    assert [d for d in error["details"] if d["field"].startswith("recurrence")], error


@pytest.mark.parametrize(
    ("content", "status", "code"),
    [
        (b'{"name": "x", ', 400, "invalid_json"),
        (b"{name: 'x'}", 400, "invalid_json"),
        (b"not json at all", 400, "invalid_json"),
        (b"[1, 2, 3]", 422, "validation_error"),
        (b'"a string"', 422, "validation_error"),
        (b"", 422, "validation_error"),
    ],
)
async def test_a_body_that_is_not_a_json_object(stack: Stack, content: bytes, status: int, code: str) -> None:
    headers = {**stack.headers("admin"), "Content-Type": "application/json"}
    r = await stack.http.post("/v1/missions", content=content, headers=headers)
    assert_error(r, status, code)


async def test_invalid_json_is_400_on_every_json_route(stack: Stack) -> None:
    headers = {**stack.headers("admin"), "Content-Type": "application/json"}
    for path in ("/v1/events", "/v1/categories", "/v1/quests", f"/v1/users/u-{uuid.uuid4().hex[:6]}/token"):
        r = await stack.http.post(path, content=b"{oops", headers=headers)
        assert_error(r, 400, "invalid_json")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/v1/nothing-here"),
        ("GET", "/v2/missions"),
        ("POST", "/v1/missions/mis_1/teleport"),
        ("GET", "/nothing-here"),  # `/` itself is the front page (tests/api/test_front_door.py)
    ],
)
async def test_unknown_route_is_404_in_the_error_shape(stack: Stack, method: str, path: str) -> None:
    for headers in (stack.headers("admin"), {}):
        r = await stack.http.request(method, path, headers=headers)
        assert_error(r, 404, "not_found")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("DELETE", "/v1/missions"),
        ("PUT", "/v1/missions/mis_1"),
        ("GET", "/v1/missions/mis_1/activate"),
        ("GET", "/v1/events"),
        ("DELETE", "/v1/categories"),
        ("POST", "/healthz"),
    ],
)
async def test_wrong_method_is_405_in_the_error_shape(stack: Stack, method: str, path: str) -> None:
    r = await stack.http.request(method, path, headers=stack.headers("admin"))
    error = assert_error(r, 405, "method_not_allowed")
    assert method in error["message"]


async def test_405_lists_the_allowed_methods(stack: Stack) -> None:
    """RFC 9110 §15.5.6: a 405 response must carry an Allow header."""
    r = await stack.http.delete("/v1/missions", headers=stack.headers("admin"))
    assert r.status_code == 405, r.text
    assert {m.strip() for m in r.headers.get("allow", "").split(",")} >= {"GET", "POST"}, dict(r.headers)


async def test_domain_errors_carry_details(stack: Stack) -> None:
    unknown = f"mis_{uuid.uuid4().hex}"
    error = assert_error(
        await stack.http.get(f"/v1/missions/{unknown}", headers=stack.headers("admin")), 404, "mission_not_found"
    )
    assert error["details"] == {"mission_id": unknown}
    assert unknown in error["message"]


async def test_401_carries_a_www_authenticate_challenge(stack: Stack) -> None:
    r = await stack.http.get("/v1/missions")
    assert_error(r, 401, "missing_credentials")
    assert r.headers["www-authenticate"] == "Bearer"


async def test_event_validation_names_the_missing_fields(stack: Stack) -> None:
    r = await stack.http.post("/v1/events", json={"id": "e1", "type": "x"}, headers=stack.headers("client"))
    error = assert_error(r, 422, "validation_error")
    assert "user_id" in [d["field"] for d in error["details"]], error
