"""Records the histories that `test_replay.py` replays: `python -m tests.replay.record TAG [SCENARIO...]`.

Each scenario drives a real stack (embedded PostgreSQL, Temporal dev server, the worker and the
API in-process) through one workflow shape and saves every run of the journeys it touched as
JSON under `histories/` as `<scenario>@<TAG>.<workflow>.run<N>.json`. Record with a new TAG after a
workflow change (guarded by `workflow.patched()`) and keep the old files: journeys recorded
before the change are still running somewhere. Never re-record to make a failing replay pass.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from temporalio.common import SearchAttributeKey
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

from db.migrate import upgrade
from devstack.postgres import embedded_postgres
from devstack.social_emulator import Emulator, serve
from tests.api.helpers import create_mission, eventually, send, uid, view
from tests.conftest import CALLBACK_SECRET, SEARCH_ATTRIBUTES, Stack, binary, open_stack
from workflows.payloads import enrolment_id

HISTORIES = Path(__file__).parent / "histories"


async def _tab(stack: Stack, user: str, mission: str, tab: str) -> bool:
    v = await view(stack, user, mission)
    return v is not None and v["tab"] == tab


async def _finished(stack: Stack, workflow_id: str) -> None:
    await stack.env.client.get_workflow_handle(workflow_id).result()


def _event_goal(event_type: str, count: int = 1) -> dict[str, object]:
    return {"kind": "event", "event_type": event_type, "count": count}


async def count_completed(stack: Stack) -> list[str]:
    """Two events complete a count goal; the reward is granted; the journey ends."""
    et = uid("ev")
    mission = await create_mission(
        stack, {"type": "generally_available", "goal": _event_goal(et, 2), "reward": {"points": 5}}
    )
    user = uid()
    await send(stack, user, et)
    await send(stack, user, et)
    await _finished(stack, enrolment_id(mission, user))
    return [enrolment_id(mission, user)]


async def opt_in_missed(stack: Stack) -> list[str]:
    """Opt-in starts a 2 s clock; one event of two; the deadline timer makes it missed."""
    et = uid("ev")
    mission = await create_mission(
        stack, {"type": "generally_available", "opt_in": True, "time_to_complete": "PT2S", "goal": _event_goal(et, 2)}
    )
    user = uid()
    r = await stack.http.post(f"/v1/users/{user}/missions/{mission}/opt-in", headers=stack.headers("client"))
    assert r.status_code == 200, r.text
    await send(stack, user, et)
    await _finished(stack, enrolment_id(mission, user))
    return [enrolment_id(mission, user)]


async def locked_after_prerequisite(stack: Stack) -> list[str]:
    """Completing A unlocks B (update-with-start from the completion), then B completes."""
    a_type, b_type = uid("ev"), uid("ev")
    a = await create_mission(stack, {"type": "generally_available", "goal": _event_goal(a_type)})
    b = await create_mission(
        stack,
        {"type": "locked", "unlock": {"after_missions": [a]}, "goal": _event_goal(b_type), "reward": {"points": 3}},
    )
    user = uid()
    await send(stack, user, a_type)
    await eventually(lambda: _tab(stack, user, b, "available"))
    await send(stack, user, b_type)
    await _finished(stack, enrolment_id(b, user))
    return [enrolment_id(b, user)]


async def unlock_caught_up(stack: Stack) -> list[str]:
    """A and B on one event type: the second event, sent right after the first's 202, reaches B
    through the catch-up that follows B's unlock at A's completion (tag 6 on)."""
    et = uid("ev")
    a = await create_mission(stack, {"type": "generally_available", "goal": _event_goal(et)})
    b = await create_mission(
        stack, {"type": "locked", "unlock": {"after_missions": [a]}, "goal": _event_goal(et), "reward": {"points": 3}}
    )
    user = uid()
    await send(stack, user, et)
    await send(stack, user, et)
    await _finished(stack, enrolment_id(b, user))
    return [enrolment_id(b, user)]


async def featured_granted(stack: Stack) -> list[str]:
    """An admin grant, then an event completes a featured mission."""
    et = uid("ev")
    mission = await create_mission(stack, {"type": "featured", "goal": _event_goal(et), "reward": {"direct": "Mug"}})
    user = uid()
    r = await stack.http.post(
        f"/v1/missions/{mission}/grants", json={"user_ids": [user]}, headers=stack.headers("admin")
    )
    assert r.status_code == 200, r.text
    await send(stack, user, et)
    await _finished(stack, enrolment_id(mission, user))
    return [enrolment_id(mission, user)]


async def featured_triggered_before_start(stack: Stack) -> list[str]:
    """A segment entry before start_at: the trigger's grant is deferred to S; an event after S completes it."""
    et, plan = uid("ev"), uid("plan")
    admin, client = stack.headers("admin"), stack.headers("client")
    rule = {"attribute": {"name": "plan", "op": "eq", "value": plan}}
    r = await stack.http.post("/v1/segments", json={"name": uid("seg"), "rule": rule}, headers=admin)
    assert r.status_code == 201, r.text
    start = datetime.now(UTC) + timedelta(seconds=3)
    spec = {
        "type": "featured",
        "trigger": {"segment": r.json()["id"]},
        "start_at": start.isoformat(),
        "goal": _event_goal(et),
        "reward": {"points": 2},
    }
    mission = await create_mission(stack, spec)
    user = uid()
    r = await stack.http.put(f"/v1/users/{user}", json={"attributes": {"plan": plan}}, headers=client)
    assert r.status_code == 200, r.text
    await send(stack, user, et)  # before S: does not count
    await eventually(lambda: _tab(stack, user, mission, "available"), within=15)
    await send(stack, user, et)
    await _finished(stack, enrolment_id(mission, user))
    return [enrolment_id(mission, user)]


