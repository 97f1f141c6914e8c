"""Small helpers for tests that drive the API."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from typing import Any

from tests.conftest import Stack


def uid(prefix: str = "u") -> str:
    """A fresh id, so tests own their data."""
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


async def create_mission(stack: Stack, body: dict[str, Any], *, activate: bool = True) -> str:
    """Creates (and activates) a mission; returns its id."""
    r = await stack.http.post("/v1/missions", json={"name": uid("m"), **body}, headers=stack.headers("admin"))
    assert r.status_code == 201, r.text
    mission_id: str = r.json()["id"]
    if activate:
        r = await stack.http.post(f"/v1/missions/{mission_id}/activate", headers=stack.headers("admin"))
        assert r.status_code == 200, r.text
    return mission_id


async def send(stack: Stack, user_id: str, type_: str, **fields: Any) -> dict[str, Any]:
    """Sends one event; returns the 202 body."""
    body = {"id": fields.pop("id", uid("e")), "user_id": user_id, "type": type_, **fields}
    r = await stack.http.post("/v1/events", json=body, headers=stack.headers("client"))
    assert r.status_code == 202, r.text
    result: dict[str, Any] = r.json()
    return result


async def view(stack: Stack, user_id: str, mission_id: str) -> dict[str, Any] | None:
    """The user's view of a mission, or None when hidden (404)."""
    r = await stack.http.get(f"/v1/users/{user_id}/missions/{mission_id}", headers=stack.headers("client"))
    if r.status_code == 404:
        return None
    assert r.status_code == 200, r.text
    result: dict[str, Any] = r.json()
    return result


async def points(stack: Stack, user_id: str) -> int:
    """The user's balance."""
    r = await stack.http.get(f"/v1/users/{user_id}/wallet", headers=stack.headers("client"))
    assert r.status_code == 200, r.text
    return int(r.json()["points"])


async def eventually(check: Callable[[], Any], *, within: float = 10.0) -> Any:
    """Polls an async `check` until it returns a truthy value (the read side is eventually consistent)."""
    deadline = asyncio.get_running_loop().time() + within
    while True:
        result = await check()
        if result:
            return result
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"condition not met within {within}s; last value {result!r}")
        await asyncio.sleep(0.05)
