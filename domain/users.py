"""Users' tiers and mission eligibility (docs/missions.md §7). Pure."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from domain.missions import MissionSpec
from domain.spec_base import MAX_POINTS, Name


class Tier(BaseModel):
    """A tier: reached at `min_points`, or (without a threshold) only ever set explicitly."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Name
    min_points: Annotated[int, Field(ge=0, le=MAX_POINTS)] | None = None


def tier_rank(tiers: Sequence[Tier]) -> dict[str, int]:
    """Each tier's rank: by threshold, explicit-only tiers above all thresholds, in the given order."""
    ordered = sorted(enumerate(tiers), key=lambda it: (it[1].min_points is None, it[1].min_points or 0, it[0]))
    return {tier.name: rank for rank, (_, tier) in enumerate(ordered)}


def effective_tier(explicit: str | None, points: int, tiers: Sequence[Tier]) -> str | None:
    """The explicitly set tier, else the highest tier whose threshold `points` reach."""
    if explicit is not None:
        return explicit
    reached = [t for t in tiers if t.min_points is not None and points >= t.min_points]
    return max(reached, key=lambda t: t.min_points or 0).name if reached else None


def reaches(tier: str | None, minimum: str, tiers: Sequence[Tier]) -> bool:
    """Whether `tier` is `minimum` or ranks above it (unknown tiers reach nothing)."""
    rank = tier_rank(tiers)
    return tier is not None and tier in rank and minimum in rank and rank[tier] >= rank[minimum]


def is_eligible(spec: MissionSpec, tier: str | None, segment_ids: Collection[str]) -> bool:
    """A mission limited to segments needs membership of one; limited to tiers, one of them."""
    if spec.segments and not set(spec.segments) & set(segment_ids):
        return False
    return not spec.tiers or tier in spec.tiers


def needs_facts(spec: MissionSpec) -> bool:
    """Whether eligibility depends on the user at all (most missions: no, and no lookup is made)."""
    return bool(spec.segments or spec.tiers)
