"""`domain.transitions`: each named change of a journey, and the one version bump it makes."""

from __future__ import annotations

from typing import Any

from domain import transitions
from domain.journey import EnrolmentStatus, SubmissionState, effective_after
from domain.missions import SocialGoal
from domain.social_cooldown import VerificationState
from domain.social_verification import Verdict
from tests.domain.reference import day, make_ctx, make_journey

MANUAL: dict[str, Any] = {"kind": "manual", "proof": ["link"]}
SOCIAL: dict[str, Any] = {"kind": "social", "platform": "x", "action": "follow", "target": "@q"}


def test_eligibility_changes_bump_once_and_say_when_the_journey_reopens() -> None:
    j = make_journey()
    assert not transitions.eligibility_changed(j, eligible=False, at=day(1))
    assert j.ineligible_since == day(1) and j.version == 1
    assert not transitions.eligibility_changed(j, eligible=False, at=day(2))
    assert j.version == 1
    assert transitions.eligibility_changed(j, eligible=True, at=day(3))
    assert j.ineligible_since is None and j.version == 2


def test_prerequisites_and_the_unlock_moment() -> None:
    ctx = make_ctx("locked", unlock={"after_missions": ["a", "b"]})
    j = make_journey()
    transitions.prerequisite_done(j, "a", day(2), at_cause=True)
    transitions.prerequisite_done(j, "a", day(3), at_cause=True)
    assert j.prerequisites_done == ["a"] and j.version == 1
    assert not transitions.unlocks(ctx, j, "mission")
    transitions.prerequisite_done(j, "b", day(1), at_cause=True)
    assert j.prerequisites_at == day(2) and transitions.unlocks(ctx, j, "mission")
    assert transitions.unlock_moment(j, "mission", day(4)) == effective_after(day(2))
    assert transitions.unlock_moment(j, "tier", day(4)) == effective_after(day(4))
    transitions.unlocked(j, day(4))
    assert j.unlocked_at == day(4) and j.version == 3 and not transitions.unlocks(ctx, j, "admin")


def test_a_decision_bumps_and_an_approval_completes() -> None:
    ctx = make_ctx(goal=MANUAL)
    j = make_journey()
    transitions.submitted(j, "s1", {"kind": "link"}, day(1))
    assert j.pending_since == day(1) and j.version == 1
    transitions.submission_decided(ctx, j, approve=True, feedback="ok", at=day(2))
    assert j.submission is not None and j.submission.status == "approved" and j.submission.feedback == "ok"
    assert j.completions == 1 and j.pending_since is None and j.version == 3


def test_a_pending_submission_expires_when_missed() -> None:
    pending = SubmissionState(id="s1", status="pending", proof={}, submitted_at=day(1))
    j = make_journey(submission=pending, pending_since=day(1))
    transitions.submission_expired(j, EnrolmentStatus.PENDING, day(2))
    assert j.version == 0
    transitions.submission_expired(j, EnrolmentStatus.MISSED, day(3))
    assert j.submission is not None and j.submission.status == "expired" and j.version == 1


def test_a_failed_check_goes_to_review_as_a_pending_submission() -> None:
    goal = SocialGoal.model_validate(SOCIAL)
    running = VerificationState(status="running", requested_at=day(1), ends_by=day(2))
    j = make_journey(verification=running)
    verdict = Verdict.of(0, 1, "not found")
    transitions.verification_failed(
        j,
        goal,
        failure="unreachable",
        detail="sent to review",
        verdict=verdict,
        handle="@me",
        review_id="s9",
        at=day(1),
    )
    assert j.verification is not None and j.verification.status == "review" and j.verification.found == 0
    assert j.submission is not None and j.submission.id == "s9" and j.pending_since == day(1)
    assert j.version == 1


def test_a_passed_check_completes_unless_too_late() -> None:
    running = VerificationState(status="running", requested_at=day(1), ends_by=day(2))
    ctx = make_ctx(goal=SOCIAL, end_at=day(3))
    j = make_journey(verification=running)
    transitions.verification_passed(ctx, j, Verdict.of(1, 1, "found"), day(1))
    assert j.verification is not None and j.verification.status == "passed" and j.completions == 1
    late = make_journey(verification=running)
    transitions.verification_passed(ctx, late, Verdict.of(1, 1, "found"), day(4))
    assert late.verification is not None and late.verification.status == "failed" and late.completions == 0
    assert late.version == 1


def test_a_stopped_check_is_recorded_once() -> None:
    running = VerificationState(status="running", requested_at=day(1), ends_by=day(2))
    j = make_journey(verification=running)
    assert transitions.verification_stopped(j, day(1))
    assert j.verification is not None and j.verification.detail == transitions.CHECK_STOPPED
    assert not transitions.verification_stopped(j, day(2)) and j.version == 1
