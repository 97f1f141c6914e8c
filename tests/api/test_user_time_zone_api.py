"""A user's own time zone (issue 17): the profile's `time_zone` is validated (422 naming it),
kept, and a challenge without a zone of its own shows and counts its days in it."""

from __future__ import annotations

from tests.api.helpers import eventually, send, uid
from tests.api.test_auth import assert_error
from tests.api.test_challenges_api import challenge, created, enable, get
from tests.conftest import Stack


async def test_the_profile_keeps_a_valid_zone_and_refuses_an_unknown_one(stack: Stack) -> None:
    client = stack.headers("client")
    user = uid("u")
    r = await stack.http.put(f"/v1/users/{user}", json={"time_zone": "Asia/Kolkata"}, headers=client)
    assert r.status_code == 200, r.text
    assert r.json()["time_zone"] == "Asia/Kolkata"
    assert (await stack.http.get(f"/v1/users/{user}", headers=client)).json()["time_zone"] == "Asia/Kolkata"
    r = await stack.http.put(f"/v1/users/{user}", json={"time_zone": "Europe/Atlantis"}, headers=client)
    error = assert_error(r, 422)
    assert [d["field"] for d in error["details"]] == ["time_zone"], error
    # A profile written without it has none.
    r = await stack.http.put(f"/v1/users/{user}", json={}, headers=client)
    assert r.json()["time_zone"] is None


async def test_a_challenge_follows_its_users_zone_and_one_with_its_own_keeps_it(stack: Stack) -> None:
    walk, swim = uid("walk"), uid("swim")
    await enable(stack, walk, swim)
    user = uid("u")
    r = await stack.http.put(
        f"/v1/users/{user}", json={"time_zone": "Pacific/Kiritimati"}, headers=stack.headers("client")
    )
    assert r.status_code == 200, r.text
    mine = await created(stack, user, challenge(walk, periods=3))
    assert mine["timezone"] == "Pacific/Kiritimati"
    fixed = await created(stack, user, challenge(swim, periods=3, timezone="Europe/Berlin"))
    assert fixed["timezone"] == "Europe/Berlin"
    await send(stack, user, walk)

    async def counted() -> bool:
        seen = (await get(stack, user, mine["id"])).json()
        return bool(seen["progress"]["today"]["current"] == 1)

    await eventually(counted)
    seen = (await get(stack, user, mine["id"])).json()
    assert seen["timezone"] == "Pacific/Kiritimati"
    # The user moves: the challenge shows the new zone (the day under way is kept, see the module
    # note of domain/streaks.py), and nothing done is lost.
    r = await stack.http.put(
        f"/v1/users/{user}", json={"time_zone": "America/New_York"}, headers=stack.headers("client")
    )
    assert r.status_code == 200, r.text
    moved = (await get(stack, user, mine["id"])).json()
    assert moved["timezone"] == "America/New_York"
    # Today's walk still counts: the day it was counted in ends no earlier than it did.
    assert (moved["progress"]["today"]["current"], moved["progress"]["streak"]) == (1, 0)
