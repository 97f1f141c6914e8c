"""A mission's lifecycle rules (docs/missions.md §1-§3): the status changes it may make (pause,
resume and delete included), what a patch may not change once it is active, and the edit-lock of
a survey someone has answered.
"""

from __future__ import annotations

from domain.errors import Conflict, Invalid, NotFound
from domain.missions import ManualGoal, MissionSpec, MissionStatus, MissionType, Recurrence

#: The only status changes a mission may make, keyed by the action's name.
TRANSITIONS: dict[str, tuple[frozenset[MissionStatus], MissionStatus]] = {
    "activate": (frozenset({MissionStatus.DRAFT}), MissionStatus.ACTIVE),
    "archive": (
        frozenset({MissionStatus.DRAFT, MissionStatus.ACTIVE, MissionStatus.PAUSED}),
        MissionStatus.ARCHIVED,
    ),
    "pause": (frozenset({MissionStatus.ACTIVE}), MissionStatus.PAUSED),
    "resume": (frozenset({MissionStatus.PAUSED}), MissionStatus.ACTIVE),
    # A draft is deleted outright (no status: its row goes); these keep a row, for the audit.
    "delete": (
        frozenset({MissionStatus.ACTIVE, MissionStatus.PAUSED, MissionStatus.ARCHIVED}),
        MissionStatus.DELETED,
    ),
}

#: Statuses whose missions have (or had) journeys, points and submissions.
WITH_JOURNEYS = frozenset({MissionStatus.ACTIVE, MissionStatus.PAUSED, MissionStatus.ARCHIVED})


def transition(current: MissionStatus, action: str) -> MissionStatus:
    """The status after `action`, or `Conflict` when §1 does not allow it (a deleted mission is
    404: it is no longer there for anything but its deletion's record)."""
    if current is MissionStatus.DELETED:
        raise NotFound("mission_not_found", "the mission was deleted", {"status": current.value})
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


def check_delete_confirmed(mission_id: str, status: MissionStatus, confirm: str | None) -> None:
    """Deleting a mission that has (or had) journeys takes back its points and removes its
    submissions: it needs `?confirm=<its id>` (409 without, 422 naming `confirm` when it names
    another mission). A draft needs none."""
    if status not in WITH_JOURNEYS:
        return
    if confirm is None:
        raise Conflict(
            "confirmation_required",
            f"deleting a mission that is {status.value} removes all its submissions and takes back every point it"
            f" awarded: confirm with ?confirm={mission_id} (or archive it instead to keep its history)",
            {"status": status.value, "confirm": mission_id},
        )
    if confirm != mission_id:
        raise Invalid(
            "confirmation_mismatch",
            f"confirm: must be the id of the mission being deleted ({mission_id})",
            [{"field": "confirm", "reason": f"must be {mission_id}"}],
        )


def survey_questions_changed(current: MissionSpec, updated: MissionSpec) -> bool:
    """Whether a patch changes the questions of a survey (or drops its survey proof)."""
    before = current.goal
    if not isinstance(before, ManualGoal) or "survey" not in before.proof:
        return False
    after = updated.goal
    if not isinstance(after, ManualGoal) or "survey" not in after.proof:
        return True
    return before.questions != after.questions


def check_survey_lock(mission_id: str, current: MissionSpec, updated: MissionSpec, *, answered: bool) -> None:
    """Once anyone has submitted to a survey mission its questions are fixed (answers already
    given would no longer match them): 409 `survey_locked`, saying to clone it."""
    if answered and survey_questions_changed(current, updated):
        raise Conflict(
            "survey_locked",
            "the survey's questions cannot change once someone has submitted answers: clone the mission"
            f" (POST /v1/missions/{mission_id}/clone), change the clone's questions, activate it and archive this one",
            {"field": "goal.questions", "clone": f"/v1/missions/{mission_id}/clone"},
        )
