"""Credentials: admin key, client key and user tokens; 401 for missing or wrong, 403 for wrong scope.

The HTTP tests go through the real app; the token functions are also tested directly with
explicit clocks, so expiry needs no sleeping there.
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

import httpx
import pytest

from api.auth import Principal, Role, authenticate, issue_token, verify_token
from api.errors import ApiError
from tests.conftest import ADMIN_KEY, CLIENT_KEY, TOKEN_SECRET, Stack

GOAL = {"kind": "event", "event_type": "auth-test", "count": 1}


def new_user() -> str:
    return f"u-{uuid.uuid4().hex[:10]}"


def bearer(credential: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {credential}"}


def assert_error(r: httpx.Response, status: int, code: str | None = None) -> dict[str, Any]:
    """The response is `status` in the error shape (with `code` when given)."""
    assert r.status_code == status, r.text
    payload = r.json()
    assert set(payload) == {"error"}, payload
    error: dict[str, Any] = payload["error"]
    assert set(error) == {"code", "message", "details"}, error
    assert error["message"], error
    if code is not None:
        assert error["code"] == code, error
    return error


async def token_for(stack: Stack, user_id: str, body: dict[str, Any] | None = None, who: str = "client") -> str:
    r = await stack.http.post(f"/v1/users/{user_id}/token", json=body, headers=stack.headers(who))
    assert r.status_code == 201, r.text
    token: str = r.json()["token"]
    return token


async def mission_id(stack: Stack) -> str:
    """An active mission of this test (so scope checks are not confused with 404s)."""
    admin = stack.headers("admin")
    r = await stack.http.post(
        "/v1/missions",
        json={"name": f"auth-{uuid.uuid4().hex[:8]}", "type": "generally_available", "goal": GOAL},
        headers=admin,
    )
    assert r.status_code == 201, r.text
    mid: str = r.json()["id"]
    assert (await stack.http.post(f"/v1/missions/{mid}/activate", headers=admin)).status_code == 200
    return mid


def admin_calls(mid: str) -> list[tuple[str, str, Any]]:
    """Every admin route, with a body that would be valid."""
    spec = {"name": "scope", "type": "generally_available", "goal": GOAL}
    return [
        ("POST", "/v1/missions", spec),
        ("GET", "/v1/missions", None),
        ("GET", f"/v1/missions/{mid}", None),
        ("PATCH", f"/v1/missions/{mid}", {"name": "hijacked"}),
        ("POST", f"/v1/missions/{mid}/activate", None),
        ("POST", f"/v1/missions/{mid}/archive", None),
        ("POST", f"/v1/missions/{mid}/clone", None),
        ("POST", f"/v1/missions/{mid}/grants", {"user_ids": ["u1"]}),
        ("POST", f"/v1/missions/{mid}/unlock", {"user_ids": ["u1"]}),
        ("POST", "/v1/categories", {"name": "scope"}),
        ("GET", "/v1/categories", None),
        ("POST", "/v1/categories/cat_x/missions", {"mission_ids": [mid]}),
        ("POST", "/v1/quests", {"name": "scope"}),
        ("GET", "/v1/quests", None),
        ("POST", "/v1/quests/qst_x/missions", {"mission_ids": [mid]}),
    ]


def client_calls(user_id: str, mid: str) -> list[tuple[str, str, Any]]:
    """Routes of the operator's backend (client key), acting for `user_id`."""
    return [
        ("POST", "/v1/events", {"id": f"ev-{uuid.uuid4().hex}", "user_id": user_id, "type": "auth-test"}),
        ("POST", "/v1/events/batch", {"events": [{"id": f"ev-{uuid.uuid4().hex}", "user_id": user_id, "type": "x"}]}),
        ("GET", f"/v1/users/{user_id}/missions", None),
        ("GET", f"/v1/users/{user_id}/missions/{mid}", None),
        ("GET", f"/v1/users/{user_id}/wallet", None),
        ("POST", f"/v1/users/{user_id}/token", None),
    ]


def me_calls(mid: str) -> list[tuple[str, str, Any]]:
    return [
        ("GET", "/v1/me/missions", None),
        ("GET", f"/v1/me/missions/{mid}", None),
        ("GET", "/v1/me/wallet", None),
    ]


async def call(stack: Stack, method: str, path: str, body: Any, headers: dict[str, str]) -> httpx.Response:
    return await stack.http.request(method, path, json=body, headers=headers)


