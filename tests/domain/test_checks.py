"""`domain.checks`: the refusals the enrolment workflow's validators (and the API) share."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from domain import checks
from domain.errors import Conflict, Cooldown, DomainError, Invalid
from domain.journey import SubmissionState
from domain.social_cooldown import VerificationState
from tests.domain.reference import day, make_ctx, make_journey

MANUAL: dict[str, Any] = {"kind": "manual", "proof": ["link"]}
SOCIAL: dict[str, Any] = {"kind": "social", "platform": "x", "action": "follow", "target": "@q"}


def _code(check: Any, *args: Any, **kwargs: Any) -> str | None:
    try:
        check(*args, **kwargs)
    except DomainError as exc:
        return exc.code
    return None


def test_open_refuses_an_archived_mission_and_a_finished_journey() -> None:
    assert _code(checks.check_open, make_ctx(status="archived"), None, day(1)) == "mission_closed"
    assert _code(checks.check_open, make_ctx(), make_journey(closed_at=day(1)), day(2)) == "mission_closed"
    assert _code(checks.check_open, make_ctx(), make_journey(completions=1), day(2)) == "journey_finished"
    assert _code(checks.check_open, make_ctx(), None, day(1)) is None


def test_unlock_and_grant_need_their_mission_type() -> None:
    assert _code(checks.check_unlock, make_ctx(), None, day(1)) == "not_locked"
    assert _code(checks.check_unlock, make_ctx("locked"), None, day(1)) is None
    assert _code(checks.check_grant, make_ctx(), None, day(1), trigger=False) == "not_featured"
    assert _code(checks.check_grant, make_ctx("featured"), None, day(1), trigger=False) is None


def test_an_admin_grant_before_start_is_refused_a_trigger_grant_is_not() -> None:
    ctx = make_ctx("featured", start_at=day(5))
    with pytest.raises(Invalid) as refused:  # §2: bad input, 422 wherever it is checked
        checks.check_grant(ctx, None, day(1), trigger=False)
    assert refused.value.code == "not_started"
    assert refused.value.message == "a featured mission cannot be granted before its start_at"
    assert refused.value.details == [{"field": "start_at", "reason": "in the future"}]
    assert _code(checks.check_grant, ctx, None, day(1), trigger=True) is None


def test_opt_in_codes() -> None:
    assert _code(checks.check_opt_in, make_ctx(), None, day(1)) == "opt_in_not_required"
    ctx = make_ctx(opt_in=True)
    assert _code(checks.check_opt_in, ctx, make_journey(opted_in_at=day(1)), day(2)) == "already_opted_in"
    assert _code(checks.check_opt_in, ctx, None, day(1)) is None
    with pytest.raises(Conflict) as refused:
        checks.check_opt_in(make_ctx(opt_in=True, start_at=day(3)), None, day(1))
    assert refused.value.code == "cannot_opt_in"
    assert refused.value.message == "the mission cannot be opted into now (it is locked)"


def test_submit_codes() -> None:
    assert _code(checks.check_submit, make_ctx(), None, day(1)) == "not_a_manual_mission"
    ctx = make_ctx(goal=MANUAL)
    assert _code(checks.check_submit, ctx, make_journey(pending_since=day(1)), day(2)) == "submission_pending"
    assert _code(checks.check_submit, make_ctx(goal=MANUAL, opt_in=True), None, day(1)) == "cannot_submit"
    assert _code(checks.check_submit, ctx, None, day(1)) is None


def test_review_codes() -> None:
    ctx = make_ctx(goal=MANUAL, end_at=day(5))
    pending = SubmissionState(id="s1", status="pending", proof={}, submitted_at=day(1))
    journey = make_journey(submission=pending, pending_since=day(1))
    assert _code(checks.check_review, ctx, journey, day(2), submission_id="s2") == "submission_not_pending"
    assert _code(checks.check_review, ctx, None, day(2), submission_id="s1") == "submission_not_pending"
    assert _code(checks.check_review, ctx, journey, day(6), submission_id="s1") == "deadline_passed"
    assert _code(checks.check_review, ctx, journey, day(2), submission_id="s1") is None


def test_verify_refuses_while_the_journeys_own_check_runs() -> None:
    assert _code(checks.check_verify, make_ctx(), None, day(1)) == "not_a_social_mission"
    ctx = make_ctx(goal=SOCIAL)
    running = VerificationState(status="running", requested_at=day(1), ends_by=day(1) + timedelta(minutes=5))
    with pytest.raises(Cooldown) as refused:
        checks.check_verify(ctx, make_journey(verification=running), day(1) + timedelta(minutes=1))
    assert refused.value.code == "social_check_running"
    # Past its deadline but still finishing: a moment more.
    late = day(1) + timedelta(minutes=6)
    assert _code(checks.check_verify, ctx, make_journey(verification=running), late, checking=True) == (
        "social_check_running"
    )
    assert _code(checks.check_verify, ctx, make_journey(verification=running), late) is None
    assert _code(checks.check_verify, make_ctx(goal=SOCIAL, opt_in=True), None, day(1)) == "cannot_verify"
