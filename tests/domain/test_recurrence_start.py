"""A recurring mission's start S (docs/missions.md §2, §3): it opens the first cycle at
max(activation, S) and moves no reset; the shorter cycle it opens is -1, the later ones keep the
numbers they have without it. And which patch fields would move the cycles (issue 12.3)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.mission_lifecycle import schedule_changes
from domain.missions import MissionSpec, Recurrence
from domain.recurrence import Cycle, Schedule
from tests.domain.test_recurrence import resets, utc, wall

BERLIN = "Europe/Berlin"


def rec(every: str, **fields: Any) -> Recurrence:
    return Recurrence.model_validate({"every": every, **fields})


def test_a_daily_start_between_midnights_opens_a_shorter_first_cycle() -> None:
    activated, start = utc(2030, 4, 15, 9), utc(2030, 4, 16, 14, 30)
    s = Schedule(rec("day"), "UTC", activated, start=start)
    assert resets(s, 3) == [start, utc(2030, 4, 17), utc(2030, 4, 18)]
    assert s.cycle_of(start - timedelta(microseconds=1)) is None
    assert s.cycle_at(start) == Cycle(index=-1, start=start, next_reset=utc(2030, 4, 17))
    assert s.cycle_at(utc(2030, 4, 17, 1)) == Cycle(index=0, start=utc(2030, 4, 17), next_reset=utc(2030, 4, 18))
    assert s.reset_of(-1) == start and s.reset_of(-2) is None


def test_the_numbers_after_the_start_are_those_the_schedule_had_from_its_first_reset() -> None:
    activated, start = utc(2030, 4, 15, 9), wall(BERLIN, 2030, 4, 16, 14)
    with_start = Schedule(rec("week", weekdays=["mon", "thu"]), BERLIN, activated, start=start)
    at_first = Schedule(rec("week", weekdays=["mon", "thu"]), BERLIN, with_start.reset_of(0) or activated)
    for k in range(6):
        assert with_start.reset_of(k) == at_first.reset_of(k)
    assert with_start.first_reset() == start and with_start.next_reset(start) == wall(BERLIN, 2030, 4, 18)


def test_a_start_on_a_reset_opens_no_shorter_cycle() -> None:
    s = Schedule(rec("month", day=1), "UTC", utc(2030, 4, 15), start=utc(2030, 6, 1))
    assert s.cycle_at(utc(2030, 6, 1)) == Cycle(index=0, start=utc(2030, 6, 1), next_reset=utc(2030, 7, 1))
    assert s.reset_of(-1) is None


def test_a_start_before_activation_opens_at_activation_without_one_the_first_reset() -> None:
    activated = utc(2030, 4, 15, 9)
    s = Schedule(rec("day"), "UTC", activated, start=utc(2030, 1, 1))
    assert s.cycle_at(activated) == Cycle(index=-1, start=activated, next_reset=utc(2030, 4, 16))
    assert Schedule(rec("day"), "UTC", activated).first_reset() == utc(2030, 4, 16)


def test_every_duration_resets_stay_counted_from_activation() -> None:
    activated = utc(2030, 4, 15)
    start = activated + timedelta(days=100)
    s = Schedule(rec("P90D"), "UTC", activated, start=start)
    assert resets(s, 3) == [start, activated + timedelta(days=180), activated + timedelta(days=270)]
    assert s.cycle_of(start) == -1 and s.cycle_of(activated + timedelta(days=180)) == 0
    # A start on one of those resets opens a whole cycle there.
    on = Schedule(rec("P90D"), "UTC", activated, start=activated + timedelta(days=90))
    assert on.cycle_at(activated + timedelta(days=90)) == Cycle(
        index=0, start=activated + timedelta(days=90), next_reset=activated + timedelta(days=180)
    )


def test_an_end_before_the_next_reset_makes_the_shorter_cycle_the_only_one() -> None:
    start, end = utc(2030, 4, 16, 14), utc(2030, 4, 16, 20)
    s = Schedule(rec("day"), "UTC", utc(2030, 4, 15), end, start=start)
    assert s.cycle_at(utc(2030, 4, 16, 15)) == Cycle(index=-1, start=start, next_reset=None)
    assert s.cycle_of(utc(2030, 5, 1)) == -1 and s.reset_of(0) is None
    assert Schedule(rec("day"), "UTC", utc(2030, 4, 15), end, start=end).first_reset() is None


@given(
    every=st.sampled_from(["day", "week", "month", "PT7H", "P3D"]),
    gap=st.integers(0, 40 * 24 * 3600),
    later=st.integers(0, 200 * 24 * 3600),
)
def test_cycles_with_a_start_are_consistent(every: str, gap: int, later: int) -> None:
    shapes: dict[str, dict[str, Any]] = {"week": {"weekdays": ["tue", "sat"]}, "month": {"day": 31}}
    fields = shapes.get(every, {})
    activated = utc(2030, 3, 20, 7, 13)
    start = activated + timedelta(seconds=gap)
    s = Schedule(rec(every, **fields), BERLIN, activated, start=start)
    at = start + timedelta(seconds=later)
    cycle = s.cycle_at(at)
    assert cycle is not None and cycle.start <= at and (cycle.next_reset is None or at < cycle.next_reset)
    assert s.cycle_of(cycle.start) == cycle.index and s.reset_of(cycle.index) == cycle.start
    if cycle.index == -1:
        assert cycle.start == start and s.reset_of(0) == cycle.next_reset
    # No reset ever moves because of the start.
    plain = Schedule(rec(every, **fields), BERLIN, activated)
    if cycle.index >= 0:
        assert plain.cycle_start(at) == cycle.start


def spec(**fields: Any) -> MissionSpec:
    body = {
        "name": "Daily",
        "type": "recurring",
        "recurrence": {"every": "day"},
        "goal": {"kind": "event", "event_type": "login", "count": 1},
    }
    return MissionSpec.model_validate({**body, **fields})


@pytest.mark.parametrize(
    ("before", "after", "moved"),
    [
        ({}, {"recurrence": {"every": "week", "weekdays": ["mon"]}}, ["recurrence"]),
        ({}, {"timezone": BERLIN}, ["timezone"]),
        ({}, {"start_at": "2030-01-01T00:00:00Z"}, ["start_at"]),
        ({"start_at": "2030-01-01T00:00:00Z"}, {"start_at": None}, ["start_at"]),
        ({}, {"recurrence": {"every": "P1D"}, "timezone": BERLIN}, ["recurrence", "timezone"]),
        # the same schedule written otherwise is no change
        ({"start_at": "2030-01-01T00:00:00Z"}, {"start_at": "2030-01-01T01:00:00+01:00"}, []),
        ({"recurrence": {"every": "P1D"}}, {"recurrence": {"every": "86400"}}, []),
        (
            {"recurrence": {"every": "week", "weekdays": ["mon", "thu"]}},
            {"recurrence": {"every": "week", "weekdays": ["thu", "mon"]}},
            [],
        ),
        # a duration's resets ignore the zone; nothing else places the cycles
        ({"recurrence": {"every": "PT6H"}}, {"recurrence": {"every": "PT6H"}, "timezone": BERLIN}, []),
        ({}, {"end_at": "2031-01-01T00:00:00Z", "reward": {"points": 5}, "name": "x"}, []),
    ],
)
def test_schedule_changes(before: dict[str, Any], after: dict[str, Any], moved: list[str]) -> None:
    assert schedule_changes(spec(**before), spec(**{**before, **after})) == moved


def test_schedule_changes_concern_recurring_missions_only() -> None:
    one_off = {"type": "generally_available", "recurrence": None}
    assert schedule_changes(spec(**one_off), spec(**one_off, start_at=datetime(2030, 1, 1, tzinfo=UTC))) == []