# --- 401: missing or wrong credentials -----------------------------------------------------------------

BAD_HEADERS: list[tuple[str, dict[str, str], str]] = [
    ("no header", {}, "missing_credentials"),
    ("empty header", {"Authorization": ""}, "missing_credentials"),
    ("wrong key", bearer("not-the-key-0123456789"), "invalid_credentials"),
    ("admin key with a typo", bearer(ADMIN_KEY + "x"), "invalid_credentials"),
    ("client key prefix", bearer(CLIENT_KEY[:-1]), "invalid_credentials"),
    ("basic scheme", {"Authorization": "Basic x"}, "invalid_credentials"),
    ("basic scheme with the admin key", {"Authorization": f"Basic {ADMIN_KEY}"}, "invalid_credentials"),
    ("bearer without credential", {"Authorization": "Bearer"}, "invalid_credentials"),
    ("bearer with blanks", {"Authorization": "Bearer    "}, "invalid_credentials"),
    ("key without scheme", {"Authorization": ADMIN_KEY}, "invalid_credentials"),
    ("token-shaped garbage", bearer("v1.abc.def"), "invalid_token"),
    ("other token version", bearer("v2.abc.def"), "invalid_credentials"),
]


@pytest.mark.parametrize(("case", "headers", "code"), BAD_HEADERS, ids=[c[0] for c in BAD_HEADERS])
async def test_missing_or_wrong_credentials_are_401_everywhere(
    stack: Stack, case: str, headers: dict[str, str], code: str
) -> None:
    mid = f"mis_{uuid.uuid4().hex}"
    user = new_user()
    for method, path, body in admin_calls(mid) + client_calls(user, mid) + me_calls(mid):
        r = await call(stack, method, path, body, headers)
        assert_error(r, 401, code)
        assert r.headers.get("www-authenticate") == "Bearer", (method, path)


async def test_the_bearer_scheme_is_case_insensitive(stack: Stack) -> None:
    r = await stack.http.get("/v1/missions?limit=1", headers={"Authorization": f"bearer {ADMIN_KEY}"})
    assert r.status_code == 200, r.text


async def test_health_probes_need_no_credentials(stack: Stack) -> None:
    assert (await stack.http.get("/healthz")).status_code == 200
    assert (await stack.http.get("/readyz")).status_code == 200


# --- scopes of each kind of credential ----------------------------------------------------------------


async def test_the_admin_key_may_call_every_admin_route(stack: Stack) -> None:
    mid = await mission_id(stack)
    for method, path, body in admin_calls(mid):
        r = await call(stack, method, path, body, stack.headers("admin"))
        # Past authentication: anything but 401/403 (unknown category/quest ids answer 404,
        # a generally_available mission refuses grants and unlocks with 409).
        assert r.status_code not in (401, 403), (method, path, r.text)
        assert r.status_code < 500, (method, path, r.text)


async def test_the_admin_key_may_act_as_the_client(stack: Stack) -> None:
    mid = await mission_id(stack)
    for method, path, body in client_calls(new_user(), mid):
        r = await call(stack, method, path, body, stack.headers("admin"))
        assert r.status_code in (200, 201, 202), (method, path, r.text)


async def test_the_client_key_is_refused_on_every_admin_route(stack: Stack) -> None:
    mid = await mission_id(stack)
    before = (await stack.http.get(f"/v1/missions/{mid}", headers=stack.headers("admin"))).json()
    for method, path, body in admin_calls(mid):
        r = await call(stack, method, path, body, stack.headers("client"))
        assert_error(r, 403, "forbidden")
    after = (await stack.http.get(f"/v1/missions/{mid}", headers=stack.headers("admin"))).json()
    assert after == before, "a refused call changed the mission"


async def test_the_client_key_may_send_events_and_act_for_any_user(stack: Stack) -> None:
    mid = await mission_id(stack)
    user = new_user()
    client = stack.headers("client")
    r = await stack.http.post(
        "/v1/events", json={"id": f"ev-{uuid.uuid4().hex}", "user_id": user, "type": "x"}, headers=client
    )
    assert r.status_code == 202, r.text
    assert r.json()["accepted"] is True
    r = await stack.http.get(f"/v1/users/{user}/missions", headers=client)
    assert r.status_code == 200, r.text
    assert mid in {v["mission_id"] for v in r.json()["items"]}
    r = await stack.http.get(f"/v1/users/{user}/missions/{mid}", headers=client)
    assert r.status_code == 200, r.text
    r = await stack.http.get(f"/v1/users/{user}/wallet", headers=client)
    assert r.status_code == 200, r.text
    assert r.json()["points"] == 0


