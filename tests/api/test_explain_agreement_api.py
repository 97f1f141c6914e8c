"""Explain agrees with the journeys: a smaller fault-suite workload (`bench.faults.workload`: its 26
mission shapes, counts, amounts, ranges, tags, repeatable rounds, chains of locked missions, and
its event stream with batches, in-batch repeats and resends) sent through the API on the real
stack; once everything settled, for every (user, mission) pair the counted events' contributions
sum to the progress the user's mission view shows, the completing events number its completions,
and the replay agrees with the stored journey."""

from __future__ import annotations

import asyncio
import random
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from bench.faults.workload import ALL_SHAPES, make_events, mission_specs, plan_requests, resolve
from db.tables import enrolments, events
from tests.api.helpers import uid
from tests.conftest import Stack

USERS = 30
EVENTS = 500
SEED = 1616


def _own(spec: dict[str, Any], run: str) -> dict[str, Any]:
    """The body with an event type of this run's own (no other test's mission counts these events)."""
    goal = spec["goal"] | {"event_type": f"{run}-{spec['goal']['event_type']}"}
    return spec | {"goal": goal, "name": f"{run} {spec['name']}"}


async def _settled(stack: Stack, missions: list[str], run: str) -> None:
    """Until every event is routed and no journey of these missions changed for a while."""
    previous = None
    calm = 0
    for _ in range(240):
        async with stack.engine.connect() as conn:
            unrouted = await conn.scalar(
                sa.select(sa.func.count())
                .select_from(events)
                .where(events.c.routed_at.is_(None), events.c.user_id.like(f"{run}-%"))
            )
            snapshot = (
                await conn.execute(
                    sa.select(enrolments.c.mission_id, enrolments.c.user_id, enrolments.c.version).where(
                        enrolments.c.mission_id.in_(missions)
                    )
                )
            ).all()
        state = sorted(snapshot)
        calm = calm + 1 if unrouted == 0 and state == previous else 0
        if calm >= 6:
            return
        previous = state
        await asyncio.sleep(0.5)
    raise AssertionError("the journeys did not settle")


async def test_explain_counted_contributions_sum_to_every_journeys_progress(stack: Stack) -> None:
    run = uid("fx")
    admin, client = stack.headers("admin"), stack.headers("client")
    ids: list[str] = []
    types: dict[str, str] = {}
    for spec in mission_specs(len(ALL_SHAPES)):
        body = _own(resolve(spec, ids), run)
        r = await stack.http.post("/v1/missions", json=body, headers=admin)
        assert r.status_code == 201, r.text
        mission_id = r.json()["id"]
        r = await stack.http.post(f"/v1/missions/{mission_id}/activate", headers=admin)
        assert r.status_code == 200, r.text
        ids.append(mission_id)
        types[mission_id] = body["type"]

    rng = random.Random(SEED)
    stream = make_events(EVENTS, USERS, SEED, rng)
    requests = plan_requests(stream, rng, batch_share=0.5, max_batch=8, resend_share=0.05)
    users = sorted({f"{run}-{e.user_id}" for e in stream})
    for request in requests:
        body = request.body()
        items = body["events"] if request.batch else [body]
        for item in items:
            item["user_id"] = f"{run}-{item['user_id']}"
            item["type"] = f"{run}-{item['type']}"
            item["id"] = f"{run}-{item['id']}"
        r = await stack.http.post(request.path, json=body, headers=client)
        assert r.status_code == 202, r.text
    await _settled(stack, ids, run)

    checked = counted_total = completions_total = 0
    for user in users:
        for mission in ids:
            r = await stack.http.get(
                f"/v1/users/{user}/missions/{mission}/explain", params={"limit": 500}, headers=client
            )
            assert r.status_code == 200, r.text
            explained = r.json()
            assert explained["next_cursor"] is None
            r = await stack.http.get(f"/v1/users/{user}/missions/{mission}", headers=client)
            assert r.status_code == 200, r.text
            view = r.json()
            counted = [e for e in explained["events"] if e["verdict"] == "counted"]
            if types[mission] == "recurring_on_completion":
                # Each completion starts a new round: the progress shown is the current round's.
                counted_now = [e for e in counted if e["completion"] == view["completions"] + 1]
            else:
                counted_now = counted
            added = sum((Decimal(str(e["added"])) for e in counted_now), Decimal(0))
            where = f"user {user}, mission {mission} ({types[mission]}): {explained['events']}"
            assert added == Decimal(str(view["progress"]["current"])), where
            assert sum(e["completed"] for e in counted) == view["completions"], where
            assert explained["replay"]["agrees"], where
            assert all(e["reason"] for e in explained["events"] if e["verdict"] == "not_counted"), where
            checked += 1
            counted_total += len(counted)
            completions_total += view["completions"]
    # The workload exercised something: many counted events, completions, and refusals of every kind it makes.
    assert checked == len(users) * len(ids)
    assert counted_total > 200 and completions_total > 30
