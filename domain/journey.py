"""One user's journey through one mission: its durable state, its clocks and its status.

The enrolment workflow holds a `Journey` and changes it only through the functions here; the
read model stores the same `Journey`; the API's projection reads it at the request's "now".
So the workflow, the event router and the read side agree by construction.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from domain.goals import advance, changes_progress, event_matches, is_met
from domain.missions import EventGoal, MissionSpec, MissionStatus, MissionType
from domain.recurrence import Schedule
from domain.social_cooldown import VerificationState
from domain.streaks import StreakState, streak_of, streak_zone
from domain.streaks import apply as apply_streak
from domain.streaks import is_complete as streak_complete


class EnrolmentStatus(StrEnum):
    """The journey's lifecycle state (also the `EnrolmentStatus` search attribute)."""

    LOCKED = "locked"
    AVAILABLE = "available"
    OPTED_IN = "opted_in"
    PENDING = "pending"
    COMPLETED = "completed"
    MISSED = "missed"


TERMINAL = frozenset({EnrolmentStatus.COMPLETED, EnrolmentStatus.MISSED})


class MissionContext(BaseModel):
    """What a journey needs to know about its mission: the spec of one revision and when it went live."""

    model_config = ConfigDict(frozen=True)

    mission_id: str
    revision: int
    spec: MissionSpec
    status: MissionStatus
    activated_at: datetime | None
    #: When the mission's `budget_cap` was spent: users who have not started can no longer start.
    budget_exhausted_at: datetime | None = None
    #: The user whose personal challenge this is (None: an operator's mission, for everyone).
    owner_user_id: str | None = None

    @property
    def live(self) -> bool:
        """Active missions have journeys; drafts and archived ones have none."""
        return self.status is MissionStatus.ACTIVE and self.activated_at is not None


class SubmissionState(BaseModel):
    """The latest proof submitted for a manual goal, as the journey knows it."""

    id: str
    status: Literal["pending", "approved", "declined", "expired"]
    proof: dict[str, Any]
    feedback: str | None = None
    submitted_at: datetime
    decided_at: datetime | None = None


class Journey(BaseModel):
    """The durable state of one (mission, user) enrolment.

    Only facts are stored (when the user opted in, was unlocked, completed...); whether the
    journey is locked, available or missed *now* is derived by `status_at`, so a timer that has
    not fired yet never makes the read side wrong.
    """

    mission_id: str
    user_id: str
    revision: int = 1
    progress: Decimal = Decimal(0)
    completions: int = 0
    unlocked_at: datetime | None = None
    granted_at: datetime | None = None
    opted_in_at: datetime | None = None
    completed_at: datetime | None = None
    pending_since: datetime | None = None
    prerequisites_done: list[str] = Field(default_factory=list)
    #: The latest completion among `prerequisites_done`: the moment the last one opens the mission.
    prerequisites_at: datetime | None = None
    submission: SubmissionState | None = None
    #: Set while the user is not eligible (§7: left the mission's segments or tiers); events
    #: received meanwhile do not progress the journey.
    ineligible_since: datetime | None = None
    closed_at: datetime | None = None
    #: For a streak goal: the streak's state (`progress` then holds the streak, in periods).
    streak: StreakState | None = None
    #: For a `recurring` mission: the cycle this journey belongs to (one journey per cycle).
    cycle: int | None = None
    #: For a social goal: the latest check the user asked for (`POST .../verify`).
    verification: VerificationState | None = None
    #: Bumped on every change; the read model keeps only the newest version.
    version: int = 0


# --- clocks (docs/missions.md §3) ------------------------------------------------------


def available_from(ctx: MissionContext) -> datetime | None:
    """When the mission opens for anyone: max(activation, S); for recurring, its first cycle's start
    (max(activation, S) with a start, else the first reset on or after activation)."""
    if ctx.activated_at is None:
        return None
    start = ctx.spec.start_at
    opened = max(ctx.activated_at, start) if start else ctx.activated_at
    plan = schedule_of(ctx)
    return plan.first_reset() if plan is not None else opened


# --- recurrence (one journey per cycle) ------------------------------------------------------

_SCHEDULES: dict[tuple[str, int, datetime], Schedule] = {}


def schedule_of(ctx: MissionContext) -> Schedule | None:
    """The resets of a `recurring` mission (its first cycle opening at max(activation, S)) until E; else None."""
    spec = ctx.spec
    if spec.type is not MissionType.RECURRING or spec.recurrence is None or ctx.activated_at is None:
        return None
    key = (ctx.mission_id, ctx.revision, ctx.activated_at)
    plan = _SCHEDULES.get(key)
    if plan is None:
        plan = Schedule.for_mission(spec, ctx.activated_at)
        if len(_SCHEDULES) > 4096:  # a memo, not a store: the same answer is rebuilt on demand
            _SCHEDULES.clear()
        _SCHEDULES[key] = plan
    return plan


