"""A locked mission activated after users already completed its prerequisites is unlocked for them
(issue 12: nothing a user did is silently lost), by a durable job started with the activation, on
the real stack: the completions' announcements came before the mission was live."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tests.api.helpers import create_mission, eventually, points, send, uid, view
from tests.conftest import Stack


def _goal(event_type: str, count: int = 1) -> dict[str, Any]:
    return {"kind": "event", "event_type": event_type, "count": count}


async def _tab(stack: Stack, user: str, mission: str, tab: str) -> dict[str, Any] | None:
    v = await view(stack, user, mission)
    return v if v is not None and v["tab"] == tab else None


async def _activate(stack: Stack, mission: str) -> str:
    """Activates the mission; returns its unlock job's id."""
    r = await stack.http.post(f"/v1/missions/{mission}/activate", headers=stack.headers("admin"))
    assert r.status_code == 200, r.text
    job_id: str = r.json()["unlock_job_id"]
    return job_id


async def _job_done(stack: Stack, job_id: str) -> dict[str, Any]:
    async def finished() -> dict[str, Any] | None:
        r = await stack.http.get(f"/v1/grant-jobs/{job_id}", headers=stack.headers("admin"))
        assert r.status_code == 200, r.text
        body: dict[str, Any] = r.json()
        return body if body["status"] == "completed" else None

    done: dict[str, Any] = await eventually(finished)
    return done


async def test_activating_a_locked_mission_unlocks_it_for_users_who_completed_its_prerequisite(stack: Stack) -> None:
    a_type, b_type = uid("a"), uid("b")
    a = await create_mission(stack, {"type": "generally_available", "goal": _goal(a_type), "reward": {"points": 1}})
    early, prompt, other = uid(), uid(), uid()
    for user in (early, prompt):
        await send(stack, user, a_type)
    await eventually(lambda: _tab(stack, early, a, "completed"))
    await eventually(lambda: _tab(stack, prompt, a, "completed"))
    # Before B is live: this event never counts for it.
    await send(stack, early, b_type)
    b = await create_mission(
        stack,
        {"type": "locked", "unlock": {"after_missions": [a]}, "goal": _goal(b_type), "reward": {"points": 5}},
        activate=False,
    )
    job_id = await _activate(stack, b)
    # Sent right after the activation's 200, maybe before the job reached this user: it counts.
    await send(stack, prompt, b_type)

    shown = await eventually(lambda: _tab(stack, early, b, "available"))
    assert shown["progress"]["current"] == 0  # the event before the activation did not count
    await eventually(lambda: _tab(stack, prompt, b, "completed"))
    done = await _job_done(stack, job_id)
    assert (done["mission_id"], done["granted"], done["refused"]) == (b, 2, 0)
    locked = await view(stack, other, b)
    assert locked is not None and locked["tab"] == "locked"

    # An event after the unlock completes it; the reward is paid once.
    await send(stack, early, b_type)
    await eventually(lambda: _tab(stack, early, b, "completed"))
    await send(stack, early, b_type)
    for user in (early, prompt):
        assert await points(stack, user) == 6
    # Missions without prerequisites start no unlock job (their activation body is unchanged).
    plain = await create_mission(stack, {"type": "locked", "goal": _goal(b_type)}, activate=False)
    r = await stack.http.post(f"/v1/missions/{plain}/activate", headers=stack.headers("admin"))
    assert r.status_code == 200 and "unlock_job_id" not in r.json() and "grant_job_id" not in r.json()


async def test_with_two_prerequisites_only_users_who_completed_both_are_unlocked(stack: Stack) -> None:
    a1_type, a2_type, b_type = uid("a1"), uid("a2"), uid("b")
    a1 = await create_mission(stack, {"type": "generally_available", "goal": _goal(a1_type)})
    a2 = await create_mission(stack, {"type": "generally_available", "goal": _goal(a2_type)})
    both, only_first, only_second = uid(), uid(), uid()
    for user, types in ((both, (a1_type, a2_type)), (only_first, (a1_type,)), (only_second, (a2_type,))):
        for et in types:
            await send(stack, user, et)
    await eventually(lambda: _tab(stack, both, a2, "completed"))
    await eventually(lambda: _tab(stack, only_first, a1, "completed"))
    await eventually(lambda: _tab(stack, only_second, a2, "completed"))
    b = await create_mission(
        stack, {"type": "locked", "unlock": {"after_missions": [a1, a2]}, "goal": _goal(b_type)}, activate=False
    )
    job_id = await _activate(stack, b)
    done = await _job_done(stack, job_id)
    assert (done["granted"], done["refused"]) == (1, 0)
    await eventually(lambda: _tab(stack, both, b, "available"))
    for user in (only_first, only_second):
        v = await view(stack, user, b)
        assert v is not None and v["tab"] == "locked", user
    # The missing prerequisite completed later unlocks it the usual way.
    await send(stack, only_first, a2_type)
    await eventually(lambda: _tab(stack, only_first, b, "available"))


