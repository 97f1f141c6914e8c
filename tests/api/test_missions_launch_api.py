"""Scheduling a mission's launch over the API (a real durable timer of about a second)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from tests.api.helpers import create_mission, eventually, uid
from tests.conftest import Stack

SPEC = {"type": "generally_available", "goal": {"kind": "event", "event_type": "launch_x", "count": 1}}


async def _status(stack: Stack, mission: str) -> str:
    r = await stack.http.get(f"/v1/missions/{mission}", headers=stack.headers("admin"))
    status: str = r.json()["status"]
    return status


async def test_a_scheduled_launch_activates_the_draft_on_time(stack: Stack) -> None:
    admin = stack.headers("admin")
    mission = await create_mission(stack, SPEC, activate=False)
    at = datetime.now(UTC) + timedelta(seconds=1.5)
    r = await stack.http.post(f"/v1/missions/{mission}/launch", json={"at": at.isoformat()}, headers=admin)
    assert r.status_code == 202, r.text
    assert r.json()["status"] == "scheduled"
    again = await stack.http.post(f"/v1/missions/{mission}/launch", json={"at": at.isoformat()}, headers=admin)
    assert again.status_code == 409 and again.json()["error"]["code"] == "launch_scheduled"
    assert await _status(stack, mission) == "draft"

    async def active() -> bool:
        return await _status(stack, mission) == "active"

    await eventually(active, within=15)
    activated = datetime.fromisoformat(
        (await stack.http.get(f"/v1/missions/{mission}", headers=admin)).json()["activated_at"]
    )
    assert activated >= at


async def test_a_cancelled_launch_never_fires_and_bad_launches_are_refused(stack: Stack) -> None:
    admin = stack.headers("admin")
    mission = await create_mission(stack, SPEC, activate=False)
    soon = (datetime.now(UTC) + timedelta(seconds=1)).isoformat()
    r = await stack.http.post(f"/v1/missions/{mission}/launch", json={"at": soon}, headers=admin)
    assert r.status_code == 202
    r = await stack.http.delete(f"/v1/missions/{mission}/launch", headers=admin)
    assert r.status_code == 204
    r = await stack.http.delete(f"/v1/missions/{mission}/launch", headers=admin)
    assert r.status_code == 404
    past = (datetime.now(UTC) - timedelta(seconds=5)).isoformat()
    r = await stack.http.post(f"/v1/missions/{mission}/launch", json={"at": past}, headers=admin)
    assert r.status_code == 422 and r.json()["error"]["details"][0]["field"] == "at"
    active = await create_mission(stack, SPEC)
    r = await stack.http.post(f"/v1/missions/{active}/launch", json={"at": soon}, headers=admin)
    assert r.status_code == 409
    r = await stack.http.post(f"/v1/missions/{uid('m')}/launch", json={"at": soon}, headers=admin)
    assert r.status_code == 404
    await asyncio.sleep(1.5)
    assert await _status(stack, mission) == "draft"


async def test_a_scheduled_launch_can_be_read_until_it_is_cancelled(stack: Stack) -> None:
    admin = stack.headers("admin")
    mission = await create_mission(stack, SPEC, activate=False)
    r = await stack.http.get(f"/v1/missions/{mission}/launch", headers=admin)
    assert r.status_code == 404 and r.json()["error"]["code"] == "launch_not_found"
    at = (datetime.now(UTC) + timedelta(hours=1)).replace(microsecond=0)
    r = await stack.http.post(f"/v1/missions/{mission}/launch", json={"at": at.isoformat()}, headers=admin)
    assert r.status_code == 202, r.text
    r = await stack.http.get(f"/v1/missions/{mission}/launch", headers=admin)
    assert r.status_code == 200, r.text
    assert r.json()["mission_id"] == mission and r.json()["status"] == "scheduled"
    assert datetime.fromisoformat(r.json()["at"]) == at
    assert (await stack.http.delete(f"/v1/missions/{mission}/launch", headers=admin)).status_code == 204
    r = await stack.http.get(f"/v1/missions/{mission}/launch", headers=admin)
    assert r.status_code == 404 and r.json()["error"]["code"] == "launch_not_found"
    r = await stack.http.get(f"/v1/missions/{uid('m')}/launch", headers=admin)
    assert r.status_code == 404 and r.json()["error"]["code"] == "mission_not_found"
    r = await stack.http.get(f"/v1/missions/{mission}/launch", headers=stack.headers("client"))
    assert r.status_code == 403
