"""`GET /v1/users/{user_id}/missions/{mission_id}/explain` and `GET /v1/me/missions/{id}/explain`
on the real stack: every reason code from a real scenario, what counted events added, the state
changes (opt-in, unlock, completion with its ledger key, callback), the user-safe form, 404s, paging."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from services.user_journeys import temporal_ui_link
from tests.api.helpers import create_mission, eventually, send, uid
from tests.api.receiver import running_receiver
from tests.api.test_auth import token_for
from tests.conftest import CALLBACK_SECRET, Stack


def _goal(event_type: str, **measure: Any) -> dict[str, Any]:
    return {"kind": "event", "event_type": event_type, **measure}


async def explain(stack: Stack, user: str, mission: str, **params: Any) -> dict[str, Any]:
    r = await stack.http.get(
        f"/v1/users/{user}/missions/{mission}/explain", params=params, headers=stack.headers("client")
    )
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def verdicts(body: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(e["event_id"], e["reason"]) for e in body["events"]]


async def settled(stack: Stack, user: str, mission: str, events: int, **want: Any) -> dict[str, Any]:
    """The explanation once the journey has applied what it will (the read side is eventual)."""

    async def ready() -> dict[str, Any] | None:
        body = await explain(stack, user, mission)
        ok = len(body["events"]) == events and body["replay"]["agrees"]
        ok = ok and all(body["journey"].get(k) == v for k, v in want.items())
        return body if ok else None

    result: dict[str, Any] = await eventually(ready, within=20)
    return result


async def test_event_filters_counted_contributions_completion_ledger_and_callback(stack: Stack) -> None:
    user, et = uid(), uid("buy")
    with running_receiver(CALLBACK_SECRET) as receiver:
        mission = await create_mission(
            stack,
            {
                "type": "generally_available",
                "goal": _goal(et, count=2, tags=["gold"], tag_match="any"),
                "reward": {"points": 5},
                "callback_url": receiver.url,
            },
        )
        await send(stack, user, et, id=(e1 := uid("e")), tags=["silver"])
        await send(stack, user, et, id=(e2 := uid("e")), tags=["gold"])
        await send(stack, user, et, id=(e3 := uid("e")), tags=["gold", "x"])
        await send(stack, user, et, id=(e4 := uid("e")), tags=["gold"])
        await send(stack, user, uid("other"), id=uid("e"))  # another type: not in this timeline

        async def delivered() -> dict[str, Any] | None:
            body = await explain(stack, user, mission)
            cbs = [c for c in body["changes"] if c["kind"] == "callback"]
            return body if cbs and cbs[0]["details"]["status"] == "delivered" else None

        body = await eventually(delivered, within=30)
    assert verdicts(body) == [(e1, "wrong_tags"), (e2, None), (e3, None), (e4, "already_completed")]
    ev = body["events"]
    assert [e["verdict"] for e in ev] == ["not_counted", "counted", "counted", "not_counted"]
    assert [e["added"] for e in ev] == [None, 1, 1, None]
    assert [e["progress"] for e in ev] == [None, 1, 2, None]
    assert [e["completed"] for e in ev] == [False, False, True, False]
    assert "gold" in ev[0]["message"]
    assert body["journey"] == {"started": True, "status": "completed", "progress": 2, "completions": 1, "cycle": None}
    assert body["replay"] == {"progress": 2, "completions": 1, "agrees": True}
    kinds = [c["kind"] for c in body["changes"]]
    assert {"opened", "completed", "ledger", "callback"} <= set(kinds)
    ledger = next(c for c in body["changes"] if c["kind"] == "ledger")
    assert ledger["details"]["idempotency_key"] == f"reward:{mission}:{user}:1"
    assert ledger["details"]["points"] == 5
    callback = next(c for c in body["changes"] if c["kind"] == "callback")
    assert callback["details"]["attempts"] >= 1
    assert body["workflow_id"]
    assert body["temporal_ui_url"] == temporal_ui_link(
        stack.settings.temporal_ui_url, stack.settings.temporal_namespace, body["workflow_id"]
    )
    assert set(body["reasons"]) >= {"wrong_tags", "budget_spent", "cycle_completed", "duplicate_id"}


async def test_values_out_of_range_and_amounts_that_add_nothing(stack: Stack) -> None:
    user, ranged, summed = uid(), uid("dep"), uid("spend")
    in_range = await create_mission(
        stack, {"type": "generally_available", "goal": _goal(ranged, amount_min="10", amount_max="20")}
    )
    total = await create_mission(stack, {"type": "generally_available", "goal": _goal(summed, amount_min="100")})
    await send(stack, user, ranged, id=(r1 := uid("e")), value="25")
    await send(stack, user, ranged, id=(r2 := uid("e")), value="20")
    await send(stack, user, ranged, id=(r3 := uid("e")), value="15")
    await send(stack, user, summed, id=(s1 := uid("e")))
    await send(stack, user, summed, id=(s2 := uid("e")), value="-5")
    await send(stack, user, summed, id=(s3 := uid("e")), value="60.5")
    body = await settled(stack, user, in_range, 3, completions=1)
    assert verdicts(body) == [(r1, "value_out_of_range"), (r2, "value_out_of_range"), (r3, None)]
    assert "[10, 20)" in body["events"][0]["message"]
    assert body["events"][2]["completed"] is True
    body = await settled(stack, user, total, 3, progress=60.5)
    assert verdicts(body) == [(s1, "no_positive_amount"), (s2, "no_positive_amount"), (s3, None)]
    assert body["events"][2]["added"] == 60.5


async def test_before_start_and_after_the_deadline(stack: Stack) -> None:
    user, early, late = uid(), uid("early"), uid("late")
    now = datetime.now(UTC)
    starts = await create_mission(
        stack,
        {
            "type": "generally_available",
            "start_at": (now + timedelta(seconds=3)).isoformat(),
            "goal": _goal(early, count=5),
        },
    )
    ends = await create_mission(
        stack,
        {
            "type": "generally_available",
            "end_at": (now + timedelta(seconds=3)).isoformat(),
            "goal": _goal(late, count=5),
        },
    )
    await send(stack, user, early, id=(b1 := uid("e")))
    await send(stack, user, late, id=(l1 := uid("e")))
    await asyncio.sleep(max(0.0, (now + timedelta(seconds=3.5) - datetime.now(UTC)).total_seconds()))
    await send(stack, user, early, id=(b2 := uid("e")))
    await send(stack, user, late, id=(l2 := uid("e")))
    body = await settled(stack, user, starts, 2, progress=1)
    assert verdicts(body) == [(b1, "before_start"), (b2, None)]
    body = await settled(stack, user, ends, 2, progress=1)
    assert verdicts(body) == [(l1, None), (l2, "after_deadline")]


async def test_not_opted_in_then_opted_in(stack: Stack) -> None:
    user, et = uid(), uid("opt")
    mission = await create_mission(stack, {"type": "generally_available", "opt_in": True, "goal": _goal(et, count=3)})
    await send(stack, user, et, id=(e1 := uid("e")))
    r = await stack.http.post(f"/v1/users/{user}/missions/{mission}/opt-in", headers=stack.headers("client"))
    assert r.status_code == 200, r.text
    await send(stack, user, et, id=(e2 := uid("e")))
    body = await settled(stack, user, mission, 2, progress=1)
    assert verdicts(body) == [(e1, "not_opted_in"), (e2, None)]
    opted = [c for c in body["changes"] if c["kind"] == "opted_in"]
    assert len(opted) == 1
    assert opted[0]["at"] < body["events"][1]["received_at"]


async def test_locked_until_the_prerequisite_completes_then_its_unlock_and_cause(stack: Stack) -> None:
    user, first, then = uid(), uid("first"), uid("then")
    prerequisite = await create_mission(stack, {"type": "generally_available", "goal": _goal(first, count=1)})
    locked = await create_mission(
        stack,
        {"type": "locked", "unlock": {"after_missions": [prerequisite]}, "goal": _goal(then, count=2)},
    )
    await send(stack, user, then, id=(e1 := uid("e")))
    await send(stack, user, first)

    async def unlocked() -> bool:
        body = await explain(stack, user, locked)
        return any(c["kind"] == "unlocked" for c in body["changes"])

    await eventually(unlocked, within=20)
    await send(stack, user, then, id=(e2 := uid("e")))
    body = await settled(stack, user, locked, 2, progress=1)
    assert verdicts(body) == [(e1, "locked"), (e2, None)]
    change = next(c for c in body["changes"] if c["kind"] == "unlocked")
    assert change["details"] == {"cause": "prerequisites", "missions": [prerequisite]}


async def test_not_eligible_names_the_segment_for_the_operator(stack: Stack) -> None:
    user, et = uid(), uid("seg")
    name = uid("vip")
    r = await stack.http.post("/v1/segments", json={"name": name}, headers=stack.headers("admin"))
    assert r.status_code == 201, r.text
    segment = r.json()["id"]
    mission = await create_mission(
        stack, {"type": "generally_available", "segments": [segment], "goal": _goal(et, count=2)}
    )
    await send(stack, user, et, id=(e1 := uid("e")))
    body = await explain(stack, user, mission)
    assert verdicts(body) == [(e1, "not_eligible")]
    assert name in body["events"][0]["message"] and segment in body["events"][0]["message"]
    assert body["journey"]["started"] is False and body["replay"]["agrees"] is True
    # The user cannot see the mission at all: their form is 404.
    token = await token_for(stack, user)
    r = await stack.http.get(f"/v1/me/missions/{mission}/explain", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 404, r.text

    # Once in the segment, their next event counts; the first stays not eligible (it was, then).
    admin = stack.headers("admin")
    r = await stack.http.post(
        f"/v1/segments/{segment}/members", content=f"user_id\n{user}\n", headers={**admin, "content-type": "text/csv"}
    )
    assert r.status_code == 200 and r.json()["added"] == 1, r.text
    await send(stack, user, et, id=(e2 := uid("e")))
    body = await settled(stack, user, mission, 2, progress=1)
    assert verdicts(body) == [(e1, "not_eligible"), (e2, None)]
    r = await stack.http.get(f"/v1/me/missions/{mission}/explain", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200, r.text
    mine = r.json()
    assert [e["reason"] for e in mine["events"]] == ["not_eligible", None]
    assert name not in r.text and segment not in r.text  # the user's form names no segment


async def test_budget_spent_keeps_a_new_user_out(stack: Stack) -> None:
    first, second, et = uid(), uid(), uid("cap")
    mission = await create_mission(
        stack,
        {
            "type": "generally_available",
            "goal": _goal(et, count=1),
            "reward": {"points": 3},
            "budget_cap": {"completions": 1},
        },
    )
    await send(stack, first, et)
    await settled(stack, first, mission, 1, completions=1)

    async def exhausted() -> bool:
        r = await stack.http.get(f"/v1/missions/{mission}", headers=stack.headers("admin"))
        return bool(r.json().get("budget_exhausted_at"))

    await eventually(exhausted, within=20)
    await send(stack, second, et, id=(e2 := uid("e")))
    body = await explain(stack, second, mission)
    assert verdicts(body) == [(e2, "budget_spent")]


async def test_a_recurring_cycle_already_done(stack: Stack) -> None:
    user, et = uid(), uid("daily")
    mission = await create_mission(
        stack, {"type": "recurring", "recurrence": {"every": "P1D"}, "goal": _goal(et, count=1)}
    )
    await send(stack, user, et, id=(e1 := uid("e")))
    await send(stack, user, et, id=(e2 := uid("e")))
    body = await settled(stack, user, mission, 2, completions=1)
    assert verdicts(body) == [(e1, None), (e2, "cycle_completed")]
    assert body["events"][0]["cycle"] == body["events"][1]["cycle"] == body["journey"]["cycle"]


async def test_a_duplicate_id_is_counted_once_and_its_repeat_shown_not_counted(stack: Stack) -> None:
    user, et = uid(), uid("dup")
    mission = await create_mission(stack, {"type": "generally_available", "goal": _goal(et, count=5)})
    same = uid("e")
    await send(stack, user, et, id=same, tags=["t"])
    assert (await send(stack, user, et, id=same, tags=["t"]))["duplicate"] is True
    # The same id with another payload is refused (409): not a repeat, nothing recorded.
    r = await stack.http.post(
        "/v1/events", json={"id": same, "user_id": user, "type": et, "value": "3"}, headers=stack.headers("client")
    )
    assert r.status_code == 409, r.text
    # A batch: a new event, the first id again, and the new event repeated inside the batch.
    fresh = uid("e")
    batch = [
        {"id": fresh, "user_id": user, "type": et},
        {"id": same, "user_id": user, "type": et, "tags": ["t"]},
        {"id": fresh, "user_id": user, "type": et},
    ]
    r = await stack.http.post("/v1/events/batch", json={"events": batch}, headers=stack.headers("client"))
    assert r.status_code == 202, r.text
    assert [x["duplicate"] for x in r.json()["results"]] == [False, True, True]
    body = await settled(stack, user, mission, 5, progress=2)
    assert verdicts(body) == [
        (same, None),
        (same, "duplicate_id"),
        (fresh, None),
        (same, "duplicate_id"),
        (fresh, "duplicate_id"),
    ]
    ev = body["events"]
    assert [e["verdict"] for e in ev] == ["counted", "not_counted", "counted", "not_counted", "not_counted"]
    assert ev[1]["message"] == "not counted: the same event id was sent again; only the first counted"
    assert ev[1]["tags"] == ["t"] and ev[1]["added"] is None and ev[1]["completion"] == 1
    assert [e["received_at"] for e in ev] == sorted(e["received_at"] for e in ev)
    assert body["replay"] == {"progress": 2, "completions": 0, "agrees": True}
    # The user-safe form shows the repeats too.
    token = await token_for(stack, user)
    r = await stack.http.get(f"/v1/me/missions/{mission}/explain", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200, r.text
    assert verdicts(r.json()) == verdicts(body)
    # Paging walks past a repeat (its id appears twice) without going round again.
    seen: list[tuple[str, str | None]] = []
    cursor = None
    while True:
        page = await explain(stack, user, mission, **({"limit": 1} | ({"cursor": cursor} if cursor else {})))
        seen += verdicts(page)
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == verdicts(body)


async def test_the_user_safe_form_hides_operator_internals(stack: Stack) -> None:
    user, et = uid(), uid("me")
    with running_receiver(CALLBACK_SECRET) as receiver:
        mission = await create_mission(
            stack,
            {
                "type": "generally_available",
                "goal": _goal(et, count=1, tags=["a"]),
                "reward": {"points": 2},
                "callback_url": receiver.url,
            },
        )
        await send(stack, user, et, id=(e1 := uid("e")))
        await send(stack, user, et, id=(e2 := uid("e")), tags=["a"])
        admin = await settled(stack, user, mission, 2, completions=1)
    assert any(c["kind"] == "callback" for c in admin["changes"]) or admin["workflow_id"]
    token = await token_for(stack, user)
    r = await stack.http.get(f"/v1/me/missions/{mission}/explain", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200, r.text
    mine = r.json()
    assert verdicts(mine) == [(e1, "wrong_tags"), (e2, None)]
    assert mine["workflow_id"] is None and mine["temporal_ui_url"] is None
    assert not any(c["kind"] in ("callback", "ineligible") for c in mine["changes"])
    ledger = next(c for c in mine["changes"] if c["kind"] == "ledger")
    assert "idempotency_key" not in ledger["details"] and ledger["details"]["points"] == 2
    completed = next(c for c in mine["changes"] if c["kind"] == "completed")
    assert completed["details"] == {}
    assert "reward:" not in r.text and admin["workflow_id"] not in r.text
    # Another user's token sees only their own (empty) timeline of the mission.
    other = await token_for(stack, uid())
    r = await stack.http.get(f"/v1/me/missions/{mission}/explain", headers={"Authorization": f"Bearer {other}"})
    assert r.status_code == 200, r.text
    assert r.json()["events"] == [] and user not in r.text


async def test_unknown_or_hidden_missions_are_404(stack: Stack) -> None:
    user = uid()
    r = await stack.http.get(f"/v1/users/{user}/missions/{uid('nope')}/explain", headers=stack.headers("client"))
    assert r.status_code == 404, r.text
    assert r.json()["error"]["code"] == "mission_not_found"
    draft = await create_mission(
        stack, {"type": "generally_available", "goal": _goal(uid("d"), count=1)}, activate=False
    )
    token = await token_for(stack, user)
    r = await stack.http.get(f"/v1/me/missions/{draft}/explain", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 404, r.text
    # The operator may look at a draft: nothing counts for a mission that is not active.
    et = uid("d2")
    draft2 = await create_mission(stack, {"type": "generally_available", "goal": _goal(et, count=1)}, activate=False)
    await send(stack, user, et, id=(e1 := uid("e")))
    assert verdicts(await explain(stack, user, draft2)) == [(e1, "mission_closed")]


async def test_paging_walks_the_timeline_oldest_first(stack: Stack) -> None:
    user, et = uid(), uid("page")
    mission = await create_mission(stack, {"type": "generally_available", "goal": _goal(et, count=10)})
    sent = [uid("e") for _ in range(5)]
    for event_id in sent:
        await send(stack, user, et, id=event_id)
    await settled(stack, user, mission, 5, progress=5)
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        params: dict[str, Any] = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        body = await explain(stack, user, mission, **params)
        pages += 1
        assert len(body["events"]) <= 2
        seen += [e["event_id"] for e in body["events"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == sent and pages == 3
    r = await stack.http.get(
        f"/v1/users/{user}/missions/{mission}/explain", params={"cursor": "nope"}, headers=stack.headers("client")
    )
    assert r.status_code == 422, r.text
    assert r.json()["error"]["code"] == "invalid_cursor"


async def test_the_openapi_document_lists_the_reason_codes(stack: Stack) -> None:
    r = await stack.http.get("/openapi.json")
    doc = r.json()
    route = doc["paths"]["/v1/users/{user_id}/missions/{mission_id}/explain"]["get"]
    assert "budget_spent" in route["description"] and "cycle_completed" in route["description"]
    assert "/v1/me/missions/{mission_id}/explain" in doc["paths"]
    assert "Explanation" in doc["components"]["schemas"]


async def test_featured_not_granted_then_granted(stack: Stack) -> None:
    user, et = uid(), uid("feat")
    mission = await create_mission(stack, {"type": "featured", "goal": _goal(et, count=2)})
    await send(stack, user, et, id=(e1 := uid("e")))
    r = await stack.http.post(
        f"/v1/missions/{mission}/grants", json={"user_ids": [user]}, headers=stack.headers("admin")
    )
    assert r.status_code == 200, r.text
    await send(stack, user, et, id=(e2 := uid("e")))
    body = await settled(stack, user, mission, 2, progress=1)
    assert verdicts(body) == [(e1, "not_granted"), (e2, None)]
    assert [c["kind"] for c in body["changes"] if c["kind"] == "granted"] == ["granted"]
