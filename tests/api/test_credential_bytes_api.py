"""Credentials are compared as bytes: no header, however odd its characters, is a 500.

HTTP header values are bytes; Starlette decodes them as latin-1, so a credential may hold any
character from U+0000 to U+00FF. Comparing such a str with `hmac.compare_digest` raises
`TypeError` for non-ASCII text, which used to turn a forged token into a 500 instead of a 401.
"""

from __future__ import annotations

import pytest

from tests.api.helpers import uid
from tests.conftest import Stack


async def _token(stack: Stack) -> str:
    r = await stack.http.post(f"/v1/users/{uid()}/token", headers=stack.headers("client"))
    assert r.status_code == 201, r.text
    token: str = r.json()["token"]
    return token


def _assert_401(status: int, body: dict[str, object]) -> None:
    assert status == 401, body
    error = body["error"]
    assert isinstance(error, dict) and error["code"] in ("invalid_token", "invalid_credentials"), body


@pytest.mark.parametrize("signature", ["\xe9\xe9\xe9", "abc\xff", "\xa0", "sig\x85"])
async def test_a_token_whose_signature_is_not_ascii_is_401(stack: Stack, signature: str) -> None:
    prefix, payload, _ = (await _token(stack)).split(".")
    header = f"Bearer {prefix}.{payload}.{signature}".encode("latin-1")
    r = await stack.http.get("/v1/me/wallet", headers={b"Authorization": header})
    _assert_401(r.status_code, r.json())


async def test_a_token_whose_payload_is_not_ascii_is_401(stack: Stack) -> None:
    prefix, payload, signature = (await _token(stack)).split(".")
    header = f"Bearer {prefix}.{payload}\xe9.{signature}".encode("latin-1")
    r = await stack.http.get("/v1/me/wallet", headers={b"Authorization": header})
    _assert_401(r.status_code, r.json())


@pytest.mark.parametrize("credential", [b"\xe9\xe9\xe9\xe9", b"test-admin-key-0123456789\xe9", b"\xff.\xff.\xff"])
@pytest.mark.parametrize(("method", "path"), [("GET", "/v1/missions"), ("POST", "/v1/events")])
async def test_a_key_with_non_ascii_bytes_is_401(stack: Stack, credential: bytes, method: str, path: str) -> None:
    r = await stack.http.request(method, path, json={}, headers={b"Authorization": b"Bearer " + credential})
    _assert_401(r.status_code, r.json())
