"""POST /v1/missions/{id}/backtest and GET /v1/backtests/{id} (issue 16): a draft replayed over
the event log as if it had been active, as a durable job on the real stack."""

from __future__ import annotations

import asyncio
import io
import sys
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from api.app import create_app
from db import events as event_log
from db.tables import events
from tests.api.helpers import create_mission, eventually, send, uid
from tests.conftest import Stack, make_settings

ROOT = Path(__file__).resolve().parents[2]

DAY1 = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)


async def _seed(stack: Stack, event_type: str, events: list[tuple[str, datetime]], value: int | None = None) -> None:
    """Logs events as if they had been received at those moments (already routed: nothing was live)."""
    async with stack.engine.begin() as conn:
        await event_log.ensure_partitions(conn, [at for _, at in events])  # the log's months
        await conn.execute(
            sa.text(
                "INSERT INTO events (id, user_id, type, value, received_at, routed_at)"
                " VALUES (:id, :user_id, :type, :value, :at, :at)"
            ),
            [{"id": uid("e"), "user_id": u, "type": event_type, "value": value, "at": at} for u, at in events],
        )


#: Event types `_copy` logged in the running test: removed after it (see `_forget_copied_logs`).
_COPIED: list[str] = []


@pytest.fixture(autouse=True)
async def _forget_copied_logs(stack: Stack) -> AsyncIterator[None]:
    """The session's database is shared: tens of thousands of bulk-logged users would make every
    later segment sweep (which looks at every known user) crawl, so a test's bulk log goes with it."""
    yield
    while _COPIED:
        event_type = _COPIED.pop()
        async with stack.engine.begin() as conn:
            await conn.execute(sa.delete(events).where(events.c.type == event_type))


async def _copy(stack: Stack, event_type: str, n: int, users: int, start: datetime) -> None:
    """Logs `n` events of `users` users one millisecond apart (COPY: fast)."""
    _COPIED.append(event_type)
    buf = io.StringIO()
    prefix = uid("big")
    for i in range(n):
        at = (start + timedelta(milliseconds=i)).isoformat()
        buf.write(f"{prefix}-{i}\t{prefix}-u{i % users}\t{event_type}\t{at}\t{at}\n")
    async with stack.engine.begin() as conn:
        await event_log.ensure_partitions(conn, [start, start + timedelta(milliseconds=n)])
        raw = await conn.get_raw_connection()
        driver: Any = raw.driver_connection
        async with (
            driver.cursor() as cur,
            cur.copy("COPY events (id, user_id, type, received_at, routed_at) FROM STDIN") as cp,
        ):
            await cp.write(buf.getvalue())


async def _segment(stack: Stack, members: list[str]) -> str:
    admin = stack.headers("admin")
    segment: str = (await stack.http.post("/v1/segments", json={"name": uid("s")}, headers=admin)).json()["id"]
    r = await stack.http.post(
        f"/v1/segments/{segment}/members",
        content="user_id\n" + "\n".join(members) + "\n",
        headers={**admin, "content-type": "text/csv"},
    )
    assert r.status_code == 200, r.text
    return segment


async def _start(stack: Stack, mission: str, body: dict[str, Any]) -> dict[str, Any]:
    r = await stack.http.post(f"/v1/missions/{mission}/backtest", json=body, headers=stack.headers("admin"))
    assert r.status_code == 202, r.text
    out: dict[str, Any] = r.json()
    return out


async def _get(stack: Stack, backtest_id: str, http: httpx.AsyncClient | None = None) -> dict[str, Any]:
    r = await (http or stack.http).get(f"/v1/backtests/{backtest_id}", headers=stack.headers("admin"))
    assert r.status_code == 200, r.text
    out: dict[str, Any] = r.json()
    return out


async def _done(
    stack: Stack, backtest_id: str, within: float = 60, http: httpx.AsyncClient | None = None
) -> dict[str, Any]:
    async def finished() -> dict[str, Any] | None:
        got = await _get(stack, backtest_id, http)
        assert got["status"] != "failed", got
        return got if got["status"] == "completed" else None

    result: dict[str, Any] = await eventually(finished, within=within)
    return result


def _window(days: int = 5) -> dict[str, str]:
    return {"from": (DAY1 - timedelta(hours=9)).isoformat(), "to": (DAY1 + timedelta(days=days)).isoformat()}