async def recurring_on_completion(stack: Stack) -> list[str]:
    """Two completions of a repeatable mission: continue-as-new between rounds."""
    et = uid("ev")
    mission = await create_mission(
        stack,
        {"type": "recurring_on_completion", "max_completions": 2, "goal": _event_goal(et), "reward": {"points": 1}},
    )
    user = uid()
    await send(stack, user, et)
    await eventually(lambda: _completions(stack, user, mission, 1))
    await send(stack, user, et)
    await _finished(stack, enrolment_id(mission, user))
    return [enrolment_id(mission, user)]


async def _completions(stack: Stack, user: str, mission: str, n: int) -> bool:
    v = await view(stack, user, mission)
    return v is not None and v["completions"] == n


async def manual_review(stack: Stack) -> list[str]:
    """Submit, decline with feedback, submit again, approve."""
    mission = await create_mission(
        stack, {"type": "generally_available", "goal": {"kind": "manual", "proof": ["text"]}, "reward": {"points": 2}}
    )
    user = uid()
    base = f"/v1/users/{user}/missions/{mission}/submissions"
    admin, client = stack.headers("admin"), stack.headers("client")
    first = (await stack.http.post(base, json={"proof": {"kind": "text", "value": "one"}}, headers=client)).json()
    r = await stack.http.post(f"/v1/submissions/{first['id']}/decline", json={"feedback": "no"}, headers=admin)
    assert r.status_code == 200, r.text
    second = (await stack.http.post(base, json={"proof": {"kind": "text", "value": "two"}}, headers=client)).json()
    r = await stack.http.post(f"/v1/submissions/{second['id']}/approve", headers=admin)
    assert r.status_code == 200, r.text
    await _finished(stack, enrolment_id(mission, user))
    return [enrolment_id(mission, user)]


async def revised_then_archived(stack: Stack) -> list[str]:
    """A running journey receives a new revision, then the archive closes it; plus the broadcast."""
    et = uid("ev")
    mission = await create_mission(stack, {"type": "generally_available", "goal": _event_goal(et, 5)})
    user = uid()
    await send(stack, user, et)
    await eventually(lambda: _progress(stack, user, mission, 1))
    admin = stack.headers("admin")
    r = await stack.http.patch(f"/v1/missions/{mission}", json={"description": "revised"}, headers=admin)
    assert r.status_code == 200, r.text
    r = await stack.http.post(f"/v1/missions/{mission}/archive", headers=admin)
    assert r.status_code == 200, r.text
    await _finished(stack, enrolment_id(mission, user))
    change = f"mission-change:{mission}:2:archived"
    await _finished(stack, change)
    return [enrolment_id(mission, user), change]