@pytest.mark.parametrize("who", ["admin", "client"])
async def test_keys_are_refused_on_the_me_routes(stack: Stack, who: str) -> None:
    mid = await mission_id(stack)
    for method, path, body in me_calls(mid):
        assert_error(await call(stack, method, path, body, stack.headers(who)), 403, "forbidden")


async def test_a_user_token_may_call_the_me_routes(stack: Stack) -> None:
    mid = await mission_id(stack)
    headers = bearer(await token_for(stack, new_user()))
    r = await stack.http.get("/v1/me/missions", headers=headers)
    assert r.status_code == 200, r.text
    assert mid in {v["mission_id"] for v in r.json()["items"]}
    r = await stack.http.get(f"/v1/me/missions/{mid}", headers=headers)
    assert r.status_code == 200, r.text
    assert r.json()["mission_id"] == mid
    r = await stack.http.get("/v1/me/wallet", headers=headers)
    assert r.status_code == 200, r.text
    assert set(r.json()) >= {"points", "items", "ledger"}


async def test_a_user_token_is_refused_everywhere_but_the_me_routes(stack: Stack) -> None:
    mid = await mission_id(stack)
    user = new_user()
    headers = bearer(await token_for(stack, user))
    before = (await stack.http.get(f"/v1/missions/{mid}", headers=stack.headers("admin"))).json()
    calls = admin_calls(mid) + client_calls(user, mid) + client_calls(new_user(), mid)
    for method, path, body in calls:
        assert_error(await call(stack, method, path, body, headers), 403, "forbidden")
    after = (await stack.http.get(f"/v1/missions/{mid}", headers=stack.headers("admin"))).json()
    assert after == before


async def test_the_me_routes_see_the_token_user(stack: Stack) -> None:
    """Two users' tokens see their own views; the /v1/me paths carry no user id to forge."""
    mid = await mission_id(stack)
    client = stack.headers("client")
    alice, bob = new_user(), new_user()
    r = await stack.http.post(
        "/v1/events", json={"id": f"ev-{uuid.uuid4().hex}", "user_id": alice, "type": "auth-test"}, headers=client
    )
    assert r.status_code == 202, r.text
    for _ in range(100):
        r = await stack.http.get(f"/v1/users/{alice}/missions/{mid}", headers=client)
        if r.json()["tab"] == "completed":
            break
        await asyncio.sleep(0.05)
    assert r.json()["tab"] == "completed", r.text

    alice_view = await stack.http.get(f"/v1/me/missions/{mid}", headers=bearer(await token_for(stack, alice)))
    bob_view = await stack.http.get(f"/v1/me/missions/{mid}", headers=bearer(await token_for(stack, bob)))
    assert (alice_view.json()["tab"], bob_view.json()["tab"]) == ("completed", "available")


# --- issuing tokens ---------------------------------------------------------------------------------------


async def test_issue_a_token(stack: Stack) -> None:
    user = new_user()
    before = datetime.now(UTC)
    r = await stack.http.post(f"/v1/users/{user}/token", headers=stack.headers("client"))
    assert r.status_code == 201, r.text
    body = r.json()
    assert set(body) >= {"token", "token_type", "user_id", "expires_at", "expires_in"}
    assert (body["token_type"], body["user_id"]) == ("Bearer", user)
    ttl = stack.settings.token_ttl
    assert body["expires_in"] == int(ttl.total_seconds())
    expires_at = datetime.fromisoformat(body["expires_at"])
    assert expires_at.tzinfo is not None
    # Whole seconds rounded up: never shorter than the ttl, at most a second longer.
    assert before + ttl <= expires_at <= datetime.now(UTC) + ttl + timedelta(seconds=1)
    assert verify_token(TOKEN_SECRET, body["token"]) == user


