"""Streaks people trust (issue 17): freezes, outage repairs and changes of time zone, as pure rules."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.missions import EventGoal
from domain.streaks import StreakState, add_freeze, apply, current, repair, streak_of, streak_zone

EMPTY = StreakState()
ZONES = ["UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/Berlin", "America/New_York", "Asia/Kolkata"]


def goal(periods: int = 30, freezes: dict[str, Any] | None = None, **streak: Any) -> EventGoal:
    body: dict[str, Any] = {"period": "day", "periods": periods, **streak}
    if freezes is not None:
        body["freezes"] = freezes
    return EventGoal.model_validate({"kind": "event", "event_type": "visit", "count": 1, "streak": body})


def noon(d: date) -> datetime:
    return datetime(d.year, d.month, d.day, 12, tzinfo=UTC)


DAY1 = date(2026, 3, 2)


def days(g: EventGoal, offsets: list[int], state: StreakState = EMPTY, tz: str = "UTC") -> StreakState:
    for n in offsets:
        state = apply(state, g, tz, noon(DAY1 + timedelta(days=n)), None)
    return state


def test_without_freezes_a_missed_day_breaks_the_streak() -> None:
    g = goal()
    state = days(g, [0, 1, 2, 4])
    assert streak_of(state, g) == 1
    assert state.lost is None  # day 3 may still see a late event: not final yet
    state = days(g, [5], state)
    assert streak_of(state, g) == 2
    assert state.lost is not None and state.lost.run == 3 and state.lost.missed_from == DAY1 + timedelta(days=3)


def test_a_freeze_earned_every_3_kept_days_covers_one_missed_day() -> None:
    g = goal(freezes={"earn_every": 3, "max": 2})
    state = days(g, [0, 1, 2])
    assert state.freezes == 1
    state = days(g, [4], state)  # day 3 missed: the freeze keeps the run going
    assert streak_of(state, g) == 4
    view = current(state, g, "UTC", noon(DAY1 + timedelta(days=4)))
    assert (view.streak, view.freezes, view.freezes_used) == (4, 0, 1)
    state = days(g, [5], state)  # day 3 final: the freeze is used
    assert streak_of(state, g) == 5
    assert (state.freezes, state.freezes_used, state.frozen) == (0, 1, (DAY1 + timedelta(days=3),))
    # No freeze left: the next miss breaks it.
    state = days(g, [9, 10], state)
    assert streak_of(state, g) == 2


def test_the_view_counts_a_freeze_before_the_next_event_and_shows_the_freezes() -> None:
    g = goal(freezes={"earn_every": 2, "max": 1})
    state = days(g, [0, 1, 2, 3])
    assert state.freezes == 1  # max 1 held, though 2 were earned
    view = current(state, g, "UTC", noon(DAY1 + timedelta(days=5)))  # day 4 missed, day 5 under way
    assert (view.streak, view.freezes, view.freezes_used) == (4, 0, 1)
    view = current(state, g, "UTC", noon(DAY1 + timedelta(days=6)))  # days 4 and 5 missed
    assert view.streak == 0


def test_a_bought_freeze_is_held_up_to_the_goals_max() -> None:
    g = goal(freezes={"max": 2})
    state = days(g, [0])
    for n in range(3):
        state = add_freeze(state, g, f"p{n}")
    assert state.freezes == 2
    assert add_freeze(state.model_copy(update={"freezes": 0}), g, "p1").freezes == 0  # p1 was applied
    assert streak_of(days(g, [2], state), g) == 2


def test_a_repair_restores_a_run_broken_by_an_outage_once() -> None:
    g = goal()
    state = days(g, [0, 1, 2, 4, 5, 6])  # day 3 lost to an outage
    assert streak_of(state, g) == 3
    outage = noon(DAY1 + timedelta(days=3))
    repaired = repair(state, g, "UTC", "job-1", outage, outage + timedelta(hours=2))
    assert streak_of(repaired, g) == 6
    assert repaired.lost is None and DAY1 + timedelta(days=3) in repaired.frozen
    assert repair(repaired, g, "UTC", "job-1", outage, outage + timedelta(hours=2)) == repaired


def test_a_repair_outside_the_gap_restores_nothing_and_covers_a_miss_still_open() -> None:
    g = goal()
    state = days(g, [0, 1, 2, 4])
    elsewhere = noon(DAY1 + timedelta(days=10))
    assert streak_of(repair(state, g, "UTC", "j", elsewhere, elsewhere + timedelta(hours=1)), g) == 1
    # An outage yesterday, repaired today before the day is final: the run is not shown broken.
    state = days(g, [0, 1, 2])
    today = noon(DAY1 + timedelta(days=4))
    assert current(state, g, "UTC", today).streak == 0
    yesterday = noon(DAY1 + timedelta(days=3))
    covered = repair(state, g, "UTC", "j2", yesterday, yesterday + timedelta(hours=1))
    assert current(covered, g, "UTC", today).streak == 3
    assert streak_of(days(g, [4], covered), g) == 4


def test_the_users_zone_counts_only_when_the_streak_says_so() -> None:
    assert streak_zone(goal(), "UTC", "Asia/Kolkata") == "UTC"
    assert streak_zone(goal(time_zone="user"), "UTC", "Asia/Kolkata") == "Asia/Kolkata"
    assert streak_zone(goal(time_zone="user"), "UTC", None) == "UTC"


def test_moving_east_never_skips_a_day_and_west_never_counts_one_twice() -> None:
    g = goal()
    state = apply(EMPTY, g, "UTC", datetime(2026, 3, 2, 20, tzinfo=UTC), None)
    # 10:00 UTC on 3 March is 00:00 on 4 March in Kiritimati (+14): still the day under way.
    east = apply(state, g, "Pacific/Kiritimati", datetime(2026, 3, 2, 23, tzinfo=UTC), None)
    assert streak_of(east, g) == 1
    east = apply(east, g, "Pacific/Kiritimati", datetime(2026, 3, 3, 11, tzinfo=UTC), None)
    assert streak_of(east, g) == 2
    # West (-11): 3 March 05:00 UTC is 2 March in Pago Pago, but the day under way stays one day.
    west = apply(state, g, "Pacific/Pago_Pago", datetime(2026, 3, 3, 5, tzinfo=UTC), None)
    assert streak_of(west, g) == 1


@settings(max_examples=200, deadline=None)
@given(
    gaps=st.lists(st.integers(min_value=60, max_value=12 * 60), min_size=1, max_size=60),
    zones=st.lists(st.sampled_from(ZONES), min_size=1, max_size=60),
)
def test_zone_changes_never_break_a_kept_streak_nor_count_a_day_twice(gaps: list[int], zones: list[str]) -> None:
    """Events at most 12 hours apart meet every day whatever zone each is counted in: the streak
    never falls. And a streak of n days needs events spanning at least n - 2 whole days (each
    period is at least 23 hours long, and periods never overlap)."""
    g = goal(periods=366, time_zone="user")
    at = datetime(2026, 3, 1, 7, tzinfo=UTC)
    state = apply(EMPTY, g, zones[0], at, None)
    first, before = at, streak_of(state, g)
    for i, gap in enumerate(gaps):
        at += timedelta(minutes=gap)
        state = apply(state, g, zones[(i + 1) % len(zones)], at, None)
        now = streak_of(state, g)
        assert now >= before
        assert now <= 2 + (at - first) / timedelta(hours=23)
        before = now