def cycle_at(ctx: MissionContext, at: datetime) -> int | None:
    """The cycle of a recurring mission in progress at `at` (None before the first reset, and
    for other types)."""
    plan = schedule_of(ctx)
    return plan.cycle_of(at) if plan is not None else None


def cycle_end(ctx: MissionContext, journey: Journey | None) -> datetime | None:
    """The reset that ends the journey's cycle; None when no further cycle comes (or not recurring)."""
    plan = schedule_of(ctx)
    if plan is None or journey is None or journey.cycle is None:
        return None
    return plan.reset_of(journey.cycle + 1)


def journey_now(ctx: MissionContext, journey: Journey | None, now: datetime, user_id: str = "") -> Journey | None:
    """The journey that matters at `now`: for a recurring mission, the stored one if it belongs to
    the cycle in progress, else a fresh journey of that cycle (every reset starts everyone over);
    for other missions, the journey itself."""
    plan = schedule_of(ctx)
    if plan is None:
        return journey
    cycle = plan.cycle_of(now)
    if journey is not None and journey.cycle == cycle:
        return journey
    if cycle is None:
        return None
    owner = journey.user_id if journey is not None else user_id
    return Journey(mission_id=ctx.mission_id, user_id=owner, revision=ctx.revision, cycle=cycle)


def anchor(ctx: MissionContext, journey: Journey | None) -> datetime | None:
    """The moment `time_to_complete` counts from, once it exists."""
    spec = ctx.spec
    if spec.opt_in:
        return journey.opted_in_at if journey else None
    plan = schedule_of(ctx)
    if plan is not None:
        return plan.reset_of(journey.cycle) if journey is not None and journey.cycle is not None else None
    opened = available_from(ctx)
    if spec.type is MissionType.LOCKED:
        return _later(journey.unlocked_at, opened) if journey and journey.unlocked_at else None
    if spec.type is MissionType.FEATURED:
        return _later(journey.granted_at, opened) if journey and journey.granted_at else None
    return opened


def deadline(ctx: MissionContext, journey: Journey | None) -> datetime | None:
    """The earliest of E, anchor + T and (recurring) the next reset; None when none exists yet."""
    candidates = []
    if ctx.spec.end_at is not None:
        candidates.append(ctx.spec.end_at)
    reset = cycle_end(ctx, journey)
    if reset is not None:
        candidates.append(reset)
    start = anchor(ctx, journey)
    if start is not None and ctx.spec.time_to_complete is not None:
        candidates.append(start + ctx.spec.time_to_complete)
    return min(candidates) if candidates else None


def _later(a: datetime | None, b: datetime | None) -> datetime | None:
    if a is None or b is None:
        return a or b
    return max(a, b)


# --- status ----------------------------------------------------------------------------------


def completions_exhausted(ctx: MissionContext, journey: Journey | None) -> bool:
    """True when no further completion is possible (one-off done, or `max_completions` reached)."""
    if journey is None or journey.completions == 0:
        return False
    if ctx.spec.type is MissionType.RECURRING_ON_COMPLETION:
        limit = ctx.spec.max_completions
        return limit is not None and journey.completions >= limit
    return True


def _by(moment: datetime | None, now: datetime | None) -> bool:
    """A fact counts from its moment on: an event received before an unlock does not see it."""
    return moment is not None and (now is None or moment <= now)


def is_unlocked(ctx: MissionContext, journey: Journey | None, now: datetime | None = None) -> bool:
    """Locked missions need an unlock, featured ones a grant (by `now`, when given); others are open."""
    if ctx.spec.type is MissionType.LOCKED:
        return journey is not None and _by(journey.unlocked_at, now)
    if ctx.spec.type is MissionType.FEATURED:
        return journey is not None and _by(journey.granted_at, now)
    return True


#: How long after its cause an unlock (or a grant) takes effect: the event that caused it, received
#: at that instant, never counts for the mission it opens; every event received later does (§3).
JUST_AFTER = timedelta(microseconds=1)


def effective_after(cause: datetime) -> datetime:
    """The moment an unlock or grant caused at `cause` (a completion, a tier, a segment entry) opens."""
    return cause + JUST_AFTER


def status_at(ctx: MissionContext, journey: Journey | None, now: datetime) -> EnrolmentStatus:
    """The journey's status at `now`, from the facts stored and the clocks."""
    if completions_exhausted(ctx, journey):
        return EnrolmentStatus.COMPLETED
    spec = ctx.spec
    end = deadline(ctx, journey)
    if (end is not None and now >= end) or (spec.end_at is not None and now >= spec.end_at):
        return EnrolmentStatus.MISSED
    opened = available_from(ctx)
    if opened is None or now < opened or not is_unlocked(ctx, journey, now):
        return EnrolmentStatus.LOCKED
    if journey is not None and _by(journey.pending_since, now):
        return EnrolmentStatus.PENDING
    if journey is not None and _by(journey.opted_in_at, now):
        return EnrolmentStatus.OPTED_IN
    return EnrolmentStatus.AVAILABLE


