"""The mission view's `goal` (GET /v1/me/missions[/id], /v1/users/{id}/missions[/id]) on the real
stack: what the user must do, by kind, and nothing of the operator's settings (approval mode, rule
points and segments, tags, callback URL, budget)."""

from __future__ import annotations

import json
from typing import Any

from tests.api.helpers import create_mission, uid, view
from tests.api.test_auth import bearer, token_for
from tests.conftest import Stack


async def me_views(stack: Stack, user: str) -> dict[str, dict[str, Any]]:
    token = await token_for(stack, user)
    r = await stack.http.get("/v1/me/missions", headers=bearer(token))
    assert r.status_code == 200, r.text
    return {v["mission_id"]: v for v in r.json()["items"]}


async def test_an_event_goal_shows_its_event_type_range_and_streak_but_not_its_tags(stack: Stack) -> None:
    event_type = uid("deposit")
    ranged = await create_mission(
        stack,
        {
            "type": "generally_available",
            "goal": {
                "kind": "event",
                "event_type": event_type,
                "tags": ["internal-tag"],
                "amount_min": 10,
                "amount_max": 50.5,
            },
        },
    )
    streak = await create_mission(
        stack,
        {
            "type": "generally_available",
            "goal": {"kind": "event", "event_type": event_type, "count": 2, "streak": {"period": "day", "periods": 3}},
        },
    )
    user = uid()
    shown = await view(stack, user, ranged)
    assert shown is not None
    assert shown["goal"] == {
        "kind": "event",
        "event_type": event_type,
        "amount_min": 10,
        "amount_max": 50.5,
        "streak": None,
    }
    views = await me_views(stack, user)
    assert views[ranged]["goal"] == shown["goal"]
    assert views[streak]["goal"] == {
        "kind": "event",
        "event_type": event_type,
        "amount_min": None,
        "amount_max": None,
        "streak": {"period": "day", "periods": 3},
    }
    assert "internal-tag" not in json.dumps(views[ranged])


async def test_a_manual_goal_shows_its_proof_kinds_and_survey_questions_but_not_its_approval(stack: Stack) -> None:
    r = await stack.http.post("/v1/segments", json={"name": uid("vip-internal")}, headers=stack.headers("admin"))
    assert r.status_code == 201, r.text
    segment = r.json()["id"]
    questions = [
        {"id": "color", "text": "Favourite colour?", "choices": ["red", "blue"]},
        {"id": "why", "text": "Why did you join?"},
    ]
    survey = await create_mission(
        stack,
        {
            "type": "generally_available",
            "goal": {
                "kind": "manual",
                "proof": ["survey", "text"],
                "questions": questions,
                "approval": {"mode": "rule", "min_points": 987654, "segment": segment},
            },
            "callback_url": "https://operator.example/secret-hook",
            "budget_cap": {"points": 123456},
            "reward": {"points": 5},
        },
    )
    user = uid()
    shown = await view(stack, user, survey)
    assert shown is not None
    assert shown["goal"] == {
        "kind": "manual",
        "proof": ["survey", "text"],
        "questions": [
            {"id": "color", "text": "Favourite colour?", "choices": ["red", "blue"]},
            {"id": "why", "text": "Why did you join?", "choices": None},
        ],
    }
    token = await token_for(stack, user)
    r = await stack.http.get(f"/v1/me/missions/{survey}", headers=bearer(token))
    assert r.status_code == 200, r.text
    assert r.json()["goal"] == shown["goal"]
    text = r.text
    for secret in (segment, "vip-internal", "987654", "min_points", "approval", "secret-hook", "123456", "budget"):
        assert secret not in text, secret

    plain = await create_mission(stack, {"type": "generally_available", "goal": {"kind": "manual", "proof": ["link"]}})
    shown = await view(stack, user, plain)
    assert shown is not None
    assert shown["goal"] == {"kind": "manual", "proof": ["link"], "questions": []}


async def test_a_social_goal_shows_what_is_checked_and_its_verify_label(stack: Stack) -> None:
    user = uid()
    r = await stack.http.put(f"/v1/users/{user}", json={"social": {"x": "@someone"}}, headers=stack.headers("client"))
    assert r.status_code == 200, r.text
    labelled = await create_mission(
        stack,
        {
            "type": "generally_available",
            "goal": {
                "kind": "social",
                "platform": "x",
                "action": "follow",
                "target": "@brand",
                "verify_label": "Done! Check my profile!",
            },
        },
    )
    default = await create_mission(
        stack,
        {
            "type": "generally_available",
            "goal": {"kind": "social", "platform": "x", "action": "hashtag_post", "target": "#brand", "count": 2},
        },
    )
    views = await me_views(stack, user)
    assert views[labelled]["goal"] == {
        "kind": "social",
        "platform": "x",
        "action": "follow",
        "target": "@brand",
        "count": 1,
        "verify_label": "Done! Check my profile!",
    }
    assert views[default]["goal"]["verify_label"] is None
    assert views[default]["goal"]["count"] == 2

    # The admin's mission keeps the label (null when none was given).
    r = await stack.http.get(f"/v1/missions/{default}", headers=stack.headers("admin"))
    assert r.status_code == 200, r.text
    assert r.json()["goal"].get("verify_label") is None
    r = await stack.http.get(f"/v1/missions/{labelled}", headers=stack.headers("admin"))
    assert r.json()["goal"]["verify_label"] == "Done! Check my profile!"


async def test_a_verify_label_is_short_and_not_blank(stack: Stack) -> None:
    for label in ("x" * 41, "   ", ""):
        body = {
            "name": uid("m"),
            "type": "generally_available",
            "goal": {"kind": "social", "platform": "x", "action": "follow", "target": "@b", "verify_label": label},
        }
        r = await stack.http.post("/v1/missions", json=body, headers=stack.headers("admin"))
        assert r.status_code == 422, r.text
        fields = {d["field"] for d in r.json()["error"]["details"]}
        assert fields == {"goal.verify_label"}, r.text


async def test_the_openapi_document_describes_the_goal_views(stack: Stack) -> None:
    r = await stack.http.get("/openapi.json")
    schemas = r.json()["components"]["schemas"]
    goal = schemas["MissionView"]["properties"]["goal"]
    assert "description" in goal and "approval" in goal["description"]
    assert set(goal["discriminator"]["mapping"]) == {"event", "manual", "social"}
    assert "verify_label" in schemas["SocialGoalView"]["properties"]
    assert "approval" not in schemas["ManualGoalView"]["properties"]
    assert "description" in schemas["ManualGoalView"]["properties"]["questions"]
