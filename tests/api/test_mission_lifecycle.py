"""Mission lifecycle (issue 17) on the real stack: pause and resume (hidden, events counted for
nobody then or later, progress restored), delete (a draft outright; an active one with
`?confirm=`: points taken back by compensating ledger entries, submissions and proofs removed,
journeys closed, logged, resumable without reversing twice), and the survey edit-lock."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from tests.api.helpers import create_mission, eventually, points, send, uid, view
from tests.conftest import Stack
from workflows.payloads import enrolment_id

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _counting(count: int, reward: int = 20, **more: Any) -> dict[str, Any]:
    event_type = uid("t")
    return {
        "type": "generally_available",
        "goal": {"kind": "event", "event_type": event_type, "count": count},
        "reward": {"points": reward},
        **more,
    }


async def _mission(stack: Stack, mission_id: str) -> dict[str, Any]:
    r = await stack.http.get(f"/v1/missions/{mission_id}", headers=stack.headers("admin"))
    assert r.status_code == 200, r.text
    out: dict[str, Any] = r.json()
    return out


async def _post(stack: Stack, mission_id: str, action: str) -> Any:
    return await stack.http.post(f"/v1/missions/{mission_id}/{action}", headers=stack.headers("admin"))


async def _delete(stack: Stack, mission_id: str, **params: str) -> Any:
    return await stack.http.delete(f"/v1/missions/{mission_id}", params=params, headers=stack.headers("admin"))


async def _progress(stack: Stack, user: str, mission_id: str, expected: int) -> bool:
    v = await view(stack, user, mission_id)
    return v is not None and v["progress"]["current"] == expected


async def _listed(stack: Stack, mission_id: str, **params: str) -> bool:
    r = await stack.http.get("/v1/missions", params={"limit": 500, **params}, headers=stack.headers("admin"))
    assert r.status_code == 200, r.text
    ids = {m["id"] for m in r.json()["items"]}
    page = r.json()
    while mission_id not in ids and page["next_cursor"]:
        r = await stack.http.get(
            "/v1/missions",
            params={"limit": 500, "cursor": page["next_cursor"], **params},
            headers=stack.headers("admin"),
        )
        page = r.json()
        ids |= {m["id"] for m in page["items"]}
    return mission_id in ids


async def _user_lists(stack: Stack, user: str, mission_id: str) -> bool:
    r = await stack.http.get(f"/v1/users/{user}/missions", headers=stack.headers("client"))
    assert r.status_code == 200, r.text
    return mission_id in {m["mission_id"] for m in r.json()["items"]}


# --- pause / resume ------------------------------------------------------------------------------


async def test_a_paused_mission_is_hidden_its_events_count_for_nobody_and_resume_restores_progress(
    stack: Stack,
) -> None:
    body = _counting(4)
    event_type = body["goal"]["event_type"]
    mission = await create_mission(stack, body)
    user = uid()
    await send(stack, user, event_type)
    await eventually(lambda: _progress(stack, user, mission, 1))

    r = await _post(stack, mission, "pause")
    assert r.status_code == 200, r.text
    paused = r.json()
    assert paused["status"] == "paused" and paused["paused_at"] is not None
    assert (await _mission(stack, mission))["status"] == "paused"
    assert await _listed(stack, mission, status="paused")
    # Hidden from the user: absent from their list, 404 in detail, no opt-in or submission.
    assert await view(stack, user, mission) is None
    assert not await _user_lists(stack, user, mission)
    assert (await _post(stack, mission, "pause")).status_code == 409

    paused_events = [uid("e"), uid("e")]
    for event_id in paused_events:
        await send(stack, user, event_type, id=event_id)

    r = await _post(stack, mission, "resume")
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "active" and r.json()["paused_at"] is None
    assert r.json()["activated_at"] == paused["activated_at"]  # the activation is not moved
    assert (await _post(stack, mission, "resume")).status_code == 409
    # Progress as it was: the events received while paused never count.
    v = await view(stack, user, mission)
    assert v is not None and v["progress"]["current"] == 1 and v["status"] == "available"
    assert await _user_lists(stack, user, mission)

    await send(stack, user, event_type)
    await eventually(lambda: _progress(stack, user, mission, 2))

    r = await stack.http.get(f"/v1/users/{user}/missions/{mission}/explain", headers=stack.headers("client"))
    assert r.status_code == 200, r.text
    reasons = {e["event_id"]: e["reason"] for e in r.json()["events"]}
    assert [reasons[e] for e in paused_events] == ["mission_paused", "mission_paused"]
    assert r.json()["replay"]["agrees"] is True


async def test_deadlines_keep_running_while_paused_and_the_widgets_routes_hide_the_mission(stack: Stack) -> None:
    end_at = datetime.now(UTC) + timedelta(seconds=4)
    body = _counting(2, end_at=end_at.isoformat())
    mission = await create_mission(stack, body)
    user = uid()
    await send(stack, user, body["goal"]["event_type"])
    await eventually(lambda: _progress(stack, user, mission, 1))
    r = await stack.http.post(f"/v1/users/{user}/token", headers=stack.headers("client"))
    assert r.status_code == 201, r.text
    me = {"Authorization": f"Bearer {r.json()['token']}"}

    assert (await _post(stack, mission, "pause")).status_code == 200
    r = await stack.http.get("/v1/me/missions", headers=me)
    assert r.status_code == 200 and mission not in {m["mission_id"] for m in r.json()["items"]}
    assert (await stack.http.get(f"/v1/me/missions/{mission}", headers=me)).status_code == 404
    await asyncio.sleep(max(0.0, (end_at - datetime.now(UTC)).total_seconds()) + 0.5)
    assert (await _post(stack, mission, "resume")).status_code == 200
    # The end passed during the pause: resumed, the journey has missed it (progress kept).
    v = await view(stack, user, mission)
    assert v is not None and v["status"] == "missed" and v["progress"]["current"] == 1
    r = await stack.http.get(f"/v1/me/missions/{mission}", headers=me)
    assert r.status_code == 200 and r.json()["status"] == "missed"


async def test_what_unlocked_a_paused_mission_takes_effect_on_resume_without_counting_the_pauses_events(
    stack: Stack,
) -> None:
    prerequisite_body = _counting(1, reward=1)
    prerequisite = await create_mission(stack, prerequisite_body)
    body = _counting(2, type="locked", unlock={"after_missions": [prerequisite]})
    event_type = body["goal"]["event_type"]
    locked = await create_mission(stack, body)
    user = uid()
    assert (await _post(stack, locked, "pause")).status_code == 200
    # The prerequisite completed while the locked mission is paused: nothing opens it yet.
    await send(stack, user, prerequisite_body["goal"]["event_type"])

    async def completed() -> bool:
        v = await view(stack, user, prerequisite)
        return v is not None and v["status"] == "completed"

    await eventually(completed)
    during = uid("e")
    await send(stack, user, event_type, id=during)

    assert (await _post(stack, locked, "resume")).status_code == 200

    async def unlocked() -> bool:
        v = await view(stack, user, locked)
        return v is not None and v["status"] == "available"

    await eventually(unlocked)
    # Unlocked from the prerequisite's completion, caught up since: the pause's event still not counted.
    assert await _progress(stack, user, locked, 0)
    await send(stack, user, event_type)
    await eventually(lambda: _progress(stack, user, locked, 1))
    r = await stack.http.get(f"/v1/users/{user}/missions/{locked}/explain", headers=stack.headers("client"))
    assert {e["event_id"]: e["reason"] for e in r.json()["events"]}[during] == "mission_paused"


async def test_a_user_who_came_back_into_the_segment_during_the_pause_counts_again_after_it(stack: Stack) -> None:
    admin, client = stack.headers("admin"), stack.headers("client")
    rule = {"attribute": {"name": "country", "op": "eq", "value": "DE"}}
    r = await stack.http.post("/v1/segments", json={"name": uid("de"), "rule": rule}, headers=admin)
    assert r.status_code == 201, r.text
    body = _counting(3, segments=[r.json()["id"]])
    event_type = body["goal"]["event_type"]
    mission = await create_mission(stack, body)
    user = uid()
    await stack.http.put(f"/v1/users/{user}", json={"attributes": {"country": "DE"}}, headers=client)
    await send(stack, user, event_type)
    handle = stack.env.client.get_workflow_handle(enrolment_id(mission, user))

    async def journey() -> dict[str, Any]:
        state: dict[str, Any] = (await handle.query("journey"))["journey"]
        return state

    async def progress_is(n: int) -> bool:
        return (await journey())["progress"] == str(n)

    await eventually(lambda: progress_is(1))
    await stack.http.put(f"/v1/users/{user}", json={"attributes": {"country": "FR"}}, headers=client)

    async def ineligible() -> bool:
        return (await journey())["ineligible_since"] is not None

    await eventually(ineligible)
    assert (await _post(stack, mission, "pause")).status_code == 200
    await stack.http.put(f"/v1/users/{user}", json={"attributes": {"country": "DE"}}, headers=client)
    assert (await _post(stack, mission, "resume")).status_code == 200

    async def eligible() -> bool:
        return (await journey())["ineligible_since"] is None

    await eventually(eligible)
    await send(stack, user, event_type)
    await eventually(lambda: progress_is(2))


async def test_a_quest_cannot_be_completed_around_its_paused_mission(stack: Stack) -> None:
    first, second = _counting(1, reward=1), _counting(1, reward=1)
    first_id, second_id = await create_mission(stack, first), await create_mission(stack, second)
    r = await stack.http.post(
        "/v1/quests",
        json={"name": uid("quest"), "mission_ids": [first_id, second_id], "reward": {"points": 50}},
        headers=stack.headers("admin"),
    )
    assert r.status_code == 201, r.text
    quest = r.json()["id"]
    user = uid()
    assert (await _post(stack, second_id, "pause")).status_code == 200
    await send(stack, user, first["goal"]["event_type"])

    async def paid_first() -> bool:
        return await points(stack, user) == 1

    await eventually(paid_first)
    r = await stack.http.get(f"/v1/users/{user}/quests", headers=stack.headers("client"))
    view_of_quest = next(q for q in r.json()["items"] if q["quest_id"] == quest)
    assert view_of_quest["status"] == "in_progress" and view_of_quest["progress"]["target"] == 2
    await asyncio.sleep(0.5)
    assert await points(stack, user) == 1  # no quest reward while a mission of it is paused

    assert (await _post(stack, second_id, "resume")).status_code == 200
    await send(stack, user, second["goal"]["event_type"])

    async def paid_quest() -> bool:
        return await points(stack, user) == 1 + 1 + 50

    await eventually(paid_quest)


async def test_pause_and_resume_refuse_what_is_not_active_or_paused_and_a_paused_mission_can_be_archived(
    stack: Stack,
) -> None:
    draft = await create_mission(stack, _counting(1), activate=False)
    r = await _post(stack, draft, "pause")
    assert r.status_code == 409 and r.json()["error"]["code"] == "invalid_transition"
    assert (await _post(stack, draft, "resume")).status_code == 409
    assert (await _post(stack, uid("mis"), "pause")).status_code == 404

    mission = await create_mission(stack, _counting(1))
    assert (await _post(stack, mission, "pause")).status_code == 200
    r = await stack.http.patch(f"/v1/missions/{mission}", json={"name": uid("renamed")}, headers=stack.headers("admin"))
    assert r.status_code == 200 and r.json()["status"] == "paused" and r.json()["revision"] == 2
    r = await _post(stack, mission, "archive")
    assert r.status_code == 200 and r.json()["status"] == "archived" and r.json()["paused_at"] is None
    assert (await _post(stack, mission, "resume")).status_code == 409


async def test_pause_routes_say_in_the_openapi_document_that_deadlines_keep_running(stack: Stack) -> None:
    doc = (await stack.http.get("/openapi.json")).json()
    for action in ("pause", "resume"):
        op = doc["paths"][f"/v1/missions/{{mission_id}}/{action}"]["post"]
        assert "Deadlines keep running" in op["description"]
        assert {"401", "403", "404", "409"} <= set(op["responses"])
    delete = doc["paths"]["/v1/missions/{mission_id}"]["delete"]
    assert {"200", "202", "204", "404", "409", "422"} <= set(delete["responses"])


# --- delete --------------------------------------------------------------------------------------


async def test_a_draft_is_deleted_outright(stack: Stack) -> None:
    draft = await create_mission(stack, _counting(1), activate=False)
    r = await _delete(stack, draft)
    assert r.status_code == 204, r.text
    r = await stack.http.get(f"/v1/missions/{draft}", headers=stack.headers("admin"))
    assert r.status_code == 404
    assert not await _listed(stack, draft)
    assert (await _delete(stack, draft)).status_code == 404


async def test_deleting_an_active_mission_needs_its_confirm_then_takes_back_points_and_closes_journeys(
    stack: Stack,
) -> None:
    body = _counting(2, reward=20)
    event_type = body["goal"]["event_type"]
    mission = await create_mission(stack, body)
    done, started = uid(), uid()
    await send(stack, done, event_type)
    await send(stack, done, event_type)
    await send(stack, started, event_type)
    await eventually(lambda: _progress(stack, started, mission, 1))

    async def paid() -> bool:
        return await points(stack, done) == 20

    await eventually(paid)

    r = await _delete(stack, mission)
    assert r.status_code == 409 and r.json()["error"]["code"] == "confirmation_required"
    assert mission in r.json()["error"]["message"]
    r = await _delete(stack, mission, confirm=uid("mis"))
    assert r.status_code == 422 and r.json()["error"]["details"][0]["field"] == "confirm"
    assert (await _mission(stack, mission))["status"] == "active"

    r = await _delete(stack, mission, confirm=mission, requested_by="ops@example.test")
    assert r.status_code == 200, r.text
    record = r.json()
    assert record["status"] == "completed" and record["step"] == "done"
    assert record["previous_status"] == "active" and record["requested_by"] == "ops@example.test"
    assert record["points_taken_back"] == 20 and record["users_affected"] == 1
    assert record["journeys_closed"] == 1 and record["submissions_removed"] == 0
    assert record["finished_at"] is not None

    # Taken back by a compensating entry: the grant stays in the ledger.
    assert await points(stack, done) == 0
    r = await stack.http.get(f"/v1/users/{done}/wallet", headers=stack.headers("client"))
    mine = sorted(e["points"] for e in r.json()["ledger"] if e["mission_id"] == mission)
    assert mine == [-20, 20]
    # No longer listed nor seen; its events start nothing.
    deleted = await _mission(stack, mission)
    assert deleted["status"] == "deleted" and deleted["deleted_at"] is not None
    assert not await _listed(stack, mission)
    assert not await _listed(stack, mission, status="active")
    assert await view(stack, started, mission) is None
    assert (await _post(stack, mission, "activate")).status_code == 404
    r = await stack.http.patch(f"/v1/missions/{mission}", json={"name": "x"}, headers=stack.headers("admin"))
    assert r.status_code == 404

    # The record stays readable; a repeat finishes nothing twice.
    r = await stack.http.get(f"/v1/missions/{mission}/deletion", headers=stack.headers("admin"))
    assert r.status_code == 200 and r.json() == record
    assert (await _delete(stack, mission)).status_code == 409
    r = await _delete(stack, mission, confirm=mission)
    assert r.status_code == 200 and r.json() == record
    assert await points(stack, done) == 0


async def test_a_deletion_stopped_midway_is_resumed_by_the_next_delete_and_never_reverses_twice(
    stack: Stack,
) -> None:
    body = _counting(1, reward=15)
    mission = await create_mission(stack, body)
    user = uid()
    await send(stack, user, body["goal"]["event_type"])

    async def paid() -> bool:
        return await points(stack, user) == 15

    await eventually(paid)
    r = await _delete(stack, mission, confirm=mission)
    assert r.status_code == 200 and r.json()["points_taken_back"] == 15
    # As if the process had died after closing the journeys (back to the first step, even).
    for step in ("points", "journeys"):
        async with stack.engine.begin() as conn:
            await conn.execute(
                sa.text("UPDATE mission_deletions SET step = :s, finished_at = NULL WHERE mission_id = :m"),
                {"s": step, "m": mission},
            )
        r = await stack.http.get(f"/v1/missions/{mission}/deletion", headers=stack.headers("admin"))
        assert r.json()["status"] == "running" and r.json()["step"] == step
        r = await _delete(stack, mission, confirm=mission)
        assert r.status_code == 200, r.text
        assert r.json()["status"] == "completed" and r.json()["points_taken_back"] == 15
        assert await points(stack, user) == 15 - 15
    async with stack.engine.connect() as conn:
        entries = (
            await conn.execute(sa.text("SELECT points FROM ledger WHERE mission_id = :m ORDER BY id"), {"m": mission})
        ).scalars()
        assert list(entries) == [15, -15]


async def test_a_deletion_still_closing_its_journeys_is_running_until_a_delete_finishes_it(stack: Stack) -> None:
    body = _counting(1, reward=9)
    mission = await create_mission(stack, body)
    users = [uid() for _ in range(3)]
    for user in users:
        await send(stack, user, body["goal"]["event_type"])

    async def paid() -> bool:
        return all([await points(stack, user) == 9 for user in users])

    await eventually(paid)
    # The job as a request that gave up waiting for the journeys' close leaves it (the API waits longer).
    deletions = stack.app.state.services.missions.deletions
    row = await deletions.delete(mission, confirm=mission, requested_by="ops", wait=timedelta(0))
    assert row is not None and row.step in ("journeys", "done")
    if row.step == "journeys":
        r = await stack.http.get(f"/v1/missions/{mission}/deletion", headers=stack.headers("admin"))
        assert r.json()["status"] == "running" and r.json()["points_taken_back"] == 0
        assert all([await points(stack, user) == 9 for user in users])
    assert (await _mission(stack, mission))["status"] == "deleted"
    assert not await _listed(stack, mission)
    r = await _delete(stack, mission, confirm=mission)
    assert r.status_code == 200, r.text
    assert r.json()["points_taken_back"] == 27 and r.json()["users_affected"] == 3
    assert r.json()["requested_by"] == "ops"
    assert all([await points(stack, user) == 0 for user in users])


async def test_the_relay_finishes_a_deletion_that_stopped_midway(stack: Stack) -> None:
    body = _counting(1, reward=4)
    mission = await create_mission(stack, body)
    user = uid()
    await send(stack, user, body["goal"]["event_type"])

    async def paid() -> bool:
        return await points(stack, user) == 4

    await eventually(paid)
    deletions = stack.app.state.services.missions.deletions
    await deletions.delete(mission, confirm=mission, requested_by="ops", wait=timedelta(0))
    # Its runner died a while ago, wherever it stood.
    async with stack.engine.begin() as conn:
        await conn.execute(
            sa.text(
                "UPDATE mission_deletions SET step = 'journeys', finished_at = NULL,"
                " updated_at = now() - interval '1 hour' WHERE mission_id = :m"
            ),
            {"m": mission},
        )
    relay = asyncio.create_task(deletions.run_stalled(interval=timedelta(milliseconds=100)))
    try:

        async def finished() -> bool:
            r = await stack.http.get(f"/v1/missions/{mission}/deletion", headers=stack.headers("admin"))
            return bool(r.json()["status"] == "completed")

        await eventually(finished, within=30)
    finally:
        relay.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await relay
    assert await points(stack, user) == 0


async def test_deleting_removes_the_missions_submissions_and_their_uploaded_proofs(stack: Stack) -> None:
    goal = {"kind": "manual", "proof": ["image", "text"], "approval": {"mode": "auto"}}
    mission = await create_mission(stack, {"type": "generally_available", "goal": goal, "reward": {"points": 7}})
    uploader, writer = uid(), uid()
    r = await stack.http.post(
        f"/v1/users/{uploader}/missions/{mission}/submissions",
        files={"kind": (None, "image"), "file": ("proof.png", PNG, "image/png")},
        headers=stack.headers("client"),
    )
    assert r.status_code == 201, r.text
    key = r.json()["proof"]["upload"]["key"]
    stored = stack.settings.upload_path / key
    assert stored.exists()
    r = await stack.http.post(
        f"/v1/users/{writer}/missions/{mission}/submissions",
        json={"proof": {"kind": "text", "value": "done"}},
        headers=stack.headers("client"),
    )
    assert r.status_code == 201, r.text

    async def paid() -> bool:
        return await points(stack, uploader) == 7 and await points(stack, writer) == 7

    await eventually(paid)
    r = await _delete(stack, mission, confirm=mission)
    assert r.status_code == 200, r.text
    assert r.json()["submissions_removed"] == 2
    assert r.json()["points_taken_back"] == 14 and r.json()["users_affected"] == 2
    assert not stored.exists()
    r = await stack.http.get("/v1/submissions", params={"mission_id": mission}, headers=stack.headers("admin"))
    assert r.status_code == 200 and r.json()["items"] == []
    assert await points(stack, uploader) == 0 and await points(stack, writer) == 0


async def test_an_archived_mission_is_deleted_with_confirm_too(stack: Stack) -> None:
    mission = await create_mission(stack, _counting(1))
    assert (await _post(stack, mission, "archive")).status_code == 200
    r = await _delete(stack, mission)
    assert r.status_code == 409 and r.json()["error"]["code"] == "confirmation_required"
    r = await _delete(stack, mission, confirm=mission)
    assert r.status_code == 200 and r.json()["previous_status"] == "archived"


# --- survey edit-lock ----------------------------------------------------------------------------


async def test_a_surveys_questions_are_locked_once_someone_submitted_and_the_409_says_to_clone(stack: Stack) -> None:
    questions = [{"id": "q1", "text": "Favourite?", "choices": ["a", "b"]}]
    goal = {"kind": "manual", "proof": ["survey"], "approval": {"mode": "manual"}, "questions": questions}
    mission = await create_mission(stack, {"type": "generally_available", "goal": goal})
    admin = stack.headers("admin")
    edited = {**goal, "questions": [{"id": "q1", "text": "Your favourite?", "choices": ["a", "b"]}]}
    # Nobody answered yet: the questions may still change (a new revision).
    r = await stack.http.patch(f"/v1/missions/{mission}", json={"goal": edited}, headers=admin)
    assert r.status_code == 200, r.text

    user = uid()
    r = await stack.http.post(
        f"/v1/users/{user}/missions/{mission}/submissions",
        json={"proof": {"kind": "survey", "value": {"q1": "a"}}},
        headers=stack.headers("client"),
    )
    assert r.status_code == 201, r.text

    again = {**goal, "questions": [*questions, {"id": "q2", "text": "Why?"}]}
    r = await stack.http.patch(f"/v1/missions/{mission}", json={"goal": again}, headers=admin)
    assert r.status_code == 409, r.text
    error = r.json()["error"]
    assert error["code"] == "survey_locked" and "clone" in error["message"]
    assert error["details"]["field"] == "goal.questions"
    # Dropping the survey proof is a change of questions too; other fields still change.
    no_survey = {"kind": "manual", "proof": ["text"], "approval": {"mode": "manual"}}
    assert (
        await stack.http.patch(f"/v1/missions/{mission}", json={"goal": no_survey}, headers=admin)
    ).status_code == 409
    r = await stack.http.patch(f"/v1/missions/{mission}", json={"name": uid("survey")}, headers=admin)
    assert r.status_code == 200, r.text
    # The way out the message names: a clone is a draft, freely editable.
    r = await _post(stack, mission, "clone")
    assert r.status_code == 201, r.text
    clone = r.json()["id"]
    r = await stack.http.patch(f"/v1/missions/{clone}", json={"goal": again}, headers=admin)
    assert r.status_code == 200, r.text
