"""Activating a mission now, or at a time (a durable timer in `LaunchWorkflow`, not a cron)."""

from __future__ import annotations

from datetime import datetime

from db import missions as repo
from db.engine import Conn
from domain.errors import Invalid
from domain.missions import Mission, transition


def check_supported(mission: Mission) -> None:
    """Refuses kinds this version cannot run (422 `not_supported`) rather than honouring them wrongly."""
    spec = mission.spec
    if spec.goal.kind == "social":
        raise Invalid(
            "not_supported",
            "missions with social goals cannot be activated yet: this version does not run them",
            [{"field": "goal.kind", "reason": "not supported yet"}],
        )


async def activate(conn: Conn, mission_id: str, at: datetime) -> Mission:
    """draft → active at `at` (409 from any other status, 422 for unsupported kinds)."""
    mission = await repo.get(conn, mission_id, for_update=True)
    target = transition(mission.status, "activate")
    check_supported(mission)
    return await repo.set_status(conn, mission, target, at)


def launch_id(mission_id: str) -> str:
    """The workflow id of a mission's scheduled activation (one at a time per mission)."""
    return f"launch:{mission_id}"