@pytest.mark.parametrize(("ttl", "seconds"), [(60, 60), ("PT30S", 30), ("PT2H", 7200), (86400, 86400)])
async def test_a_token_may_ask_for_its_ttl(stack: Stack, ttl: Any, seconds: int) -> None:
    r = await stack.http.post(f"/v1/users/{new_user()}/token", json={"ttl": ttl}, headers=stack.headers("client"))
    assert r.status_code == 201, r.text
    assert r.json()["expires_in"] == seconds


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"ttl": 86401}, "ttl"),
        ({"ttl": "P2D"}, "ttl"),
        ({"ttl": 0}, "ttl"),
        ({"ttl": -60}, "ttl"),
        ({"ttl": "soon"}, "ttl"),
        ({"ttl": "P1M"}, "ttl"),
        ({"ttl": 60, "scope": "admin"}, "scope"),
    ],
)
async def test_an_invalid_ttl_is_422(stack: Stack, body: dict[str, Any], field: str) -> None:
    r = await stack.http.post(f"/v1/users/{new_user()}/token", json=body, headers=stack.headers("client"))
    assert r.status_code == 422, r.text
    error = assert_error(r, 422)
    assert field in [d["field"] for d in error["details"]], error


async def test_a_ttl_above_the_maximum_is_refused_with_ttl_too_long(stack: Stack) -> None:
    too_long = int(stack.settings.token_max_ttl.total_seconds()) + 1
    r = await stack.http.post(f"/v1/users/{new_user()}/token", json={"ttl": too_long}, headers=stack.headers("client"))
    assert_error(r, 422, "ttl_too_long")


@pytest.mark.parametrize("user_id", ["a:b", "a%3Fb", "a%20b", "x" * 201])
async def test_a_token_needs_a_valid_user_id(stack: Stack, user_id: str) -> None:
    r = await stack.http.post(f"/v1/users/{user_id}/token", headers=stack.headers("client"))
    assert_error(r, 422, "validation_error")


async def test_a_user_token_cannot_issue_tokens(stack: Stack) -> None:
    user = new_user()
    headers = bearer(await token_for(stack, user))
    for target in (user, new_user()):
        assert_error(await stack.http.post(f"/v1/users/{target}/token", headers=headers), 403, "forbidden")


# --- expiry and forgery over HTTP ----------------------------------------------------------------------------


async def test_a_short_lived_token_expires(stack: Stack) -> None:
    headers = bearer(await token_for(stack, new_user(), {"ttl": 1}))
    r = await stack.http.get("/v1/me/wallet", headers=headers)
    assert r.status_code == 200, r.text
    await asyncio.sleep(1.5)
    assert_error(await stack.http.get("/v1/me/wallet", headers=headers), 401, "token_expired")


def _forge_payload(token: str, **claims: Any) -> str:
    """The token with its payload claims changed and its original signature kept."""
    prefix, payload, signature = token.split(".")
    data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    data.update(claims)
    forged = base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).rstrip(b"=").decode()
    return f"{prefix}.{forged}.{signature}"


def _flip_last_char(text: str) -> str:
    return text[:-1] + ("A" if text[-1] != "A" else "B")


async def test_forged_tokens_are_401(stack: Stack) -> None:
    user, victim = new_user(), new_user()
    token = await token_for(stack, user)
    other_secret, _ = issue_token("another-secret-0123456789", user, timedelta(minutes=5))
    prefix, payload, _ = token.split(".")
    forgeries = {
        "signature changed": _flip_last_char(token),
        "signature removed": f"{prefix}.{payload}.",
        "payload for another user": _forge_payload(token, sub=victim),
        "expiry pushed out": _forge_payload(token, exp=2**40),
        "signed with another secret": other_secret,
        "truncated": f"{prefix}.{payload}",
        "extra part": f"{token}.x",
    }
    for case, forged in forgeries.items():
        r = await stack.http.get("/v1/me/wallet", headers=bearer(forged))
        assert r.status_code == 401, (case, r.text)
        assert_error(r, 401)
    assert (await stack.http.get("/v1/me/wallet", headers=bearer(token))).status_code == 200


# --- issue_token / verify_token with explicit clocks -----------------------------------------------------------

T0 = datetime(2030, 6, 1, 12, 0, 0, tzinfo=UTC)


def test_a_token_verifies_for_its_user_until_it_expires() -> None:
    token, expires_at = issue_token("s" * 32, "alice", timedelta(minutes=15), now=T0)
    assert expires_at == T0 + timedelta(minutes=15)
    assert verify_token("s" * 32, token, now=T0) == "alice"
    assert verify_token("s" * 32, token, now=T0 + timedelta(minutes=15) - timedelta(milliseconds=1)) == "alice"
    for later in (timedelta(minutes=15), timedelta(minutes=15, seconds=1), timedelta(days=400)):
        with pytest.raises(ApiError) as raised:
            verify_token("s" * 32, token, now=T0 + later)
        assert (raised.value.status, raised.value.code) == (401, "token_expired")


