"""When a `recurring` mission resets (docs/missions.md §2, §3). Pure: time is a parameter.

Two kinds of recurrence:

- **calendar** (`day`; `week` on weekdays; `month` on a day, the last day of a shorter month):
  a reset at local midnight of each boundary date, in the mission's IANA time zone. The first
  reset is the first boundary on or after activation; before it there is no cycle (§2: the
  mission is not shown).
- **duration** (`P90D`, `PT30S`, `3600`): absolute elapsed time counted from activation, which
  itself starts the first cycle; DST plays no part ("once per 90 days" activated on 15 April
  resets on 14 July, then every 90 days).

Local midnight is the first instant whose wall time reaches the date: inside a DST gap that is the
first instant after the gap, and when midnight happens twice it is the first occurrence. Resets
are strictly increasing UTC instants; none happens at or after the mission's end E (§3: no cycle
starts after E, and one starting exactly at E would be over at once).

A **start** S (the mission's `start_at`) opens the mission at O = max(activation, S) without
moving any reset (§2: "the first cycle running from S to the next reset"): calendar boundaries stay
where they are, and `every` resets stay counted from activation (§3). When O is a reset, the first
cycle starts there; when it falls between two, a first, shorter cycle runs from O to the next
reset. Without a start the mission has no cycle before its first reset on or after activation.

Cycles are numbered from 0 (the cycle the first reset on or after O starts) by the number of
calendar boundaries (or periods) since it, in closed form; the shorter cycle a start opens before
that reset is -1. The number is stable, so the workflow may key rewards and journeys by it; it
equals the number of resets since the first, except that a zone which skipped a whole date
(Pacific/Apia on 2011-12-30) skips that date's number too.
"""

from __future__ import annotations

import calendar
from bisect import bisect_right
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict

from domain.missions import _IANA_ZONES, MissionSpec, Recurrence

CalendarUnit = Literal["day", "week", "month"]
_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_TICK = timedelta(microseconds=1)


def _aware(name: str, value: datetime) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be time-zone aware")


def zone_of(tz: str) -> ZoneInfo:
    """The IANA zone named `tz`; ValueError for an unknown name (or the host's `localtime`)."""
    if tz not in _IANA_ZONES:
        raise ValueError(f"unknown IANA time zone {tz!r}")
    return ZoneInfo(tz)


def local_midnight(day: date, zone: ZoneInfo) -> datetime:
    """The instant (UTC) at which local date `day` begins in `zone`.

    Midnight itself when it exists; the first instant after a DST gap that swallows it; the first
    of two midnights when clocks go back across it. Equivalently: the earliest instant whose wall
    time is at or past `day` 00:00.
    """
    wall = datetime.combine(day, time(), tzinfo=zone)  # fold=0: the first of two midnights
    instant = wall.astimezone(UTC)
    naive = wall.replace(tzinfo=None)
    if instant.astimezone(zone).replace(tzinfo=None) == naive:
        return instant
    # Midnight is in a gap. Its two readings (offset before and after the transition) bracket the
    # transition; search it to the second (zone offsets and transitions are whole seconds).
    lo, hi = sorted((instant, wall.replace(fold=1).astimezone(UTC)))
    low, high = 0, int((hi - lo).total_seconds())
    while high - low > 1:
        mid = (low + high) // 2
        if (lo + timedelta(seconds=mid)).astimezone(zone).replace(tzinfo=None) >= naive:
            high = mid
        else:
            low = mid
    return lo + timedelta(seconds=high)


