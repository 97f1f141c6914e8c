"""The widget demo's data: a handful of missions for the demo user, created through the public API.

`make run` calls `seed(base_url, admin_key, client_key)` once the API is ready (dev only), so
`/widget/demo` shows something within a minute of cloning: a counted event mission with some
progress, an opt-in mission with a time to complete, a manual proof mission, a social one, a
featured one granted to the demo user, a quest, and a Send Update in the inbox. Idempotent: each
mission is looked up by its name first (and the message by its title), so restarts add nothing.
"""

from __future__ import annotations

from typing import Any

import httpx

from api.faces import DEMO_USER_ID

#: Every demo mission's name starts so (how a restart finds them).
PREFIX = "Demo: "
SEGMENT = "Widget demo users"
UPDATE_TITLE = "Welcome to the Questline demo"

MISSIONS: list[dict[str, Any]] = [
    {
        "name": f"{PREFIX}Welcome bonus",
        "description": "Picked for you: log in once to collect.",
        "type": "featured",
        "goal": {"kind": "event", "event_type": "login", "count": 1},
        "reward": {"points": 10},
    },
    {
        "name": f"{PREFIX}Make 3 deposits",
        "description": "Every deposit counts. Send `deposit` events for demo-user to see the bar move.",
        "type": "generally_available",
        "goal": {"kind": "event", "event_type": "deposit", "count": 3},
        "reward": {"points": 30},
        "action_button": {"label": "Deposit", "url": "https://example.com/deposit"},
    },
    {
        "name": f"{PREFIX}Weekend sprint",
        "description": "Opt in, then place 5 bets within two days.",
        "type": "generally_available",
        "opt_in": True,
        "time_to_complete": "P2D",
        "goal": {"kind": "event", "event_type": "bet", "count": 5},
        "reward": {"points": 50},
    },
    {
        "name": f"{PREFIX}Show us your setup",
        "description": "Upload a photo or share a link; an admin reviews it in the console.",
        "type": "generally_available",
        "goal": {"kind": "manual", "proof": ["image", "link"], "approval": {"mode": "manual"}},
        "reward": {"points": 20},
    },
    {
        "name": f"{PREFIX}Follow us on X",
        "description": "Follow @QuestlineHQ, then ask for the check.",
        "type": "generally_available",
        "goal": {
            "kind": "social",
            "platform": "x",
            "action": "follow",
            "target": "@QuestlineHQ",
            "verify_label": "Done! Check my profile",
        },
        "reward": {"points": 15},
    },
]


class DemoError(RuntimeError):
    """The demo data could not be created (the message says which call failed)."""


def seed(base_url: str, admin_key: str, client_key: str, *, timeout: float = 30) -> list[str]:
    """Creates what is missing of the demo data; returns the names of the missions it created."""
    admin = {"Authorization": f"Bearer {admin_key}"}
    client = {"Authorization": f"Bearer {client_key}"}
    with httpx.Client(base_url=base_url, timeout=timeout) as http:

        def call(method: str, path: str, headers: dict[str, str], **kwargs: Any) -> Any:
            r = http.request(method, path, headers=headers, **kwargs)
            if r.status_code >= 400:
                raise DemoError(f"{method} {path}: {r.status_code} {r.text[:300]}")
            return r.json() if r.content else None

        # A linked X account, so the social mission is shown to the demo user.
        call("PUT", f"/v1/users/{DEMO_USER_ID}", client, json={"social": {"x": "@demo_user"}})
        existing = _mission_names(call, admin)
        created: list[str] = []
        ids: dict[str, str] = {}
        failures: list[str] = []
        for body in MISSIONS:
            name = body["name"]
            if name in existing:
                ids[name] = existing[name]
                continue
            try:
                mission = call("POST", "/v1/missions", admin, json=body)
                call("POST", f"/v1/missions/{mission['id']}/activate", admin)
            except DemoError as exc:  # the others still make a demo
                failures.append(str(exc))
                continue
            ids[name] = mission["id"]
            created.append(name)
        welcome = f"{PREFIX}Welcome bonus"
        if welcome in created:
            call("POST", f"/v1/missions/{ids[welcome]}/grants", admin, json={"user_ids": [DEMO_USER_ID]})
        if f"{PREFIX}Make 3 deposits" in created and welcome in ids:
            event = {"id": "demo-deposit-1", "user_id": DEMO_USER_ID, "type": "deposit", "value": 25}
            call("POST", "/v1/events", client, json=event)
            quest = {
                "name": f"{PREFIX}Getting started",
                "description": "Collect the welcome bonus and make your deposits.",
                "reward": {"points": 25},
                "mission_ids": [ids[welcome], ids[f"{PREFIX}Make 3 deposits"]],
            }
            call("POST", "/v1/quests", admin, json=quest)
        _send_update(call, admin)
        if failures:
            raise DemoError(f"created {', '.join(created) or 'nothing'}; but " + "; ".join(failures))
        return created


def _mission_names(call: Any, admin: dict[str, str]) -> dict[str, str]:
    """Name -> id of the existing demo missions (every page of the list)."""
    names: dict[str, str] = {}
    cursor = None
    while True:
        page = call("GET", "/v1/missions", admin, params={"limit": 200, **({"cursor": cursor} if cursor else {})})
        for mission in page["items"]:
            if mission["name"].startswith(PREFIX) and mission["status"] == "active":
                names.setdefault(mission["name"], mission["id"])
        cursor = page.get("next_cursor")
        if not cursor:
            return names


def _send_update(call: Any, admin: dict[str, str]) -> None:
    """A Send Update to a segment holding the demo user, once."""
    broadcasts = call("GET", "/v1/broadcasts", admin, params={"limit": 200})
    if any(b.get("title") == UPDATE_TITLE for b in broadcasts["items"]):
        return
    found = [seg for seg in call("GET", "/v1/segments", admin) if seg.get("name") == SEGMENT]
    segment = found[0] if found else call("POST", "/v1/segments", admin, json={"name": SEGMENT})
    csv = f"user_id\n{DEMO_USER_ID}\n"
    call(
        "POST",
        f"/v1/segments/{segment['id']}/members",
        {**admin, "content-type": "text/csv"},
        content=csv,
    )
    body = "Your missions live here. Complete one and watch your wallet.\nThis message came as a Send Update."
    call("POST", "/v1/broadcasts", admin, json={"title": UPDATE_TITLE, "body": body, "segment_id": segment["id"]})
