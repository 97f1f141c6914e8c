"""Challenges in PostgreSQL: the configuration row, a user's challenges, the rules of creating and
leaving them, and how the event router finds them. Each test runs in a rolled-back transaction."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncConnection

from db import challenges as repo
from db import enrolments, ledger
from db import missions as missions_repo
from db.events import StoredEvent
from domain.challenges import ChallengeConfig, ChallengeIn
from domain.errors import Conflict, Invalid, NotFound
from domain.journey import EnrolmentStatus, Journey, reward_key
from domain.missions import MissionSpec, MissionStatus
from domain.rewards import Reward
from domain.streaks import StreakState
from services.active_missions import ActiveMissionsCache
from services.challenges import leave_challenge, open_challenge, view_of
from services.routing import EventRouter
from workflows.payloads import enrolment_id

NOW = datetime(2030, 4, 15, 9, 30, tzinfo=UTC)


def uid(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def config(*event_types: str, **fields: Any) -> ChallengeConfig:
    return ChallengeConfig.model_validate(
        {"event_types": list(event_types), "reward": {"points": 30}, "max_active_per_user": 2, **fields}
    )


def challenge(event_type: str, **fields: Any) -> ChallengeIn:
    body = {"name": "Two a day", "event_type": event_type, "target": {"count": 2}, "period": "day", "periods": 3}
    return ChallengeIn.model_validate({**body, **fields})


async def completed(conn: AsyncConnection, mission_id: str, user_id: str) -> None:
    """The read model says the user's journey through the challenge has completed."""
    journey = Journey(mission_id=mission_id, user_id=user_id, progress=Decimal(3), completions=1, completed_at=NOW)
    await enrolments.save(
        conn, workflow_id=enrolment_id(mission_id, user_id), journey=journey, status=EnrolmentStatus.COMPLETED
    )


def event(user_id: str, type_: str) -> StoredEvent:
    return StoredEvent(id=uid("e"), user_id=user_id, type=type_, received_at=NOW + timedelta(minutes=5))


def planner(engine: Any) -> EventRouter:
    """A router whose plans are inspected; nothing is delivered, so it needs no gateway."""
    return EventRouter(engine, gateway=None, cache=ActiveMissionsCache())  # type: ignore[arg-type]


# --- configuration -------------------------------------------------------------------------------


async def test_the_configuration_round_trips_and_bumps_the_catalogue(db_conn: AsyncConnection) -> None:
    before = await missions_repo.catalogue_version(db_conn)
    stored = config("walk", "swim", max_count=20, max_amount="99.5", timezone="Europe/Berlin")
    assert await repo.put_config(db_conn, stored) == stored
    assert await repo.get_config(db_conn) == stored
    assert await repo.get_config(db_conn, lock=True) == stored
    # (Plus types disabled earlier that running challenges of other tests still use.)
    assert await repo.routed_event_types(db_conn) >= {"walk", "swim"}
    assert await missions_repo.catalogue_version(db_conn) == before + 1


async def test_a_disabled_type_stays_routed_while_challenges_on_it_run(db_conn: AsyncConnection) -> None:
    running, idle, kept = uid("run"), uid("idle"), uid("kept")
    await repo.put_config(db_conn, config(running, idle, kept))
    user = uid("u")
    mine = await open_challenge(db_conn, user, challenge(running), NOW)
    await repo.put_config(db_conn, config(kept))
    assert await repo.routed_event_types(db_conn) & {running, idle, kept} == {running, kept}
    assert (await repo.get_config(db_conn) or config()).event_types == [kept]
    with pytest.raises(Invalid):
        await open_challenge(db_conn, uid("u"), challenge(running), NOW)  # no new ones on it
    # Still running at the next change: still routed; once none is left, it goes.
    await repo.put_config(db_conn, config(kept, max_active_per_user=5))
    assert await repo.routed_event_types(db_conn) & {running, idle, kept} == {running, kept}
    await leave_challenge(db_conn, user, mine.id, NOW)
    await repo.put_config(db_conn, config(kept))
    assert await repo.routed_event_types(db_conn) & {running, idle, kept} == {kept}


# --- a user's challenges -------------------------------------------------------------------------


