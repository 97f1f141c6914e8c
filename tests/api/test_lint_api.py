"""The mission lint on the real stack: `POST /v1/missions/lint` for a spec or the live catalogue, and
the activation that refuses lint errors (422 `lint_failed`) unless forced and returns the warnings.

The database is shared with the session's other tests: every test uses event types and missions
of its own and looks only at findings about them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import text

from db import events as event_log
from tests.api.helpers import create_mission, eventually, send, uid
from tests.conftest import Stack


def _spec(event_type: str | None = None, **fields: Any) -> dict[str, Any]:
    goal = {"kind": "event", "event_type": event_type or uid("lint"), "count": 1}
    return {"name": uid("m"), "type": "generally_available", "goal": goal, **fields}


def _ranged(event_type: str, lo: int, hi: int) -> dict[str, Any]:
    return _spec(goal={"kind": "event", "event_type": event_type, "amount_min": lo, "amount_max": hi})


async def _lint(stack: Stack, body: Any = None, **params: str) -> list[dict[str, Any]]:
    r = await stack.http.post("/v1/missions/lint", json=body, params=params, headers=stack.headers("admin"))
    assert r.status_code == 200, r.text
    findings: list[dict[str, Any]] = r.json()["findings"]
    return findings


def _codes(findings: list[dict[str, Any]]) -> set[tuple[str, str, str]]:
    return {(f["severity"], f["code"], f["field"]) for f in findings}


async def _activate(stack: Stack, mission: str, body: Any = None) -> httpx.Response:
    return await stack.http.post(f"/v1/missions/{mission}/activate", json=body, headers=stack.headers("admin"))


async def _status(stack: Stack, mission: str) -> str:
    r = await stack.http.get(f"/v1/missions/{mission}", headers=stack.headers("admin"))
    status: str = r.json()["status"]
    return status


async def test_a_spec_is_linted_without_storing_anything(stack: Stack) -> None:
    event_type = uid("lint")
    await send(stack, uid("u"), event_type)
    clean = await _lint(stack, _spec(event_type))
    assert clean == []
    body = _spec(
        event_type,
        reward={"points": 100},
        budget_cap={"points": 10},
        tiers=[uid("no-tier")],
        start_at="2030-01-01T00:00:00Z",
        end_at="2030-01-02T00:00:00Z",
        time_to_complete="P2D",
    )
    findings = await _lint(stack, body)
    assert _codes(findings) == {
        ("error", "budget_below_reward", "budget_cap.points"),
        ("error", "tier_not_found", "tiers.0"),
        ("warning", "time_to_complete_exceeds_window", "time_to_complete"),
    }
    assert [f["severity"] for f in findings] == ["error", "error", "warning"]
    assert all(f["message"] and f["missions"] == [] for f in findings)
    # Nothing was created.
    r = await stack.http.get("/v1/missions", params={"q": body["name"]}, headers=stack.headers("admin"))
    assert r.json()["items"] == []


async def test_a_spec_the_api_would_refuse_is_a_422_and_the_lint_needs_the_admin(stack: Stack) -> None:
    r = await stack.http.post("/v1/missions/lint", json={"name": "x"}, headers=stack.headers("admin"))
    assert r.status_code == 422 and r.json()["error"]["code"] == "validation_error"
    r = await stack.http.post("/v1/missions/lint", json=_spec(), headers=stack.headers("client"))
    assert r.status_code in (401, 403)
    r = await stack.http.post("/v1/missions/lint", json=_spec(), params={"mission_id": uid("mis")},
                              headers=stack.headers("admin"))  # fmt: skip
    assert r.status_code == 404 and r.json()["error"]["code"] == "mission_not_found"


async def test_the_event_type_check_reads_the_last_30_days_of_events_sent_through_the_api(stack: Stack) -> None:
    seen, typo = uid("deposit"), uid("deposti")
    await send(stack, uid("u"), seen, value=5)
    assert not [f for f in await _lint(stack, _spec(seen)) if f["code"] == "event_type_unused"]
    unused = [f for f in await _lint(stack, _spec(typo)) if f["code"] == "event_type_unused"]
    assert len(unused) == 1 and unused[0]["field"] == "goal.event_type" and typo in unused[0]["message"]
    # An event logged (received) more than 30 days ago does not count: backdate the one just sent.
    old = uid("old")
    await send(stack, uid("u"), old)
    backdated = datetime.now(UTC) - timedelta(days=31)
    async with stack.engine.begin() as conn:
        await event_log.ensure_partitions(conn, [backdated])  # the log's month it moves to
        await conn.execute(
            text("UPDATE events SET received_at = :at WHERE type = :type"), {"at": backdated, "type": old}
        )
    assert [f["code"] for f in await _lint(stack, _spec(old))] == ["event_type_unused"]


async def test_activation_refuses_lint_errors_unless_forced_and_returns_the_warnings(stack: Stack) -> None:
    event_type = uid("lint")
    await send(stack, uid("u"), event_type)
    capped = await create_mission(stack, _spec(event_type, reward={"points": 100}, budget_cap={"points": 10}),
                                  activate=False)  # fmt: skip
    r = await _activate(stack, capped)
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert error["code"] == "lint_failed" and "force" in error["message"]
    assert [(d["severity"], d["code"], d["field"]) for d in error["details"]] == [
        ("error", "budget_below_reward", "budget_cap.points")
    ]
    assert error["details"][0]["missions"] == [capped]
    assert await _status(stack, capped) == "draft"
    # {"force": false} is the default; anything but a boolean is refused.
    assert (await _activate(stack, capped, {"force": False})).status_code == 422
    r = await _activate(stack, capped, {"force": 1})
    assert r.status_code == 422 and r.json()["error"]["details"][0]["field"] == "force"
    forced = await _activate(stack, capped, {"force": True})
    assert forced.status_code == 200, forced.text
    assert forced.json()["status"] == "active"
    assert [(w["severity"], w["code"]) for w in forced.json()["lint_warnings"]] == [("error", "budget_below_reward")]

    # Warnings never block: they come back with the activation (absent when there are none).
    typo = await create_mission(stack, _spec(uid("typo")), activate=False)
    r = await _activate(stack, typo)
    assert r.status_code == 200, r.text
    assert [(w["severity"], w["code"], w["field"]) for w in r.json()["lint_warnings"]] == [
        ("warning", "event_type_unused", "goal.event_type")
    ]
    clean = await create_mission(stack, _spec(event_type), activate=False)
    r = await _activate(stack, clean, None)
    assert r.status_code == 200 and "lint_warnings" not in r.json(), r.text
    # A mission that is not a draft is still 409 before any lint.
    assert (await _activate(stack, capped, {"force": True})).status_code == 409


async def test_an_unlock_cycle_is_refused_and_the_catalogue_reports_it_once(stack: Stack) -> None:
    admin = stack.headers("admin")
    event_type = uid("lint")
    await send(stack, uid("u"), event_type)
    first = await create_mission(stack, _spec(event_type, type="locked", unlock={"after_missions": []}),
                                 activate=False)  # fmt: skip
    second = await create_mission(stack, _spec(event_type, type="locked", unlock={"after_missions": [first]}),
                                  activate=False)  # fmt: skip
    r = await stack.http.patch(f"/v1/missions/{first}", json={"unlock": {"after_missions": [second]}}, headers=admin)
    assert r.status_code == 200, r.text
    r = await _activate(stack, first)
    assert r.status_code == 422 and r.json()["error"]["code"] == "lint_failed", r.text
    details = r.json()["error"]["details"]
    assert ("error", "unlock_cycle", "unlock.after_missions") in _codes(details)
    cycle = next(d for d in details if d["code"] == "unlock_cycle")
    assert cycle["missions"] == [first, second]
    assert ("warning", "prerequisite_draft", "unlock.after_missions.0") in _codes(details)
    # The edit form's view: the spec as a version of `second`, still in the cycle.
    spec = (await stack.http.get(f"/v1/missions/{second}", headers=admin)).json()
    body = {k: spec[k] for k in ("name", "type", "goal", "unlock")}
    as_second = await _lint(stack, body, mission_id=second)
    assert ("error", "unlock_cycle", "unlock.after_missions") in _codes(as_second)
    assert ("error", "unlock_cycle", "unlock.after_missions") not in _codes(await _lint(stack, body))

    for mission in (first, second):
        assert (await _activate(stack, mission, {"force": True})).status_code == 200
    catalogue = await _lint(stack)
    ours = [f for f in catalogue if f["code"] == "unlock_cycle" and set(f["missions"]) == {first, second}]
    assert len(ours) == 1 and ours[0]["severity"] == "error"


async def test_the_catalogue_reports_amount_ranges_that_overlap_or_leave_gaps(stack: Stack) -> None:
    event_type = uid("deposit")
    await send(stack, uid("u"), event_type, value=20)
    low = await create_mission(stack, _ranged(event_type, 10, 50))
    r = await stack.http.post("/v1/missions", json=_ranged(event_type, 40, 100), headers=stack.headers("admin"))
    mid = r.json()["id"]
    r = await _activate(stack, mid)
    assert r.status_code == 200, r.text  # an overlap is a warning
    assert [(w["code"], w["missions"]) for w in r.json()["lint_warnings"]] == [("amount_ranges_overlap", [mid, low])]
    high = await create_mission(stack, _ranged(event_type, 200, 300))
    findings = [f for f in await _lint(stack) if set(f["missions"]) & {low, mid, high}]
    assert sorted((f["code"], tuple(sorted(f["missions"]))) for f in findings) == sorted(
        [
            ("amount_ranges_overlap", tuple(sorted((low, mid)))),
            ("amount_ranges_gap", tuple(sorted((mid, high)))),
        ]
    )
    gap = next(f for f in findings if f["code"] == "amount_ranges_gap")
    assert "[100, 200)" in gap["message"]
    # A draft spec slotting into the gap finds nothing more to say about the ranges.
    fills = await _lint(stack, _ranged(event_type, 100, 200))
    assert not [f for f in fills if f["code"].startswith("amount_ranges")]


async def test_a_scheduled_launch_with_lint_errors_is_skipped(stack: Stack) -> None:
    admin = stack.headers("admin")
    event_type = uid("lint")
    await send(stack, uid("u"), event_type)
    mission = await create_mission(stack, _spec(event_type, reward={"points": 100}, budget_cap={"points": 10}),
                                   activate=False)  # fmt: skip
    at = datetime.now(UTC) + timedelta(seconds=1)
    r = await stack.http.post(f"/v1/missions/{mission}/launch", json={"at": at.isoformat()}, headers=admin)
    assert r.status_code == 202, r.text

    async def fired() -> bool:
        gone = await stack.http.get(f"/v1/missions/{mission}/launch", headers=admin)
        return gone.status_code == 404

    await eventually(fired, within=15)
    assert await _status(stack, mission) == "draft"
