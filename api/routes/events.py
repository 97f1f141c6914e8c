"""Event ingestion: log once (the id is the idempotency key), then route to the journeys.

The event is committed to the log before it is routed, and a 202 follows only that commit: if
this process dies before routing finishes, the outbox relay delivers the event later.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter
from pydantic import AwareDatetime, BaseModel, Field, field_validator

from api.deps import Client, Services, ServicesDep
from api.errors import error_responses
from api.schemas import Strict, UserId
from api.strict import JsonBody
from db import events as event_log
from db.events import StoredEvent
from journeys.outbox import RoutedMarks
from journeys.router import INTERNAL_PREFIX, EventRouter
from observability import metrics

router = APIRouter(prefix="/v1/events", tags=["events"])

MAX_BATCH = 1000
RECEIVED_APART = timedelta(microseconds=1)


class EventBody(Strict):
    """One user event from the operator's backend."""

    id: Annotated[str, Field(min_length=1, max_length=200, description="Unique per event; repeats are ignored")]
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


async def ingest(svc: Services, bodies: list[EventBody], *, settle: bool) -> list[Accepted]:
    """Logs the events (new ids only), commits, routes the new ones, and reports duplicates."""
    now = datetime.now(UTC)
    # One microsecond apart in body order, so "received after" orders a batch's events too (§3: an
    # unlock caused by one event counts the batch's later events, not the earlier ones).
    batch = [StoredEvent(received_at=now + i * RECEIVED_APART, **b.model_dump()) for i, b in enumerate(bodies)]
    unique = list({e.id: e for e in batch}.values())
    event_router: EventRouter = svc.extras["router"]
    async with svc.engine.begin() as conn:
        new_ids = await event_log.insert_new(conn, unique)
        fresh = [e for e in unique if e.id in new_ids]
        deliveries = await event_router.plan(conn, fresh)
    # Committed: from here on the event is safe, whatever happens to this process.
    metrics.EVENTS_ACCEPTED.inc(len(fresh))
    metrics.EVENTS_DEDUPLICATED.inc(len(batch) - len(fresh))
    marks: RoutedMarks = svc.extras["routed_marks"]
    marks.add(await event_router.deliver(fresh, deliveries, settle=settle))
    seen: set[str] = set()
    results = []
    for e in batch:
        results.append(Accepted(id=e.id, duplicate=e.id not in new_ids or e.id in seen))
        seen.add(e.id)
    return results


@router.post("", status_code=202, response_model=Accepted, responses=error_responses(400, 401, 403, 422))
async def post_event(body: JsonBody[EventBody], svc: ServicesDep, _: Client) -> Accepted:
    """Accepts one event; a repeated id answers `duplicate: true` and changes nothing.

    The 202 follows the event being logged and, normally, applied by the journeys it changes (up
    to 1 s is waited for them), so a read right after it sees the event.
    """
    return (await ingest(svc, [body], settle=True))[0]


@router.post("/batch", status_code=202, response_model=BatchAccepted, responses=error_responses(400, 401, 403, 422))
async def post_batch(body: JsonBody[EventBatch], svc: ServicesDep, _: Client) -> BatchAccepted:
    """Accepts up to 1,000 events at once (applied asynchronously: the 202 follows the log write)."""
    return BatchAccepted(results=await ingest(svc, body.events, settle=False))
