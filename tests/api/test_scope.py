"""Scopes over every route of the served document, and what `test_auth.py` leaves out.

`test_auth.py` checks fixed lists of routes and the token format. Here the routes come from
`/openapi.json`, classified by the contract (api.md): `/v1/me...` is a user token's,
`/v1/users/{user_id}...` and `/v1/events...` the client key's (and the admin's), the probes are
open, and everything else is admin only. A route added later is covered without editing this
file: if it belongs to no scope the contract names, it is checked as an admin route.

Also: each `/v1/me` route acts as the token's user (reads equal the client's view of that user
and differ from another user's; writes land on that user only), expired and forged tokens in
forms `test_auth.py` does not try, and refused calls that change nothing.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from api.auth import issue_token
from tests.api.helpers import create_mission, send, uid
from tests.conftest import ADMIN_KEY, CLIENT_KEY, TOKEN_SECRET, Stack
from tests.fuzz.shapes import assert_error

METHODS = ("get", "put", "post", "patch", "delete")
#: Open to anyone: the probes, a magic link's resolver (credentials optional: an anonymous visitor
#: sees the mission's public card) and a mission's uploaded images (cards show them to anyone).
PUBLIC = {"/healthz", "/readyz", "/v1/links/{token}", "/v1/mission-images/{image_id}"}


def scope_of(path: str) -> str:
    """Who may call a route, by the contract: `public`, `user`, `client` or `admin`."""
    if path in PUBLIC:
        return "public"
    if path == "/v1/me" or path.startswith("/v1/me/"):
        return "user"
    if path.startswith(("/v1/users/{user_id}", "/v1/events")):
        return "client"
    return "admin"


@pytest.fixture(scope="module")
async def operations(stack: Stack) -> list[tuple[str, str, str]]:
    """(METHOD, path template, scope) of every operation of the served document."""
    r = await stack.http.get("/openapi.json")
    assert r.status_code == 200, r.text
    return [
        (method.upper(), path, scope_of(path))
        for path, item in r.json()["paths"].items()
        for method in item
        if method in METHODS
    ]


def fill(path: str, user_id: str = "scope-user") -> str:
    """The template with placeholder ids (`user_id` as given)."""
    parts = [
        (user_id if part == "{user_id}" else "1" if part == "{revision}" else "x1") if part.startswith("{") else part
        for part in path.split("/")
    ]
    return "/".join(parts)


def bearer(credential: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {credential}"}


async def token_for(stack: Stack, user_id: str, ttl: int = 600) -> str:
    r = await stack.http.post(f"/v1/users/{user_id}/token", json={"ttl": ttl}, headers=stack.headers("client"))
    assert r.status_code == 201, r.text
    token: str = r.json()["token"]
    return token


def in_scope(operations: list[tuple[str, str, str]], *scopes: str) -> list[tuple[str, str]]:
    found = [(method, path) for method, path, scope in operations if scope in scopes]
    assert found, f"no {scopes} routes in the document"
    return found


# --- the route table -----------------------------------------------------------------------------------------


async def test_the_document_has_routes_of_every_scope(operations: list[tuple[str, str, str]]) -> None:
    by_scope: dict[str, int] = {}
    for _, _, scope in operations:
        by_scope[scope] = by_scope.get(scope, 0) + 1
    assert by_scope["admin"] >= 30 and by_scope["client"] >= 8 and by_scope["user"] >= 8, by_scope
    assert {path for _, path, scope in operations if scope == "public"} == PUBLIC


async def test_every_me_route_mirrors_a_users_route(operations: list[tuple[str, str, str]]) -> None:
    """api.md: `/v1/me/...` mirrors the `users/{user_id}` routes, so a user can do nothing a client cannot."""
    client_ops = {(m, p) for m, p, scope in operations if scope == "client"}
    for method, path in in_scope(operations, "user"):
        mirror = path.replace("/v1/me", "/v1/users/{user_id}", 1)
        assert (method, mirror) in client_ops, f"{method} {path} has no {method} {mirror}"


# --- 401: no, wrong, expired or forged credentials, on every route ------------------------------------------


def _expired_token(user_id: str) -> str:
    """A genuine token (the real secret) whose lifetime ended a minute ago."""
    token, _ = issue_token(TOKEN_SECRET, user_id, timedelta(minutes=5), now=datetime.now(UTC) - timedelta(minutes=6))
    return token


async def test_every_route_but_the_probes_refuses_missing_wrong_and_expired_credentials(
    stack: Stack, operations: list[tuple[str, str, str]]
) -> None:
    cases = [
        ({}, "missing_credentials"),
        (bearer("not-a-key-0123456789"), "invalid_credentials"),
        ({"Authorization": f"Basic {ADMIN_KEY}"}, "invalid_credentials"),
        (bearer(_expired_token("scope-user")), "token_expired"),
        (bearer(issue_token("not-the-secret-0123456789", "scope-user", timedelta(minutes=5))[0]), "invalid_token"),
    ]
    for method, path in in_scope(operations, "user", "client", "admin"):
        for headers, code in cases:
            r = await stack.http.request(method, fill(path), headers=headers)
            assert_error(r, 401, code, where=(method, path, code))


async def test_the_probes_need_no_credentials(stack: Stack, operations: list[tuple[str, str, str]]) -> None:
    for method, path in in_scope(operations, "public"):
        r = await stack.http.request(method, fill(path))
        if path in ("/healthz", "/readyz"):
            assert r.status_code == 200, path
        else:  # past authentication without credentials, to the unknown placeholder id
            assert_error(r, 404, where=(method, path))


# --- 403: right credentials, wrong scope, on every route ---------------------------------------------------------


async def test_the_client_key_is_refused_on_every_admin_route(
    stack: Stack, operations: list[tuple[str, str, str]]
) -> None:
    for method, path in in_scope(operations, "admin"):
        r = await stack.http.request(method, fill(path), headers=stack.headers("client"))
        assert_error(r, 403, "forbidden", where=(method, path))


async def test_a_user_token_is_refused_on_every_admin_and_client_route(
    stack: Stack, operations: list[tuple[str, str, str]]
) -> None:
    """Including the `/v1/users/{user_id}` routes of the token's own user: a token calls `/v1/me` only."""
    user = uid()
    headers = bearer(await token_for(stack, user))
    for method, path in in_scope(operations, "admin", "client"):
        for target in (user, uid()):
            r = await stack.http.request(method, fill(path, target), headers=headers)
            assert_error(r, 403, "forbidden", where=(method, path, target))


