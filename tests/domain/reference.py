"""A small, independent reference model of docs/missions.md, and the test vocabulary around it.

The model is written from the semantics text (§3 clocks, §4 projection table, §5 event goals),
not from `domain/`: it uses plain dataclasses and imports nothing from the domain. It is slow and
naive on purpose; the property tests compare the real code against it.

The bottom of the module holds what the tests share: a timeline in whole days, builders for
specs, contexts and journeys, the bridge from the reference's dataclasses to the domain's data
models (data only, no domain logic), and the hypothesis strategies for random scenarios.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

# =============================================================================================
# §5 event goals
# =============================================================================================


@dataclass(frozen=True)
class RefGoal:
    """An event goal: exactly one of `count`, `amount_min` alone, or `amount_min` + `amount_max`."""

    event_type: str
    tags: tuple[str, ...] = ()
    tag_match: str = "any"
    count: int | None = None
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None


@dataclass(frozen=True)
class RefEvent:
    type: str
    tags: tuple[str, ...] = ()
    value: Decimal | None = None


def ref_matches(goal: RefGoal, event: RefEvent) -> bool:
    """§5: same event type; `any` = at least one selected tag, `all` = every selected tag."""
    if event.type != goal.event_type:
        return False
    if not goal.tags:
        return True
    hits = [tag for tag in goal.tags if tag in event.tags]
    return len(hits) == len(goal.tags) if goal.tag_match == "all" else len(hits) > 0


def _counts_toward_sum(value: Decimal | None) -> bool:
    # Decision (the text says "values accumulate"): a missing value adds nothing, and so does a
    # zero or negative one - progress never goes backwards.
    return value is not None and value > 0


def _in_range(goal: RefGoal, value: Decimal | None) -> bool:
    assert goal.amount_min is not None and goal.amount_max is not None
    return value is not None and goal.amount_min <= value < goal.amount_max


def ref_goal_run(goal: RefGoal, events: list[RefEvent]) -> tuple[Decimal, int | None]:
    """(progress after all events, index of the event that completes the goal or None).

    Progress is expressed in the goal's target unit: events for `count`, the running sum for
    `amount_min` alone, and 0/1 for a range (one in-range event completes it).
    """
    matching = [i for i, e in enumerate(events) if ref_matches(goal, e)]
    if goal.count is not None:
        # "complete on the N-th matching event, whatever its value"
        met_at = matching[goal.count - 1] if len(matching) >= goal.count else None
        return Decimal(len(matching)), met_at
    if goal.amount_max is None:
        assert goal.amount_min is not None
        # "values of matching events accumulate; complete when the sum >= min"
        sums = []
        total = Decimal(0)
        for i in matching:
            if _counts_toward_sum(events[i].value):
                total += events[i].value  # type: ignore[operator]
            sums.append((i, total))
        met_at = next((i for i, s in sums if s >= goal.amount_min), None)
        return total, met_at
    # "one matching event with min <= value < max completes; others do not count"
    in_range = [i for i in matching if _in_range(goal, events[i].value)]
    return (Decimal(1) if in_range else Decimal(0)), (in_range[0] if in_range else None)


# =============================================================================================
# §3 clocks and §4 projection, for the types generally_available, locked, featured and
# recurring_on_completion
# =============================================================================================


@dataclass(frozen=True)
class RefMission:
    type: str
    opt_in: bool = False
    start_at: datetime | None = None  # S
    end_at: datetime | None = None  # E
    time_to_complete: timedelta | None = None  # T
    hidden_until_unlocked: bool = False
    max_completions: int | None = None
    status: str = "active"
    activated_at: datetime | None = None


@dataclass(frozen=True)
class RefJourney:
    """Facts only, all at or before the moment the view is taken."""

    unlocked_at: datetime | None = None
    granted_at: datetime | None = None
    opted_in_at: datetime | None = None
    completions: int = 0


@dataclass(frozen=True)
class RefView:
    tab: str
    chips: frozenset[str]
    timer: tuple[str, datetime] | None
    can_opt_in: bool


def ref_visible(m: RefMission, j: RefJourney | None) -> bool:
    """§1 drafts (and archived missions) are invisible; §2 featured only once granted; locked
    hidden while `hidden_until_unlocked` and not unlocked."""
    if m.status != "active" or m.activated_at is None:
        return False
    if m.type == "featured":
        return j is not None and j.granted_at is not None
    if m.type == "locked" and m.hidden_until_unlocked:
        return j is not None and j.unlocked_at is not None
    return True


def ref_available_to_user(m: RefMission, j: RefJourney | None) -> datetime | None:
    """§3 "the moment the mission became available to that user".

    Generally available (and recurring_on_completion, "like generally_available"): max(activation, S).
    Locked: the unlock - but never before the mission itself opens (decision: an unlock before S
    makes the mission available at S). Featured: the grant (never before S: such a grant is refused).
    """
    assert m.activated_at is not None
    opens = max(m.activated_at, m.start_at) if m.start_at else m.activated_at
    if m.type == "locked":
        return max(j.unlocked_at, opens) if j and j.unlocked_at else None
    if m.type == "featured":
        return max(j.granted_at, opens) if j and j.granted_at else None
    return opens


def ref_anchor(m: RefMission, j: RefJourney | None) -> datetime | None:
    """§3: the opt-in moment when `opt_in`, else the moment the mission became available."""
    if m.opt_in:
        return j.opted_in_at if j else None
    return ref_available_to_user(m, j)


def ref_deadline(m: RefMission, j: RefJourney | None) -> datetime | None:
    """§3: the earliest of E and anchor + T (once the anchor exists)."""
    candidates = [m.end_at] if m.end_at else []
    a = ref_anchor(m, j)
    if a is not None and m.time_to_complete is not None:
        candidates.append(a + m.time_to_complete)
    return min(candidates) if candidates else None


def ref_all_completions_used(m: RefMission, j: RefJourney | None) -> bool:
    """§2: a one-off mission is done after one completion; recurring_on_completion after
    `max_completions` (never when null)."""
    if j is None or j.completions == 0:
        return False
    if m.type == "recurring_on_completion":
        return m.max_completions is not None and j.completions >= m.max_completions
    return True


def ref_view(m: RefMission, j: RefJourney | None, now: datetime) -> RefView | None:
    """The §4 table, row by row, in the order the situations exclude each other."""
    if not ref_visible(m, j):
        return None
    featured = {"featured"} if m.type == "featured" else set()

    def row(tab: str, chips: set[str], timer: tuple[str, datetime] | None, can_opt_in: bool = False) -> RefView:
        return RefView(tab, frozenset(chips | featured), timer, can_opt_in)

    S, E = m.start_at, m.end_at
    # completed (all completions used): no chips, no timer - whatever the clocks say.
    if ref_all_completions_used(m, j):
        return row("completed", set(), None)
    # E passed, not completed (also a locked mission reaching E before its unlock).
    if E is not None and now >= E:
        return row("missed", {"expired"}, None)
    # deadline passed, not completed.
    deadline = ref_deadline(m, j)
    if deadline is not None and now >= deadline:
        return row("missed", {"expired"}, None)
    # before S (any type but featured): Locked tab, countdown to S, no opt-in button.
    if S is not None and now < S:
        return row("locked", {"locked"} if m.type == "locked" else set(), ("until_start", S))
    # locked type, after S, not unlocked: until E if E, else none.
    if m.type == "locked" and (j is None or j.unlocked_at is None):
        return row("locked", {"locked"}, ("until_deadline", E) if E else None)
    opted_in = j is not None and j.opted_in_at is not None
    # available, opt-in needed, not opted in: until E if E, else none (T has not started).
    if m.opt_in and not opted_in:
        return row("available", {"requires_opt_in"}, ("until_deadline", E) if E else None, can_opt_in=True)
    # opted in: until_deadline if a deadline exists.
    if m.opt_in:
        return row("available", {"opted_in"}, ("until_deadline", deadline) if deadline else None)
    # available, no opt-in needed: `active` if it was unlocked.
    return row(
        "available",
        {"active"} if m.type == "locked" else set(),
        ("until_deadline", deadline) if deadline else None,
    )


def ref_can_progress(m: RefMission, j: RefJourney | None, now: datetime) -> bool:
    """§5: an event progresses the mission only when it sits in the Available tab and, for an
    opt-in mission, the user has opted in (not locked, not before S, not after the deadline)."""
    v = ref_view(m, j, now)
    return v is not None and v.tab == "available" and "requires_opt_in" not in v.chips


# =============================================================================================
# Shared test vocabulary
# =============================================================================================

T0 = datetime(2030, 1, 1, tzinfo=UTC)


def day(n: float) -> datetime:
    """A moment on the test timeline: `day(0)` is activation in most scenarios."""
    return T0 + timedelta(days=n)


def days(n: float) -> timedelta:
    return timedelta(days=n)


TYPES = ("generally_available", "locked", "featured", "recurring_on_completion")
COUNT_GOAL: dict[str, Any] = {"kind": "event", "event_type": "buy", "count": 3}


def spec_dict(
    type: str = "generally_available",
    *,
    opt_in: bool = False,
    start_at: datetime | None = None,
    end_at: datetime | None = None,
    time_to_complete: timedelta | None = None,
    hidden_until_unlocked: bool = False,
    max_completions: int | None = None,
    goal: dict[str, Any] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A valid spec body for the given type and clocks (what an operator would POST)."""
    body: dict[str, Any] = {"name": f"a {type} mission", "type": type, "goal": goal or dict(COUNT_GOAL)}
    if opt_in:
        body["opt_in"] = True
    if start_at is not None:
        body["start_at"] = start_at
    if end_at is not None:
        body["end_at"] = end_at
    if time_to_complete is not None:
        body["time_to_complete"] = time_to_complete
    if type == "locked" and hidden_until_unlocked:
        body["unlock"] = {"hidden_until_unlocked": True}
    if max_completions is not None:
        body["max_completions"] = max_completions
    body.update(extra)
    return body