class Calendar:
    """The boundary dates of a calendar recurrence in one zone, numbered by consecutive integers.

    Index k ↔ boundary date ↔ reset instant (that date's local midnight). Indices are closed-form
    (a day's ordinal, weeks times listed weekdays, months since year 0), so counting boundaries
    between two instants is a subtraction, never a walk over the days.
    """

    __slots__ = ("_day", "_unit", "_weekdays", "zone")

    def __init__(self, unit: CalendarUnit, zone: ZoneInfo, *, weekdays: tuple[int, ...] = (0,), day: int = 1) -> None:
        if unit == "week" and (not weekdays or sorted(set(weekdays)) != list(weekdays)):
            raise ValueError("weekdays must be sorted, unique and not empty")
        if not 1 <= day <= 31:
            raise ValueError("day must be 1-31")
        self._unit = unit
        self._weekdays = weekdays
        self._day = day
        self.zone = zone

    @classmethod
    def of(cls, rec: Recurrence, tz: str) -> Calendar:
        """The calendar of a `day`, `week` or `month` recurrence; ValueError for a duration one."""
        zone = zone_of(tz)
        if rec.every == "day":
            return cls("day", zone)
        if rec.every == "week":
            return cls("week", zone, weekdays=tuple(sorted({_WEEKDAYS[w] for w in rec.weekdays or ()})))
        if rec.every == "month":
            return cls("month", zone, day=rec.day or 1)
        raise ValueError(f"every={rec.every!r} is a duration, not a calendar recurrence")

    def date_of(self, k: int) -> date:
        """The boundary date numbered k (ValueError outside the years 1-9999)."""
        if self._unit == "day":
            return date.fromordinal(k)
        if self._unit == "week":
            week, pos = divmod(k, len(self._weekdays))
            return date.fromordinal(week * 7 + self._weekdays[pos] + 1)
        year, month0 = divmod(k, 12)
        if not 1 <= year <= 9999:
            raise ValueError("year out of range")
        return date(year, month0 + 1, min(self._day, calendar.monthrange(year, month0 + 1)[1]))

    def index_on_or_before(self, day: date) -> int:
        """The number of the last boundary date on or before `day`."""
        if self._unit == "day":
            return day.toordinal()
        if self._unit == "week":
            # Ordinal 1 (0001-01-01) is a Monday, so (ordinal - 1) splits into week and weekday;
            # with no listed weekday yet this week, index -1 of it is last week's last one.
            week, weekday = divmod(day.toordinal() - 1, 7)
            return week * len(self._weekdays) + bisect_right(self._weekdays, weekday) - 1
        k = day.year * 12 + day.month - 1
        return k if self.date_of(k) <= day else k - 1

    def reset(self, k: int) -> datetime:
        """The instant boundary k begins (UTC); ValueError or OverflowError outside datetime's range."""
        return local_midnight(self.date_of(k), self.zone)

    def reset_or_none(self, k: int) -> datetime | None:
        """`reset(k)`, or None when it falls outside datetime's range."""
        try:
            return self.reset(k)
        except (ValueError, OverflowError):
            return None

    def latest(self, at: datetime) -> int:
        """The largest k whose reset is at or before `at`."""
        k = self.index_on_or_before(at.astimezone(self.zone).date())
        # reset(k) <= at always holds (k's date is on or before the local date of `at`); the
        # next boundary can also have passed when clocks went back across midnight.
        while (following := self.reset_or_none(k + 1)) is not None and following <= at:
            k += 1
        return k

    def after(self, at: datetime) -> datetime | None:
        """The first reset strictly after `at` (None past datetime's range)."""
        return self.reset_or_none(self.latest(at) + 1)


class Cycle(BaseModel):
    """One cycle of a recurring mission: its number, when it began, and the reset that ends it."""

    model_config = ConfigDict(frozen=True)

    index: int
    start: datetime
    #: None when no further reset comes (the mission's end E is before it): the cycle runs to E.
    next_reset: datetime | None