@pytest.mark.parametrize("who", ["admin", "client"])
async def test_keys_are_refused_on_every_me_route(
    stack: Stack, operations: list[tuple[str, str, str]], who: str
) -> None:
    for method, path in in_scope(operations, "user"):
        r = await stack.http.request(method, fill(path), headers=stack.headers(who))
        assert_error(r, 403, "forbidden", where=(method, path))


async def test_each_credential_gets_past_authentication_where_it_may(
    stack: Stack, operations: list[tuple[str, str, str]]
) -> None:
    """The other side of the 403s: placeholder ids and no bodies, so nothing is changed (404s, 422s)."""
    token = bearer(await token_for(stack, uid()))
    allowed = {"admin": ("admin", "client"), "client": ("client",), "user": ("user",)}
    for who, scopes in allowed.items():
        headers = token if who == "user" else stack.headers(who)
        for method, path in in_scope(operations, *scopes):
            r = await stack.http.request(method, fill(path, uid()), headers=headers)
            assert r.status_code not in (401, 403), (who, method, path, r.text)
            assert r.status_code < 500, (who, method, path, r.text)


async def test_refused_calls_change_nothing(stack: Stack) -> None:
    """Valid bodies with the wrong scope: the stored state stays as it was."""
    admin = stack.headers("admin")
    token = bearer(await token_for(stack, uid()))
    watched = ["/v1/tiers", "/v1/challenges/config", "/v1/items?limit=500", "/v1/segments"]
    before = {path: (await stack.http.get(path, headers=admin)).json() for path in watched}
    writes = [
        ("PUT", "/v1/tiers", {"tiers": [{"name": "hijack", "min_points": 1}]}),
        ("PUT", "/v1/challenges/config", {"event_types": ["hijack"], "reward": {"points": 10**6}}),
        ("POST", "/v1/items", {"id": f"hijack-{uuid.uuid4().hex[:6]}", "name": "hijack", "stock": 1}),
        ("POST", "/v1/segments", {"name": "hijack"}),
    ]
    for headers in (stack.headers("client"), token):
        for method, path, body in writes:
            assert_error(await stack.http.request(method, path, json=body, headers=headers), 403, "forbidden")
    after = {path: (await stack.http.get(path, headers=admin)).json() for path in watched}
    assert after == before


