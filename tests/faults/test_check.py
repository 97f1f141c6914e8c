"""The fault suite's verdict on made-up read sides: it must see every kind of difference."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import NamedTuple

from bench.faults.check import (
    Expected,
    Grant,
    Key,
    LockedModel,
    Logged,
    Row,
    SendTimes,
    _replay,
    build_locked_model,
    build_model,
    compare_journey,
    compare_read_side,
    compare_unlocks,
)
from bench.faults.workload import ALL_SHAPES, CHAINS, SHAPES, Event, make_events, mission_specs, plan_requests, resolve
from domain.journey import Journey, MissionContext
from domain.missions import MissionSpec, MissionStatus

NOW = datetime(2026, 1, 5, 12, tzinfo=UTC)


def contexts(count: int = len(SHAPES)) -> dict[str, MissionContext]:
    """The suite's missions by name (the first `count` shapes), active since yesterday."""
    out = {}
    ids: list[str] = []
    for i, body in enumerate(mission_specs(count)):
        ids.append(f"m{i}")
        spec = MissionSpec.model_validate(resolve(body, ids))
        out[spec.name.split(" #")[0]] = MissionContext(
            mission_id=f"m{i}",
            revision=1,
            spec=spec,
            status=MissionStatus.ACTIVE,
            activated_at=NOW - timedelta(days=1),
        )
    return out


def ev(n: int, type_: str, value: str | None = None, *tags: str, user: str = "alice") -> Event:
    return Event(id=f"e{n}", user_id=user, type=type_, value=Decimal(value) if value else None, tags=tags)


def rows_of(model: dict[Key, Expected]) -> dict[Key, Row]:
    return {
        k: Row(
            e.status.value,
            e.journey.version,
            e.journey.completions,
            e.journey.progress,
            e.journey.completed_at,
            e.journey.unlocked_at,
        )
        for k, e in model.items()
    }


