"""Resets of recurring missions (docs/missions.md §2, §3): calendar boundaries at local
midnight across DST, fixed durations from activation, the end E, and properties against a naive
reference that lists every boundary date."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import domain.recurrence as recurrence
from domain.missions import MissionSpec, Recurrence
from domain.recurrence import (
    Calendar,
    Cycle,
    Schedule,
    cycle_of,
    cycle_start,
    first_reset,
    local_midnight,
    next_reset,
)

BERLIN = "Europe/Berlin"


def rec(every: str, **fields: Any) -> Recurrence:
    return Recurrence.model_validate({"every": every, **fields})


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0, micro: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, micro, tzinfo=UTC)


def wall(tz: str, year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A local wall time in `tz` as a UTC instant (the first one, if it happens twice)."""
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(tz)).astimezone(UTC)


def resets(schedule: Schedule, n: int) -> list[datetime]:
    """The first `n` resets (fewer when E stops them)."""
    out: list[datetime] = []
    at = schedule.first_reset()
    while at is not None and len(out) < n:
        out.append(at)
        at = schedule.next_reset(at)
    return out


def local(instants: list[datetime], tz: str) -> list[str]:
    return [t.astimezone(ZoneInfo(tz)).strftime("%a %Y-%m-%d %H:%M") for t in instants]


# --- every day ---------------------------------------------------------------------------------


def test_daily_resets_at_each_utc_midnight_from_the_first_on_or_after_activation() -> None:
    s = Schedule(rec("day"), "UTC", utc(2030, 4, 15, 10))
    assert resets(s, 3) == [utc(2030, 4, 16), utc(2030, 4, 17), utc(2030, 4, 18)]
    assert s.cycle_of(utc(2030, 4, 15, 23, 59)) is None  # before the first reset: not shown (§2)
    assert s.cycle_start(utc(2030, 4, 15, 23, 59)) is None
    assert s.cycle_of(utc(2030, 4, 16)) == 0
    assert s.cycle_of(utc(2030, 4, 18, 5)) == 2
    assert s.cycle_start(utc(2030, 4, 18, 5)) == utc(2030, 4, 18)
    assert s.next_reset(utc(2030, 4, 16)) == utc(2030, 4, 17)  # strictly after
    assert s.next_reset(utc(2030, 4, 1)) == utc(2030, 4, 16)  # before the first: the first


def test_activation_exactly_at_a_boundary_is_the_first_reset() -> None:
    s = Schedule(rec("day"), "UTC", utc(2030, 4, 15))
    assert s.first_reset() == utc(2030, 4, 15)
    assert s.cycle_of(utc(2030, 4, 15)) == 0
    assert s.cycle_of(utc(2030, 4, 15) - timedelta(microseconds=1)) is None


def test_daily_resets_at_local_midnight_of_the_missions_zone() -> None:
    s = Schedule(rec("day"), "Asia/Tokyo", utc(2030, 4, 15, 10))  # 19:00 in Tokyo
    assert resets(s, 2) == [utc(2030, 4, 15, 15), utc(2030, 4, 16, 15)]
    assert local(resets(s, 2), "Asia/Tokyo") == ["Tue 2030-04-16 00:00", "Wed 2030-04-17 00:00"]


def test_inputs_in_any_zone_give_utc_answers() -> None:
    activated = datetime(2030, 4, 15, 12, tzinfo=ZoneInfo("America/New_York"))
    s = Schedule(rec("day"), "UTC", activated)
    first = s.first_reset()
    assert first == utc(2030, 4, 16) and first is not None and first.tzinfo is UTC
    assert s.cycle_of(datetime(2030, 4, 16, 21, tzinfo=ZoneInfo("America/New_York"))) == 1  # 01:00 UTC on the 17th


# --- every week on weekdays ----------------------------------------------------------------------


def test_weekly_on_monday_and_thursday() -> None:
    s = Schedule(rec("week", weekdays=["thu", "mon"]), "UTC", utc(2030, 4, 17, 9))  # a Wednesday
    assert local(resets(s, 5), "UTC") == [
        "Thu 2030-04-18 00:00",
        "Mon 2030-04-22 00:00",
        "Thu 2030-04-25 00:00",
        "Mon 2030-04-29 00:00",
        "Thu 2030-05-02 00:00",
    ]
    assert [s.cycle_of(t) for t in resets(s, 5)] == [0, 1, 2, 3, 4]
    assert s.cycle_of(utc(2030, 4, 24, 23)) == 1  # Wednesday: still Monday's cycle
    assert s.cycle_start(utc(2030, 4, 24, 23)) == utc(2030, 4, 22)