class Schedule:
    """The resets of one recurring mission: its recurrence, zone, activation, optional start S and
    optional end E.

    Build it once (`Schedule.for_mission`) and ask it many times; every answer is O(1) for
    durations and a few zone conversions for calendar recurrences. All instants in and out are
    time-zone aware (answers in UTC); a naive one raises ValueError.
    """

    __slots__ = ("_base", "_calendar", "_first", "_opening", "_period", "activated_at", "end")

    def __init__(
        self,
        rec: Recurrence,
        tz: str,
        activated_at: datetime,
        end: datetime | None = None,
        *,
        start: datetime | None = None,
    ) -> None:
        _aware("activated_at", activated_at)
        if end is not None:
            _aware("end", end)
        if start is not None:
            _aware("start", start)
        self.activated_at = activated_at.astimezone(UTC)
        self.end = end.astimezone(UTC) if end is not None else None
        # Where the mission opens: activation, or S when later (only a start opens it between resets).
        opens = max(self.activated_at, start.astimezone(UTC)) if start is not None else self.activated_at
        self._period = rec.period()
        self._calendar: Calendar | None = None
        self._base = 0
        first: datetime | None
        if self._period is not None:
            zone_of(tz)  # the zone plays no part, but a bad name is still a bad spec
            # Resets at activation + k periods; cycle 0 starts at the first one on or after O.
            periods = -((self.activated_at - opens) // self._period)  # ceil((O - activation) / period)
            try:
                first = self.activated_at + periods * self._period
            except OverflowError:
                first = None
            self._base = periods
        else:
            self._calendar = cal = Calendar.of(rec, tz)
            k = cal.latest(opens)
            first = opens if cal.reset_or_none(k) == opens else cal.after(opens)
            # Number the first cycle 0 by the last boundary reaching it (two dates can share an
            # instant when a zone skipped a whole date).
            self._base = cal.latest(first) if first is not None else 0
        self._first = first if first is not None and self._before_end(first) else None
        #: The start of cycle -1 (O), when a start opens the mission before its next reset.
        self._opening = (
            opens if start is not None and (first is None or opens < first) and self._before_end(opens) else None
        )

    @classmethod
    def for_mission(cls, spec: MissionSpec, activated_at: datetime) -> Schedule:
        """The schedule of a `recurring` mission spec activated at `activated_at` (S = `start_at`,
        E = `end_at`)."""
        if spec.recurrence is None:
            raise ValueError("the mission has no recurrence")
        return cls(spec.recurrence, spec.timezone, activated_at, spec.end_at, start=spec.start_at)

    def _before_end(self, instant: datetime) -> bool:
        return self.end is None or instant < self.end

    def first_reset(self) -> datetime | None:
        """When the first cycle starts: O when a start opens the mission between resets; else the
        first reset on or after O (activation itself for a duration without a start). None when
        it would be at or after E."""
        return self._opening if self._opening is not None else self._first

    def next_reset(self, after: datetime) -> datetime | None:
        """The first reset strictly after `after`; None when there is none before E."""
        _aware("after", after)
        opened = self.first_reset()
        if opened is None:
            return None
        if after < opened:
            return opened
        if self._first is None:
            return None  # the shorter first cycle runs to E
        if after < self._first:
            return self._first
        following: datetime | None
        if self._period is not None:
            try:
                following = self.activated_at + ((after - self.activated_at) // self._period + 1) * self._period
            except OverflowError:
                following = None
        else:
            assert self._calendar is not None
            following = self._calendar.after(after)
        return following if following is not None and self._before_end(following) else None

    def cycle_of(self, at: datetime) -> int | None:
        """The number of the cycle in progress at `at` (0 for the one the first reset starts, -1 for a
        shorter one a start opens before it); None before the first cycle. After E it stays the
        last cycle that started before E."""
        _aware("at", at)
        opened = self.first_reset()
        if opened is None or at < opened:
            return None
        if self.end is not None and at >= self.end:
            at = self.end - _TICK  # resets are whole microseconds: the last one strictly before E
        if self._first is None or at < self._first:
            return -1
        if self._period is not None:
            return (at - self.activated_at) // self._period - self._base
        assert self._calendar is not None
        return self._calendar.latest(at) - self._base

    def reset_of(self, cycle: int) -> datetime | None:
        """The instant cycle number `cycle` starts (O for -1); None when it is before the first or
        not before E. (A number `cycle_of` skips, see the module's note, gives the next cycle's reset.)"""
        if cycle == -1 and self._opening is not None:
            return self._opening
        if self._first is None or cycle < 0:
            return None
        try:
            if self._period is not None:
                start = self.activated_at + (self._base + cycle) * self._period
            else:
                assert self._calendar is not None
                start = self._calendar.reset(self._base + cycle)
        except (ValueError, OverflowError):
            return None
        return start if self._before_end(start) else None

    def cycle_start(self, at: datetime) -> datetime | None:
        """The latest cycle start at or before `at` (and before E); None before the first cycle."""
        index = self.cycle_of(at)
        return None if index is None else self.reset_of(index)

    def cycle_at(self, at: datetime) -> Cycle | None:
        """The cycle in progress at `at`, with its start and the reset ending it; None before the first."""
        index = self.cycle_of(at)
        if index is None:
            return None
        start = self.reset_of(index)
        assert start is not None
        return Cycle(index=index, start=start, next_reset=self.next_reset(at))


# --- the same, one call at a time ------------------------------------------------------------


def first_reset(rec: Recurrence, tz: str, activated_at: datetime, *, end: datetime | None = None) -> datetime | None:
    """The first reset on or after activation (activation itself for a duration); None if not before E."""
    return Schedule(rec, tz, activated_at, end).first_reset()


def next_reset(
    rec: Recurrence, tz: str, activated_at: datetime, after: datetime, *, end: datetime | None = None
) -> datetime | None:
    """The first reset strictly after `after`; None when no reset comes before E."""
    return Schedule(rec, tz, activated_at, end).next_reset(after)


def cycle_start(
    rec: Recurrence, tz: str, activated_at: datetime, at: datetime, *, end: datetime | None = None
) -> datetime | None:
    """The latest reset at or before `at`; None before the first reset."""
    return Schedule(rec, tz, activated_at, end).cycle_start(at)


def cycle_of(
    rec: Recurrence, tz: str, activated_at: datetime, at: datetime, *, end: datetime | None = None
) -> int | None:
    """The number of the cycle in progress at `at` (0 for the first); None before the first reset."""
    return Schedule(rec, tz, activated_at, end).cycle_of(at)