async def test_create_list_count_and_find_a_users_challenges(db_conn: AsyncConnection) -> None:
    walk, swim = uid("walk"), uid("swim")
    await repo.put_config(db_conn, config(walk, swim, max_active_per_user=5))
    alice, bob = uid("alice"), uid("bob")
    first = await open_challenge(db_conn, alice, challenge(walk, name="first"), NOW)
    second = await open_challenge(db_conn, alice, challenge(swim, name="second"), NOW + timedelta(seconds=1))
    theirs = await open_challenge(db_conn, bob, challenge(walk), NOW)

    assert (first.status, first.owner_user_id, first.activated_at) == (MissionStatus.ACTIVE, alice, NOW)
    assert first.spec.reward == Reward(points=30)
    assert {m.id for m in await repo.list_for_user(db_conn, alice)} == {first.id, second.id}
    assert await repo.count_active(db_conn, alice) == 2
    assert (await repo.get_for_user(db_conn, alice, first.id)).id == first.id
    with pytest.raises(NotFound) as caught:
        await repo.get_for_user(db_conn, alice, theirs.id)
    assert caught.value.code == "challenge_not_found"

    await completed(db_conn, first.id, alice)
    assert await repo.count_active(db_conn, alice) == 1, "a completed challenge is no longer running"
    assert len(await repo.list_for_user(db_conn, alice)) == 2, "but it stays listed"

    await leave_challenge(db_conn, alice, second.id, NOW)
    assert [m.id for m in await repo.list_for_user(db_conn, alice)] == [first.id]
    assert await repo.count_active(db_conn, alice) == 0
    with pytest.raises(NotFound):
        await repo.get_for_user(db_conn, alice, second.id)


async def test_challenges_do_not_bump_the_catalogue_and_are_not_in_it(db_conn: AsyncConnection) -> None:
    walk = uid("walk")
    await repo.put_config(db_conn, config(walk))
    before = await missions_repo.catalogue_version(db_conn)
    mine = await open_challenge(db_conn, uid("u"), challenge(walk), NOW)
    await leave_challenge(db_conn, mine.owner_user_id or "", mine.id, NOW)
    assert await missions_repo.catalogue_version(db_conn) == before
    operators = await missions_repo.list_missions(db_conn, owned=False, limit=1_000_000)
    owned = await missions_repo.list_missions(db_conn, owned=True, limit=1_000_000)
    assert mine.id not in {m.id for m in operators}
    assert mine.id in {m.id for m in owned}


# --- the rules of creating and leaving -----------------------------------------------------------


async def test_no_challenges_before_the_operator_enables_a_type(db_conn: AsyncConnection) -> None:
    await repo.put_config(db_conn, config())
    with pytest.raises(Conflict) as caught:
        await open_challenge(db_conn, uid("u"), challenge("walk"), NOW)
    assert caught.value.code == "challenges_disabled"


async def test_the_configuration_refuses_and_limits(db_conn: AsyncConnection) -> None:
    walk, swim, run = uid("walk"), uid("swim"), uid("run")
    await repo.put_config(db_conn, config(walk, swim, run, max_periods=5, max_count=3))
    user = uid("u")
    with pytest.raises(Invalid) as refused:
        await open_challenge(db_conn, user, challenge("swim", periods=9, target={"count": 4}), NOW)
    assert refused.value.code == "challenge_not_allowed"
    assert [d["field"] for d in refused.value.details] == ["event_type", "periods", "target.count"]

    mine = await open_challenge(db_conn, user, challenge(walk), NOW)
    with pytest.raises(Conflict) as stacked:
        await open_challenge(db_conn, user, challenge(walk, target={"amount": 1}, period="week"), NOW)
    assert stacked.value.code == "challenge_already_running"
    assert stacked.value.details == {"event_type": walk, "challenge_id": mine.id}
    await open_challenge(db_conn, user, challenge(swim), NOW)
    with pytest.raises(Conflict) as full:
        await open_challenge(db_conn, user, challenge(run), NOW)
    assert full.value.code == "too_many_challenges"
    assert full.value.details == {"active": 2, "max_active_per_user": 2}
    await open_challenge(db_conn, uid("other"), challenge(walk), NOW)  # the limit is per user


async def test_a_completed_challenge_cannot_be_left(db_conn: AsyncConnection) -> None:
    walk = uid("walk")
    await repo.put_config(db_conn, config(walk))
    user = uid("u")
    mine = await open_challenge(db_conn, user, challenge(walk), NOW)
    await completed(db_conn, mine.id, user)
    with pytest.raises(Conflict) as caught:
        await leave_challenge(db_conn, user, mine.id, NOW)
    assert caught.value.code == "challenge_completed"
    with pytest.raises(NotFound):
        await leave_challenge(db_conn, uid("someone-else"), mine.id, NOW)


