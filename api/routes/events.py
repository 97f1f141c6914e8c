"""The event routes: one event or a batch, logged once and routed (`services.events`).

A 202 follows the event's commit to the log. The same id with the same payload is a duplicate
that changes nothing; with a different payload the whole request is refused, 409
`idempotency_conflict`. Ids and types starting with `questline.` are Questline's own
(`domain.internal_events`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter
from pydantic import AwareDatetime, BaseModel, Field, ValidationInfo, field_validator

from api.deps import Client, EventsDep
from api.errors import ErrorBody, error_responses
from api.schemas import Strict, UserId
from api.strict import JsonBody
from domain.internal_events import INTERNAL_PREFIX, is_internal
from services.events import Ingested

router = APIRouter(prefix="/v1/events", tags=["events"])

MAX_BATCH = 1000


class EventBody(Strict):
    """One user event from the operator's backend."""

    id: Annotated[
        str,
        Field(
            min_length=1,
            max_length=200,
            description=(
                "Unique per event in the whole installation (across users and types): the same id with the "
                "same payload is a duplicate, with a different payload 409 `idempotency_conflict`. Ids starting "
                "with `questline.` are reserved"
            ),
        ),
    ]
    user_id: UserId
    type: Annotated[str, Field(min_length=1, max_length=200, pattern=r"\S")]
    value: Annotated[Decimal, Field(max_digits=24, decimal_places=6, allow_inf_nan=False)] | None = None
    tags: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(default_factory=list, max_length=50)
    occurred_at: AwareDatetime | None = None
    attributes: dict[str, Any] = Field(default_factory=dict)

    @field_validator("id", "type")
    @classmethod
    def _not_internal(cls, value: str, info: ValidationInfo) -> str:
        # Questline logs its own events (and announcements, under such ids): a client's would take their place.
        if is_internal(value):
            what = "event ids" if info.field_name == "id" else "event types"
            raise ValueError(f"{what} starting with {INTERNAL_PREFIX!r} are reserved for Questline")
        return value


class EventBatch(Strict):
    """Up to 1,000 events in one call."""

    events: list[EventBody] = Field(min_length=1, max_length=MAX_BATCH)


class Accepted(BaseModel):
    """The event is logged and will reach every journey it can change."""

    id: str
    accepted: bool = True
    duplicate: bool


def _accepted(results: list[Ingested]) -> list[Accepted]:
    return [Accepted(id=r.id, duplicate=r.duplicate) for r in results]


class BatchAccepted(BaseModel):
    """One result per event, in request order."""

    results: list[Accepted]


#: The 409 of the event routes, with the code it carries.
_CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {
        "model": ErrorBody,
        "description": (
            "`idempotency_conflict`: an event id already names a different event (another payload); "
            "`details` names each such id and field, and nothing of the request was logged"
        ),
    }
}


@router.post(
    "", status_code=202, response_model=Accepted, responses={**error_responses(400, 401, 403, 422), **_CONFLICT}
)
async def post_event(body: JsonBody[EventBody], events: EventsDep, _: Client) -> Accepted:
    """Accepts one event; a repeated id answers `duplicate: true` and changes nothing (409 when the
    id already names a different event).

    The 202 follows the event being logged and, normally, applied by the journeys it changes (up
    to 1 s is waited for them), so a read right after it sees the event.
    """
    return _accepted(await events.ingest([body.model_dump()], settle=True))[0]


@router.post(
    "/batch",
    status_code=202,
    response_model=BatchAccepted,
    responses={**error_responses(400, 401, 403, 422), **_CONFLICT},
)
async def post_batch(body: JsonBody[EventBatch], events: EventsDep, _: Client) -> BatchAccepted:
    """Accepts up to 1,000 events at once (applied asynchronously: the 202 follows the log write).

    All or nothing: one id that already names a different event (409) refuses the whole batch.
    """
    fields = [e.model_dump() for e in body.events]
    return BatchAccepted(results=_accepted(await events.ingest(fields, settle=False, field=lambda i: f"events.{i}.id")))
