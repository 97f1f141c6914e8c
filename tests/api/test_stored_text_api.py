"""Stored text comes back exactly as written (issue 13, finding 12), through the API on the real stack.

Names, descriptions, feedback, broadcast bodies and proofs (the last written by end users) are
data, not markup: the JSON API returns them verbatim — never escaped, stripped or rewritten — and
the pages that show them (the widget, the console) must render them as text. Each field here is
written with markup, entities, quotes and bidi/emoji characters and read back where it is shown.
"""

from __future__ import annotations

from typing import Any

from tests.api.helpers import create_mission, eventually, uid
from tests.conftest import Stack

#: Markup, an entity, quotes, a right-to-left override and an emoji: each must survive unchanged.
HOSTILE = "<script>alert(\"x\")</script><img src=x onerror=alert(1)> &amp; &lt;b&gt; 'q' \u202egnp.exe 🎯"


def _text(label: str) -> str:
    return f"{label} {HOSTILE}"


async def test_operator_text_round_trips_verbatim(stack: Stack) -> None:
    admin = stack.headers("admin")
    name, description = _text("mission"), _text("about")
    mission = await create_mission(
        stack,
        {
            "name": name,
            "description": description,
            "type": "generally_available",
            "goal": {"kind": "event", "event_type": uid("x"), "count": 1},
        },
    )
    r = await stack.http.get(f"/v1/missions/{mission}", headers=admin)
    assert (r.json()["name"], r.json()["description"]) == (name, description)
    user = uid()
    r = await stack.http.get(f"/v1/users/{user}/missions/{mission}", headers=stack.headers("client"))
    assert r.status_code == 200, r.text
    assert (r.json()["name"], r.json()["description"]) == (name, description)

    category = {"name": _text("category"), "description": _text("category about")}
    r = await stack.http.post("/v1/categories", json=category, headers=admin)
    assert r.status_code == 201, r.text
    assert {k: r.json()[k] for k in category} == category
    quest = {"name": _text("quest"), "description": _text("quest about")}
    r = await stack.http.post("/v1/quests", json=quest, headers=admin)
    assert r.status_code == 201, r.text
    assert {k: r.json()[k] for k in quest} == quest
    item = {"name": _text("item"), "description": _text("item about")}
    r = await stack.http.post("/v1/items", json=item, headers=admin)
    assert r.status_code == 201, r.text
    r = await stack.http.get(f"/v1/items/{r.json()['id']}", headers=admin)
    assert {k: r.json()[k] for k in item} == item
    segment = _text("segment")
    r = await stack.http.post("/v1/segments", json={"name": segment}, headers=admin)
    assert r.status_code == 201, r.text
    segment_id = r.json()["id"]
    r = await stack.http.get(f"/v1/segments/{segment_id}", headers=admin)
    assert r.json()["name"] == segment

    broadcast = {"title": _text("title"), "body": _text("body")}
    r = await stack.http.post("/v1/broadcasts", json={"segment_id": segment_id, **broadcast}, headers=admin)
    assert r.status_code == 201, r.text
    r = await stack.http.get(f"/v1/broadcasts/{r.json()['id']}", headers=admin)
    assert {k: r.json()[k] for k in broadcast} == broadcast


async def test_a_users_proof_and_the_admins_feedback_round_trip_verbatim(stack: Stack) -> None:
    admin = stack.headers("admin")
    mission = await create_mission(
        stack,
        {
            "type": "generally_available",
            "goal": {"kind": "manual", "proof": ["text"], "approval": {"mode": "manual"}},
        },
    )
    user = uid()
    r = await stack.http.post(f"/v1/users/{user}/token", headers=stack.headers("client"))
    assert r.status_code == 201, r.text
    me = {"Authorization": f"Bearer {r.json()['token']}"}
    proof = {"kind": "text", "value": _text("proof")}
    r = await stack.http.post(f"/v1/me/missions/{mission}/submissions", json={"proof": proof}, headers=me)
    assert r.status_code == 201, r.text
    submission = r.json()["id"]

    async def queued() -> dict[str, Any] | None:
        r = await stack.http.get("/v1/submissions", params={"mission_id": mission}, headers=admin)
        items: list[dict[str, Any]] = r.json()["items"]
        return items[0] if items else None

    assert (await eventually(queued))["proof"] == proof
    feedback = _text("feedback")
    r = await stack.http.post(f"/v1/submissions/{submission}/decline", json={"feedback": feedback}, headers=admin)
    assert r.status_code == 200, r.text
    r = await stack.http.get(f"/v1/me/missions/{mission}", headers=me)
    assert r.status_code == 200, r.text
    assert r.json()["submission"]["proof"] == proof
    assert r.json()["submission"]["feedback"] == feedback
