"""Leaderboards (issue 17) on the real stack: periods and resets in a time zone, a segment or tier
limit, the mission-completions kind, ties by who reached the score first, `around=`, past periods'
final standings, the user's widget route, and the standings agreeing with the ledger."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from db import leaderboards as repo
from tests.api.helpers import create_mission, eventually, send, uid
from tests.conftest import Stack

#: Periods long past, so other tests' grants (made now) never share them.
T0 = datetime(2020, 3, 10, 3, 0, tzinfo=UTC)  # 2020-03-09 23:00 in New York (EDT, UTC-4)


async def _grant(stack: Stack, rows: list[tuple[str, int, datetime]]) -> None:
    """Ledger rows as a grant writes them, at those moments."""
    async with stack.engine.begin() as conn:
        await conn.execute(
            sa.text(
                "INSERT INTO ledger (user_id, kind, points, idempotency_key, created_at)"
                " VALUES (:u, 'points', :p, :k, :at)"
            ),
            [{"u": u, "p": p, "k": uid("k"), "at": at} for u, p, at in rows],
        )


async def _create(stack: Stack, **body: Any) -> dict[str, Any]:
    r = await stack.http.post("/v1/leaderboards", json={"name": uid("lb"), **body}, headers=stack.headers("admin"))
    assert r.status_code == 201, r.text
    out: dict[str, Any] = r.json()
    return out


async def _standings(stack: Stack, board: str, **params: Any) -> dict[str, Any]:
    r = await stack.http.get(f"/v1/leaderboards/{board}/standings", params=params, headers=stack.headers("admin"))
    assert r.status_code == 200, r.text
    out: dict[str, Any] = r.json()
    return out


async def _agrees(stack: Stack, board_id: str) -> None:
    """The stored standings and score counts are what the ledger gives."""
    async with stack.engine.connect() as conn:
        board = await repo.get(conn, board_id)
        assert board is not None
        derived = await repo.derived(conn, board)
        assert await repo.stored(conn, board_id) == derived
        counts: dict[tuple[str, int], int] = {}
        for (period, _), (score, _) in derived.items():
            counts[(period, score)] = counts.get((period, score), 0) + 1
        assert await repo.stored_counts(conn, board_id) == counts
        ties: dict[tuple[str, int, int], int] = {}
        for (period, _), (score, at) in derived.items():
            key = (period, score, int(at.timestamp() // 3600))
            ties[key] = ties.get(key, 0) + 1
        assert await repo.stored_tie_counts(conn, board_id) == ties


async def test_definitions_are_validated_naming_the_field(stack: Stack) -> None:
    admin = stack.headers("admin")
    cases = [
        ({"period": "week", "time_zone": "Mars/Olympus"}, "time_zone"),
        ({"period": "fortnight"}, "period"),
        ({"period": "day", "kind": "completions"}, "mission_id"),
        ({"period": "day", "week_starts": "friday"}, "week_starts"),
        ({"period": "day", "colour": "red"}, "colour"),
    ]
    for body, field in cases:
        r = await stack.http.post("/v1/leaderboards", json={"name": "x", **body}, headers=admin)
        assert r.status_code == 422, (body, r.text)
        assert field in str(r.json()["error"]["details"]), (field, r.text)
    for body, code, field in [
        ({"segment_id": "seg_nope"}, "segment_not_found", "segment_id"),
        ({"tier": uid("t")}, "tier_not_found", "tier"),
        ({"kind": "completions", "mission_id": "m_nope"}, "mission_not_found", "mission_id"),
    ]:
        r = await stack.http.post("/v1/leaderboards", json={"name": "x", "period": "all", **body}, headers=admin)
        assert r.status_code == 422, r.text
        assert r.json()["error"]["code"] == code
        assert r.json()["error"]["details"][0]["field"] == field
    assert (await stack.http.post("/v1/leaderboards", json={"name": "x", "period": "all"})).status_code == 401
    r = await stack.http.get("/v1/leaderboards/lb_nope", headers=admin)
    assert r.status_code == 404 and r.json()["error"]["code"] == "leaderboard_not_found"


async def test_day_periods_reset_at_local_midnight_and_past_periods_stay_final(stack: Stack) -> None:
    a, b, c = uid(), uid(), uid()
    # Before the definition: filled from the ledger when it is created.
    await _grant(stack, [(a, 10, T0), (b, 4, T0 + timedelta(hours=2))])  # 23:00 on the 9th, 01:00 on the 10th
    board = await _create(stack, period="day", time_zone="America/New_York")
    assert board["current_period"] != "2020-03-09" and board["status"] == "active"
    # After it: the ledger's trigger keeps the standings in the same transaction.
    await _grant(stack, [(c, 7, T0 + timedelta(minutes=30)), (a, 1, T0 + timedelta(hours=3))])
    day9 = await _standings(stack, board["id"], period="2020-03-09")
    assert [(e["user_id"], e["score"], e["rank"]) for e in day9["entries"]] == [(a, 10, 1), (c, 7, 2)]
    assert day9["period"]["key"] == "2020-03-09" and day9["period"]["current"] is False
    assert datetime.fromisoformat(day9["period"]["starts_at"]) == datetime(2020, 3, 9, 4, 0, tzinfo=UTC)
    assert datetime.fromisoformat(day9["period"]["resets_at"]) == datetime(2020, 3, 10, 4, 0, tzinfo=UTC)
    day10 = await _standings(stack, board["id"], period="2020-03-10")
    assert [(e["user_id"], e["score"]) for e in day10["entries"]] == [(b, 4), (a, 1)]
    r = await stack.http.get(f"/v1/leaderboards/{board['id']}/periods", headers=stack.headers("admin"))
    keys = [p["key"] for p in r.json()]
    assert keys.index("2020-03-10") < keys.index("2020-03-09")
    await _agrees(stack, board["id"])
    r = await stack.http.get(
        f"/v1/leaderboards/{board['id']}/standings", params={"period": "yesterday"}, headers=stack.headers("admin")
    )
    assert r.status_code == 422 and r.json()["error"]["details"][0]["field"] == "period"


async def test_weeks_and_months_in_a_zone_and_ties_by_who_reached_the_score_first(stack: Stack) -> None:
    first, second, same1, same2, last = sorted(uid() for _ in range(5))
    at = datetime(2020, 6, 7, 23, 30, tzinfo=UTC)  # Sunday 23:30 UTC = Monday 01:30 in Berlin
    week = await _create(stack, period="week", time_zone="Europe/Berlin")
    sunday_week = await _create(stack, period="week", time_zone="Europe/Berlin", week_starts="sunday")
    month = await _create(stack, period="month", time_zone="Pacific/Auckland")
    await _grant(
        stack,
        [
            (second, 5, at + timedelta(minutes=2)),
            (first, 5, at + timedelta(minutes=1)),
            (same2, 5, at + timedelta(minutes=3)),
            (same1, 5, at + timedelta(minutes=3)),
            (last, 2, at),
        ],
    )
    got = await _standings(stack, week["id"], period="2020-06-10")
    assert got["period"]["key"] == "2020-06-08"  # the Monday the Berlin week starts
    assert [(e["user_id"], e["rank"]) for e in got["entries"]] == [
        (first, 1),
        (second, 2),
        (same1, 3),
        (same2, 3),  # same score at the same instant: shared rank, the next one skipped
        (last, 5),
    ]
    assert got["total"] == 5
    sun = await _standings(stack, sunday_week["id"], period="2020-06-08")
    assert sun["period"]["key"] == "2020-06-07" and sun["total"] == 5
    nz = await _standings(stack, month["id"], period="2020-06-08")
    assert nz["period"]["key"] == "2020-06-01" and nz["total"] == 5
    # Around a user: their rank and those either side.
    around = await _standings(stack, week["id"], period="2020-06-08", around=same2, limit=1)
    assert [(e["user_id"], e["rank"]) for e in around["entries"]] == [(same1, 3), (same2, 3), (last, 5)]
    assert around["user"]["rank"] == 3
    around = await _standings(stack, week["id"], period="2020-06-08", around=second, limit=2)
    assert [e["user_id"] for e in around["entries"]] == [first, second, same1, same2]
    nobody = await _standings(stack, week["id"], period="2020-06-08", around=uid())
    assert nobody["user"] is None and nobody["entries"] == []
    # A compensating entry moves the score down and counts as reaching the new score then.
    await _grant(stack, [(first, -1, at + timedelta(minutes=4))])
    got = await _standings(stack, week["id"], period="2020-06-08", limit=2)
    assert [(e["user_id"], e["score"]) for e in got["entries"]] == [(second, 5), (same1, 5)]
    for board in (week, sunday_week, month):
        await _agrees(stack, board["id"])
        async with stack.engine.connect() as conn:  # the API's period (Python) is the triggers' (SQL)
            stored = await repo.get(conn, board["id"])
            assert stored is not None and await repo.period_at(conn, stored) == board["current_period"]


async def test_earned_points_completions_segment_tier_and_the_widget_route(stack: Stack) -> None:
    admin, client = stack.headers("admin"), stack.headers("client")
    event = uid("ev")
    goal = {"kind": "event", "event_type": event, "count": 1}
    mission = await create_mission(stack, {"type": "generally_available", "goal": goal, "reward": {"points": 3}})
    member, outsider, vip = uid(), uid(), uid()
    r = await stack.http.post("/v1/segments", json={"name": uid("s")}, headers=admin)
    segment = r.json()["id"]
    async with stack.engine.begin() as conn:
        await conn.execute(
            sa.text("INSERT INTO segment_members (segment_id, user_id) VALUES (:s, :u)"), {"s": segment, "u": member}
        )
    tier = uid("tier")
    tiers = (await stack.http.get("/v1/tiers", headers=admin)).json()["tiers"]
    r = await stack.http.put("/v1/tiers", json={"tiers": [*tiers, {"name": tier}]}, headers=admin)
    assert r.status_code == 200, r.text
    r = await stack.http.put(
        f"/v1/users/{vip}",
        json={"tier": tier, "attributes": {"display_name": "Vee", "email": "v@x.io"}},
        headers=client,
    )
    assert r.status_code == 200, r.text
    points = await _create(stack, period="week", time_zone="Asia/Tokyo")
    completions = await _create(stack, period="all", kind="completions", mission_id=mission)
    in_segment = await _create(stack, period="all", segment_id=segment)
    in_tier = await _create(stack, period="month", tier=tier)
    for user in (member, outsider, vip):
        await send(stack, user, event)

    async def ranked() -> bool:
        got = await _standings(stack, points["id"], around=vip, limit=1)
        return got["user"] is not None

    await eventually(ranked, within=20)
    await eventually(lambda: _count(stack, completions["id"], 3), within=20)
    done = await _standings(stack, completions["id"])
    assert {e["user_id"] for e in done["entries"]} == {member, outsider, vip}
    assert all(e["score"] == 1 for e in done["entries"])
    seg = await _standings(stack, in_segment["id"], around=member)
    assert seg["total"] == 1 and seg["user"]["rank"] == 1
    assert (await _standings(stack, in_segment["id"], around=outsider))["user"] is None
    tiered = await _standings(stack, in_tier["id"])
    assert [(e["user_id"], e["display_name"], e["score"]) for e in tiered["entries"]] == [(vip, "Vee", 3)]

    # The widget's route, with the user's token: user-safe.
    r = await stack.http.post(f"/v1/users/{outsider}/token", headers=client)
    me = {"Authorization": f"Bearer {r.json()['token']}"}
    r = await stack.http.get("/v1/me/leaderboards", headers=me)
    seen = {b["id"] for b in r.json()}
    assert points["id"] in seen and in_segment["id"] not in seen and in_tier["id"] not in seen
    r = await stack.http.get(f"/v1/me/leaderboards/{completions['id']}", headers=me)
    assert r.status_code == 200, r.text
    mine = r.json()
    assert mine["me"]["user_id"] == outsider and mine["me"]["score"] == 1
    assert "v@x.io" not in r.text and "email" not in r.text
    assert any(e.get("display_name") == "Vee" for e in mine["top"])
    assert (await stack.http.get(f"/v1/me/leaderboards/{in_segment['id']}", headers=me)).status_code == 404
    assert (await stack.http.get(f"/v1/leaderboards/{points['id']}", headers=me)).status_code == 403

    # Archive freezes; delete needs the id confirmed while active.
    r = await stack.http.delete(f"/v1/leaderboards/{in_tier['id']}", headers=admin)
    assert r.status_code == 409 and r.json()["error"]["code"] == "leaderboard_active"
    r = await stack.http.post(f"/v1/leaderboards/{points['id']}/archive", headers=admin)
    assert r.json()["status"] == "archived"
    frozen = await _standings(stack, points["id"], around=vip)
    await _grant(stack, [(vip, 50, datetime.now(UTC))])
    assert (await _standings(stack, points["id"], around=vip))["user"] == frozen["user"]
    assert frozen["period"]["current"] is False
    r = await stack.http.get("/v1/leaderboards", params={"status": "archived"}, headers=admin)
    assert points["id"] in {b["id"] for b in r.json()}
    r = await stack.http.delete(f"/v1/leaderboards/{in_tier['id']}", params={"confirm": in_tier["id"]}, headers=admin)
    assert r.status_code == 204
    assert (await stack.http.get(f"/v1/leaderboards/{in_tier['id']}", headers=admin)).status_code == 404
    for board in (completions, in_segment):
        await _agrees(stack, board["id"])


async def _count(stack: Stack, board: str, n: int) -> bool:
    return int((await _standings(stack, board))["total"]) == n
