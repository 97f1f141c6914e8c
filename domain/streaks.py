"""Streak goals (docs/missions.md §5): the per-period goal met in P consecutive periods.

A period is a calendar day, or an ISO week (Monday to Monday), in the mission's time zone; it
begins at local midnight exactly as a recurrence's reset does (`domain.recurrence`), so an event
at local midnight belongs to the new day and a 23- or 25-hour DST day is still one day. The
per-period goal is the goal's `count` (matching events) or `amount_min` (sum of their values).
A period that ends without its goal met resets the streak to 0.

The state keeps the progress of the latest period that saw an event and of the one before it,
plus the length of the run of met periods before those two. The streak itself is derived from
them with the goal's current target, so a revision that changes the target re-reads the two open
periods with the new one.

Late events: an event whose period is the one just before the state's period still counts there
(an event at 23:59:59 that reaches the workflow after one at 00:00:01 must not break a streak),
and it can complete that period after the fact. An event for any older period changes nothing:
those periods are closed, and the state no longer holds them.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from domain.goals import advance, period_target
from domain.missions import EventGoal, Streak
from domain.recurrence import Calendar, zone_of

ZERO = Decimal(0)


class StreakState(BaseModel):
    """What a journey remembers of a streak goal (immutable: `apply` returns a new state)."""

    model_config = ConfigDict(frozen=True)

    #: The local date the latest period with an event begins (a Monday for weekly streaks).
    period_start: date | None = None
    #: Per-period progress in that period, and in the period just before it.
    progress: Decimal = ZERO
    previous_progress: Decimal = ZERO
    #: Consecutive met periods ending two periods before `period_start`.
    run_before: int = 0
    #: The longest streak reached so far.
    best: int = 0


class StreakView(BaseModel):
    """A streak as a user sees it at a given moment."""

    model_config = ConfigDict(frozen=True)

    streak: int
    today_progress: Decimal
    target_per_period: Decimal
    periods: int
    best: int


def _spec(goal: EventGoal) -> Streak:
    if goal.streak is None:
        raise ValueError("the goal has no streak")
    return goal.streak


def _calendar(goal: EventGoal, tz: str) -> Calendar:
    zone = zone_of(tz)
    return Calendar("day", zone) if _spec(goal).period == "day" else Calendar("week", zone, weekdays=(0,))


def _following(cal: Calendar, k: int) -> int:
    """The period after period k (usually k + 1; not when a zone skipped a whole date)."""
    return cal.latest(cal.reset(k + 1))


def _runs(state: StreakState, goal: EventGoal) -> tuple[int, int]:
    """Consecutive met periods ending at the previous period, and at the state's period."""
    target = period_target(goal)
    previous = state.run_before + 1 if state.previous_progress >= target else 0
    current = previous + 1 if state.progress >= target else 0
    return previous, current


def streak_of(state: StreakState, goal: EventGoal) -> int:
    """The streak as of the state's period: its run if that period is met, else the run before it."""
    previous_run, current_run = _runs(state, goal)
    return current_run or previous_run


def period_of(goal: EventGoal, tz: str, at: datetime) -> date:
    """The local date the streak period holding instant `at` begins (a Monday for weeks)."""
    cal = _calendar(goal, tz)
    return cal.date_of(cal.latest(_aware(at)))


def apply(state: StreakState, goal: EventGoal, tz: str, at: datetime, value: Decimal | None) -> StreakState:
    """The state after one matching, deduplicated event at `at` with `value` (the caller matches
    event type and tags). Events of later periods close the periods between; see the module's
    note for events of earlier ones."""
    cal = _calendar(goal, tz)
    k_at = cal.latest(_aware(at))
    start = cal.date_of(k_at)
    if state.period_start is None:
        new = StreakState(period_start=start, progress=advance(goal, ZERO, value), best=state.best)
    else:
        k = cal.index_on_or_before(state.period_start)
        previous_run, current_run = _runs(state, goal)
        if k_at == k:
            new = state.model_copy(update={"progress": advance(goal, state.progress, value)})
        elif k_at < k:
            if _following(cal, k_at) != k:
                return state  # older than the previous period: closed
            new = state.model_copy(update={"previous_progress": advance(goal, state.previous_progress, value)})
        else:
            after = _following(cal, k)
            if k_at == after:  # the next period: the state's period becomes the previous one
                carried, before = state.progress, previous_run
            elif k_at == _following(cal, after):  # one empty period in between
                carried, before = ZERO, current_run
            else:  # two or more: at least one period missed, whatever came before
                carried, before = ZERO, 0
            new = StreakState(
                period_start=start,
                progress=advance(goal, ZERO, value),
                previous_progress=carried,
                run_before=before,
                best=state.best,
            )
    return new.model_copy(update={"best": max(new.best, streak_of(new, goal))})


def current(state: StreakState, goal: EventGoal, tz: str, now: datetime) -> StreakView:
    """The streak at `now`: 0 once a whole period has passed unmet since the last met one.

    `today_progress` is the progress of the period holding `now` (0 when no event came in it).
    A `now` before the state's period (a skewed clock) reads as that period.
    """
    spec = _spec(goal)
    target = period_target(goal)
    streak, today = 0, ZERO
    if state.period_start is not None:
        cal = _calendar(goal, tz)
        k_now = cal.latest(_aware(now))
        k = cal.index_on_or_before(state.period_start)
        if k_now <= k:
            streak, today = streak_of(state, goal), state.progress
        elif k_now == _following(cal, k):
            streak = _runs(state, goal)[1]
    return StreakView(
        streak=streak, today_progress=today, target_per_period=target, periods=spec.periods, best=state.best
    )


def is_complete(state: StreakState, goal: EventGoal) -> bool:
    """True when the streak, as of the state's period, has reached the goal's P periods."""
    return streak_of(state, goal) >= _spec(goal).periods


def breaks_at(state: StreakState, goal: EventGoal, tz: str) -> datetime | None:
    """When the streak is lost unless more periods are met: the end of the state's period if it is
    not met yet, of the period after it if it is. None when there is no streak to lose.

    The instant can be in the past when no event came for a while; a timer armed for it fires at
    once, and `current` already reads 0.
    """
    previous_run, current_run = _runs(state, goal)
    if state.period_start is None or (previous_run == 0 and current_run == 0):
        return None
    cal = _calendar(goal, tz)
    k = cal.index_on_or_before(state.period_start)
    if current_run:
        k = _following(cal, k)
    return cal.reset(k + 1)


def _aware(at: datetime) -> datetime:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("instants must be time-zone aware")
    return at