async def test_a_recurring_prerequisite_completed_in_an_earlier_cycle_counts(stack: Stack) -> None:
    x_type, b_type = uid("x"), uid("b")
    # Count 2: one event in the next cycle puts that cycle's journey (not completed) in the read model.
    x = await create_mission(stack, {"type": "recurring", "recurrence": {"every": "PT5S"}, "goal": _goal(x_type, 2)})
    user = uid()

    async def x_view(tab: str, *, time_left: float = 0) -> dict[str, Any] | None:
        v = await _tab(stack, user, x, tab)
        if v is None:
            return None
        left = (datetime.fromisoformat(v["timer"]["ends_at"]) - datetime.now(UTC)).total_seconds()
        return v if left >= time_left else None

    await eventually(lambda: x_view("available", time_left=2.5), within=15)
    await send(stack, user, x_type)
    await send(stack, user, x_type)
    done = await eventually(lambda: x_view("completed"))
    reset = datetime.fromisoformat(done["timer"]["ends_at"])

    async def next_cycle() -> dict[str, Any] | None:
        return await x_view("available") if datetime.now(UTC) > reset else None

    await eventually(next_cycle, within=15)
    await send(stack, user, x_type)
    await eventually(lambda: _tab(stack, user, x, "available"))
    b = await create_mission(
        stack, {"type": "locked", "unlock": {"after_missions": [x]}, "goal": _goal(b_type)}, activate=False
    )
    job_id = await _activate(stack, b)
    assert (await _job_done(stack, job_id))["granted"] == 1
    await eventually(lambda: _tab(stack, user, b, "available"))
    await send(stack, user, b_type)
    await eventually(lambda: _tab(stack, user, b, "completed"))


async def test_activating_a_tier_locked_mission_unlocks_it_for_users_already_at_that_tier(stack: Stack) -> None:
    # Tiers are global and the stack is shared: a threshold no other test's user reaches, so the
    # job's count is this test's alone.
    tier, threshold = uid("silver"), 7_654_321
    r = await stack.http.put(
        "/v1/tiers", json={"tiers": [{"name": tier, "min_points": threshold}]}, headers=stack.headers("admin")
    )
    assert r.status_code == 200, r.text
    a_type, b_type = uid("a"), uid("b")
    a = await create_mission(
        stack, {"type": "generally_available", "goal": _goal(a_type), "reward": {"points": threshold}}
    )
    rich, poor = uid(), uid()
    await send(stack, rich, a_type)  # threshold points: the tier, before the tier-locked mission is live
    await eventually(lambda: _tab(stack, rich, a, "completed"))
    await send(stack, poor, b_type)  # no tier: no unlock
    b = await create_mission(
        stack, {"type": "locked", "unlock": {"min_tier": tier}, "goal": _goal(b_type)}, activate=False
    )
    job_id = await _activate(stack, b)
    await send(stack, rich, b_type)  # after the activation's 200: it counts
    await eventually(lambda: _tab(stack, rich, b, "completed"))
    done = await _job_done(stack, job_id)
    assert (done["granted"], done["refused"]) == (1, 0)
    v = await view(stack, poor, b)
    assert v is not None and v["tab"] == "locked"


async def test_a_scheduled_launch_unlocks_it_for_users_who_completed_its_prerequisite(stack: Stack) -> None:
    a_type, b_type = uid("a"), uid("b")
    a = await create_mission(stack, {"type": "generally_available", "goal": _goal(a_type)})
    user = uid()
    await send(stack, user, a_type)
    await eventually(lambda: _tab(stack, user, a, "completed"))
    b = await create_mission(
        stack, {"type": "locked", "unlock": {"after_missions": [a]}, "goal": _goal(b_type)}, activate=False
    )
    at = datetime.now(UTC) + timedelta(seconds=1)
    r = await stack.http.post(f"/v1/missions/{b}/launch", json={"at": at.isoformat()}, headers=stack.headers("admin"))
    assert r.status_code == 202, r.text

    async def launched() -> dict[str, Any] | None:
        r = await stack.http.get(
            f"/v1/grant-jobs/segment-grant:{b}:after-missions:unlock", headers=stack.headers("admin")
        )
        return r.json() if r.status_code == 200 and r.json()["status"] == "completed" else None

    done = await eventually(launched)
    assert (done["mission_id"], done["granted"]) == (b, 1)
    await eventually(lambda: _tab(stack, user, b, "available"))