def make_ctx(
    type: str = "generally_available",
    *,
    status: str = "active",
    activated_at: datetime | None = T0,
    revision: int = 1,
    **spec_kwargs: Any,
) -> Any:
    """A `MissionContext` of an active mission activated at day 0 (unless told otherwise)."""
    from domain.journey import MissionContext
    from domain.missions import MissionSpec, MissionStatus

    spec = MissionSpec.model_validate(spec_dict(type, **spec_kwargs))
    if status == "draft":
        activated_at = None
    return MissionContext(
        mission_id="m1", revision=revision, spec=spec, status=MissionStatus(status), activated_at=activated_at
    )


def make_journey(**facts: Any) -> Any:
    """A `Journey` of user u1 in mission m1 with the given facts."""
    from domain.journey import Journey

    if "progress" in facts:
        facts["progress"] = Decimal(facts["progress"])
    return Journey(mission_id="m1", user_id="u1", **facts)


def opened_facts(type: str, at: datetime) -> dict[str, datetime]:
    """The fact that opens a mission of `type` for the user at `at` (unlock, grant, or nothing)."""
    if type == "locked":
        return {"unlocked_at": at}
    if type == "featured":
        return {"granted_at": at}
    return {}


def to_ctx(m: RefMission) -> Any:
    """The domain context of a reference mission (a data conversion)."""
    return make_ctx(
        m.type,
        status=m.status,
        activated_at=m.activated_at,
        opt_in=m.opt_in,
        start_at=m.start_at,
        end_at=m.end_at,
        time_to_complete=m.time_to_complete,
        hidden_until_unlocked=m.hidden_until_unlocked,
        max_completions=m.max_completions,
    )


