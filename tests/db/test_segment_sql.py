"""The SQL segment compiler (`db.segment_sql`) against the Python evaluator, on random rules and users.

Hypothesis draws a rule (the same strategies as the evaluator's own properties in
tests/domain/test_segments.py) and a few users' facts; the users are written to the real
PostgreSQL as the product stores them (profile, ledger rows, an event, completions), and the
members the compiled predicate selects must be exactly the users `evaluate` puts in the segment.
Each example runs in a savepoint that is rolled back.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sqlalchemy.dialects.postgresql import insert

from db import segment_sql
from db.engine import create_sync_engine
from db.tables import events, ledger, mission_completions, missions, users
from domain.segment_evaluation import UserFacts, evaluate
from domain.segment_rules import SegmentRule
from domain.users import Tier, effective_tier
from tests.domain.test_segments import MISSIONS, NOW, TIERS, attribute_rules, rule_bodies, user_facts

#: Tier definitions the effective tier is computed with (one explicit-only, two equal thresholds).
TIER_SETS = st.sampled_from(
    [
        [],
        [Tier(name="bronze", min_points=10), Tier(name="silver", min_points=30), Tier(name="gold")],
        [Tier(name="silver", min_points=20), Tier(name="bronze", min_points=20), Tier(name="gold", min_points=50)],
    ]
)


@pytest.fixture(scope="module")
def conn(database_url: str) -> Iterator[sa.Connection]:
    """One connection in a transaction rolled back at the end; the missions the rules name exist."""
    engine = create_sync_engine(database_url)
    with engine.connect() as c:
        outer = c.begin()
        c.execute(
            insert(missions)
            .values(
                [
                    {"id": m, "status": "active", "revision": 1, "name": m, "type": "generally_available", "spec": {}}
                    for m in MISSIONS
                ]
            )
            .on_conflict_do_nothing()
        )
        yield c
        outer.rollback()
    engine.dispose()


def _store(c: sa.Connection, facts: UserFacts, explicit_tier: str | None, tag: str) -> None:
    instants = [NOW + timedelta(days=1)]
    if facts.last_active_at is not None:
        instants += [facts.last_active_at, facts.last_active_at - timedelta(days=3)]
    for at in instants:  # the event log's partition of each month written to
        c.execute(sa.select(sa.func.events_ensure_partition(at.astimezone(UTC).date())))
    c.execute(
        sa.insert(users).values(
            id=facts.user_id, attributes=facts.attributes, tier=explicit_tier, joined_at=facts.joined_at
        )
    )
    if facts.points:
        # Two rows, so the sum (not a stored balance) is what counts.
        c.execute(
            sa.insert(ledger),
            [
                {"user_id": facts.user_id, "kind": "points", "points": facts.points + 7, "idempotency_key": f"{tag}a"},
                {"user_id": facts.user_id, "kind": "direct", "points": -7, "idempotency_key": f"{tag}b"},
            ],
        )
    if facts.last_active_at is not None:
        earlier = facts.last_active_at - timedelta(days=3)
        c.execute(
            sa.insert(events),
            [
                {"id": f"{tag}e1", "user_id": facts.user_id, "type": "tap", "received_at": facts.last_active_at},
                {"id": f"{tag}e0", "user_id": facts.user_id, "type": "tap", "received_at": earlier},
            ],
        )
    # An internal event later than any activity: it must not count as activity.
    c.execute(
        sa.insert(events).values(
            id=f"{tag}i", user_id=facts.user_id, type="questline.segment_entered", received_at=NOW + timedelta(days=1)
        )
    )
    for mission_id in facts.completed_missions:
        c.execute(
            sa.insert(mission_completions).values(
                user_id=facts.user_id,
                mission_id=mission_id,
                completions=1,
                first_completed_at=NOW,
                last_completed_at=NOW,
            )
        )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    # Half the draws a single attribute test, where JSON typing has the most cases.
    body=st.one_of(rule_bodies, attribute_rules()),
    people=st.lists(user_facts, min_size=1, max_size=4),
    tiers=TIER_SETS,
    explicit=st.lists(st.one_of(st.none(), st.sampled_from(TIERS)), min_size=4, max_size=4),
)
def test_the_compiled_rule_selects_exactly_the_users_the_evaluator_admits(
    conn: sa.Connection, body: dict[str, Any], people: list[UserFacts], tiers: list[Tier], explicit: list[str | None]
) -> None:
    rule = SegmentRule.model_validate(body)
    if not segment_sql.compiles(rule):
        with pytest.raises(segment_sql.Unsupported):
            segment_sql.predicate(rule, segment_sql.facts([]), NOW, tiers)
        assume(False)
    run = uuid.uuid4().hex[:10]
    expected: set[str] = set()
    ids = []
    savepoint = conn.begin_nested()
    try:
        for i, person in enumerate(people):
            user_id = f"segsql-{run}-{i}"
            ids.append(user_id)
            stored = person.model_copy(
                update={"user_id": user_id, "tier": effective_tier(explicit[i], person.points, tiers)}
            )
            _store(conn, stored, explicit[i], f"segsql-{run}-{i}-")
            if evaluate(rule, stored, NOW):
                expected.add(user_id)
        f = segment_sql.facts(ids)
        found = set(conn.execute(sa.select(f.c.user_id).where(segment_sql.predicate(rule, f, NOW, tiers))).scalars())
        assert found == expected, (body, [p.model_dump() for p in people], tiers, explicit)
    finally:
        savepoint.rollback()


def test_iso_date_orderings_are_left_to_python() -> None:
    rule = SegmentRule.model_validate({"attribute": {"name": "renewal", "op": "lt", "value": "2030-01-31"}})
    assert not segment_sql.compiles(rule)
    assert segment_sql.compiles(SegmentRule.model_validate({"attribute": {"name": "age", "op": "gte", "value": 18}}))
    nested = SegmentRule.model_validate(
        {"any": [{"points_at_least": 1}, {"not": rule.model_dump(mode="json", exclude_none=True)}]}
    )
    assert not segment_sql.compiles(nested)
    with pytest.raises(segment_sql.Unsupported):
        segment_sql.predicate(nested, segment_sql.facts([]), NOW, [])


#: Attribute values across JSON's types, and what rules compare them with.
ACTUALS: list[Any] = [
    None,
    True,
    False,
    0,
    1,
    1.0,
    2.5,
    -3,
    "FR",
    "fr",
    "FRANCE",
    "",
    "1",
    [],
    ["FR", 1],
    [[1]],
    {"k": 1},
]
VALUES: list[Any] = [True, False, 0, 1, 1.0, 2.5, -3, 40, "FR", "F", "RA", "", "1"]


def test_every_attribute_operation_types_json_as_the_evaluator_does(conn: sa.Connection) -> None:
    """Every op against every kind of stored value (exhaustive, where random draws are thin)."""
    run = uuid.uuid4().hex[:10]
    people = [
        UserFacts(user_id=f"segsql-{run}-a{i}", attributes={} if actual is None else {"a": actual})
        for i, actual in enumerate(ACTUALS)
    ]
    people.append(UserFacts(user_id=f"segsql-{run}-null", attributes={"a": None}))
    savepoint = conn.begin_nested()
    try:
        for person in people:
            _store(conn, person, None, f"{person.user_id}-")
        f = segment_sql.facts([p.user_id for p in people])
        conditions: list[dict[str, Any]] = [{"name": "a", "op": "exists"}]
        for value in VALUES:
            conditions += [{"name": "a", "op": op, "value": value} for op in ("eq", "ne", "contains")]
            conditions.append({"name": "a", "op": "in", "value": [value, "zz"]})
            if not isinstance(value, bool | str):
                conditions += [{"name": "a", "op": op, "value": value} for op in ("gt", "gte", "lt", "lte")]
        for cond in conditions:
            rule = SegmentRule.model_validate({"attribute": cond})
            for checked in (rule, SegmentRule.model_validate({"not": {"attribute": cond}})):
                expected = {p.user_id for p in people if evaluate(checked, p, NOW)}
                query = sa.select(f.c.user_id).where(segment_sql.predicate(checked, f, NOW, []))
                assert set(conn.execute(query).scalars()) == expected, checked
    finally:
        savepoint.rollback()


async def test_apply_moves_membership_in_set_statements(db_conn: Any) -> None:
    """`apply`: who the rule selects enters, members it no longer selects leave, others stay."""
    from db import ledger as ledger_repo
    from db import segments as segment_repo
    from domain.rewards import Reward

    run = uuid.uuid4().hex[:8]
    rich, newcomer, poor = (f"segsql-{run}-{n}" for n in ("rich", "new", "poor"))
    segment_id = f"seg-{run}"
    async with db_conn.begin_nested() as savepoint:
        await db_conn.execute(
            sa.text("INSERT INTO segments (id, name, kind) VALUES (:i, :i, 'rule')"), {"i": segment_id}
        )
        for user, points in ((rich, 20), (newcomer, 15), (poor, 3)):
            await db_conn.execute(sa.insert(users).values(id=user, attributes={"run": run}))
            await ledger_repo.grant(
                db_conn, key=f"{user}-k", user_id=user, reward=Reward(points=points), mission_id=None
            )
        await segment_repo.add_members(db_conn, segment_id, [rich, poor])
        # This run's users only (the session's database holds other tests' users too).
        mine = {"attribute": {"name": "run", "op": "eq", "value": run}}
        rule = SegmentRule.model_validate({"all": [{"points_at_least": 10}, mine]})
        entered, left = await segment_sql.apply(db_conn, segment_id, rule, NOW, [])
        assert (entered, left) == ([newcomer], [poor])
        members = set(await segment_repo.members(db_conn, segment_id, limit=100))
        assert {rich, newcomer} <= members and poor not in members
        assert await segment_sql.apply(db_conn, segment_id, rule, NOW, []) == ([], [])
        await savepoint.rollback()