async def test_the_view_reads_the_streak_now(db_conn: AsyncConnection) -> None:
    walk = uid("walk")
    await repo.put_config(db_conn, config(walk))
    user = uid("u")
    mine = await open_challenge(db_conn, user, challenge(walk, target={"amount": "2.5"}), NOW)
    fresh = view_of(mine, None, NOW)
    assert (fresh.status, fresh.completions, fresh.reward) == ("active", 0, Reward(points=30))
    assert fresh.progress.model_dump() == {
        "streak": 0,
        "periods": 3,
        "best": 0,
        "today": {"current": 0, "target": 2.5},
        "total": None,
        "freezes": 0,
        "freezes_used": 0,
    }
    assert fresh.target.amount == Decimal("2.5") and fresh.target.count is None
    # Yesterday met, today 1 of 2.5 so far: a streak of 1.
    streak = StreakState(
        period_start=NOW.date(), progress=Decimal(1), previous_progress=Decimal(3), run_before=0, best=1
    )
    journey = Journey(mission_id=mine.id, user_id=user, progress=Decimal(1), streak=streak, version=2)
    seen = view_of(mine, journey, NOW)
    assert seen.progress.model_dump() == {
        "streak": 1,
        "periods": 3,
        "best": 1,
        "today": {"current": 1, "target": 2.5},
        "total": None,
        "freezes": 0,
        "freezes_used": 0,
    }
    # Two days later with nothing met since: broken.
    assert view_of(mine, journey, NOW + timedelta(days=2)).progress.streak == 0


async def test_rewards_are_counted_per_user_and_period_and_a_retry_passes(db_conn: AsyncConnection) -> None:
    walk, swim, run = uid("walk"), uid("swim"), uid("run")
    await repo.put_config(db_conn, config(walk, swim, run, max_active_per_user=5, max_rewarded_per_period=2))
    user = uid("u")
    keys = []
    for t in (walk, swim):
        mine = await open_challenge(db_conn, user, challenge(t), NOW)
        keys.append(reward_key(mine.id, user, 1))
        assert await repo.may_reward_completion(db_conn, user, keys[-1])
        assert await ledger.grant(db_conn, key=keys[-1], user_id=user, reward=Reward(points=30), mission_id=mine.id)
    third = await open_challenge(db_conn, user, challenge(run), NOW)
    assert not await repo.may_reward_completion(db_conn, user, reward_key(third.id, user, 1)), "over the cap"
    assert await repo.may_reward_completion(db_conn, user, keys[0]), "a retry of a grant made"
    # The count is per user.
    assert await repo.may_reward_completion(db_conn, uid("u"), reward_key(third.id, user, 1))
    now = datetime.now(UTC)
    assert await repo.rewarded_between(db_conn, user, now - timedelta(days=1), now + timedelta(days=1)) == 2
    assert await repo.rewarded_between(db_conn, user, now + timedelta(days=1), now + timedelta(days=2)) == 0


# --- routing -------------------------------------------------------------------------------------


async def test_events_reach_only_their_own_users_running_challenges(db_conn: AsyncConnection, db_engine: Any) -> None:
    walk = uid("walk")
    await repo.put_config(db_conn, config(walk, max_active_per_user=5))
    alice, bob = uid("alice"), uid("bob")
    # One running challenge per type: each is created once the one before has ended.
    done = await open_challenge(db_conn, alice, challenge(walk), NOW)
    await completed(db_conn, done.id, alice)
    left = await open_challenge(db_conn, alice, challenge(walk), NOW)
    await leave_challenge(db_conn, alice, left.id, NOW)
    running = await open_challenge(db_conn, alice, challenge(walk), NOW)
    assert await repo.running_by_type(db_conn, alice) == {walk: running.id}
    router = planner(db_engine)

    catalogue = await router.cache.get(db_conn)
    assert walk in catalogue.challenge_event_types
    assert running.id not in catalogue.live
    assert all(running.id not in {c.mission_id for c in ctxs} for ctxs in catalogue.by_event_type.values())

    plan = await router.plan(db_conn, [event(alice, walk), event(bob, walk), event(alice, "other")])
    assert [(d.ctx.mission_id if d.ctx else None, d.event.user_id, d.kind) for d in plan] == [
        (running.id, alice, "event")
    ]


async def test_a_type_not_routed_looks_up_no_challenge(db_conn: AsyncConnection, db_engine: Any) -> None:
    walk = uid("walk")
    await repo.put_config(db_conn, config(walk))
    user = uid("u")
    await open_challenge(db_conn, user, challenge(walk), NOW)
    # Written around the configuration's routing (as an admin could): such a challenge is not looked up.
    spec = MissionSpec.model_validate(
        {
            "name": "unrouted",
            "type": "generally_available",
            "start_at": NOW.isoformat(),
            "goal": {"kind": "event", "event_type": "unrouted", "count": 1, "streak": {"period": "day", "periods": 1}},
        }
    )
    draft = await missions_repo.create(db_conn, spec, owner_user_id=user)
    await missions_repo.set_status(db_conn, draft, MissionStatus.ACTIVE, NOW)
    assert await planner(db_engine).plan(db_conn, [event(user, "unrouted")]) == []
