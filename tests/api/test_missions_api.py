"""Admin mission routes over HTTP: status transitions (semantics §1), clone, patch revisions, list.

Other tests create missions in the same database at the same time, so every test tags its
missions with a fresh name (or its own category) and asserts only on the ids it created.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx
import pytest

from tests.conftest import Stack

GOAL = {"kind": "event", "event_type": "deposit", "count": 3}


def body(tag: str = "", **fields: Any) -> dict[str, Any]:
    """A valid generally_available mission spec, overridden by `fields`."""
    return {"name": f"m-{tag or uuid.uuid4().hex[:8]}", "type": "generally_available", "goal": GOAL, **fields}


async def create(stack: Stack, **fields: Any) -> dict[str, Any]:
    r = await stack.http.post("/v1/missions", json=body(**fields), headers=stack.headers("admin"))
    assert r.status_code == 201, r.text
    mission: dict[str, Any] = r.json()
    return mission


async def act(stack: Stack, mission_id: str, action: str) -> httpx.Response:
    return await stack.http.post(f"/v1/missions/{mission_id}/{action}", headers=stack.headers("admin"))


async def in_status(stack: Stack, status: str, **fields: Any) -> dict[str, Any]:
    """A new mission brought to `status` by allowed transitions ("archived" goes through active)."""
    mission = await create(stack, **fields)
    path = {"draft": [], "active": ["activate"], "archived": ["activate", "archive"], "archived_draft": ["archive"]}
    for action in path[status]:
        r = await act(stack, mission["id"], action)
        assert r.status_code == 200, r.text
        # The activation's lint warnings (these missions' event type is never sent) are not the mission.
        mission = {k: v for k, v in r.json().items() if k != "lint_warnings"}
    return mission


async def get(stack: Stack, mission_id: str) -> dict[str, Any]:
    r = await stack.http.get(f"/v1/missions/{mission_id}", headers=stack.headers("admin"))
    assert r.status_code == 200, r.text
    mission: dict[str, Any] = r.json()
    return mission


async def patch(stack: Stack, mission_id: str, changes: dict[str, Any]) -> httpx.Response:
    return await stack.http.patch(f"/v1/missions/{mission_id}", json=changes, headers=stack.headers("admin"))


def assert_error(r: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """The response is `status` in the error shape with `code`; returns the inner error."""
    assert r.status_code == status, r.text
    payload = r.json()
    assert set(payload) == {"error"}, payload
    error: dict[str, Any] = payload["error"]
    assert set(error) == {"code", "message", "details"}, error
    assert error["code"] == code, error
    assert isinstance(error["message"], str) and error["message"], error
    return error


def spec_of(mission: dict[str, Any]) -> dict[str, Any]:
    """The spec part of a mission body (without id, status, revision and timestamps)."""
    meta = {"id", "status", "revision", "created_at", "updated_at", "activated_at", "archived_at"}
    return {k: v for k, v in mission.items() if k not in meta}


# --- creation ------------------------------------------------------------------------------------


async def test_create_returns_a_draft_at_revision_1_with_the_spec_and_its_defaults(stack: Stack) -> None:
    sent = body(description="deposit three times", reward={"points": 20})
    r = await stack.http.post("/v1/missions", json=sent, headers=stack.headers("admin"))
    assert r.status_code == 201, r.text
    mission = r.json()
    assert mission["status"] == "draft"
    assert mission["revision"] == 1
    assert mission["id"]
    assert mission["activated_at"] is None and mission["archived_at"] is None
    assert mission["name"] == sent["name"]
    assert mission["description"] == "deposit three times"
    assert mission["reward"] == {"points": 20, "item": None, "direct": None}
    assert mission["goal"]["count"] == 3
    assert (mission["opt_in"], mission["timezone"]) == (False, "UTC")
    assert await get(stack, mission["id"]) == mission


# --- status transitions (docs/missions.md §1) ---------------------------------------------------


async def test_draft_to_active(stack: Stack) -> None:
    mission = await create(stack)
    r = await act(stack, mission["id"], "activate")
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "active"
    assert r.json()["activated_at"] is not None
    assert r.json()["revision"] == 1
    assert (await get(stack, mission["id"]))["status"] == "active"


async def test_draft_to_archived(stack: Stack) -> None:
    mission = await create(stack)
    r = await act(stack, mission["id"], "archive")
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "archived"
    assert r.json()["archived_at"] is not None
    assert r.json()["activated_at"] is None
    assert (await get(stack, mission["id"]))["status"] == "archived"


async def test_active_to_archived(stack: Stack) -> None:
    mission = await in_status(stack, "active")
    r = await act(stack, mission["id"], "archive")
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "archived"
    assert r.json()["activated_at"] is not None and r.json()["archived_at"] is not None
    assert (await get(stack, mission["id"]))["status"] == "archived"


@pytest.mark.parametrize(
    ("status", "action"),
    [
        ("active", "activate"),
        ("archived", "activate"),
        ("archived", "archive"),
        ("archived_draft", "activate"),
        ("archived_draft", "archive"),
    ],
)
async def test_refused_transitions_are_409_and_change_nothing(stack: Stack, status: str, action: str) -> None:
    mission = await in_status(stack, status)
    r = await act(stack, mission["id"], action)
    error = assert_error(r, 409, "invalid_transition")
    assert error["details"]["action"] == action
    assert await get(stack, mission["id"]) == mission


@pytest.mark.parametrize("action", ["activate", "archive"])
async def test_concurrent_transitions_succeed_exactly_once(stack: Stack, action: str) -> None:
    mission = await create(stack)
    responses = await asyncio.gather(*(act(stack, mission["id"], action) for _ in range(5)))
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200, 409, 409, 409, 409], [r.text for r in responses]
    for r in responses:
        if r.status_code == 409:
            assert_error(r, 409, "invalid_transition")


async def test_archive_and_activate_racing_end_in_a_status_of_section_1(stack: Stack) -> None:
    mission = await create(stack)
    activate, archive = await asyncio.gather(
        act(stack, mission["id"], "activate"), act(stack, mission["id"], "archive")
    )
    assert archive.status_code == 200, archive.text  # draft → archived and active → archived are both allowed
    assert activate.status_code in (200, 409), activate.text
    final = await get(stack, mission["id"])
    assert final["status"] == "archived"
    assert (final["activated_at"] is not None) == (activate.status_code == 200)


@pytest.mark.parametrize("status", ["archived", "archived_draft"])
async def test_an_archived_mission_cannot_be_patched(stack: Stack, status: str) -> None:
    mission = await in_status(stack, status)
    r = await patch(stack, mission["id"], {"name": "revived"})
    assert_error(r, 409, "mission_archived")
    assert await get(stack, mission["id"]) == mission


@pytest.mark.parametrize("status", ["draft", "active", "archived", "archived_draft"])
async def test_clone_of_any_status_is_a_new_draft_with_the_same_spec(stack: Stack, status: str) -> None:
    original = await in_status(stack, status, description="to clone", reward={"direct": "Gift card"})
    r = await act(stack, original["id"], "clone")
    assert r.status_code == 201, r.text
    clone = r.json()
    assert clone["id"] != original["id"]
    assert clone["status"] == "draft"
    assert clone["revision"] == 1
    assert clone["activated_at"] is None and clone["archived_at"] is None
    assert spec_of(clone) == spec_of(original)
    assert await get(stack, original["id"]) == original
    assert await get(stack, clone["id"]) == clone


async def test_a_clone_is_independent_of_its_original(stack: Stack) -> None:
    original = await in_status(stack, "active")
    clone = (await act(stack, original["id"], "clone")).json()
    assert (await patch(stack, clone["id"], {"name": "the clone"})).status_code == 200
    assert (await act(stack, clone["id"], "archive")).status_code == 200
    after = await get(stack, original["id"])
    assert (after["name"], after["status"]) == (original["name"], "active")


@pytest.mark.parametrize(
    ("method", "suffix"),
    [("GET", ""), ("PATCH", ""), ("POST", "/activate"), ("POST", "/archive"), ("POST", "/clone")],
)
async def test_unknown_mission_id_is_404(stack: Stack, method: str, suffix: str) -> None:
    unknown = f"mis_{uuid.uuid4().hex}"
    r = await stack.http.request(
        method,
        f"/v1/missions/{unknown}{suffix}",
        json={"name": "x"} if method == "PATCH" else None,
        headers=stack.headers("admin"),
    )
    error = assert_error(r, 404, "mission_not_found")
    assert error["details"] == {"mission_id": unknown}


# --- patch and revisions ----------------------------------------------------------------------------


async def test_patching_a_draft_changes_it_in_place(stack: Stack) -> None:
    mission = await create(stack)
    r = await patch(stack, mission["id"], {"name": "renamed", "goal": {**GOAL, "count": 5}, "opt_in": True})
    assert r.status_code == 200, r.text
    patched = r.json()
    assert patched["revision"] == 1
    assert patched["status"] == "draft"
    assert (patched["name"], patched["goal"]["count"], patched["opt_in"]) == ("renamed", 5, True)
    assert await get(stack, mission["id"]) == patched


async def test_a_draft_may_change_its_type_and_goal_kind(stack: Stack) -> None:
    mission = await create(stack)
    changes = {"type": "locked", "goal": {"kind": "manual", "proof": ["text"]}}
    r = await patch(stack, mission["id"], changes)
    assert r.status_code == 200, r.text
    assert (r.json()["type"], r.json()["goal"]["kind"], r.json()["revision"]) == ("locked", "manual", 1)


async def test_patching_an_active_mission_creates_a_new_revision(stack: Stack) -> None:
    mission = await in_status(stack, "active")
    r = await patch(stack, mission["id"], {"name": "revised", "goal": {**GOAL, "count": 7}})
    assert r.status_code == 200, r.text
    revised = r.json()
    assert revised["revision"] == 2
    assert revised["status"] == "active"
    assert (revised["name"], revised["goal"]["count"]) == ("revised", 7)
    assert revised["activated_at"] == mission["activated_at"]
    assert await get(stack, mission["id"]) == revised

    r = await patch(stack, mission["id"], {"reward": {"points": 5}})
    assert r.status_code == 200, r.text
    assert r.json()["revision"] == 3
    assert (r.json()["name"], r.json()["reward"]["points"]) == ("revised", 5)
    assert (await get(stack, mission["id"]))["revision"] == 3


async def test_a_patch_that_changes_nothing_makes_no_revision(stack: Stack) -> None:
    mission = await in_status(stack, "active")
    r = await patch(stack, mission["id"], {"name": mission["name"]})
    assert r.status_code == 200, r.text
    assert r.json()["revision"] == 1
    r = await patch(stack, mission["id"], {})
    assert r.status_code == 200, r.text
    assert r.json()["revision"] == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"type": "locked"}, "type"),
        ({"type": "featured"}, "type"),
        ({"goal": {"kind": "manual", "proof": ["link"]}}, "goal.kind"),
        ({"goal": {"kind": "social", "platform": "x", "action": "follow", "target": "@brand"}}, "goal.kind"),
    ],
)
async def test_type_and_goal_kind_of_an_active_mission_are_immutable(
    stack: Stack, changes: dict[str, Any], field: str
) -> None:
    mission = await in_status(stack, "active")
    error = assert_error(await patch(stack, mission["id"], changes), 409, "immutable_field")
    assert error["details"] == {"field": field}
    assert await get(stack, mission["id"]) == mission


@pytest.mark.parametrize("status", ["draft", "active"])
@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"max_completions": 2}, "max_completions"),
        ({"recurrence": {"every": "day"}}, "recurrence"),
        ({"start_at": "2031-01-02T00:00:00Z", "end_at": "2031-01-01T00:00:00Z"}, "end_at"),
        ({"name": None}, "name"),
        ({"name": ""}, "name"),
        ({"colour": "red"}, "colour"),
        ({"time_to_complete": "P1M"}, "time_to_complete"),
        ({"start_at": "2031-01-02T00:00:00"}, "start_at"),
        ({"reward": {"points": 1, "item": "mug"}}, "reward"),
        ({"goal": {**GOAL, "bogus": 1}}, "goal.bogus"),
        ({"goal": {"kind": "event", "event_type": "deposit", "amount_min": 50, "amount_max": 10}}, "goal.amount_max"),
    ],
    ids=lambda v: v if isinstance(v, str) else "patch",
)
async def test_an_invalid_patch_is_422_naming_the_field_and_changes_nothing(
    stack: Stack, status: str, changes: dict[str, Any], field: str
) -> None:
    mission = await in_status(stack, status)
    error = assert_error(await patch(stack, mission["id"], changes), 422, "validation_error")
    fields = [d["field"] for d in error["details"]]
    assert field in fields, error
    assert all(d["reason"] for d in error["details"]), error
    # Every entry names a field of the request, not pydantic's internal union member names.
    assert all("[" not in f and "Goal" not in f for f in fields), fields
    assert await get(stack, mission["id"]) == mission


async def test_null_removes_an_optional_field(stack: Stack) -> None:
    mission = await create(stack, description="temporary", reward={"points": 3}, end_at="2099-01-01T00:00:00Z")
    r = await patch(stack, mission["id"], {"description": None, "reward": None})
    assert r.status_code == 200, r.text
    patched = r.json()
    assert patched["description"] is None
    assert patched["reward"] is None
    assert patched["end_at"] is not None  # absent fields stay
    assert await get(stack, mission["id"]) == patched


async def test_null_for_a_field_with_a_default_restores_the_default(stack: Stack) -> None:
    mission = await create(stack, opt_in=True, timezone="Europe/Paris")
    r = await patch(stack, mission["id"], {"opt_in": None, "timezone": None})
    assert r.status_code == 200, r.text
    assert (r.json()["opt_in"], r.json()["timezone"]) == (False, "UTC")


# --- list: filters and paging --------------------------------------------------------------------


async def new_category(stack: Stack) -> str:
    r = await stack.http.post(
        "/v1/categories", json={"name": f"cat-{uuid.uuid4().hex[:8]}"}, headers=stack.headers("admin")
    )
    assert r.status_code == 201, r.text
    category_id: str = r.json()["id"]
    return category_id


async def list_all(stack: Stack, limit: int = 500, **filters: str) -> list[dict[str, Any]]:
    """Every mission matching `filters`, walking all pages."""
    items: list[dict[str, Any]] = []
    params: dict[str, Any] = {**filters, "limit": limit}
    for _ in range(10_000):
        r = await stack.http.get("/v1/missions", params=params, headers=stack.headers("admin"))
        assert r.status_code == 200, r.text
        page = r.json()
        assert len(page["items"]) <= limit
        items.extend(page["items"])
        if page["next_cursor"] is None:
            return items
        assert page["items"], "a page with a next_cursor must not be empty"
        params["cursor"] = page["next_cursor"]
    raise AssertionError("paging never ended")


async def catalogue(stack: Stack) -> tuple[str, dict[str, dict[str, Any]]]:
    """A fresh category holding five missions of known statuses and types."""
    category = await new_category(stack)
    missions = {
        "ga_draft": await in_status(stack, "draft", category_id=category),
        "ga_active": await in_status(stack, "active", category_id=category),
        "ga_archived": await in_status(stack, "archived", category_id=category),
        "featured_active": await in_status(stack, "active", category_id=category, type="featured"),
        "recurring_draft": await in_status(
            stack, "draft", category_id=category, type="recurring", recurrence={"every": "day"}
        ),
    }
    return category, missions


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, {"ga_draft", "ga_active", "ga_archived", "featured_active", "recurring_draft"}),
        ({"status": "draft"}, {"ga_draft", "recurring_draft"}),
        ({"status": "active"}, {"ga_active", "featured_active"}),
        ({"status": "archived"}, {"ga_archived"}),
        ({"type": "generally_available"}, {"ga_draft", "ga_active", "ga_archived"}),
        ({"type": "featured"}, {"featured_active"}),
        ({"type": "recurring"}, {"recurring_draft"}),
        ({"type": "locked"}, set()),
        ({"status": "active", "type": "generally_available"}, {"ga_active"}),
        ({"status": "archived", "type": "featured"}, set()),
    ],
)
async def test_list_filters_by_category_status_and_type(
    stack: Stack, filters: dict[str, str], expected: set[str]
) -> None:
    category, missions = await catalogue(stack)
    found = await list_all(stack, category_id=category, **filters)
    ids = {m["id"] for m in found}
    assert ids == {missions[k]["id"] for k in expected}
    assert all(m["category_id"] == category for m in found)
    by_id = {m["id"]: m for m in found}
    for key in expected:
        assert by_id[missions[key]["id"]] == missions[key]


async def test_status_and_type_filters_hold_across_the_whole_catalogue(stack: Stack) -> None:
    _, missions = await catalogue(stack)
    for status in ("draft", "active", "archived"):
        found = await list_all(stack, status=status)
        assert {m["status"] for m in found} <= {status}
        mine = {m["id"] for m in found} & {m["id"] for m in missions.values()}
        assert mine == {m["id"] for m in missions.values() if m["status"] == status}
    found = await list_all(stack, type="featured")
    assert {m["type"] for m in found} == {"featured"}
    assert missions["featured_active"]["id"] in {m["id"] for m in found}


async def test_paging_walks_every_mission_once(stack: Stack) -> None:
    category = await new_category(stack)
    created = [(await create(stack, category_id=category))["id"] for _ in range(5)]

    pages: list[list[str]] = []
    params: dict[str, Any] = {"category_id": category, "limit": 2}
    while True:
        r = await stack.http.get("/v1/missions", params=params, headers=stack.headers("admin"))
        assert r.status_code == 200, r.text
        page = r.json()
        pages.append([m["id"] for m in page["items"]])
        if page["next_cursor"] is None:
            break
        params["cursor"] = page["next_cursor"]
    assert [len(p) for p in pages] == [2, 2, 1]
    walked = [i for p in pages for i in p]
    assert sorted(walked) == sorted(created)

    # A page of exactly `limit` items at the end has no next page.
    r = await stack.http.get(
        "/v1/missions", params={"category_id": category, "limit": 5}, headers=stack.headers("admin")
    )
    assert r.status_code == 200, r.text
    assert len(r.json()["items"]) == 5
    assert r.json()["next_cursor"] is None


async def test_paging_the_unfiltered_list_finds_each_of_my_missions_exactly_once(stack: Stack) -> None:
    mine = {(await create(stack))["id"] for _ in range(3)}
    walked = [m["id"] for m in await list_all(stack, limit=7)]
    assert len(walked) == len(set(walked)), "a mission appeared on two pages"
    assert mine <= set(walked)


async def test_an_unknown_category_lists_nothing(stack: Stack) -> None:
    r = await stack.http.get(
        "/v1/missions", params={"category_id": f"cat_{uuid.uuid4().hex}"}, headers=stack.headers("admin")
    )
    assert r.status_code == 200, r.text
    assert r.json() == {"items": [], "next_cursor": None}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"status": "deleted"}, "status"),
        ({"type": "weird"}, "type"),
        ({"limit": 0}, "limit"),
        ({"limit": 501}, "limit"),
        ({"limit": "many"}, "limit"),
    ],
)
async def test_invalid_list_parameters_are_422_naming_the_parameter(
    stack: Stack, params: dict[str, Any], field: str
) -> None:
    r = await stack.http.get("/v1/missions", params=params, headers=stack.headers("admin"))
    error = assert_error(r, 422, "validation_error")
    assert field in [d["field"] for d in error["details"]], error


async def test_an_unknown_cursor_is_422(stack: Stack) -> None:
    r = await stack.http.get(
        "/v1/missions", params={"cursor": f"mis_{uuid.uuid4().hex}"}, headers=stack.headers("admin")
    )
    assert_error(r, 422, "invalid_cursor")


async def test_each_revision_of_an_active_mission_stays_readable(stack: Stack) -> None:
    admin = stack.headers("admin")
    body = {"name": "rev", "type": "generally_available", "goal": {"kind": "event", "event_type": "r", "count": 3}}
    mission = (await stack.http.post("/v1/missions", json=body, headers=admin)).json()["id"]
    await stack.http.post(f"/v1/missions/{mission}/activate", headers=admin)
    r = await stack.http.patch(f"/v1/missions/{mission}", json={"name": "rev two"}, headers=admin)
    assert r.json()["revision"] == 2
    first = await stack.http.get(f"/v1/missions/{mission}/revisions/1", headers=admin)
    second = await stack.http.get(f"/v1/missions/{mission}/revisions/2", headers=admin)
    assert (first.json()["spec"]["name"], second.json()["spec"]["name"]) == ("rev", "rev two")
    missing = await stack.http.get(f"/v1/missions/{mission}/revisions/3", headers=admin)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "revision_not_found"
    as_client = await stack.http.get(f"/v1/missions/{mission}/revisions/1", headers=stack.headers("client"))
    assert as_client.status_code == 403
