"""Tiers and eligibility (docs/missions.md §7)."""

from __future__ import annotations

import pytest

from domain.missions import MissionSpec
from domain.users import Tier, effective_tier, is_eligible, needs_facts, reaches, tier_rank

TIERS = [Tier(name="gold", min_points=500), Tier(name="bronze", min_points=0), Tier(name="silver", min_points=100)]


def spec(**fields: object) -> MissionSpec:
    return MissionSpec.model_validate(
        {"name": "m", "type": "generally_available", "goal": {"kind": "event", "event_type": "x", "count": 1}, **fields}
    )


@pytest.mark.parametrize(
    ("points", "tier"), [(0, "bronze"), (99, "bronze"), (100, "silver"), (499, "silver"), (500, "gold")]
)
def test_points_reach_the_highest_threshold(points: int, tier: str) -> None:
    assert effective_tier(None, points, TIERS) == tier


def test_an_explicit_tier_wins_and_no_tiers_means_none() -> None:
    assert effective_tier("bronze", 10_000, TIERS) == "bronze"
    assert effective_tier(None, 10_000, []) is None
    assert effective_tier(None, 5, [Tier(name="vip")]) is None  # explicit-only tiers are never reached


def test_rank_orders_by_threshold_with_explicit_only_tiers_on_top() -> None:
    rank = tier_rank([*TIERS, Tier(name="staff")])
    assert sorted(rank, key=rank.__getitem__) == ["bronze", "silver", "gold", "staff"]
    assert reaches("gold", "silver", TIERS) and reaches("silver", "silver", TIERS)
    assert not reaches("bronze", "silver", TIERS)
    assert not reaches(None, "bronze", TIERS) and not reaches("gold", "unknown", TIERS)


def test_eligibility_by_segments_and_tiers() -> None:
    open_to_all = spec()
    assert not needs_facts(open_to_all) and is_eligible(open_to_all, None, set())
    vip = spec(segments=["vip", "beta"])
    assert needs_facts(vip)
    assert is_eligible(vip, None, {"beta"}) and not is_eligible(vip, None, {"other"})
    golden = spec(tiers=["gold"])
    assert is_eligible(golden, "gold", set()) and not is_eligible(golden, "silver", set())
    both = spec(segments=["vip"], tiers=["gold"])
    assert is_eligible(both, "gold", {"vip"})
    assert not is_eligible(both, "gold", set()) and not is_eligible(both, "silver", {"vip"})


def test_a_journey_marked_ineligible_takes_no_events_from_that_moment() -> None:
    from datetime import UTC, datetime, timedelta

    from domain.journey import Journey, MissionContext, can_progress
    from domain.missions import MissionStatus

    start = datetime(2026, 1, 1, tzinfo=UTC)
    ctx = MissionContext(
        mission_id="m", revision=1, spec=spec(segments=["vip"]), status=MissionStatus.ACTIVE, activated_at=start
    )
    journey = Journey(mission_id="m", user_id="u", ineligible_since=start + timedelta(days=2))
    assert can_progress(ctx, journey, start + timedelta(days=1))  # received before the user left
    assert not can_progress(ctx, journey, start + timedelta(days=2))
    assert can_progress(ctx, journey.model_copy(update={"ineligible_since": None}), start + timedelta(days=3))
