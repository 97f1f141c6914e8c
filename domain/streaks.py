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

Freezes (`Streak.freezes`, issue 17): a period is *final* once the state has moved two periods
past it (before that a late event may still meet it). A final period that was missed while a
run is going consumes a freeze the user holds instead of breaking the run: the run goes on, the
frozen period adding nothing to it. Freezes are earned every `earn_every` newly met periods (up
to `max` held), or added from outside (`add_freeze`: the shop). Until the missed period is
final, the streak reads as if its freeze will be used (the run is not shown broken).

Repair (`repair`): an operator's outage window covers every period overlapping it: a missed,
final period in it is kept like a frozen one, without using a freeze, and a run that broke on
periods all within the window is restored (`lost` remembers the latest break for this).

Time zones: the state remembers the zone its `period_start` is a date of. When the zone changes
(a user's own zone, `Streak.time_zone: "user"`), the period under way ends no earlier than it
would have in the old zone: it becomes the new zone's period holding its old end, so it may grow
(by less than a period) but never shrinks, and the next period is a whole period of the new
zone. So a change of zone never breaks a run (no period is skipped) and never counts a day
twice (periods stay disjoint and each is at least a whole period of one zone long).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
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
    #: The IANA zone `period_start` is a local date of (None: recorded before zones were kept).
    zone: str | None = None
    #: Freezes held now, freezes used so far, and newly met periods toward the next earned one.
    freezes: int = 0
    freezes_used: int = 0
    toward_freeze: int = 0
    #: The latest periods a freeze or a repair kept (their local start dates, newest last).
    frozen: tuple[date, ...] = ()
    #: Outage windows an operator's repair covers (newest last).
    covered: tuple[Cover, ...] = ()
    #: The latest run lost to missed periods (what a repair may restore).
    lost: LostRun | None = None
    #: Repair jobs and freeze purchases applied (their ids), so applying one twice changes nothing.
    repairs: tuple[str, ...] = ()


class Cover(BaseModel):
    """An outage window [start, end) whose missed periods a repair keeps."""

    model_config = ConfigDict(frozen=True)

    start: datetime
    end: datetime


class LostRun(BaseModel):
    """A run that missed periods broke: its length and the missed, final periods after it."""

    model_config = ConfigDict(frozen=True)

    run: int
    zone: str
    #: The first and the last missed period (local start dates in `zone`) before any met again.
    missed_from: date
    missed_to: date
    #: A period was met again after the gap (the gap stops growing).
    resumed: bool = False


#: How many frozen dates and cover windows a state keeps (bounded payloads).
KEPT = 16
_TICK = timedelta(microseconds=1)


class StreakView(BaseModel):
    """A streak as a user sees it at a given moment."""

    model_config = ConfigDict(frozen=True)

    streak: int
    today_progress: Decimal
    target_per_period: Decimal
    periods: int
    best: int
    freezes: int = 0
    freezes_used: int = 0


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


def _preceding(cal: Calendar, k: int) -> int:
    """The period before period k."""
    return cal.latest(cal.reset(k) - _TICK)


def _covered(state: StreakState, cal: Calendar, k: int) -> bool:
    """Whether period k overlaps an outage window a repair covers."""
    start, end = cal.reset(k), cal.reset(k + 1)
    return any(c.start < end and start < c.end for c in state.covered)


def _spared(state: StreakState, goal: EventGoal) -> bool:
    """Whether the previous period, if it ends missed, would be kept (a freeze or a repair)."""
    if state.freezes > 0:
        return True
    if not state.covered or state.period_start is None:
        return False
    cal = _calendar(goal, state.zone or "UTC")
    return _covered(state, cal, _preceding(cal, cal.index_on_or_before(state.period_start)))


def _freeze_pending(state: StreakState, goal: EventGoal) -> bool:
    """Whether the previous period ended missed during a run and a freeze will keep it (it is
    used once that period is final; a late event meeting it first keeps the freeze)."""
    if state.period_start is None or not state.run_before or state.freezes <= 0:
        return False
    if state.previous_progress >= period_target(goal):
        return False
    cal = _calendar(goal, state.zone or "UTC")
    return not _covered(state, cal, _preceding(cal, cal.index_on_or_before(state.period_start)))


def _runs(state: StreakState, goal: EventGoal) -> tuple[int, int]:
    """Consecutive kept periods ending at the previous period, and at the state's period."""
    target = period_target(goal)
    if state.previous_progress >= target:
        previous = state.run_before + 1
    else:
        previous = state.run_before if state.run_before and _spared(state, goal) else 0
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


def _rezone(state: StreakState, goal: EventGoal, tz: str) -> StreakState:
    """The state in zone `tz`: the period under way becomes the new zone's period holding its
    old end (never shorter); nothing else moves. A state without a zone takes `tz` as its own."""
    if state.period_start is None or state.zone in (None, tz):
        return state.model_copy(update={"zone": tz})
    old = _calendar(goal, state.zone)
    end = old.reset(old.index_on_or_before(state.period_start) + 1)
    new = _calendar(goal, tz)
    return state.model_copy(update={"zone": tz, "period_start": new.date_of(new.latest(end - _TICK))})


class _Closing:
    """Closes final periods one by one: kept when met, frozen or covered, else the run breaks."""

    def __init__(self, state: StreakState, cal: Calendar, zone: str) -> None:
        self.cal, self.zone = cal, zone
        self.chain = state.run_before
        self.freezes, self.used = state.freezes, state.freezes_used
        self.toward = state.toward_freeze
        self.frozen = list(state.frozen)
        self.lost = state.lost
        self.state = state

    def close(self, k: int, met: bool) -> None:
        day = self.cal.date_of(k)
        if met:
            self.chain += 1
            if self.lost is not None and not self.lost.resumed:
                self.lost = self.lost.model_copy(update={"resumed": True})
        elif self.chain > 0:
            if _covered(self.state, self.cal, k):
                self.frozen.append(day)
            elif self.freezes > 0:
                self.freezes -= 1
                self.used += 1
                self.frozen.append(day)
            else:
                self.lost = LostRun(run=self.chain, zone=self.zone, missed_from=day, missed_to=day)
                self.chain, self.toward = 0, 0
        elif self.lost is not None and not self.lost.resumed and self.lost.zone == self.zone:
            self.lost = self.lost.model_copy(update={"missed_to": max(self.lost.missed_to, day)})

    def fields(self) -> dict[str, object]:
        return {
            "run_before": self.chain,
            "freezes": self.freezes,
            "freezes_used": self.used,
            "toward_freeze": self.toward,
            "frozen": tuple(self.frozen[-KEPT:]),
            "lost": self.lost,
        }


def _advance(state: StreakState, goal: EventGoal, cal: Calendar, k_new: int) -> StreakState:
    """The state moved on to the later period `k_new` (nothing in it yet): the periods that became
    final on the way are closed, in order."""
    assert state.period_start is not None and state.zone is not None
    target = period_target(goal)
    k = cal.index_on_or_before(state.period_start)
    closing = _Closing(state, cal, state.zone)
    closing.close(_preceding(cal, k), state.previous_progress >= target)
    after = _following(cal, k)
    carried = state.progress
    if k_new != after:
        carried = ZERO
        closing.close(k, state.progress >= target)
        last_open = _preceding(cal, k_new)  # the new previous period: not final yet
        j = after
        while j < last_open:
            if closing.chain == 0:
                # No run left to keep or break: only a gap's end may move, to the last final period.
                closing.close(_preceding(cal, last_open), False)
                break
            closing.close(j, False)
            j = _following(cal, j)
    return state.model_copy(
        update={"period_start": cal.date_of(k_new), "progress": ZERO, "previous_progress": carried, **closing.fields()}
    )


def _earn(state: StreakState, goal: EventGoal, newly_met: bool) -> StreakState:
    """Counts a newly met period toward the next earned freeze."""
    freezes = _spec(goal).freezes
    if not newly_met or freezes is None or freezes.earn_every is None:
        return state
    toward = state.toward_freeze + 1
    if toward < freezes.earn_every:
        return state.model_copy(update={"toward_freeze": toward})
    return state.model_copy(update={"toward_freeze": 0, "freezes": min(freezes.max, state.freezes + 1)})


def apply(state: StreakState, goal: EventGoal, tz: str, at: datetime, value: Decimal | None) -> StreakState:
    """The state after one matching, deduplicated event at `at` with `value` (the caller matches
    event type and tags), `tz` being the zone in force at `at`. Events of later periods close the
    periods between; see the module's note for events of earlier ones and for a change of zone."""
    cal = _calendar(goal, tz)
    target = period_target(goal)
    k_at = cal.latest(_aware(at))
    start = cal.date_of(k_at)
    if state.period_start is None:
        progress = advance(goal, ZERO, value)
        new = state.model_copy(
            update={"period_start": start, "progress": progress, "previous_progress": ZERO, "run_before": 0, "zone": tz}
        )
        new = _earn(new, goal, progress >= target)
    else:
        state = _rezone(state, goal, tz)
        assert state.period_start is not None
        k = cal.index_on_or_before(state.period_start)
        if k_at < k:
            if _following(cal, k_at) != k:
                return state  # older than the previous period: closed
            progress = advance(goal, state.previous_progress, value)
            new = state.model_copy(update={"previous_progress": progress})
            new = _earn(new, goal, state.previous_progress < target <= progress)
        else:
            if k_at > k:
                state = _advance(state, goal, cal, k_at)
            progress = advance(goal, state.progress, value)
            new = state.model_copy(update={"progress": progress})
            new = _earn(new, goal, state.progress < target <= progress)
    return new.model_copy(update={"best": max(new.best, streak_of(new, goal))})


def freeze_refusal(state: StreakState | None, goal: EventGoal) -> tuple[str, str] | None:
    """Why one more freeze cannot be added (error code, sentence), or None when it can: the goal
    must offer freezes, and the user hold fewer than its `max`."""
    spec = _spec(goal).freezes
    if spec is None:
        return "freezes_not_offered", "this streak offers no freezes"
    if state is not None and state.freezes >= spec.max:
        return "freezes_full", f"the user already holds the most freezes this streak allows ({spec.max})"
    return None


def add_freeze(state: StreakState, goal: EventGoal, key: str | None = None) -> StreakState:
    """The state with one more freeze held (bought or granted), up to the goal's `max`; with
    `key` (a purchase id), adding it twice adds one."""
    spec = _spec(goal).freezes
    if spec is None or (key is not None and key in state.repairs):
        return state
    applied = (*state.repairs, key)[-KEPT:] if key is not None else state.repairs
    return state.model_copy(update={"freezes": min(spec.max, state.freezes + 1), "repairs": applied})


def repair(state: StreakState, goal: EventGoal, tz: str, job_id: str, start: datetime, end: datetime) -> StreakState:
    """The state after an operator's repair of the outage window [start, end): missed periods
    overlapping it are kept from now on (without using freezes), and the latest run lost on
    periods all within it is restored. Applying the same `job_id` twice changes nothing."""
    if job_id in state.repairs or state.period_start is None:
        return state
    state = _rezone(state, goal, tz)
    cover = Cover(start=_aware(start), end=_aware(end))
    state = state.model_copy(
        update={"covered": (*state.covered, cover)[-KEPT:], "repairs": (*state.repairs, job_id)[-KEPT:]}
    )
    lost = state.lost
    if lost is not None:
        cal = _calendar(goal, lost.zone)
        first = cal.index_on_or_before(lost.missed_from)
        last = cal.index_on_or_before(lost.missed_to)
        if cal.reset(first + 1) > cover.start and cal.reset(last) < cover.end:
            frozen = [cal.date_of(j) for j in range(first, last + 1)]
            state = state.model_copy(
                update={
                    "run_before": state.run_before + lost.run,
                    "lost": None,
                    "frozen": tuple([*state.frozen, *frozen][-KEPT:]),
                }
            )
    return state.model_copy(update={"best": max(state.best, streak_of(state, goal))})


def current(state: StreakState, goal: EventGoal, tz: str, now: datetime) -> StreakView:
    """The streak at `now`: 0 once a whole period has passed unmet since the last kept one (and
    no freeze or repair keeps it), with the freezes held and used as of `now`.

    `today_progress` is the progress of the period holding `now` (0 when no event came in it).
    A `now` before the state's period (a skewed clock) reads as that period.
    """
    spec = _spec(goal)
    target = period_target(goal)
    streak, today = 0, ZERO
    if state.period_start is not None:
        state = _rezone(state, goal, tz)
        cal = _calendar(goal, tz)
        k_now = cal.latest(_aware(now))
        assert state.period_start is not None
        k = cal.index_on_or_before(state.period_start)
        if k_now > k:
            state = _advance(state, goal, cal, k_now)
        else:
            today = state.progress
        streak = streak_of(state, goal)
    held, used = state.freezes, state.freezes_used
    if _freeze_pending(state, goal):
        held, used = held - 1, used + 1  # the previous period ended missed: its freeze is spoken for
    return StreakView(
        streak=streak,
        today_progress=today,
        target_per_period=target,
        periods=spec.periods,
        best=state.best,
        freezes=held,
        freezes_used=used,
    )


def is_complete(state: StreakState, goal: EventGoal) -> bool:
    """True when the streak, as of the state's period, has reached the goal's P periods."""
    return streak_of(state, goal) >= _spec(goal).periods


def breaks_at(state: StreakState, goal: EventGoal, tz: str) -> datetime | None:
    """When the streak is lost unless more periods are met: the end of the state's period if it is
    not met yet, of the period after it if it is. None when there is no streak to lose.

    (Freezes held postpone it: `current` reads them; this is the next period end that needs a
    met period or a freeze.) The instant can be in the past when no event came for a while; a
    timer armed for it fires at once, and `current` already reads 0.
    """
    previous_run, current_run = _runs(state, goal)
    if state.period_start is None or (previous_run == 0 and current_run == 0):
        return None
    state = _rezone(state, goal, tz)
    assert state.period_start is not None
    cal = _calendar(goal, tz)
    k = cal.index_on_or_before(state.period_start)
    if current_run:
        k = _following(cal, k)
    return cal.reset(k + 1)


def streak_zone(goal: EventGoal, mission_zone: str, user_zone: str | None) -> str:
    """The zone a streak's periods are counted in: the user's own when the goal says so and the
    user has one, else the mission's."""
    if goal.streak is not None and goal.streak.time_zone == "user" and user_zone:
        return user_zone
    return mission_zone


def follows_user_zone(goal: object) -> bool:
    """Whether a goal is a streak counted in each user's own zone (its events carry the zone)."""
    return isinstance(goal, EventGoal) and goal.streak is not None and goal.streak.time_zone == "user"


def held_zone(state: StreakState | None, mission_zone: str) -> str:
    """The zone a stored state counts in (what a read without the user's profile uses)."""
    return state.zone if state is not None and state.zone else mission_zone


def _aware(at: datetime) -> datetime:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("instants must be time-zone aware")
    return at
