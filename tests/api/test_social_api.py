"""Social missions through the API on the session stack: the platforms are the emulator over HTTP and a
check first looks 2 s after it is asked for (`SOCIAL_CHECK_DELAY`)."""

from __future__ import annotations

import random
import uuid
from typing import Any

import httpx

from devstack.social_emulator import Emulator
from tests.api.helpers import create_mission, eventually, points, uid, view
from tests.conftest import SOCIAL_CHECK_DELAY, Stack


def assert_error(r: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """The response is `status` in the error shape with `code`; returns the inner error."""
    assert r.status_code == status, r.text
    error: dict[str, Any] = r.json()["error"]
    assert error["code"] == code, error
    return error


def snowflake() -> str:
    """A fresh Discord id (servers and users are 17-20 digits)."""
    return str(random.randrange(10**17, 10**18))


def username() -> str:
    """A fresh X username (at most 15 characters)."""
    return f"u{uuid.uuid4().hex[:12]}"


def social(platform: str, action: str, target: str, points_: int = 10) -> dict[str, Any]:
    return {
        "type": "generally_available",
        "goal": {"kind": "social", "platform": platform, "action": action, "target": target},
        "reward": {"points": points_},
    }


async def link(stack: Stack, user: str, **handles: str) -> httpx.Response:
    return await stack.http.put(f"/v1/users/{user}", json={"social": handles}, headers=stack.headers("client"))


async def verify(stack: Stack, user: str, mission: str) -> httpx.Response:
    return await stack.http.post(f"/v1/users/{user}/missions/{mission}/verify", headers=stack.headers("client"))


async def listed(stack: Stack, user: str) -> set[str]:
    r = await stack.http.get(f"/v1/users/{user}/missions", headers=stack.headers("client"))
    assert r.status_code == 200, r.text
    return {m["mission_id"] for m in r.json()["items"]}


async def test_a_user_without_a_linked_account_on_the_platform_does_not_see_the_mission(stack: Stack) -> None:
    mission = await create_mission(stack, social("x", "follow", "@QuestlineHQ"))
    user = uid()
    assert mission not in await listed(stack, user)
    assert await view(stack, user, mission) is None
    assert_error(await verify(stack, user, mission), 404, "mission_not_found")

    assert (await link(stack, user, tiktok="alice")).status_code == 200
    assert await view(stack, user, mission) is None, "an account on another platform does not count"

    assert (await link(stack, user, x="@alice")).status_code == 200
    assert mission in await listed(stack, user)
    seen = await view(stack, user, mission)
    assert seen is not None and seen["tab"] == "available" and seen["verification"] is None
    assert seen["progress"] == {"current": 0, "target": 1, "unit": "verifications"}


async def test_verify_runs_the_check_once_per_platform_at_a_time_then_completes_and_pays(
    stack: Stack, emulator_server: tuple[Emulator, str]
) -> None:
    emu, _ = emulator_server
    brand, guild, discord_user = username(), snowflake(), snowflake()
    follow = await create_mission(stack, social("x", "follow", f"@{brand}", 7))
    other_x = await create_mission(stack, social("x", "follow", f"@{brand}2"))
    join = await create_mission(stack, social("discord", "join", guild, 5))
    user = uid()
    handle = username()
    assert (await link(stack, user, x=handle, discord=discord_user)).status_code == 200

    r = await verify(stack, user, follow)
    assert r.status_code == 202, r.text
    check = r.json()["verification"]
    assert check["status"] == "running" and check["detail"] is None

    again = await verify(stack, user, follow)
    error = assert_error(again, 429, "social_check_running")
    assert int(again.headers["Retry-After"]) == error["details"]["retry_after_seconds"] > 0
    assert error["details"]["platform"] == "x"
    # The same platform for another mission waits too; another platform does not.
    assert_error(await verify(stack, user, other_x), 429, "social_check_running")
    token = (await stack.http.post(f"/v1/users/{user}/token", headers=stack.headers("client"))).json()["token"]
    r = await stack.http.post(f"/v1/me/missions/{join}/verify", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 202, r.text

    # The platforms show the actions (before the first look, SOCIAL_CHECK_DELAY after the request).
    emu.x.follow(handle, brand)
    emu.discord.join(guild, discord_user)

    async def completed(mission: str) -> dict[str, Any] | None:
        seen = await view(stack, user, mission)
        return seen if seen is not None and seen["tab"] == "completed" else None

    within = SOCIAL_CHECK_DELAY.total_seconds() + 25  # one retry (15 s) if the first look came early
    done = await eventually(lambda: completed(follow), within=within)
    assert done["verification"]["status"] == "passed" and done["completions"] == 1
    await eventually(lambda: completed(join), within=within)
    assert await points(stack, user) == 12
    assert_error(await verify(stack, user, follow), 409, "cannot_verify")


async def test_unverifiable_goals_and_unusable_handles_are_refused_naming_the_field(stack: Stack) -> None:
    admin = stack.headers("admin")
    r = await stack.http.post(
        "/v1/missions", json={"name": uid("m"), **social("youtube", "like", "dQw4w9WgXcQ")}, headers=admin
    )
    error = assert_error(r, 422, "not_supported")
    assert error["details"][0]["field"] == "goal.action"
    r = await stack.http.post(
        "/v1/missions", json={"name": uid("m"), **social("x", "like", "not a post")}, headers=admin
    )
    assert assert_error(r, 422, "invalid_social_target")["details"][0]["field"] == "goal.target"
    draft = await create_mission(stack, social("x", "follow", "@brand"), activate=False)
    r = await stack.http.patch(
        f"/v1/missions/{draft}",
        json={"goal": {"kind": "social", "platform": "instagram", "action": "follow", "target": "brand"}},
        headers=admin,
    )
    assert_error(r, 422, "not_supported")
    r = await stack.http.post(f"/v1/missions/{draft}/activate", headers=admin)
    assert r.status_code == 200, r.text

    error = assert_error(await link(stack, uid(), telegram="@alice"), 422, "invalid_social_handle")
    assert error["details"][0]["field"] == "social.telegram"
    error = assert_error(await link(stack, uid(), myspace="alice"), 422, "invalid_social_handle")
    assert error["details"][0]["field"] == "social.myspace"


async def test_only_social_missions_take_a_check(stack: Stack) -> None:
    mission = await create_mission(
        stack, {"type": "generally_available", "goal": {"kind": "event", "event_type": uid("ev"), "count": 1}}
    )
    assert_error(await verify(stack, uid(), mission), 409, "not_a_social_mission")
