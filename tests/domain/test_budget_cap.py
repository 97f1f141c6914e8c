"""Budget caps (docs/missions.md §6): exactly one of points or completions, and never a cap
that cannot trip (pure checks; the API tests are in tests/api/test_budget_completions_api.py)."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from domain.errors import Invalid
from domain.missions import MissionSpec
from domain.rewards import BudgetCap, check_budget_cap


def _spec(reward: dict[str, Any] | None, cap: dict[str, Any]) -> MissionSpec:
    goal = {"kind": "event", "event_type": "x", "count": 1}
    return MissionSpec.model_validate(
        {"name": "m", "type": "generally_available", "goal": goal, "reward": reward, "budget_cap": cap}
    )


@pytest.mark.parametrize("cap", [{}, {"points": 1, "completions": 1}, {"completions": 0}, {"completions": -3}])
def test_a_cap_is_exactly_one_positive_count(cap: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        BudgetCap.model_validate(cap)


def test_each_cap_is_reached_by_its_own_count() -> None:
    points, completions = BudgetCap(points=20), BudgetCap(completions=2)
    assert not points.reached(spent=19, completions=5) and points.reached(spent=20, completions=0)
    assert not completions.reached(spent=100, completions=1) and completions.reached(spent=0, completions=2)


@pytest.mark.parametrize("reward", [None, {"item": "mug"}, {"direct": "Gift card"}])
def test_a_points_cap_without_a_points_reward_is_refused_naming_the_field(reward: dict[str, Any] | None) -> None:
    spec = _spec(reward, {"points": 10})  # still a valid spec: stored ones must keep loading
    with pytest.raises(Invalid) as err:
        check_budget_cap(spec)
    assert [d["field"] for d in err.value.details] == ["budget_cap.points"]
    assert "completions" in err.value.message


@pytest.mark.parametrize(
    ("reward", "cap"),
    [({"points": 5}, {"points": 10}), (None, {"completions": 1}), ({"item": "mug"}, {"completions": 3})],
)
def test_caps_that_can_trip_pass(reward: dict[str, Any] | None, cap: dict[str, Any]) -> None:
    check_budget_cap(_spec(reward, cap))
