"""The fault suite's verdict on made-up read sides: it must see every kind of difference."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from bench.faults.check import Expected, Grant, Key, Row, build_model, compare_read_side
from bench.faults.workload import SHAPES, Event, mission_specs, plan_requests
from domain.journey import MissionContext
from domain.missions import MissionSpec, MissionStatus

NOW = datetime(2026, 1, 5, 12, tzinfo=UTC)


def contexts() -> dict[str, MissionContext]:
    """The suite's missions by name, active since yesterday."""
    out = {}
    for i, body in enumerate(mission_specs(len(SHAPES))):
        spec = MissionSpec.model_validate(body)
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
        k: Row(e.status.value, e.journey.version, e.journey.completions, e.journey.progress) for k, e in model.items()
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
