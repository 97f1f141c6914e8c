"""The API refuses a user's action with the journey's own check (`domain.checks`), before asking it.

The routes' pre-checks and the enrolment workflow's validators call the same functions, so the
API answers what the journey would: the same code, and before the proof of a submission the
journey would refuse is read or stored.
"""

from __future__ import annotations

from typing import Any

from tests.api.helpers import create_mission, eventually, send, uid, view
from tests.conftest import Stack

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))


def _error(r: Any) -> tuple[int, str]:
    return r.status_code, r.json()["error"]["code"]


async def _manual(stack: Stack) -> str:
    goal = {"kind": "manual", "proof": ["link", "image"], "approval": {"mode": "manual"}}
    return await create_mission(stack, {"type": "generally_available", "goal": goal})


async def test_opting_in_again_after_completing_is_cannot_opt_in_as_the_journey_says(stack: Stack) -> None:
    event_type = uid("check-ride")
    goal = {"kind": "event", "event_type": event_type, "count": 1}
    mission = await create_mission(stack, {"type": "generally_available", "opt_in": True, "goal": goal})
    user = uid()
    path = f"/v1/users/{user}/missions/{mission}/opt-in"
    r = await stack.http.post(path, headers=stack.headers("client"))
    assert r.status_code == 200, r.text
    await send(stack, user, event_type)

    async def completed() -> bool:
        v = await view(stack, user, mission)
        return v is not None and v["status"] == "completed"

    await eventually(completed)
    r = await stack.http.post(path, headers=stack.headers("client"))
    # The journey's check: opted in, but over, so the mission cannot be opted into (not "already").
    assert _error(r) == (409, "cannot_opt_in"), r.text
    assert "completed" in r.json()["error"]["message"]


async def test_a_submission_while_one_waits_is_409_before_its_proof_is_checked(stack: Stack) -> None:
    mission, user = await _manual(stack), uid()
    path = f"/v1/users/{user}/missions/{mission}/submissions"
    client = stack.headers("client")
    r = await stack.http.post(path, json={"proof": {"kind": "link", "value": "https://example.com/a"}}, headers=client)
    assert r.status_code == 201, r.text
    # A proof kind the mission does not take: the journey refuses any submission now, so that is the answer.
    r = await stack.http.post(path, json={"proof": {"kind": "text", "value": "hello"}}, headers=client)
    assert _error(r) == (409, "submission_pending"), r.text


async def test_an_upload_while_one_waits_is_409_before_its_file_is_read(stack: Stack) -> None:
    mission, user = await _manual(stack), uid()
    path = f"/v1/users/{user}/missions/{mission}/submissions"
    client = stack.headers("client")
    r = await stack.http.post(
        path, files={"kind": (None, "image"), "file": ("a.png", PNG, "image/png")}, headers=client
    )
    assert r.status_code == 201, r.text
    # A file of a type no mission takes: never looked at, since the journey takes no submission now.
    r = await stack.http.post(
        path,
        files={"kind": (None, "image"), "file": ("a.exe", b"MZ\x90\x00", "application/x-msdownload")},
        headers=client,
    )
    assert _error(r) == (409, "submission_pending"), r.text