def test_weekly_single_weekday_activated_on_that_day_after_midnight_waits_a_week() -> None:
    s = Schedule(rec("week", weekdays=["mon"]), "UTC", utc(2030, 4, 15, 0, 0, 1))  # Monday 00:00:01
    assert s.first_reset() == utc(2030, 4, 22)
    assert s.cycle_of(utc(2031, 4, 21)) == 52


# --- every month on a day --------------------------------------------------------------------------


def test_monthly_on_the_31st_uses_the_last_day_of_shorter_months() -> None:
    s = Schedule(rec("month", day=31), "UTC", utc(2023, 1, 15))
    assert [t.date() for t in resets(s, 14)] == [
        date(2023, 1, 31),
        date(2023, 2, 28),  # not a leap year
        date(2023, 3, 31),
        date(2023, 4, 30),
        date(2023, 5, 31),
        date(2023, 6, 30),
        date(2023, 7, 31),
        date(2023, 8, 31),
        date(2023, 9, 30),
        date(2023, 10, 31),
        date(2023, 11, 30),
        date(2023, 12, 31),
        date(2024, 1, 31),
        date(2024, 2, 29),  # leap year
    ]
    assert s.cycle_of(utc(2024, 3, 15)) == 13
    assert s.cycle_start(utc(2024, 3, 15)) == utc(2024, 2, 29)
    assert s.next_reset(utc(2024, 3, 15)) == utc(2024, 3, 31)


@pytest.mark.parametrize(
    ("day", "february"), [(29, date(2023, 2, 28)), (30, date(2023, 2, 28)), (28, date(2023, 2, 28))]
)
def test_monthly_late_days_in_february(day: int, february: date) -> None:
    s = Schedule(rec("month", day=day), "UTC", utc(2023, 2, 1))
    assert s.first_reset() == datetime.combine(february, datetime.min.time(), UTC)
    assert s.next_reset(utc(2023, 2, 28)) == utc(2023, 3, day)


def test_monthly_on_the_first_in_a_zone() -> None:
    s = Schedule(rec("month", day=1), BERLIN, utc(2030, 4, 15))
    assert local(resets(s, 3), BERLIN) == ["Wed 2030-05-01 00:00", "Sat 2030-06-01 00:00", "Mon 2030-07-01 00:00"]
    assert resets(s, 1) == [utc(2030, 4, 30, 22)]  # CEST: UTC+2
    assert s.cycle_of(utc(2033, 5, 1)) == 36
    exactly = Schedule(rec("month", day=1), "UTC", utc(2030, 5, 1))
    assert exactly.first_reset() == utc(2030, 5, 1)


# --- every fixed duration ----------------------------------------------------------------------------


def test_every_90_days_from_15_april_resets_on_14_july_then_every_90_days() -> None:
    activated = utc(2030, 4, 15, 9, 30)
    s = Schedule(rec("P90D"), BERLIN, activated)
    assert s.first_reset() == activated  # activation starts the first cycle
    assert resets(s, 3) == [activated, utc(2030, 7, 14, 9, 30), utc(2030, 10, 12, 9, 30)]
    assert s.cycle_of(activated) == 0
    assert s.cycle_of(utc(2030, 7, 14, 9, 30) - timedelta(microseconds=1)) == 0
    assert s.cycle_of(utc(2030, 7, 14, 9, 30)) == 1
    assert s.cycle_of(activated - timedelta(seconds=1)) is None


def test_a_duration_is_absolute_elapsed_time_across_dst() -> None:
    activated = wall(BERLIN, 2030, 3, 1, 12)  # CET; the next reset is in CEST
    s = Schedule(rec("P30D"), BERLIN, activated)
    second = s.next_reset(activated)
    assert second == activated + timedelta(days=30)
    assert second is not None and local([second], BERLIN) == ["Sun 2030-03-31 13:00"]


