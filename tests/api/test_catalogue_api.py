"""Categories and quests over HTTP: create, list, attach missions, and unknown ids."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from tests.conftest import Stack

GOAL = {"kind": "event", "event_type": "deposit", "count": 1}


def tag() -> str:
    return uuid.uuid4().hex[:10]


def assert_error(r: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """The response is `status` in the error shape with `code`; returns the inner error."""
    assert r.status_code == status, r.text
    payload = r.json()
    assert set(payload) == {"error"}, payload
    assert set(payload["error"]) == {"code", "message", "details"}, payload
    assert payload["error"]["code"] == code, payload
    assert payload["error"]["message"], payload
    error: dict[str, Any] = payload["error"]
    return error


async def post(stack: Stack, path: str, json: Any) -> httpx.Response:
    return await stack.http.post(path, json=json, headers=stack.headers("admin"))


async def get(stack: Stack, path: str) -> Any:
    r = await stack.http.get(path, headers=stack.headers("admin"))
    assert r.status_code == 200, r.text
    return r.json()


async def mission(stack: Stack, *, activate: bool = False, **fields: Any) -> dict[str, Any]:
    spec = {"name": f"m-{tag()}", "type": "generally_available", "goal": GOAL, **fields}
    r = await post(stack, "/v1/missions", spec)
    assert r.status_code == 201, r.text
    if activate:
        r = await post(stack, f"/v1/missions/{r.json()['id']}/activate", None)
        assert r.status_code == 200, r.text
    created: dict[str, Any] = r.json()
    return created


async def category(stack: Stack, **fields: Any) -> dict[str, Any]:
    r = await post(stack, "/v1/categories", {"name": f"cat-{tag()}", **fields})
    assert r.status_code == 201, r.text
    created: dict[str, Any] = r.json()
    return created


async def quest(stack: Stack, **fields: Any) -> dict[str, Any]:
    r = await post(stack, "/v1/quests", {"name": f"quest-{tag()}", **fields})
    assert r.status_code == 201, r.text
    created: dict[str, Any] = r.json()
    return created


# --- categories -----------------------------------------------------------------------------------


async def test_create_and_list_categories(stack: Stack) -> None:
    name = f"Sports {tag()}"
    r = await post(stack, "/v1/categories", {"name": name, "description": "Move more"})
    assert r.status_code == 201, r.text
    created = r.json()
    assert set(created) == {"id", "name", "description", "created_at"}
    assert (created["name"], created["description"]) == (name, "Move more")
    plain = await category(stack)
    assert plain["description"] is None

    listed = await get(stack, "/v1/categories")
    by_id = {c["id"]: c for c in listed}
    assert by_id[created["id"]] == created
    assert by_id[plain["id"]] == plain
    ids = [c["id"] for c in listed]
    assert ids.index(created["id"]) < ids.index(plain["id"]), "categories are listed oldest first"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "name"),
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": "ok", "colour": "red"}, "colour"),
        ({"name": "ok", "description": "x" * 2001}, "description"),
    ],
)
async def test_invalid_category_is_422_naming_the_field(stack: Stack, payload: dict[str, Any], field: str) -> None:
    error = assert_error(await post(stack, "/v1/categories", payload), 422, "validation_error")
    assert field in [d["field"] for d in error["details"]], error


async def test_attach_missions_to_a_category(stack: Stack) -> None:
    cat = await category(stack)
    draft, active = await mission(stack), await mission(stack, activate=True)
    r = await post(stack, f"/v1/categories/{cat['id']}/missions", {"mission_ids": [draft["id"], active["id"]]})
    assert r.status_code == 200, r.text
    assert r.json() == cat

    for before in (draft, active):
        after = await get(stack, f"/v1/missions/{before['id']}")
        assert after["category_id"] == cat["id"]
        assert after["revision"] == before["revision"], "grouping a mission does not make a revision"
        assert after["status"] == before["status"]
    listed = await get(stack, f"/v1/missions?category_id={cat['id']}")
    assert {m["id"] for m in listed["items"]} == {draft["id"], active["id"]}


async def test_attaching_to_another_category_moves_the_mission(stack: Stack) -> None:
    first, second = await category(stack), await category(stack)
    m = await mission(stack, category_id=first["id"])
    assert m["category_id"] == first["id"]
    r = await post(stack, f"/v1/categories/{second['id']}/missions", {"mission_ids": [m["id"]]})
    assert r.status_code == 200, r.text
    assert (await get(stack, f"/v1/missions/{m['id']}"))["category_id"] == second["id"]
    assert (await get(stack, f"/v1/missions?category_id={first['id']}"))["items"] == []


async def test_a_clone_keeps_the_category(stack: Stack) -> None:
    cat = await category(stack)
    m = await mission(stack)
    assert (await post(stack, f"/v1/categories/{cat['id']}/missions", {"mission_ids": [m["id"]]})).status_code == 200
    r = await post(stack, f"/v1/missions/{m['id']}/clone", None)
    assert r.status_code == 201, r.text
    assert r.json()["category_id"] == cat["id"]


async def test_attach_to_an_unknown_category_is_404(stack: Stack) -> None:
    m = await mission(stack)
    unknown = f"cat_{uuid.uuid4().hex}"
    r = await post(stack, f"/v1/categories/{unknown}/missions", {"mission_ids": [m["id"]]})
    assert_error(r, 404, "category_not_found")
    assert (await get(stack, f"/v1/missions/{m['id']}"))["category_id"] is None


async def test_attach_with_an_unknown_mission_is_422_and_attaches_nothing(stack: Stack) -> None:
    cat = await category(stack)
    known = await mission(stack)
    unknown = f"mis_{uuid.uuid4().hex}"
    r = await post(stack, f"/v1/categories/{cat['id']}/missions", {"mission_ids": [known["id"], unknown]})
    error = assert_error(r, 422, "mission_not_found")
    assert [d["field"] for d in error["details"]] == ["mission_ids.1"]
    assert (await get(stack, f"/v1/missions/{known['id']}"))["category_id"] is None


@pytest.mark.parametrize(
    ("payload", "field"),
    [({}, "mission_ids"), ({"mission_ids": []}, "mission_ids"), ({"mission_ids": "mis_1"}, "mission_ids")],
)
async def test_attach_needs_a_list_of_mission_ids(stack: Stack, payload: dict[str, Any], field: str) -> None:
    cat = await category(stack)
    for path in (f"/v1/categories/{cat['id']}/missions", f"/v1/quests/{(await quest(stack))['id']}/missions"):
        error = assert_error(await post(stack, path, payload), 422, "validation_error")
        assert field in [d["field"] for d in error["details"]], error


@pytest.mark.parametrize(("field", "code"), [("category_id", "category_not_found"), ("quest_id", "quest_not_found")])
async def test_a_mission_naming_an_unknown_category_or_quest_is_422(stack: Stack, field: str, code: str) -> None:
    spec = {"name": f"m-{tag()}", "type": "generally_available", "goal": GOAL, field: f"x_{uuid.uuid4().hex}"}
    assert [d["field"] for d in assert_error(await post(stack, "/v1/missions", spec), 422, code)["details"]] == [field]
    m = await mission(stack)
    r = await stack.http.patch(
        f"/v1/missions/{m['id']}", json={field: f"x_{uuid.uuid4().hex}"}, headers=stack.headers("admin")
    )
    assert [d["field"] for d in assert_error(r, 422, code)["details"]] == [field]


# --- quests -----------------------------------------------------------------------------------------


async def test_create_a_quest_with_missions(stack: Stack) -> None:
    first, second = await mission(stack), await mission(stack, activate=True)
    name = f"Onboarding {tag()}"
    payload = {"name": name, "description": "first steps", "reward": {"points": 100}}
    r = await post(stack, "/v1/quests", {**payload, "mission_ids": [first["id"], second["id"]]})
    assert r.status_code == 201, r.text
    created = r.json()
    assert set(created) == {"id", "name", "description", "reward", "mission_ids", "created_at"}
    assert (created["name"], created["description"], created["reward"]) == (name, "first steps", {"points": 100})
    assert sorted(created["mission_ids"]) == sorted([first["id"], second["id"]])
    for m in (first, second):
        after = await get(stack, f"/v1/missions/{m['id']}")
        assert after["quest_id"] == created["id"]
        assert after["revision"] == m["revision"]
    listed = {q["id"]: q for q in await get(stack, "/v1/quests")}
    assert listed[created["id"]] == created


async def test_create_a_quest_without_missions(stack: Stack) -> None:
    created = await quest(stack)
    assert created["mission_ids"] == []
    assert (created["description"], created["reward"]) == (None, None)


async def test_attach_missions_to_a_quest(stack: Stack) -> None:
    first, second, third = await mission(stack), await mission(stack), await mission(stack)
    q = await quest(stack, mission_ids=[first["id"]])
    r = await post(stack, f"/v1/quests/{q['id']}/missions", {"mission_ids": [second["id"], third["id"]]})
    assert r.status_code == 200, r.text
    assert r.json()["id"] == q["id"]
    assert sorted(r.json()["mission_ids"]) == sorted(m["id"] for m in (first, second, third))
    assert (await get(stack, f"/v1/missions/{third['id']}"))["quest_id"] == q["id"]
    # Attaching again is harmless.
    r = await post(stack, f"/v1/quests/{q['id']}/missions", {"mission_ids": [second["id"]]})
    assert r.status_code == 200, r.text
    assert len(r.json()["mission_ids"]) == 3


async def test_a_mission_can_be_in_a_category_and_a_quest(stack: Stack) -> None:
    cat, m = await category(stack), await mission(stack)
    q = await quest(stack, mission_ids=[m["id"]])
    assert (await post(stack, f"/v1/categories/{cat['id']}/missions", {"mission_ids": [m["id"]]})).status_code == 200
    after = await get(stack, f"/v1/missions/{m['id']}")
    assert (after["category_id"], after["quest_id"]) == (cat["id"], q["id"])


async def test_creating_a_quest_with_an_unknown_mission_is_422_and_creates_nothing(stack: Stack) -> None:
    known = await mission(stack)
    name = f"doomed-{tag()}"
    unknown = f"mis_{uuid.uuid4().hex}"
    r = await post(stack, "/v1/quests", {"name": name, "mission_ids": [known["id"], unknown]})
    error = assert_error(r, 422, "mission_not_found")
    assert [d["field"] for d in error["details"]] == ["mission_ids.1"]
    assert name not in {q["name"] for q in await get(stack, "/v1/quests")}
    assert (await get(stack, f"/v1/missions/{known['id']}"))["quest_id"] is None


async def test_attach_to_an_unknown_quest_is_404(stack: Stack) -> None:
    m = await mission(stack)
    r = await post(stack, f"/v1/quests/qst_{uuid.uuid4().hex}/missions", {"mission_ids": [m["id"]]})
    assert_error(r, 404, "quest_not_found")
    assert (await get(stack, f"/v1/missions/{m['id']}"))["quest_id"] is None


async def test_attach_an_unknown_mission_to_a_quest_is_422(stack: Stack) -> None:
    q = await quest(stack)
    unknown = f"mis_{uuid.uuid4().hex}"
    error = assert_error(
        await post(stack, f"/v1/quests/{q['id']}/missions", {"mission_ids": [unknown]}), 422, "mission_not_found"
    )
    assert [d["field"] for d in error["details"]] == ["mission_ids.0"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "name"),
        ({"name": ""}, "name"),
        ({"name": "q", "bogus": 1}, "bogus"),
        ({"name": "q", "mission_ids": "x"}, "mission_ids"),
    ],
)
async def test_invalid_quest_is_422_naming_the_field(stack: Stack, payload: dict[str, Any], field: str) -> None:
    error = assert_error(await post(stack, "/v1/quests", payload), 422, "validation_error")
    assert field in [d["field"] for d in error["details"]], error
