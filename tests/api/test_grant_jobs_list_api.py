"""GET /v1/grant-jobs: every grant job newest first, with its progress and total (issue 15, the console's jobs page)."""

from __future__ import annotations

from typing import Any

from tests.api.helpers import create_mission, eventually, uid
from tests.conftest import Stack


async def _segment_of(stack: Stack, size: int) -> str:
    admin = stack.headers("admin")
    segment: str = (await stack.http.post("/v1/segments", json={"name": uid("s")}, headers=admin)).json()["id"]
    users = "\n".join(uid() for _ in range(size))
    r = await stack.http.post(
        f"/v1/segments/{segment}/members", content=f"user_id\n{users}\n", headers={**admin, "content-type": "text/csv"}
    )
    assert r.status_code == 200, r.text
    return segment


async def _grant(stack: Stack, mission: str, segment: str) -> str:
    r = await stack.http.post(
        f"/v1/missions/{mission}/grants/segment", json={"segment_id": segment}, headers=stack.headers("admin")
    )
    assert r.status_code == 202, r.text
    job: str = r.json()["job_id"]
    return job


async def _page(stack: Stack, **query: Any) -> dict[str, Any]:
    r = await stack.http.get("/v1/grant-jobs", params=query, headers=stack.headers("admin"))
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


async def test_grant_jobs_are_listed_newest_first_with_progress_and_total(stack: Stack) -> None:
    mission = await create_mission(
        stack, {"type": "featured", "goal": {"kind": "event", "event_type": uid("e"), "count": 1}}
    )
    small, large = await _segment_of(stack, 2), await _segment_of(stack, 3)
    first = await _grant(stack, mission, small)
    second = await _grant(stack, mission, large)

    async def both_done() -> dict[str, dict[str, Any]] | None:
        jobs = {j["job_id"]: j for j in (await _page(stack, limit=100))["items"]}
        mine = {k: jobs[k] for k in (first, second) if k in jobs}
        return mine if len(mine) == 2 and all(j["status"] == "completed" for j in mine.values()) else None

    done = await eventually(both_done, within=30)
    assert {k: (j["granted"], j["refused"], j["total"]) for k, j in done.items()} == {
        first: (2, 0, 2),
        second: (3, 0, 3),
    }
    assert done[first]["kind"] == done[second]["kind"] == "segment_grant"
    assert (done[second]["mission_id"], done[second]["segment_id"]) == (mission, large)
    assert done[second]["created_at"] >= done[first]["created_at"]

    # Newest first, keyset-paged: page by page, the second grant comes before the first.
    order: list[str] = []
    cursor = None
    for _ in range(200):
        page = await _page(stack, limit=1, **({"cursor": cursor} if cursor else {}))
        assert len(page["items"]) <= 1
        order += [j["job_id"] for j in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None or first in order:
            break
    assert second in order and first in order and order.index(second) < order.index(first)


async def test_an_activation_s_trigger_grants_are_listed_as_such(stack: Stack) -> None:
    segment = await _segment_of(stack, 1)
    goal = {"kind": "event", "event_type": uid("e"), "count": 1}
    mission = await create_mission(stack, {"type": "featured", "goal": goal, "trigger": {"segment": segment}})

    async def listed() -> dict[str, Any] | None:
        return next((j for j in (await _page(stack, limit=100))["items"] if j["mission_id"] == mission), None)

    job = await eventually(listed, within=30)
    assert (job["kind"], job["segment_id"]) == ("trigger_grant", segment)


async def test_the_list_is_admin_only_and_refuses_a_foreign_cursor(stack: Stack) -> None:
    r = await stack.http.get("/v1/grant-jobs", headers=stack.headers("client"))
    assert r.status_code == 403
    r = await stack.http.get("/v1/grant-jobs", params={"cursor": "nope"}, headers=stack.headers("admin"))
    assert (r.status_code, r.json()["error"]["code"]) == (422, "invalid_cursor")
    r = await stack.http.get("/v1/grant-jobs", params={"limit": 0}, headers=stack.headers("admin"))
    assert r.status_code == 422
