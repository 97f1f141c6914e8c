"""System events (issue 17): each drives a mission to completion; referral rules; a mission
counting completions never counts its own; clients cannot forge them. On the real stack."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from tests.api.helpers import create_mission, eventually, send, uid, view
from tests.conftest import Stack

Made = list[str]


@pytest.fixture
async def made(stack: Stack) -> Any:
    """Missions on system events, archived after the test: they count every user's system events
    (a completion, a widget open), so they must not outlive the test in the shared stack."""
    missions: list[str] = []
    yield missions
    for mission in missions:
        r = await stack.http.post(f"/v1/missions/{mission}/archive", headers=stack.headers("admin"))
        assert r.status_code == 200, r.text


async def _system_mission(stack: Stack, made: Made, body: dict[str, Any]) -> str:
    mission = await create_mission(stack, body)
    made.append(mission)
    return mission


def _goal(event_type: str, count: int = 1, tags: list[str] | None = None) -> dict[str, Any]:
    return {"kind": "event", "event_type": event_type, "count": count} | ({"tags": tags} if tags else {})


async def _token(stack: Stack, user: str) -> dict[str, str]:
    r = await stack.http.post(f"/v1/users/{user}/token", headers=stack.headers("client"))
    assert r.status_code == 201, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


async def _completed(stack: Stack, user: str, mission: str) -> None:
    async def done() -> bool:
        v = await view(stack, user, mission)
        return v is not None and v["tab"] == "completed"

    await eventually(done)


async def _progress(stack: Stack, user: str, mission: str) -> Any:
    v = await view(stack, user, mission)
    assert v is not None
    return v["progress"]


async def test_widget_opened_counts_once_per_minute_and_completes_a_mission(stack: Stack, made: Made) -> None:
    mission = await _system_mission(
        stack, made, {"type": "generally_available", "goal": _goal("questline.widget_opened", count=1)}
    )
    user = uid()
    headers = await _token(stack, user)
    first = await stack.http.post("/v1/me/widget-opened", headers=headers)
    assert first.status_code == 202, first.text
    assert first.json()["id"].startswith(f"questline.widget_opened:{user}:")
    await _completed(stack, user, mission)
    again = await stack.http.post("/v1/me/widget-opened", headers=headers)
    assert again.status_code == 202
    # Either the same minute (a duplicate) or the next one: never the same id counted twice.
    assert again.json()["duplicate"] is (again.json()["id"] == first.json()["id"])
    assert (await stack.http.post("/v1/me/widget-opened", headers=stack.headers("client"))).status_code == 403


async def test_referral_fires_once_at_the_referred_users_first_event(stack: Stack, made: Made) -> None:
    mission = await _system_mission(
        stack, made, {"type": "generally_available", "goal": _goal("questline.referral", 2)}
    )
    referrer, a, b = uid("ref"), uid("a"), uid("b")
    client = stack.headers("client")
    for referred in (a, b):
        r = await stack.http.post(
            f"/v1/users/{referrer}/referrals", json={"referred_user_id": referred}, headers=client
        )
        assert r.status_code == 201, r.text
        assert r.json()["fired_at"] is None
    # The same referral again changes nothing; another referrer, or oneself, is refused.
    r = await stack.http.post(f"/v1/users/{referrer}/referrals", json={"referred_user_id": a}, headers=client)
    assert r.status_code == 200 and r.json()["duplicate"] is True
    r = await stack.http.post(f"/v1/users/{uid('other')}/referrals", json={"referred_user_id": a}, headers=client)
    assert r.status_code == 409, r.text
    assert r.json()["error"]["code"] == "already_referred"
    assert r.json()["error"]["details"][0]["field"] == "referred_user_id"
    r = await stack.http.post(f"/v1/users/{referrer}/referrals", json={"referred_user_id": referrer}, headers=client)
    assert r.status_code == 422, r.text
    assert r.json()["error"]["code"] == "self_referral"
    assert r.json()["error"]["details"][0]["field"] == "referred_user_id"

    # a's events: the first fires the referral, the later ones do not.
    await send(stack, a, uid("anything"))
    await send(stack, a, uid("anything"))

    async def one() -> bool:
        return bool((await _progress(stack, referrer, mission))["current"] == 1)

    await eventually(one)
    listed = (await stack.http.get(f"/v1/users/{referrer}/referrals", headers=client)).json()["items"]
    assert [(x["referred_user_id"], x["fired_at"] is not None) for x in listed] == [(a, True), (b, False)]
    assert listed[0]["event_id"] == f"questline.referral:{a}"
    # b's first event (a batch of two) fires the second referral: the mission completes.
    batch = {"events": [{"id": uid("e"), "user_id": b, "type": "x"}, {"id": uid("e"), "user_id": b, "type": "y"}]}
    assert (await stack.http.post("/v1/events/batch", json=batch, headers=client)).status_code == 202
    await _completed(stack, referrer, mission)


async def test_mission_completed_counts_other_missions_and_never_its_own(stack: Stack, made: Made) -> None:
    category = (
        await stack.http.post("/v1/categories", json={"name": uid("cat")}, headers=stack.headers("admin"))
    ).json()["id"]
    earn = uid("earn")
    # Recurring-free but repeatable by cycles would loop; a completion of a counter never counts.
    three = await _system_mission(
        stack, made, {"type": "generally_available", "goal": _goal("questline.mission_completed", 3)}
    )
    in_category = await _system_mission(
        stack,
        made,
        {
            "type": "generally_available",
            "goal": _goal("questline.mission_completed", 1, tags=[f"category:{category}"]),
        },
    )
    plain = [await create_mission(stack, {"type": "generally_available", "goal": _goal(earn)}) for _ in range(2)]
    r = await stack.http.post(
        f"/v1/categories/{category}/missions", json={"mission_ids": [plain[0]]}, headers=stack.headers("admin")
    )
    assert r.status_code == 200, r.text
    user = uid()
    await send(stack, user, earn)  # completes both plain missions: 2 completions, one in the category
    await _completed(stack, user, in_category)

    async def two() -> bool:
        return bool((await _progress(stack, user, three))["current"] == 2)

    # in_category's own completion (a counter) does not count toward `three`: it stays at 2.
    await eventually(two)
    await asyncio.sleep(0.5)  # were in_category's completion counted, `three` would reach 3
    assert (await _progress(stack, user, three))["current"] == 2
    third = await create_mission(stack, {"type": "generally_available", "goal": _goal(earn)})
    await send(stack, user, earn)
    await _completed(stack, user, third)
    await _completed(stack, user, three)


async def test_repeating_completion_counters_do_not_feed_themselves_or_each_other(stack: Stack, made: Made) -> None:
    earn = uid("earn")
    counter = {"type": "recurring_on_completion", "goal": _goal("questline.mission_completed", 1), "max_completions": 5}
    # Each completes once per counted completion and then starts again: without the rule, its own
    # completion (and the other's) would complete it again, up to max_completions.
    counters = [await _system_mission(stack, made, counter) for _ in range(2)]
    plain = await create_mission(stack, {"type": "generally_available", "goal": _goal(earn)})
    user = uid()
    await send(stack, user, earn)
    await _completed(stack, user, plain)

    async def counted() -> bool:
        views = [await view(stack, user, m) for m in counters]
        return all(v is not None and v["completions"] >= 1 for v in views)

    await eventually(counted)
    await asyncio.sleep(1.0)  # time for a loop to show, were there one
    for m in counters:
        v = await view(stack, user, m)
        assert v is not None and v["completions"] == 1, v


async def test_tier_reached_fires_once_per_tier_on_the_way_up(stack: Stack, made: Made) -> None:
    silver, gold = uid("silver"), uid("gold")
    r = await stack.http.put(
        "/v1/tiers",
        json={"tiers": [{"name": silver, "min_points": 50}, {"name": gold, "min_points": 100}]},
        headers=stack.headers("admin"),
    )
    assert r.status_code == 200, r.text
    earn = uid("earn")
    reached_silver = await _system_mission(
        stack, made, {"type": "generally_available", "goal": _goal("questline.tier_reached", 1, tags=[silver])}
    )
    reached_gold = await _system_mission(
        stack, made, {"type": "generally_available", "goal": _goal("questline.tier_reached", 1, tags=[gold])}
    )
    await create_mission(stack, {"type": "generally_available", "goal": _goal(earn), "reward": {"points": 150}})
    user = uid()
    await send(stack, user, earn)  # straight to gold: silver is passed on the way
    await _completed(stack, user, reached_gold)
    await _completed(stack, user, reached_silver)
    await stack.http.put("/v1/tiers", json={"tiers": []}, headers=stack.headers("admin"))


async def test_clients_cannot_forge_system_events(stack: Stack) -> None:
    for type_ in (
        "questline.widget_opened",
        "questline.referral",
        "questline.mission_completed",
        "questline.tier_reached",
    ):
        body = {"id": uid("e"), "user_id": uid(), "type": type_}
        r = await stack.http.post("/v1/events", json=body, headers=stack.headers("client"))
        assert r.status_code == 422, r.text
        assert r.json()["error"]["details"][0]["field"] == "type"
    body = {"id": "questline.referral:someone", "user_id": uid(), "type": "x"}
    r = await stack.http.post("/v1/events", json=body, headers=stack.headers("client"))
    assert r.status_code == 422
    assert r.json()["error"]["details"][0]["field"] == "id"