async def _scenario(stack: Stack) -> tuple[str, dict[str, str], datetime, str]:
    """A draft (3 events for 10 points, a 20-point budget cap) and a log where a, b and c would have
    completed (the cap is reached by b's third event; c had started before it), d first shows up
    after the cap (kept out) and e reaches two thirds."""
    et = uid("ev")
    mission = await create_mission(
        stack,
        {
            "type": "generally_available",
            "goal": {"kind": "event", "event_type": et, "count": 3},
            "reward": {"points": 10},
            "budget_cap": {"points": 20},
        },
        activate=False,
    )
    users = {k: uid(k) for k in "abcde"}
    h = timedelta(hours=1)
    day2, day3 = DAY1 + timedelta(days=1), DAY1 + timedelta(days=2)
    cap_at = day2 + 2 * h
    log = [
        *((users["a"], DAY1 + i * h) for i in range(3)),
        (users["b"], DAY1 + h),
        (users["b"], DAY1 + 2 * h),
        (users["b"], cap_at),
        (users["c"], DAY1 + 3 * h),
        (users["c"], day3),
        (users["c"], day3 + h),
        (users["d"], day3 + 2 * h),
        (users["d"], day3 + 3 * h),
        (users["d"], day3 + 4 * h),
        (users["e"], DAY1 + 4 * h),
        (users["e"], DAY1 + 5 * h),
        # Outside the window: never read.
        (users["e"], DAY1 + timedelta(days=30)),
    ]
    await _seed(stack, et, log)
    segment = await _segment(stack, [users["a"], users["c"], users["e"]])
    return mission, users, cap_at, segment


async def test_a_draft_replayed_over_the_log_says_who_would_have_completed_when_and_at_what_cost(
    stack: Stack,
) -> None:
    mission, users, cap_at, segment = await _scenario(stack)
    started = await _start(stack, mission, _window())
    assert started["status"] == "running" and started["mission_id"] == mission and started["revision"] == 1

    got = await _done(stack, started["id"])
    result = got["result"]
    assert got["progress"] == {"events_read": 14, "events_total": 14, "fraction": 1.0}
    assert (result["users"], result["users_completed"], result["completions"]) == (5, 3, 3)
    assert result["points"] == 30  # c had started before the cap: users with progress may still complete
    assert datetime.fromisoformat(result["budget_cap_reached_at"]) == cap_at
    assert result["completions_by_day"] == [
        {"day": "2025-03-10", "completions": 1, "users": 1},
        {"day": "2025-03-11", "completions": 1, "users": 1},
        {"day": "2025-03-12", "completions": 1, "users": 1},
    ]
    # d arrived after the cap (kept out: progress 0), e reached 2 of 3.
    assert result["not_completed"] == {
        "users": 2,
        "spread": [
            {"from": 0.0, "to": 0.25, "users": 1},
            {"from": 0.25, "to": 0.5, "users": 0},
            {"from": 0.5, "to": 0.75, "users": 1},
            {"from": 0.75, "to": 1.0, "users": 0},
        ],
    }
    assert {"name": segment, "count": 2} in result["completions_by_segment"]  # a and c
    assert sum(t["count"] for t in result["completions_by_tier"]) == 3
    assert result["items"] == [] and result["direct"] == []
    # Nothing was paid for real: the mission is still a draft and nobody got points.
    r = await stack.http.get(f"/v1/users/{users['a']}/wallet", headers=stack.headers("client"))
    assert r.json()["points"] == 0


async def test_the_segments_filter_replays_only_their_members(stack: Stack) -> None:
    mission, _, _, segment = await _scenario(stack)
    got = await _done(stack, (await _start(stack, mission, {**_window(), "segments": [segment]}))["id"])
    result = got["result"]
    assert got["segments"] == [segment]
    assert got["progress"]["events_read"] == 8  # a 3, c 3, e 2
    # Without b's completion the cap (20 points) is reached by c's, on day 3.
    assert (result["users"], result["users_completed"], result["points"]) == (3, 2, 20)
    assert [d["day"] for d in result["completions_by_day"]] == ["2025-03-10", "2025-03-12"]
    assert result["not_completed"]["users"] == 1


async def test_a_window_with_no_events_completes_with_nothing(stack: Stack) -> None:
    mission, *_ = await _scenario(stack)
    body = {"from": "2020-01-01T00:00:00Z", "to": "2020-02-01T00:00:00Z"}
    got = await _done(stack, (await _start(stack, mission, body))["id"])
    result = got["result"]
    assert got["progress"] == {"events_read": 0, "events_total": 0, "fraction": 1.0}
    assert (result["users"], result["completions"], result["points"], result["budget_cap_reached_at"]) == (
        0,
        0,
        0,
        None,
    )
    assert result["completions_by_day"] == [] and result["not_completed"]["users"] == 0


