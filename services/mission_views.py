"""What a user is shown of a mission, a quest and their wallet: the view models and how a journey becomes one.

`view_of` is the one place a journey (the read model row) is turned into what the user sees; it
projects at a moment with `domain.projection.project` (docs/missions.md §4). The API returns
these models as they are, so their names and fields are part of the OpenAPI document.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field

from db.ledger import Wallet
from domain import streaks
from domain.journey import Journey, MissionContext, journey_now
from domain.missions import EventGoal, Goal, ManualGoal, MissionType, ProofKind, SocialGoal
from domain.projection import Chip, ProgressView, Tab, Timer, project
from domain.rewards import Reward
from domain.social_cooldown import VerificationStatus
from domain.streaks import StreakState

__all__ = [
    "EventGoalView",
    "GoalView",
    "ManualGoalView",
    "MissionView",
    "MissionViews",
    "QuestView",
    "QuestViews",
    "SocialGoalView",
    "StreakStatus",
    "Submission",
    "SurveyQuestionView",
    "Verification",
    "Wallet",
    "goal_view_of",
    "sort_views",
    "streak_status_of",
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


class StreakView(BaseModel):
    """A streak goal: the per-period goal met in `periods` consecutive periods."""

    period: Literal["day", "week"]
    periods: int


class StreakStatus(BaseModel):
    """Where the user's streak stands now, with its freezes (`Streak.freezes`)."""

    current: int = Field(description="Consecutive periods kept now (a frozen period keeps the run, adding nothing).")
    best: int = Field(description="The longest streak so far.")
    freezes: int = Field(description="Freezes held now: each covers one missed period instead of breaking the streak.")
    freezes_used: int = Field(description="Freezes used so far.")
    frozen: list[date] = Field(
        description="The latest periods (their local start dates) a freeze or an operator's repair kept."
    )


class EventGoalView(BaseModel):
    """What a user must do for an event goal: events of `event_type` (progress says how many)."""

    kind: Literal["event"]
    event_type: str = Field(description="The kind of activity that counts (e.g. `deposit`).")
    amount_min: int | float | None = Field(
        description="With `amount_max`: one event's value must lie in [amount_min, amount_max); "
        "alone: the values add up to it."
    )
    amount_max: int | float | None = Field(description="The upper bound (exclusive) of a range goal; null otherwise.")
    streak: StreakView | None = Field(description="A streak goal's period and length; null otherwise.")


class SurveyQuestionView(BaseModel):
    """One question of a survey proof: answer it with its `id` as the key of `proof.value`."""

    id: str
    text: str
    choices: list[str] | None = Field(description="The only answers allowed (a select); null: free text.")


class ManualGoalView(BaseModel):
    """What a user may submit for a manual goal. How it is approved (mode, rule) is not shown."""

    kind: Literal["manual"]
    proof: list[ProofKind] = Field(description="The proof kinds the mission accepts.")
    questions: list[SurveyQuestionView] = Field(
        description="The survey's questions when `proof` has `survey`: submit "
        '`{"proof": {"kind": "survey", "value": {"<id>": "<answer>", ...}}}`, every question answered; else empty.'
    )


class SocialGoalView(BaseModel):
    """What the social check looks for: `action` on `target` on `platform` (`count` posts for post actions)."""

    kind: Literal["social"]
    platform: Literal["x", "discord", "telegram", "instagram", "tiktok", "youtube"]
    action: Literal["follow", "like", "repost", "comment", "post", "join", "hashtag_post"]
    target: str = Field(description="The account, post URL, text or hashtag the check looks for.")
    count: int = Field(description="How many posts a post or hashtag_post action needs (1 for the others).")
    verify_label: str | None = Field(description="The verify button's label; null: the client's own default.")


#: The user-facing part of a mission's goal, by kind. Never approval rules or other operator internals.
GoalView = Annotated[EventGoalView | ManualGoalView | SocialGoalView, Field(discriminator="kind")]


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def goal_view_of(goal: EventGoal | ManualGoal | SocialGoal) -> GoalView:
    """What a user is shown of a goal (no tags, no approval mode, rule points or segments)."""
    if isinstance(goal, EventGoal):
        streak = StreakView(period=goal.streak.period, periods=goal.streak.periods) if goal.streak else None
        return EventGoalView(
            kind="event",
            event_type=goal.event_type,
            amount_min=_number(goal.amount_min),
            amount_max=_number(goal.amount_max),
            streak=streak,
        )
    if isinstance(goal, ManualGoal):
        questions = [SurveyQuestionView(id=q.id, text=q.text, choices=q.choices) for q in goal.questions or []]
        return ManualGoalView(kind="manual", proof=list(goal.proof), questions=questions)
    return SocialGoalView(
        kind="social",
        platform=goal.platform,
        action=goal.action,
        target=goal.target,
        count=goal.count,
        verify_label=goal.verify_label,
    )


class MissionView(BaseModel):
    """One mission as a user sees it now (docs/missions.md §4)."""

    mission_id: str
    name: str
    description: str | None
    type: MissionType
    goal: GoalView = Field(
        description="What the user must do, by `kind`: `event` (event_type, amount range, streak), `manual` "
        "(proof kinds, survey questions) or `social` (platform, action, target, count, verify_label). "
        "User-safe: no approval rules, tags or other operator settings."
    )
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
    streak: StreakStatus | None = Field(
        None, description="For a streak goal: the streak now, the freezes held and used; null otherwise."
    )
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


def streak_status_of(goal: Goal, mission_zone: str, journey: Journey | None, now: datetime) -> StreakStatus | None:
    """A streak goal's standing at `now` (in the zone the journey counts in); None for other goals."""
    if not isinstance(goal, EventGoal) or goal.streak is None:
        return None
    state = journey.streak if journey is not None and journey.streak is not None else StreakState()
    view = streaks.current(state, goal, streaks.held_zone(state, mission_zone), now)
    return StreakStatus(
        current=view.streak,
        best=view.best,
        freezes=view.freezes,
        freezes_used=view.freezes_used,
        frozen=list(state.frozen),
    )


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
        goal=goal_view_of(spec.goal),
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
        streak=streak_status_of(spec.goal, spec.timezone, journey, now),
        category_id=spec.category_id,
        quest_id=spec.quest_id,
        action_button=spec.action_button.model_dump(mode="json") if spec.action_button else None,
        images=spec.images.model_dump(mode="json") if spec.images else None,
    )


def sort_views(views: list[MissionView]) -> None:
    """By tab, then featured first within it (a missed featured mission never sits above available ones)."""
    views.sort(key=lambda v: (_TAB_ORDER[v.tab], v.type is not MissionType.FEATURED, v.name))