# --- /v1/me acts as the token's user, and only as them --------------------------------------------------------


async def _distinct_users(stack: Stack) -> tuple[str, str, str]:
    """Alice and Bob with different profiles and balances; and a mission paying 7 points on one `scope-pay`."""
    alice, bob = uid("alice"), uid("bob")
    client = stack.headers("client")
    for user, city in ((alice, "Lyon"), (bob, "Oslo")):
        r = await stack.http.put(f"/v1/users/{user}", json={"attributes": {"city": city}}, headers=client)
        assert r.status_code == 200, r.text
    event_type = uid("scope-pay")
    mission = await create_mission(
        stack,
        {
            "type": "generally_available",
            "goal": {"kind": "event", "event_type": event_type, "count": 1},
            "reward": {"points": 7},
        },
    )
    await send(stack, alice, event_type)
    for _ in range(100):
        if (await stack.http.get(f"/v1/users/{alice}/wallet", headers=client)).json()["points"] == 7:
            break
    return alice, bob, mission


def _steady(body: object) -> object:
    """A read without its countdowns: another test's seconds-long recurring missions move their
    `timer.ends_at` at every reset, so two reads of one user may straddle one."""
    if isinstance(body, dict) and isinstance(body.get("items"), list):
        return {**body, "items": [{k: v for k, v in item.items() if k != "timer"} for item in body["items"]]}
    return body


async def test_every_me_read_is_the_token_users_own(stack: Stack, operations: list[tuple[str, str, str]]) -> None:
    """Each `GET /v1/me/...` answers exactly what the client sees for the token's user, not another's."""
    alice, bob, _ = await _distinct_users(stack)
    client = stack.headers("client")
    as_alice = bearer(await token_for(stack, alice))
    reads = [path for method, path in in_scope(operations, "user") if method == "GET" and "{" not in path]
    assert {"/v1/me", "/v1/me/wallet", "/v1/me/missions"} <= set(reads), reads
    differs = 0
    for path in reads:
        theirs = path.replace("/v1/me", f"/v1/users/{alice}", 1)
        # The stack is shared: another test's mission may launch or start between two reads, so
        # the pair is read again (a few times) until both reads see the same world.
        # Both reads at once: a seconds-long recurring mission's timer moves at each of its resets.
        for _ in range(10):
            mine, other = await asyncio.gather(
                stack.http.get(path, headers=as_alice), stack.http.get(theirs, headers=client)
            )
            assert mine.status_code == 200, (path, mine.text)
            if _steady(mine.json()) == _steady(other.json()):
                break
        else:
            raise AssertionError(f"{path} differs from {theirs} on every try")
        bobs = path.replace("/v1/me", f"/v1/users/{bob}", 1)
        differs += _steady(mine.json()) != _steady((await stack.http.get(bobs, headers=client)).json())
        # A user id smuggled in the query is ignored: the token decides.
        smuggled = await stack.http.get(path, params={"user_id": bob}, headers=as_alice)
        assert smuggled.status_code in (200, 422), smuggled.text
        if smuggled.status_code == 200:
            assert _steady(smuggled.json()) == _steady(mine.json()), path
    assert differs >= 2, "alice's and bob's views should differ (profile, wallet)"
    assert (await stack.http.get("/v1/me", headers=as_alice)).json()["attributes"] == {"city": "Lyon"}
    assert (await stack.http.get("/v1/me/wallet", headers=as_alice)).json()["points"] == 7


