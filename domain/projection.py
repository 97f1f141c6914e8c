"""What a user sees of a mission at a given moment (docs/missions.md §4). Pure."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict

from domain import streaks
from domain.goals import target_of
from domain.journey import (
    EnrolmentStatus,
    Journey,
    MissionContext,
    available_from,
    budget_closed,
    can_opt_in,
    cycle_end,
    deadline,
    is_unlocked,
    journey_now,
    status_at,
)
from domain.missions import EventGoal, MissionType


class Tab(StrEnum):
    """Each visible mission sits in exactly one tab."""

    AVAILABLE = "available"
    LOCKED = "locked"
    COMPLETED = "completed"
    MISSED = "missed"


Chip = Literal["requires_opt_in", "opted_in", "locked", "active", "expired", "featured"]
TimerKind = Literal["until_start", "until_deadline", "until_reset"]


class Timer(BaseModel):
    """The one countdown shown with a mission."""

    model_config = ConfigDict(frozen=True)

    kind: TimerKind
    ends_at: datetime


class ProgressView(BaseModel):
    """Progress as numbers a client can show (integers when whole)."""

    model_config = ConfigDict(frozen=True)

    current: int | float
    target: int | float
    unit: str


class Projection(BaseModel):
    """The user-facing state of one mission (the variable part of the API's mission view)."""

    model_config = ConfigDict(frozen=True)

    tab: Tab
    chips: list[Chip]
    timer: Timer | None
    can_opt_in: bool
    status: EnrolmentStatus
    progress: ProgressView
    completions: int


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def is_visible(ctx: MissionContext, journey: Journey | None, now: datetime | None = None) -> bool:
    """Drafts, archived, ungranted featured and hidden locked missions are not shown; nor is a
    mission whose budget cap is spent to a user who has not started it.

    With `now`, a grant (or unlock) that takes effect later (a segment trigger's grant deferred
    to `start_at`) does not show the mission before then."""
    if not ctx.live or budget_closed(ctx, journey):
        return False
    if ctx.spec.type is MissionType.RECURRING and journey is None:
        # Before its first reset a recurring mission is shown only when it has a start (Locked).
        return ctx.spec.start_at is not None
    if ctx.spec.type is MissionType.FEATURED:
        return is_unlocked(ctx, journey, now)
    if ctx.spec.type is MissionType.LOCKED and ctx.spec.unlock and ctx.spec.unlock.hidden_until_unlocked:
        return is_unlocked(ctx, journey, now)
    return True


def project(ctx: MissionContext, journey: Journey | None, now: datetime) -> Projection | None:
    """The §4 row for this mission and journey at `now`, or None when the user cannot see it.

    For a recurring mission, a journey of an earlier cycle counts as none: each reset starts over.
    """
    journey = journey_now(ctx, journey, now)
    if not is_visible(ctx, journey, now):
        return None
    status = status_at(ctx, journey, now)
    tab, chips, timer = _placing(ctx, journey, status, now)
    if ctx.spec.type is MissionType.FEATURED:
        chips.append("featured")
    return Projection(
        tab=tab,
        chips=chips,
        timer=timer,
        can_opt_in=can_opt_in(ctx, journey, now),
        status=status,
        progress=_progress(ctx, journey, status, now),
        completions=journey.completions if journey is not None else 0,
    )


def _placing(
    ctx: MissionContext, journey: Journey | None, status: EnrolmentStatus, now: datetime
) -> tuple[Tab, list[Chip], Timer | None]:
    """The tab, the chips (but `featured`) and the timer of a mission whose status is `status`."""
    spec = ctx.spec
    chips: list[Chip] = []
    timer: Timer | None = None
    end = deadline(ctx, journey)
    # A recurring mission's next cycle, if one comes before E.
    reset = cycle_end(ctx, journey)
    if status is EnrolmentStatus.COMPLETED:
        tab = Tab.COMPLETED
        if reset is not None:
            timer = Timer(kind="until_reset", ends_at=reset)
    elif status is EnrolmentStatus.MISSED:
        tab = Tab.MISSED
        if reset is not None and now < reset:
            timer = Timer(kind="until_reset", ends_at=reset)  # and no `expired`: it comes back
        else:
            chips.append("expired")
    elif status is EnrolmentStatus.LOCKED:
        tab = Tab.LOCKED
        if spec.type is MissionType.LOCKED:
            chips.append("locked")
        opens = available_from(ctx) if spec.type is MissionType.RECURRING else spec.start_at
        if opens is not None and now < opens:
            timer = Timer(kind="until_start", ends_at=opens)
        elif spec.end_at is not None:
            timer = Timer(kind="until_deadline", ends_at=spec.end_at)
    else:
        tab = Tab.AVAILABLE
        if spec.type is MissionType.LOCKED and not spec.opt_in:
            chips.append("active")  # §4 shows it on the no-opt-in row only
        needs_opt_in = spec.opt_in and (journey is None or journey.opted_in_at is None)
        if needs_opt_in:
            chips.append("requires_opt_in")
            if reset is not None:
                timer = Timer(kind="until_reset", ends_at=reset)
            elif spec.end_at is not None:
                timer = Timer(kind="until_deadline", ends_at=spec.end_at)
        else:
            if spec.opt_in:
                chips.append("opted_in")
            if end is not None:
                timer = Timer(kind="until_deadline", ends_at=end)
    return tab, chips, timer


def _progress(ctx: MissionContext, journey: Journey | None, status: EnrolmentStatus, now: datetime) -> ProgressView:
    """Progress toward the goal; a streak whose last met period is gone reads as 0 now, before
    any event says so."""
    spec = ctx.spec
    target, unit = target_of(spec.goal)
    current = journey.progress if journey is not None else Decimal(0)
    goal = spec.goal
    streak = journey.streak if journey is not None else None
    if isinstance(goal, EventGoal) and goal.streak and streak and status is not EnrolmentStatus.COMPLETED:
        current = Decimal(streaks.current(streak, goal, streaks.held_zone(streak, spec.timezone), now).streak)
    return ProgressView(current=_number(current), target=_number(target), unit=unit)
