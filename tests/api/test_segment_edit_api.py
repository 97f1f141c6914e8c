"""PATCH /v1/segments/{id}: rename a segment, replace a rule segment's rule (evaluated at once,
entries routed as on any change), refused for a static segment's rule (issue 15, the console's
segments page)."""

from __future__ import annotations

from typing import Any

from tests.api.helpers import eventually, uid
from tests.conftest import Stack


def _rule(value: str) -> dict[str, Any]:
    return {"attribute": {"name": "club", "op": "eq", "value": value}}


async def _members(stack: Stack, segment: str) -> list[str]:
    r = await stack.http.get(f"/v1/segments/{segment}/members", headers=stack.headers("admin"))
    assert r.status_code == 200, r.text
    return sorted(r.json()["items"])


async def test_a_new_rule_is_evaluated_at_once_and_who_enters_is_routed(stack: Stack) -> None:
    admin, client = stack.headers("admin"), stack.headers("client")
    a, b = uid("club"), uid("club")
    first, second = uid(), uid()
    for user, club in ((first, a), (second, b)):
        r = await stack.http.put(f"/v1/users/{user}", json={"attributes": {"club": club}}, headers=client)
        assert r.status_code == 200, r.text
    r = await stack.http.post("/v1/segments", json={"name": uid("Club"), "rule": _rule(a)}, headers=admin)
    assert r.status_code == 201, r.text
    segment = r.json()["id"]
    assert await _members(stack, segment) == [first]
    body = {"title": uid("Welcome"), "body": "Hello", "segment_id": segment, "on_entry": True}
    r = await stack.http.post("/v1/broadcasts", json=body, headers=admin)
    assert r.status_code == 201, r.text

    name = uid("Renamed")
    r = await stack.http.patch(f"/v1/segments/{segment}", json={"name": name, "rule": _rule(b)}, headers=admin)
    assert r.status_code == 200, r.text
    assert (r.json()["name"], r.json()["rule"], r.json()["members"]) == (name, _rule(b), 1)
    assert await _members(stack, segment) == [second]
    r = await stack.http.get(f"/v1/users/{second}", headers=client)
    assert segment in r.json()["segments"]

    async def welcomed() -> bool:
        r = await stack.http.get(f"/v1/users/{second}/inbox", headers=client)
        return any(i["title"] == body["title"] for i in r.json()["items"])

    # The entry the new rule made is routed: the on-entry broadcast reaches the new member.
    assert await eventually(welcomed, within=20)

    r = await stack.http.patch(f"/v1/segments/{segment}", json={"name": "Only the name"}, headers=admin)
    assert (r.status_code, r.json()["name"], r.json()["rule"]) == (200, "Only the name", _rule(b))
    assert await _members(stack, segment) == [second]


async def test_refusals(stack: Stack) -> None:
    admin = stack.headers("admin")
    static = (await stack.http.post("/v1/segments", json={"name": uid("Static")}, headers=admin)).json()["id"]
    r = await stack.http.patch(f"/v1/segments/{static}", json={"rule": _rule("x")}, headers=admin)
    assert (r.status_code, r.json()["error"]["code"]) == (409, "static_segment")
    r = await stack.http.patch(f"/v1/segments/{static}", json={"name": "Static, renamed"}, headers=admin)
    assert (r.status_code, r.json()["name"]) == (200, "Static, renamed")
    r = await stack.http.patch("/v1/segments/seg_nope", json={"name": "x"}, headers=admin)
    assert r.status_code == 404
    r = await stack.http.patch(f"/v1/segments/{static}", json={"rule": {"points_at_least": -1}}, headers=admin)
    assert r.status_code == 422
    assert r.json()["error"]["details"][0]["field"].startswith("rule")
    r = await stack.http.patch(f"/v1/segments/{static}", json={"name": "x"}, headers=stack.headers("client"))
    assert r.status_code == 403
