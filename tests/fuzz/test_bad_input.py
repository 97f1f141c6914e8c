"""Hostile input the schema-driven fuzzer rarely draws: each gets a clear 4xx in the error shape.

Oversized bodies, deeply nested JSON, wrong content types, invalid UTF-8, characters PostgreSQL
cannot store, path-hostile ids and batches over the limit. Routes are taken from the served
OpenAPI document where the case applies to every route, so new routes are covered too.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from api.app import BATCH_MAX_BYTES
from api.guard import JSON_MAX_BYTES, MAX_DEPTH
from tests.conftest import Stack
from tests.fuzz.shapes import assert_error, assert_error_shape, fields

MiB = 1024 * 1024


def event(**fields: Any) -> dict[str, Any]:
    return {"id": f"ev-{uuid.uuid4().hex}", "user_id": f"u-{uuid.uuid4().hex[:8]}", "type": "hostile", **fields}


def nested(depth: int) -> Any:
    """`depth` objects inside each other: {"a": {"a": ... {} }}."""
    value: Any = {}
    for _ in range(depth - 1):
        value = {"a": value}
    return value


async def post_json(stack: Stack, path: str, body: bytes | str, who: str = "client", **headers: str) -> httpx.Response:
    content = body.encode() if isinstance(body, str) else body
    all_headers = {**stack.headers(who), "Content-Type": "application/json", **headers}
    return await stack.http.post(path, content=content, headers=all_headers)


@pytest.fixture(scope="module")
async def doc(fuzz_stack: Stack) -> dict[str, Any]:
    r = await fuzz_stack.http.get("/openapi.json")
    assert r.status_code == 200, r.text
    served: dict[str, Any] = r.json()
    return served


@pytest.fixture(scope="module")
async def token(fuzz_stack: Stack) -> str:
    r = await fuzz_stack.http.post("/v1/users/hostile-user/token", headers=fuzz_stack.headers("client"))
    assert r.status_code == 201, r.text
    issued: str = r.json()["token"]
    return issued


def json_operations(doc: dict[str, Any]) -> list[tuple[str, str]]:
    """(METHOD, path with placeholder ids) of every operation that reads a JSON body."""
    out = []
    for path, item in doc["paths"].items():
        for method, op in item.items():
            if "application/json" in op.get("requestBody", {}).get("content", {}):
                out.append((method.upper(), _concrete(path)))
    assert len(out) >= 20, out
    return out


def _concrete(path: str) -> str:
    return "/".join("x1" if part.startswith("{") else part for part in path.split("/"))


async def authorized(stack: Stack, token: str, method: str, path: str) -> dict[str, str]:
    """Headers with the first credential (admin, client, user token) the operation accepts."""
    for headers in (stack.headers("admin"), stack.headers("client"), {"Authorization": f"Bearer {token}"}):
        r = await stack.http.request(method, path, headers=headers)
        if r.status_code not in (401, 403):
            return headers
    raise AssertionError(f"no credential accepted by {method} {path}")


# --- oversized bodies ------------------------------------------------------------------------------


async def test_a_10_mb_event_is_413_without_being_read(fuzz_stack: Stack) -> None:
    body = json.dumps(event(attributes={"blob": "x" * (10 * MiB)}))
    error = assert_error(await post_json(fuzz_stack, "/v1/events", body), 413, "payload_too_large")
    assert error["details"] == [
        {"field": "body", "reason": f"larger than the limit of {JSON_MAX_BYTES} bytes", "max_bytes": JSON_MAX_BYTES}
    ]


async def test_a_body_without_content_length_is_cut_at_the_limit(fuzz_stack: Stack) -> None:
    """A chunked body is counted as it arrives: refused once past the limit, the rest never read."""
    sent = 0

    async def chunks() -> AsyncIterator[bytes]:
        nonlocal sent
        yield b'{"id": "e1", "user_id": "u1", "type": "x", "attributes": {"blob": "'
        for _ in range(64):  # 16 MiB if it were all read
            sent += 1
            yield b"x" * (256 * 1024)
        yield b'"}}'

    headers = {**fuzz_stack.headers("client"), "Content-Type": "application/json"}
    r = await fuzz_stack.http.post("/v1/events", content=chunks(), headers=headers)
    assert_error(r, 413, "payload_too_large")
    assert sent < 10, f"{sent} chunks of 256 KiB were read for a 1 MiB limit"


async def test_every_json_route_refuses_a_body_over_its_limit(fuzz_stack: Stack, doc: dict[str, Any]) -> None:
    too_big = json.dumps({"padding": "x" * JSON_MAX_BYTES})
    for method, path in json_operations(doc):
        if path == "/v1/events/batch":
            continue
        headers = {**fuzz_stack.headers("admin"), "Content-Type": "application/json"}
        r = await fuzz_stack.http.request(method, path, content=too_big, headers=headers)
        assert_error(r, 413, "payload_too_large", where=(method, path))


async def test_a_batch_may_be_larger_than_other_bodies_but_not_unbounded(fuzz_stack: Stack) -> None:
    # 1,000 events of 2 KiB each: over the 1 MiB of other routes, within the batch's limit.
    events = [event(attributes={"note": "x" * 2000}) for _ in range(1000)]
    r = await post_json(fuzz_stack, "/v1/events/batch", json.dumps({"events": events}))
    assert r.status_code == 202, r.text[:300]
    assert len(r.json()["results"]) == 1000
    huge = json.dumps({"events": [event(attributes={"blob": "x" * (BATCH_MAX_BYTES // 4)}) for _ in range(5)]})
    assert_error(await post_json(fuzz_stack, "/v1/events/batch", huge), 413, "payload_too_large")


async def test_an_oversized_upload_of_another_type_is_413(fuzz_stack: Stack) -> None:
    segment = await fuzz_stack.http.post("/v1/segments", json={"name": "big"}, headers=fuzz_stack.headers("admin"))
    assert segment.status_code == 201, segment.text
    csv = b"user_id\n" + b"u-000000001\n" * (2 * 1024 * 1024)  # 24 MiB
    headers = {**fuzz_stack.headers("admin"), "Content-Type": "text/csv"}
    r = await fuzz_stack.http.post(f"/v1/segments/{segment.json()['id']}/members", content=csv, headers=headers)
    assert_error(r, 413, "payload_too_large")


# --- deep JSON ---------------------------------------------------------------------------------------


async def test_json_nested_10000_levels_is_422(fuzz_stack: Stack) -> None:
    body = '{"id": "e1", "user_id": "u1", "type": "x", "attributes": ' + '{"a": ' * 10_000 + "{}" + "}" * 10_001
    error = assert_error(await post_json(fuzz_stack, "/v1/events", body), 422, "validation_error")
    assert f"nested deeper than {MAX_DEPTH} levels" in error["message"], error


async def test_json_just_too_deep_names_the_field(fuzz_stack: Stack) -> None:
    body = json.dumps(event(attributes=nested(MAX_DEPTH)))
    error = assert_error(await post_json(fuzz_stack, "/v1/events", body), 422, "validation_error")
    [field] = fields(error)
    assert field.startswith("attributes.a.a."), field


async def test_json_as_deep_as_allowed_is_accepted(fuzz_stack: Stack) -> None:
    body = json.dumps(event(attributes=nested(MAX_DEPTH - 1)))
    r = await post_json(fuzz_stack, "/v1/events", body)
    assert r.status_code == 202, r.text


async def test_deep_json_in_a_mission_spec_is_422(fuzz_stack: Stack) -> None:
    spec = {"name": "deep", "type": "generally_available", "goal": nested(200)}
    r = await post_json(fuzz_stack, "/v1/missions", json.dumps(spec), who="admin")
    assert "goal.a.a" in fields(assert_error(r, 422, "validation_error"))[0]


# --- content types ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data", None]
)
async def test_json_routes_refuse_other_media_types_with_415(
    fuzz_stack: Stack, doc: dict[str, Any], token: str, content_type: str | None
) -> None:
    body = json.dumps(event()).encode()
    for method, path in json_operations(doc):
        if path.endswith("/submissions"):
            continue  # JSON or a multipart upload, read by the route itself (tests/api/test_uploads_api.py)
        headers = await authorized(fuzz_stack, token, method, path)
        if content_type is not None:
            headers = {**headers, "Content-Type": content_type}
        r = await fuzz_stack.http.request(method, path, content=body, headers=headers)
        error = assert_error(r, 415, "unsupported_media_type", where=(method, path, content_type))
        assert fields(error) == ["content-type"], error


@pytest.mark.parametrize("body", ["hello", "{oops", "'single'", '{"id": 1,}', "NaN]"])
async def test_text_that_is_not_json_is_400_invalid_json(fuzz_stack: Stack, body: str) -> None:
    error = assert_error(await post_json(fuzz_stack, "/v1/events", body), 400, "invalid_json")
    assert fields(error) == ["body"], error
    assert "at character" in error["details"][0]["reason"], error


async def test_invalid_json_says_what_and_where(fuzz_stack: Stack) -> None:
    error = assert_error(await post_json(fuzz_stack, "/v1/events", '{"id": "e1",, }'), 400, "invalid_json")
    reason = "Expecting property name enclosed in double quotes at character 12"
    assert error["details"] == [{"field": "body", "reason": reason, "type": "json_invalid"}]
    assert error["message"] == f"the request body is not valid JSON: {reason}"


async def test_an_empty_json_body_is_422_naming_the_body(fuzz_stack: Stack) -> None:
    error = assert_error(await post_json(fuzz_stack, "/v1/events", b""), 422, "validation_error")
    assert fields(error) == ["body"]


async def test_a_csv_route_refuses_json_with_415(fuzz_stack: Stack) -> None:
    segment = await fuzz_stack.http.post("/v1/segments", json={"name": "csv"}, headers=fuzz_stack.headers("admin"))
    r = await post_json(fuzz_stack, f"/v1/segments/{segment.json()['id']}/members", b"{}", who="admin")
    assert_error(r, 415, "unsupported_media_type")


# --- encodings and characters PostgreSQL cannot store ------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        b'{"id": "\xff\xfe", "user_id": "u1", "type": "x"}',
        b'{"id": "e1", "user_id": "u1", "type": "\xc3\x28"}',
        b'{"id": "\xed\xa0\x80", "user_id": "u1", "type": "x"}',  # a UTF-8-encoded surrogate
        '{"id": "e1", "user_id": "u1", "type": "x"}'.encode("utf-16"),
    ],
)
async def test_a_json_body_that_is_not_utf8_is_400(fuzz_stack: Stack, raw: bytes) -> None:
    error = assert_error(await post_json(fuzz_stack, "/v1/events", raw), 400, "invalid_json")
    assert "not UTF-8" in error["message"], error


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ('{"id": "a\\u0000b", "user_id": "u1", "type": "x"}', "id"),
        ('{"id": "e1", "user_id": "u1", "type": "x", "tags": ["ok", "\\u0000"]}', "tags.1"),
        ('{"id": "e1", "user_id": "u1", "type": "x", "attributes": {"k": {"\\u0000": 1}}}', "attributes.k"),
        ('{"id": "e1", "user_id": "u1", "type": "\\ud800"}', "type"),
        ('{"id": "e1", "user_id": "u1", "type": "x", "attributes": {"k": "\\udfff\\ud800"}}', "attributes.k"),
    ],
)
async def test_nul_and_lone_surrogates_are_422_naming_the_field(fuzz_stack: Stack, body: str, field: str) -> None:
    error = assert_error(await post_json(fuzz_stack, "/v1/events", body), 422, "validation_error")
    assert fields(error) == [field], error


async def test_nul_in_a_batch_names_the_event(fuzz_stack: Stack) -> None:
    events = [event() for _ in range(5)]
    events[3]["id"] = "bad\x00id"
    error = assert_error(
        await post_json(fuzz_stack, "/v1/events/batch", json.dumps({"events": events})), 422, "validation_error"
    )
    assert fields(error) == ["events.3.id"], error


async def test_unicode_that_postgres_can_store_is_accepted(fuzz_stack: Stack) -> None:
    body = event(type="événement-🎉", tags=["日本語", "\U0001d4b3"], attributes={"ключ": "значение", "emoji": "👩‍👩‍👧"})
    r = await post_json(fuzz_stack, "/v1/events", json.dumps(body, ensure_ascii=False))
    assert r.status_code == 202, r.text


@pytest.mark.parametrize("query", ["limit=1&cursor=%00", "status=%00", "x%00y=1"])
async def test_nul_in_the_query_is_422(fuzz_stack: Stack, query: str) -> None:
    r = await fuzz_stack.http.get(f"/v1/missions?{query}", headers=fuzz_stack.headers("admin"))
    assert fields(assert_error(r, 422, "validation_error"))[0].startswith("query"), r.text


@pytest.mark.parametrize(
    "query", ["limit=99999999999999999999999", "limit=-1", "limit=1e3", "cursor=" + "x" * 10_000, "status=%F0%9F%92%A5"]
)
async def test_odd_query_values_are_4xx(fuzz_stack: Stack, query: str) -> None:
    r = await fuzz_stack.http.get(f"/v1/missions?{query}", headers=fuzz_stack.headers("admin"))
    assert 400 <= r.status_code < 500, r.text
    assert_error_shape(r, query)


@pytest.mark.parametrize("value", ["1e400", "-1e400", "1" * 5000, "123456789012345678901234567890.5"])
async def test_numbers_out_of_range_are_4xx(fuzz_stack: Stack, value: str) -> None:
    body = '{"id": "e-num", "user_id": "u1", "type": "x", "value": ' + value + "}"
    r = await post_json(fuzz_stack, "/v1/events", body)
    assert r.status_code in (400, 422), r.text
    assert_error_shape(r, value)


async def test_integers_beyond_what_the_database_stores_are_422_naming_the_field(fuzz_stack: Stack) -> None:
    admin = fuzz_stack.headers("admin")
    tiers = {"tiers": [{"name": "gold", "min_points": 100}, {"name": "mythic", "min_points": 2**63}]}
    error = assert_error(await fuzz_stack.http.put("/v1/tiers", json=tiers, headers=admin), 422, "validation_error")
    assert fields(error) == ["tiers.1.min_points"], error
    r = await fuzz_stack.http.get(f"/v1/missions/mis_x/revisions/{2**31}", headers=admin)
    assert fields(assert_error(r, 422, "validation_error")) == ["revision"], r.text
    goal = {"kind": "event", "event_type": "x", "count": 1}
    mission = {"name": "m", "type": "generally_available", "goal": goal, "budget_cap": {"points": 10**30}}
    r = await fuzz_stack.http.post("/v1/missions", json=mission, headers=admin)
    assert fields(assert_error(r, 422, "validation_error")) == ["budget_cap.points"], r.text
    segment = {"name": "rich", "rule": {"points_at_least": 10**30}}
    r = await fuzz_stack.http.post("/v1/segments", json=segment, headers=admin)
    assert r.status_code == 422 and "points_at_least" in r.text, r.text


# --- path-hostile ids --------------------------------------------------------------------------------------

HOSTILE_IDS = [
    "a%2Fb",  # an encoded slash: decoded, it no longer matches the route
    "%2E%2E",
    "..%2F..%2Fetc%2Fpasswd",
    "%00",
    "a%00b",
    "%F0%9F%98%80",  # 😀
    "%E2%80%AE",  # right-to-left override
    "%FF%FE",  # not UTF-8
    "%25",
    "a%20b",
    "%0A",
    "x" * 5000,
]


@pytest.mark.parametrize("hostile", HOSTILE_IDS)
async def test_path_hostile_ids_get_a_clear_4xx(fuzz_stack: Stack, token: str, hostile: str) -> None:
    """Every id in a path: unknown ids are 404, ids the API refuses are 422, nothing is a 5xx."""
    admin, client, user = (
        fuzz_stack.headers("admin"),
        fuzz_stack.headers("client"),
        {"Authorization": f"Bearer {token}"},
    )
    calls = [
        ("GET", f"/v1/missions/{hostile}", admin),
        ("PATCH", f"/v1/missions/{hostile}", admin),
        ("POST", f"/v1/missions/{hostile}/activate", admin),
        ("GET", f"/v1/missions/{hostile}/revisions/1", admin),
        ("GET", f"/v1/items/{hostile}", admin),
        ("GET", f"/v1/segments/{hostile}", admin),
        ("POST", f"/v1/submissions/{hostile}/approve", admin),
        ("GET", f"/v1/callbacks/{hostile}", admin),
        ("GET", f"/v1/grant-jobs/{hostile}", admin),
        ("GET", f"/v1/users/{hostile}/missions/mis_x", client),
        ("GET", f"/v1/users/u1/missions/{hostile}", client),
        ("POST", f"/v1/users/u1/missions/{hostile}/opt-in", client),
        ("GET", f"/v1/users/{hostile}/challenges/{hostile}", client),
        ("POST", f"/v1/users/{hostile}/token", client),
        ("GET", f"/v1/me/missions/{hostile}", user),
        ("DELETE", f"/v1/me/challenges/{hostile}", user),
    ]
    for method, path, headers in calls:
        body = {} if method in ("PATCH",) else None
        r = await fuzz_stack.http.request(method, path, json=body, headers=headers)
        assert r.status_code in (200, 201, 404, 405, 422), (method, path, r.status_code, r.text[:300])
        if r.status_code >= 400:
            assert_error_shape(r, (method, path))


@pytest.mark.parametrize("user_id", ["a/b", "a b", "a:b", "a?b", "a#b", "a%b", "", "x" * 201, "\x00", "a\nb"])
async def test_an_event_for_a_user_id_the_api_refuses_names_user_id(fuzz_stack: Stack, user_id: str) -> None:
    error = assert_error(
        await post_json(fuzz_stack, "/v1/events", json.dumps(event(user_id=user_id))), 422, "validation_error"
    )
    assert fields(error) == ["user_id"], error


async def test_an_emoji_user_id_is_a_user_like_any_other(fuzz_stack: Stack) -> None:
    user = f"🦊-{uuid.uuid4().hex[:6]}"
    r = await post_json(fuzz_stack, "/v1/events", json.dumps(event(user_id=user), ensure_ascii=False))
    assert r.status_code == 202, r.text
    r = await fuzz_stack.http.get(f"/v1/users/{user}/wallet", headers=fuzz_stack.headers("client"))
    assert r.status_code == 200, r.text


# --- batches ---------------------------------------------------------------------------------------------------


async def test_a_batch_over_1000_events_is_422_naming_events(fuzz_stack: Stack) -> None:
    body = json.dumps({"events": [event() for _ in range(1001)]})
    error = assert_error(await post_json(fuzz_stack, "/v1/events/batch", body), 422, "validation_error")
    assert fields(error) == ["events"], error
    assert "1000" in error["details"][0]["reason"], error


async def test_an_empty_batch_is_422(fuzz_stack: Stack) -> None:
    error = assert_error(await post_json(fuzz_stack, "/v1/events/batch", '{"events": []}'), 422, "validation_error")
    assert fields(error) == ["events"], error
