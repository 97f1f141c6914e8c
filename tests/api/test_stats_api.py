"""`GET /v1/stats` on the real stack: every figure of a mission of the test's own, checked exactly
(completions and points per day from the completion records and the ledger, the funnel, the review
queue, social checks), zero-filled days, day buckets in a time zone, and the refusals."""

from __future__ import annotations

import uuid
import zoneinfo
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from devstack.social_emulator import Emulator
from tests.api.helpers import create_mission, eventually, send, uid, view
from tests.conftest import SOCIAL_CHECK_DELAY, Stack


async def stats(stack: Stack, **params: str) -> httpx.Response:
    return await stack.http.get("/v1/stats", params=params, headers=stack.headers("admin"))


async def ok(stack: Stack, **params: str) -> dict[str, Any]:
    r = await stats(stack, **params)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def assert_invalid(r: httpx.Response, field: str) -> None:
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert error["code"] == "validation_error", error
    assert [d["field"] for d in error["details"]] == [field], error


async def completed(stack: Stack, user: str, mission: str) -> bool:
    v = await view(stack, user, mission)
    return v is not None and v["tab"] == "completed"


async def ledger_times(stack: Stack, user: str, mission: str) -> list[datetime]:
    r = await stack.http.get(f"/v1/users/{user}/wallet", headers=stack.headers("client"))
    assert r.status_code == 200, r.text
    return [datetime.fromisoformat(e["created_at"]) for e in r.json()["ledger"] if e["mission_id"] == mission]


def nonzero(series: list[dict[str, Any]], key: str) -> dict[str, int]:
    """The days of a series with a value other than zero."""
    return {d["day"]: d[key] for d in series if d[key]}


async def test_every_figure_of_a_mission_exactly_and_overall_at_least_as_much(stack: Stack) -> None:
    client = stack.headers("client")
    event = uid("t")
    goal = {"kind": "event", "event_type": event, "count": 2}
    mission = await create_mission(stack, {"type": "locked", "opt_in": True, "goal": goal, "reward": {"points": 5}})
    done1, done2, halfway, joined, unlocked = uid(), uid(), uid(), uid(), uid()
    r = await stack.http.post(
        f"/v1/missions/{mission}/unlock",
        json={"user_ids": [done1, done2, halfway, joined, unlocked]},
        headers=stack.headers("admin"),
    )
    assert r.status_code == 200, r.text
    for user in (done1, done2, halfway, joined):
        r = await stack.http.post(f"/v1/users/{user}/missions/{mission}/opt-in", headers=client)
        assert r.status_code == 200, r.text
    for user in (done1, done2):
        await send(stack, user, event)
        await send(stack, user, event)
    await send(stack, halfway, event)
    await send(stack, uid(), event)  # never unlocked: dropped, no journey, not in the funnel
    await eventually(lambda: completed(stack, done1, mission))
    await eventually(lambda: completed(stack, done2, mission))
    await eventually(lambda: progress_is(stack, halfway, mission, 1))

    today = datetime.now(UTC).date()
    body = await ok(stack, mission_id=mission)
    assert body["mission_id"] == mission and body["timezone"] == "UTC"
    assert len(body["completions_per_day"]) == 31  # the last 30 days, both ends partial
    assert body["completions_per_day"][-1] == {"day": today.isoformat(), "count": 2}
    assert sum(d["count"] for d in body["completions_per_day"]) == 2
    assert body["points_per_day"][-1] == {"day": today.isoformat(), "points": 10}
    assert sum(d["points"] for d in body["points_per_day"]) == 10
    assert body["totals"] == {"completions": 2, "points": 10}
    assert body["funnel"] == {"saw": 5, "opted_in": 4, "progressed": 3, "completed": 2}
    assert body["review_queue"] == {"pending": 0, "oldest_pending_at": None, "median_age_seconds": None}
    assert body["social_checks"] == []

    overall = await ok(stack)
    assert overall["mission_id"] is None
    assert overall["totals"]["completions"] >= 2 and overall["totals"]["points"] >= 10
    for step, n in body["funnel"].items():
        assert overall["funnel"][step] >= n, step


async def progress_is(stack: Stack, user: str, mission: str, current: int) -> bool:
    v = await view(stack, user, mission)
    return v is not None and v["progress"]["current"] == current


