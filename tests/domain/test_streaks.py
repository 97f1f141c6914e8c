"""Streak goals (docs/missions.md §5): the per-period goal met in P consecutive days or ISO
weeks of the mission's time zone; a missed period resets the streak."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.missions import EventGoal
from domain.streaks import (
    StreakState,
    StreakView,
    apply,
    breaks_at,
    current,
    is_complete,
    period_of,
    streak_of,
)

BERLIN = "Europe/Berlin"
D = Decimal
EMPTY = StreakState()


def goal(period: str = "day", periods: int = 7, **measure: Any) -> EventGoal:
    body = {"kind": "event", "event_type": "deposit", "streak": {"period": period, "periods": periods}, **measure}
    if "count" not in body and "amount_min" not in body:
        body["count"] = 8
    return EventGoal.model_validate(body)


def at(tz: str, year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    """A local wall time in `tz` as a UTC instant."""
    return datetime(year, month, day, hour, minute, second, tzinfo=ZoneInfo(tz)).astimezone(UTC)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0, micro: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, micro, tzinfo=UTC)


def run(
    g: EventGoal, tz: str, events: Iterable[tuple[datetime, Decimal | None]], state: StreakState = EMPTY
) -> StreakState:
    for when, value in events:
        state = apply(state, g, tz, when, value)
    return state


def daily(
    day: date, n: int, tz: str = "UTC", hour: int = 12, value: Decimal | None = None
) -> list[tuple[datetime, Any]]:
    """`n` events on local `day` from `hour` on, a minute apart."""
    start = at(tz, day.year, day.month, day.day, hour)
    return [(start + timedelta(minutes=i), value) for i in range(n)]


MON = date(2030, 4, 15)  # a Monday


def days_from(first: date, n: int) -> list[date]:
    return [first + timedelta(days=i) for i in range(n)]


# --- daily streaks -------------------------------------------------------------------------------


def test_eight_events_a_day_on_seven_consecutive_days_completes() -> None:
    g = goal(count=8, period="day", periods=7)
    state = EMPTY
    for i, day in enumerate(days_from(MON, 7)):
        assert not is_complete(state, g)
        state = run(g, "UTC", daily(day, 7), state)
        assert streak_of(state, g) == i  # 7 events: today not met yet
        state = run(g, "UTC", daily(day, 1, hour=20), state)
        assert streak_of(state, g) == i + 1
    assert is_complete(state, g)
    assert current(state, g, "UTC", utc(2030, 4, 21, 23)) == StreakView(
        streak=7, today_progress=D(8), target_per_period=D(8), periods=7, best=7
    )


def test_more_events_than_needed_in_a_day_count_that_day_once() -> None:
    g = goal(count=2, periods=3)
    state = run(g, "UTC", daily(MON, 10))
    assert streak_of(state, g) == 1 and state.progress == 10
    assert current(state, g, "UTC", utc(2030, 4, 15, 23)).today_progress == 10


def test_a_missed_day_restarts_the_streak() -> None:
    g = goal(count=1, periods=7)
    state = EMPTY
    for day in days_from(MON, 3):
        state = run(g, "UTC", daily(day, 1), state)
    assert streak_of(state, g) == 3
    # Day 4 (Thursday) has no event; day 5 restarts at 1.
    state = run(g, "UTC", daily(MON + timedelta(days=4), 1), state)
    assert streak_of(state, g) == 1 and state.best == 3
    assert not is_complete(state, g)
    for day in days_from(MON + timedelta(days=5), 6):
        state = run(g, "UTC", daily(day, 1), state)
    assert streak_of(state, g) == 7 and is_complete(state, g)


def test_a_day_short_of_its_goal_breaks_the_streak() -> None:
    g = goal(count=3, periods=5)
    state = run(g, "UTC", daily(MON, 3) + daily(MON + timedelta(days=1), 3) + daily(MON + timedelta(days=2), 2))
    assert streak_of(state, g) == 2  # day 3 not met yet, the run before it still stands
    state = run(g, "UTC", daily(MON + timedelta(days=3), 3), state)
    assert streak_of(state, g) == 1 and state.best == 2


def test_current_reads_zero_once_a_whole_period_passed_unmet() -> None:
    g = goal(count=1, periods=7)
    state = run(g, "UTC", daily(MON, 1) + daily(MON + timedelta(days=1), 1))
    assert current(state, g, "UTC", utc(2030, 4, 16, 23, 59)).streak == 2  # today met
    view = current(state, g, "UTC", utc(2030, 4, 17, 12))  # next day, nothing yet: still alive
    assert (view.streak, view.today_progress) == (2, D(0))
    assert current(state, g, "UTC", utc(2030, 4, 18)).streak == 0  # the 17th passed unmet
    assert current(state, g, "UTC", utc(2030, 4, 18)).best == 2
    assert current(EMPTY, g, "UTC", utc(2030, 4, 18)) == StreakView(
        streak=0, today_progress=D(0), target_per_period=D(1), periods=7, best=0
    )


def test_current_before_the_states_period_reads_as_that_period() -> None:
    g = goal(count=1, periods=7)
    state = run(g, "UTC", daily(MON, 1))
    assert current(state, g, "UTC", utc(2030, 4, 14, 23)).streak == 1


# --- weekly streaks (ISO weeks, Monday start) ------------------------------------------------------


def test_weekly_goal_sums_the_whole_iso_week() -> None:
    g = goal(period="week", periods=3, count=8)
    # 3 on Monday and 5 on Sunday of the same ISO week: met.
    state = run(g, "UTC", daily(MON, 3) + daily(MON + timedelta(days=6), 5, hour=23))
    assert streak_of(state, g) == 1
    assert period_of(g, "UTC", utc(2030, 4, 21, 23, 59)) == MON
    assert period_of(g, "UTC", utc(2030, 4, 22)) == MON + timedelta(days=7)


def test_weekly_streak_completes_over_consecutive_weeks() -> None:
    g = goal(period="week", periods=3, count=2)
    state = EMPTY
    for week in range(3):
        state = run(g, "UTC", daily(MON + timedelta(days=7 * week + 2), 2), state)
    assert streak_of(state, g) == 3 and is_complete(state, g)


def test_a_whole_missed_week_resets_a_weekly_streak() -> None:
    g = goal(period="week", periods=4, count=1)
    state = run(g, "UTC", daily(MON, 1) + daily(MON + timedelta(days=7), 1))
    assert streak_of(state, g) == 2
    assert current(state, g, "UTC", utc(2030, 4, 29)).streak == 2  # the third week, nothing yet
    assert current(state, g, "UTC", utc(2030, 5, 5, 23, 59)).streak == 2
    assert current(state, g, "UTC", utc(2030, 5, 6)).streak == 0  # the third week passed without an event
    state = run(g, "UTC", daily(MON + timedelta(days=21), 1), state)  # fourth week
    assert streak_of(state, g) == 1 and state.best == 2


def test_a_week_with_too_few_events_breaks_the_streak() -> None:
    g = goal(period="week", periods=4, count=3)
    state = run(g, "UTC", daily(MON, 3) + daily(MON + timedelta(days=7), 2) + daily(MON + timedelta(days=14), 3))
    assert streak_of(state, g) == 1


# --- time zones, midnight and DST ----------------------------------------------------------------


def test_events_exactly_at_local_midnight_belong_to_the_new_day() -> None:
    g = goal(count=1, periods=7)
    midnight = at(BERLIN, 2030, 4, 16)  # 22:00 UTC on the 15th
    assert period_of(g, BERLIN, midnight) == date(2030, 4, 16)
    assert period_of(g, BERLIN, midnight - timedelta(microseconds=1)) == date(2030, 4, 15)
    state = run(g, BERLIN, [(midnight - timedelta(microseconds=1), None), (midnight, None)])
    assert streak_of(state, g) == 2  # two days, not one day with two events
    assert state.period_start == date(2030, 4, 16) and state.progress == 1


def test_days_follow_the_missions_time_zone_not_utc() -> None:
    g = goal(count=1, periods=7)
    # 23:30 UTC on the 15th is already the 16th in Berlin: the same Berlin day as 12:00 UTC on the 16th.
    state = run(g, BERLIN, [(utc(2030, 4, 15, 23, 30), None), (utc(2030, 4, 16, 12), None)])
    assert state.period_start == date(2030, 4, 16) and state.progress == 2 and streak_of(state, g) == 1
    assert streak_of(run(g, "UTC", [(utc(2030, 4, 15, 23, 30), None), (utc(2030, 4, 16, 12), None)]), g) == 2


@pytest.mark.parametrize(
    ("short_or_long", "day"),
    [pytest.param("23h", date(2021, 3, 28), id="spring-23h"), pytest.param("25h", date(2021, 10, 31), id="autumn-25h")],
)
def test_a_dst_day_in_berlin_is_still_one_day(short_or_long: str, day: date) -> None:
    g = goal(count=2, periods=3)
    before, after = day - timedelta(days=1), day + timedelta(days=1)
    events = [
        (at(BERLIN, before.year, before.month, before.day, 23, 59), None),
        (at(BERLIN, before.year, before.month, before.day, 23, 59, 30), None),
        (at(BERLIN, day.year, day.month, day.day, 0, 0), None),  # first instant of the DST day
        (at(BERLIN, day.year, day.month, day.day, 23, 59, 59), None),  # its last second
        (at(BERLIN, after.year, after.month, after.day, 0, 0), None),
        (at(BERLIN, after.year, after.month, after.day, 0, 1), None),
    ]
    state = run(g, BERLIN, events)
    assert streak_of(state, g) == 3 and is_complete(state, g)
    length = at(BERLIN, after.year, after.month, after.day) - at(BERLIN, day.year, day.month, day.day)
    assert length == timedelta(hours=int(short_or_long[:2]))


def test_a_dst_day_missed_still_breaks_the_streak() -> None:
    g = goal(count=1, periods=3)
    state = run(g, BERLIN, [(at(BERLIN, 2021, 10, 30, 12), None), (at(BERLIN, 2021, 11, 1, 0, 30), None)])
    assert streak_of(state, g) == 1


# --- amount per period -----------------------------------------------------------------------------


def test_amount_per_period_sums_the_values_of_the_period() -> None:
    g = goal(amount_min=D(100), periods=2)
    state = run(g, "UTC", daily(MON, 1, value=D(60)) + daily(MON, 1, hour=18, value=D(40)))
    assert streak_of(state, g) == 1 and state.progress == 100
    state = run(g, "UTC", daily(MON + timedelta(days=1), 1, value=D("99.99")), state)
    assert streak_of(state, g) == 1 and not is_complete(state, g)
    state = run(g, "UTC", daily(MON + timedelta(days=1), 1, hour=20, value=D("0.01")), state)
    assert streak_of(state, g) == 2 and is_complete(state, g)
    view = current(state, g, "UTC", utc(2030, 4, 16, 23))
    assert (view.today_progress, view.target_per_period) == (D(100), D(100))


@pytest.mark.parametrize("value", [None, D(0), D(-50)])
def test_amount_without_a_positive_value_adds_nothing(value: Decimal | None) -> None:
    g = goal(amount_min=D(10), periods=2)
    state = run(g, "UTC", daily(MON, 3, value=value))
    assert state.progress == 0 and streak_of(state, g) == 0


def test_amounts_do_not_carry_over_to_the_next_day() -> None:
    g = goal(amount_min=D(100), periods=2)
    state = run(g, "UTC", daily(MON, 1, value=D(150)) + daily(MON + timedelta(days=1), 1, value=D(50)))
    assert state.progress == 50 and streak_of(state, g) == 1


# --- late events -----------------------------------------------------------------------------------


def test_a_late_event_of_the_previous_day_still_counts_there() -> None:
    g = goal(count=2, periods=3)
    state = run(g, "UTC", daily(MON, 2) + daily(MON + timedelta(days=1), 1))
    state = run(g, "UTC", daily(MON + timedelta(days=2), 1), state)  # day 3 seen; day 2 has 1 of 2
    assert streak_of(state, g) == 0
    state = apply(state, g, "UTC", utc(2030, 4, 16, 23, 59, 59), None)  # day 2's second event, late
    assert streak_of(state, g) == 2 and state.progress == 1  # day 2 met after all; day 3's progress kept
    state = apply(state, g, "UTC", utc(2030, 4, 17, 20), None)
    assert streak_of(state, g) == 3 and is_complete(state, g)


def test_a_late_event_can_fill_a_period_that_had_none() -> None:
    g = goal(count=1, periods=3)
    state = run(g, "UTC", daily(MON, 1) + daily(MON + timedelta(days=2), 1))  # nothing on day 2 yet
    assert streak_of(state, g) == 1
    state = apply(state, g, "UTC", utc(2030, 4, 16, 23, 59), None)  # day 2's event arrives after day 3's
    assert streak_of(state, g) == 3 and is_complete(state, g)


def test_an_event_older_than_the_previous_period_changes_nothing() -> None:
    g = goal(count=1, periods=3)
    state = run(g, "UTC", daily(MON, 1) + daily(MON + timedelta(days=2), 1))
    assert apply(state, g, "UTC", utc(2030, 4, 15, 18), None) == state  # two days back: closed
    assert apply(state, g, "UTC", utc(2030, 4, 10), None) == state


def test_events_within_a_period_commute() -> None:
    g = goal(amount_min=D(10), periods=2)
    events = daily(MON, 3, value=D(4))
    assert run(g, "UTC", events) == run(g, "UTC", list(reversed(events)))


# --- breaks_at ---------------------------------------------------------------------------------------


def test_breaks_at_the_end_of_the_next_day_once_today_is_met() -> None:
    g = goal(count=1, periods=7)
    state = run(g, BERLIN, daily(MON, 1, tz=BERLIN))
    assert breaks_at(state, g, BERLIN) == at(BERLIN, 2030, 4, 17)


def test_breaks_at_the_end_of_today_while_today_is_not_met() -> None:
    g = goal(count=2, periods=7)
    state = run(g, BERLIN, daily(MON, 2, tz=BERLIN) + daily(MON + timedelta(days=1), 1, tz=BERLIN))
    assert streak_of(state, g) == 1
    assert breaks_at(state, g, BERLIN) == at(BERLIN, 2030, 4, 17)


def test_breaks_at_is_none_without_a_streak() -> None:
    g = goal(count=2, periods=7)
    assert breaks_at(EMPTY, g, BERLIN) is None
    assert breaks_at(run(g, BERLIN, daily(MON, 1, tz=BERLIN)), g, BERLIN) is None


def test_breaks_at_respects_dst_and_iso_weeks() -> None:
    g = goal(count=1, periods=7)
    state = run(g, BERLIN, [(at(BERLIN, 2021, 3, 27, 10), None)])
    assert breaks_at(state, g, BERLIN) == at(BERLIN, 2021, 3, 29) == utc(2021, 3, 28, 22)  # after the 23-hour day
    weekly = goal(period="week", count=1, periods=4)
    state = run(weekly, BERLIN, [(at(BERLIN, 2021, 3, 24, 10), None)])  # a Wednesday
    assert breaks_at(state, weekly, BERLIN) == at(BERLIN, 2021, 4, 5)  # the Monday after next


def test_breaks_at_agrees_with_current() -> None:
    g = goal(count=1, periods=7)
    state = run(g, BERLIN, daily(MON, 1, tz=BERLIN) + daily(MON + timedelta(days=1), 1, tz=BERLIN))
    end = breaks_at(state, g, BERLIN)
    assert end is not None
    assert current(state, g, BERLIN, end - timedelta(microseconds=1)).streak == 2
    assert current(state, g, BERLIN, end).streak == 0


# --- refusals ------------------------------------------------------------------------------------------


def test_a_goal_without_a_streak_is_refused() -> None:
    plain = EventGoal.model_validate({"kind": "event", "event_type": "deposit", "count": 1})
    with pytest.raises(ValueError, match="streak"):
        apply(EMPTY, plain, "UTC", utc(2030, 4, 15), None)
    with pytest.raises(ValueError, match="streak"):
        is_complete(EMPTY, plain)


def test_naive_instants_and_unknown_zones_are_refused() -> None:
    g = goal()
    with pytest.raises(ValueError, match="aware"):
        apply(EMPTY, g, "UTC", datetime(2030, 4, 15), None)
    with pytest.raises(ValueError, match="aware"):
        current(run(g, "UTC", daily(MON, 1)), g, "UTC", datetime(2030, 4, 15))
    with pytest.raises(ValueError, match="time zone"):
        apply(EMPTY, g, "Mars/Olympus", utc(2030, 4, 15), None)


def test_the_state_is_immutable_and_serialisable() -> None:
    g = goal(amount_min=D("10.5"))
    state = run(g, BERLIN, daily(MON, 2, tz=BERLIN, value=D("5.25")))
    with pytest.raises(ValueError):
        state.progress = D(1)  # type: ignore[misc]
    assert StreakState.model_validate_json(state.model_dump_json()) == state


# --- properties against a naive reference ------------------------------------------------------------

ZONES = ["UTC", BERLIN, "America/Santiago", "Australia/Lord_Howe", "Pacific/Apia"]


def ref_streak(per_period: dict[date, Decimal], target: Decimal, periods: list[date], upto: date) -> int:
    """Walk every period up to `upto`: +1 when met, 0 when missed; the current period, if not yet
    met, does not break the run (it is still open)."""
    run_length = 0
    for p in periods:
        if p > upto:
            break
        if per_period.get(p, Decimal(0)) >= target:
            run_length += 1
        elif p != upto:
            run_length = 0
    return run_length


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(ZONES),
    st.sampled_from(["day", "week"]),
    st.integers(1, 3),
    st.lists(st.integers(0, 40 * 86400), max_size=40),
    st.integers(0, 45 * 86400),
    st.datetimes(min_value=datetime(2010, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC)),
)
def test_in_order_events_agree_with_a_walk_over_every_period(
    tz: str, period: str, count: int, offsets: list[int], now_offset: int, origin: datetime
) -> None:
    g = goal(period=period, periods=5, count=count)
    instants = sorted(origin + timedelta(seconds=s) for s in offsets)
    now = max([origin + timedelta(seconds=now_offset), *instants])
    state = run(g, tz, [(t, None) for t in instants])
    per_period: dict[date, Decimal] = {}
    for t in instants:
        p = period_of(g, tz, t)
        per_period[p] = per_period.get(p, Decimal(0)) + 1
    # Every period from the first event's to now's, found by stepping through time an hour at a time.
    periods: list[date] = []
    probe = instants[0] if instants else now
    while probe <= now + timedelta(hours=1):
        p = period_of(g, tz, min(probe, now))
        if not periods or periods[-1] != p:
            periods.append(p)
        probe += timedelta(hours=1)
    expected = ref_streak(per_period, Decimal(count), periods, period_of(g, tz, now))
    view = current(state, g, tz, now)
    assert view.streak == expected
    assert view.today_progress == per_period.get(period_of(g, tz, now), 0)
    best = max((ref_streak(per_period, Decimal(count), periods, p) for p in periods), default=0)
    assert state.best == best


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["day", "week"]),
    st.lists(st.tuples(st.integers(0, 20), st.integers(0, 86399)), min_size=1, max_size=30),
    st.randoms(use_true_random=False),
)
def test_late_events_within_one_period_give_the_in_order_result(
    period: str, raw: list[tuple[int, int]], rnd: Any
) -> None:
    """Shuffle events so that none arrives after an event two or more periods later: the final
    state is the one the sorted order gives."""
    g = goal(period=period, periods=4, count=2)
    unit = 1 if period == "day" else 7
    instants = sorted(utc(2030, 4, 15) + timedelta(days=d * unit // 3, seconds=s) for d, s in raw)
    shuffled = list(instants)
    for _ in range(len(shuffled)):  # random adjacent swaps of events at most one period apart
        i = rnd.randrange(len(shuffled) - 1) if len(shuffled) > 1 else 0
        if i + 1 < len(shuffled):
            a, b = shuffled[i], shuffled[i + 1]
            pa, pb = period_of(g, "UTC", a), period_of(g, "UTC", b)
            if abs((pb - pa).days) <= unit:
                shuffled[i], shuffled[i + 1] = b, a
    # Keep only orders where every event is at most one period older than the newest seen so far.
    newest = None
    for t in shuffled:
        p = period_of(g, "UTC", t)
        if newest is not None and (newest - p).days > unit:
            return
        newest = p if newest is None or p > newest else newest
    in_order = run(g, "UTC", [(t, None) for t in instants])
    late = run(g, "UTC", [(t, None) for t in shuffled])
    assert streak_of(late, g) == streak_of(in_order, g)
    assert late.model_copy(update={"best": 0}) == in_order.model_copy(update={"best": 0})
    assert late.best <= in_order.best