async def test_opt_in_through_me_is_the_token_users(stack: Stack) -> None:
    alice, bob = uid("alice"), uid("bob")
    mission = await create_mission(
        stack,
        {"type": "generally_available", "opt_in": True, "goal": {"kind": "event", "event_type": uid("x"), "count": 2}},
    )
    r = await stack.http.post(f"/v1/me/missions/{mission}/opt-in", headers=bearer(await token_for(stack, alice)))
    assert r.status_code == 200, r.text
    client = stack.headers("client")
    alice_view = (await stack.http.get(f"/v1/users/{alice}/missions/{mission}", headers=client)).json()
    bob_view = (await stack.http.get(f"/v1/users/{bob}/missions/{mission}", headers=client)).json()
    assert (alice_view["status"], bob_view["status"]) == ("opted_in", "available")


async def test_a_submission_through_me_is_the_token_users(stack: Stack) -> None:
    alice = uid("alice")
    goal = {"kind": "manual", "proof": ["text"], "approval": {"mode": "manual"}}
    mission = await create_mission(stack, {"type": "generally_available", "goal": goal})
    as_alice = bearer(await token_for(stack, alice))
    body = {"proof": {"kind": "text", "value": "done"}}
    r = await stack.http.post(f"/v1/me/missions/{mission}/submissions", json=body, headers=as_alice)
    assert r.status_code == 201, r.text
    r = await stack.http.get("/v1/submissions", params={"mission_id": mission}, headers=stack.headers("admin"))
    assert [s["user_id"] for s in r.json()["items"]] == [alice]
    # A user id in the body is no way to act for someone else.
    r = await stack.http.post(
        f"/v1/me/missions/{mission}/submissions", json={**body, "user_id": uid("bob")}, headers=as_alice
    )
    assert_error(r, 422, "validation_error")


async def test_a_token_cannot_see_or_leave_another_users_challenge(stack: Stack) -> None:
    admin, client = stack.headers("admin"), stack.headers("client")
    event_type = uid("walk")
    config = (await stack.http.get("/v1/challenges/config", headers=admin)).json()
    config["event_types"] = sorted({*config["event_types"], event_type})
    config["max_active_per_user"] = max(config.get("max_active_per_user") or 0, 3)
    assert (await stack.http.put("/v1/challenges/config", json=config, headers=admin)).status_code == 200
    challenge = {"name": "Walk", "event_type": event_type, "target": {"count": 1}, "period": "day", "periods": 2}
    alice, bob = uid("alice"), uid("bob")
    as_alice, as_bob = bearer(await token_for(stack, alice)), bearer(await token_for(stack, bob))

    r = await stack.http.post("/v1/me/challenges", json=challenge, headers=as_bob)
    assert r.status_code == 201, r.text
    bobs = r.json()["id"]
    r = await stack.http.post("/v1/me/challenges", json={**challenge, "user_id": bob}, headers=as_alice)
    assert_error(r, 422, "validation_error")
    r = await stack.http.post("/v1/me/challenges", json=challenge, headers=as_alice)
    assert r.status_code == 201, r.text
    alices = r.json()["id"]

    assert_error(await stack.http.get(f"/v1/me/challenges/{bobs}", headers=as_alice), 404)
    assert_error(await stack.http.delete(f"/v1/me/challenges/{bobs}", headers=as_alice), 404)
    assert [c["id"] for c in (await stack.http.get("/v1/me/challenges", headers=as_alice)).json()["items"]] == [alices]
    r = await stack.http.get(f"/v1/users/{bob}/challenges/{bobs}", headers=client)
    assert r.status_code == 200 and r.json()["status"] == "active", r.text