def to_journey(j: RefJourney | None) -> Any:
    if j is None:
        return None
    return make_journey(
        unlocked_at=j.unlocked_at,
        granted_at=j.granted_at,
        opted_in_at=j.opted_in_at,
        completions=j.completions,
    )


@dataclass(frozen=True)
class Scenario:
    """One random (mission, journey, now), on a grid of whole days so that boundaries are hit."""

    mission: RefMission
    journey: RefJourney | None
    now: datetime


def _one_in(n: int) -> st.SearchStrategy[bool]:
    """True about once in `n` draws (an integer draw compared to a bound would lean to the bound)."""
    return st.sampled_from([False] * (n - 1) + [True])


def _between(draw: st.DrawFn, low: datetime, now: datetime) -> datetime | None:
    """Maybe a fact that happened at a whole day in [low, now] (None: it has not happened)."""
    if low > now or draw(_one_in(4)):
        return None
    span = (now - low).days
    return low + days(draw(st.integers(0, span)))


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    """Random specs of the four types, plausible journeys (facts in causal order) and a `now`.

    Activation is day 0 (or a later day); S, E, T and every fact are whole days, so `now` often
    lands exactly on S, E, a deadline, an unlock or an opt-in. Facts never lie after `now`.
    """
    type = draw(st.sampled_from(TYPES))
    opt_in = draw(st.booleans())
    status = draw(st.sampled_from(["active"] * 12 + ["draft", "archived"]))
    activated = day(draw(st.integers(0, 3)))
    start = draw(st.none() | st.integers(0, 8).map(day))
    end = draw(st.none() | st.integers(1, 40).map(day))
    if start is not None and end is not None and end <= start:
        end = start + days(draw(st.integers(1, 10)))
    ttc = None if type == "recurring_on_completion" else draw(st.none() | st.integers(1, 8).map(days))
    mission = RefMission(
        type=type,
        opt_in=opt_in,
        start_at=start,
        end_at=end,
        time_to_complete=ttc,
        hidden_until_unlocked=type == "locked" and draw(_one_in(4)),
        max_completions=draw(st.none() | st.integers(1, 3)) if type == "recurring_on_completion" else None,
        status=status,
        activated_at=None if status == "draft" else activated,
    )
    now = activated + days(draw(st.sampled_from(range(31))))
    if draw(_one_in(8)):
        return Scenario(mission, None, now)

    opens = max(activated, start) if start else activated
    unlocked = granted = None
    if type == "locked":
        # an unlock may come before S (it then takes effect at S) and even after E
        unlocked = _between(draw, activated, now)
    if type == "featured":
        # a grant before S is refused (§2), so grants happen from S (or activation) on
        granted = _between(draw, opens, now)
    probe = RefJourney(unlocked_at=unlocked, granted_at=granted)
    available = ref_available_to_user(mission, probe) if mission.activated_at else None

    opted = None
    if opt_in and available is not None:
        # one can only opt in while the opt-in button shows: available, before E
        opted = _between(draw, available, now if end is None else min(now, end - days(1)))

    completions = 0
    progress_from = opted if opt_in else available
    done_at = None if progress_from is None or not draw(_one_in(3)) else _between(draw, progress_from, now)
    if done_at is not None:
        # a completion needs a moment the user could progress: from the anchor, before the deadline
        limit = ref_deadline(mission, RefJourney(unlocked_at=unlocked, granted_at=granted, opted_in_at=opted))
        if limit is None or done_at < limit:
            if type == "recurring_on_completion":
                cap = mission.max_completions or 4
                completions = draw(st.integers(1, cap))
                if opt_in and completions < cap and draw(st.booleans()):
                    opted = None  # the repeat reset the opt-in; the user has not opted in again yet
            else:
                completions = 1
    journey = RefJourney(unlocked_at=unlocked, granted_at=granted, opted_in_at=opted, completions=completions)
    return Scenario(mission, journey, now)
