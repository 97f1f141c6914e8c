"""The mission list's search by name (`q`) and its completion counts (`with_completions`), for the
console's missions page (issue 15).

Other tests create missions in the same database at the same time, so each test searches a name
fragment of its own (a fresh hex tag) and asserts only on the missions it created.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from tests.api.helpers import create_mission, eventually, send, uid
from tests.conftest import Stack


async def _create(stack: Stack, name: str, **fields: Any) -> str:
    body = {"name": name, "type": "generally_available", "goal": {"kind": "event", "event_type": "deposit", "count": 1}}
    r = await stack.http.post("/v1/missions", json={**body, **fields}, headers=stack.headers("admin"))
    assert r.status_code == 201, r.text
    mission_id: str = r.json()["id"]
    return mission_id


async def _list(stack: Stack, **params: Any) -> dict[str, Any]:
    r = await stack.http.get("/v1/missions", params=params, headers=stack.headers("admin"))
    assert r.status_code == 200, r.text
    page: dict[str, Any] = r.json()
    return page


async def _walk(stack: Stack, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    while True:
        page = await _list(stack, **params)
        items.extend(page["items"])
        if page["next_cursor"] is None:
            return items
        params["cursor"] = page["next_cursor"]


async def test_q_finds_missions_whose_name_contains_it_in_any_case(stack: Stack) -> None:
    tag = uuid.uuid4().hex[:10]
    welcome = await _create(stack, f"Welcome bonus {tag}")
    deposit = await _create(stack, f"First DEPOSIT {tag}")
    await _create(stack, f"Unrelated {uuid.uuid4().hex[:10]}")

    assert {m["id"] for m in await _walk(stack, q=tag)} == {welcome, deposit}
    assert [m["id"] for m in await _walk(stack, q=f"deposit {tag.upper()}")] == [deposit]
    assert [m["id"] for m in await _walk(stack, q=f"WELCOME BONUS {tag}")] == [welcome]
    assert await _walk(stack, q=f"nothing-{tag}") == []


async def test_q_combines_with_the_other_filters(stack: Stack) -> None:
    tag = uuid.uuid4().hex[:10]
    draft = await _create(stack, f"q-{tag}-draft")
    active = await create_mission(
        stack,
        {
            "name": f"q-{tag}-active",
            "type": "generally_available",
            "goal": {"kind": "event", "event_type": "deposit", "count": 1},
        },
    )
    featured = await _create(stack, f"q-{tag}-featured", type="featured")

    assert [m["id"] for m in await _walk(stack, q=tag, status="draft")] == [draft, featured]
    assert [m["id"] for m in await _walk(stack, q=tag, status="active")] == [active]
    assert [m["id"] for m in await _walk(stack, q=tag, type="featured")] == [featured]


async def test_wildcards_in_q_are_literal_characters(stack: Stack) -> None:
    tag = uuid.uuid4().hex[:10]
    percent = await _create(stack, f"{tag} 100% match_all")
    await _create(stack, f"{tag} 1000 matchXall")

    assert [m["id"] for m in await _walk(stack, q=f"{tag} 100%")] == [percent]
    assert [m["id"] for m in await _walk(stack, q="% match_all")] == [percent]
    assert [m["id"] for m in await _walk(stack, q=f"{tag} 1%0")] == []


async def test_q_keeps_keyset_paging(stack: Stack) -> None:
    tag = uuid.uuid4().hex[:10]
    created = [await _create(stack, f"paged {tag} {n}") for n in range(5)]
    await _create(stack, f"paged other {uuid.uuid4().hex[:10]}")

    pages: list[list[str]] = []
    params: dict[str, Any] = {"q": f"PAGED {tag}", "limit": 2}
    while True:
        page = await _list(stack, **params)
        pages.append([m["id"] for m in page["items"]])
        if page["next_cursor"] is None:
            break
        params["cursor"] = page["next_cursor"]
    assert pages == [created[0:2], created[2:4], created[4:5]]


async def test_q_longer_than_200_characters_is_422(stack: Stack) -> None:
    r = await stack.http.get("/v1/missions", params={"q": "x" * 201}, headers=stack.headers("admin"))
    assert r.status_code == 422, r.text
    assert "q" in [d["field"] for d in r.json()["error"]["details"]]


async def test_with_completions_counts_each_missions_completions_over_users_and_rounds(stack: Stack) -> None:
    tag = uuid.uuid4().hex[:10]
    event_type = uid("ev")
    once = await create_mission(
        stack,
        {
            "name": f"c-{tag}-once",
            "type": "generally_available",
            "goal": {"kind": "event", "event_type": event_type, "count": 1},
        },
    )
    rounds = await create_mission(
        stack,
        {
            "name": f"c-{tag}-rounds",
            "type": "recurring_on_completion",
            "goal": {"kind": "event", "event_type": event_type, "count": 1},
        },
    )
    untouched = await _create(stack, f"c-{tag}-untouched")
    alice, bob = uid("alice"), uid("bob")
    await send(stack, alice, event_type)
    await send(stack, bob, event_type)

    async def counted() -> dict[str, int] | None:
        items = await _walk(stack, q=f"c-{tag}", with_completions="true")
        counts = {m["id"]: m["completions"] for m in items}
        # `once`: alice and bob, one each; `rounds`: the same two events completed one round each.
        return counts if counts.get(once) == 2 and counts.get(rounds) == 2 else None

    counts = await eventually(counted, within=30)
    assert counts == {once: 2, rounds: 2, untouched: 0}

    await send(stack, alice, event_type)  # a second round of the recurring-on-completion mission

    async def second_round() -> dict[str, int] | None:
        items = await _walk(stack, q=f"c-{tag}", with_completions="true")
        got = {m["id"]: m["completions"] for m in items}
        return got if got.get(rounds) == 3 else None

    assert await eventually(second_round, within=30) == {once: 2, rounds: 3, untouched: 0}


async def test_without_with_completions_the_items_are_the_missions_as_get_shows_them(stack: Stack) -> None:
    tag = uuid.uuid4().hex[:10]
    mission_id = await _create(stack, f"plain-{tag}")
    [item] = (await _list(stack, q=f"plain-{tag}"))["items"]
    assert "completions" not in item
    r = await stack.http.get(f"/v1/missions/{mission_id}", headers=stack.headers("admin"))
    assert item == r.json()
    [counted] = (await _list(stack, q=f"plain-{tag}", with_completions="true"))["items"]
    assert counted == {**r.json(), "completions": 0}


async def test_each_revision_says_when_it_was_made(stack: Stack) -> None:
    admin = stack.headers("admin")
    mission_id = await create_mission(
        stack, {"type": "generally_available", "goal": {"kind": "event", "event_type": "deposit", "count": 2}}
    )
    r = await stack.http.patch(f"/v1/missions/{mission_id}", json={"description": "two"}, headers=admin)
    assert r.json()["revision"] == 2, r.text
    first = (await stack.http.get(f"/v1/missions/{mission_id}/revisions/1", headers=admin)).json()
    second = (await stack.http.get(f"/v1/missions/{mission_id}/revisions/2", headers=admin)).json()
    made = [datetime.fromisoformat(rev["created_at"]) for rev in (first, second)]
    assert all(t.tzinfo is not None for t in made)
    assert made[0] < made[1] <= datetime.now(UTC)
    assert (first["spec"].get("description"), second["spec"]["description"]) == (None, "two")
