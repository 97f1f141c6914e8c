"""One social check per user and platform, even when two verify requests for different missions arrive
at the same instant (docs/missions.md §5: the second is 429 `social_check_running`)."""

from __future__ import annotations

import asyncio

import httpx

from tests.api.helpers import create_mission, uid
from tests.api.test_social_api import link, social, username, verify
from tests.conftest import Stack

USERS = 10


async def token_of(stack: Stack, user: str) -> str:
    """A user token, fetched before the race so both requests leave together."""
    r = await stack.http.post(f"/v1/users/{user}/token", headers=stack.headers("client"))
    assert r.status_code == 201, r.text
    token: str = r.json()["token"]
    return token


async def verify_me(stack: Stack, token: str, mission: str) -> httpx.Response:
    """The same request with a user token (`/v1/me/...`): both paths share the rule."""
    return await stack.http.post(f"/v1/me/missions/{mission}/verify", headers={"Authorization": f"Bearer {token}"})


async def test_concurrent_verifies_of_two_missions_on_one_platform_start_one_check(stack: Stack) -> None:
    brand = username()
    first = await create_mission(stack, social("x", "follow", f"@{brand}"))
    second = await create_mission(stack, social("x", "follow", f"@{brand}b"))
    users = [uid() for _ in range(USERS)]
    tokens = {}
    for user in users:
        assert (await link(stack, user, x=username())).status_code == 200
        tokens[user] = await token_of(stack, user)

    async def race(user: str) -> list[httpx.Response]:
        # Both at once, one of them through `/v1/me`; neither journey exists yet.
        return list(await asyncio.gather(verify(stack, user, first), verify_me(stack, tokens[user], second)))

    # Every user's pair at once: the window between the cooldown check and the check's start is
    # the same as for one pair, only hit more often.
    outcomes = await asyncio.gather(*(race(u) for u in users))
    for user, responses in zip(users, outcomes, strict=True):
        statuses = sorted(r.status_code for r in responses)
        assert statuses == [202, 429], (user, [r.text for r in responses])
        refused = next(r for r in responses if r.status_code == 429)
        error = refused.json()["error"]
        assert error["code"] == "social_check_running" and error["details"]["platform"] == "x"
        assert int(refused.headers["Retry-After"]) == error["details"]["retry_after_seconds"] > 0
        started = next(r for r in responses if r.status_code == 202).json()
        assert error["details"]["mission_id"] == started["mission_id"], "the 429 names the check that runs"
        assert started["verification"]["status"] == "running"
