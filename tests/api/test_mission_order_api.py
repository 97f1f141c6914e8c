"""The order of a user's mission list: by tab (available, locked, completed, missed), featured first
within a tab, then by name (ui.md: a Missed mission is never above an Available one)."""

from __future__ import annotations

from typing import Any

from tests.api.helpers import create_mission, eventually, uid, view
from tests.conftest import Stack

TAB_ORDER = ["available", "locked", "completed", "missed"]


def goal() -> dict[str, Any]:
    return {"kind": "event", "event_type": uid("ord"), "count": 1}


async def listed(stack: Stack, user: str, tab: str | None = None) -> list[dict[str, Any]]:
    params = {"tab": tab} if tab else {}
    r = await stack.http.get(f"/v1/users/{user}/missions", params=params, headers=stack.headers("client"))
    assert r.status_code == 200, r.text
    items: list[dict[str, Any]] = r.json()["items"]
    return items


def assert_ordered(items: list[dict[str, Any]]) -> None:
    """Tab first, then featured before the rest, then name: over the whole list, not only ours."""
    keys = [(TAB_ORDER.index(m["tab"]), m["type"] != "featured", m["name"]) for m in items]
    assert keys == sorted(keys), [(m["tab"], m["type"], m["name"]) for m in items]


async def test_featured_missions_come_first_within_their_tab_not_above_other_tabs(stack: Stack) -> None:
    user = uid()
    # The plain mission's name sorts first, so only the featured rule can put the featured one above it.
    plain = await create_mission(stack, {"name": f"a-{uid('m')}", "type": "generally_available", "goal": goal()})
    featured = await create_mission(stack, {"name": f"z-{uid('m')}", "type": "featured", "goal": goal()})
    gone = await create_mission(
        stack, {"name": f"a-{uid('m')}", "type": "featured", "time_to_complete": "PT1S", "goal": goal()}
    )
    for mission in (featured, gone):
        r = await stack.http.post(
            f"/v1/missions/{mission}/grants", json={"user_ids": [user]}, headers=stack.headers("admin")
        )
        assert r.status_code == 200 and r.json()["results"][0]["ok"], r.text

    async def missed() -> bool:
        seen = await view(stack, user, gone)
        return seen is not None and seen["tab"] == "missed"

    await eventually(missed, within=10)

    everything = await listed(stack, user)
    assert_ordered(everything)
    ids = [m["mission_id"] for m in everything]
    assert ids.index(featured) < ids.index(plain) < ids.index(gone), "missed featured below every available one"

    available = await listed(stack, user, "available")
    assert_ordered(available)
    ids = [m["mission_id"] for m in available]
    assert {m["tab"] for m in available} == {"available"} and gone not in ids
    # The user is fresh: the only featured missions they see are the two granted here.
    assert ids[0] == featured and ids.index(featured) < ids.index(plain), "the featured one leads the tab"

    missed_tab = await listed(stack, user, "missed")
    assert_ordered(missed_tab)
    assert missed_tab[0]["mission_id"] == gone, "a featured missed mission leads the Missed tab"