async def test_the_review_queue_counts_pending_proofs_and_their_age(stack: Stack) -> None:
    client = stack.headers("client")
    goal = {"kind": "manual", "proof": ["text"], "approval": {"mode": "manual"}}
    mission = await create_mission(stack, {"type": "generally_available", "goal": goal, "reward": {"points": 3}})
    waiting, approved = uid(), uid()
    submitted = {}
    for user in (waiting, approved):
        r = await stack.http.post(
            f"/v1/users/{user}/missions/{mission}/submissions",
            json={"proof": {"kind": "text", "value": "done"}},
            headers=client,
        )
        assert r.status_code == 201 and r.json()["status"] == "pending", r.text
        submitted[user] = r.json()
    r = await stack.http.post(f"/v1/submissions/{submitted[approved]['id']}/approve", headers=stack.headers("admin"))
    assert r.status_code == 200, r.text
    await eventually(lambda: completed(stack, approved, mission))

    body = await ok(stack, mission_id=mission)
    queue = body["review_queue"]
    assert queue["pending"] == 1
    r = await stack.http.get(
        "/v1/submissions", params={"mission_id": mission, "status": "pending"}, headers=stack.headers("admin")
    )
    [row] = r.json()["items"]
    assert row["user_id"] == waiting
    assert datetime.fromisoformat(queue["oldest_pending_at"]) == datetime.fromisoformat(row["created_at"])
    assert 0 <= queue["median_age_seconds"] < 60
    assert body["funnel"] == {"saw": 2, "opted_in": 2, "progressed": 2, "completed": 1}
    assert body["totals"] == {"completions": 1, "points": 3}
    overall = await ok(stack)
    assert overall["review_queue"]["pending"] >= 1
    oldest = datetime.fromisoformat(overall["review_queue"]["oldest_pending_at"])
    assert oldest <= datetime.fromisoformat(queue["oldest_pending_at"])


async def test_social_checks_by_platform_and_outcome(stack: Stack, emulator_server: tuple[Emulator, str]) -> None:
    emu, _ = emulator_server
    client = stack.headers("client")
    brand = f"b{uuid.uuid4().hex[:12]}"
    mission = await create_mission(
        stack,
        {
            "type": "generally_available",
            "goal": {"kind": "social", "platform": "x", "action": "follow", "target": f"@{brand}"},
            "reward": {"points": 4},
        },
    )
    follower, waiting = f"u{uuid.uuid4().hex[:12]}", f"u{uuid.uuid4().hex[:12]}"
    users = {uid(): follower, uid(): waiting}
    for user, handle in users.items():
        r = await stack.http.put(f"/v1/users/{user}", json={"social": {"x": handle}}, headers=client)
        assert r.status_code == 200, r.text
    emu.x.follow(follower, brand)
    for user in users:
        r = await stack.http.post(f"/v1/users/{user}/missions/{mission}/verify", headers=client)
        assert r.status_code == 202, r.text
    body = await ok(stack, mission_id=mission)
    # Both checks count at once, each with its latest outcome so far (running until the first look).
    assert sum(c["count"] for c in body["social_checks"]) == 2 and body["social_checks"][0]["platform"] == "x"

    async def ended() -> Any:
        checks = (await ok(stack, mission_id=mission))["social_checks"]
        return checks if all(c["outcome"] != "running" for c in checks) else None

    # The follower's check passes; the other finds nothing on its first look and fails.
    checks = await eventually(ended, within=SOCIAL_CHECK_DELAY.total_seconds() + 25)
    assert checks == [
        {"platform": "x", "outcome": "failed", "count": 1},
        {"platform": "x", "outcome": "passed", "count": 1},
    ]
    body = await ok(stack, mission_id=mission)
    assert body["funnel"] == {"saw": 2, "opted_in": 2, "progressed": 2, "completed": 1}
    overall = await ok(stack)
    assert any(c["platform"] == "x" and c["outcome"] == "passed" and c["count"] >= 1 for c in overall["social_checks"])


