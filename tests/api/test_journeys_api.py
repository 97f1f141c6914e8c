"""Journeys through the API on a real worker: revisions, archive, dedupe, batches, pre-filter."""

from __future__ import annotations

from temporalio.service import RPCError

from domain.journey import Journey
from tests.api.helpers import create_mission, eventually, points, send, uid, view
from tests.conftest import Stack
from workflows.payloads import enrolment_id


def count3(event_type: str) -> dict[str, object]:
    """A count-3 mission on an event type of the test's own (missions are global to all users)."""
    return {"type": "generally_available", "goal": {"kind": "event", "event_type": event_type, "count": 3}}


async def _progress(stack: Stack, user: str, mission: str, current: int) -> bool:
    v = await view(stack, user, mission)
    return v is not None and v["progress"]["current"] == current


async def test_revision_lowering_the_goal_completes_running_journeys(stack: Stack) -> None:
    et = uid("ride")
    mission = await create_mission(stack, {**count3(et), "reward": {"points": 9}})
    user = uid()
    await send(stack, user, et)
    await send(stack, user, et)
    await eventually(lambda: _progress(stack, user, mission, 2))
    r = await stack.http.patch(
        f"/v1/missions/{mission}",
        json={"goal": {"kind": "event", "event_type": et, "count": 2}},
        headers=stack.headers("admin"),
    )
    assert r.status_code == 200, r.text
    assert r.json()["revision"] == 2

    async def done() -> bool:
        v = await view(stack, user, mission)
        return v is not None and v["tab"] == "completed"

    await eventually(done)
    assert await points(stack, user) == 9


async def test_archive_closes_running_journeys_without_reward(stack: Stack) -> None:
    et = uid("ride")
    mission = await create_mission(stack, {**count3(et), "reward": {"points": 4}})
    user = uid()
    await send(stack, user, et)
    await eventually(lambda: _progress(stack, user, mission, 1))
    r = await stack.http.post(f"/v1/missions/{mission}/archive", headers=stack.headers("admin"))
    assert r.status_code == 200
    handle = stack.env.client.get_workflow_handle(enrolment_id(mission, user), result_type=Journey)
    journey = await handle.result()
    assert journey.closed_at is not None and journey.completions == 0
    assert await view(stack, user, mission) is None
    assert await points(stack, user) == 0


async def test_duplicate_ids_count_once_and_say_so(stack: Stack) -> None:
    et = uid("ride")
    mission = await create_mission(stack, count3(et))
    user = uid()
    first = await send(stack, user, et, id=f"{user}-same")
    again = await send(stack, user, et, id=f"{user}-same")
    assert first["duplicate"] is False and again["duplicate"] is True
    await eventually(lambda: _progress(stack, user, mission, 1))


async def test_batch_reports_each_event_and_duplicates_within_the_batch(stack: Stack) -> None:
    et = uid("ride")
    mission = await create_mission(stack, {**count3(et), "reward": {"points": 3}})
    user = uid()
    events = [{"id": f"{user}-{i}", "user_id": user, "type": et} for i in (1, 2, 2, 3)]
    r = await stack.http.post("/v1/events/batch", json={"events": events}, headers=stack.headers("client"))
    assert r.status_code == 202, r.text
    assert [x["duplicate"] for x in r.json()["results"]] == [False, False, True, False]

    async def paid() -> bool:
        return await points(stack, user) == 3

    async def completed() -> bool:
        v = await view(stack, user, mission)
        return v is not None and v["tab"] == "completed"

    await eventually(paid)
    await eventually(completed)


async def test_events_that_cannot_change_a_journey_start_no_workflow(stack: Stack) -> None:
    tagged = {"type": "generally_available", "goal": {"kind": "event", "event_type": "buy", "tags": ["x"], "count": 1}}
    mission = await create_mission(stack, tagged)
    user = uid()
    await send(stack, user, "buy", tags=["y"])
    await send(stack, user, "buy_other", tags=["x"])
    try:
        await stack.env.client.get_workflow_handle(enrolment_id(mission, user)).describe()
    except RPCError:
        pass
    else:
        raise AssertionError("a journey was started for events that cannot change it")


async def test_opt_in_conflicts(stack: Stack) -> None:
    et = uid("ride")
    no_opt_in = await create_mission(stack, count3(et))
    opt_in = await create_mission(stack, {**count3(et), "opt_in": True})
    user = uid()
    base = f"/v1/users/{user}/missions"
    client = stack.headers("client")
    r = await stack.http.post(f"{base}/{no_opt_in}/opt-in", headers=client)
    assert r.status_code == 409 and r.json()["error"]["code"] == "opt_in_not_required"
    r = await stack.http.post(f"{base}/{opt_in}/opt-in", headers=client)
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "opted_in" and r.json()["chips"] == ["opted_in"]
    r = await stack.http.post(f"{base}/{opt_in}/opt-in", headers=client)
    assert r.status_code == 409 and r.json()["error"]["code"] == "already_opted_in"
    r = await stack.http.post(f"{base}/does-not-exist/opt-in", headers=client)
    assert r.status_code == 404


async def test_grant_refused_before_start_and_only_for_featured(stack: Stack) -> None:
    et = uid("ride")
    later = await create_mission(
        stack,
        {
            "type": "featured",
            "start_at": "2999-01-01T00:00:00Z",
            "goal": {"kind": "event", "event_type": "x", "count": 1},
        },
    )
    r = await stack.http.post(
        f"/v1/missions/{later}/grants", json={"user_ids": [uid()]}, headers=stack.headers("admin")
    )
    assert r.status_code == 422 and r.json()["error"]["code"] == "not_started"
    plain = await create_mission(stack, count3(et))
    r = await stack.http.post(
        f"/v1/missions/{plain}/grants", json={"user_ids": [uid()]}, headers=stack.headers("admin")
    )
    assert r.status_code == 409 and r.json()["error"]["code"] == "wrong_mission_type"


async def test_client_events_may_not_use_internal_types(stack: Stack) -> None:
    r = await stack.http.post(
        "/v1/events",
        json={"id": uid("e"), "user_id": uid(), "type": "questline.mission_completed"},
        headers=stack.headers("client"),
    )
    assert r.status_code == 422 and r.json()["error"]["details"][0]["field"] == "type"
