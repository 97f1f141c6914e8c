"""The mission lint: what in a spec, or in the live catalogue, probably does not work as the
operator meant (`POST /v1/missions/lint`, and every activation). Pure: no I/O, no clock — the
caller hands over the catalogue, the defined tiers and segments, the event types the log carried
lately, the social check's cadence and the time.

A **finding** is `{severity, code, field, message, missions}`: `field` is the spec path it is
about (`unlock.after_missions.0`, `time_to_complete`, the paths a 422 names), `missions` the ids
of the missions involved (the linted one first, when it has an id). Severities:

- `error` — the mission cannot work as written (nobody can ever complete or unlock it, or it pays
  more than its cap allows): activation refuses it (422 `lint_failed`) unless forced;
- `warning` — it works, but probably not as meant: returned with the activation, never blocking.

Codes (errors): `unlock_cycle`, `prerequisite_missing`, `tier_not_found`, `segment_not_found`,
`no_cycle_before_end`, `streak_exceeds_window`, `budget_below_reward`, `social_check_cadence`
(when the time a user has is shorter than the check's initial delay).
Codes (warnings): `prerequisite_draft`, `prerequisite_archived`, `end_in_past`,
`time_to_complete_exceeds_window`, `time_to_complete_exceeds_cycle`, `amount_ranges_overlap`,
`amount_ranges_gap`, `event_type_unused`, `reset_in_dst_gap`, `social_check_cadence` (shorter
than the delay and the check's retries together).

Resets (docs/missions.md §3, `domain.recurrence`) happen at local midnight for calendar
recurrences, so the DST rule looks for boundary dates whose midnight does not exist in the zone
(America/Santiago, America/Havana, Asia/Beirut...): the cycle then starts at the first instant
after the gap. Duration recurrences count absolute time and never fall in a gap.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, Literal

from domain.missions import EventGoal, ManualGoal, Mission, MissionSpec, MissionStatus, MissionType, SocialGoal
from domain.recurrence import Calendar, Schedule, zone_of

Severity = Literal["error", "warning"]

#: How far ahead the DST rule looks for a mission without an end.
DST_HORIZON = timedelta(days=366)
#: How many cycles of a recurring mission the cycle rules sample.
_SAMPLED_CYCLES = 60
#: The window of the event-type rule (the caller counts events over it).
RECENT_EVENTS = timedelta(days=30)
_TICK = timedelta(microseconds=1)
_PERIOD = {"day": timedelta(days=1), "week": timedelta(days=7)}


@dataclass(frozen=True)
class Finding:
    """One problem the lint found."""

    severity: Severity
    code: str
    field: str
    message: str
    missions: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        """The finding as the API writes it."""
        return {
            "severity": self.severity,
            "code": self.code,
            "field": self.field,
            "message": self.message,
            "missions": list(self.missions),
        }


@dataclass(frozen=True)
class Cadence:
    """The platform's social check cadence (`social_check_delay`, `social_check_timeout`): a check
    first looks `delay` after it is asked, then retries for `timeout`; a user cannot ask again on
    the platform before it ends."""

    delay: timedelta
    timeout: timedelta


@dataclass(frozen=True)
class LintContext:
    """Everything the rules read besides the spec.

    `catalogue`: the operator's missions by id — at least every draft and active one, and any
    mission a linted spec names as a prerequisite (an id absent from it does not exist).
    `recent_events`: per event type, how many events the log received in the last 30 days (types
    absent count 0; a count may be capped — only zero matters).
    """

    catalogue: Mapping[str, Mission]
    tiers: frozenset[str]
    segments: frozenset[str]
    recent_events: Mapping[str, int]
    cadence: Cadence
    now: datetime
    #: Ids of users' personal challenges among the missions named (never a prerequisite).
    challenges: frozenset[str] = field(default_factory=frozenset)


def event_types_of(specs: Iterable[MissionSpec]) -> set[str]:
    """The event types the event-type rule asks about for these specs."""
    return {s.event_type for s in specs if s.event_type is not None}


def prerequisites_of(specs: Iterable[MissionSpec]) -> set[str]:
    """The mission ids these specs name as prerequisites."""
    return {m for s in specs if s.unlock is not None for m in s.unlock.after_missions}


# --- entry points --------------------------------------------------------------------------------


def lint_spec(
    spec: MissionSpec, ctx: LintContext, *, mission_id: str | None = None, activated_at: datetime | None = None
) -> list[Finding]:
    """The findings of one spec, as if activated now (or at `activated_at` for a live mission), among
    the live catalogue. `mission_id`: the mission this spec is (its own entry in the catalogue is
    replaced by `spec`), so cycles through it and its place among amount ranges are found."""
    opens = _opens(spec, activated_at or ctx.now)
    found: list[Finding] = []
    found += _unlock_cycles(spec, ctx, mission_id)
    found += _prerequisites(spec, ctx, mission_id)
    found += _audience(spec, ctx, mission_id)
    found += _clocks(spec, ctx, mission_id, activated_at or ctx.now, opens)
    found += _streak(spec, ctx, mission_id, activated_at or ctx.now, opens)
    found += _budget(spec, mission_id)
    found += _ranges(spec, ctx, mission_id)
    found += _event_type(spec, ctx, mission_id)
    found += _dst(spec, mission_id, max(opens, ctx.now))  # resets still to come
    found += _social(spec, ctx, mission_id, activated_at or ctx.now, opens)
    return sort_findings(found)


def lint_catalogue(ctx: LintContext) -> list[Finding]:
    """The findings of every active operator mission of the catalogue (each rule once per problem:
    a cycle, an overlap or a gap between two live missions is reported once)."""
    found: list[Finding] = []
    seen: set[tuple[str, frozenset[str]]] = set()
    for mission in sorted(ctx.catalogue.values(), key=lambda m: m.id):
        if mission.status is not MissionStatus.ACTIVE or mission.owner_user_id is not None:
            continue
        for f in lint_spec(mission.spec, ctx, mission_id=mission.id, activated_at=mission.activated_at):
            if f.code in _SHARED:
                if (f.code, frozenset(f.missions)) in seen:
                    continue
                seen.add((f.code, frozenset(f.missions)))
            found.append(f)
    return sort_findings(found)


#: Findings about several missions at once: the catalogue lint reports each once.
_SHARED = frozenset({"unlock_cycle", "amount_ranges_overlap", "amount_ranges_gap"})


def errors_of(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that block an activation."""
    return [f for f in findings if f.severity == "error"]


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Errors first, each severity in the order the rules found them (the spec's order of fields)."""
    return sorted(findings, key=lambda f: f.severity != "error")


# --- helpers -------------------------------------------------------------------------------------


def _own(mission_id: str | None, *others: str) -> tuple[str, ...]:
    ids = [mission_id] if mission_id is not None else []
    return tuple(ids + [o for o in others if o != mission_id])


def _name(ctx: LintContext, mission_id: str) -> str:
    mission = ctx.catalogue.get(mission_id)
    return f"{mission.spec.name!r} ({mission_id})" if mission is not None else mission_id


def _opens(spec: MissionSpec, at: datetime) -> datetime:
    """When the mission opens for users: the activation, or its start when later."""
    return max(at, spec.start_at) if spec.start_at is not None else at


def _human(span: timedelta) -> str:
    seconds = int(span.total_seconds())
    if seconds % 86400 == 0:
        return f"{seconds // 86400} d"
    if seconds >= 86400:
        return f"{span.total_seconds() / 86400:.1f} d"
    if seconds % 3600 == 0:
        return f"{seconds // 3600} h"
    if seconds >= 3600:
        return f"{span.total_seconds() / 3600:.1f} h"
    if seconds >= 60:
        return f"{span.total_seconds() / 60:g} min"
    return f"{span.total_seconds():g} s"


def _cycles(spec: MissionSpec, activated_at: datetime) -> list[tuple[datetime, datetime | None]]:
    """The first cycles of a recurring mission (start, end; end None: runs to E or forever)."""
    if spec.type is not MissionType.RECURRING or spec.recurrence is None:
        return []
    schedule = Schedule.for_mission(spec, activated_at)
    start = schedule.first_reset()
    cycles: list[tuple[datetime, datetime | None]] = []
    while start is not None and len(cycles) < _SAMPLED_CYCLES:
        following = schedule.next_reset(start)
        cycles.append((start, following if following is not None else spec.end_at))
        start = following
    return cycles


def _full_cycle_lengths(spec: MissionSpec, activated_at: datetime) -> list[timedelta]:
    """Lengths of the sampled cycles between two resets (not a shorter first one a start opens,
    nor a last one E cuts)."""
    cycles = _cycles(spec, activated_at)
    if spec.start_at is not None and cycles and activated_at < spec.start_at:
        cycles = cycles[1:]
    schedule_end = spec.end_at
    return [end - start for start, end in cycles if end is not None and end != schedule_end]


# --- unlock ----------------------------------------------------------------------------------------


def _prerequisite_graph(ctx: LintContext, spec: MissionSpec, mission_id: str | None) -> dict[str, list[str]]:
    graph = {
        m.id: list(m.spec.unlock.after_missions)
        for m in ctx.catalogue.values()
        if m.spec.unlock is not None and m.status is not MissionStatus.ARCHIVED
    }
    if mission_id is not None:
        graph[mission_id] = list(spec.unlock.after_missions) if spec.unlock is not None else []
    return graph


def _cycle_through(graph: Mapping[str, Sequence[str]], start: str) -> list[str] | None:
    """A cycle of prerequisites through `start` (start first), found depth first; None without one."""
    path: list[str] = [start]
    on_path = {start}
    done: set[str] = set()

    def visit(node: str) -> list[str] | None:
        for nxt in graph.get(node, ()):
            if nxt == start:
                return list(path)
            if nxt in on_path or nxt in done:
                continue
            path.append(nxt)
            on_path.add(nxt)
            found = visit(nxt)
            if found is not None:
                return found
            on_path.discard(path.pop())
            done.add(nxt)
        return None

    return visit(start)


def _unlock_cycles(spec: MissionSpec, ctx: LintContext, mission_id: str | None) -> Iterator[Finding]:
    if spec.unlock is None or not spec.unlock.after_missions or mission_id is None:
        return
    cycle = _cycle_through(_prerequisite_graph(ctx, spec, mission_id), mission_id)
    if cycle is None:
        return
    chain = " → ".join(f"{spec.name!r} ({m})" if m == mission_id else _name(ctx, m) for m in cycle)
    yield Finding(
        "error",
        "unlock_cycle",
        "unlock.after_missions",
        f"the prerequisites form a cycle: {chain} → back to the first; none of them can ever be unlocked "
        "by completing the others",
        tuple(cycle),
    )


def _prerequisites(spec: MissionSpec, ctx: LintContext, mission_id: str | None) -> Iterator[Finding]:
    if spec.unlock is None:
        return
    for i, ref in enumerate(spec.unlock.after_missions):
        path = f"unlock.after_missions.{i}"
        prerequisite = ctx.catalogue.get(ref)
        if ref == mission_id:
            continue  # a cycle of one: `unlock_cycle` says it
        if prerequisite is None or ref in ctx.challenges or prerequisite.owner_user_id is not None:
            what = "is a user's personal challenge" if prerequisite is not None else "does not exist"
            yield Finding(
                "error",
                "prerequisite_missing",
                path,
                f"prerequisite {ref} {what}: the mission stays locked for everyone",
                _own(mission_id, ref),
            )
        elif prerequisite.status is MissionStatus.DRAFT:
            yield Finding(
                "warning",
                "prerequisite_draft",
                path,
                f"prerequisite {_name(ctx, ref)} is a draft: nobody can complete it (and so unlock this one) "
                "until it is activated",
                _own(mission_id, ref),
            )
        elif prerequisite.status is MissionStatus.ARCHIVED:
            yield Finding(
                "warning",
                "prerequisite_archived",
                path,
                f"prerequisite {_name(ctx, ref)} is archived: only users who completed it before can unlock this one",
                _own(mission_id, ref),
            )


def _audience(spec: MissionSpec, ctx: LintContext, mission_id: str | None) -> Iterator[Finding]:
    tiers: list[tuple[str, str]] = [(f"tiers.{i}", t) for i, t in enumerate(spec.tiers)]
    if spec.unlock is not None and spec.unlock.min_tier is not None:
        tiers.append(("unlock.min_tier", spec.unlock.min_tier))
    for path, tier in tiers:
        if tier not in ctx.tiers:
            yield Finding(
                "error",
                "tier_not_found",
                path,
                f"no tier {tier!r} is defined (PUT /v1/tiers): nobody can be in it",
                _own(mission_id),
            )
    segments: list[tuple[str, str]] = [(f"segments.{i}", s) for i, s in enumerate(spec.segments)]
    if spec.trigger is not None:
        segments.append(("trigger.segment", spec.trigger.segment))
    if isinstance(spec.goal, ManualGoal) and spec.goal.approval.segment is not None:
        segments.append(("goal.approval.segment", spec.goal.approval.segment))
    for path, segment in segments:
        if segment not in ctx.segments:
            yield Finding(
                "error",
                "segment_not_found",
                path,
                f"no segment {segment!r} is defined (POST /v1/segments): nobody can be in it",
                _own(mission_id),
            )


# --- clocks ----------------------------------------------------------------------------------------


def _clocks(
    spec: MissionSpec, ctx: LintContext, mission_id: str | None, activated_at: datetime, opens: datetime
) -> Iterator[Finding]:
    end = spec.end_at
    if end is not None and end <= ctx.now:
        yield Finding(
            "warning",
            "end_in_past",
            "end_at",
            f"end_at {end.isoformat()} has passed: nobody can progress any more",
            _own(mission_id),
        )
    recurring = spec.type is MissionType.RECURRING and spec.recurrence is not None
    if recurring and Schedule.for_mission(spec, activated_at).first_reset() is None:
        yield Finding(
            "error",
            "no_cycle_before_end",
            "end_at",
            f"end_at {end.isoformat() if end else ''} comes before the first reset: no cycle ever runs",
            _own(mission_id),
        )
        return
    ttc = spec.time_to_complete
    if ttc is None:
        return
    if end is not None and end > opens and ttc > end - opens:
        yield Finding(
            "warning",
            "time_to_complete_exceeds_window",
            "time_to_complete",
            f"time_to_complete ({_human(ttc)}) is longer than the availability window ({_human(end - opens)} "
            f"from {opens.isoformat()} to end_at): end_at always comes first",
            _own(mission_id),
        )
    lengths = _full_cycle_lengths(spec, activated_at)
    if lengths and ttc >= max(lengths):
        yield Finding(
            "warning",
            "time_to_complete_exceeds_cycle",
            "time_to_complete",
            f"time_to_complete ({_human(ttc)}) is not shorter than a cycle ({_human(max(lengths))}): "
            "the next reset always comes first",
            _own(mission_id),
        )


def _periods_touched(cal: Calendar, start: datetime, end: datetime) -> int:
    """How many calendar periods the interval [start, end) touches."""
    return cal.latest(end - _TICK) - cal.latest(start) + 1


def _streak(
    spec: MissionSpec, ctx: LintContext, mission_id: str | None, activated_at: datetime, opens: datetime
) -> Iterator[Finding]:
    goal = spec.goal
    if not isinstance(goal, EventGoal) or goal.streak is None:
        return
    zone = zone_of(spec.timezone)
    period = goal.streak.period
    cal = Calendar("day", zone) if period == "day" else Calendar("week", zone, weekdays=(0,))
    bounds: list[tuple[int, str, str]] = []
    if spec.end_at is not None and spec.end_at > opens:
        bounds.append(
            (_periods_touched(cal, opens, spec.end_at), "end_at", f"the availability window (from {opens.isoformat()})")
        )
    if spec.time_to_complete is not None:
        reach = math.ceil(spec.time_to_complete / _PERIOD[period]) + 1
        bounds.append((reach, "time_to_complete", f"time_to_complete ({_human(spec.time_to_complete)})"))
    cycles = [(s, e) for s, e in _cycles(spec, activated_at) if e is not None]
    if cycles:
        reach = max(_periods_touched(cal, s, e) for s, e in cycles)
        bounds.append((reach, "recurrence", "a cycle (progress starts over at each reset)"))
    if not bounds:
        return
    reach, _, what = min(bounds)
    if goal.streak.periods > reach:
        yield Finding(
            "error",
            "streak_exceeds_window",
            "goal.streak.periods",
            f"a streak of {goal.streak.periods} {period}s cannot fit in {what}, which spans at most "
            f"{reach} {period}{'s' if reach != 1 else ''}: nobody can complete it",
            _own(mission_id),
        )


# --- reward and budget ---------------------------------------------------------------------------


def _budget(spec: MissionSpec, mission_id: str | None) -> Iterator[Finding]:
    cap, reward = spec.budget_cap, spec.reward
    if cap is None or cap.points is None or reward is None or reward.points is None:
        return
    if cap.points < reward.points:
        yield Finding(
            "error",
            "budget_below_reward",
            "budget_cap.points",
            f"the budget cap ({cap.points} points) is below one reward ({reward.points} points): the first "
            "completion overspends it and every later user is stopped",
            _own(mission_id),
        )


# --- amount ranges -------------------------------------------------------------------------------

_Range = tuple[Decimal, Decimal, str | None, str]  # min, max, mission id (None: the linted spec), name


def _range_key(goal: EventGoal) -> tuple[str, tuple[str, ...], str]:
    tags = tuple(sorted(goal.tags))
    return goal.event_type, tags, goal.tag_match if tags else "any"


def _range_of(goal: EventGoal) -> tuple[Decimal, Decimal] | None:
    if goal.amount_min is None or goal.amount_max is None:
        return None
    return goal.amount_min, goal.amount_max


def _ranges(spec: MissionSpec, ctx: LintContext, mission_id: str | None) -> Iterator[Finding]:
    goal = spec.goal
    if not isinstance(goal, EventGoal) or (mine := _range_of(goal)) is None:
        return
    key = _range_key(goal)
    group: list[_Range] = [(mine[0], mine[1], mission_id, spec.name)]
    for other in ctx.catalogue.values():
        if other.id == mission_id or other.status is not MissionStatus.ACTIVE or other.owner_user_id is not None:
            continue
        g = other.spec.goal
        if isinstance(g, EventGoal) and _range_key(g) == key and (r := _range_of(g)) is not None:
            group.append((r[0], r[1], other.id, other.spec.name))
    if len(group) < 2:
        return
    what = f"event type {key[0]!r}" + (f" with tags {list(key[1])} ({key[2]})" if key[1] else "")
    lo, hi = mine
    for other_lo, other_hi, other_id, other_name in group[1:]:
        assert other_id is not None
        if lo < other_hi and other_lo < hi:
            both = f"[{max(lo, other_lo)}, {min(hi, other_hi)})"
            yield Finding(
                "warning",
                "amount_ranges_overlap",
                "goal.amount_min",
                f"on {what}, values in {both} complete both this mission and {other_name!r} ({other_id}): "
                "one event pays twice",
                _own(mission_id, other_id),
            )
    # Gaps between the union of the ranges, next to this one.
    ordered = sorted(group, key=lambda entry: (entry[0], entry[1]))
    reach_hi, reach_by = ordered[0][1], ordered[0]
    for entry in ordered[1:]:
        if entry[0] > reach_hi and mission_id in (entry[2], reach_by[2]):
            ids = [i for i in (reach_by[2], entry[2]) if i is not None]
            yield Finding(
                "warning",
                "amount_ranges_gap",
                "goal.amount_min" if entry[2] == mission_id else "goal.amount_max",
                f"on {what}, no live mission pays values in [{reach_hi}, {entry[0]}): {reach_by[3]!r} ends at "
                f"{reach_hi} and {entry[3]!r} starts at {entry[0]}",
                _own(mission_id, *ids),
            )
        if entry[1] > reach_hi:
            reach_hi, reach_by = entry[1], entry


# --- event type ----------------------------------------------------------------------------------


def _event_type(spec: MissionSpec, ctx: LintContext, mission_id: str | None) -> Iterator[Finding]:
    event_type = spec.event_type
    if event_type is None or ctx.recent_events.get(event_type, 0) > 0:
        return
    yield Finding(
        "warning",
        "event_type_unused",
        "goal.event_type",
        f"no event of type {event_type!r} arrived in the last {RECENT_EVENTS.days} days: is it a typo?",
        _own(mission_id),
    )


# --- DST -----------------------------------------------------------------------------------------


def _midnight_missing(day: date, tz: str) -> bool:
    zone = zone_of(tz)
    wall = datetime.combine(day, time(), tzinfo=zone)
    return wall.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != wall.replace(tzinfo=None)


def dst_gap_dates(spec: MissionSpec, opens: datetime, *, horizon: timedelta = DST_HORIZON) -> list[date]:
    """The boundary dates of a calendar recurrence, from `opens` to E (or `horizon` after), whose
    local midnight falls in a DST gap of the mission's zone."""
    rec = spec.recurrence
    if spec.type is not MissionType.RECURRING or rec is None or rec.every not in ("day", "week", "month"):
        return []
    cal = Calendar.of(rec, spec.timezone)
    until = opens + horizon if spec.end_at is None else min(spec.end_at, opens + horizon)
    k = cal.latest(opens)
    found: list[date] = []
    while (day := cal.date_of(k)) <= until.astimezone(cal.zone).date():
        if day >= opens.astimezone(cal.zone).date() and _midnight_missing(day, spec.timezone):
            found.append(day)
        k += 1
    return found


def _dst(spec: MissionSpec, mission_id: str | None, opens: datetime) -> Iterator[Finding]:
    gaps = dst_gap_dates(spec, opens)
    if not gaps:
        return
    more = f" (and {len(gaps) - 1} more)" if len(gaps) > 1 else ""
    yield Finding(
        "warning",
        "reset_in_dst_gap",
        "recurrence",
        f"the reset of {gaps[0].isoformat()}{more} falls in a DST gap of {spec.timezone}: midnight does not exist "
        "that day, so the cycle starts when the clocks jump (the previous cycle is an hour shorter)",
        _own(mission_id),
    )


# --- social cadence ------------------------------------------------------------------------------


def _social(
    spec: MissionSpec, ctx: LintContext, mission_id: str | None, activated_at: datetime, opens: datetime
) -> Iterator[Finding]:
    if not isinstance(spec.goal, SocialGoal):
        return
    spans: list[tuple[timedelta, str, str]] = []
    if spec.time_to_complete is not None:
        spans.append((spec.time_to_complete, "time_to_complete", "time_to_complete"))
    if spec.end_at is not None and spec.end_at > opens:
        spans.append((spec.end_at - opens, "end_at", "the availability window"))
    lengths = _full_cycle_lengths(spec, activated_at)
    if lengths:
        spans.append((min(lengths), "recurrence", "a cycle"))
    if not spans:
        return
    span, path, what = min(spans)
    delay, whole = ctx.cadence.delay, ctx.cadence.delay + ctx.cadence.timeout
    if span < delay:
        yield Finding(
            "error",
            "social_check_cadence",
            path,
            f"{what} ({_human(span)}) is shorter than the {spec.goal.platform} check's delay ({_human(delay)}): "
            "a check asked at once first looks after the deadline",
            _own(mission_id),
        )
    elif span < whole:
        yield Finding(
            "warning",
            "social_check_cadence",
            path,
            f"{what} ({_human(span)}) is shorter than one {spec.goal.platform} check with its retries "
            f"({_human(whole)}; a user cannot ask again before it ends): a late check may run out of time",
            _own(mission_id),
        )