async def test_events_sent_through_the_api_count_and_opt_in_is_assumed(stack: Stack) -> None:
    et, mug = uid("ev"), uid("mug")
    r = await stack.http.post("/v1/items", json={"id": mug, "name": "Mug"}, headers=stack.headers("admin"))
    assert r.status_code == 201, r.text
    mission = await create_mission(
        stack,
        {
            "type": "generally_available",
            "opt_in": True,
            "goal": {"kind": "event", "event_type": et, "amount_min": 100},
            "reward": {"item": mug},
        },
        activate=False,
    )
    before = datetime.now(UTC) - timedelta(seconds=1)
    rich, poor = uid(), uid()
    for user, value in ((rich, 60), (rich, 50), (poor, 30), (poor, -5)):
        await send(stack, user, et, value=value)
    got = await _done(
        stack, (await _start(stack, mission, {"from": before.isoformat(), "to": "2100-01-01T00:00:00Z"}))["id"]
    )
    result = got["result"]
    assert (result["users"], result["users_completed"], result["items"]) == (2, 1, [{"name": mug, "count": 1}])
    assert result["not_completed"]["spread"][1]["users"] == 1  # 30 of 100
    assert any("opts in" in a for a in result["assumptions"])


async def test_any_revision_replays_with_its_own_rules_and_only_eligible_users_count(stack: Stack) -> None:
    et = uid("ev")
    a, b, c = uid("a"), uid("b"), uid("c")
    segment = await _segment(stack, [a, c])
    goal3 = {"kind": "event", "event_type": et, "count": 3}
    mission = await create_mission(stack, {"type": "generally_available", "goal": goal3, "segments": [segment]})
    r = await stack.http.patch(
        f"/v1/missions/{mission}", json={"goal": {**goal3, "count": 2}}, headers=stack.headers("admin")
    )
    assert r.status_code == 200 and r.json()["revision"] == 2, r.text
    h = timedelta(hours=1)
    await _seed(stack, et, [(a, DAY1), (a, DAY1 + h), *((u, DAY1 + i * h) for u in (b, c) for i in range(3))])

    current = await _done(stack, (await _start(stack, mission, _window()))["id"])
    assert current["revision"] == 2
    result = current["result"]
    # b is not in the mission's segment: met, never counted, not in the spread.
    assert (result["users"], result["users_ineligible"], result["users_completed"]) == (2, 1, 2)
    assert result["not_completed"]["users"] == 0
    assert any("today's" in x for x in result["assumptions"])

    first = await _done(stack, (await _start(stack, mission, {**_window(), "revision": 1}))["id"])
    assert first["revision"] == 1
    result = first["result"]
    assert (result["users"], result["users_ineligible"], result["users_completed"]) == (2, 1, 1)
    assert result["not_completed"]["users"] == 1 and result["not_completed"]["spread"][2]["users"] == 1  # a: 2 of 3


async def test_the_draft_is_replayed_as_it_was_asked_for_even_if_edited_meanwhile(stack: Stack) -> None:
    et = uid("ev")
    goal = {"kind": "event", "event_type": et, "count": 1}
    mission = await create_mission(stack, {"type": "generally_available", "goal": goal}, activate=False)
    await _seed(stack, et, [(uid(), DAY1), (uid(), DAY1)])
    started = await _start(stack, mission, _window())
    # A draft's edit rewrites its revision 1 in place: the job keeps the spec it was asked for.
    r = await stack.http.patch(
        f"/v1/missions/{mission}", json={"goal": {**goal, "count": 100}}, headers=stack.headers("admin")
    )
    assert r.status_code == 200 and r.json()["revision"] == 1, r.text
    got = await _done(stack, started["id"])
    assert (got["result"]["users"], got["result"]["users_completed"]) == (2, 2)


async def test_refusals(stack: Stack) -> None:
    admin = stack.headers("admin")
    mission, *_ = await _scenario(stack)
    r = await stack.http.post(
        f"/v1/missions/{mission}/backtest",
        json={"from": "2025-03-02T00:00:00Z", "to": "2025-03-01T00:00:00Z"},
        headers=admin,
    )
    assert r.status_code == 422 and r.json()["error"]["details"][0]["field"] == "to", r.text
    r = await stack.http.post("/v1/missions/no-such-mission/backtest", json=_window(), headers=admin)
    assert r.status_code == 404 and r.json()["error"]["code"] == "mission_not_found", r.text
    r = await stack.http.post(f"/v1/missions/{mission}/backtest", json={**_window(), "revision": 7}, headers=admin)
    assert r.status_code == 404 and r.json()["error"]["code"] == "revision_not_found", r.text
    r = await stack.http.post(
        f"/v1/missions/{mission}/backtest", json={**_window(), "segments": ["nope"]}, headers=admin
    )
    assert r.status_code == 422 and r.json()["error"]["code"] == "segment_not_found", r.text
    r = await stack.http.post(f"/v1/missions/{mission}/backtest", json={"to": "2025-03-01T00:00:00Z"}, headers=admin)
    assert r.status_code == 422, r.text
    manual = await create_mission(
        stack, {"type": "generally_available", "goal": {"kind": "manual", "proof": ["text"]}}, activate=False
    )
    r = await stack.http.post(f"/v1/missions/{manual}/backtest", json=_window(), headers=admin)
    assert r.status_code == 422 and r.json()["error"]["code"] == "not_backtestable", r.text
    r = await stack.http.get("/v1/backtests/bt_nope", headers=admin)
    assert r.status_code == 404 and r.json()["error"]["code"] == "backtest_not_found", r.text
    r = await stack.http.post(f"/v1/missions/{mission}/backtest", json=_window(), headers=stack.headers("client"))
    assert r.status_code == 403, r.text