async def scheduled_launch(stack: Stack) -> list[str]:
    """A draft launched by a durable timer a second later."""
    from datetime import UTC, datetime, timedelta

    mission = await create_mission(
        stack, {"type": "generally_available", "goal": _event_goal(uid("ev"))}, activate=False
    )
    at = (datetime.now(UTC) + timedelta(seconds=1)).isoformat()
    r = await stack.http.post(f"/v1/missions/{mission}/launch", json={"at": at}, headers=stack.headers("admin"))
    assert r.status_code == 202, r.text
    await _finished(stack, f"launch:{mission}")
    return [f"launch:{mission}"]


async def segment_grant(stack: Stack) -> list[str]:
    """A featured mission granted to a static segment of two members."""
    admin = stack.headers("admin")
    segment = (await stack.http.post("/v1/segments", json={"name": uid("s")}, headers=admin)).json()["id"]
    body = f"user_id\n{uid()}\n{uid()}\n"
    r = await stack.http.post(
        f"/v1/segments/{segment}/members", content=body, headers={**admin, "content-type": "text/csv"}
    )
    assert r.status_code == 200, r.text
    mission = await create_mission(stack, {"type": "featured", "goal": _event_goal(uid("ev"))})
    r = await stack.http.post(f"/v1/missions/{mission}/grants/segment", json={"segment_id": segment}, headers=admin)
    assert r.status_code == 202, r.text
    job: str = r.json()["job_id"]
    await _finished(stack, job)
    return [job]


async def segment_clock(stack: Stack) -> list[str]:
    """A time-dependent segment's clock: one sweep and its timer (then stopped for the record)."""
    body = {"name": uid("idle"), "rule": {"inactive_for": "PT1H"}}
    r = await stack.http.post("/v1/segments", json=body, headers=stack.headers("admin"))
    assert r.status_code == 201, r.text
    clock = f"segment-clock:{r.json()['id']}"
    await asyncio.sleep(2)
    await stack.env.client.get_workflow_handle(clock).terminate("recorded")
    return [clock]


async def broadcast_now(stack: Stack) -> list[str]:
    """A broadcast sent now to a static segment of two members."""
    admin = stack.headers("admin")
    segment = (await stack.http.post("/v1/segments", json={"name": uid("s")}, headers=admin)).json()["id"]
    body = f"user_id\n{uid()}\n{uid()}\n"
    r = await stack.http.post(
        f"/v1/segments/{segment}/members", content=body, headers={**admin, "content-type": "text/csv"}
    )
    assert r.status_code == 200, r.text
    r = await stack.http.post(
        "/v1/broadcasts", json={"title": "Hello", "body": "News", "segment_id": segment}, headers=admin
    )
    assert r.status_code == 201, r.text
    workflow_id = f"broadcast:{r.json()['id']}"
    await _finished(stack, workflow_id)
    return [workflow_id]


async def _callback(stack: Stack, receiver_url: str, *, give_up_after: float | None = None) -> str:
    """Enqueues a completion's callback to `receiver_url`, dispatches it, waits for its workflow to end."""
    from datetime import UTC, datetime, timedelta

    from services.callbacks import dispatch, enqueue_completion
    from services.gateway import JourneyGateway, LazyClient
    from workflows.callback import callback_workflow_id

    mission = await create_mission(
        stack, {"type": "generally_available", "goal": _event_goal(uid("ev")), "callback_url": receiver_url}
    )
    async with stack.engine.begin() as conn:
        cb = await enqueue_completion(
            conn, mission_id=mission, url=receiver_url, user_id=uid(), completion=1, reward=None, at=datetime.now(UTC)
        )
    assert cb is not None
    settings = stack.settings
    if give_up_after is not None:
        settings = settings.model_copy(
            update={
                "callback_retry_for": timedelta(seconds=give_up_after),
                "callback_max_interval": timedelta(seconds=0.5),
            }
        )
    await dispatch(JourneyGateway(LazyClient(settings), settings.task_queue), settings, [cb])
    await _finished(stack, callback_workflow_id(cb))
    return callback_workflow_id(cb)


async def callback_retried(stack: Stack) -> list[str]:
    """A completion's callback refused twice, then accepted (the retries are the activity's attempts)."""
    from tests.api.receiver import running_receiver

    with running_receiver(CALLBACK_SECRET, failures=2) as receiver:
        return [await _callback(stack, receiver.url)]