async def test_days_are_zero_filled_and_bucketed_in_the_time_zone(stack: Stack) -> None:
    event = uid("t")
    mission = await create_mission(
        stack,
        {
            "type": "generally_available",
            "goal": {"kind": "event", "event_type": event, "count": 1},
            "reward": {"points": 2},
        },
    )
    user = uid()
    sent_at = datetime.now(UTC)  # before the completion and its ledger row
    await send(stack, user, event)
    await eventually(lambda: completed(stack, user, mission))
    [granted_at] = await ledger_times(stack, user, mission)

    # A week of UTC days: six zeros and the day of the completion.
    day = granted_at.astimezone(UTC).date()
    week = await ok(stack, mission_id=mission, **{"from": (day - timedelta(days=6)).isoformat(), "to": day.isoformat()})
    assert [d["day"] for d in week["completions_per_day"]] == [
        (day - timedelta(days=n)).isoformat() for n in range(6, -1, -1)
    ]
    assert [d["count"] for d in week["completions_per_day"]] == [0] * 6 + [1]
    assert [d["points"] for d in week["points_per_day"]] == [0] * 6 + [2]
    assert week["from"].startswith((day - timedelta(days=6)).isoformat()) and week["to"].startswith(
        (day + timedelta(days=1)).isoformat()
    )

    # A zone where the completion's instant falls on another calendar day than in UTC.
    zone = "Pacific/Kiritimati" if granted_at.astimezone(UTC).hour >= 10 else "Etc/GMT+12"
    local = granted_at.astimezone(zoneinfo.ZoneInfo(zone)).date()
    assert local != day
    body = await ok(stack, mission_id=mission, timezone=zone)
    assert body["timezone"] == zone
    assert nonzero(body["completions_per_day"], "count") == {local.isoformat(): 1}
    assert nonzero(body["points_per_day"], "points") == {local.isoformat(): 2}
    utc = await ok(stack, mission_id=mission)
    assert nonzero(utc["completions_per_day"], "count") == {day.isoformat(): 1}

    # A date-time with an offset bounds the window: up to the event, nothing; from it, everything.
    before = sent_at.isoformat()
    body = await ok(stack, mission_id=mission, **{"to": before})
    assert body["totals"] == {"completions": 0, "points": 0}
    body = await ok(stack, mission_id=mission, **{"from": before})
    assert body["totals"] == {"completions": 1, "points": 2}


async def test_bad_parameters_are_422_naming_the_field_and_an_unknown_mission_is_404(stack: Stack) -> None:
    assert_invalid(await stats(stack, **{"from": "2026-05-10", "to": "2026-05-01"}), "from")
    assert_invalid(await stats(stack, **{"from": "2024-01-01", "to": "2026-01-01"}), "from")
    assert_invalid(await stats(stack, timezone="Mars/Olympus_Mons"), "timezone")
    assert_invalid(await stats(stack, **{"to": "yesterday"}), "to")
    assert_invalid(await stats(stack, **{"from": "2026-13-01"}), "from")
    r = await stats(stack, mission_id="no-such-mission")
    assert r.status_code == 404 and r.json()["error"]["code"] == "mission_not_found", r.text
    # A date is that local day (`to` included); a date-time without an offset is local too.
    body = await ok(stack, timezone="Asia/Tokyo", **{"from": "2026-01-01", "to": "2026-01-02"})
    assert datetime.fromisoformat(body["from"]) == datetime(2025, 12, 31, 15, tzinfo=UTC)
    assert datetime.fromisoformat(body["to"]) == datetime(2026, 1, 2, 15, tzinfo=UTC)
    assert [d["day"] for d in body["completions_per_day"]] == ["2026-01-01", "2026-01-02"]
    body = await ok(stack, timezone="Asia/Tokyo", **{"from": "2026-01-01T09:00:00", "to": "2026-01-01T12:00:00+00:00"})
    assert datetime.fromisoformat(body["from"]) == datetime(2026, 1, 1, 0, tzinfo=UTC)
    assert [d["day"] for d in body["points_per_day"]] == ["2026-01-01"]
    # A window of exactly 366 days is allowed; admins only.
    assert (await stats(stack, **{"from": "2025-01-01", "to": "2026-01-01"})).status_code == 200
    r = await stack.http.get("/v1/stats", headers=stack.headers("client"))
    assert r.status_code == 403, r.text
