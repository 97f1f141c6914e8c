"""What a user is shown of a mission, a quest and their wallet: the view models and how a journey becomes one.

`view_of` is the one place a journey (the read model row) is turned into what the user sees; it
projects at a moment with `domain.projection.project` (docs/missions.md §4). The API returns
these models as they are, so their names and fields are part of the OpenAPI document.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel

from db.ledger import Wallet
from domain.journey import Journey, MissionContext, journey_now
from domain.missions import MissionType
from domain.projection import Chip, ProgressView, Tab, Timer, project
from domain.rewards import Reward
from domain.social_cooldown import VerificationStatus

__all__ = [
    "MissionView",
    "MissionViews",
    "QuestView",
    "QuestViews",
    "Submission",
    "Verification",
    "Wallet",
    "sort_views",
    "submission_of",
    "verification_of",
    "view_of",
]

_TAB_ORDER = {Tab.AVAILABLE: 0, Tab.LOCKED: 1, Tab.COMPLETED: 2, Tab.MISSED: 3}


class Submission(BaseModel):
    """The latest proof a user submitted for a manual mission."""

    id: str
    status: str
    proof: dict[str, Any]
    feedback: str | None


class Verification(BaseModel):
    """The latest social check the user asked for (`POST .../verify`).

    `running` until `ends_by` at the latest (asking again on the same platform meanwhile is 429);
    then `passed` (the mission completed), `failed` (`detail` says what was not found; ask again)
    or `review` (the platform could not answer: an admin decides, see `submission`).
    """

    status: VerificationStatus
    requested_at: datetime
    ends_by: datetime
    ended_at: datetime | None
    detail: str | None
    found: int | None
    needed: int | None


class MissionView(BaseModel):
    """One mission as a user sees it now (docs/missions.md §4)."""

    mission_id: str
    name: str
    description: str | None
    type: MissionType
    tab: Tab
    chips: list[Chip]
    timer: Timer | None
    progress: ProgressView
    can_opt_in: bool
    completions: int
    max_completions: int | None
    reward: Reward | None
    status: str
    submission: Submission | None = None
    verification: Verification | None = None
    category_id: str | None
    quest_id: str | None
    action_button: dict[str, Any] | None
    images: dict[str, Any] | None


class QuestView(BaseModel):
    """A quest as a user sees it: which of its missions they completed."""

    quest_id: str
    name: str
    description: str | None
    reward: dict[str, Any] | None
    mission_ids: list[str]
    completed_mission_ids: list[str]
    progress: ProgressView
    status: Literal["in_progress", "completed"]


class QuestViews(BaseModel):
    """The quests that have active missions."""

    items: list[QuestView]


class MissionViews(BaseModel):
    """The user's visible missions by tab (available, locked, completed, missed), featured first within each."""

    items: list[MissionView]


def submission_of(journey: Journey | None) -> Submission | None:
    """The latest submission of a journey, as the user sees it."""
    sub = journey.submission if journey is not None else None
    if sub is None:
        return None
    return Submission(id=sub.id, status=sub.status, proof=sub.proof, feedback=sub.feedback)


def verification_of(journey: Journey | None) -> Verification | None:
    """The latest social check of a journey, as the user sees it."""
    check = journey.verification if journey is not None else None
    if check is None:
        return None
    return Verification.model_validate(check.model_dump(exclude={"failure"}))


def view_of(ctx: MissionContext, journey: Journey | None, now: datetime) -> MissionView | None:
    """The mission view, or None when the user cannot see the mission."""
    p = project(ctx, journey, now)
    if p is None:
        return None
    spec = ctx.spec
    social = spec.goal.kind == "social"
    return MissionView(
        mission_id=ctx.mission_id,
        name=spec.name,
        description=spec.description,
        type=spec.type,
        tab=p.tab,
        chips=p.chips,
        timer=p.timer,
        progress=p.progress,
        can_opt_in=p.can_opt_in,
        completions=p.completions,
        max_completions=spec.max_completions,
        reward=spec.reward,
        status=p.status.value,
        # A social check the platform could not answer waits in the review queue as a submission.
        submission=submission_of(journey) if spec.goal.kind == "manual" or social else None,
        verification=verification_of(journey_now(ctx, journey, now)) if social else None,
        category_id=spec.category_id,
        quest_id=spec.quest_id,
        action_button=spec.action_button.model_dump(mode="json") if spec.action_button else None,
        images=spec.images.model_dump(mode="json") if spec.images else None,
    )


def sort_views(views: list[MissionView]) -> None:
    """By tab, then featured first within it (a missed featured mission never sits above available ones)."""
    views.sort(key=lambda v: (_TAB_ORDER[v.tab], v.type is not MissionType.FEATURED, v.name))