# --- expired and forged tokens test_auth.py does not try --------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _jwt(header: dict[str, Any], claims: dict[str, Any], key: bytes | None) -> str:
    body = f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(claims).encode())}"
    signature = _b64(hmac.new(key, body.encode(), hashlib.sha256).digest()) if key is not None else ""
    return f"{body}.{signature}"


def _v1(claims: dict[str, Any], key: bytes, *, prefix: str = "v1", signed_prefix: str = "v1") -> str:
    payload = _b64(json.dumps(claims).encode())
    signature = _b64(hmac.new(key, f"{signed_prefix}.{payload}".encode(), hashlib.sha256).digest())
    return f"{prefix}.{payload}.{signature}"


def _respell_last_char(token: str) -> str:
    """The same signature bytes in a non-canonical base64 spelling (the unused low bits set)."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    index = alphabet.index(token[-1])
    return token[:-1] + alphabet[index | 0b11 if index & 0b11 != 0b11 else index & ~0b11]


async def test_forged_tokens_of_every_kind_are_401(stack: Stack) -> None:
    victim = uid("victim")
    exp = int((datetime.now(UTC) + timedelta(hours=1)).timestamp())
    claims = {"sub": victim, "iat": exp - 3600, "exp": exp}
    genuine = await token_for(stack, victim)
    forgeries = {
        "JWT with alg none": _jwt({"alg": "none", "typ": "JWT"}, claims, None),
        "JWT HS256 under the token secret": _jwt({"alg": "HS256", "typ": "JWT"}, claims, TOKEN_SECRET.encode()),
        "v1 signed with the admin key": _v1(claims, ADMIN_KEY.encode()),
        "v1 signed with the client key": _v1(claims, CLIENT_KEY.encode()),
        "v1 signed with an empty key": _v1(claims, b""),
        "signature of another version's body": _v1(claims, TOKEN_SECRET.encode(), signed_prefix="v2"),
        "upper-case version": "V1" + genuine[2:],
        "signature in padded base64": genuine + "=",
        "signature respelled": _respell_last_char(genuine),
        "signature truncated": genuine[:-1],
        "payload truncated": ".".join([*genuine.split(".")[:1], genuine.split(".")[1][:-2], genuine.split(".")[2]]),
        "token secret as a bearer key": TOKEN_SECRET,
        "two tokens joined": f"{genuine} {genuine}",
        "keys concatenated": ADMIN_KEY + CLIENT_KEY,
    }
    for case, forged in forgeries.items():
        r = await stack.http.get("/v1/me/wallet", headers=bearer(forged))
        assert_error(r, 401, where=case)
    assert (await stack.http.get("/v1/me/wallet", headers=bearer(genuine))).status_code == 200


async def test_a_token_expired_by_its_claims_is_401_on_every_me_route(
    stack: Stack, operations: list[tuple[str, str, str]]
) -> None:
    """The genuine secret does not help a token past its `exp` (no sleeping: the token was issued in the past)."""
    expired = bearer(_expired_token(uid()))
    for method, path in in_scope(operations, "user"):
        assert_error(await stack.http.request(method, fill(path), headers=expired), 401, "token_expired")


async def test_a_token_is_refused_from_its_exp_on(stack: Stack) -> None:
    # exp is rounded up to the millisecond: a few ms back, so the in-process request (which can
    # arrive within the same millisecond) is made at or after exp.
    issued = datetime.now(UTC) - timedelta(seconds=60, milliseconds=5)
    at_exp = bearer(issue_token(TOKEN_SECRET, uid(), timedelta(seconds=60), now=issued)[0])
    assert_error(await stack.http.get("/v1/me/wallet", headers=at_exp), 401, "token_expired")


async def test_a_token_for_a_user_named_admin_is_a_user_token(stack: Stack) -> None:
    """A token's `sub` is a user, never a role."""
    headers = bearer(await token_for(stack, "admin"))
    assert_error(await stack.http.get("/v1/missions", headers=headers), 403, "forbidden")
    r = await stack.http.get("/v1/me/wallet", headers=headers)
    assert r.status_code == 200, r.text
