from __future__ import annotations

import asyncio
import uuid

from tests.conftest import Stack


async def test_count_mission_completes(stack: Stack) -> None:
    admin, client = stack.headers("admin"), stack.headers("client")
    r = await stack.http.post(
        "/v1/missions",
        json={
            "name": "taxi",
            "type": "generally_available",
            "goal": {"kind": "event", "event_type": "taxi", "count": 2},
            "reward": {"points": 20},
        },
        headers=admin,
    )
    assert r.status_code == 201, r.text
    mid = r.json()["id"]
    r = await stack.http.post(f"/v1/missions/{mid}/activate", headers=admin)
    assert r.status_code == 200, r.text
    user = f"u-{uuid.uuid4().hex[:6]}"
    for i in range(3):
        r = await stack.http.post(
            "/v1/events", json={"id": f"{user}-{i}", "user_id": user, "type": "taxi"}, headers=client
        )
        assert r.status_code == 202, r.text
    for _ in range(50):
        r = await stack.http.get(f"/v1/users/{user}/missions/{mid}", headers=client)
        if r.json().get("tab") == "completed":
            break
        await asyncio.sleep(0.1)
    assert r.json()["tab"] == "completed", r.text
    w = await stack.http.get(f"/v1/users/{user}/wallet", headers=client)
    assert w.json()["points"] == 20