@pytest.mark.parametrize(("every", "seconds"), [("PT30S", 30), ("3600", 3600), ("P1DT1H", 90000), ("P2W", 14 * 86400)])
def test_every_duration_forms(every: str, seconds: int) -> None:
    activated = utc(2030, 4, 15, 10, 0, 7)
    s = Schedule(rec(every), "UTC", activated)
    period = timedelta(seconds=seconds)
    assert resets(s, 4) == [activated + n * period for n in range(4)]
    assert s.cycle_of(activated + 1000 * period + timedelta(microseconds=1)) == 1000


def test_thirty_second_cycles() -> None:
    activated = utc(2030, 4, 15, 10, 0, 7, 250_000)
    s = Schedule(rec("PT30S"), "UTC", activated)
    assert s.cycle_of(activated + timedelta(days=1)) == 2880
    assert s.cycle_start(activated + timedelta(seconds=75)) == activated + timedelta(seconds=60)
    assert s.next_reset(activated + timedelta(seconds=75)) == activated + timedelta(seconds=90)
    assert s.next_reset(activated + timedelta(seconds=90)) == activated + timedelta(seconds=120)
    assert s.cycle_at(activated + timedelta(seconds=29)) == Cycle(
        index=0, start=activated, next_reset=activated + timedelta(seconds=30)
    )


# --- DST ----------------------------------------------------------------------------------------------


def test_berlin_spring_forward_day_is_23_hours_and_resets_stay_at_local_midnight() -> None:
    s = Schedule(rec("day"), BERLIN, utc(2021, 3, 26, 12))
    r = resets(s, 4)
    assert local(r, BERLIN) == [
        "Sat 2021-03-27 00:00",
        "Sun 2021-03-28 00:00",  # 02:00 → 03:00 this day
        "Mon 2021-03-29 00:00",
        "Tue 2021-03-30 00:00",
    ]
    assert r == [utc(2021, 3, 26, 23), utc(2021, 3, 27, 23), utc(2021, 3, 28, 22), utc(2021, 3, 29, 22)]
    assert [b - a for a, b in pairwise(r)] == [
        timedelta(hours=24),
        timedelta(hours=23),
        timedelta(hours=24),
    ]
    assert s.cycle_of(wall(BERLIN, 2021, 3, 28, 23, 59)) == 1
    assert s.cycle_of(wall(BERLIN, 2021, 3, 29)) == 2


def test_berlin_fall_back_day_is_25_hours_and_resets_stay_at_local_midnight() -> None:
    s = Schedule(rec("day"), BERLIN, utc(2021, 10, 29, 12))
    r = resets(s, 4)
    assert local(r, BERLIN) == [
        "Sat 2021-10-30 00:00",
        "Sun 2021-10-31 00:00",  # 03:00 → 02:00 this day
        "Mon 2021-11-01 00:00",
        "Tue 2021-11-02 00:00",
    ]
    assert r == [utc(2021, 10, 29, 22), utc(2021, 10, 30, 22), utc(2021, 10, 31, 23), utc(2021, 11, 1, 23)]
    assert [b - a for a, b in pairwise(r)] == [
        timedelta(hours=24),
        timedelta(hours=25),
        timedelta(hours=24),
    ]
    # Both 02:30s of the long day are in its cycle.
    first_half_past_two = datetime(2021, 10, 31, 2, 30, tzinfo=ZoneInfo(BERLIN))
    for fold in (0, 1):
        assert s.cycle_of(first_half_past_two.replace(fold=fold)) == 1


def test_berlin_weekly_and_monthly_across_dst() -> None:
    weekly = Schedule(rec("week", weekdays=["sun"]), BERLIN, utc(2021, 3, 20))
    assert resets(weekly, 2) == [utc(2021, 3, 20, 23), utc(2021, 3, 27, 23)]  # both CET midnights
    assert weekly.next_reset(utc(2021, 3, 27, 23)) == utc(2021, 4, 3, 22)  # the next one in CEST
    monthly = Schedule(rec("month", day=31), BERLIN, utc(2021, 10, 1))
    assert resets(monthly, 2) == [utc(2021, 10, 30, 22), utc(2021, 11, 29, 23)]


