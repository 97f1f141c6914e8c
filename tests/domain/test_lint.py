"""The mission lint's rules (domain/lint.py), pure: each rule finds what it should, at the field it
names, with the severity that decides whether an activation is refused — and stays quiet otherwise."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from domain.lint import Cadence, Finding, LintContext, dst_gap_dates, errors_of, lint_catalogue, lint_spec
from domain.missions import Mission, MissionSpec, MissionStatus

NOW = datetime(2027, 3, 1, 12, tzinfo=UTC)
CADENCE = Cadence(delay=timedelta(minutes=5), timeout=timedelta(minutes=10))


def spec(**fields: Any) -> MissionSpec:
    body: dict[str, Any] = {
        "name": "m",
        "type": "generally_available",
        "goal": {"kind": "event", "event_type": "purchase", "count": 1},
    }
    return MissionSpec.model_validate({**body, **fields})


def mission(mission_id: str, status: str = "active", **fields: Any) -> Mission:
    return Mission(
        id=mission_id,
        status=MissionStatus(status),
        revision=1,
        spec=spec(name=f"name of {mission_id}", **fields),
        created_at=NOW,
        updated_at=NOW,
        activated_at=NOW if status != "draft" else None,
    )


def ctx(*missions: Mission, **fields: Any) -> LintContext:
    values: dict[str, Any] = {
        "catalogue": {m.id: m for m in missions},
        "tiers": frozenset({"gold"}),
        "segments": frozenset({"seg_vip"}),
        "recent_events": {"purchase": 12, "deposit": 3},
        "cadence": CADENCE,
        "now": NOW,
    }
    return LintContext(**{**values, **fields})


def codes(findings: list[Finding]) -> list[tuple[str, str, str]]:
    return [(f.severity, f.code, f.field) for f in findings]


def locked(*after: str, **fields: Any) -> dict[str, Any]:
    return {"type": "locked", "unlock": {"after_missions": list(after)}, **fields}


def test_a_plain_spec_has_no_findings() -> None:
    assert lint_spec(spec(), ctx()) == []


# --- unlock ------------------------------------------------------------------------------------------


def test_an_unlock_cycle_is_an_error_naming_every_mission_of_it() -> None:
    a = mission("mis_a", **locked("mis_b"))
    b = mission("mis_b", **locked("mis_c"))
    c = mission("mis_c", status="draft", **locked("mis_a"))
    found = lint_spec(a.spec, ctx(a, b, c), mission_id="mis_a")
    cycle = [f for f in found if f.code == "unlock_cycle"]
    assert codes(cycle) == [("error", "unlock_cycle", "unlock.after_missions")]
    assert cycle[0].missions == ("mis_a", "mis_b", "mis_c")
    # The same spec without its id (a new mission nobody names yet) is in no cycle.
    assert not [f for f in lint_spec(a.spec, ctx(a, b, c)) if f.code == "unlock_cycle"]


def test_a_cycle_through_the_edited_version_replaces_the_stored_one() -> None:
    a = mission("mis_a", **locked("mis_b"))
    b = mission("mis_b")  # stored without prerequisites...
    edited = spec(**locked("mis_a"))  # ...edited to wait for a, which waits for b
    assert "unlock_cycle" in [f.code for f in lint_spec(edited, ctx(a, b), mission_id="mis_b")]
    assert "unlock_cycle" not in [f.code for f in lint_spec(b.spec, ctx(a, b), mission_id="mis_b")]


def test_prerequisites_missing_draft_archived_or_a_challenge() -> None:
    draft = mission("mis_d", status="draft")
    archived = mission("mis_x", status="archived")
    challenge = mission("mis_c").model_copy(update={"owner_user_id": "u1"})
    ok = mission("mis_ok")
    s = spec(**locked("mis_ok", "mis_gone", "mis_d", "mis_x", "mis_c"))
    found = lint_spec(s, ctx(draft, archived, challenge, ok))
    assert codes(found) == [
        ("error", "prerequisite_missing", "unlock.after_missions.1"),
        ("error", "prerequisite_missing", "unlock.after_missions.4"),
        ("warning", "prerequisite_draft", "unlock.after_missions.2"),
        ("warning", "prerequisite_archived", "unlock.after_missions.3"),
    ]
    assert found[0].missions == ("mis_gone",)
    mine = lint_spec(s, ctx(draft, archived, challenge, ok), mission_id="mis_me")
    assert mine[0].missions == ("mis_me", "mis_gone")


def test_tiers_and_segments_that_are_not_defined() -> None:
    s = spec(
        type="locked",
        unlock={"min_tier": "platinum"},
        tiers=["gold", "silver"],
        segments=["seg_vip", "seg_nope"],
    )
    assert codes(lint_spec(s, ctx())) == [
        ("error", "tier_not_found", "tiers.1"),
        ("error", "tier_not_found", "unlock.min_tier"),
        ("error", "segment_not_found", "segments.1"),
    ]
    trig = spec(type="featured", trigger={"segment": "seg_gone"})
    assert codes(lint_spec(trig, ctx())) == [("error", "segment_not_found", "trigger.segment")]
    rule = spec(goal={"kind": "manual", "proof": ["text"], "approval": {"mode": "rule", "segment": "seg_x"}})
    assert codes(lint_spec(rule, ctx())) == [("error", "segment_not_found", "goal.approval.segment")]


# --- clocks ----------------------------------------------------------------------------------------


def test_time_to_complete_longer_than_the_window() -> None:
    s = spec(start_at="2027-04-01T00:00:00Z", end_at="2027-04-03T00:00:00Z", time_to_complete="P3D")
    assert codes(lint_spec(s, ctx())) == [("warning", "time_to_complete_exceeds_window", "time_to_complete")]
    # The window starts now when the start has passed (or there is none).
    assert codes(lint_spec(spec(end_at="2027-03-02T12:00:00Z", time_to_complete="P1DT1H"), ctx())) == [
        ("warning", "time_to_complete_exceeds_window", "time_to_complete")
    ]
    assert lint_spec(spec(end_at="2027-03-02T12:00:00Z", time_to_complete="P1D"), ctx()) == []


def test_an_end_that_has_passed_is_a_warning() -> None:
    assert codes(lint_spec(spec(end_at="2027-02-01T00:00:00Z"), ctx())) == [("warning", "end_in_past", "end_at")]


def test_a_recurring_end_before_the_first_reset_is_an_error() -> None:
    s = spec(type="recurring", recurrence={"every": "day"}, end_at="2027-03-01T20:00:00Z")
    assert codes(lint_spec(s, ctx())) == [("error", "no_cycle_before_end", "end_at")]
    weekly = spec(type="recurring", recurrence={"every": "week", "weekdays": ["mon"]}, end_at="2027-03-07T20:00:00Z")
    assert codes(lint_spec(weekly, ctx())) == [("error", "no_cycle_before_end", "end_at")]
    assert lint_spec(spec(type="recurring", recurrence={"every": "day"}, end_at="2027-03-05T00:00:00Z"), ctx()) == []


def test_time_to_complete_not_shorter_than_a_cycle() -> None:
    s = spec(type="recurring", recurrence={"every": "day"}, time_to_complete="P1D")
    assert codes(lint_spec(s, ctx())) == [("warning", "time_to_complete_exceeds_cycle", "time_to_complete")]
    assert lint_spec(spec(type="recurring", recurrence={"every": "day"}, time_to_complete="PT12H"), ctx()) == []


def test_a_streak_longer_than_the_window_the_deadline_or_a_cycle() -> None:
    streak = {"kind": "event", "event_type": "purchase", "count": 1, "streak": {"period": "day", "periods": 5}}
    # 2027-03-01 12:00 to 03-04 12:00 touches four days.
    short = spec(goal=streak, end_at="2027-03-04T12:00:00Z")
    assert codes(lint_spec(short, ctx())) == [("error", "streak_exceeds_window", "goal.streak.periods")]
    assert lint_spec(spec(goal=streak, end_at="2027-03-05T00:00:01Z"), ctx()) == []
    # time_to_complete P3D can touch four days at most.
    assert codes(lint_spec(spec(goal=streak, time_to_complete="P3D"), ctx())) == [
        ("error", "streak_exceeds_window", "goal.streak.periods")
    ]
    assert lint_spec(spec(goal=streak, time_to_complete="P4D"), ctx()) == []
    # A daily recurring mission starts over every day: a 5-day streak never completes.
    daily = spec(goal=streak, type="recurring", recurrence={"every": "day"})
    assert codes(lint_spec(daily, ctx())) == [("error", "streak_exceeds_window", "goal.streak.periods")]
    monthly = spec(goal=streak, type="recurring", recurrence={"every": "month", "day": 1})
    assert lint_spec(monthly, ctx()) == []


def test_a_budget_cap_below_one_reward() -> None:
    s = spec(reward={"points": 100}, budget_cap={"points": 50})
    assert codes(lint_spec(s, ctx())) == [("error", "budget_below_reward", "budget_cap.points")]
    assert lint_spec(spec(reward={"points": 100}, budget_cap={"points": 100}), ctx()) == []
    assert lint_spec(spec(reward={"points": 100}, budget_cap={"completions": 1}), ctx()) == []


# --- amount ranges ---------------------------------------------------------------------------------


def ranged(lo: str, hi: str, *, event_type: str = "deposit", **goal: Any) -> dict[str, Any]:
    return {"goal": {"kind": "event", "event_type": event_type, "amount_min": lo, "amount_max": hi, **goal}}


def test_amount_ranges_that_overlap_pay_twice() -> None:
    live = mission("mis_low", **ranged("10", "50"))
    s = spec(**ranged("40", "100"))
    found = lint_spec(s, ctx(live))
    assert codes(found) == [("warning", "amount_ranges_overlap", "goal.amount_min")]
    assert "[40, 50)" in found[0].message and found[0].missions == ("mis_low",)
    # Adjacent ranges (max of one = min of the next) neither overlap nor leave a gap.
    assert lint_spec(spec(**ranged("50", "100")), ctx(live)) == []


def test_amount_ranges_that_leave_a_gap() -> None:
    live = mission("mis_low", **ranged("10", "50"))
    found = lint_spec(spec(**ranged("60", "100")), ctx(live), mission_id="mis_high")
    assert codes(found) == [("warning", "amount_ranges_gap", "goal.amount_min")]
    assert "[50, 60)" in found[0].message and found[0].missions == ("mis_high", "mis_low")


def test_amount_ranges_only_compare_live_missions_of_the_same_type_and_tags() -> None:
    others = [
        mission("mis_draft", status="draft", **ranged("10", "50")),
        mission("mis_other_type", **ranged("10", "50", event_type="purchase")),
        mission("mis_tagged", **ranged("10", "50", tags=["eu"])),
    ]
    assert lint_spec(spec(**ranged("40", "100")), ctx(*others)) == []


def test_the_catalogue_reports_a_shared_problem_once() -> None:
    a = mission("mis_a", **ranged("10", "50"))
    b = mission("mis_b", **ranged("40", "100"))
    c = mission("mis_c", **locked("mis_d"))
    d = mission("mis_d", **locked("mis_c"))
    found = lint_catalogue(ctx(a, b, c, d))
    assert sorted((f.code, f.missions) for f in found) == [
        ("amount_ranges_overlap", ("mis_a", "mis_b")),
        ("unlock_cycle", ("mis_c", "mis_d")),
    ]


# --- event type, DST, social -----------------------------------------------------------------------


def test_an_event_type_no_event_carried_lately() -> None:
    found = lint_spec(spec(goal={"kind": "event", "event_type": "purchse", "count": 1}), ctx())
    assert codes(found) == [("warning", "event_type_unused", "goal.event_type")]
    assert "'purchse'" in found[0].message


def test_a_daily_reset_in_a_dst_gap() -> None:
    # Chile moves its clocks from 24:00 to 01:00 on the first Sunday of September: 2027-09-05 has no midnight.
    s = spec(type="recurring", recurrence={"every": "day"}, timezone="America/Santiago")
    found = lint_spec(s, ctx())
    assert codes(found) == [("warning", "reset_in_dst_gap", "recurrence")]
    assert "2027-09-05" in found[0].message
    assert [d.isoformat() for d in dst_gap_dates(s, NOW)] == ["2027-09-05"]
    # Berlin changes at 02:00: midnight always exists, as it does for a weekly reset on a Monday.
    assert lint_spec(spec(type="recurring", recurrence={"every": "day"}, timezone="Europe/Berlin"), ctx()) == []
    monday = spec(type="recurring", recurrence={"every": "week", "weekdays": ["mon"]}, timezone="America/Santiago")
    assert lint_spec(monday, ctx()) == []
    # Ending before the change: no gap in the window.
    ends = spec(
        type="recurring", recurrence={"every": "day"}, timezone="America/Santiago", end_at="2027-08-01T00:00:00Z"
    )
    assert lint_spec(ends, ctx()) == []
    # A duration recurrence counts absolute time and never falls in a gap.
    assert lint_spec(spec(type="recurring", recurrence={"every": "P1D"}, timezone="America/Santiago"), ctx()) == []


SOCIAL = {"kind": "social", "platform": "x", "action": "follow", "target": "@questline"}


def test_a_social_check_cadence_beyond_what_the_platform_allows() -> None:
    assert codes(lint_spec(spec(goal=SOCIAL, time_to_complete="PT2M"), ctx())) == [
        ("error", "social_check_cadence", "time_to_complete")
    ]
    assert codes(lint_spec(spec(goal=SOCIAL, time_to_complete="PT10M"), ctx())) == [
        ("warning", "social_check_cadence", "time_to_complete")
    ]
    assert lint_spec(spec(goal=SOCIAL, time_to_complete="PT15M"), ctx()) == []
    # A recurring cycle shorter than the delay, and a window ending soon.
    every = spec(goal=SOCIAL, type="recurring", recurrence={"every": "PT3M"})
    assert codes(lint_spec(every, ctx())) == [("error", "social_check_cadence", "recurrence")]
    soon = spec(goal=SOCIAL, end_at=(NOW + timedelta(minutes=7)).isoformat())
    assert codes(lint_spec(soon, ctx())) == [("warning", "social_check_cadence", "end_at")]
    # The platform's own limits come from the context (the settings): a shorter delay allows more.
    quick = ctx(cadence=Cadence(delay=timedelta(seconds=2), timeout=timedelta(seconds=30)))
    assert lint_spec(spec(goal=SOCIAL, time_to_complete="PT2M"), quick) == []


def test_errors_come_first_and_errors_of_keeps_only_them() -> None:
    s = spec(
        goal={"kind": "event", "event_type": "nothing", "count": 1},
        reward={"points": 100},
        budget_cap={"points": 10},
    )
    found = lint_spec(s, ctx())
    assert [f.severity for f in found] == ["error", "warning"]
    assert [f.code for f in errors_of(found)] == ["budget_below_reward"]
    assert found[0].as_json() == {
        "severity": "error",
        "code": "budget_below_reward",
        "field": "budget_cap.points",
        "message": found[0].message,
        "missions": [],
    }


def test_a_live_missions_dst_gaps_are_looked_for_from_now_on() -> None:
    live = mission("mis_live", type="recurring", recurrence={"every": "day"}, timezone="America/Santiago")
    live = live.model_copy(update={"activated_at": datetime(2025, 1, 1, tzinfo=UTC)})
    found = lint_catalogue(ctx(live))
    assert codes(found) == [("warning", "reset_in_dst_gap", "recurrence")]
    assert "2027-09-05" in found[0].message and found[0].missions == ("mis_live",)
