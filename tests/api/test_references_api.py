"""Unknown references in a mission spec are refused (422 naming the field), on the real stack.

A mission limited to a segment that does not exist is invisible to everyone; one locked behind a
mission or tier that does not exist is locked forever. Create, PATCH (draft or active), activate
and a scheduled launch all refuse them the same way: 422, one detail per unknown reference
(`segments.0`, `unlock.after_missions.0`, ...), the code that of the first (`segment_not_found`).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from tests.api.helpers import create_mission, uid
from tests.conftest import Stack


def _goal() -> dict[str, Any]:
    return {"kind": "event", "event_type": uid("ref"), "count": 1}


def _spec(**fields: Any) -> dict[str, Any]:
    return {"name": uid("m"), "type": "generally_available", "goal": _goal(), **fields}


def _refused(r: httpx.Response, *expected: tuple[str, str]) -> dict[str, Any]:
    """422 whose details name exactly `expected` (field, type) in order; the code is the first's type."""
    assert r.status_code == 422, r.text
    error: dict[str, Any] = r.json()["error"]
    got = [(d["field"], d["type"]) for d in error["details"]]
    assert got == list(expected), error
    assert error["code"] == expected[0][1], error
    assert all(d["reason"] for d in error["details"]), error
    return error


async def _post(stack: Stack, path: str, body: Any = None) -> httpx.Response:
    return await stack.http.post(path, json=body, headers=stack.headers("admin"))


async def _made(stack: Stack, path: str, body: dict[str, Any]) -> str:
    r = await _post(stack, path, body)
    assert r.status_code == 201, r.text
    made: str = r.json()["id"]
    return made


@contextlib.asynccontextmanager
async def _tiers(stack: Stack, *names: str) -> AsyncIterator[None]:
    """The global tier list set to `names` for the block, then restored."""
    admin = stack.headers("admin")
    before = (await stack.http.get("/v1/tiers", headers=admin)).json()
    r = await stack.http.put("/v1/tiers", json={"tiers": [{"name": n} for n in names]}, headers=admin)
    assert r.status_code == 200, r.text
    try:
        yield
    finally:
        r = await stack.http.put("/v1/tiers", json=before, headers=admin)
        assert r.status_code == 200, r.text


DANGLING: dict[str, tuple[dict[str, Any], str, str]] = {
    "segments": (_spec(segments=["seg_nope"]), "segments.0", "segment_not_found"),
    "after_missions": (
        _spec(type="locked", unlock={"after_missions": ["mis_nope"]}),
        "unlock.after_missions.0",
        "mission_not_found",
    ),
    "min_tier": (_spec(type="locked", unlock={"min_tier": "tier-nope"}), "unlock.min_tier", "tier_not_found"),
    "tiers": (_spec(tiers=["tier-nope"]), "tiers.0", "tier_not_found"),
    "trigger": (_spec(type="featured", trigger={"segment": "seg_nope"}), "trigger.segment", "segment_not_found"),
    "approval_segment": (
        _spec(goal={"kind": "manual", "proof": ["text"], "approval": {"mode": "rule", "segment": "seg_nope"}}),
        "goal.approval.segment",
        "segment_not_found",
    ),
    "category": (_spec(category_id="cat_nope"), "category_id", "category_not_found"),
    "quest": (_spec(quest_id="qst_nope"), "quest_id", "quest_not_found"),
    "item": (_spec(reward={"item": "item-nope"}), "reward.item", "item_not_found"),
}


@pytest.mark.parametrize("case", list(DANGLING))
async def test_a_dangling_reference_is_422_on_create_and_nothing_is_stored(stack: Stack, case: str) -> None:
    spec, field, type_ = DANGLING[case]
    spec = {**spec, "name": uid("dangling")}
    _refused(await _post(stack, "/v1/missions", spec), (field, type_))
    r = await stack.http.get("/v1/missions", params={"limit": 500}, headers=stack.headers("admin"))
    assert spec["name"] not in {m["name"] for m in r.json()["items"]}


async def test_every_dangling_reference_is_named_in_field_order(stack: Stack) -> None:
    real = await _made(stack, "/v1/segments", {"name": uid("seg")})
    spec = _spec(segments=[real, "seg_a", "seg_b"], category_id="cat_nope", reward={"item": "item-nope"})
    _refused(
        await _post(stack, "/v1/missions", spec),
        ("reward.item", "item_not_found"),
        ("segments.1", "segment_not_found"),
        ("segments.2", "segment_not_found"),
        ("category_id", "category_not_found"),
    )


