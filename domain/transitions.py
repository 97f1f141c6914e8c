"""The journey's transitions: each named change the enrolment workflow makes to its `Journey`.

Every function changes the journey it is given (the workflow holds one `Journey` object, which its
waiting handlers and undo steps refer to) and marks the change through `domain.journey.changed`,
the one place that bumps `version`, so the read model keeps only the newest state. Events and
completions are `domain.journey.apply_event` and `complete`. Deterministic, no I/O, no clock:
the caller passes the moment.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from domain.goals import changes_progress, event_matches, is_met
from domain.journey import (
    EnrolmentStatus,
    Journey,
    MissionContext,
    SubmissionState,
    anchor,
    can_progress,
    changed,
    complete,
    effective_after,
    is_unlocked,
    status_at,
)
from domain.missions import EventGoal, MissionType, SocialGoal
from domain.social_cooldown import VerificationState
from domain.social_verification import Verdict, after_failure

#: What a user reads when the journey ended (deadline, archive) while their check ran.
CHECK_STOPPED = "the check stopped: the mission ended before it could finish"


# --- opening: eligibility, unlock, grant, opt-in ----------------------------------------------


def eligibility_changed(journey: Journey, *, eligible: bool, at: datetime) -> bool:
    """The user entered (`eligible`) or left the mission's segments or tiers at `at`; True when
    the journey reopened (it was ineligible and is no longer)."""
    if eligible and journey.ineligible_since is not None:
        journey.ineligible_since = None
        changed(journey)
        return True
    if not eligible and journey.ineligible_since is None:
        journey.ineligible_since = at
        changed(journey)
    return False


def revised(journey: Journey, revision: int) -> None:
    """The journey follows a new revision of its mission."""
    journey.revision = revision
    changed(journey)


def prerequisite_done(journey: Journey, mission_id: str, at: datetime, *, at_cause: bool) -> None:
    """One of the missions this one waits for was completed at `at` (counted once; with
    `at_cause`, the latest of these completions is kept as the moment the last one opens it)."""
    if mission_id in journey.prerequisites_done:
        return
    journey.prerequisites_done.append(mission_id)
    if at_cause:
        journey.prerequisites_at = max(at, journey.prerequisites_at or at)
    changed(journey)


def unlocks(ctx: MissionContext, journey: Journey, source: str) -> bool:
    """Whether an unlock from `source` opens the journey now: an admin's or a tier's (the router
    sends `tier` only once the user's tier reaches `unlock.min_tier`) always, a completed
    mission's once every prerequisite is done; never twice."""
    unlock = ctx.spec.unlock
    needed = set(unlock.after_missions) if unlock else set()
    by_prerequisites = source == "mission" and bool(needed) and needed <= set(journey.prerequisites_done)
    return journey.unlocked_at is None and (source in ("admin", "tier") or by_prerequisites)


def unlock_moment(journey: Journey, source: str, at: datetime) -> datetime:
    """§3: an unlock takes effect at its cause (the last prerequisite's completion, the points that
    reached the tier), however late it is delivered; events received since then count, the
    causing one does not."""
    cause = journey.prerequisites_at if source == "mission" and journey.prerequisites_at else at
    return effective_after(cause)


def unlocked(journey: Journey, at: datetime) -> None:
    """The locked mission opens for this user at `at`."""
    journey.unlocked_at = at
    changed(journey)


def granted(journey: Journey, at: datetime) -> None:
    """The featured mission is granted to this user, taking effect at `at`."""
    journey.granted_at = at
    changed(journey)


def opted_in(journey: Journey, at: datetime) -> None:
    """The user opted in at `at`: the time to complete starts."""
    journey.opted_in_at = at
    changed(journey)


def closed(journey: Journey, at: datetime) -> None:
    """The mission was archived (or is no longer live): the journey is closed from `at`."""
    journey.closed_at = at
    changed(journey)


def status_moved(journey: Journey) -> None:
    """A clock moved the journey's status (nothing else changed): the read model's row follows."""
    changed(journey)


def completes_on_revision(ctx: MissionContext, journey: Journey, now: datetime) -> bool:
    """After a new revision: True when progress already meets the (possibly lowered) goal."""
    return can_progress(ctx, journey, now) and journey.progress > 0 and is_met(ctx.spec.goal, journey.progress)


def waits_for_opening(
    ctx: MissionContext,
    journey: Journey | None,
    *,
    event_type: str,
    tags: list[str],
    value: Decimal | None,
    at: datetime,
) -> bool:
    """True when the event would count but for a missing unlock or grant, or the user's eligibility.

    Such an opening takes effect at the moment of its cause, which can precede the event although
    the journey learns of it later: the journey keeps these events, to apply those received after
    the opening once it arrives.
    """
    goal = ctx.spec.goal
    if not isinstance(goal, EventGoal) or not event_matches(goal, event_type, tags):
        return False
    if not changes_progress(goal, value) or not ctx.live or (journey is not None and journey.closed_at is not None):
        return False
    waits_for_unlock = ctx.spec.type in (MissionType.LOCKED, MissionType.FEATURED) and not is_unlocked(ctx, journey, at)
    ineligible = journey.ineligible_since if journey is not None else None
    return waits_for_unlock or (ineligible is not None and ineligible <= at)


# --- submissions (manual goals) ---------------------------------------------------------------


def submitted(journey: Journey, submission_id: str, proof: dict[str, Any], at: datetime) -> None:
    """The user submitted proof at `at`: it waits for review (`pending`)."""
    journey.submission = SubmissionState(id=submission_id, status="pending", proof=proof, submitted_at=at)
    journey.pending_since = at
    changed(journey)


def submission_restored(journey: Journey, submission: SubmissionState | None, pending_since: datetime | None) -> None:
    """A submission or a decision is undone: the journey's submission is as it was before."""
    journey.submission, journey.pending_since = submission, pending_since
    changed(journey)


def proof_withheld(journey: Journey) -> None:
    """The approved submission's proof cannot be stored: it is kept out of the journey."""
    sub = journey.submission
    assert sub is not None
    kind = sub.proof.get("kind") if isinstance(sub.proof, dict) else None
    withheld = {"kind": kind, "value": None, "withheld": "the proof could not be stored"}
    journey.submission = sub.model_copy(update={"proof": withheld})
    changed(journey)


def feedback_withheld(journey: Journey) -> None:
    """The decision's feedback cannot be stored: the decision stands without it."""
    assert journey.submission is not None
    journey.submission = journey.submission.model_copy(update={"feedback": None})
    changed(journey)


def submission_decided(
    ctx: MissionContext, journey: Journey, *, approve: bool, feedback: str | None, at: datetime
) -> None:
    """The pending submission is approved (the journey completes) or declined (the user may
    submit again) at `at`."""
    assert journey.submission is not None
    journey.submission = journey.submission.model_copy(
        update={"status": "approved" if approve else "declined", "feedback": feedback, "decided_at": at}
    )
    journey.pending_since = None
    changed(journey)
    if approve:
        complete(ctx, journey, at)


def submission_expired(journey: Journey, status: EnrolmentStatus, at: datetime) -> None:
    """A submission still pending when the deadline passes can no longer be decided: say so."""
    sub = journey.submission
    if status is EnrolmentStatus.MISSED and sub is not None and sub.status == "pending":
        journey.submission = sub.model_copy(update={"status": "expired", "decided_at": at})
        changed(journey)


# --- social checks ----------------------------------------------------------------------------


def verification_started(journey: Journey, state: VerificationState) -> None:
    """The user asked for a social check: it runs (`state`)."""
    journey.verification = state
    changed(journey)


def verification_passed(ctx: MissionContext, journey: Journey, verdict: Verdict, at: datetime) -> None:
    """Found: the journey completes (its reward follows, once); found too late: the check fails."""
    assert journey.verification is not None
    journey.progress = Decimal(min(verdict.found, verdict.needed))
    if not can_progress(ctx, journey, at):
        status = status_at(ctx, journey, at)
        detail = f"found, but the mission can no longer be completed (it is {status.value})"
        update: dict[str, Any] = {"status": "failed", "ended_at": at, "detail": detail}
        journey.verification = journey.verification.model_copy(update=update)
        changed(journey)
        return
    journey.verification = journey.verification.model_copy(
        update={
            "status": "passed",
            "ended_at": at,
            "detail": verdict.detail,
            "found": verdict.found,
            "needed": verdict.needed,
        }
    )
    changed(journey)
    complete(ctx, journey, at)


def goes_to_review(ctx: MissionContext, journey: Journey, failure: str | None, at: datetime) -> bool:
    """Whether a check that failed with `failure` goes to the manual review queue: the platform
    could not answer, and the journey can still progress."""
    return after_failure(failure) == "manual_review" and can_progress(ctx, journey, at)


def verification_failed(
    journey: Journey,
    goal: SocialGoal,
    *,
    failure: str | None,
    detail: str,
    verdict: Verdict | None,
    handle: str,
    review_id: str | None,
    at: datetime,
) -> None:
    """The check ended without passing (`failure`, the last attempt's type; `detail`, what the user
    reads). With `review_id` (see `goes_to_review`) the request waits in the manual review queue
    as that pending submission; without, the user may ask again."""
    assert journey.verification is not None
    update: dict[str, Any] = {
        "status": "review" if review_id is not None else "failed",
        "ended_at": at,
        "detail": detail,
    }
    update["failure"] = failure
    if verdict is not None:
        update |= {"found": verdict.found, "needed": verdict.needed}
        journey.progress = Decimal(min(verdict.found, verdict.needed))
    journey.verification = journey.verification.model_copy(update=update)
    if review_id is not None:
        value = {
            "platform": goal.platform,
            "action": goal.action,
            "target": goal.target,
            "count": goal.count,
            "handle": handle,
            "failure": failure,
            "detail": detail,
        }
        journey.submission = SubmissionState(
            id=review_id, status="pending", proof={"kind": "social", "value": value}, submitted_at=at
        )
        journey.pending_since = at
    changed(journey)


def verification_stopped(journey: Journey, at: datetime) -> bool:
    """A check the journey's end stopped is recorded as failed; True when there was one."""
    v = journey.verification
    if v is None or v.status != "running":
        return False
    journey.verification = v.model_copy(update={"status": "failed", "ended_at": at, "detail": CHECK_STOPPED})
    changed(journey)
    return True


def posts_since(ctx: MissionContext, journey: Journey) -> datetime | None:
    """Posts from before the journey could progress do not count: its anchor, and for a
    repeatable mission the previous completion."""
    repeat = ctx.spec.type is MissionType.RECURRING_ON_COMPLETION
    moments = [anchor(ctx, journey), journey.completed_at if repeat else None]
    return max((m for m in moments if m is not None), default=None)