async def callback_failed(stack: Stack) -> list[str]:
    """A callback whose receiver stays down: it gives up after 2 s and is marked failed."""
    from tests.api.receiver import running_receiver

    with running_receiver(CALLBACK_SECRET, down=True) as receiver:
        return [await _callback(stack, receiver.url, give_up_after=2)]


async def _workflow_of(stack: Stack, mission: str, user: str) -> str:
    """The workflow id of the user's latest journey (a recurring mission's ids carry the cycle)."""
    from db import enrolments

    async def saved() -> str | None:
        async with stack.engine.connect() as conn:
            return await enrolments.workflow_id_of(conn, mission, user)

    found: str = await eventually(saved)
    return found


async def budget_gated(stack: Stack) -> list[str]:
    """A capped mission: a first event that completes counts only under the budget's lock (the
    completion is decided before the journey changes), and a first event that only progresses
    asks whether the budget still admits new users."""
    once, twice = uid("ev"), uid("ev")
    m1 = await create_mission(
        stack,
        {
            "type": "generally_available",
            "goal": _event_goal(once),
            "reward": {"points": 5},
            "budget_cap": {"points": 50},
        },
    )
    m2 = await create_mission(
        stack,
        {
            "type": "generally_available",
            "goal": _event_goal(twice, 2),
            "reward": {"points": 5},
            "budget_cap": {"points": 5},
        },
    )
    a, b = uid(), uid()
    await send(stack, a, once)
    await send(stack, b, twice)
    await eventually(lambda: _progress(stack, b, m2, 1))
    await send(stack, b, twice)
    await _finished(stack, enrolment_id(m1, a))
    await _finished(stack, enrolment_id(m2, b))
    return [enrolment_id(m1, a), enrolment_id(m2, b)]


async def _progress(stack: Stack, user: str, mission: str, n: int) -> bool:
    v = await view(stack, user, mission)
    return v is not None and v["progress"]["current"] == n


async def recurring_cycles(stack: Stack) -> list[str]:
    """A 3 s recurring mission: one user completes a cycle (its journey closes); another opts in
    and lets the cycle end (the reset's timer makes it missed)."""
    et = uid("ev")
    done = await create_mission(
        stack,
        {"type": "recurring", "recurrence": {"every": "PT3S"}, "goal": _event_goal(et), "reward": {"points": 1}},
    )
    lapsed = await create_mission(
        stack,
        {"type": "recurring", "recurrence": {"every": "PT3S"}, "opt_in": True, "goal": _event_goal(uid("ev"))},
    )
    a, b = uid(), uid()
    await send(stack, a, et)
    r = await stack.http.post(f"/v1/users/{b}/missions/{lapsed}/opt-in", headers=stack.headers("client"))
    assert r.status_code == 200, r.text
    ids = [await _workflow_of(stack, done, a), await _workflow_of(stack, lapsed, b)]
    for workflow_id in ids:
        await _finished(stack, workflow_id)
    return ids


async def _emulate(stack: Stack, path: str, body: dict[str, Any]) -> None:
    """Sets the social emulator's state over its control API (`/_emulator/...`)."""
    root = stack.settings.social_x_base_url.removesuffix("/x")
    async with httpx.AsyncClient() as http:
        r = await http.post(f"{root}/_emulator/{path}", json=body)
        assert r.status_code == 200, r.text


async def _verified(stack: Stack, user: str, mission: str) -> dict[str, Any]:
    async def check_ended() -> dict[str, Any] | None:
        v = await view(stack, user, mission)
        running = v is None or v["verification"] is None or v["verification"]["status"] == "running"
        return None if running else v

    r = await stack.http.post(f"/v1/users/{user}/missions/{mission}/verify", headers=stack.headers("client"))
    assert r.status_code == 202, r.text
    ended: dict[str, Any] = await eventually(check_ended, within=60)
    return ended


