"""What a mission grants, and how much it may grant: `Reward` and `BudgetCap`.

Spec models held by `domain.missions.MissionSpec` (and challenges): unknown fields are an error.
`check_budget_cap` is the write-time rule that a cap must be able to trip.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field, model_validator

from domain.errors import FieldInvalid, Invalid
from domain.spec_base import MAX_POINTS, Name, Spec

if TYPE_CHECKING:
    from domain.missions import MissionSpec


class Reward(Spec):
    """Exactly one of points, a bonus-shop item or a direct (named) reward."""

    points: int | None = Field(None, ge=1, le=1_000_000_000)
    item: Name | None = None
    direct: Name | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Reward:
        given = [k for k in ("points", "item", "direct") if getattr(self, k) is not None]
        if len(given) != 1:
            raise FieldInvalid("", "a reward is exactly one of points, item or direct")
        return self


class BudgetCap(Spec):
    """Stop new users from starting once the mission has granted `points` points, or recorded
    `completions` completions (any reward, or none): exactly one of the two."""

    points: int | None = Field(None, ge=1, le=MAX_POINTS)
    completions: int | None = Field(None, ge=1, le=MAX_POINTS)

    @model_validator(mode="after")
    def _exactly_one(self) -> BudgetCap:
        if (self.points is None) == (self.completions is None):
            raise FieldInvalid("", "a budget cap is exactly one of points or completions")
        return self

    def reached(self, *, spent: int, completions: int) -> bool:
        """Whether a mission that granted `spent` points in `completions` completions is at the cap."""
        if self.points is not None:
            return spent >= self.points
        return self.completions is not None and completions >= self.completions


def check_budget_cap(spec: MissionSpec) -> None:
    """Refuses a cap that can never trip (422 naming the field): a points cap needs a points reward.

    Checked where an operator writes a spec (create, and a patch of the reward or the cap), not
    when one is read back: a mission stored before this check keeps loading and running.
    """
    cap, reward = spec.budget_cap, spec.reward
    if cap is None or cap.points is None or (reward is not None and reward.points is not None):
        return
    given = "no reward" if reward is None else "an item reward" if reward.item is not None else "a direct reward"
    reason = (
        f"a points cap never trips on a mission with {given} (it grants no points); "
        'use budget_cap: {"completions": N} to cap how many completions it grants'
    )
    details = [{"field": "budget_cap.points", "reason": reason}]
    raise Invalid("validation_error", f"budget_cap.points: {reason}", details)
