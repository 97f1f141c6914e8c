"""A mission's lifecycle rules (docs/missions.md §1-§3): the status changes it may make, and
what a patch may not change once it is active.
"""

from __future__ import annotations

from domain.errors import Conflict
from domain.missions import MissionSpec, MissionStatus, MissionType, Recurrence

#: The only status changes a mission may make, keyed by the action's name.
TRANSITIONS: dict[str, tuple[frozenset[MissionStatus], MissionStatus]] = {
    "activate": (frozenset({MissionStatus.DRAFT}), MissionStatus.ACTIVE),
    "archive": (frozenset({MissionStatus.DRAFT, MissionStatus.ACTIVE}), MissionStatus.ARCHIVED),
}


def transition(current: MissionStatus, action: str) -> MissionStatus:
    """The status after `action`, or `Conflict` when §1 does not allow it."""
    allowed_from, target = TRANSITIONS[action]
    if current not in allowed_from:
        raise Conflict(
            "invalid_transition",
            f"cannot {action} a mission that is {current.value}",
            {"status": current.value, "action": action},
        )
    return target


def check_active_patch(current: MissionSpec, updated: MissionSpec) -> None:
    """Refuses a patch that would change what running journeys are (type, goal kind)."""
    if current.type != updated.type:
        raise Conflict("immutable_field", "type cannot change once a mission is active", {"field": "type"})
    if current.goal.kind != updated.goal.kind:
        raise Conflict("immutable_field", "goal.kind cannot change once a mission is active", {"field": "goal.kind"})
    if moved := schedule_changes(current, updated):
        raise Conflict(
            "schedule_locked",
            f"{', '.join(moved)} cannot change once a recurring mission is active: its cycles, journeys and"
            " rewards are numbered by this schedule. Clone the mission, change the clone, activate it and"
            " archive this one.",
            {"fields": moved},
        )


def _schedule_key(rec: Recurrence | None) -> tuple[object, ...] | None:
    """A recurrence as the resets it makes: `P1D` and `86400` alike, weekdays in any order."""
    if rec is None:
        return None
    return (rec.period() or rec.every, tuple(sorted(rec.weekdays or ())), rec.day)


def schedule_changes(current: MissionSpec, updated: MissionSpec) -> list[str]:
    """The fields of a `recurring` mission's patch that would move its cycles (§2, §3): the
    recurrence, S (which opens the first cycle) and, for calendar resets, the time zone. Sending
    the current value (the same instant in another offset, say) is no change."""
    if current.type is not MissionType.RECURRING:
        return []
    moved = []
    if _schedule_key(current.recurrence) != _schedule_key(updated.recurrence):
        moved.append("recurrence")
    if current.start_at != updated.start_at:
        moved.append("start_at")
    # A duration counts elapsed time from activation: the zone moves no reset of it.
    calendar = current.recurrence is not None and current.recurrence.period() is None
    if calendar and current.timezone != updated.timezone:
        moved.append("timezone")
    return moved