@pytest.mark.parametrize(
    ("tz", "day", "expected_utc", "expected_local"),
    [
        pytest.param("America/Santiago", date(2023, 9, 3), utc(2023, 9, 3, 4), "01:00", id="santiago-spring"),
        pytest.param("Asia/Beirut", date(2023, 3, 26), utc(2023, 3, 25, 22), "01:00", id="beirut-spring"),
        pytest.param("America/Havana", date(2023, 3, 12), utc(2023, 3, 12, 5), "01:00", id="havana-spring"),
        pytest.param("Pacific/Apia", date(2011, 12, 30), utc(2011, 12, 30, 10), "00:00", id="apia-skipped-day"),
    ],
)
def test_a_midnight_in_a_dst_gap_is_the_first_instant_after_the_gap(
    tz: str, day: date, expected_utc: datetime, expected_local: str
) -> None:
    zone = ZoneInfo(tz)
    midnight = local_midnight(day, zone)
    assert midnight == expected_utc
    assert midnight.astimezone(zone).strftime("%H:%M") == expected_local
    before = (midnight - timedelta(seconds=1)).astimezone(zone).replace(tzinfo=None)
    assert before < datetime.combine(day, datetime.min.time())  # the second before is still the day before


def test_daily_resets_across_a_midnight_gap() -> None:
    s = Schedule(rec("day"), "America/Santiago", utc(2023, 9, 1, 12))
    r = resets(s, 3)
    assert local(r, "America/Santiago") == ["Sat 2023-09-02 00:00", "Sun 2023-09-03 01:00", "Mon 2023-09-04 00:00"]
    assert [b - a for a, b in pairwise(r)] == [timedelta(hours=24), timedelta(hours=23)]


def test_an_ambiguous_midnight_uses_its_first_occurrence() -> None:
    # Havana falls back from 01:00 to 00:00 on 2023-11-05: midnight happens twice.
    zone = ZoneInfo("America/Havana")
    assert local_midnight(date(2023, 11, 5), zone) == utc(2023, 11, 5, 4)  # -04:00, not the -05:00 one
    s = Schedule(rec("day"), "America/Havana", utc(2023, 11, 4, 12))
    assert resets(s, 3) == [utc(2023, 11, 5, 4), utc(2023, 11, 6, 5), utc(2023, 11, 7, 5)]
    assert s.cycle_of(utc(2023, 11, 5, 5, 30)) == 0  # the second 00:30 is in the same cycle


def test_clocks_going_back_across_midnight_do_not_reopen_the_previous_day() -> None:
    """St. John's fell back from 00:01 to 23:01 (until 2011): midnight of 29 October 2006 came,
    then the wall clock showed the 28th again for an hour. The reset is at the first midnight,
    and the hour that reads as the 28th belongs to the 29th's cycle."""
    tz = "America/St_Johns"
    s = Schedule(rec("day"), tz, utc(2006, 10, 27, 12))
    r = resets(s, 3)
    assert r == [utc(2006, 10, 28, 2, 30), utc(2006, 10, 29, 2, 30), utc(2006, 10, 30, 3, 30)]
    second_pass = utc(2006, 10, 29, 3)
    assert local([second_pass], tz) == ["Sat 2006-10-28 23:30"]
    assert s.cycle_of(second_pass) == 1 and s.cycle_start(second_pass) == r[1]
    assert s.next_reset(second_pass) == r[2]
    assert r[2] - r[1] == timedelta(hours=25)


def test_a_skipped_date_merges_into_the_next_reset() -> None:
    """Samoa skipped 30 December 2011: that date's reset is the first instant of the 31st, which
    is one reset, not two; cycle numbers skip the missing date (they count calendar dates)."""
    s = Schedule(rec("day"), "Pacific/Apia", utc(2011, 12, 27))
    r = resets(s, 4)
    assert local(r, "Pacific/Apia") == [
        "Tue 2011-12-27 00:00",
        "Wed 2011-12-28 00:00",
        "Thu 2011-12-29 00:00",
        "Sat 2011-12-31 00:00",
    ]
    assert r[3] - r[2] == timedelta(hours=24)  # the whole Friday vanished (UTC-10 became UTC+14)
    assert [s.cycle_of(t) for t in r] == [0, 1, 2, 4]
    assert [s.reset_of(n) for n in range(5)] == [r[0], r[1], r[2], r[3], r[3]]
    friday = Schedule(rec("week", weekdays=["fri"]), "Pacific/Apia", utc(2011, 12, 20))
    assert local(resets(friday, 3), "Pacific/Apia") == [
        "Fri 2011-12-23 00:00",
        "Sat 2011-12-31 00:00",  # Friday the 30th did not exist
        "Fri 2012-01-06 00:00",
    ]


# --- the end E ----------------------------------------------------------------------------------------