async def social_verified(stack: Stack) -> list[str]:
    """Social checks (1 s delay, 1 s timeout): an X follow not found (one retry, then failed), asked
    again once followed (passed, paid); a Discord join whose platform stays down goes to manual
    review, and the admin approves it."""
    admin, client = stack.headers("admin"), stack.headers("client")
    user, handle, guild, discord_user = uid(), f"u{uid()[-10:]}", "111111111111111111", "222222222222222222"
    follow = await create_mission(
        stack,
        {
            "type": "generally_available",
            "goal": {"kind": "social", "platform": "x", "action": "follow", "target": "@questlinehq"},
            "reward": {"points": 3},
        },
    )
    join = await create_mission(
        stack,
        {
            "type": "generally_available",
            "goal": {"kind": "social", "platform": "discord", "action": "join", "target": guild},
            "reward": {"points": 2},
        },
    )
    r = await stack.http.put(
        f"/v1/users/{user}", json={"social": {"x": handle, "discord": discord_user}}, headers=client
    )
    assert r.status_code == 200, r.text
    await _emulate(stack, "x/account", {"username": handle})
    await _emulate(stack, "fail", {"platform": "discord", "status": 503, "times": 100})

    async def follow_twice() -> None:
        first = await _verified(stack, user, follow)
        assert first["verification"]["status"] == "failed", first
        await _emulate(stack, "x/follow", {"user": handle, "target": "questlinehq"})
        second = await _verified(stack, user, follow)
        assert second["tab"] == "completed", second

    async def join_reviewed() -> None:
        reviewed = await _verified(stack, user, join)
        assert reviewed["verification"]["status"] == "review", reviewed
        r = await stack.http.post(f"/v1/submissions/{reviewed['submission']['id']}/approve", headers=admin)
        assert r.status_code == 200, r.text

    await asyncio.gather(follow_twice(), join_reviewed())
    await _finished(stack, enrolment_id(follow, user))
    await _finished(stack, enrolment_id(join, user))
    return [enrolment_id(follow, user), enrolment_id(join, user)]


async def event_backfill(stack: Stack) -> list[str]:
    """Events logged before the mission existed, counted by activating it with `count_events_since`
    (tag 7 on): the backfill job pages the log and delivers them to the journeys."""
    et = uid("ev")
    since = datetime.now(UTC) - timedelta(seconds=5)
    user = uid()
    await send(stack, user, et)
    await send(stack, user, et)
    mission = await create_mission(
        stack, {"type": "generally_available", "goal": _event_goal(et, 2), "reward": {"points": 5}}, activate=False
    )
    r = await stack.http.post(
        f"/v1/missions/{mission}/activate",
        json={"count_events_since": since.isoformat()},
        headers=stack.headers("admin"),
    )
    assert r.status_code == 200, r.text
    job: str = r.json()["backfill_job_id"]
    await _finished(stack, job)
    await _finished(stack, enrolment_id(mission, user))
    return [job, enrolment_id(mission, user)]


async def backtest_draft(stack: Stack) -> list[str]:
    """A draft backtested over the events just logged (tag 8 on): the Backtest job's steps and summary."""
    from workflows.backtest import backtest_workflow_id

    et = uid("ev")
    since = datetime.now(UTC) - timedelta(seconds=5)
    for user in (uid(), uid()):
        await send(stack, user, et)
    mission = await create_mission(
        stack, {"type": "generally_available", "goal": _event_goal(et, 1), "reward": {"points": 5}}, activate=False
    )
    window = {"from": since.isoformat(), "to": (datetime.now(UTC) + timedelta(minutes=1)).isoformat()}
    r = await stack.http.post(f"/v1/missions/{mission}/backtest", json=window, headers=stack.headers("admin"))
    assert r.status_code == 202, r.text
    workflow_id = backtest_workflow_id(r.json()["id"])
    await _finished(stack, workflow_id)
    return [workflow_id]


