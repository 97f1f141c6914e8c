"""Challenge reward farming (issue 13.3) on the real stack: the operator's minima, one running
challenge per event type and user, and the cap on rewarded challenges per user and period, under
concurrent creations and concurrent completions.

The configuration is one row for the whole deployment: each test writes one that keeps every event
type already enabled and adds fresh ones of its own, so the limits it sets apply to its own users
only, and the tests after it rewrite the limits they need.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from tests.api.helpers import eventually, points, send, uid
from tests.api.test_auth import assert_error
from tests.conftest import Stack

REWARD = {"points": 5}
#: The finding's challenge: one event, one day.
EASY = {"target": {"count": 1}, "period": "day", "periods": 1}


async def configure(stack: Stack, *event_types: str, **limits: Any) -> httpx.Response:
    """Writes the configuration: the event types already enabled plus these, a 5-point reward, and
    `limits` (everything else at its default)."""
    admin = stack.headers("admin")
    r = await stack.http.get("/v1/challenges/config", headers=admin)
    assert r.status_code == 200, r.text
    body = {"event_types": sorted({*r.json()["event_types"], *event_types}), "reward": REWARD} | limits
    return await stack.http.put("/v1/challenges/config", json=body, headers=admin)


async def configured(stack: Stack, *event_types: str, **limits: Any) -> dict[str, Any]:
    r = await configure(stack, *event_types, **limits)
    assert r.status_code == 200, r.text
    stored: dict[str, Any] = r.json()
    return stored


async def create(stack: Stack, user: str, event_type: str, **fields: Any) -> httpx.Response:
    body = {"name": uid("farm"), "event_type": event_type} | EASY | fields
    return await stack.http.post(f"/v1/users/{user}/challenges", json=body, headers=stack.headers("client"))


async def created(stack: Stack, user: str, event_type: str, **fields: Any) -> str:
    r = await create(stack, user, event_type, **fields)
    assert r.status_code == 201, r.text
    challenge_id: str = r.json()["id"]
    return challenge_id


async def completed(stack: Stack, user: str, challenge_id: str) -> bool:
    r = await stack.http.get(f"/v1/users/{user}/challenges/{challenge_id}", headers=stack.headers("client"))
    assert r.status_code == 200, r.text
    return bool(r.json()["status"] == "completed")


async def points_settle_at(stack: Stack, user: str, expected: int) -> None:
    """The balance reaches `expected` and stays there (a late grant would show within the pause)."""

    async def reached() -> bool:
        return await points(stack, user) >= expected

    await eventually(reached, within=20)
    await asyncio.sleep(1.0)
    assert await points(stack, user) == expected


async def test_the_farming_attack_pays_no_more_than_the_configured_limit(stack: Stack) -> None:
    run = uid("run")
    await configured(stack, run, max_active_per_user=10, max_rewarded_per_period=2, reward_period="day")
    user = uid("u")

    # Ten identical challenges at once: one runs, the others are refused (one per event type).
    answers = await asyncio.gather(*(create(stack, user, run) for _ in range(10)))
    assert sorted(r.status_code for r in answers) == [201] + [409] * 9, [r.text for r in answers]
    first = next(r.json()["id"] for r in answers if r.status_code == 201)
    refused = assert_error(next(r for r in answers if r.status_code == 409), 409, "challenge_already_running")
    assert refused["details"] == {"event_type": run, "challenge_id": first}

    # One event completes one challenge: 5 points, not 50.
    await send(stack, user, run)
    assert await eventually(lambda: completed(stack, user, first), within=20)
    await points_settle_at(stack, user, 5)

    # A completed challenge frees its type; rewards stop at the cap of 2 a day.
    second = await created(stack, user, run)
    await send(stack, user, run)
    assert await eventually(lambda: completed(stack, user, second), within=20)
    await points_settle_at(stack, user, 10)
    third = await created(stack, user, run)
    await send(stack, user, run)
    assert await eventually(lambda: completed(stack, user, third), within=20), "over the cap it still completes"
    await points_settle_at(stack, user, 10)

    # The cap is per user: another user's challenge on the same type pays.
    other = uid("u")
    theirs = await created(stack, other, run)
    await send(stack, other, run)
    assert await eventually(lambda: completed(stack, other, theirs), within=20)
    await points_settle_at(stack, other, 5)


async def test_the_cap_holds_under_concurrent_completions(stack: Stack) -> None:
    types = [uid("run"), uid("swim"), uid("ride"), uid("walk")]
    await configured(stack, *types, max_rewarded_per_period=1, reward_period="week")
    user = uid("u")
    ids = [await created(stack, user, t) for t in types]

    # One batch completes all four challenges at once: their journeys grant concurrently.
    events = [{"id": uid("e"), "user_id": user, "type": t} for t in types]
    r = await stack.http.post("/v1/events/batch", json={"events": events}, headers=stack.headers("client"))
    assert r.status_code == 202, r.text

    async def all_completed() -> bool:
        return all([await completed(stack, user, i) for i in ids])

    assert await eventually(all_completed, within=30)
    await points_settle_at(stack, user, 5)
    r = await stack.http.get(f"/v1/users/{user}/wallet", headers=stack.headers("client"))
    assert len([e for e in r.json()["ledger"] if e["mission_id"] in ids]) == 1


async def test_challenges_below_the_minima_are_refused_naming_the_field(stack: Stack) -> None:
    run = uid("run")
    stored = await configured(stack, run, min_count=3, min_amount="10", min_periods=2, max_periods=30)
    assert (stored["min_count"], stored["min_amount"], stored["min_periods"]) == (3, "10", 2)
    user = uid("u")

    error = assert_error(await create(stack, user, run), 422, "challenge_not_allowed")
    assert error["details"] == [
        {"field": "periods", "reason": "at least 2 periods"},
        {"field": "target.count", "reason": "at least 3"},
    ]
    error = assert_error(await create(stack, user, run, target={"amount": 9.5}, periods=2), 422)
    assert error["details"] == [{"field": "target.amount", "reason": "at least 10"}]
    assert await created(stack, user, run, target={"count": 3}, periods=2)
    assert await created(stack, uid("u"), run, target={"amount": 10}, periods=2)


async def test_the_new_limits_are_validated_naming_the_field(stack: Stack) -> None:
    admin = stack.headers("admin")
    before = (await stack.http.get("/v1/challenges/config", headers=admin)).json()
    run = uid("run")
    cases: list[tuple[dict[str, Any], str]] = [
        ({"min_count": 5, "max_count": 4}, "min_count"),
        ({"min_periods": 10, "max_periods": 9}, "min_periods"),
        ({"min_amount": "10", "max_amount": "9.99"}, "min_amount"),
        ({"min_count": 0}, "min_count"),
        ({"min_amount": 0}, "min_amount"),
        ({"max_rewarded_per_period": 0}, "max_rewarded_per_period"),
        ({"reward_period": "month"}, "reward_period"),
    ]
    for limits, field in cases:
        error = assert_error(await configure(stack, run, **limits), 422, "validation_error")
        assert [d["field"] for d in error["details"]] == [field], (limits, error)
    assert (await stack.http.get("/v1/challenges/config", headers=admin)).json() == before, "refusals change nothing"

    # An operator who sets none of the new limits gets the safe defaults.
    stored = await configured(stack, run)
    assert {k: stored[k] for k in ("min_count", "min_amount", "min_periods")} == {
        "min_count": 1,
        "min_amount": None,
        "min_periods": 1,
    }
    assert (stored["max_rewarded_per_period"], stored["reward_period"]) == (3, "day")
