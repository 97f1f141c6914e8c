"""Activating a mission now, or at a time (a durable timer in `LaunchWorkflow`, not a cron)."""

from __future__ import annotations

from datetime import datetime

from db import missions as repo
from db.engine import Conn
from domain.missions import Mission, SocialGoal, transition
from domain.social import check_goal


def check_supported(mission: Mission) -> None:
    """Refuses what cannot run as written: a social action its platform cannot verify (422
    `not_supported`), or a target that does not fit the action (422 `invalid_social_target`)."""
    if isinstance(mission.spec.goal, SocialGoal):
        check_goal(mission.spec.goal)


async def activate(conn: Conn, mission_id: str, at: datetime) -> Mission:
    """draft → active at `at` (409 from any other status, 422 for unsupported kinds)."""
    mission = await repo.get(conn, mission_id, for_update=True)
    target = transition(mission.status, "activate")
    check_supported(mission)
    return await repo.set_status(conn, mission, target, at)


def launch_id(mission_id: str) -> str:
    """The workflow id of a mission's scheduled activation (one at a time per mission)."""
    return f"launch:{mission_id}"