def grants_of(model: dict[Key, Expected]) -> list[Grant]:
    return [
        Grant(k[1], k[0], key, e.points // e.journey.completions)
        for k, e in model.items()
        for key in sorted(e.reward_keys())
    ]


def test_the_model_applies_the_products_rules() -> None:
    ctx = contexts()
    sent = [ev(1, "play"), ev(2, "play", "5"), ev(3, "play"), ev(4, "deposit", "95", "promo"), ev(5, "noise")]

    model = build_model(ctx.values(), sent, NOW)

    def get(name: str) -> Expected:
        return model[(ctx[name].mission_id, "alice")]

    def state(name: str) -> tuple[int, Decimal]:
        j = get(name).journey
        return j.completions, j.progress

    assert state("play 3 times") == (1, Decimal(3))
    assert state("play 8 times") == (0, Decimal(3))
    # Rounds of 2: one round done, one play into the next.
    assert state("play rounds of 2") == (1, Decimal(1))
    assert get("one deposit of 90-100").journey.completions == 1
    assert get("deposit 60 on promo").journey.completions == 1 and get("deposit 60 on promo").loose
    assert (ctx["promo or sale of 10-20"].mission_id, "alice") not in model  # 95 is out of its range
    assert get("play 3 times").points == 10 and len(get("play rounds of 2").reward_keys()) == 1


def test_an_exact_read_side_passes_and_every_kind_of_difference_is_caught() -> None:
    ctx = contexts()
    sent = [ev(n, "play", user=u) for n, u in enumerate(["alice", "bob", "bob", "bob", "carol"])]
    model = build_model(ctx.values(), sent, NOW)
    rows, grants = rows_of(model), grants_of(model)
    assert compare_read_side(model, rows, grants) == []

    bob_once = (ctx["play 3 times"].mission_id, "bob")
    alice_rounds = (ctx["play rounds of 2"].mission_id, "alice")
    carol_8 = (ctx["play 8 times"].mission_id, "carol")
    broken = dict(rows)
    broken[alice_rounds] = Row("available", 2, 0, Decimal(2))  # one play counted twice
    del broken[carol_8]  # an event never reached the journey
    paid_twice = [*grants, next(g for g in grants if (g.mission_id, g.user_id) == bob_once)]

    diffs = compare_read_side(model, broken, paid_twice)

    kinds = {(d.kind, d.key) for d in diffs}
    assert ("double count", alice_rounds) in kinds
    assert ("lost", carol_8) in kinds
    assert ("double reward", bob_once) in kinds
    assert any(d.kind == "double reward" and "appears 2 times" in d.what for d in diffs)


def test_resends_follow_their_original_and_repeats_follow_theirs() -> None:
    import random

    sent = [ev(n, "play", user=f"u{n % 7}") for n in range(2000)]
    requests = plan_requests(sent, random.Random(3), batch_share=0.5, max_batch=40, resend_share=0.05)

    first: dict[str, int] = {}
    for position, request in enumerate(requests):
        seen_here: set[str] = set()
        for entry in request.entries:
            if entry.resend:
                assert first[entry.event.id] < position
            elif entry.repeat:
                assert entry.event.id in seen_here
            else:
                first.setdefault(entry.event.id, position)
            seen_here.add(entry.event.id)
    assert sorted(first) == sorted(e.id for e in sent)
    assert any(e.resend for r in requests for e in r.entries) and any(e.repeat for r in requests for e in r.entries)


# --- locked missions unlocked by others --------------------------------------------------------

T0 = NOW - timedelta(hours=1)


def at(second: float) -> datetime:
    """A server time (`received_at`) some seconds into the run."""
    return T0 + timedelta(seconds=second)


def logged(*items: tuple[int, str, float]) -> list[Logged]:
    """Alice's events (number, type, received second)."""
    return [Logged(ev(n, t), at(s)) for n, t, s in items]


def key(ctx: dict[str, MissionContext], name: str, user: str = "alice") -> Key:
    return (ctx[name].mission_id, user)


class World(NamedTuple):
    """Every shape; the read side as an exact product would leave it; the locked model."""

    ctx: dict[str, MissionContext]
    model: dict[Key, Expected]
    rows: dict[Key, Row]
    grants: list[Grant]
    locked: LockedModel


def locked_world(items: list[Logged], rows: dict[Key, Row] | None = None, times: SendTimes | None = None) -> World:
    """The open missions' rows as the model has them, completing at the received_at of the event
    that met the goal in received order (as a journey without crashes records it) unless `rows`
    says otherwise; then the locked missions' model from those rows."""
    ctx = contexts(len(ALL_SHAPES))
    base = build_model(ctx.values(), [x.event for x in items], NOW)
    real = rows_of(base)
    by_id = {c.mission_id: c for c in ctx.values()}
    for k, row in real.items():
        if row.completions:
            first = _replay(by_id[k[0]], Journey(mission_id=k[0], user_id=k[1]), items)
            real[k] = Row(row.status, row.version, row.completions, row.progress, first)
    real |= rows or {}
    locked = build_locked_model(list(ctx.values()), items, real, base, NOW, times)
    model = base | locked.model
    return World(ctx, model, real | rows_of(locked.model), grants_of(model), locked)


def test_the_locked_shapes_name_earlier_missions_of_their_own_round() -> None:
    assert len(ALL_SHAPES) == len(SHAPES) + len(CHAINS)
    assert all("unlock" not in s for s in mission_specs(len(SHAPES)))  # the old twenty, unchanged
    specs = mission_specs(2 * len(ALL_SHAPES))
    for i, spec in enumerate(specs):
        for ref in spec.get("unlock", {}).get("after_missions", []):
            position = int(ref.removeprefix("@"))
            assert i - i % len(ALL_SHAPES) <= position < i
    ids = [f"id{i}" for i in range(len(specs))]
    chain = resolve(specs[len(ALL_SHAPES) + 21], ids)  # "then play 3 more", second round
    assert chain["unlock"]["after_missions"] == [f"id{len(ALL_SHAPES) + 20}"]
    # The chains' types are their prerequisites' (one stream feeds the chain).
    by_name = {s["name"].split(" #")[0]: s for s in specs}
    assert by_name["then play 3 more"]["goal"]["event_type"] == by_name["play 3 times"]["goal"]["event_type"]


def test_the_workload_is_the_same_for_a_seed_and_has_regulars_with_long_streams() -> None:
    import random

    one = make_events(3000, 300, 5, random.Random(5))
    assert one == make_events(3000, 300, 5, random.Random(5))
    plays: dict[str, int] = {}
    for e in one:
        plays[e.user_id] = plays.get(e.user_id, 0) + (e.type == "play")
    assert max(plays.values()) >= 8  # enough for "play 3 times", then 2 more, then 3 more


def test_a_chain_of_three_on_one_stream_counts_what_follows_each_completion() -> None:
    # Plays 1-3 complete "play 3 times"; 4-5 (after it) "then play 2 more"; 6-8 "then play 3 more".
    items = logged(*[(n, "play", float(n)) for n in range(1, 9)])

    ctx, model, rows, grants, locked = locked_world(items)

    a, b, c = key(ctx, "play 3 times"), key(ctx, "then play 2 more"), key(ctx, "then play 3 more")
    assert model[b].journey.unlocked_at == at(3) and model[b].journey.completions == 1
    assert model[b].journey.progress == 2 and rows[b].completed_at == at(5)
    assert model[c].journey.unlocked_at == at(5) and model[c].journey.completions == 1
    assert model[c].points == 30 and model[b].points == 20 and rows[a].completed_at == at(3)
    assert compare_read_side(model, rows, grants) == [] and locked.diffs == []


def test_the_completing_event_never_counts_for_the_unlocked_mission_but_the_next_microsecond_does() -> None:
    # Three plays in one batch complete "play 3 times" on the third; the fourth is 1 µs later.
    items = [Logged(ev(n, "play"), at(1) + timedelta(microseconds=n)) for n in range(1, 5)]

    ctx, model, *_ = locked_world(items)

    b = model[key(ctx, "then play 2 more")].journey
    assert b.unlocked_at == at(1) + timedelta(microseconds=3) and b.progress == 1 and b.completions == 0


def test_the_unlock_moment_is_what_the_prerequisite_recorded_when_it_received_events_out_of_order() -> None:
    # The relay delivered play 2 late: the journey counted 1, 3, 4 and completed at play 4.
    items = logged((1, "play", 1), (2, "play", 2), (3, "play", 3), (4, "play", 4), (5, "play", 5))
    ctx = contexts(len(ALL_SHAPES))
    a = key(ctx, "play 3 times")
    recorded = {a: Row("completed", 4, 1, Decimal(3), at(4))}

    _, model, rows, grants, locked = locked_world(items, recorded)

    b = model[key(ctx, "then play 2 more")].journey
    assert b.unlocked_at == at(4) and b.progress == 1  # only play 5 is after it
    assert locked.diffs == []
    assert compare_read_side(model, rows, grants) == []


def test_a_recorded_completion_that_is_no_counted_events_time_is_reported() -> None:
    items = logged((1, "play", 1), (2, "play", 2), (3, "play", 3), (4, "play", 4))
    ctx = contexts(len(ALL_SHAPES))
    a = key(ctx, "play 3 times")
    # As if the journey stamped its completion with its own clock instead of the event's time.
    recorded = {a: Row("completed", 4, 1, Decimal(3), at(3.5))}

    _, model, _, _, locked = locked_world(items, recorded)

    assert [(d.kind, d.key) for d in locked.diffs] == [("mismatch", a)]
    # The model falls back on the completion in received order, so the dependants are still judged.
    assert model[key(ctx, "then play 2 more")].journey.unlocked_at == at(3)


def test_an_event_after_the_unlock_that_the_journey_dropped_is_lost_and_a_late_unlock_a_mismatch() -> None:
    # The case: "first quest" completes on quest 1; quest 2 (sent after its 202) must count
    # for "another quest". Today the journey is unlocked when the unlock arrives, and shows 0.
    items = logged((1, "quest", 1), (2, "quest", 2))
    ctx, model, _, _, _ = locked_world(items)
    b = key(ctx, "another quest")
    assert model[b].journey.completions == 1

    dropped = Row("available", 2, 0, Decimal(0), None, at(2.5))
    diffs = compare_journey("read model", b, model[b], dropped)

    kinds = {d.kind for d in diffs}
    assert kinds == {"lost", "mismatch"}
    assert any("unlocked_at" in d.what and "received_at of the event that completed" in d.what for d in diffs)


def test_a_chain_link_that_never_completes_keeps_the_next_locked_with_nothing_counted() -> None:
    # Plays 1-3 unlock "then play 2 more", play 4 is its only one: "then play 3 more" stays locked.
    items = logged((1, "play", 1), (2, "play", 2), (3, "play", 3), (4, "play", 4))
    ctx = contexts(len(ALL_SHAPES))
    c = key(ctx, "then play 3 more")

    _, model, rows, grants, _ = locked_world(items)
    assert c not in model and c not in rows  # no journey is expected, none must be invented
    assert compare_read_side(model, rows, grants) == []

    # A journey held for it is fine while locked with nothing counted; one that counted is not.
    _, model, rows, grants, _ = locked_world(items, {c: Row("locked", 1, 0, Decimal(0))})
    assert model[c].status.value == "locked" and compare_read_side(model, rows, grants) == []
    counted = rows | {c: Row("available", 2, 0, Decimal(1), None, at(4))}
    diffs = compare_read_side(model, counted, grants)
    assert {d.kind for d in diffs} == {"double count", "mismatch"}


def test_two_prerequisites_unlock_at_the_later_completion() -> None:
    # "first quest" completes at 1, "play 3 times" at 4 (the later): of the logins at 2 and 5, one counts.
    items = logged((1, "quest", 1), (2, "login", 2), (3, "play", 3), (4, "play", 3.5), (5, "play", 4), (6, "login", 5))
    ctx, model, rows, grants, _ = locked_world(items)
    j = model[key(ctx, "log in twice after quest and plays")].journey
    assert j.unlocked_at == at(4) and j.progress == 1 and j.completions == 0
    assert compare_read_side(model, rows, grants) == []


def test_every_event_sent_after_the_causes_202_must_count() -> None:
    # Quest 1 completes "first quest" (202 at t=10); quest 2 was in flight already (sent at 9),
    # quest 3 was sent after the 202 (at 11): "another quest" must complete, whichever counted.
    items = logged((1, "quest", 1), (2, "quest", 2), (3, "quest", 3))
    times = SendTimes(first_sent={"e1": 0.0, "e2": 9.0, "e3": 11.0}, acked={"e1": 10.0, "e2": 12.0, "e3": 13.0})
    ctx, _, rows, _, locked = locked_world(items, times=times)
    b = key(ctx, "another quest")
    unlock = next(u for u in locked.unlocks if u.key == b)
    assert unlock.cause == "e1" and unlock.sent_after_ack == ("e3",) and unlock.floor.completions == 1
    assert compare_unlocks(locked.unlocks, rows) == []

    missed = compare_unlocks(locked.unlocks, {b: Row("available", 1, 0, Decimal(0))})
    assert [(d.kind, d.key) for d in missed] == [("lost", b)] and "e1" in missed[0].what

    # An event sent after the cause's 202 can only be logged after it: otherwise the log's clock lies.
    # (Buying 150 completes "spend 100", whose 202 comes at 10; a deposit sent at 11 is logged before.)
    items = [Logged(ev(1, "purchase", "150"), at(1)), Logged(ev(2, "deposit", "60"), at(0.5))]
    skewed = SendTimes(first_sent={"e1": 0.0, "e2": 11.0}, acked={"e1": 10.0, "e2": 12.0})
    world = locked_world(items, times=skewed)
    d = key(world.ctx, "a deposit of 50-500 after spending 100")
    assert [(x.kind, x.key) for x in world.locked.diffs] == [("mismatch", d)]
    assert "received at or before" in world.locked.diffs[0].what


def test_unlocked_at_its_cause_is_the_cause_or_the_next_tick_of_the_logs_clock() -> None:
    items = logged((1, "quest", 1), (2, "quest", 2))
    ctx, model, rows, _, _ = locked_world(items)
    b = key(ctx, "another quest")
    row = rows[b]

    def with_unlock(moment: datetime) -> list[str]:
        got = Row(row.status, row.version, row.completions, row.progress, row.completed_at, moment)
        return [d.kind for d in compare_journey("read model", b, model[b], got)]

    assert with_unlock(at(1)) == [] and with_unlock(at(1) + timedelta(microseconds=1)) == []
    assert with_unlock(at(1) + timedelta(microseconds=2)) == ["mismatch"]
    assert with_unlock(at(1) - timedelta(microseconds=1)) == ["mismatch"]