def test_no_cycle_starts_at_or_after_the_end() -> None:
    end = utc(2030, 4, 18, 12)
    s = Schedule(rec("day"), "UTC", utc(2030, 4, 15, 10), end)
    assert resets(s, 10) == [utc(2030, 4, 16), utc(2030, 4, 17), utc(2030, 4, 18)]
    assert s.next_reset(utc(2030, 4, 18)) is None
    assert s.cycle_of(utc(2030, 4, 25)) == 2  # after E: still the last cycle that started
    assert s.cycle_start(utc(2030, 4, 25)) == utc(2030, 4, 18)
    assert s.cycle_at(utc(2030, 4, 18, 1)) == Cycle(index=2, start=utc(2030, 4, 18), next_reset=None)
    assert s.reset_of(3) is None


def test_a_reset_exactly_at_the_end_does_not_happen() -> None:
    s = Schedule(rec("day"), "UTC", utc(2030, 4, 15, 10), utc(2030, 4, 18))
    assert resets(s, 10) == [utc(2030, 4, 16), utc(2030, 4, 17)]
    assert s.cycle_of(utc(2030, 4, 18)) == 1


def test_an_end_before_the_first_reset_means_no_cycle_at_all() -> None:
    s = Schedule(rec("week", weekdays=["mon"]), "UTC", utc(2030, 4, 16), utc(2030, 4, 21))
    assert s.first_reset() is None
    assert s.next_reset(utc(2030, 4, 1)) is None
    assert s.cycle_of(utc(2030, 4, 30)) is None and s.cycle_at(utc(2030, 4, 30)) is None


def test_every_duration_stops_at_the_end() -> None:
    activated = utc(2030, 4, 15)
    s = Schedule(rec("P90D"), "UTC", activated, utc(2030, 10, 12))  # the third reset would be at E
    assert resets(s, 10) == [activated, utc(2030, 7, 14)]
    assert s.cycle_of(utc(2031, 1, 1)) == 1
    assert Schedule(rec("P90D"), "UTC", activated, activated).first_reset() is None


def test_schedule_for_a_mission_spec_takes_recurrence_zone_and_end() -> None:
    spec = MissionSpec.model_validate(
        {
            "name": "Daily login",
            "type": "recurring",
            "recurrence": {"every": "day"},
            "timezone": BERLIN,
            "end_at": "2030-04-18T00:00:00+02:00",
            "goal": {"kind": "event", "event_type": "login", "count": 1},
        }
    )
    s = Schedule.for_mission(spec, utc(2030, 4, 15, 10))
    assert resets(s, 10) == [utc(2030, 4, 15, 22), utc(2030, 4, 16, 22)]
    with pytest.raises(ValueError, match="no recurrence"):
        Schedule.for_mission(spec.model_copy(update={"recurrence": None}), utc(2030, 4, 15))


# --- the module-level functions and refusals -------------------------------------------------------


def test_module_functions_agree_with_the_schedule() -> None:
    r, tz, activated, end = rec("week", weekdays=["mon", "thu"]), BERLIN, utc(2030, 4, 17, 9), utc(2030, 6, 1)
    s = Schedule(r, tz, activated, end)
    at = utc(2030, 5, 9, 12)
    assert first_reset(r, tz, activated, end=end) == s.first_reset()
    assert next_reset(r, tz, activated, at, end=end) == s.next_reset(at)
    assert cycle_start(r, tz, activated, at, end=end) == s.cycle_start(at)
    assert cycle_of(r, tz, activated, at, end=end) == s.cycle_of(at) == 6


def test_naive_instants_are_refused() -> None:
    naive = datetime(2030, 4, 15)
    with pytest.raises(ValueError, match="aware"):
        Schedule(rec("day"), "UTC", naive)
    with pytest.raises(ValueError, match="aware"):
        Schedule(rec("day"), "UTC", utc(2030, 4, 15), naive)
    s = Schedule(rec("P1D"), "UTC", utc(2030, 4, 15))
    for call in (s.next_reset, s.cycle_of, s.cycle_start, s.cycle_at):
        with pytest.raises(ValueError, match="aware"):
            call(naive)


@pytest.mark.parametrize("tz", ["Mars/Olympus", "localtime", ""])
def test_unknown_zones_are_refused(tz: str) -> None:
    with pytest.raises(ValueError, match="time zone"):
        Schedule(rec("day"), tz, utc(2030, 4, 15))