def test_a_token_is_valid_for_its_whole_ttl_when_issued_mid_second() -> None:
    """A 1-second token issued at 12:00:00.9 must still verify at 12:00:01.5 (it was asked to live 1 s)."""
    issued = T0 + timedelta(milliseconds=900)
    token, expires_at = issue_token("s" * 32, "alice", timedelta(seconds=1), now=issued)
    assert verify_token("s" * 32, token, now=issued + timedelta(milliseconds=600)) == "alice"
    assert expires_at >= issued + timedelta(seconds=1), "expires_at promises less than the ttl asked for"


def test_the_token_payload_is_the_documented_claims() -> None:
    token, _ = issue_token("s" * 32, "alice", timedelta(seconds=90), now=T0)
    prefix, payload, signature = token.split(".")
    assert prefix == "v1"
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert claims == {"sub": "alice", "iat": int(T0.timestamp()), "exp": int(T0.timestamp()) + 90}
    expected = hmac.new(b"s" * 32, f"v1.{payload}".encode(), hashlib.sha256).digest()
    assert base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)) == expected


def _sign(secret: str, payload: bytes) -> str:
    body = "v1." + base64.urlsafe_b64encode(payload).rstrip(b"=").decode()
    sig = base64.urlsafe_b64encode(hmac.new(secret.encode(), body.encode(), hashlib.sha256).digest())
    return f"{body}.{sig.rstrip(b'=').decode()}"


@pytest.mark.parametrize(
    ("case", "token", "code"),
    [
        ("wrong secret", issue_token("other" * 8, "alice", timedelta(minutes=1), now=T0)[0], "invalid_token"),
        (
            "signature of another payload",
            _sign("s" * 32, b'{"sub":"bob","exp":9}').rsplit(".", 1)[0]
            + "."
            + _sign("s" * 32, b"{}").rsplit(".", 1)[1],
            "invalid_token",
        ),
        ("not three parts", "v1.abc", "invalid_credentials"),
        ("unknown version", "v0.abc.def", "invalid_credentials"),
        ("signed non-json payload", _sign("s" * 32, b"not json"), "invalid_token"),
        ("signed payload without sub", _sign("s" * 32, b'{"exp": 9999999999}'), "invalid_token"),
        ("signed payload without exp", _sign("s" * 32, b'{"sub": "alice"}'), "invalid_token"),
        ("signed payload with a numeric sub", _sign("s" * 32, b'{"sub": 7, "exp": 9999999999}'), "invalid_token"),
        ("signed payload with a string exp", _sign("s" * 32, b'{"sub": "a", "exp": "9999999999"}'), "invalid_token"),
        ("signed json list", _sign("s" * 32, b"[1]"), "invalid_token"),
    ],
)
def test_verify_token_refuses_bad_tokens_with_401(case: str, token: str, code: str) -> None:
    with pytest.raises(ApiError) as raised:
        verify_token("s" * 32, token, now=T0)
    assert (raised.value.status, raised.value.code) == (401, code), case


def test_a_signed_payload_with_valid_claims_verifies() -> None:
    token = _sign("s" * 32, json.dumps({"sub": "carol", "exp": int(T0.timestamp()) + 5}).encode())
    assert verify_token("s" * 32, token, now=T0) == "carol"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (f"Bearer {ADMIN_KEY}", Principal(Role.ADMIN)),
        (f"Bearer {CLIENT_KEY}", Principal(Role.CLIENT)),
        (f"BEARER {CLIENT_KEY}", Principal(Role.CLIENT)),
        (f"Bearer {issue_token(TOKEN_SECRET, 'dora', timedelta(days=3650))[0]}", Principal(Role.USER, "dora")),
    ],
)
def test_authenticate_tells_the_kinds_of_credential_apart(header: str, expected: Principal) -> None:
    assert authenticate(header, admin_key=ADMIN_KEY, client_key=CLIENT_KEY, token_secret=TOKEN_SECRET) == expected


@pytest.mark.parametrize("header", [None, "", "Bearer", "Bearer ", "Basic abc", "Token x", f"Bearer {ADMIN_KEY}x"])
def test_authenticate_refuses_missing_or_malformed_headers(header: str | None) -> None:
    with pytest.raises(ApiError) as raised:
        authenticate(header, admin_key=ADMIN_KEY, client_key=CLIENT_KEY, token_secret=TOKEN_SECRET)
    assert raised.value.status == 401
