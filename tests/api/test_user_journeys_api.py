"""`GET /v1/users/{user_id}/journeys`: a user's journeys with their workflow ids and Temporal UI pages."""

from __future__ import annotations

from collections.abc import AsyncIterator
from urllib.parse import quote

import pytest
from temporalio.testing import WorkflowEnvironment

from tests.api.helpers import create_mission, eventually, send, uid
from tests.conftest import Stack, open_stack

UI = "http://temporal-ui.test:8233/"


@pytest.fixture(scope="module")
async def app(database_url: str, dev_env: WorkflowEnvironment) -> AsyncIterator[Stack]:
    """A stack whose settings name a Temporal UI (with a trailing slash) and a namespace."""
    async with open_stack(database_url, dev_env, temporal_ui_url=UI) as opened:
        yield opened


async def journeys(stack: Stack, user: str, **query: str) -> dict:
    r = await stack.http.get(f"/v1/users/{user}/journeys", params=query, headers=stack.headers("admin"))
    assert r.status_code == 200, r.text
    return r.json()


async def test_each_journey_names_its_workflow_and_its_temporal_ui_page(app: Stack) -> None:
    user, run = uid(), uid("run")  # an event type of this test's own: no other mission counts it
    done = await create_mission(
        app, {"type": "generally_available", "goal": {"kind": "event", "event_type": run, "count": 1}}
    )
    manual = await create_mission(
        app,
        {"type": "generally_available", "goal": {"kind": "manual", "proof": ["text"], "approval": {"mode": "manual"}}},
    )
    await send(app, user, run)
    r = await app.http.post(
        f"/v1/users/{user}/missions/{manual}/submissions",
        json={"proof": {"kind": "text", "value": "hello"}},
        headers=app.headers("client"),
    )
    assert r.status_code == 201, r.text

    async def both() -> dict | None:
        body = await journeys(app, user)
        by = {j["mission_id"]: j for j in body["items"]}
        return by if by.get(done, {}).get("status") == "completed" and manual in by else None

    by = await eventually(both, within=20)
    assert set(by) == {done, manual}
    assert by[manual]["status"] == "pending"
    names = {
        m: (await app.http.get(f"/v1/missions/{m}", headers=app.headers("admin"))).json()["name"]
        for m in (done, manual)
    }
    for mission, journey in by.items():
        assert journey["mission_name"] == names[mission]
        assert journey["mission_type"] == "generally_available"
        assert journey["workflow_id"] == f"enrolment:{mission}:{user}"
        assert journey["temporal_ui_url"] == (
            f"http://temporal-ui.test:8233/namespaces/default/workflows/{quote(journey['workflow_id'], safe='')}"
        )
    assert by[done]["completions"] == 1
    # The workflow the link names is the journey's own.
    handle = app.env.client.get_workflow_handle(by[done]["workflow_id"])
    assert (await handle.describe()).id == by[done]["workflow_id"]


async def test_pages_and_an_unknown_user(app: Stack) -> None:
    user, types = uid(), [uid(f"t{n}") for n in range(3)]  # event types no other test's mission counts
    missions = [
        await create_mission(
            app, {"type": "generally_available", "goal": {"kind": "event", "event_type": t, "count": 1}}
        )
        for t in types
    ]
    for t in types:
        await send(app, user, t)

    async def three() -> bool:
        return len((await journeys(app, user))["items"]) == 3

    await eventually(three, within=20)
    first = await journeys(app, user, limit="2")
    assert len(first["items"]) == 2 and first["next_cursor"]
    rest = await journeys(app, user, limit="2", cursor=first["next_cursor"])
    assert rest["next_cursor"] is None
    assert sorted(j["mission_id"] for j in first["items"] + rest["items"]) == sorted(missions)
    assert await journeys(app, uid()) == {"items": [], "next_cursor": None}
    r = await app.http.get(f"/v1/users/{user}/journeys?cursor=nope", headers=app.headers("admin"))
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "invalid_cursor"


async def test_client_scope_and_no_link_without_a_temporal_ui(stack: Stack) -> None:
    user, event_type = uid(), uid("x")  # an event type of this test's own: no other mission counts it
    mission = await create_mission(
        stack, {"type": "generally_available", "goal": {"kind": "event", "event_type": event_type, "count": 1}}
    )
    await send(stack, user, event_type)
    path = f"/v1/users/{user}/journeys"
    assert (await stack.http.get(path)).status_code == 401
    # Like every /v1/users/{user_id}/... route: the operator's backend may read it too, a user token may not.
    assert (await stack.http.get(path, headers=stack.headers("client"))).status_code == 200
    token = (await stack.http.post(f"/v1/users/{user}/token", headers=stack.headers("client"))).json()["token"]
    assert (await stack.http.get(path, headers={"Authorization": f"Bearer {token}"})).status_code == 403

    async def one() -> list:
        r = await stack.http.get(path, headers=stack.headers("admin"))
        return r.json()["items"]

    [journey] = await eventually(one, within=20)
    assert journey["mission_id"] == mission
    assert journey["temporal_ui_url"] is None  # the session stack sets no QUESTLINE_TEMPORAL_UI_URL