def test_a_daily_cycle_three_years_on_takes_a_handful_of_zone_conversions(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = 0
    real = recurrence.local_midnight

    def counting(day: date, zone: ZoneInfo) -> datetime:
        nonlocal calls
        calls += 1
        return real(day, zone)

    monkeypatch.setattr(recurrence, "local_midnight", counting)
    s = Schedule(rec("day"), BERLIN, utc(2030, 4, 15, 10))
    calls = 0
    assert s.cycle_of(utc(2033, 4, 15, 10)) == 1095
    assert s.next_reset(utc(2033, 4, 15, 10)) == utc(2033, 4, 15, 22)
    assert calls <= 6


def test_calendar_refuses_a_duration_recurrence() -> None:
    with pytest.raises(ValueError, match="duration"):
        Calendar.of(rec("P1D"), "UTC")


# --- properties against a naive reference ------------------------------------------------------------

ZONES = [
    "UTC",
    BERLIN,
    "America/New_York",
    "America/Santiago",  # midnight gap in spring
    "America/Havana",  # midnight gap in spring, ambiguous midnight in autumn
    "Asia/Beirut",  # midnight gap
    "Australia/Lord_Howe",  # 30-minute DST
    "Pacific/Chatham",  # +12:45 / +13:45
    "Asia/Kolkata",  # +05:30, no DST
    "Pacific/Apia",  # skipped 2011-12-30
    "America/St_Johns",  # fell back from 00:01 to 23:01 until 2011
]
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


@st.composite
def recurrences(draw: st.DrawFn) -> Recurrence:
    kind = draw(st.sampled_from(["day", "week", "month", "duration"]))
    if kind == "week":
        return rec("week", weekdays=draw(st.lists(st.sampled_from(WEEKDAYS), min_size=1, max_size=7, unique=True)))
    if kind == "month":
        return rec("month", day=draw(st.integers(1, 31)))
    if kind == "duration":
        return rec(draw(st.sampled_from(["PT30S", "PT45M", "3600", "P1D", "P7D", "P90D", "PT25H"])))
    return rec("day")


instants = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2035, 12, 31), timezones=st.just(UTC))
#: A transition of each zone with DST (or a skipped date), to draw instants around on purpose.
TRANSITIONS = [
    (BERLIN, utc(2021, 3, 28, 1)),
    (BERLIN, utc(2021, 10, 31, 1)),
    ("America/New_York", utc(2024, 11, 3, 6)),
    ("America/Santiago", utc(2023, 9, 3, 4)),
    ("America/Santiago", utc(2023, 4, 2, 3)),
    ("America/Havana", utc(2023, 3, 12, 5)),
    ("America/Havana", utc(2023, 11, 5, 5)),
    ("Asia/Beirut", utc(2023, 3, 25, 22)),
    ("Australia/Lord_Howe", utc(2023, 9, 30, 15, 30)),
    ("Pacific/Chatham", utc(2023, 9, 23, 14)),
    ("Pacific/Apia", utc(2011, 12, 30, 10)),
    ("America/St_Johns", utc(2006, 10, 29, 2, 31)),
]


@st.composite
def zone_and_instants(draw: st.DrawFn) -> tuple[str, datetime, datetime]:
    """A zone and two instants: anywhere, or within days of one of the zone's transitions."""
    if draw(st.booleans()):
        return draw(st.sampled_from(ZONES)), draw(instants), draw(instants)
    tz, transition = draw(st.sampled_from(TRANSITIONS))
    near = st.integers(-4 * 86400, 4 * 86400).map(lambda s: transition + timedelta(seconds=s))
    return tz, draw(near), draw(near)


def ref_midnight(day: date, zone: ZoneInfo) -> datetime:
    """Brute force: the earliest whole minute whose wall time is at or past `day` 00:00."""
    naive = datetime.combine(day, datetime.min.time())
    readings = [naive.replace(tzinfo=zone, fold=f).astimezone(UTC) for f in (0, 1)]
    exact = [t for t in readings if t.astimezone(zone).replace(tzinfo=None) == naive]
    if exact:
        return min(exact)
    t = min(readings)
    while t.astimezone(zone).replace(tzinfo=None) < naive:
        t += timedelta(minutes=1)
    return t


