"""The steps of a mission's activation (now, or at a time: a durable timer in `LaunchWorkflow`,
not a cron) and the backfill jobs it starts; `services.missions.Missions` runs them."""

from __future__ import annotations

from datetime import datetime

from db import missions as repo
from db.engine import Conn
from db.starts import PendingStart
from domain.mission_lifecycle import transition
from domain.missions import Mission, MissionSpec, MissionStatus, MissionType, SocialGoal
from domain.social_targets import check_goal
from services import notifications
from services.starts import WorkflowStarts
from workflows.launch import launch_id as launch_id  # re-exported: `launch.launch_id`
from workflows.segment_grant import GrantJob, trigger_grants_id, unlock_backfill_id


def check_supported(spec: MissionSpec) -> None:
    """Refuses what cannot run as written: a social action its platform cannot verify (422
    `not_supported`), or a target that does not fit the action (422 `invalid_social_target`)."""
    if isinstance(spec.goal, SocialGoal):
        check_goal(spec.goal)


async def activate(conn: Conn, mission_id: str, at: datetime) -> Mission:
    """draft → active at `at` (409 from any other status, 422 for unsupported kinds)."""
    mission = await repo.get(conn, mission_id, for_update=True)
    target = transition(mission.status, "activate")
    check_supported(mission.spec)
    activated = await repo.set_status(conn, mission, target, at)
    await notifications.enqueue_launch(conn, activated)  # tell its users it is live (issue 17)
    return activated


async def enqueue_trigger_grants(conn: Conn, starts: WorkflowStarts, mission: Mission) -> PendingStart | None:
    """With an activation: the durable job granting a triggered featured mission to every user
    already in its trigger segment (later entrants are granted by the router on entry).

    Recorded in the activation's transaction (call `starts.start_now` after its commit; the relay
    starts it otherwise). The grants are the trigger's: before `start_at` they take effect at S.
    None for a mission without a trigger.
    """
    trigger = mission.spec.trigger
    if trigger is None or mission.status is not MissionStatus.ACTIVE:
        return None
    job = GrantJob(mission_id=mission.id, segment_id=trigger.segment, trigger=True)
    return await starts.enqueue(conn, "segment_grant", trigger_grants_id(mission.id, trigger.segment), job)


async def enqueue_unlock_backfill(conn: Conn, starts: WorkflowStarts, mission: Mission) -> PendingStart | None:
    """With an activation: the durable job unlocking a locked mission for every user who already met
    its conditions, whose causes came before it was live so the router never told it: all its
    `unlock.after_missions` completed (those who completed some are told which: the last, completed
    later and routed as usual, unlocks it), or a tier that reaches `unlock.min_tier`.

    Recorded in the activation's transaction (call `starts.start_now` after its commit; the relay
    starts it otherwise). None for a mission without such conditions.
    """
    unlock = mission.spec.unlock
    if mission.spec.type is not MissionType.LOCKED or unlock is None or mission.status is not MissionStatus.ACTIVE:
        return None
    if not unlock.after_missions and unlock.min_tier is None:
        return None
    job = GrantJob(
        mission_id=mission.id, segment_id="", prerequisites=list(unlock.after_missions), min_tier=unlock.min_tier
    )
    return await starts.enqueue(conn, "segment_grant", unlock_backfill_id(mission.id), job)
