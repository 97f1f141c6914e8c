"""Recurring missions at their edges on the running stack (real timers, seconds long): a `start_at`
between resets opens the first cycle at S (docs/missions.md §2), and schedule edits on an
active mission are refused (409 `schedule_locked`) while other edits keep the cycles as they are."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, time, timedelta
from typing import Any

from tests.api.helpers import create_mission, eventually, points, send, uid, view
from tests.conftest import Stack


def _at(value: str) -> datetime:
    return datetime.fromisoformat(value)


def _next_utc_midnight(after: datetime) -> datetime:
    return datetime.combine(after.astimezone(UTC).date() + timedelta(days=1), time(), UTC)


async def _mission(stack: Stack, mission_id: str) -> dict[str, Any]:
    r = await stack.http.get(f"/v1/missions/{mission_id}", headers=stack.headers("admin"))
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


async def _ledger(stack: Stack, user: str) -> list[dict[str, Any]]:
    r = await stack.http.get(f"/v1/users/{user}/wallet", headers=stack.headers("client"))
    assert r.status_code == 200, r.text
    ledger: list[dict[str, Any]] = r.json()["ledger"]
    return ledger


async def _in_tab(stack: Stack, user: str, mission: str, tab: str) -> dict[str, Any] | None:
    v = await view(stack, user, mission)
    return v if v is not None and v["tab"] == tab else None


async def _sleep_until(at: datetime) -> None:
    await asyncio.sleep(max((at - datetime.now(UTC)).total_seconds(), 0))


async def test_a_daily_mission_whose_start_falls_between_resets_opens_at_the_start(stack: Stack) -> None:
    et = uid("d")
    start = datetime.now(UTC) + timedelta(seconds=3)
    mission = await create_mission(
        stack,
        {
            "type": "recurring",
            "recurrence": {"every": "day"},
            "start_at": start.isoformat(),
            "goal": {"kind": "event", "event_type": et, "count": 1},
            "reward": {"points": 4},
        },
    )
    user = uid()
    before = await view(stack, user, mission)
    assert before is not None and before["tab"] == "locked", before
    assert before["timer"]["kind"] == "until_start" and _at(before["timer"]["ends_at"]) == start

    await _sleep_until(start)
    opened = await eventually(lambda: _in_tab(stack, user, mission, "available"))
    # The first cycle runs from S to the next local midnight (UTC here).
    assert opened["timer"]["kind"] == "until_deadline", opened
    assert _at(opened["timer"]["ends_at"]) == _next_utc_midnight(start)
    await send(stack, user, et)
    done = await eventually(lambda: _in_tab(stack, user, mission, "completed"))
    assert done["timer"] == {"kind": "until_reset", "ends_at": opened["timer"]["ends_at"]}
    await send(stack, user, et)  # the same cycle: nothing more
    assert await points(stack, user) == 4
    assert [e["mission_id"] for e in await _ledger(stack, user)] == [mission]


async def test_an_every_duration_mission_with_a_start_between_resets_opens_at_the_start(stack: Stack) -> None:
    """Resets of `every` stay counted from activation (§3); S opens a first, shorter cycle up to the
    next of them, and the cycles after it are whole periods."""
    et = uid("e")
    period = timedelta(seconds=12)
    start = datetime.now(UTC) + timedelta(seconds=4)
    mission = await create_mission(
        stack,
        {
            "type": "recurring",
            "recurrence": {"every": "PT12S"},
            "start_at": start.isoformat(),
            "goal": {"kind": "event", "event_type": et, "count": 1},
            "reward": {"points": 2},
        },
    )
    activated = _at((await _mission(stack, mission))["activated_at"])
    assert activated < start < activated + period
    user = uid()
    before = await view(stack, user, mission)
    assert before is not None and before["tab"] == "locked", before
    assert before["timer"] == {"kind": "until_start", "ends_at": before["timer"]["ends_at"]}
    assert _at(before["timer"]["ends_at"]) == start

    await _sleep_until(start)
    opened = await eventually(lambda: _in_tab(stack, user, mission, "available"))
    assert opened["timer"]["kind"] == "until_deadline"
    assert _at(opened["timer"]["ends_at"]) == activated + period
    await send(stack, user, et)
    await eventually(lambda: _in_tab(stack, user, mission, "completed"))
    assert await points(stack, user) == 2

    # The next cycle is a whole period, from the reset counted from activation.
    await _sleep_until(activated + period)

    async def next_cycle() -> dict[str, Any] | None:
        v = await _in_tab(stack, user, mission, "available")
        return v if v is not None and _at(v["timer"]["ends_at"]) == activated + 2 * period else None

    await eventually(next_cycle)
    await send(stack, user, et)
    await eventually(lambda: _in_tab(stack, user, mission, "completed"))
    assert await points(stack, user) == 4
    keys = [e for e in await _ledger(stack, user) if e["mission_id"] == mission]
    assert len(keys) == 2


SCHEDULE_EDITS = [
    ("recurrence", {"every": "week", "weekdays": ["mon"]}),
    ("timezone", "Europe/Berlin"),
    ("start_at", "2031-01-01T00:00:00+00:00"),
]


async def test_schedule_edits_on_an_active_recurring_mission_are_refused(stack: Stack) -> None:
    admin = stack.headers("admin")
    body = {
        "type": "recurring",
        "recurrence": {"every": "day"},
        "start_at": "2030-01-01T00:00:00+00:00",
        "goal": {"kind": "event", "event_type": uid("s"), "count": 1},
    }
    mission = await create_mission(stack, body)
    before = await _mission(stack, mission)
    for field, value in SCHEDULE_EDITS:
        r = await stack.http.patch(f"/v1/missions/{mission}", json={field: value, "name": "x"}, headers=admin)
        assert r.status_code == 409, r.text
        error = r.json()["error"]
        assert error["code"] == "schedule_locked", error
        assert error["details"]["fields"] == [field], error
        assert "clone" in error["message"] and "archive" in error["message"], error
    r = await stack.http.patch(
        f"/v1/missions/{mission}", json={"recurrence": {"every": "P1D"}, "timezone": "Asia/Tokyo"}, headers=admin
    )
    assert r.status_code == 409 and r.json()["error"]["details"]["fields"] == ["recurrence", "timezone"], r.text
    r = await stack.http.patch(f"/v1/missions/{mission}", json={"start_at": None}, headers=admin)
    assert r.status_code == 409 and r.json()["error"]["details"]["fields"] == ["start_at"], r.text
    assert await _mission(stack, mission) == before  # unchanged, no revision

    # Sending the current values is no change (the start in another offset is the same instant).
    same = {
        "recurrence": {"every": "day"},
        "timezone": "UTC",
        "start_at": "2030-01-01T01:00:00+01:00",
    }
    r = await stack.http.patch(f"/v1/missions/{mission}", json=same, headers=admin)
    assert r.status_code == 200, r.text
    assert r.json()["revision"] == before["revision"]

    # A draft stays freely editable.
    draft = await create_mission(stack, body, activate=False)
    for field, value in SCHEDULE_EDITS:
        r = await stack.http.patch(f"/v1/missions/{draft}", json={field: value}, headers=admin)
        assert r.status_code == 200, r.text


async def test_other_edits_keep_the_cycle_and_its_journey(stack: Stack) -> None:
    """Reward, name and end_at edits make a new revision; the cycle keeps its number and reset, the
    user's progress in it carries on, and each cycle pays once, at the reward of its completion."""
    from db import enrolments

    admin = stack.headers("admin")
    et = uid("o")
    mission = await create_mission(
        stack,
        {
            "type": "recurring",
            "recurrence": {"every": "PT10S"},
            "goal": {"kind": "event", "event_type": et, "count": 2},
            "reward": {"points": 3},
        },
    )
    user = uid()

    async def early_in_cycle() -> dict[str, Any] | None:
        v = await _in_tab(stack, user, mission, "available")
        left = (_at(v["timer"]["ends_at"]) - datetime.now(UTC)).total_seconds() if v else 0
        return v if left >= 6 else None

    async def workflow_id() -> str | None:
        async with stack.engine.connect() as conn:
            return await enrolments.workflow_id_of(conn, mission, user)

    first = await eventually(early_in_cycle, within=15)
    await send(stack, user, et)
    progressed = await eventually(lambda: _progress_is(stack, user, mission, 1))
    wid = await eventually(workflow_id)
    end = (datetime.now(UTC) + timedelta(days=30)).isoformat()
    r = await stack.http.patch(
        f"/v1/missions/{mission}", json={"reward": {"points": 7}, "name": uid("n"), "end_at": end}, headers=admin
    )
    assert r.status_code == 200, r.text
    assert r.json()["revision"] == 2

    async def revised() -> bool:
        # The revision reaches running journeys after the PATCH answers (its announcement is durable).
        async with stack.engine.connect() as conn:
            journey = (await enrolments.for_user(conn, user, [mission])).get(mission)
        return journey is not None and journey.revision == 2

    await eventually(revised)
    after = await view(stack, user, mission)
    assert after is not None and after["timer"] == progressed["timer"] == first["timer"], after
    assert after["progress"]["current"] == 1
    await send(stack, user, et)
    await eventually(lambda: _in_tab(stack, user, mission, "completed"))
    assert await workflow_id() == wid
    assert await points(stack, user) == 7

    # The next cycle has the next number and pays again.
    reset = _at(first["timer"]["ends_at"])
    await _sleep_until(reset)
    second = await eventually(lambda: _in_tab(stack, user, mission, "available"))
    assert _at(second["timer"]["ends_at"]) == reset + timedelta(seconds=10)
    await send(stack, user, et)
    await send(stack, user, et)
    await eventually(lambda: _in_tab(stack, user, mission, "completed"))
    cycle = int(wid.rsplit(":", 1)[1])
    assert await workflow_id() == f"{wid.rsplit(':', 1)[0]}:{cycle + 1}"
    assert await points(stack, user) == 14
    assert len([e for e in await _ledger(stack, user) if e["mission_id"] == mission]) == 2


async def _progress_is(stack: Stack, user: str, mission: str, n: int) -> dict[str, Any] | None:
    v = await view(stack, user, mission)
    return v if v is not None and v["progress"]["current"] == n else None