class Reason(StrEnum):
    """Why an event did not count for a journey: the stable codes of `event_verdict` (and of
    `progress_blocker`, for anything that asks whether the journey may progress at a moment)."""

    WRONG_EVENT_TYPE = "wrong_event_type"
    WRONG_TAGS = "wrong_tags"
    VALUE_OUT_OF_RANGE = "value_out_of_range"
    NO_POSITIVE_AMOUNT = "no_positive_amount"
    DUPLICATE_ID = "duplicate_id"
    MISSION_CLOSED = "mission_closed"
    NOT_ELIGIBLE = "not_eligible"
    BEFORE_START = "before_start"
    LOCKED = "locked"
    NOT_GRANTED = "not_granted"
    AFTER_DEADLINE = "after_deadline"
    NOT_OPTED_IN = "not_opted_in"
    SUBMISSION_PENDING = "submission_pending"
    ALREADY_COMPLETED = "already_completed"
    CYCLE_COMPLETED = "cycle_completed"
    BUDGET_SPENT = "budget_spent"
    #: Received while the mission was paused (said by explanations: the router drops such events
    #: before any journey sees them, so `event_verdict` never returns it).
    MISSION_PAUSED = "mission_paused"


def progress_blocker(ctx: MissionContext, journey: Journey | None, now: datetime) -> Reason | None:
    """Why the journey may not progress at `now` (§5: locked, not opted in, out of time...), or None."""
    if not ctx.live or (journey is not None and journey.closed_at is not None):
        return Reason.MISSION_CLOSED
    if journey is not None and _by(journey.ineligible_since, now):
        return Reason.NOT_ELIGIBLE
    status = status_at(ctx, journey, now)
    if status is EnrolmentStatus.OPTED_IN:
        return None
    if status is EnrolmentStatus.AVAILABLE:
        return Reason.NOT_OPTED_IN if ctx.spec.opt_in else None
    if status is EnrolmentStatus.COMPLETED:
        return Reason.CYCLE_COMPLETED if ctx.spec.type is MissionType.RECURRING else Reason.ALREADY_COMPLETED
    if status is EnrolmentStatus.MISSED:
        return Reason.AFTER_DEADLINE
    if status is EnrolmentStatus.PENDING:
        return Reason.SUBMISSION_PENDING
    opened = available_from(ctx)
    if opened is None or now < opened:
        return Reason.BEFORE_START
    return Reason.NOT_GRANTED if ctx.spec.type is MissionType.FEATURED else Reason.LOCKED


def can_progress(ctx: MissionContext, journey: Journey | None, now: datetime) -> bool:
    """Whether an event at `now` may move this journey (§5: not locked, opted in, in time)."""
    return progress_blocker(ctx, journey, now) is None


def can_opt_in(ctx: MissionContext, journey: Journey | None, now: datetime) -> bool:
    """The opt-in button: an opt-in mission, open, not yet opted in."""
    return (
        ctx.live
        and ctx.spec.opt_in
        and (journey is None or journey.closed_at is None)
        and status_at(ctx, journey, now) is EnrolmentStatus.AVAILABLE
    )


def next_change(ctx: MissionContext, journey: Journey | None, now: datetime) -> datetime | None:
    """The next instant after `now` at which time alone changes the status (a durable timer)."""
    current = status_at(ctx, journey, now)
    instants = sorted({t for t in (available_from(ctx), deadline(ctx, journey), ctx.spec.end_at) if t and t > now})
    return next((t for t in instants if status_at(ctx, journey, t) != current), None)


def has_started(journey: Journey | None) -> bool:
    """Whether the user has started the mission: progress, an opt-in, a submission, a social check
    or a completion.

    Once a mission's budget cap is spent, only users who have started may go on (§4, §6).
    """
    return journey is not None and (
        journey.progress > 0
        or journey.completions > 0
        or journey.opted_in_at is not None
        or journey.submission is not None
        or journey.verification is not None
    )


def budget_closed(ctx: MissionContext, journey: Journey | None) -> bool:
    """True when the spent budget keeps this user out: the cap is reached and they have not started."""
    return ctx.budget_exhausted_at is not None and not has_started(journey)


# --- event routing pre-filter ----------------------------------------------------------------