async def settled_by_announcement(stack: Stack) -> list[str]:
    """Events whose sender waits on a settle channel (tag 9 on): one that counts (announced with the
    write), one the goal's tags refuse and a repeat (announced by `settle_events`); then it completes."""
    from datetime import UTC, datetime

    from db import missions as missions_repo
    from services.active_missions import context_of
    from services.gateway import JourneyGateway, LazyClient
    from services.settling import SettleListener
    from workflows.payloads import EventIn

    et = uid("ev")
    goal = {"kind": "event", "event_type": et, "count": 2, "tags": ["gold"]}
    mission = await create_mission(stack, {"type": "generally_available", "goal": goal, "reward": {"points": 1}})
    async with stack.engine.connect() as conn:
        ctx = context_of(await missions_repo.get(conn, mission))
    listener = SettleListener(stack.engine.url.render_as_string(hide_password=False))
    listener.start()

    async def listening() -> bool:
        return listener.listening

    await eventually(listening)
    settings, user = stack.settings, uid()
    gateway = JourneyGateway(LazyClient(settings), settings.task_queue, settler=listener)

    def event(tags: list[str], id_: str | None = None) -> EventIn:
        return EventIn(id=id_ or uid("e"), type=et, tags=tags, received_at=datetime.now(UTC))

    first = event(["gold"])
    try:
        for e in (first, event(["tin"]), first, event(["gold"])):
            await gateway.deliver(ctx, user, e, settle=True)
    finally:
        await listener.aclose()
    assert listener.heard == 4
    await _finished(stack, enrolment_id(mission, user))
    return [enrolment_id(mission, user)]


SCENARIOS: dict[str, Callable[[Stack], Awaitable[list[str]]]] = {
    f.__name__: f
    for f in (
        count_completed,
        opt_in_missed,
        locked_after_prerequisite,
        unlock_caught_up,
        featured_granted,
        featured_triggered_before_start,
        recurring_on_completion,
        manual_review,
        revised_then_archived,
        scheduled_launch,
        segment_grant,
        segment_clock,
        broadcast_now,
        callback_retried,
        callback_failed,
        budget_gated,
        recurring_cycles,
        social_verified,
        event_backfill,
        backtest_draft,
        settled_by_announcement,
    )
}


async def _save_runs(stack: Stack, name: str, workflow_id: str) -> int:
    # `name` is `<scenario>@<tag>`.
    """Saves every run of `workflow_id` (continue-as-new chains have several)."""
    runs = [w async for w in stack.env.client.list_workflows(f"WorkflowId = '{workflow_id}'")]
    for i, run in enumerate(sorted(runs, key=lambda w: w.start_time)):
        handle = stack.env.client.get_workflow_handle(workflow_id, run_id=run.run_id)
        history = await handle.fetch_history()
        kind = workflow_id.split(":")[0]
        path = HISTORIES / f"{name}.{kind}.run{i}.json"
        path.write_text(json.dumps(history.to_json_dict(), indent=1) + "\n")
    return len(runs)


async def main(tag: str, names: list[str]) -> None:
    """Runs the named scenarios (all by default) and writes their histories under `tag`."""
    HISTORIES.mkdir(exist_ok=True)
    emulator = Emulator()
    with (
        tempfile.TemporaryDirectory() as tmp,
        embedded_postgres(Path(tmp) / "pg", delete=True) as url,
        serve(emulator) as emulator_url,
    ):
        upgrade(url)
        env = await WorkflowEnvironment.start_local(
            dev_server_existing_path=binary("temporal"),
            data_converter=pydantic_data_converter,
            search_attributes=[SearchAttributeKey.for_keyword(n) for n in SEARCH_ATTRIBUTES],
        )
        try:
            # Social checks look 1 s after the request and give up 1 s later (after one retry).
            social = {"social_check_delay": timedelta(seconds=1), "social_check_timeout": timedelta(seconds=1)}
            async with open_stack(url, env, **social, **emulator.settings(emulator_url)) as stack:
                for name in names or list(SCENARIOS):
                    workflow_ids = await SCENARIOS[name](stack)
                    await asyncio.sleep(1.5)  # let visibility catch up before listing runs
                    # Several journeys of one scenario: `<scenario>-<n>@<tag>` from the second on.
                    labels = [name if n == 0 else f"{name}-{n}" for n in range(len(workflow_ids))]
                    saved = sum(
                        [
                            await _save_runs(stack, f"{label}@{tag}", wid)
                            for label, wid in zip(labels, workflow_ids, strict=True)
                        ]
                    )
                    print(f"{name}: {saved} run(s) saved")
        finally:
            await env.shutdown()


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: python -m tests.replay.record TAG [SCENARIO ...]")
    asyncio.run(main(sys.argv[1], sys.argv[2:]))
    sys.stdout.flush()
    os._exit(0)  # the SDK's runtime can abort while the interpreter finalizes (sdk-python#300)
