"""Manual goals through the API on a real worker (docs/missions.md §5): each approval mode,
the review queue, decline with feedback and resubmission, paying once, and the deadline."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.api.helpers import create_mission, eventually, points, send, uid, view
from tests.conftest import Stack

TEXT = {"proof": {"kind": "text", "value": "I did it"}}


def _manual(approval: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {
        "type": "generally_available",
        "goal": {"kind": "manual", "proof": ["text", "link"], "approval": approval},
        "reward": {"points": 7},
        **more,
    }


async def _submit(stack: Stack, user: str, mission: str, body: dict[str, Any] = TEXT) -> Any:
    return await stack.http.post(
        f"/v1/users/{user}/missions/{mission}/submissions", json=body, headers=stack.headers("client")
    )


async def test_auto_approval_completes_at_once(stack: Stack) -> None:
    mission = await create_mission(stack, _manual({"mode": "auto"}))
    user = uid()
    r = await _submit(stack, user, mission)
    assert r.status_code == 201, r.text
    assert r.json()["status"] == "approved"
    v = await view(stack, user, mission)
    assert v is not None and v["tab"] == "completed" and v["submission"]["status"] == "approved"
    assert await points(stack, user) == 7


async def test_manual_queue_decline_with_feedback_then_resubmit_and_approve_pays_once(stack: Stack) -> None:
    admin = stack.headers("admin")
    mission = await create_mission(stack, _manual({"mode": "manual"}))
    user, other = uid(), uid()
    r = await _submit(stack, user, mission)
    assert r.status_code == 201 and r.json()["status"] == "pending"
    first = r.json()["id"]
    assert (await _submit(stack, user, mission)).status_code == 409  # one pending at a time
    assert (
        await _submit(stack, other, mission, {"proof": {"kind": "link", "value": "https://x.test/p"}})
    ).status_code == 201
    v = await view(stack, user, mission)
    assert v is not None and v["status"] == "pending" and v["tab"] == "available"

    # The queue: filtered by mission and status, oldest first, paged.
    r = await stack.http.get(
        "/v1/submissions", params={"status": "pending", "mission_id": mission, "limit": 1}, headers=admin
    )
    assert r.status_code == 200
    page = r.json()
    assert [s["id"] for s in page["items"]] == [first] and page["next_cursor"] == first
    r = await stack.http.get(
        "/v1/submissions", params={"status": "pending", "mission_id": mission, "cursor": first}, headers=admin
    )
    assert [s["user_id"] for s in r.json()["items"]] == [other]
    r = await stack.http.get("/v1/submissions", params={"user_id": user}, headers=admin)
    assert [s["id"] for s in r.json()["items"]] == [first]

    r = await stack.http.post(f"/v1/submissions/{first}/decline", json={"feedback": "blurry photo"}, headers=admin)
    assert r.status_code == 200 and r.json()["status"] == "declined"
    v = await view(stack, user, mission)
    assert v is not None and v["submission"] == {
        "id": first,
        "status": "declined",
        "proof": TEXT["proof"],
        "feedback": "blurry photo",
    }
    assert v["tab"] == "available" and await points(stack, user) == 0
    # A decision is final: deciding again is a conflict.
    r = await stack.http.post(f"/v1/submissions/{first}/approve", headers=admin)
    assert r.status_code == 409 and r.json()["error"]["code"] == "submission_not_pending"

    r = await _submit(stack, user, mission, {"proof": {"kind": "text", "value": "a better photo"}})
    assert r.status_code == 201
    second = r.json()["id"]
    approvals = await asyncio.gather(
        *(stack.http.post(f"/v1/submissions/{second}/approve", headers=admin) for _ in range(3))
    )
    codes = sorted(a.status_code for a in approvals)
    assert codes[0] == 200 and all(c in (200, 409) for c in codes)
    v = await view(stack, user, mission)
    assert v is not None and v["tab"] == "completed" and v["submission"]["id"] == second
    assert await points(stack, user) == 7  # paid once, whatever was clicked twice
    r = await stack.http.get(f"/v1/users/{user}/wallet", headers=stack.headers("client"))
    assert [e["mission_id"] for e in r.json()["ledger"]] == [mission]


async def test_rule_approval_passes_on_points_or_segment_and_otherwise_waits(stack: Stack) -> None:
    admin = stack.headers("admin")
    r = await stack.http.post("/v1/segments", json={"name": uid("vip")}, headers=admin)
    segment = r.json()["id"]
    vip, rich, nobody = uid(), uid(), uid()
    r = await stack.http.post(
        f"/v1/segments/{segment}/members", content=f"user_id\n{vip}\n", headers={**admin, "content-type": "text/csv"}
    )
    assert r.status_code == 200 and r.json()["added"] == 1
    earn_type = uid("earn")
    await create_mission(
        stack,
        {
            "type": "generally_available",
            "goal": {"kind": "event", "event_type": earn_type, "count": 1},
            "reward": {"points": 100},
        },
    )
    await send(stack, rich, earn_type)
    await eventually(lambda: _has_points(stack, rich, 100))

    mission = await create_mission(stack, _manual({"mode": "rule", "min_points": 100, "segment": segment}))
    outcomes = {}
    for user in (vip, rich, nobody):
        r = await _submit(stack, user, mission)
        assert r.status_code == 201, r.text
        outcomes[user] = r.json()["status"]
    assert outcomes == {vip: "approved", rich: "approved", nobody: "pending"}
    r = await stack.http.get("/v1/submissions", params={"status": "pending", "mission_id": mission}, headers=admin)
    assert [s["user_id"] for s in r.json()["items"]] == [nobody]


async def _has_points(stack: Stack, user: str, n: int) -> bool:
    return await points(stack, user) >= n


async def test_a_decision_after_the_deadline_is_refused_and_the_submission_expires(stack: Stack) -> None:
    admin = stack.headers("admin")
    mission = await create_mission(stack, _manual({"mode": "manual"}, time_to_complete="PT2S"))
    user = uid()
    r = await _submit(stack, user, mission)
    assert r.status_code == 201
    sub = r.json()["id"]

    async def expired() -> bool:
        r = await stack.http.get("/v1/submissions", params={"user_id": user}, headers=admin)
        return bool(r.json()["items"][0]["status"] == "expired")

    await eventually(expired, within=15)
    r = await stack.http.post(f"/v1/submissions/{sub}/approve", headers=admin)
    assert r.status_code == 409, r.text
    assert r.json()["error"]["code"] in ("deadline_passed", "journey_finished")
    v = await view(stack, user, mission)
    assert v is not None and v["tab"] == "missed" and v["submission"]["status"] == "expired"
    assert await points(stack, user) == 0


async def test_proof_kinds_and_survey_answers_are_checked_against_the_mission(stack: Stack) -> None:
    mission = await create_mission(
        stack,
        {
            "type": "generally_available",
            "goal": {
                "kind": "manual",
                "proof": ["survey"],
                "approval": {"mode": "auto"},
                "questions": [{"id": "q1", "text": "Favourite?", "choices": ["a", "b"]}, {"id": "q2", "text": "Why?"}],
            },
        },
    )
    user = uid()
    r = await _submit(stack, user, mission)
    assert r.status_code == 422 and r.json()["error"]["details"][0]["field"] == "proof.kind"
    r = await _submit(stack, user, mission, {"proof": {"kind": "survey", "value": {"q1": "c", "q2": "x"}}})
    assert r.status_code == 422 and r.json()["error"]["details"][0]["field"] == "proof.value.q1"
    r = await _submit(stack, user, mission, {"proof": {"kind": "survey", "value": {"q1": "a"}}})
    assert r.status_code == 422 and r.json()["error"]["details"][0]["field"] == "proof.value.q2"
    r = await _submit(stack, user, mission, {"proof": {"kind": "survey", "value": {"q1": "a", "q2": "because"}}})
    assert r.status_code == 201 and r.json()["status"] == "approved"
