"""Bodies whatever their label, and numbers JSON has not (issue 13): a clear 4xx, promptly.

Every route that takes a body (from the served OpenAPI document, so new routes are covered) gets
it with no Content-Type and with wrong ones (text/plain, form-urlencoded), clean and hostile
(NUL, NaN): never a 5xx, never a request that hangs. `NaN`, `Infinity`, `-Infinity` and numbers
past a double's range are refused with 422 naming the field in every free-form field (event and
user attributes, survey answers, segment rule values) and in any JSON body; a journey fed such
input still takes a valid submission afterwards.
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from typing import Any

import httpx
import pytest

from tests.conftest import Stack
from tests.fuzz.shapes import assert_error, assert_error_shape, fields

#: No request may take longer than this (seconds); the wedge hung forever.
TIMEOUT = 10.0
LABELS = [None, "text/plain", "application/x-www-form-urlencoded", "text/plain; charset=utf-8"]
NON_FINITE = ["NaN", "Infinity", "-Infinity", "1e999", "-1e999"]
PROOF = '{"proof": {"kind": "text", "value": "fine"}}'
#: Bodies sent under every label: clean JSON (a proof, an event), NUL in a string, NaN in a number.
BODIES = [
    PROOF,
    '{"id": "e-label", "user_id": "u-label", "type": "x"}',
    '{"proof": {"kind": "text", "value": "a\\u0000b"}}',
    '{"proof": {"kind": "survey", "value": {"q": NaN}}, "attributes": {"score": Infinity}}',
]
HOSTILE = BODIES[2:]


def _id() -> str:
    return uuid.uuid4().hex[:10]


async def _request(stack: Stack, method: str, path: str, body: str | bytes, headers: dict[str, str]) -> httpx.Response:
    content = body.encode() if isinstance(body, str) else body
    return await asyncio.wait_for(stack.http.request(method, path, content=content, headers=headers), TIMEOUT)


@pytest.fixture(scope="module")
async def served(fuzz_stack: Stack) -> dict[str, Any]:
    r = await fuzz_stack.http.get("/openapi.json")
    assert r.status_code == 200, r.text
    doc: dict[str, Any] = r.json()
    return doc


@pytest.fixture(scope="module")
async def manual(fuzz_stack: Stack) -> str:
    """An active manual mission (text and link proofs, reviewed by an admin)."""
    body = {
        "name": f"labels-{_id()}",
        "type": "generally_available",
        "goal": {"kind": "manual", "proof": ["text", "link"], "approval": {"mode": "manual"}},
        "reward": {"points": 1},
    }
    r = await fuzz_stack.http.post("/v1/missions", json=body, headers=fuzz_stack.headers("admin"))
    assert r.status_code == 201, r.text
    mission: str = r.json()["id"]
    r = await fuzz_stack.http.post(f"/v1/missions/{mission}/activate", headers=fuzz_stack.headers("admin"))
    assert r.status_code == 200, r.text
    return mission


async def _token(stack: Stack, user: str) -> dict[str, str]:
    r = await stack.http.post(f"/v1/users/{user}/token", headers=stack.headers("client"))
    assert r.status_code == 201, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


def body_operations(doc: dict[str, Any]) -> list[tuple[str, str]]:
    """(METHOD, path template) of every operation that takes a body, whatever its media type."""
    out = [
        (method.upper(), path)
        for path, item in doc["paths"].items()
        for method, op in item.items()
        if "requestBody" in op
    ]
    assert len(out) >= 25, out
    return out


def _concrete(path: str, known: dict[str, str]) -> str:
    """The path with real ids where known (the manual mission, a fresh user), else a placeholder."""
    return "/".join(known.get(part[1:-1], "x1") if part.startswith("{") else part for part in path.split("/"))


async def _credential(stack: Stack, user_headers: dict[str, str], method: str, path: str) -> dict[str, str]:
    for headers in (stack.headers("admin"), stack.headers("client"), user_headers):
        r = await asyncio.wait_for(stack.http.request(method, path, headers=headers), TIMEOUT)
        if r.status_code not in (401, 403):
            return headers
    raise AssertionError(f"no credential accepted by {method} {path}")


async def test_every_body_route_answers_any_label_promptly(
    fuzz_stack: Stack, served: dict[str, Any], manual: str
) -> None:
    """No Content-Type or a wrong one, clean or hostile: a 2xx or a 4xx in the error shape, at once.
    A hostile body that some route could read as JSON (no Content-Type) is always a 4xx."""
    user = f"labels-{_id()}"
    mine = await _token(fuzz_stack, user)
    known = {"mission_id": manual, "user_id": user}
    for method, template in body_operations(served):
        path = _concrete(template, known)
        headers = await _credential(fuzz_stack, mine, method, path)
        for label in LABELS:
            sent = {**headers, **({"Content-Type": label} if label else {})}
            for body in BODIES:
                r = await _request(fuzz_stack, method, path, body, sent)
                where = (method, path, label, body)
                assert r.status_code < 500, (where, r.text[:300])
                if r.status_code >= 400:
                    assert_error_shape(r, where)
                if body in HOSTILE:
                    assert 400 <= r.status_code < 500, (where, r.status_code, r.text[:300])


@pytest.mark.parametrize("label", LABELS)
async def test_a_hostile_proof_under_any_label_leaves_the_journey_open(
    fuzz_stack: Stack, manual: str, label: str | None
) -> None:
    """The wedge of issue 13: after each hostile proof, the same user's valid one is taken at once
    and waits in the admin review queue."""
    for prefix in ("/v1/me", "/v1/users/{user}"):
        user = f"wedge-{_id()}"
        auth = await _token(fuzz_stack, user) if prefix == "/v1/me" else fuzz_stack.headers("client")
        path = f"{prefix.format(user=user)}/missions/{manual}/submissions"
        for body in HOSTILE:
            sent = {**auth, **({"Content-Type": label} if label else {})}
            r = await _request(fuzz_stack, "POST", path, body, sent)
            assert 400 <= r.status_code < 500, (path, label, body, r.text[:300])
            assert_error_shape(r, (path, label))
        r = await _request(fuzz_stack, "POST", path, PROOF, {**auth, "Content-Type": "application/json"})
        assert r.status_code == 201, (path, label, r.text)
        r = await fuzz_stack.http.get(
            "/v1/submissions",
            params={"status": "pending", "mission_id": manual, "user_id": user},
            headers=fuzz_stack.headers("admin"),
        )
        assert [s["proof"] for s in r.json()["items"]] == [{"kind": "text", "value": "fine"}], r.text


def _event(**more: Any) -> dict[str, Any]:
    return {"id": f"ev-{_id()}", "user_id": f"u-{_id()}", "type": "numbers", **more}


#: (method, path, body with `@` where the number goes, the field the 422 must name, who calls).
FREE_FORM = [
    ("POST", "/v1/events", json.dumps(_event(attributes={"score": "@"})), "attributes.score", "client"),
    ("POST", "/v1/events", json.dumps(_event(attributes={"a": {"b": [1, "@"]}})), "attributes.a.b.1", "client"),
    ("POST", "/v1/events", json.dumps(_event(value="@")), "value", "client"),
    (
        "POST",
        "/v1/events/batch",
        json.dumps({"events": [_event(), _event(), _event(), _event(attributes={"score": "@"}), _event()]}),
        "events.3.attributes.score",
        "client",
    ),
    ("PUT", "/v1/users/u-numbers", json.dumps({"attributes": {"score": "@"}}), "attributes.score", "client"),
    (
        "PUT",
        "/v1/users/u-numbers",
        json.dumps({"attributes": {"profile": {"height": "@"}}}),
        "attributes.profile.height",
        "client",
    ),
    (
        "POST",
        "/v1/segments",
        json.dumps({"name": "n", "rule": {"attribute": {"name": "score", "op": "gt", "value": "@"}}}),
        "rule.attribute.value",
        "admin",
    ),
    (
        "POST",
        "/v1/users/u-numbers/missions/mis_x/submissions",
        json.dumps({"proof": {"kind": "survey", "value": {"q": "@"}}}),
        "proof.value.q",
        "client",
    ),
]


@pytest.mark.parametrize("literal", NON_FINITE)
@pytest.mark.parametrize(
    ("method", "path", "template", "field", "who"), FREE_FORM, ids=[f"{f[0]} {f[1]} {f[3]}" for f in FREE_FORM]
)
async def test_non_finite_numbers_in_free_form_fields_are_422_naming_the_field(
    fuzz_stack: Stack,
    caplog: pytest.LogCaptureFixture,
    method: str,
    path: str,
    template: str,
    field: str,
    who: str,
    literal: str,
) -> None:
    body = template.replace('"@"', literal)
    for label in ("application/json", None):
        headers = {**fuzz_stack.headers(who), **({"Content-Type": label} if label else {})}
        with caplog.at_level(logging.ERROR):
            r = await _request(fuzz_stack, method, path, body, headers)
        error = assert_error(r, 422, "validation_error", where=(path, literal, label))
        assert fields(error) == [field], error
        assert "finite number" in error["details"][0]["reason"], error
        # Refused before any route: no traceback, no user data in the log.
        assert not [rec for rec in caplog.records if rec.levelno >= logging.ERROR], caplog.text


async def test_every_json_body_refuses_nan_naming_its_path(fuzz_stack: Stack, served: dict[str, Any]) -> None:
    body = '{"anything": {"deep": [1, NaN]}}'
    for path, item in served["paths"].items():
        for method, op in item.items():
            if "application/json" not in op.get("requestBody", {}).get("content", {}):
                continue
            concrete = _concrete(path, {})
            for label in ("application/json", "application/merge-patch+json", None):
                headers = {**fuzz_stack.headers("admin"), **({"Content-Type": label} if label else {})}
                r = await _request(fuzz_stack, method.upper(), concrete, body, headers)
                error = assert_error(r, 422, "validation_error", where=(method, concrete, label))
                assert fields(error) == ["anything.deep.1"], error


async def test_finite_numbers_are_still_accepted(fuzz_stack: Stack) -> None:
    body = _event(value=12.5, attributes={"score": -1.5e-300, "big": 10**40, "zero": -0.0})
    r = await _request(
        fuzz_stack,
        "POST",
        "/v1/events",
        json.dumps(body),
        {**fuzz_stack.headers("client"), "Content-Type": "application/json"},
    )
    assert r.status_code == 202, r.text