@pytest.mark.parametrize("active", [False, True])
@pytest.mark.parametrize(
    ("patch", "field", "type_"),
    [
        ({"segments": ["seg_nope"]}, "segments.0", "segment_not_found"),
        ({"tiers": ["tier-nope"]}, "tiers.0", "tier_not_found"),
        ({"category_id": "cat_nope"}, "category_id", "category_not_found"),
        ({"quest_id": "qst_nope"}, "quest_id", "quest_not_found"),
    ],
)
async def test_a_patch_adding_a_dangling_reference_is_422_and_changes_nothing(
    stack: Stack, active: bool, patch: dict[str, Any], field: str, type_: str
) -> None:
    mission = await create_mission(stack, {"type": "generally_available", "goal": _goal()}, activate=active)
    admin = stack.headers("admin")
    before = (await stack.http.get(f"/v1/missions/{mission}", headers=admin)).json()
    r = await stack.http.patch(f"/v1/missions/{mission}", json=patch, headers=admin)
    _refused(r, (field, type_))
    assert (await stack.http.get(f"/v1/missions/{mission}", headers=admin)).json() == before


async def test_a_locked_mission_cannot_wait_for_itself_or_a_missing_mission(stack: Stack) -> None:
    first = await create_mission(stack, {"type": "generally_available", "goal": _goal()})
    locked = await create_mission(
        stack, {"type": "locked", "unlock": {"after_missions": [first]}, "goal": _goal()}, activate=False
    )
    admin = stack.headers("admin")
    r = await stack.http.patch(
        f"/v1/missions/{locked}", json={"unlock": {"after_missions": [first, locked, "mis_nope"]}}, headers=admin
    )
    error = _refused(
        r, ("unlock.after_missions.1", "mission_not_found"), ("unlock.after_missions.2", "mission_not_found")
    )
    assert "own prerequisite" in error["details"][0]["reason"], error


async def test_existing_references_of_every_kind_are_accepted(stack: Stack) -> None:
    tier = uid("tier")
    segment = await _made(stack, "/v1/segments", {"name": uid("seg")})
    category = await _made(stack, "/v1/categories", {"name": uid("cat")})
    quest = await _made(stack, "/v1/quests", {"name": uid("quest")})
    item = await _made(stack, "/v1/items", {"name": uid("item")})
    first = await create_mission(stack, {"type": "generally_available", "goal": _goal()})
    archived = await create_mission(stack, {"type": "generally_available", "goal": _goal()})
    assert (await _post(stack, f"/v1/missions/{archived}/archive")).status_code == 200
    async with _tiers(stack, tier):
        # An archived prerequisite is a reference like any other: its completions still unlock.
        locked = await create_mission(
            stack,
            _spec(
                type="locked",
                unlock={"after_missions": [first, archived], "min_tier": tier},
                segments=[segment],
                tiers=[tier],
                category_id=category,
                quest_id=quest,
                reward={"item": item},
            ),
        )
        featured = await create_mission(stack, _spec(type="featured", trigger={"segment": segment}))
        manual = await create_mission(
            stack,
            _spec(goal={"kind": "manual", "proof": ["text"], "approval": {"mode": "rule", "segment": segment}}),
        )
    for mission in (locked, featured, manual):
        r = await stack.http.get(f"/v1/missions/{mission}", headers=stack.headers("admin"))
        assert r.json()["status"] == "active", r.text


async def test_activation_checks_the_references_again(stack: Stack) -> None:
    """A draft saved with a tier that the tier list has dropped since is not activated (nor launched)."""
    tier = uid("tier")
    async with _tiers(stack, tier):
        draft = await create_mission(stack, _spec(type="locked", unlock={"min_tier": tier}), activate=False)
        gated = await create_mission(stack, _spec(tiers=[tier]), activate=False)
    admin = stack.headers("admin")
    for mission, field in ((draft, "unlock.min_tier"), (gated, "tiers.0")):
        _refused(await _post(stack, f"/v1/missions/{mission}/activate"), (field, "tier_not_found"))
        at = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
        _refused(await _post(stack, f"/v1/missions/{mission}/launch", {"at": at}), (field, "tier_not_found"))
        r = await stack.http.get(f"/v1/missions/{mission}", headers=admin)
        assert r.json()["status"] == "draft", r.text
        # A stale reference does not block an unrelated change; the clone, a new mission, is refused.
        r = await stack.http.patch(f"/v1/missions/{mission}", json={"description": "renamed"}, headers=admin)
        assert r.status_code == 200, r.text
        _refused(await _post(stack, f"/v1/missions/{mission}/clone"), (field, "tier_not_found"))
    async with _tiers(stack, tier):
        r = await _post(stack, f"/v1/missions/{draft}/activate")
        assert r.status_code == 200, r.text


async def test_quest_and_category_members_must_exist(stack: Stack) -> None:
    known = await create_mission(stack, _spec(), activate=False)
    category = await _made(stack, "/v1/categories", {"name": uid("cat")})
    quest = await _made(stack, "/v1/quests", {"name": uid("quest")})
    body = {"mission_ids": [known, "mis_nope"]}
    _refused(await _post(stack, "/v1/quests", {"name": uid("q"), **body}), ("mission_ids.1", "mission_not_found"))
    for path in (f"/v1/categories/{category}/missions", f"/v1/quests/{quest}/missions"):
        _refused(await _post(stack, path, body), ("mission_ids.1", "mission_not_found"))
    r = await stack.http.get(f"/v1/missions/{known}", headers=stack.headers("admin"))
    assert (r.json()["category_id"], r.json()["quest_id"]) == (None, None)