def event_verdict(
    ctx: MissionContext,
    journey: Journey | None,
    *,
    event_type: str,
    tags: list[str],
    value: Decimal | None,
    at: datetime,
    eligible: bool = True,
    seen_before: bool = False,
) -> Reason | None:
    """The one decision on an event: None when it counts for this journey, else why not.

    The API's router (its pre-filter, `event_can_change`), the journey (`apply_event`) and the
    explain view (`services.explain`) all call it, so none can disagree with the others.
    `eligible`: whether the user is in the mission's segments and tiers at `at` (§7; the router
    and explain know it, the journey keeps `ineligible_since` instead); `seen_before`: the id
    was seen before (the journey drops such events on arrival). Checked in this order: the event
    itself (type, tags, value), then the journey (closed, eligibility, clocks, opt-in, lock,
    completion), then the budget.
    """
    goal = ctx.spec.goal
    if seen_before:
        return Reason.DUPLICATE_ID
    if not isinstance(goal, EventGoal) or event_type != goal.event_type:
        return Reason.WRONG_EVENT_TYPE
    if not event_matches(goal, event_type, tags):
        return Reason.WRONG_TAGS
    if not changes_progress(goal, value):
        return Reason.VALUE_OUT_OF_RANGE if goal.amount_max is not None else Reason.NO_POSITIVE_AMOUNT
    blocker = progress_blocker(ctx, journey, at)
    if blocker is Reason.MISSION_CLOSED:
        return blocker
    if not eligible:
        return Reason.NOT_ELIGIBLE
    if blocker is not None:
        return blocker
    return Reason.BUDGET_SPENT if budget_closed(ctx, journey) else None


def event_can_change(
    ctx: MissionContext,
    journey: Journey | None,
    *,
    event_type: str,
    tags: list[str],
    value: Decimal | None,
    at: datetime,
    eligible: bool = True,
) -> bool:
    """Pure pre-filter: False when the event provably cannot change this journey (`event_verdict`).

    The API's router calls it before signalling, and the workflow applies the same rules, so an
    event the router drops is one the journey would have ignored.
    """
    verdict = event_verdict(ctx, journey, event_type=event_type, tags=tags, value=value, at=at, eligible=eligible)
    return verdict is None


class EventOutcome(StrEnum):
    """What applying one event did to a journey."""

    IGNORED = "ignored"
    PROGRESSED = "progressed"
    COMPLETED = "completed"


def apply_event(
    ctx: MissionContext,
    journey: Journey,
    *,
    event_type: str,
    tags: list[str],
    value: Decimal | None,
    at: datetime,
    time_zone: str | None = None,
) -> EventOutcome:
    """Applies one (deduplicated) event received at `at`; mutates `journey` in place.

    `time_zone` is the user's own zone at `at` (a streak with `time_zone: "user"` counts in it).
    Whether it counts is `event_verdict`'s decision (the router's and explain's too)."""
    if event_verdict(ctx, journey, event_type=event_type, tags=tags, value=value, at=at) is not None:
        return EventOutcome.IGNORED
    goal = ctx.spec.goal
    assert isinstance(goal, EventGoal)
    if goal.streak is not None:
        zone = streak_zone(goal, ctx.spec.timezone, time_zone)
        journey.streak = apply_streak(journey.streak or StreakState(), goal, zone, at, value)
        journey.progress = Decimal(streak_of(journey.streak, goal))
        met = streak_complete(journey.streak, goal)
    else:
        journey.progress = advance(goal, journey.progress, value)
        met = is_met(goal, journey.progress)
    changed(journey)
    if met:
        complete(ctx, journey, at)
        return EventOutcome.COMPLETED
    return EventOutcome.PROGRESSED


def complete(ctx: MissionContext, journey: Journey, at: datetime) -> None:
    """Records one completion; a `recurring_on_completion` mission starts over at once."""
    journey.completions += 1
    journey.completed_at = at
    journey.pending_since = None
    if ctx.spec.type is MissionType.RECURRING_ON_COMPLETION:
        # A repeatable mission resets after each completion, opt-in included (§2); a one-off
        # keeps the progress that met its goal.
        journey.progress = Decimal(0)
        if not completions_exhausted(ctx, journey):
            journey.opted_in_at = None
    changed(journey)


def changed(journey: Journey) -> None:
    """Marks one change of the journey: the only place that bumps `version` (the read model keeps
    only the newest). Every transition (`apply_event`, `complete`, `domain.transitions`) ends here."""
    journey.version += 1


def reward_key(mission_id: str, user_id: str, completion: int, cycle: int | None = None) -> str:
    """The ledger idempotency key of one completion: stable across retries, replays and restarts
    (and, for a recurring mission, distinct per cycle)."""
    if cycle is not None:
        return f"reward:{mission_id}:{user_id}:c{cycle}:{completion}"
    return f"reward:{mission_id}:{user_id}:{completion}"
