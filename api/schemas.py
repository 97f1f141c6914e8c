"""Request and response bodies of the HTTP API (the domain's spec models are reused as-is)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, create_model

from domain.ids import MAX_USER_ID, check_user_id
from domain.ids import RULE as USER_ID_RULE
from domain.missions import Mission, MissionSpec, MissionStatus
from domain.rewards import Reward
from domain.spec_base import Duration, Name

#: User ids, everywhere one enters (paths, bodies, batches, lists): the one rule of `domain.ids`.
#: The pattern documents the ASCII part in the OpenAPI schema; the validator applies the rest.
UserId = Annotated[
    str,
    Field(min_length=1, max_length=MAX_USER_ID, pattern=r"^[^\s/:?#%]+$", description=f"A user id: {USER_ID_RULE}."),
    AfterValidator(check_user_id),
]


class Strict(BaseModel):
    """Request bodies reject unknown fields."""

    model_config = ConfigDict(extra="forbid")


class MissionOut(MissionSpec):
    """A mission as stored: its spec plus id, status, revision and timestamps."""

    id: str
    status: MissionStatus
    revision: int
    created_at: datetime
    updated_at: datetime
    activated_at: datetime | None = None
    archived_at: datetime | None = None
    paused_at: datetime | None = Field(
        None,
        description="While `status` is `paused`: when the pause began (`POST /v1/missions/{id}/pause`); else null.",
    )
    deleted_at: datetime | None = Field(
        None, description="Only for a deleted mission (`status` `deleted`): when it was deleted."
    )
    budget_spent: int = Field(
        0, description="Points granted by this mission while it had a budget_cap (counted against budget_cap.points)."
    )
    budget_completions: int = Field(
        0, description="Completions recorded while it had a budget_cap (counted against budget_cap.completions)."
    )
    budget_exhausted_at: datetime | None = Field(
        None, description="When the count reached budget_cap: users who have not started no longer see it."
    )
    owner_user_id: str | None = Field(None, description="Set on a user's personal challenge: its owner.")

    @classmethod
    def of(cls, mission: Mission) -> MissionOut:
        """The response body of a stored mission."""
        return cls.model_validate({**mission.spec.model_dump(), **mission.model_dump(exclude={"spec"})})


def _patch_model() -> type[BaseModel]:
    """Every MissionSpec field, optional; `null` removes a field. Top-level fields replace whole.

    Each field keeps its constraints (and the goal its discriminator), so errors name the field
    exactly as on create, and the OpenAPI schema shows the same limits.
    """
    fields: dict[str, Any] = {}
    for name, info in MissionSpec.model_fields.items():
        metadata = list(info.metadata)
        if info.discriminator:
            metadata.append(Field(discriminator=info.discriminator))
        annotation = Annotated[(info.annotation, *metadata)] if metadata else info.annotation
        fields[name] = (annotation | None, Field(None, description=info.description))  # type: ignore[operator]
    return create_model(
        "MissionPatch",
        __config__=ConfigDict(extra="forbid"),
        __doc__="Fields to change; absent fields stay, `null` removes an optional field.",
        **fields,
    )


if TYPE_CHECKING:
    MissionPatch = BaseModel
else:
    MissionPatch = _patch_model()


class MissionList(BaseModel):
    """A page of missions; pass `next_cursor` as `cursor` for the next page."""

    items: list[MissionOut]
    next_cursor: str | None = None


class UserIds(Strict):
    """Users to act for (grants, unlocks)."""

    user_ids: list[UserId] = Field(min_length=1, max_length=1000)


class CategoryIn(Strict):
    """A new category."""

    name: Name
    description: Annotated[str, Field(max_length=2000)] | None = None


class CategoryOut(BaseModel):
    """A stored category."""

    id: str
    name: str
    description: str | None
    created_at: datetime


class QuestIn(Strict):
    """A new quest: a named group of missions with an optional reward of its own."""

    name: Name
    description: Annotated[str, Field(max_length=2000)] | None = None
    reward: Reward | None = None
    mission_ids: list[str] = Field(default_factory=list, max_length=500)


class QuestOut(BaseModel):
    """A stored quest and its missions."""

    id: str
    name: str
    description: str | None
    reward: dict[str, Any] | None
    mission_ids: list[str]
    created_at: datetime


class MissionIds(Strict):
    """Missions to attach."""

    mission_ids: list[str] = Field(min_length=1, max_length=500)


class TokenIn(Strict):
    """Optional lifetime of a user token (default: QUESTLINE_TOKEN_TTL)."""

    ttl: Duration | None = None


class TokenOut(BaseModel):
    """A user token for the `/v1/me` routes."""

    token: str
    token_type: Literal["Bearer"] = "Bearer"
    user_id: str
    expires_at: datetime
    expires_in: int = Field(description="seconds")

    @classmethod
    def of(cls, token: str, user_id: str, expires_at: datetime, ttl: timedelta) -> TokenOut:
        """The response for an issued token."""
        return cls(token=token, user_id=user_id, expires_at=expires_at, expires_in=int(ttl.total_seconds()))


class Health(BaseModel):
    """Liveness or readiness."""

    status: Literal["ok", "ready"]
    checks: dict[str, str] = Field(default_factory=dict)