def ref_boundaries(r: Recurrence, first: date, last: date) -> list[date]:
    """Every boundary date from `first` to `last`, listed day by day."""
    out = []
    d = first
    while d <= last:
        if r.every == "day":
            out.append(d)
        elif r.every == "week":
            if WEEKDAYS[d.weekday()] in (r.weekdays or []):
                out.append(d)
        elif d.day == min(r.day or 1, calendar.monthrange(d.year, d.month)[1]):
            out.append(d)
        d += timedelta(days=1)
    return out


def ref_resets(r: Recurrence, tz: str, activated: datetime, until: datetime) -> list[datetime]:
    """All resets from activation up to `until` (inclusive), naively."""
    period = r.period()
    if period is not None:
        return [activated + n * period for n in range((until - activated) // period + 1)]
    zone = ZoneInfo(tz)
    days = ref_boundaries(r, (activated - timedelta(days=2)).date(), (until + timedelta(days=2)).date())
    instants = sorted({ref_midnight(d, zone) for d in days})
    return [t for t in instants if activated <= t <= until]


@settings(max_examples=300, deadline=None)
@given(recurrences(), zone_and_instants(), st.integers(0, 80 * 86400))
def test_cycles_agree_with_a_naive_list_of_resets(
    r: Recurrence, where: tuple[str, datetime, datetime], seconds: int
) -> None:
    tz, activated, _ = where
    at = activated + timedelta(seconds=seconds)
    period = r.period()
    assume(period is None or seconds // period.total_seconds() < 5000)
    s = Schedule(r, tz, activated)
    listed = ref_resets(r, tz, activated, at + timedelta(days=100))
    done = [t for t in listed if t <= at]
    assert s.first_reset() == listed[0]
    assert s.cycle_start(at) == (done[-1] if done else None)
    assert s.next_reset(at) == next(t for t in listed if t > at)
    index = s.cycle_of(at)
    if not done:
        assert index is None and s.cycle_at(at) is None
        return
    assert index is not None and index >= len(done) - 1  # equal unless a zone skipped a date
    assert s.reset_of(index) == done[-1]
    assert s.cycle_at(at) == Cycle(index=index, start=done[-1], next_reset=s.next_reset(at))


@settings(max_examples=200, deadline=None)
@given(recurrences(), zone_and_instants())
def test_resets_strictly_increase_at_local_midnight_with_consecutive_cycles(
    r: Recurrence, where: tuple[str, datetime, datetime]
) -> None:
    tz, activated, _ = where
    s = Schedule(r, tz, activated)
    walk = resets(s, 40)
    assert len(walk) == 40
    assert all(a < b for a, b in pairwise(walk))
    indices = [s.cycle_of(t) for t in walk]
    assert indices[0] == 0
    for a, b, i, j in zip(walk, walk[1:], indices, indices[1:], strict=False):
        assert i is not None and j is not None and j > i
        assert s.cycle_of(b - timedelta(microseconds=1)) == i  # a cycle lasts until the next reset
        assert s.cycle_start(b - timedelta(microseconds=1)) == a
        assert s.next_reset(a) == b
    if r.period() is None:
        zone = ZoneInfo(tz)
        assert walk[0] >= activated
        for t in walk:
            assert t == local_midnight(t.astimezone(zone).date(), zone)  # a local midnight


@settings(max_examples=300, deadline=None)
@given(recurrences(), zone_and_instants(), st.none() | instants | st.integers(-86400, 30 * 86400))
def test_cycle_start_at_or_before_and_next_reset_after(
    r: Recurrence, where: tuple[str, datetime, datetime], end_or_offset: datetime | int | None
) -> None:
    tz, activated, at = where
    end = activated + timedelta(seconds=end_or_offset) if isinstance(end_or_offset, int) else end_or_offset
    s = Schedule(r, tz, activated, end)
    start, following, index = s.cycle_start(at), s.next_reset(at), s.cycle_of(at)
    first = s.first_reset()
    if first is None or at < first:
        assert start is None and index is None
        assert following == first
        return
    assert start is not None and index is not None
    assert start <= at and (end is None or start < end)
    assert s.reset_of(index) == start and s.cycle_of(start) == index
    if following is not None:
        assert at < following and (end is None or following < end)
        assert s.cycle_of(following) is not None and s.cycle_of(following) > index  # type: ignore[operator]
    else:
        assert end is not None  # only E stops the resets in this range of years
