"""User ids: one rule (domain/ids.py) at every entry point, through the API on the real stack.

A user id must mean one user and look like that user: control, format (bidi overrides,
zero-width), invisible, private-use and unassigned characters, U+FFFD, text not in NFC and
invalid UTF-8 in a URL are refused with 422 naming the field; emails, UUIDs, numbers, letters of
any script and emoji are ids like any other.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import httpx
import pytest

from tests.api.helpers import create_mission, uid
from tests.conftest import Stack

#: Ids that used to be accepted and must not be (each would be a user that looks like another,
#: or text that changes on its way through logs, terminals and consoles).
HOSTILE = {
    "bidi_override": "\u202egnp.exe",
    "bidi_isolate": "a\u2066b",
    "zero_width_space": "ali\u200bce",
    "zero_width_joiner": "ali\u200dce",
    "byte_order_mark": "\ufeffalice",
    "soft_hyphen": "ali\u00adce",
    "bell": "a\x07b",
    "delete": "a\x7fb",
    "next_line_c1": "a\x85b",
    "escape": "a\x1b[31mb",
    "line_separator": "a\u2028b",
    "ideographic_space": "a\u3000b",
    "replacement_character": "a\ufffdb",
    "private_use": "a\ue000b",
    "unassigned": "a\U000e0080b",
    "hangul_filler": "a\u3164b",
    "variation_selector": "a\ufe0fb",
    "not_nfc": "jose\u0301",
}

#: Legitimate operator ids (a fresh suffix is added so each test owns its user).
LEGITIMATE = [
    "alice+tag@example.com",
    "0b6c4e1e-7f6b-4a8e-9a1d-3c2b1a0f9e8d",
    "1234567890",
    "tenant.123",
    "tenant|123",
    "tenant_123-x~y",
    "josé",
    "用户",
    "Ünïcøde",
    "🦊",
    "o'brien",
]


def _path(user_id: str) -> str:
    return quote(user_id, safe="")


def _fields(r: httpx.Response) -> list[str]:
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert error["code"] == "validation_error", error
    return [d["field"] for d in error["details"]]


def _event(user_id: str) -> dict[str, Any]:
    return {"id": uid("e"), "user_id": user_id, "type": uid("ids")}


@pytest.mark.parametrize("user_id", list(HOSTILE.values()), ids=list(HOSTILE))
async def test_a_hostile_user_id_is_422_at_every_entry_point(stack: Stack, user_id: str) -> None:
    client, admin = stack.headers("client"), stack.headers("admin")
    http = stack.http
    r = await http.post("/v1/events", json=_event(user_id), headers=client)
    assert _fields(r) == ["user_id"]
    r = await http.post("/v1/events/batch", json={"events": [_event(uid()), _event(user_id)]}, headers=client)
    assert _fields(r) == ["events.1.user_id"]
    for method, path in [
        ("POST", f"/v1/users/{_path(user_id)}/token"),
        ("PUT", f"/v1/users/{_path(user_id)}"),
        ("GET", f"/v1/users/{_path(user_id)}"),
        ("GET", f"/v1/users/{_path(user_id)}/wallet"),
        ("GET", f"/v1/users/{_path(user_id)}/missions"),
        ("GET", f"/v1/users/{_path(user_id)}/challenges"),
    ]:
        r = await http.request(method, path, json={} if method == "PUT" else None, headers=client)
        assert _fields(r) == ["user_id"], (method, path)
    locked = await create_mission(
        stack, {"type": "locked", "goal": {"kind": "event", "event_type": uid("ids"), "count": 1}}
    )
    r = await http.post(f"/v1/missions/{locked}/unlock", json={"user_ids": [uid(), user_id]}, headers=admin)
    assert _fields(r) == ["user_ids.1"]
    featured = await create_mission(
        stack, {"type": "featured", "goal": {"kind": "event", "event_type": uid("ids"), "count": 1}}
    )
    r = await http.post(f"/v1/missions/{featured}/grants", json={"user_ids": [user_id]}, headers=admin)
    assert _fields(r) == ["user_ids.0"]


async def test_the_reason_names_the_character(stack: Stack) -> None:
    r = await stack.http.post("/v1/events", json=_event("\u202eevil"), headers=stack.headers("client"))
    assert _fields(r) == ["user_id"]
    reason = r.json()["error"]["details"][0]["reason"]
    assert "U+202E" in reason and "RIGHT-TO-LEFT OVERRIDE" in reason, reason
    r = await stack.http.post("/v1/events", json=_event("jose\u0301"), headers=stack.headers("client"))
    assert "NFC" in r.json()["error"]["details"][0]["reason"], r.text


async def test_a_csv_of_members_refuses_the_same_ids(stack: Stack) -> None:
    admin = stack.headers("admin")
    r = await stack.http.post("/v1/segments", json={"name": uid("seg")}, headers=admin)
    assert r.status_code == 201, r.text
    segment = r.json()["id"]
    good = uid()
    csv = "user_id\n" + "\n".join([good, "ali\u200bce", "a\ufffdb", "\u202eevil"]) + "\n"
    r = await stack.http.post(
        f"/v1/segments/{segment}/members",
        content=csv.encode(),
        headers={**admin, "Content-Type": "text/csv"},
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["added"] == 1, body
    assert [e["line"] for e in body["errors"]] == [3, 4, 5], body


@pytest.mark.parametrize("raw", ["%FF", "%FE", "%C3", "%ED%A0%80", "a%80b"])
async def test_invalid_utf8_in_a_path_is_refused_not_replaced(stack: Stack, raw: str) -> None:
    client = stack.headers("client")
    for method, path in [
        ("POST", f"/v1/users/{raw}-x/token"),
        ("GET", f"/v1/users/{raw}-x/wallet"),
        ("PUT", f"/v1/users/{raw}-x"),
        ("GET", f"/v1/missions/{raw}"),
    ]:
        headers = stack.headers("admin") if path.startswith("/v1/missions") else client
        r = await stack.http.request(method, path, json={} if method == "PUT" else None, headers=headers)
        assert r.status_code == 422, (method, path, r.text)
        assert r.json()["error"]["details"][0]["field"] == "path", r.text


async def test_two_invalid_utf8_ids_do_not_become_one_user(stack: Stack) -> None:
    """`%FF` and `%FE` both decode to U+FFFD: before, they were the same user's wallet and token."""
    client = stack.headers("client")
    suffix = uid()
    for raw in ("%FF", "%FE"):
        r = await stack.http.post(f"/v1/users/x{raw}{suffix}/token", headers=client)
        assert r.status_code == 422, r.text


async def test_invalid_utf8_in_a_query_is_refused(stack: Stack) -> None:
    r = await stack.http.get("/v1/missions?status=%FF", headers=stack.headers("admin"))
    assert r.status_code == 422, r.text
    assert r.json()["error"]["details"][0]["field"] == "query", r.text


@pytest.mark.parametrize("base", LEGITIMATE)
async def test_a_legitimate_operator_id_is_a_user(stack: Stack, base: str) -> None:
    user_id = f"{base}-{uid()}"
    client = stack.headers("client")
    r = await stack.http.post("/v1/events", json=_event(user_id), headers=client)
    assert r.status_code == 202, r.text
    r = await stack.http.post(f"/v1/users/{_path(user_id)}/token", headers=client)
    assert r.status_code == 201, r.text
    assert r.json()["user_id"] == user_id
    token = r.json()["token"]
    r = await stack.http.get("/v1/me/wallet", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200, r.text
    r = await stack.http.put(f"/v1/users/{_path(user_id)}", json={"attributes": {"k": 1}}, headers=client)
    assert r.status_code == 200, r.text
    r = await stack.http.get(f"/v1/users/{_path(user_id)}", headers=client)
    assert r.status_code == 200, r.text
    assert r.json()["id"] == user_id, r.json()
