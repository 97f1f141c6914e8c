"""What a user sees (docs/missions.md §4): every row of the table for generally_available,
locked, featured and recurring_on_completion, with and without opt-in, then a property test of
`project()` against the reference model.

Timeline: activation at day 0, S = day 2, E = day 20, T = 5 days (recurring_on_completion takes
no T). The mission opens for the user at day 3 (unlock or grant) where the type needs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
from hypothesis import given, settings

from domain.journey import EnrolmentStatus
from domain.projection import Projection, Tab, Timer, is_visible, project
from tests.domain.reference import (
    TYPES,
    RefView,
    Scenario,
    day,
    days,
    make_ctx,
    make_journey,
    opened_facts,
    ref_view,
    scenarios,
    to_ctx,
    to_journey,
)

S, E, T = day(2), day(20), days(5)
OPENED = day(3)  # unlock / grant
OPTED = day(4)


def clocks_for(type: str, variant: str) -> dict[str, Any]:
    """The availability period and time to complete of a clock variant."""
    ttc = None if type == "recurring_on_completion" else T
    return {
        "S+E+T": {"start_at": S, "end_at": E, "time_to_complete": ttc},
        "E-before-T": {"start_at": S, "end_at": day(6), "time_to_complete": ttc},
        "S+E": {"start_at": S, "end_at": E},
        "T-only": {"time_to_complete": ttc},
        "none": {},
    }[variant]


def view(p: Projection | None) -> RefView | None:
    """The parts of a projection the §4 table speaks of."""
    if p is None:
        return None
    timer = (p.timer.kind, p.timer.ends_at) if p.timer else None
    return RefView(p.tab.value, frozenset(p.chips), timer, p.can_opt_in)


def expect(
    type: str, tab: str, chips: set[str], timer: tuple[str, datetime] | None, can_opt_in: bool = False
) -> RefView:
    """A §4 row: "`featured` is added to every row of a featured mission"."""
    return RefView(tab, frozenset(chips | ({"featured"} if type == "featured" else set())), timer, can_opt_in)


@dataclass(frozen=True)
class Case:
    id: str
    type: str
    clocks: dict[str, Any]
    opt_in: bool
    facts: dict[str, Any] | None  # None: the user has no journey yet
    now: datetime
    expected: RefView
    max_completions: int | None = None

    def param(self) -> Any:
        return pytest.param(self, id=f"{self.type}-{self.id}")


#: Deadline of the "available, no opt-in needed" row per clock variant, at day 4. The anchor is
#: max(activation, S) for generally available (day 0 without S), the unlock or grant (day 3) for
#: locked and featured; recurring_on_completion has no T, so only E bounds it.
AVAILABLE_DEADLINE: dict[str, dict[str, datetime | None]] = {
    "generally_available": {"S+E+T": day(7), "E-before-T": day(6), "S+E": E, "T-only": day(5), "none": None},
    "locked": {"S+E+T": day(8), "E-before-T": day(6), "S+E": E, "T-only": day(8), "none": None},
    "featured": {"S+E+T": day(8), "E-before-T": day(6), "S+E": E, "T-only": day(8), "none": None},
    "recurring_on_completion": {"S+E+T": E, "E-before-T": day(6), "S+E": E, "T-only": None, "none": None},
}


def who(facts: dict[str, Any] | None) -> str:
    return "no-journey" if facts is None else "journey"


def table() -> list[Any]:
    cases: list[Case] = []
    for type in TYPES:
        locked = type == "locked"
        # ---- before S (any type but featured): locked tab, + `locked` for type locked, until_start S
        if type != "featured":
            for opt_in in (False, True):
                for facts, label in [(None, "no-journey"), ({}, "journey")] + (
                    [({"unlocked_at": day(1)}, "unlocked-early")] if locked else []
                ):
                    cases.append(
                        Case(
                            f"before-S-{'opt-in-' if opt_in else ''}{label}",
                            type,
                            clocks_for(type, "S+E+T"),
                            opt_in,
                            facts,
                            day(1),
                            expect(type, "locked", {"locked"} if locked else set(), ("until_start", S)),
                        )
                    )
        # ---- available, no opt-in needed: `active` if unlocked; until_deadline if a deadline exists
        for variant, ends in AVAILABLE_DEADLINE[type].items():
            cases.append(
                Case(
                    f"available-{variant}",
                    type,
                    clocks_for(type, variant),
                    False,
                    opened_facts(type, OPENED),
                    day(4),
                    expect(
                        type, "available", {"active"} if locked else set(), ("until_deadline", ends) if ends else None
                    ),
                )
            )
        # ---- available, opt-in needed, not opted in: `requires_opt_in`; until E if E, else none
        for variant, ends in [("S+E+T", E), ("E-before-T", day(6)), ("T-only", None), ("none", None)]:
            for facts in [opened_facts(type, OPENED)] if type in ("locked", "featured") else [None, {}]:
                cases.append(
                    Case(
                        f"requires-opt-in-{variant}-{who(facts)}",
                        type,
                        clocks_for(type, variant),
                        True,
                        facts,
                        day(5),
                        expect(
                            type,
                            "available",
                            {"requires_opt_in"},
                            ("until_deadline", ends) if ends else None,
                            can_opt_in=True,
                        ),
                    )
                )
        # ---- opted in: `opted_in`; until_deadline (opt-in + T, or E) if a deadline exists
        no_t = type == "recurring_on_completion"
        for variant, ends in [
            ("S+E+T", E if no_t else OPTED + T),
            ("E-before-T", day(6)),
            ("T-only", None if no_t else OPTED + T),
            ("none", None),
        ]:
            cases.append(
                Case(
                    f"opted-in-{variant}",
                    type,
                    clocks_for(type, variant),
                    True,
                    {**opened_facts(type, OPENED), "opted_in_at": OPTED},
                    day(5),
                    expect(type, "available", {"opted_in"}, ("until_deadline", ends) if ends else None),
                )
            )
        # ---- locked type, after S, not unlocked: `locked`; until E if E, else none
        if locked:
            for opt_in in (False, True):
                for variant, ends in [("S+E+T", E), ("S+E", E), ("T-only", None), ("none", None)]:
                    for facts in (None, {}):
                        cases.append(
                            Case(
                                f"not-unlocked-{'opt-in-' if opt_in else ''}{variant}-{who(facts)}",
                                type,
                                clocks_for(type, variant),
                                opt_in,
                                facts,
                                day(5),
                                expect(type, "locked", {"locked"}, ("until_deadline", ends) if ends else None),
                            )
                        )
        # ---- completed (all completions used): no chips, no timer - before and after E
        for opt_in in (False, True):
            for now in (day(5), day(25)):
                opted = {"opted_in_at": OPTED} if opt_in else {}
                cases.append(
                    Case(
                        f"completed-{'opt-in-' if opt_in else ''}{'after-E' if now > E else 'before-E'}",
                        type,
                        clocks_for(type, "S+E+T"),
                        opt_in,
                        {**opened_facts(type, OPENED), **opted, "completions": 2 if no_t else 1},
                        now,
                        expect(type, "completed", set(), None),
                        max_completions=2 if no_t else None,
                    )
                )
        # ---- deadline passed (anchor + T), not completed: missed, `expired`, no timer
        if type != "recurring_on_completion":
            anchor = OPENED if type in ("locked", "featured") else S
            for opt_in, facts, deadline_at in [
                (False, opened_facts(type, OPENED), anchor + T),
                (True, {**opened_facts(type, OPENED), "opted_in_at": OPTED}, OPTED + T),
            ]:
                for now in (deadline_at, deadline_at + days(1)):
                    cases.append(
                        Case(
                            f"deadline-passed-{'opt-in-' if opt_in else ''}{'at' if now == deadline_at else 'after'}",
                            type,
                            clocks_for(type, "S+E+T"),
                            opt_in,
                            facts,
                            now,
                            expect(type, "missed", {"expired"}, None),
                        )
                    )
        # ---- E passed, not completed: missed, `expired`, no timer
        for opt_in in (False, True):
            situations: list[tuple[str, dict[str, Any] | None]] = [("opened", opened_facts(type, OPENED))]
            if type == "locked":
                situations.append(("never-unlocked", None))  # "reaches E before it is unlocked"
                situations.append(("unlocked-at-E", {"unlocked_at": E}))
            if type in ("generally_available", "recurring_on_completion"):
                situations.append(("no-journey", None))
            if type == "recurring_on_completion":
                situations.append(("some-completions-left", {"completions": 1}))
            if opt_in:
                situations.append(("opted-in", {**opened_facts(type, OPENED), "opted_in_at": OPTED}))
            for label, facts in situations:
                for now in (E, day(22)):
                    cases.append(
                        Case(
                            f"E-passed-{'opt-in-' if opt_in else ''}{label}-{'at-E' if now == E else 'after-E'}",
                            type,
                            clocks_for(type, "S+E"),  # no T, so that E itself is what passes
                            opt_in,
                            facts,
                            now,
                            expect(type, "missed", {"expired"}, None),
                            max_completions=3 if type == "recurring_on_completion" else None,
                        )
                    )
    return [c.param() for c in cases]


@pytest.mark.parametrize("case", table())
def test_section_4_table(case: Case) -> None:
    ctx = make_ctx(case.type, opt_in=case.opt_in, max_completions=case.max_completions, **case.clocks)
    journey = None if case.facts is None else make_journey(**case.facts)
    assert view(project(ctx, journey, case.now)) == case.expected


def test_the_table_covers_every_row_for_every_type() -> None:
    ids = [p.id for p in table()]
    rows = ["before-S", "available-", "requires-opt-in", "opted-in", "completed", "deadline-passed", "E-passed"]
    for type in TYPES:
        for row in rows:
            if (row, type) in {("before-S", "featured"), ("deadline-passed", "recurring_on_completion")}:
                continue
            assert any(i.startswith(f"{type}-{row}") for i in ids), (type, row)
    assert any(i.startswith("locked-not-unlocked") for i in ids)
    assert len(ids) == len(set(ids))


# --- visibility ------------------------------------------------------------------------------------


@pytest.mark.parametrize("type", TYPES)
@pytest.mark.parametrize("status", ["draft", "archived"])
def test_drafts_and_archived_missions_are_invisible(type: str, status: str) -> None:
    ctx = make_ctx(type, status=status, start_at=S, end_at=E)
    journey = make_journey(**opened_facts(type, OPENED), opted_in_at=OPTED)
    for now in (day(1), day(5), day(25)):
        assert project(ctx, journey, now) is None
        assert project(ctx, None, now) is None
        assert not is_visible(ctx, journey)


def test_a_featured_mission_is_invisible_until_granted() -> None:
    ctx = make_ctx("featured", start_at=S, end_at=E)
    for now in (day(1), day(5), day(25)):
        assert project(ctx, None, now) is None
        assert project(ctx, make_journey(), now) is None
        assert project(ctx, make_journey(opted_in_at=day(4)), now) is None
    shown = project(ctx, make_journey(granted_at=OPENED), day(5))
    assert shown is not None and shown.chips == ["featured"]


def test_a_locked_mission_hidden_until_unlocked() -> None:
    ctx = make_ctx("locked", hidden_until_unlocked=True, start_at=S, end_at=E)
    for now in (day(1), day(5), day(25)):
        assert project(ctx, None, now) is None
        assert project(ctx, make_journey(), now) is None
    unlocked = view(project(ctx, make_journey(unlocked_at=OPENED), day(5)))
    assert unlocked == expect("locked", "available", {"active"}, ("until_deadline", E))
    early = view(project(ctx, make_journey(unlocked_at=day(1)), day(1)))
    assert early == expect("locked", "locked", {"locked"}, ("until_start", S))


def test_a_locked_mission_not_hidden_is_visible_before_its_unlock() -> None:
    ctx = make_ctx("locked", start_at=S, end_at=E)
    assert view(project(ctx, None, day(5))) == expect("locked", "locked", {"locked"}, ("until_deadline", E))


# --- other details of the view ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("type", "expected"),
    [
        ("generally_available", expect("generally_available", "available", set(), ("until_deadline", day(7)))),
        ("recurring_on_completion", expect("recurring_on_completion", "available", set(), ("until_deadline", E))),
        ("locked", expect("locked", "locked", {"locked"}, ("until_deadline", E))),
        ("featured", None),
    ],
)
def test_a_user_without_a_journey_sees_the_mission_from_its_definition(type: str, expected: RefView | None) -> None:
    ctx = make_ctx(type, **clocks_for(type, "S+E+T"))
    p = project(ctx, None, day(4))
    assert view(p) == expected
    if p is not None:
        assert (p.completions, p.progress.current, p.progress.target, p.progress.unit) == (0, 0, 3, "events")


def test_progress_is_shown_as_plain_numbers() -> None:
    ctx = make_ctx(goal={"kind": "event", "event_type": "buy", "amount_min": "12.5"})
    p = project(ctx, make_journey(progress="2.25"), day(1))
    assert p is not None
    assert (p.progress.current, p.progress.target, p.progress.unit) == (2.25, 12.5, "amount")
    p = project(make_ctx(), make_journey(progress=2), day(1))
    assert p is not None and p.progress.current == 2 and isinstance(p.progress.current, int)


def test_repeatable_mission_shows_its_completions_and_stays_available() -> None:
    ctx = make_ctx("recurring_on_completion", max_completions=3, start_at=S, end_at=E)
    p = project(ctx, make_journey(completions=2, progress=1), day(5))
    assert p is not None
    assert (p.tab, p.completions, p.progress.current) == (Tab.AVAILABLE, 2, 1)
    done = project(ctx, make_journey(completions=3), day(5))
    assert done is not None and done.tab is Tab.COMPLETED and done.timer is None


def test_a_pending_submission_stays_in_the_available_tab() -> None:
    ctx = make_ctx(goal={"kind": "manual", "proof": ["link"]}, **clocks_for("generally_available", "S+E+T"))
    p = project(ctx, make_journey(pending_since=day(3)), day(4))
    assert p is not None
    assert (p.tab, p.status, p.timer) == (
        Tab.AVAILABLE,
        EnrolmentStatus.PENDING,
        Timer(kind="until_deadline", ends_at=day(7)),
    )


def test_chips_never_repeat_and_the_tab_is_one_of_four() -> None:
    ctx = make_ctx("featured", opt_in=True, start_at=S, end_at=E)
    for now in (day(3), day(5), day(25)):
        p = project(ctx, make_journey(granted_at=OPENED, opted_in_at=OPTED), now)
        assert p is not None
        assert len(p.chips) == len(set(p.chips))
        assert p.tab in set(Tab)


# --- property: project() against the reference §4 table --------------------------------------------------


@settings(max_examples=1500, deadline=None)
@given(scenarios())
def test_project_agrees_with_the_reference_table(sc: Scenario) -> None:
    ctx, journey = to_ctx(sc.mission), to_journey(sc.journey)
    got = project(ctx, journey, sc.now)
    assert view(got) == ref_view(sc.mission, sc.journey, sc.now)
    assert is_visible(ctx, journey) is (got is not None)
    if got is not None:
        assert len(got.chips) == len(set(got.chips))