async def test_progress_is_visible_while_a_large_log_is_replayed(stack: Stack) -> None:
    et = uid("ev")
    mission = await create_mission(
        stack, {"type": "generally_available", "goal": {"kind": "event", "event_type": et, "count": 50}}, activate=False
    )
    n, users = 450_000, 20_000
    await _copy(stack, et, n, users, DAY1)
    started = await _start(stack, mission, {"from": DAY1.isoformat(), "to": (DAY1 + timedelta(days=1)).isoformat()})
    seen: list[tuple[str, int, int]] = []
    while True:
        got = await _get(stack, started["id"])
        seen.append((got["status"], got["progress"]["events_read"], got["progress"]["events_total"]))
        if got["status"] != "running":
            break
        await asyncio.sleep(0.05)
    assert got["status"] == "completed", got
    partial = [(read, total) for status, read, total in seen if status == "running" and 0 < read < total]
    assert partial, seen  # a step committed, the next still running
    assert all(total == n for _, total in partial)
    # 450,000 events over 20,000 users: 22 or 23 each, none reaches 50.
    assert (got["result"]["users"], got["result"]["completions"]) == (users, 0)
    assert got["result"]["not_completed"]["spread"][1]["users"] == users


async def test_a_worker_killed_mid_job_is_resumed_from_the_last_step_and_counts_every_event_once(
    stack: Stack,
) -> None:
    et = uid("ev")
    spec = {
        "type": "generally_available",
        "goal": {"kind": "event", "event_type": et, "count": 10},
        "reward": {"points": 5},
        "budget_cap": {"points": 100_000},
    }
    mission = await create_mission(stack, spec, activate=False)
    n, users = 300_000, 25_000
    await _copy(stack, et, n, users, DAY1)
    window = {"from": DAY1.isoformat(), "to": (DAY1 + timedelta(days=1)).isoformat()}
    # The same job, uninterrupted, on the session's worker.
    baseline = await _done(stack, (await _start(stack, mission, window))["id"])

    # An API and a worker of their own: the worker is a process, killed outright mid-job.
    settings = make_settings(
        stack.settings.database_url, stack.settings.temporal_address, f"bt-crash-{uuid.uuid4().hex[:8]}"
    )
    app = create_app(settings)
    args = [settings.database_url, settings.temporal_address, settings.task_queue, "40000"]
    workers: list[asyncio.subprocess.Process] = []

    async def worker() -> asyncio.subprocess.Process:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tests.api.backtest_worker", *args, cwd=ROOT, stdout=asyncio.subprocess.PIPE
        )
        workers.append(proc)
        assert proc.stdout is not None
        assert (await asyncio.wait_for(proc.stdout.readline(), 30)).strip() == b"polling"
        return proc

    try:
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://questline.test") as http,
        ):
            first = await worker()
            r = await http.post(f"/v1/missions/{mission}/backtest", json=window, headers=stack.headers("admin"))
            assert r.status_code == 202, r.text
            backtest_id = r.json()["id"]

            async def steps() -> tuple[int, bool]:
                async with stack.engine.connect() as conn:
                    row = (
                        await conn.execute(
                            sa.text("SELECT step, figures->>'done' FROM backtests WHERE id = :id"), {"id": backtest_id}
                        )
                    ).one()
                return int(row[0]), row[1] == "true"

            async def two_steps() -> tuple[int, bool] | None:
                state = await steps()
                return state if state[0] >= 2 else None

            state = await eventually(two_steps, within=60)
            assert not state[1], "the job finished before the worker could be killed"
            first.kill()
            await first.wait()
            killed_at = (await steps())[0]
            await worker()
            got = await _done(stack, backtest_id, within=90, http=http)
    finally:
        for proc in workers:
            if proc.returncode is None:
                proc.kill()
                await proc.wait()
    assert 2 <= killed_at < 8
    assert got["progress"]["events_read"] == n
    assert got["result"] == baseline["result"]
    assert got["result"]["users"] == users and got["result"]["completions"] > 0
