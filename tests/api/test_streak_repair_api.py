"""Streak repairs through the API (issue 17): `POST /v1/streak-repairs` stores an audited job for
a segment or listed users, `GET /v1/streak-repairs/{id}` follows it to `completed`, and the
per-user audit says what it did (before and after). What a repair restores after days of a
broken streak is on the time-skipping server (tests/workflows/test_streak_trust.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tests.api.helpers import create_mission, eventually, send, uid, view
from tests.api.test_auth import assert_error
from tests.conftest import Stack


async def streak_mission(stack: Stack, event_type: str) -> str:
    goal = {"kind": "event", "event_type": event_type, "count": 1, "streak": {"period": "day", "periods": 10}}
    return await create_mission(stack, {"type": "generally_available", "goal": goal})


def body(mission_id: str, **fields: Any) -> dict[str, Any]:
    end = datetime.now(UTC) - timedelta(minutes=1)
    return {
        "mission_id": mission_id,
        "from": (end - timedelta(hours=3)).isoformat(),
        "to": end.isoformat(),
        "reason": "ingest outage INC-42",
        "requested_by": "ops@example.com",
    } | fields


async def test_a_repair_of_listed_users_runs_to_completion_with_an_audit(stack: Stack) -> None:
    visit = uid("visit")
    mission_id = await streak_mission(stack, visit)
    kept, absent = uid("u"), uid("u")
    await send(stack, kept, visit)
    await eventually(lambda: _streak_is(stack, kept, mission_id, 1))
    admin = stack.headers("admin")
    r = await stack.http.post("/v1/streak-repairs", json=body(mission_id, user_ids=[kept, absent, kept]), headers=admin)
    assert r.status_code == 202, r.text
    job = r.json()
    assert (job["mission_id"], job["total"], job["reason"], job["requested_by"]) == (
        mission_id,
        2,
        "ingest outage INC-42",
        "ops@example.com",
    )
    assert set(job) >= {"from", "to", "status", "done", "counts"}

    async def finished() -> dict[str, Any] | None:
        r = await stack.http.get(f"/v1/streak-repairs/{job['id']}", headers=admin)
        assert r.status_code == 200, r.text
        got: dict[str, Any] = r.json()
        return got if got["status"] == "completed" else None

    done = await eventually(finished)
    assert done["done"] == 2 and done["finished_at"] is not None
    assert done["counts"] == {"pending": 0, "repaired": 0, "unchanged": 1, "skipped": 1}
    r = await stack.http.get(f"/v1/streak-repairs/{job['id']}/users", headers=admin)
    audit = {u["user_id"]: u for u in r.json()["items"]}
    assert audit[absent]["outcome"] == "skipped" and audit[absent]["before"] is None
    assert audit[kept]["outcome"] == "unchanged"
    assert audit[kept]["before"]["streak"] == audit[kept]["after"]["streak"] == 1
    listed = await stack.http.get("/v1/streak-repairs", headers=admin)
    assert job["id"] in {j["id"] for j in listed.json()["items"]}
    # The repaired journey keeps counting as before.
    assert (await view(stack, kept, mission_id) or {})["streak"]["current"] == 1


async def test_a_repair_of_a_segment_covers_its_members_now(stack: Stack) -> None:
    visit = uid("visit")
    mission_id = await streak_mission(stack, visit)
    admin = stack.headers("admin")
    r = await stack.http.post("/v1/segments", json={"name": uid("seg")}, headers=admin)
    assert r.status_code == 201, r.text
    segment_id = r.json()["id"]
    members = [uid("u"), uid("u")]
    csv = "user_id\n" + "".join(f"{m}\n" for m in members)
    r = await stack.http.post(
        f"/v1/segments/{segment_id}/members", content=csv, headers={**admin, "content-type": "text/csv"}
    )
    assert r.status_code == 200, r.text
    r = await stack.http.post("/v1/streak-repairs", json=body(mission_id, segment_id=segment_id), headers=admin)
    assert r.status_code == 202, r.text
    assert (r.json()["segment_id"], r.json()["total"]) == (segment_id, 2)


async def test_repair_requests_are_validated_naming_the_field(stack: Stack) -> None:
    admin = stack.headers("admin")
    visit = uid("visit")
    mission_id = await streak_mission(stack, visit)
    plain = await create_mission(
        stack, {"type": "generally_available", "goal": {"kind": "event", "event_type": visit, "count": 1}}
    )
    now = datetime.now(UTC)
    cases = [
        (body(plain, user_ids=["a"]), "not_a_streak", "mission_id"),
        (body(uid("m"), user_ids=["a"]), "mission_not_found", "mission_id"),
        (body(mission_id), "invalid_repair", "segment_id"),
        (body(mission_id, user_ids=["a"], segment_id="s"), "invalid_repair", "segment_id"),
        (body(mission_id, segment_id=uid("seg")), "segment_not_found", "segment_id"),
        (body(mission_id, user_ids=["a"], to=(now - timedelta(days=2)).isoformat()), "invalid_repair", "to"),
        (body(mission_id, user_ids=["a"], **{"from": (now - timedelta(days=40)).isoformat()}), "invalid_repair", "to"),
        (body(mission_id, user_ids=["a"], to=(now + timedelta(days=1)).isoformat()), "invalid_repair", "to"),
    ]
    for payload, code, field in cases:
        error = assert_error(await stack.http.post("/v1/streak-repairs", json=payload, headers=admin), 422, code)
        assert [d["field"] for d in error["details"]] == [field], (payload, error)
    missing = body(mission_id, user_ids=["a"])
    missing.pop("reason")
    error = assert_error(await stack.http.post("/v1/streak-repairs", json=missing, headers=admin), 422)
    assert [d["field"] for d in error["details"]] == ["reason"], error
    assert_error(await stack.http.get(f"/v1/streak-repairs/{uid('r')}", headers=admin), 404, "streak_repair_not_found")
    r = await stack.http.post(
        "/v1/streak-repairs", json=body(mission_id, user_ids=["a"]), headers=stack.headers("client")
    )
    assert_error(r, 403)


async def _streak_is(stack: Stack, user: str, mission_id: str, n: int) -> bool:
    seen = await view(stack, user, mission_id)
    return bool(seen and seen["streak"]["current"] == n)


async def test_a_job_whose_process_died_before_running_it_resumes_without_a_read(stack: Stack) -> None:
    """A job stored by a process that crashed before starting it (no runner, no lease) is taken up
    by the resume relay (`StreakRepairs.run`, every 30 s in each API process), not only on a read."""
    from db import streak_repairs as repo

    visit = uid("visit")
    mission_id = await streak_mission(stack, visit)
    user = uid("u")
    await send(stack, user, visit)
    await eventually(lambda: _streak_is(stack, user, mission_id, 1))
    repair_id = uid("repair")
    end = datetime.now(UTC) - timedelta(minutes=1)
    async with stack.engine.begin() as conn:
        await repo.create(
            conn,
            repair_id=repair_id,
            mission_id=mission_id,
            segment_id=None,
            user_ids=[user],
            window_start=end - timedelta(hours=1),
            window_end=end,
            reason="crash test",
            requested_by="ops@example.com",
        )
    repairs = stack.app.state.services.streak_repairs
    assert repair_id in await repairs.resume_stalled()

    async def completed() -> bool | None:
        async with stack.engine.connect() as conn:  # the job read from the table: no read resumes it
            return (await repo.get(conn, repair_id)).status == "completed" or None

    await eventually(completed)
    async with stack.engine.connect() as conn:
        assert repair_id not in await repo.stalled(conn, datetime.now(UTC), limit=1000)
