"""Event ingestion: log once (the id is the idempotency key), then route to the journeys.

The event is committed to the log before it is routed, and a 202 follows only that commit: if
this process dies before routing finishes, the outbox relay delivers the event later.

An id names one event for the whole installation (across users and types). Sent again with the
same payload (`db.events.differences`) it is a duplicate that changes nothing; with a different
payload it is refused, 409 `idempotency_conflict`, and so is the whole request, before anything
is logged. Within one batch likewise: a repeat of an earlier event is a duplicate of it, a
different event under an earlier event's id refuses the batch. Ids starting with `questline.`
are Questline's own (its announcements), like such types.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter
from pydantic import AwareDatetime, BaseModel, Field, field_validator

from api.deps import Client, ServicesDep
from api.errors import ErrorBody, error_responses
from api.schemas import Strict, UserId
from api.strict import JsonBody
from db import events as event_log
from db.events import StoredEvent
from domain.errors import Conflict
from observability import metrics
from services.container import Services
from services.outbox import RoutedMarks
from services.router import INTERNAL_PREFIX, EventRouter

router = APIRouter(prefix="/v1/events", tags=["events"])

MAX_BATCH = 1000
RECEIVED_APART = timedelta(microseconds=1)


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

    @field_validator("type")
    @classmethod
    def _not_internal(cls, value: str) -> str:
        if value.startswith(INTERNAL_PREFIX):
            raise ValueError(f"event types starting with {INTERNAL_PREFIX!r} are reserved for Questline")
        return value

    @field_validator("id")
    @classmethod
    def _not_internal_id(cls, value: str) -> str:
        # Questline logs its announcements under such ids; a client's would take their place.
        if value.startswith(INTERNAL_PREFIX):
            raise ValueError(f"event ids starting with {INTERNAL_PREFIX!r} are reserved for Questline")
        return value


class EventBatch(Strict):
    """Up to 1,000 events in one call."""

    events: list[EventBody] = Field(min_length=1, max_length=MAX_BATCH)


class Accepted(BaseModel):
    """The event is logged and will reach every journey it can change."""

    id: str
    accepted: bool = True
    duplicate: bool


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


def _conflict(found: list[dict[str, str]], *, in_batch: bool = False) -> Conflict:
    ids = ", ".join(repr(f["id"]) for f in found)
    what = "is used in this batch for two different events" if in_batch else "already names a different event"
    if len(found) > 1:
        what = "are used in this batch for different events" if in_batch else "already name different events"
    return Conflict(
        "idempotency_conflict",
        f"event id{'s' if len(found) > 1 else ''} {ids} {what}; nothing was logged "
        "(the same event again is a duplicate; a new event needs a new id)",
        found,
    )


def _first_of_each_id(batch: list[StoredEvent], field: Callable[[int], str]) -> list[StoredEvent]:
    """The first event under each id, in body order; a later one with another payload is a conflict."""
    first: dict[str, int] = {}
    found = []
    for i, e in enumerate(batch):
        j = first.setdefault(e.id, i)
        if j != i and (diff := event_log.differences(batch[j], e)):
            reason = f"repeats the id of {field(j).rsplit('.', 1)[0]} with a different {', '.join(diff)}"
            found.append({"field": field(i), "id": e.id, "reason": reason})
    if found:
        raise _conflict(found, in_batch=True)
    return [batch[j] for j in first.values()]


async def ingest(
    svc: Services, bodies: list[EventBody], *, settle: bool, field: Callable[[int], str] = lambda _: "id"
) -> list[Accepted]:
    """Logs the events (new ids only), commits, routes the new ones, and reports duplicates.

    An id already logged, or repeated in the batch, with a different payload refuses the whole
    request (409, nothing logged); `field` names the i-th body's id in the error.
    """
    now = datetime.now(UTC)
    # One microsecond apart in body order, so "received after" orders a batch's events too (§3: an
    # unlock caused by one event counts the batch's later events, not the earlier ones).
    batch = [StoredEvent(received_at=now + i * RECEIVED_APART, **b.model_dump()) for i, b in enumerate(bodies)]
    unique = _first_of_each_id(batch, field)
    event_router: EventRouter = svc.router
    async with svc.engine.begin() as conn:
        new_ids = await event_log.insert_new(conn, unique)
        fresh = [e for e in unique if e.id in new_ids]
        if len(fresh) < len(unique):
            # Only ids that were not new cost a read; raising rolls the inserts back.
            stored = await event_log.get_many(conn, [e.id for e in unique if e.id not in new_ids])
            first_at = {e.id: i for i, e in reversed(list(enumerate(batch)))}
            found = [
                {
                    "field": field(first_at[e.id]),
                    "id": e.id,
                    "reason": f"already used by an event with a different {', '.join(diff)}",
                }
                for e in unique
                if e.id in stored and (diff := event_log.differences(stored[e.id], e))
            ]
            if found:
                raise _conflict(found)
        deliveries = await event_router.plan(conn, fresh)
    # Committed: from here on the event is safe, whatever happens to this process.
    metrics.EVENTS_ACCEPTED.inc(len(fresh))
    metrics.EVENTS_DEDUPLICATED.inc(len(batch) - len(fresh))
    marks: RoutedMarks = svc.marks
    marks.add(await event_router.deliver(fresh, deliveries, settle=settle))
    seen: set[str] = set()
    results = []
    for e in batch:
        results.append(Accepted(id=e.id, duplicate=e.id not in new_ids or e.id in seen))
        seen.add(e.id)
    return results


@router.post(
    "", status_code=202, response_model=Accepted, responses={**error_responses(400, 401, 403, 422), **_CONFLICT}
)
async def post_event(body: JsonBody[EventBody], svc: ServicesDep, _: Client) -> Accepted:
    """Accepts one event; a repeated id answers `duplicate: true` and changes nothing (409 when the
    id already names a different event).

    The 202 follows the event being logged and, normally, applied by the journeys it changes (up
    to 1 s is waited for them), so a read right after it sees the event.
    """
    return (await ingest(svc, [body], settle=True))[0]


@router.post(
    "/batch",
    status_code=202,
    response_model=BatchAccepted,
    responses={**error_responses(400, 401, 403, 422), **_CONFLICT},
)
async def post_batch(body: JsonBody[EventBatch], svc: ServicesDep, _: Client) -> BatchAccepted:
    """Accepts up to 1,000 events at once (applied asynchronously: the 202 follows the log write).

    All or nothing: one id that already names a different event (409) refuses the whole batch.
    """
    return BatchAccepted(results=await ingest(svc, body.events, settle=False, field=lambda i: f"events.{i}.id"))
