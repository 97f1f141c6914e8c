"""Mission definitions: the validated spec an operator writes (type, goal, recurrence...), and the
stored mission with its status.

These models are the single source of truth for what a mission *is*. The API validates request
bodies with them, the database stores their JSON, and workflows receive them as payloads, so a
field means the same thing everywhere. Every model forbids unknown fields. The field types they
share are `domain.spec_base`; rewards and the budget cap `domain.rewards`; the status changes and
what may change once a mission is active `domain.mission_lifecycle`.
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
    ConfigDict,
    Field,
    HttpUrl,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from domain.errors import FieldInvalid
from domain.links import LinkAudience
from domain.rewards import BudgetCap, Reward
from domain.spec_base import Duration, Name, Spec

_DURATION: TypeAdapter[timedelta] = TypeAdapter(Duration)


class MissionType(StrEnum):
    """What makes a mission visible and progressable (docs/missions.md §2)."""

    GENERALLY_AVAILABLE = "generally_available"
    LOCKED = "locked"
    FEATURED = "featured"
    RECURRING = "recurring"
    RECURRING_ON_COMPLETION = "recurring_on_completion"


class MissionStatus(StrEnum):
    """Lifecycle of a mission definition (docs/missions.md §1)."""

    DRAFT = "draft"
    ACTIVE = "active"
    ARCHIVED = "archived"
    #: Stopped without ending (issue 17): hidden from users, its events count for nobody.
    PAUSED = "paused"
    #: Deleted with its submissions and points (`services.mission_deletion`); no longer listed.
    DELETED = "deleted"


# --- goals -----------------------------------------------------------------------------------


class Freezes(Spec):
    """Freezes a streak may hold: each covers one missed period instead of breaking the streak."""

    #: One freeze earned every `earn_every` kept (met) periods; null: only bought or granted ones.
    earn_every: int | None = Field(None, ge=1, le=366)
    #: The most freezes a user holds at once (earned beyond it are not kept).
    max: int = Field(2, ge=1, le=100)


class Streak(Spec):
    """The per-period goal must be met in `periods` consecutive periods."""

    period: Literal["day", "week"]
    periods: int = Field(ge=1, le=366)
    #: Freezes covering missed periods (null: none; a missed period breaks the streak).
    freezes: Freezes | None = None
    #: Whose day boundaries count: the mission's `timezone`, or each user's own profile
    #: `time_zone` (the mission's when the user has none).
    time_zone: Literal["mission", "user"] = "mission"


class EventGoal(Spec):
    """Progress from events of one type (docs/missions.md §5)."""

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


#: `linkedin_post`: the URL of the user's LinkedIn post; `document`: an uploaded PDF.
ProofKind = Literal["link", "text", "image", "video", "survey", "linkedin_post", "document"]


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


#: A short label a user reads on a button.
VerifyLabel = Annotated[str, Field(min_length=1, max_length=40, pattern=r"\S")]


class SocialGoal(Spec):
    """An action on a social platform, verified against it."""

    kind: Literal["social"]
    platform: Literal["x", "discord", "telegram", "instagram", "tiktok", "youtube"]
    action: Literal["follow", "like", "repost", "comment", "post", "join", "hashtag_post"]
    target: Annotated[str, Field(min_length=1, max_length=500)]
    count: int = Field(1, ge=1, le=1000)
    #: The verify button's label in the widget (null: the widget's own, translated, default).
    verify_label: VerifyLabel | None = Field(
        None, description="The verify button's label shown to users (at most 40 characters); null: the default."
    )


Goal = Annotated[EventGoal | ManualGoal | SocialGoal, Field(discriminator="kind")]


# --- recurrence and the rest ------------------------------------------------------------------


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


#: An app deep link (`myapp://open/wallet`): any RFC 3986 scheme but http(s) and the refused ones.
DeepLink = Annotated[str, StringConstraints(max_length=2048, pattern=r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")]

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
#: Schemes that run code, read local or in-memory data, or mean nothing as a link in an app.
REFUSED_SCHEMES = frozenset(
    {"javascript", "vbscript", "data", "file", "blob", "about", "filesystem", "view-source", "jar", "ws", "wss"}
)
_HTTP_URL: TypeAdapter[HttpUrl] = TypeAdapter(HttpUrl)


def _action_url(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """http(s) URLs validate (and normalise) as `HttpUrl`, exactly as before deep links existed;
    another scheme is a deep link unless refused. One error, at the field, either way."""
    scheme = _SCHEME.match(value) if isinstance(value, str) else None
    name = scheme.group(1).lower() if scheme else None
    if name is None or name in ("http", "https"):
        try:
            return _HTTP_URL.validate_python(value)
        except ValidationError as exc:
            first = exc.errors()[0]
            raise PydanticCustomError(first["type"], first["msg"]) from None
    if name in REFUSED_SCHEMES or name.startswith("http"):
        raise PydanticCustomError(
            "url_scheme", "scheme {scheme}: is not allowed; give an http(s) URL or an app deep link", {"scheme": name}
        )
    if any(ch.isspace() or ord(ch) < 32 for ch in value) or len(value) <= len(name) + 1:
        raise PydanticCustomError("url_parsing", "a deep link is scheme:path with no spaces or control characters")
    return handler(value)


#: An action button's target: an http(s) URL (normalised as `HttpUrl`) or an app deep link.
ActionUrl = Annotated[
    HttpUrl | DeepLink,
    Field(union_mode="left_to_right"),
    WrapValidator(_action_url),
]


class ActionButton(Spec):
    """A call to action shown with the mission."""

    label: Name
    url: ActionUrl = Field(
        description="An http(s) URL, or an app deep link such as `myapp://open/wallet` (any RFC 3986 "
        "scheme except javascript, vbscript, data, file, blob, about, filesystem, view-source, jar, "
        "ws, wss and http look-alikes)."
    )


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
    #: Who the mission's magic link opens it for (`domain.links`); unset = registered users.
    audience: LinkAudience | None = None
    #: Notifications to its users (`services.notifications`); unset = true, false = "just give me the link".
    notify: bool | None = Field(
        None, description="Send users its notifications (created, declined, completed, updates); unset = true."
    )

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
    #: When the current pause began (None unless `status` is paused).
    paused_at: datetime | None = None
    #: When the mission was deleted (None unless `status` is deleted).
    deleted_at: datetime | None = None
    #: Points granted by this mission so far (counted against `budget_cap`).
    budget_spent: int = 0
    #: Completions recorded by this mission while it had a cap (counted against `budget_cap.completions`).
    budget_completions: int = 0
    #: When the cap was reached (`budget_spent` or `budget_completions`); None while budget is left (or uncapped).
    budget_exhausted_at: datetime | None = None
    #: The user whose personal challenge this mission is; None for the operator's missions.
    owner_user_id: str | None = None
