"""Whether a journey takes a user's or an admin's action now: the checks of every refusable action.

The enrolment workflow's update validators call these, and so may the API before it asks the
workflow (to refuse without starting a journey), so the two cannot disagree. Each check returns
None when the action may go ahead and raises a domain error otherwise: `Conflict` with the code
the API answers with, or `Cooldown` (`social_check_running`) from `domain.social`. The workflow
turns them into its own refusal in one place.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from domain.errors import Conflict, Invalid
from domain.journey import (
    TERMINAL,
    EnrolmentStatus,
    Journey,
    MissionContext,
    can_opt_in,
    can_progress,
    status_at,
)
from domain.missions import MissionType, SocialGoal
from domain.social_cooldown import ensure_may_verify

#: How long a check still finishing after its own deadline keeps a new one waiting.
FINISHING = timedelta(seconds=1)
#: An admin's grant before the mission's start (§2): refused as bad input, 422, wherever it is checked.
NOT_STARTED = "not_started"
#: The refusals that are the caller's input at fault (422), not a state conflict (409).
INPUT_REFUSALS = frozenset({NOT_STARTED})


def can_submit(ctx: MissionContext, journey: Journey | None, now: datetime) -> bool:
    """A manual goal takes a submission when the journey could progress and none is pending."""
    return ctx.spec.goal.kind == "manual" and can_progress(ctx, journey, now)


def check_open(ctx: MissionContext, journey: Journey | None, now: datetime) -> None:
    """The mission is live and the journey not over: `mission_closed`, `journey_finished`."""
    if not ctx.live or (journey is not None and journey.closed_at is not None):
        raise Conflict("mission_closed", "the mission is no longer active")
    if status_at(ctx, journey, now) in TERMINAL:
        raise Conflict("journey_finished", "the user's journey through this mission is over")


def before_start(ctx: MissionContext, now: datetime) -> bool:
    """Whether the mission's start_at (S) is still ahead: an admin cannot grant it yet (§2)."""
    return ctx.spec.start_at is not None and ctx.spec.start_at > now


def check_started(ctx: MissionContext, now: datetime) -> None:
    """An admin's grant needs the mission started (§2): `not_started`, 422 naming `start_at`.

    Called by `check_grant` and by the API before any journey is asked (a whole request refused).
    """
    if before_start(ctx, now):
        # Bad input, not a state the caller can wait out of in this request (§2: 422).
        raise Invalid(
            NOT_STARTED,
            "a featured mission cannot be granted before its start_at",
            [{"field": "start_at", "reason": "in the future"}],
        )


def check_unlock(ctx: MissionContext, journey: Journey | None, now: datetime) -> None:
    """An unlock needs a locked mission (`not_locked`) that is open."""
    if ctx.spec.type is not MissionType.LOCKED:
        raise Conflict("not_locked", "only missions of type locked can be unlocked")
    check_open(ctx, journey, now)


def check_grant(ctx: MissionContext, journey: Journey | None, now: datetime, *, trigger: bool) -> None:
    """A grant needs a featured mission (`not_featured`) that is open; an admin's grant, also one
    that has started (`not_started`). A segment trigger's grant before S is deferred to S instead."""
    if ctx.spec.type is not MissionType.FEATURED:
        raise Conflict("not_featured", "only missions of type featured can be granted")
    if not trigger:
        check_started(ctx, now)
    check_open(ctx, journey, now)


def check_opt_in(ctx: MissionContext, journey: Journey | None, now: datetime) -> None:
    """An opt-in needs an opt-in mission (`opt_in_not_required`), a user not in it yet
    (`already_opted_in`), and a mission open to them (`cannot_opt_in`)."""
    if not ctx.spec.opt_in:
        raise Conflict("opt_in_not_required", "this mission does not take an opt-in")
    if journey is not None and journey.opted_in_at is not None and status_at(ctx, journey, now) not in TERMINAL:
        raise Conflict("already_opted_in", "the user has already opted in")
    if not can_opt_in(ctx, journey, now):
        status = status_at(ctx, journey, now)
        raise Conflict("cannot_opt_in", f"the mission cannot be opted into now (it is {status.value})")


def check_submit(ctx: MissionContext, journey: Journey | None, now: datetime) -> None:
    """A submission needs a manual goal (`not_a_manual_mission`), an open mission, none waiting
    (`submission_pending`), and a journey that can progress (`cannot_submit`)."""
    if ctx.spec.goal.kind != "manual":
        raise Conflict("not_a_manual_mission", "this mission's goal takes no submissions")
    check_open(ctx, journey, now)
    if journey is not None and journey.pending_since is not None:
        raise Conflict("submission_pending", "a submission is already waiting for review")
    if not can_submit(ctx, journey, now):
        status = status_at(ctx, journey, now)
        raise Conflict("cannot_submit", f"the mission takes no submission now (it is {status.value})")


def check_verify(ctx: MissionContext, journey: Journey | None, now: datetime, *, checking: bool = False) -> None:
    """A social check needs a social goal (`not_a_social_mission`), an open mission, no check of
    the journey's own still running (`Cooldown` `social_check_running`), and a journey that can
    progress (`cannot_verify`). `checking`: the journey's last check is still in flight."""
    goal = ctx.spec.goal
    if not isinstance(goal, SocialGoal):
        raise Conflict("not_a_social_mission", "this mission's goal is not a social action to verify")
    check_open(ctx, journey, now)
    mine = journey.verification if journey is not None else None
    if mine is not None:
        check = mine.as_check(goal.platform, ctx.mission_id)
        if checking and check.ends_by <= now:
            # Its last attempt is still finishing after the deadline: a moment more.
            check = check.model_copy(update={"ends_by": now + FINISHING})
        ensure_may_verify([check], goal.platform, now)
    if not can_progress(ctx, journey, now):
        status = status_at(ctx, journey, now)
        raise Conflict("cannot_verify", f"the mission cannot be verified now (it is {status.value})")


def check_review(ctx: MissionContext, journey: Journey | None, now: datetime, *, submission_id: str) -> None:
    """A decision needs that submission waiting (`submission_not_pending`), the deadline not
    passed (`deadline_passed`), and an open mission."""
    sub = journey.submission if journey is not None else None
    if sub is None or sub.id != submission_id or sub.status != "pending":
        raise Conflict("submission_not_pending", "this submission is not waiting for review")
    if status_at(ctx, journey, now) is EnrolmentStatus.MISSED:
        raise Conflict("deadline_passed", "the mission's deadline has passed; the submission cannot be decided")
    check_open(ctx, journey, now)
