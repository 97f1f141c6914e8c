"""A mission activated with `count_events_since` counts what users did before it was live (issue 16,
backfill), by a durable job started with the activation, on the real stack: the events were logged
while no mission had their type (the log keeps every accepted event, routed or not)."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from temporalio.common import WorkflowIDReusePolicy

from db.tables import events, ledger
from tests.api.helpers import create_mission, eventually, points, send, uid, view
from tests.conftest import Stack
from workflows.event_backfill import NAME, EventBackfill


def _goal(event_type: str, count: int = 1, **more: Any) -> dict[str, Any]:
    return {"kind": "event", "event_type": event_type, "count": count, **more}


async def _draft(stack: Stack, body: dict[str, Any]) -> str:
    return await create_mission(stack, body, activate=False)


async def _activate(stack: Stack, mission: str, since: datetime) -> dict[str, Any]:
    r = await stack.http.post(
        f"/v1/missions/{mission}/activate",
        json={"count_events_since": since.isoformat()},
        headers=stack.headers("admin"),
    )
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


async def _job_done(stack: Stack, job_id: str, within: float = 30) -> dict[str, Any]:
    async def finished() -> dict[str, Any] | None:
        r = await stack.http.get(f"/v1/grant-jobs/{job_id}", headers=stack.headers("admin"))
        assert r.status_code == 200, r.text
        body: dict[str, Any] = r.json()
        return body if body["status"] == "completed" else None

    done: dict[str, Any] = await eventually(finished, within=within)
    return done


async def _progress(stack: Stack, user: str, mission: str) -> tuple[str, float] | None:
    v = await view(stack, user, mission)
    return None if v is None else (v["tab"], float(v["progress"]["current"]))


async def _ledger(stack: Stack, mission: str) -> dict[str, list[int]]:
    async with stack.engine.connect() as conn:
        rows = (
            await conn.execute(sa.select(ledger.c.user_id, ledger.c.points).where(ledger.c.mission_id == mission))
        ).all()
    out: dict[str, list[int]] = {}
    for row in rows:
        out.setdefault(row.user_id, []).append(int(row.points))
    return out


async def _rerun(stack: Stack, job_id: str) -> None:
    """Runs the same window again, as a second job would: journeys must drop what they counted."""
    job = await stack.env.client.get_workflow_handle(job_id).query("progress", result_type=EventBackfill)
    again = EventBackfill(mission_id=job.mission_id, event_type=job.event_type, since=job.since, until=job.until)
    handle = await stack.env.client.start_workflow(
        NAME,
        again,
        id=f"{job_id}:rerun-{uuid.uuid4().hex[:6]}",
        task_queue=stack.settings.task_queue,
        id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
    )
    await handle.result()


async def test_activation_with_count_events_since_counts_logged_events_once(stack: Stack) -> None:
    et = uid("bf")
    full, partial, late, old_only, nobody = uid(), uid(), uid(), uid(), uid()
    # Before `since`: never counts.
    await send(stack, late, et)
    await send(stack, old_only, et)
    await asyncio.sleep(0.05)
    since = datetime.now(UTC)
    await asyncio.sleep(0.05)
    # Logged while no mission has this type (nothing routes them).
    dup = uid("e")
    for _ in range(2):
        await send(stack, full, et, id=dup)  # the same event twice: logged once
    await send(stack, full, et)
    await send(stack, full, et)
    await send(stack, full, et)  # a fourth: the goal is met at the third
    await send(stack, partial, et)
    await send(stack, partial, et)
    await send(stack, late, et)
    await send(stack, nobody, uid("other"))
    async with stack.engine.connect() as conn:
        logged = (await conn.execute(sa.select(sa.func.count()).where(events.c.type == et))).scalar_one()
    assert logged == 9  # the duplicate once; unrouted events are logged all the same

    mission = await _draft(stack, {"type": "generally_available", "goal": _goal(et, 3), "reward": {"points": 10}})
    activated = await _activate(stack, mission, since)
    job_id = activated["backfill_job_id"]
    assert activated["status"] == "active" and job_id.startswith("segment-grant:")
    # Live, right after the activation's 200, maybe before the job reached this user: counts once.
    await send(stack, partial, et)

    done = await _job_done(stack, job_id)
    assert (done["mission_id"], done["granted"] + done["refused"]) == (mission, 7)
    await eventually(lambda: _tab_is(stack, full, mission, "completed"))
    await eventually(lambda: _tab_is(stack, partial, mission, "completed"))
    assert await _progress(stack, late, mission) == ("available", 1.0)  # the one after `since`
    assert await _progress(stack, old_only, mission) == ("available", 0.0)  # only before `since`
    assert await _ledger(stack, mission) == {full: [10], partial: [10]}

    # The same window again (a rerun) and a second activation change nothing.
    await _rerun(stack, job_id)
    r = await stack.http.post(
        f"/v1/missions/{mission}/activate",
        json={"count_events_since": since.isoformat()},
        headers=stack.headers("admin"),
    )
    assert r.status_code == 409, r.text
    await asyncio.sleep(0.5)
    assert await _progress(stack, late, mission) == ("available", 1.0)
    assert await _ledger(stack, mission) == {full: [10], partial: [10]}
    assert await points(stack, full) == 10

    # Listed among the grant jobs, with its kind.
    r = await stack.http.get("/v1/grant-jobs", params={"limit": 100}, headers=stack.headers("admin"))
    assert r.status_code == 200, r.text
    listed = [j for j in r.json()["items"] if j["job_id"] == job_id]
    assert len(listed) == 1 and listed[0]["kind"] == "event_backfill" and listed[0]["status"] == "completed"


async def _tab_is(stack: Stack, user: str, mission: str, tab: str) -> bool:
    v = await view(stack, user, mission)
    return v is not None and v["tab"] == tab


async def test_backfilled_events_pass_the_missions_own_rules(stack: Stack) -> None:
    """Tags, value ranges and eligibility apply to backfilled events as to live ones."""
    et = uid("bf")
    tagged, untagged, small = uid(), uid(), uid()
    since = datetime.now(UTC) - timedelta(seconds=1)
    await send(stack, tagged, et, tags=["promo"], value=50)
    await send(stack, untagged, et, tags=["other"], value=50)
    await send(stack, small, et, tags=["promo"], value=5)
    mission = await _draft(
        stack,
        {
            "type": "generally_available",
            "goal": {"kind": "event", "event_type": et, "tags": ["promo"], "amount_min": 10, "amount_max": 100},
            "reward": {"points": 3},
        },
    )
    done = await _job_done(stack, (await _activate(stack, mission, since))["backfill_job_id"])
    assert (done["granted"], done["refused"]) == (1, 2)  # the pre-filter dropped the two that cannot count
    await eventually(lambda: _tab_is(stack, tagged, mission, "completed"))
    assert await _ledger(stack, mission) == {tagged: [3]}
    assert await _progress(stack, untagged, mission) == ("available", 0.0)


async def test_a_repeatable_mission_is_not_paid_twice_by_a_rerun(stack: Stack) -> None:
    """Every backfilled event completes a round; the same window again completes none."""
    et = uid("bf")
    user = uid()
    since = datetime.now(UTC) - timedelta(seconds=1)
    for _ in range(4):
        await send(stack, user, et)
    mission = await _draft(stack, {"type": "recurring_on_completion", "goal": _goal(et, 1), "reward": {"points": 1}})
    job_id = (await _activate(stack, mission, since))["backfill_job_id"]
    await _job_done(stack, job_id)

    async def paid() -> bool:
        return (await _ledger(stack, mission)).get(user) == [1, 1, 1, 1]

    await eventually(paid)
    await _rerun(stack, job_id)
    await asyncio.sleep(0.5)
    assert await paid()
    # A live event still counts, once.
    await send(stack, user, et)
    await eventually(lambda: _paid_times(stack, mission, user, 5))
    await asyncio.sleep(0.3)
    assert await _paid_times(stack, mission, user, 5)


async def _paid_times(stack: Stack, mission: str, user: str, n: int) -> bool:
    return len((await _ledger(stack, mission)).get(user, [])) == n


async def test_count_events_since_is_refused_where_past_events_cannot_count(stack: Stack) -> None:
    et = uid("bf")
    now = datetime.now(UTC)
    cases: list[tuple[dict[str, Any], datetime, str]] = [
        ({"type": "generally_available", "opt_in": True, "goal": _goal(et)}, now - timedelta(hours=1), "opt-in"),
        ({"type": "locked", "goal": _goal(et)}, now - timedelta(hours=1), "unlock"),
        ({"type": "featured", "goal": _goal(et)}, now - timedelta(hours=1), "grant"),
        (
            {"type": "generally_available", "goal": {"kind": "manual", "proof": ["text"]}},
            now - timedelta(hours=1),
            "manual",
        ),
        (
            {"type": "generally_available", "goal": _goal(et, streak={"periods": 3, "period": "day"})},
            now - timedelta(hours=1),
            "streak",
        ),
        ({"type": "generally_available", "goal": _goal(et)}, now + timedelta(hours=1), "before the activation"),
        ({"type": "generally_available", "goal": _goal(et)}, now - timedelta(days=400), "366 days"),
        (
            {
                "type": "recurring",
                "recurrence": {"every": "day"},
                "start_at": (now - timedelta(days=3)).isoformat(),
                "goal": _goal(et),
            },
            now - timedelta(days=2),
            "current cycle",
        ),
    ]
    for body, since, reason in cases:
        mission = await _draft(stack, body)
        r = await stack.http.post(
            f"/v1/missions/{mission}/activate",
            json={"count_events_since": since.isoformat()},
            headers=stack.headers("admin"),
        )
        assert r.status_code == 422, (body, r.text)
        error = r.json()["error"]
        assert error["details"][0]["field"] == "count_events_since", error
        assert reason in error["message"], error
        # Refused whole: the mission is still a draft.
        got = await stack.http.get(f"/v1/missions/{mission}", headers=stack.headers("admin"))
        assert got.json()["status"] == "draft"
    # A naive time is no time.
    mission = await _draft(stack, {"type": "generally_available", "goal": _goal(et)})
    r = await stack.http.post(
        f"/v1/missions/{mission}/activate",
        json={"count_events_since": "2026-01-01T00:00:00"},
        headers=stack.headers("admin"),
    )
    assert r.status_code == 422, r.text
    # Without the field nothing changes: no backfill job.
    r = await stack.http.post(f"/v1/missions/{mission}/activate", json={}, headers=stack.headers("admin"))
    assert r.status_code == 200 and "backfill_job_id" not in r.json()


async def test_a_long_backfill_continues_as_new_and_replays(stack: Stack) -> None:
    """Many pages (a rerun one event per page) continue as new with the cursor; counts stay exact,
    and every run's history replays against the workflow code."""
    from temporalio.client import WorkflowHistory
    from temporalio.contrib.pydantic import pydantic_data_converter
    from temporalio.worker import Replayer

    from worker import WORKFLOWS
    from workflows.event_backfill import PAGES_PER_RUN

    et = uid("bf")
    users = [uid() for _ in range(3)]
    since = datetime.now(UTC) - timedelta(seconds=1)
    total = PAGES_PER_RUN + 10
    r = await stack.http.post(
        "/v1/events/batch",
        json={"events": [{"id": uid("e"), "user_id": users[i % 3], "type": et} for i in range(total)]},
        headers=stack.headers("client"),
    )
    assert r.status_code == 202, r.text
    mission = await _draft(stack, {"type": "generally_available", "goal": _goal(et, 1000)})
    job_id = (await _activate(stack, mission, since))["backfill_job_id"]
    await _job_done(stack, job_id)
    want = {u: float(len(range(i, total, 3))) for i, u in enumerate(users)}

    async def counted() -> bool:
        return all([await _progress(stack, u, mission) == ("available", want[u]) for u in users])

    await eventually(counted)
    client = stack.env.client
    job = await client.get_workflow_handle(job_id).query("progress", result_type=EventBackfill)
    rerun_id = f"{job_id}:pages-{uuid.uuid4().hex[:6]}"
    handle = await client.start_workflow(
        NAME,
        EventBackfill(mission_id=mission, event_type=et, since=job.since, until=job.until, page_size=1),
        id=rerun_id,
        task_queue=stack.settings.task_queue,
        result_type=EventBackfill,
    )
    result = await handle.result()
    assert (result.scanned, result.granted, result.pages, result.done) == (total, total, total + 1, True)
    await asyncio.sleep(0.5)
    assert await counted()  # every event delivered again, none counted again

    runs = [e async for e in client.list_workflows(f"WorkflowId = '{rerun_id}'")]
    assert len(runs) == 2  # one continue-as-new
    replayer = Replayer(workflows=WORKFLOWS, data_converter=pydantic_data_converter)
    for wf_id, run_id in [(job_id, None), *((rerun_id, run.run_id) for run in runs)]:
        history: WorkflowHistory = await client.get_workflow_handle(wf_id, run_id=run_id).fetch_history()
        await replayer.replay_workflow(history)


async def test_a_recurring_mission_counts_the_current_cycles_events(stack: Stack) -> None:
    """A daily mission opened by its start counts the events since today's reset in its first cycle."""
    et = uid("bf")
    user = uid()
    now = datetime.now(UTC)
    since = max(now - timedelta(seconds=1), now.replace(hour=0, minute=0, second=0, microsecond=0))
    await send(stack, user, et)
    await send(stack, user, et)
    mission = await _draft(
        stack,
        {
            "type": "recurring",
            "recurrence": {"every": "day"},
            "start_at": (now - timedelta(days=3)).isoformat(),
            "goal": _goal(et, 2),
            "reward": {"points": 4},
        },
    )
    await _job_done(stack, (await _activate(stack, mission, since))["backfill_job_id"])
    await eventually(lambda: _tab_is(stack, user, mission, "completed"))
    assert await _ledger(stack, mission) == {user: [4]}
