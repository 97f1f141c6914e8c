"""Starting a user's social check: one at a time per user and platform (mission-semantics.md §5)."""

from __future__ import annotations

from datetime import UTC, datetime

from db import enrolments, users
from db.engine import Conn
from db.social import lock_checks
from domain.errors import Conflict, Cooldown
from domain.journey import Journey, MissionContext, can_progress, status_at
from domain.missions import SocialGoal
from domain.social import SocialCheck, ensure_may_verify, handle_for, needs_handle
from services.active_missions import ActiveMissions
from services.gateway import JourneyGateway
from settings import Settings
from workflows.payloads import ActionResult, Verify


async def checks_of(conn: Conn, catalogue: ActiveMissions, user_id: str) -> list[SocialCheck]:
    """The user's latest check on each live social mission, on its platform (for the cooldown)."""
    platforms = {m: goal.platform for m, ctx in catalogue.live.items() if (goal := needs_handle(ctx.spec)) is not None}
    if not platforms:
        return []
    journeys = await enrolments.for_user(conn, user_id, list(platforms))
    return [j.verification.as_check(platforms[m], m) for m, j in journeys.items() if j.verification is not None]


async def start_check(
    conn: Conn,
    gateway: JourneyGateway,
    catalogue: ActiveMissions,
    ctx: MissionContext,
    journey: Journey | None,
    user_id: str,
    settings: Settings,
) -> ActionResult:
    """Starts the check of a social mission and returns the saved journey, its check running.

    429 `social_check_running` while a check of this user runs on the same platform (any
    mission); 409 `not_a_social_mission`, or `cannot_verify` when the mission cannot progress.
    The cooldown is read and the check started under the user's lock on the platform (held until
    `conn`'s transaction ends): the journey's update returns only once its read model row shows
    the check running, so a concurrent request for another mission, let in after it, sees the
    check and is refused. Each journey only knows its own checks, so this is the one place the
    rule holds across missions.
    """
    goal = ctx.spec.goal
    if not isinstance(goal, SocialGoal):
        raise Conflict("not_a_social_mission", "this mission's goal is not a social action to verify")
    handle = handle_for((await users.get_profile(conn, user_id)).social, goal.platform)
    assert handle is not None  # a social mission is hidden from users without an account on it
    await lock_checks(conn, user_id, goal.platform)
    # Read after the lock: each statement sees what other transactions committed before it.
    now = datetime.now(UTC)
    ensure_may_verify(await checks_of(conn, catalogue, user_id), goal.platform, now)
    # Refuse here what the journey would refuse, so no journey is started just to say no.
    if ctx.spec.opt_in and (journey is None or journey.opted_in_at is None):
        raise Conflict("cannot_verify", "opt in to the mission before asking for its check")
    if not can_progress(ctx, journey, now):
        status = status_at(ctx, journey, now).value
        raise Conflict("cannot_verify", f"the mission cannot be verified now (it is {status})")
    msg = Verify(handle=handle, delay=settings.social_check_delay, timeout=settings.social_check_timeout, at=now)
    try:
        return await gateway.act(ctx, user_id, "verify", msg)
    except Conflict as exc:
        if exc.code == "social_check_running":  # the journey's own check (e.g. still finishing)
            raise Cooldown(exc.code, exc.message, exc.details) from exc
        raise
