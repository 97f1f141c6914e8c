"""Input PostgreSQL can never store must be refused with a 4xx, never wedge a journey (issue 13).

Two layers, each tested on the real stack: the input guard checks every body a route may read as
JSON whatever its label (a missing Content-Type included), and refuses NaN/Infinity; behind it, a
read-model write that fails with a data error fails the user's action with a 4xx and leaves the
journey as it was, so the same user can submit again at once.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest

from db import missions as missions_repo
from domain.errors import Invalid
from services.active_missions import context_of
from services.gateway import JourneyGateway, LazyClient
from tests.api.helpers import create_mission, eventually, uid
from tests.conftest import Stack
from workflows.payloads import Review, Submit, enrolment_id

#: A request that used to hang forever answers within this (seconds).
PROMPT = 15.0
GOOD = json.dumps({"proof": {"kind": "text", "value": "I did it"}}).encode()
JSON = {"Content-Type": "application/json"}


def _manual(mode: str = "manual") -> dict[str, Any]:
    return {
        "type": "generally_available",
        "goal": {"kind": "manual", "proof": ["text", "link"], "approval": {"mode": mode}},
        "reward": {"points": 3},
    }


async def _token(stack: Stack, user: str) -> dict[str, str]:
    r = await stack.http.post(f"/v1/users/{user}/token", headers=stack.headers("client"))
    assert r.status_code == 201, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


async def _post(stack: Stack, path: str, body: bytes, headers: dict[str, str]) -> httpx.Response:
    """POSTs raw bytes with exactly `headers` (httpx adds no Content-Type to raw content)."""
    return await asyncio.wait_for(stack.http.post(path, content=body, headers=headers), PROMPT)


async def _queued(stack: Stack, mission: str, user: str) -> list[dict[str, Any]]:
    r = await stack.http.get(
        "/v1/submissions", params={"status": "pending", "mission_id": mission}, headers=stack.headers("admin")
    )
    assert r.status_code == 200, r.text
    return [s for s in r.json()["items"] if s["user_id"] == user]


async def _resubmits_and_is_queued(stack: Stack, mission: str, user: str, headers: dict[str, str]) -> None:
    """The journey is not wedged: a valid proof is taken and shows in the admin review queue."""
    r = await _post(stack, f"/v1/me/missions/{mission}/submissions", GOOD, {**headers, **JSON})
    assert r.status_code == 201, r.text
    assert r.json()["status"] == "pending"
    queued = await eventually(lambda: _queued(stack, mission, user))
    assert [s["proof"] for s in queued] == [{"kind": "text", "value": "I did it"}]


async def test_nul_in_a_proof_without_content_type_is_422_and_the_journey_takes_a_valid_one(stack: Stack) -> None:
    mission, user = await create_mission(stack, _manual()), uid()
    headers = await _token(stack, user)
    wedge = b'{"proof":{"kind":"text","value":"a\\u0000b"}}'
    r = await _post(stack, f"/v1/me/missions/{mission}/submissions", wedge, headers)  # no Content-Type
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert error["code"] == "validation_error"
    assert [d["field"] for d in error["details"]] == ["proof.value"], error
    await _resubmits_and_is_queued(stack, mission, user, headers)


async def test_nan_in_a_proof_without_content_type_is_422(stack: Stack) -> None:
    mission, user = await create_mission(stack, _manual()), uid()
    headers = await _token(stack, user)
    body = b'{"proof":{"kind":"survey","value":{"q": NaN}}}'
    r = await _post(stack, f"/v1/me/missions/{mission}/submissions", body, headers)
    assert r.status_code == 422, r.text
    assert [d["field"] for d in r.json()["error"]["details"]] == ["proof.value.q"], r.text


@pytest.mark.parametrize("mode", ["manual", "auto"])
async def test_a_proof_that_cannot_be_stored_fails_the_action_and_leaves_the_journey_as_it_was(
    stack: Stack, mode: str
) -> None:
    """Behind the guard: the journey's read-model write hits a data error (here a proof that went
    around the HTTP guard, straight to the journey): the submission is refused with a 4xx at once,
    not retried forever, and undone, so the user can submit again."""
    mission, user = await create_mission(stack, _manual(mode)), uid()
    async with stack.engine.connect() as conn:
        ctx = context_of(await missions_repo.get(conn, mission))
    gateway = JourneyGateway(LazyClient(stack.settings), stack.settings.task_queue)
    msg = Submit(submission_id=uid("sub"), proof={"kind": "text", "value": "a\x00b"})
    with pytest.raises(Invalid) as refused:
        await asyncio.wait_for(gateway.act(ctx, user, "submit", msg), PROMPT)
    assert refused.value.code == "unstorable_input"
    assert refused.value.details[0]["field"] == "proof", refused.value.details
    headers = await _token(stack, user)
    if mode == "manual":
        await _resubmits_and_is_queued(stack, mission, user, headers)
    else:
        r = await _post(stack, f"/v1/me/missions/{mission}/submissions", GOOD, {**headers, **JSON})
        assert r.status_code == 201 and r.json()["status"] == "approved", r.text


async def test_a_decline_whose_feedback_cannot_be_stored_is_refused_and_the_submission_still_waits(
    stack: Stack,
) -> None:
    mission, user = await create_mission(stack, _manual()), uid()
    headers = await _token(stack, user)
    await _resubmits_and_is_queued(stack, mission, user, headers)
    [queued] = await _queued(stack, mission, user)
    gateway = JourneyGateway(LazyClient(stack.settings), stack.settings.task_queue)
    review = Review(submission_id=queued["id"], approve=False, feedback="no\x00pe")
    with pytest.raises(Invalid) as refused:
        await asyncio.wait_for(gateway.act_existing(enrolment_id(mission, user, None), "review", review), PROMPT)
    assert refused.value.details[0]["field"] == "feedback", refused.value.details
    # Still in the queue, and an admin can decide it.
    assert [s["id"] for s in await _queued(stack, mission, user)] == [queued["id"]]
    r = await stack.http.post(
        f"/v1/submissions/{queued['id']}/decline", json={"feedback": "not quite"}, headers=stack.headers("admin")
    )
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "declined"
