"""Mission definitions: the validated spec an operator writes, and its status rules.

These models are the single source of truth for what a mission *is*. The API validates request
bodies with them, the database stores their JSON, and workflows receive them as payloads, so a
field means the same thing everywhere. Every model forbids unknown fields.
"""

from __future__ import annotations

import re
import zoneinfo
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    PlainSerializer,
    TypeAdapter,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from domain.errors import Conflict, FieldInvalid, Invalid

_CALENDAR_UNITS = re.compile(r"^-?P(?:[^T]*[YM])")
_SECONDS = re.compile(r"^\d+(?:\.\d+)?$")


def _parse_duration(value: Any) -> Any:
    """Seconds may come as text (environment variables); ISO months and years are refused."""
    if isinstance(value, str) and _SECONDS.match(value.strip()):
        return float(value)
    if isinstance(value, str) and _CALENDAR_UNITS.match(value.strip().upper()):
        raise ValueError("months and years have no fixed length; give the duration in weeks or days (e.g. P30D)")
    return value


def _positive(value: timedelta) -> timedelta:
    if value <= timedelta(0):
        raise ValueError("must be a positive duration")
    return value


def iso_duration(value: timedelta) -> str:
    """ISO 8601 in days and time (`P400D`, `P1DT2H`, `PT1H30M`): pydantic's own form counts a
    year for 365 days (`P1Y35D`), which `Duration` would then refuse (years have no fixed length)."""
    days, rest = value.days, value - timedelta(days=value.days)
    hours, rest = divmod(rest, timedelta(hours=1))
    minutes, rest = divmod(rest, timedelta(minutes=1))
    seconds = f"{rest.total_seconds():.6f}".rstrip("0").rstrip(".") if rest else ""
    time = "".join(f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M")) if n) + (f"{seconds}S" if seconds else "")
    return "P" + (f"{days}D" if days else "") + (f"T{time}" if time else "")


#: A positive duration: ISO 8601 (`PT30S`, `P7D`) or a number of seconds; written back in days.
Duration = Annotated[
    timedelta,
    BeforeValidator(_parse_duration),
    AfterValidator(_positive),
    PlainSerializer(iso_duration, return_type=str, when_used="json"),
    # Documented as api.md has it (pydantic would show only the ISO string).
    WithJsonSchema(
        {"anyOf": [{"type": "string", "format": "duration"}, {"type": "number", "exclusiveMinimum": 0}]},
        mode="validation",
    ),
]
_DURATION: TypeAdapter[timedelta] = TypeAdapter(Duration)
#: A short, non-blank identifier or label.
#: The largest point amount anything may name: far below what PostgreSQL's BIGINT sums can hold.
MAX_POINTS = 10**15

Name = Annotated[str, Field(min_length=1, max_length=200, pattern=r"\S")]


class Spec(BaseModel):
    """Base of every spec model: unknown fields are an error, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class MissionType(StrEnum):
    """What makes a mission visible and progressable (mission-semantics.md §2)."""

    GENERALLY_AVAILABLE = "generally_available"
    LOCKED = "locked"
    FEATURED = "featured"
    RECURRING = "recurring"
    RECURRING_ON_COMPLETION = "recurring_on_completion"


class MissionStatus(StrEnum):
    """Lifecycle of a mission definition (mission-semantics.md §1)."""

    DRAFT = "draft"
    ACTIVE = "active"
    ARCHIVED = "archived"


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


# --- goals -----------------------------------------------------------------------------------


class Streak(Spec):
    """The per-period goal must be met in `periods` consecutive periods."""

    period: Literal["day", "week"]
    periods: int = Field(ge=1, le=366)


class EventGoal(Spec):
    """Progress from events of one type (mission-semantics.md §5)."""

    kind: Literal["event"]
    event_type: Name
    tags: list[Name] = Field(default_factory=list, max_length=50)
    tag_match: Literal["any", "all"] = "any"
    count: int | None = Field(None, ge=1, le=1_000_000)
    amount_min: Decimal | None = Field(None, gt=0, max_digits=20, decimal_places=6)
    amount_max: Decimal | None = Field(None, gt=0, max_digits=20, decimal_places=6)
    streak: Streak | None = None

    @model_validator(mode="after")
    def _one_measure(self) -> EventGoal:
        if self.count is None and self.amount_min is None:
            raise FieldInvalid("count", "give either count or amount_min")
        if self.count is not None and self.amount_min is not None:
            raise FieldInvalid("amount_min", "count and amount_min exclude each other")
        if self.amount_max is not None:
            if self.amount_min is None:
                raise FieldInvalid("amount_max", "amount_max needs amount_min")
            if self.amount_min >= self.amount_max:
                raise FieldInvalid("amount_max", "amount_min must be less than amount_max")
            if self.streak is not None:
                raise FieldInvalid("streak", "a streak counts a per-period goal; it cannot use an amount range")
        return self

    @field_validator("tags")
    @classmethod
    def _unique_tags(cls, tags: list[str]) -> list[str]:
        if len(set(tags)) != len(tags):
            raise ValueError("tags must be unique")
        return tags


ProofKind = Literal["link", "text", "image", "video", "survey"]


class Approval(Spec):
    """How a manual goal's submissions are approved."""

    mode: Literal["auto", "manual", "rule"] = "manual"
    min_points: int | None = Field(None, ge=0)
    segment: Name | None = None

    @model_validator(mode="after")
    def _rule_needs_a_condition(self) -> Approval:
        if self.mode == "rule" and self.min_points is None and self.segment is None:
            raise FieldInvalid("mode", "approval mode rule needs min_points or segment")
        if self.mode != "rule" and (self.min_points is not None or self.segment is not None):
            raise FieldInvalid("mode", "min_points and segment apply only to approval mode rule")
        return self


class SurveyQuestion(Spec):
    """One question of a survey proof."""

    id: Name
    text: Annotated[str, Field(min_length=1, max_length=2000)]
    choices: list[Name] | None = None


class ManualGoal(Spec):
    """The user submits proof that an admin or a rule approves."""

    kind: Literal["manual"]
    proof: list[ProofKind] = Field(min_length=1)
    approval: Approval = Field(default_factory=Approval)
    questions: list[SurveyQuestion] | None = None

    @model_validator(mode="after")
    def _survey_questions(self) -> ManualGoal:
        if len(set(self.proof)) != len(self.proof):
            raise FieldInvalid("proof", "proof kinds must be unique")
        if ("survey" in self.proof) != bool(self.questions):
            raise FieldInvalid("questions", "a survey proof needs questions, and questions need a survey proof")
        return self


class SocialGoal(Spec):
    """An action on a social platform, verified against it."""

    kind: Literal["social"]
    platform: Literal["x", "discord", "telegram", "instagram", "tiktok", "youtube"]
    action: Literal["follow", "like", "repost", "comment", "post", "join", "hashtag_post"]
    target: Annotated[str, Field(min_length=1, max_length=500)]
    count: int = Field(1, ge=1, le=1000)


Goal = Annotated[EventGoal | ManualGoal | SocialGoal, Field(discriminator="kind")]


# --- rewards, recurrence and the rest --------------------------------------------------------


class Reward(Spec):
    """Exactly one of points, a bonus-shop item or a direct (named) reward."""

    points: int | None = Field(None, ge=1, le=1_000_000_000)
    item: Name | None = None
    direct: Name | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Reward:
        given = [k for k in ("points", "item", "direct") if getattr(self, k) is not None]
        if len(given) != 1:
            raise FieldInvalid("", "a reward is exactly one of points, item or direct")
        return self


Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class Recurrence(Spec):
    """When a `recurring` mission resets: day, week (on weekdays), month (on a day) or a duration."""

    every: Annotated[str, Field(min_length=1)]
    weekdays: list[Weekday] | None = None
    day: int | None = Field(None, ge=1, le=31)

    @model_validator(mode="after")
    def _shape(self) -> Recurrence:
        if self.every == "week":
            if not self.weekdays:
                raise FieldInvalid("weekdays", "a weekly recurrence needs weekdays")
            if len(set(self.weekdays)) != len(self.weekdays):
                raise FieldInvalid("weekdays", "weekdays must be unique")
        elif self.weekdays is not None:
            raise FieldInvalid("weekdays", "weekdays apply only to every=week")
        if self.every == "month":
            if self.day is None:
                raise FieldInvalid("day", "a monthly recurrence needs day (1-31)")
        elif self.day is not None:
            raise FieldInvalid("day", "day applies only to every=month")
        if self.every not in ("day", "week", "month"):
            self.period()  # validates the duration form
        return self

    def period(self) -> timedelta | None:
        """The fixed period of an `every: <duration>` recurrence, None for calendar ones."""
        if self.every in ("day", "week", "month"):
            return None
        try:
            return _DURATION.validate_python(self.every)
        except ValueError as exc:
            raise FieldInvalid("every", "every must be day, week, month or an ISO 8601 duration such as P90D") from exc


class Unlock(Spec):
    """What opens a `locked` mission for a user."""

    after_missions: list[Name] = Field(default_factory=list, max_length=50)
    min_tier: Name | None = None
    hidden_until_unlocked: bool = False


class BudgetCap(Spec):
    """Stop new users from starting once the mission has granted `points` points, or recorded
    `completions` completions (any reward, or none): exactly one of the two."""

    points: int | None = Field(None, ge=1, le=MAX_POINTS)
    completions: int | None = Field(None, ge=1, le=MAX_POINTS)

    @model_validator(mode="after")
    def _exactly_one(self) -> BudgetCap:
        if (self.points is None) == (self.completions is None):
            raise FieldInvalid("", "a budget cap is exactly one of points or completions")
        return self

    def reached(self, *, spent: int, completions: int) -> bool:
        """Whether a mission that granted `spent` points in `completions` completions is at the cap."""
        if self.points is not None:
            return spent >= self.points
        return self.completions is not None and completions >= self.completions


def check_budget_cap(spec: MissionSpec) -> None:
    """Refuses a cap that can never trip (422 naming the field): a points cap needs a points reward.

    Checked where an operator writes a spec (create, and a patch of the reward or the cap), not
    when one is read back: a mission stored before this check keeps loading and running.
    """
    cap, reward = spec.budget_cap, spec.reward
    if cap is None or cap.points is None or (reward is not None and reward.points is not None):
        return
    given = "no reward" if reward is None else "an item reward" if reward.item is not None else "a direct reward"
    reason = (
        f"a points cap never trips on a mission with {given} (it grants no points); "
        'use budget_cap: {"completions": N} to cap how many completions it grants'
    )
    details = [{"field": "budget_cap.points", "reason": reason}]
    raise Invalid("validation_error", f"budget_cap.points: {reason}", details)


class ActionButton(Spec):
    """A call to action shown with the mission."""

    label: Name
    url: HttpUrl


class Images(Spec):
    """Image URLs for the mission card and page."""

    card: HttpUrl | None = None
    page: HttpUrl | None = None


class Trigger(Spec):
    """Grant the mission to every user who enters a segment."""

    segment: Name


# Read once at import (outside any workflow sandbox, which cannot list files). `localtime` loads
# too, but it is the host's setting, not a zone: a mission's clock must not depend on the host.
_IANA_ZONES = frozenset(zoneinfo.available_timezones() - {"localtime"})


def _valid_timezone(value: str) -> str:
    if value not in _IANA_ZONES:
        raise ValueError(f"unknown IANA time zone {value!r}")
    return value


class MissionSpec(Spec):
    """Everything an operator defines about a mission (the body of `POST /v1/missions`)."""

    name: Name
    description: Annotated[str, Field(max_length=10_000)] | None = None
    type: MissionType
    opt_in: bool = False
    start_at: AwareDatetime | None = None
    end_at: AwareDatetime | None = None
    time_to_complete: Duration | None = None
    recurrence: Recurrence | None = None
    timezone: Annotated[str, AfterValidator(_valid_timezone)] = "UTC"
    max_completions: int | None = Field(None, ge=1)
    unlock: Unlock | None = None
    goal: Goal
    reward: Reward | None = None
    budget_cap: BudgetCap | None = None
    segments: list[Name] = Field(default_factory=list)
    tiers: list[Name] = Field(default_factory=list)
    trigger: Trigger | None = None
    category_id: Name | None = None
    quest_id: Name | None = None
    callback_url: HttpUrl | None = None
    action_button: ActionButton | None = None
    images: Images | None = None

    @model_validator(mode="after")
    def _coherent(self) -> MissionSpec:
        if self.start_at and self.end_at and self.start_at >= self.end_at:
            raise FieldInvalid("end_at", "start_at must be before end_at")
        recurring = self.type is MissionType.RECURRING
        if recurring and self.recurrence is None:
            raise FieldInvalid("recurrence", "a recurring mission needs recurrence")
        if not recurring and self.recurrence is not None:
            raise FieldInvalid("recurrence", "recurrence applies only to type recurring")
        on_completion = self.type is MissionType.RECURRING_ON_COMPLETION
        if self.max_completions is not None and not on_completion:
            raise FieldInvalid("max_completions", "max_completions applies only to type recurring_on_completion")
        if on_completion and self.time_to_complete is not None:
            raise FieldInvalid("time_to_complete", "time_to_complete does not apply to type recurring_on_completion")
        if self.unlock is not None and self.type is not MissionType.LOCKED:
            raise FieldInvalid("unlock", "unlock applies only to type locked")
        if self.trigger is not None and self.type is not MissionType.FEATURED:
            raise FieldInvalid("trigger", "trigger applies only to type featured (it grants the mission)")
        return self

    @property
    def event_type(self) -> str | None:
        """The event type that progresses this mission, if its goal is an event goal."""
        return self.goal.event_type if isinstance(self.goal, EventGoal) else None


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


class Mission(BaseModel):
    """A stored mission: its id, status, current revision and spec."""

    model_config = ConfigDict(frozen=True)

    id: str
    status: MissionStatus
    revision: int
    spec: MissionSpec
    created_at: datetime
    updated_at: datetime
    activated_at: datetime | None = None
    archived_at: datetime | None = None
    #: Points granted by this mission so far (counted against `budget_cap`).
    budget_spent: int = 0
    #: Completions recorded by this mission while it had a cap (counted against `budget_cap.completions`).
    budget_completions: int = 0
    #: When the cap was reached (`budget_spent` or `budget_completions`); None while budget is left (or uncapped).
    budget_exhausted_at: datetime | None = None
    #: The user whose personal challenge this mission is; None for the operator's missions.
    owner_user_id: str | None = None
