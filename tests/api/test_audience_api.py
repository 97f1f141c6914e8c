"""Users, tiers, segments and eligibility through the API on a real worker (docs/missions.md §7)."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.api.helpers import create_mission, eventually, points, send, uid, view
from tests.conftest import Stack


def _goal(event_type: str, count: int = 1) -> dict[str, Any]:
    return {"kind": "event", "event_type": event_type, "count": count}


async def _tiers(stack: Stack, tiers: list[dict[str, Any]]) -> None:
    r = await stack.http.put("/v1/tiers", json={"tiers": tiers}, headers=stack.headers("admin"))
    assert r.status_code == 200, r.text


async def _profile(stack: Stack, user: str) -> dict[str, Any]:
    r = await stack.http.get(f"/v1/users/{user}", headers=stack.headers("client"))
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


async def _listed(stack: Stack, user: str, mission: str) -> bool:
    r = await stack.http.get(f"/v1/users/{user}/missions", headers=stack.headers("client"))
    assert r.status_code == 200, r.text
    return any(item["mission_id"] == mission for item in r.json()["items"])


async def test_profile_round_trip_and_unknown_tier(stack: Stack) -> None:
    gold = uid("gold")
    await _tiers(stack, [{"name": gold, "min_points": 1_000_000}])
    user = uid()
    body = {"attributes": {"country": "DE", "age": 31}, "tier": gold, "joined_at": "2026-01-01T00:00:00Z"}
    r = await stack.http.put(f"/v1/users/{user}", json=body, headers=stack.headers("client"))
    assert r.status_code == 200, r.text
    got = await _profile(stack, user)
    assert (got["attributes"], got["tier"], got["effective_tier"], got["points"]) == (body["attributes"], gold, gold, 0)
    r = await stack.http.put(f"/v1/users/{user}", json={"tier": "no-such-tier"}, headers=stack.headers("client"))
    assert r.status_code == 422 and r.json()["error"]["details"][0]["field"] == "tier"
    r = await stack.http.put(f"/v1/users/{user}", json={"colour": "red"}, headers=stack.headers("client"))
    assert r.status_code == 422


async def test_points_reach_a_tier_that_unlocks_a_min_tier_mission(stack: Stack) -> None:
    silver = uid("silver")
    await _tiers(stack, [{"name": silver, "min_points": 50}])
    earn, locked_type = uid("earn"), uid("vip")
    await create_mission(stack, {"type": "generally_available", "goal": _goal(earn), "reward": {"points": 60}})
    vip = await create_mission(stack, {"type": "locked", "unlock": {"min_tier": silver}, "goal": _goal(locked_type)})
    user = uid()
    before = await view(stack, user, vip)
    assert before is not None and before["tab"] == "locked"
    await send(stack, user, earn)

    async def unlocked() -> bool:
        v = await view(stack, user, vip)
        return v is not None and v["tab"] == "available"

    await eventually(unlocked)
    assert (await _profile(stack, user))["effective_tier"] == silver
    await send(stack, user, locked_type)

    async def done() -> bool:
        v = await view(stack, user, vip)
        return v is not None and v["tab"] == "completed"

    await eventually(done)


async def test_an_explicit_tier_unlocks_and_tier_limited_missions_follow_the_tier(stack: Stack) -> None:
    gold = uid("gold")
    await _tiers(stack, [{"name": gold, "min_points": 1_000_000}])
    only_gold = await create_mission(stack, {"type": "generally_available", "tiers": [gold], "goal": _goal(uid("g"))})
    vip = await create_mission(stack, {"type": "locked", "unlock": {"min_tier": gold}, "goal": _goal(uid("v"))})
    user = uid()
    assert await view(stack, user, only_gold) is None
    assert not await _listed(stack, user, only_gold)
    r = await stack.http.put(f"/v1/users/{user}", json={"tier": gold}, headers=stack.headers("client"))
    assert r.status_code == 200, r.text
    assert await view(stack, user, only_gold) is not None
    assert await _listed(stack, user, only_gold)

    async def unlocked() -> bool:
        v = await view(stack, user, vip)
        return v is not None and v["tab"] == "available"

    await eventually(unlocked)


async def test_rule_segment_membership_follows_points_and_gates_a_mission(stack: Stack) -> None:
    earn, gated_type = uid("earn"), uid("gated")
    r = await stack.http.post(
        "/v1/segments", json={"name": uid("rich"), "rule": {"points_at_least": 30}}, headers=stack.headers("admin")
    )
    assert r.status_code == 201, r.text
    segment = r.json()["id"]
    gated = await create_mission(
        stack,
        {"type": "generally_available", "segments": [segment], "goal": _goal(gated_type), "reward": {"points": 1}},
    )
    await create_mission(stack, {"type": "generally_available", "goal": _goal(earn), "reward": {"points": 30}})
    user = uid()
    assert await view(stack, user, gated) is None
    await send(stack, user, gated_type)  # not eligible yet: must not count
    await send(stack, user, earn)

    async def member() -> bool:
        return segment in (await _profile(stack, user))["segments"]

    await eventually(member)
    v = await view(stack, user, gated)
    assert v is not None and v["progress"]["current"] == 0
    await send(stack, user, gated_type)

    async def done() -> bool:
        v = await view(stack, user, gated)
        return v is not None and v["tab"] == "completed"

    await eventually(done)
    assert await points(stack, user) == 31


async def test_attribute_rule_re_evaluated_on_profile_change(stack: Stack) -> None:
    rule = {"attribute": {"name": "country", "op": "eq", "value": "DE"}}
    r = await stack.http.post("/v1/segments", json={"name": uid("de"), "rule": rule}, headers=stack.headers("admin"))
    assert r.status_code == 201, r.text
    segment = r.json()["id"]
    user = uid()
    client = stack.headers("client")
    await stack.http.put(f"/v1/users/{user}", json={"attributes": {"country": "DE"}}, headers=client)
    assert segment in (await _profile(stack, user))["segments"]
    await stack.http.put(f"/v1/users/{user}", json={"attributes": {"country": "FR"}}, headers=client)
    assert segment not in (await _profile(stack, user))["segments"]


async def test_static_segment_csv_upload_reports_bad_rows_by_line(stack: Stack) -> None:
    admin = stack.headers("admin")
    r = await stack.http.post("/v1/segments", json={"name": uid("beta")}, headers=admin)
    assert r.status_code == 201 and r.json()["kind"] == "static"
    segment = r.json()["id"]
    good_a, good_b = uid(), uid()
    csv = f"user_id,email\n{good_a},a@x\n,missing\nbad id,x\n{good_b},b@x\n{good_a},again\n"
    r = await stack.http.post(
        f"/v1/segments/{segment}/members", content=csv, headers={**admin, "content-type": "text/csv"}
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["added"] == 2
    assert [e["line"] for e in body["errors"]] == [3, 4, 6]
    r = await stack.http.get(f"/v1/segments/{segment}/members", headers=admin)
    assert sorted(r.json()["items"]) == sorted([good_a, good_b])
    gated = await create_mission(stack, {"type": "generally_available", "segments": [segment], "goal": _goal(uid("b"))})
    assert await view(stack, good_a, gated) is not None
    assert await view(stack, uid(), gated) is None
    r = await stack.http.post(
        f"/v1/segments/{segment}/members", content="user_id\n", headers={**admin, "content-type": "application/json"}
    )
    assert r.status_code == 415


async def test_rule_segments_take_no_upload_and_bad_rules_are_422(stack: Stack) -> None:
    admin = stack.headers("admin")
    r = await stack.http.post("/v1/segments", json={"name": uid("r"), "rule": {"points_at_least": 1}}, headers=admin)
    segment = r.json()["id"]
    r = await stack.http.post(
        f"/v1/segments/{segment}/members", content="user_id\nx\n", headers={**admin, "content-type": "text/csv"}
    )
    assert r.status_code == 409
    r = await stack.http.post("/v1/segments", json={"name": "x", "rule": {"points_at_least": -1}}, headers=admin)
    assert r.status_code == 422
    r = await stack.http.post("/v1/segments", json={"name": "x", "rule": {"shoe_size": 44}}, headers=admin)
    assert r.status_code == 422
    r = await stack.http.get("/v1/segments/seg_missing", headers=admin)
    assert r.status_code == 404
    r = await stack.http.post("/v1/segments", json={"name": "x"}, headers=stack.headers("client"))
    assert r.status_code == 403


async def test_entering_a_segment_grants_its_triggered_mission_once(stack: Stack) -> None:
    admin, client = stack.headers("admin"), stack.headers("client")
    rule = {"attribute": {"name": "plan", "op": "eq", "value": "pro"}}
    segment = (await stack.http.post("/v1/segments", json={"name": uid("pro"), "rule": rule}, headers=admin)).json()[
        "id"
    ]
    welcome_type = uid("welcome")
    welcome = await create_mission(
        stack, {"type": "featured", "trigger": {"segment": segment}, "goal": _goal(welcome_type, 2)}
    )
    user = uid()
    assert await view(stack, user, welcome) is None
    await stack.http.put(f"/v1/users/{user}", json={"attributes": {"plan": "pro"}}, headers=client)

    async def granted() -> dict[str, Any] | None:
        return await view(stack, user, welcome)

    first = await eventually(granted)
    assert "featured" in first["chips"]
    await send(stack, user, welcome_type)

    async def progressed() -> bool:
        v = await view(stack, user, welcome)
        return v is not None and v["progress"]["current"] == 1

    await eventually(progressed)
    # Leave and enter again: the grant is not repeated, the journey keeps its progress.
    await stack.http.put(f"/v1/users/{user}", json={"attributes": {"plan": "free"}}, headers=client)
    await stack.http.put(f"/v1/users/{user}", json={"attributes": {"plan": "pro"}}, headers=client)
    r = await stack.http.get(f"/v1/segments/{segment}/members", headers=admin)
    assert user in r.json()["items"]
    handle = stack.env.client.get_workflow_handle(f"enrolment:{welcome}:{user}")
    journey = (await handle.query("journey"))["journey"]
    assert journey["progress"] == "1"

    uploaded = uid()
    static = (await stack.http.post("/v1/segments", json={"name": uid("list")}, headers=admin)).json()["id"]
    other = await create_mission(stack, {"type": "featured", "trigger": {"segment": static}, "goal": _goal(uid("o"))})
    r = await stack.http.post(
        f"/v1/segments/{static}/members",
        content=f"user_id\n{uploaded}\n",
        headers={**admin, "content-type": "text/csv"},
    )
    assert r.status_code == 200, r.text

    async def uploaded_granted() -> dict[str, Any] | None:
        return await view(stack, uploaded, other)

    await eventually(uploaded_granted)


async def test_a_quest_completes_with_its_missions_and_pays_its_reward_once(stack: Stack) -> None:
    admin = stack.headers("admin")
    first_type, second_type = uid("q1"), uid("q2")
    first = await create_mission(
        stack, {"type": "generally_available", "goal": _goal(first_type), "reward": {"points": 1}}
    )
    second = await create_mission(
        stack, {"type": "recurring_on_completion", "goal": _goal(second_type), "reward": {"points": 2}}
    )
    r = await stack.http.post(
        "/v1/quests",
        json={"name": uid("quest"), "mission_ids": [first, second], "reward": {"points": 100}},
        headers=admin,
    )
    assert r.status_code == 201, r.text
    quest = r.json()["id"]
    r = await stack.http.post("/v1/quests", json={"name": "bad", "reward": {"points": 1, "direct": "x"}}, headers=admin)
    assert r.status_code == 422
    user = uid()

    async def quest_view() -> dict[str, Any]:
        r = await stack.http.get(f"/v1/users/{user}/quests", headers=stack.headers("client"))
        assert r.status_code == 200, r.text
        return next(q for q in r.json()["items"] if q["quest_id"] == quest)

    assert (await quest_view())["progress"] == {"current": 0, "target": 2, "unit": "missions"}
    await send(stack, user, first_type)

    async def half() -> bool:
        return (await quest_view())["progress"]["current"] == 1

    await eventually(half)
    await send(stack, user, second_type)
    await send(stack, user, second_type)  # a second round of the repeatable mission: no second quest reward

    async def paid() -> bool:
        return await points(stack, user) == 1 + 2 + 2 + 100

    await eventually(paid)
    assert (await quest_view())["status"] == "completed"
    await asyncio.sleep(1)  # no late second payment
    assert await points(stack, user) == 105


async def test_the_journey_itself_refuses_events_while_the_user_is_ineligible(stack: Stack) -> None:
    """Eligibility is checked at routing and again in the journey: an event that reaches the
    journey directly (as a late redelivery would) while the user is out of the segment is ignored."""
    from datetime import UTC, datetime

    from workflows.payloads import EventIn, enrolment_id

    admin, client = stack.headers("admin"), stack.headers("client")
    rule = {"attribute": {"name": "country", "op": "eq", "value": "DE"}}
    segment = (await stack.http.post("/v1/segments", json={"name": uid("de"), "rule": rule}, headers=admin)).json()[
        "id"
    ]
    et = uid("buy")
    mission = await create_mission(stack, {"type": "generally_available", "segments": [segment], "goal": _goal(et, 3)})
    user = uid()
    await stack.http.put(f"/v1/users/{user}", json={"attributes": {"country": "DE"}}, headers=client)
    await send(stack, user, et)
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
    late = EventIn(id=uid("e"), type=et, received_at=datetime.now(UTC))
    await handle.signal("event", late)
    await asyncio.sleep(0.5)
    assert await progress_is(1)
    await stack.http.put(f"/v1/users/{user}", json={"attributes": {"country": "DE"}}, headers=client)

    async def eligible() -> bool:
        return (await journey())["ineligible_since"] is None

    await eventually(eligible)
    await send(stack, user, et)
    await eventually(lambda: progress_is(2))


async def test_a_bulk_grant_to_a_segment_reports_progress_and_grants_each_member_once(stack: Stack) -> None:
    admin = stack.headers("admin")
    segment = (await stack.http.post("/v1/segments", json={"name": uid("all")}, headers=admin)).json()["id"]
    members = sorted(uid() for _ in range(5))
    r = await stack.http.post(
        f"/v1/segments/{segment}/members",
        content="user_id\n" + "\n".join(members) + "\n",
        headers={**admin, "content-type": "text/csv"},
    )
    assert r.status_code == 200, r.text
    mission = await create_mission(stack, {"type": "featured", "goal": _goal(uid("f"))})
    r = await stack.http.post(f"/v1/missions/{mission}/grants/segment", json={"segment_id": segment}, headers=admin)
    assert r.status_code == 202, r.text
    job = r.json()["job_id"]

    async def finished() -> dict[str, Any] | None:
        r = await stack.http.get(f"/v1/grant-jobs/{job}", headers=admin)
        assert r.status_code == 200, r.text
        body: dict[str, Any] = r.json()
        return body if body["status"] == "completed" else None

    done = await eventually(finished)
    assert (done["granted"], done["refused"]) == (5, 0)
    for user in members:
        v = await view(stack, user, mission)
        assert v is not None and "featured" in v["chips"]
    # Running it again grants nobody twice (grants are idempotent per journey).
    r = await stack.http.post(f"/v1/missions/{mission}/grants/segment", json={"segment_id": segment}, headers=admin)
    assert r.status_code == 202
    r = await stack.http.post(f"/v1/missions/{mission}/grants/segment", json={"segment_id": "seg_x"}, headers=admin)
    assert r.status_code == 422 and r.json()["error"]["details"][0]["field"] == "segment_id"
    assert (await stack.http.get("/v1/grant-jobs/segment-grant:nope", headers=admin)).status_code == 404
    assert (await stack.http.get("/v1/grant-jobs/whatever", headers=admin)).status_code == 404
