"""What explaining one user's journey through one mission reads: every SQL statement of it.

The user's logged events of the mission's event type (oldest first, as the journey received
them) and the ids of them sent again (`event_repeats`), their audience changes (Questline's own
segment and tier events), the read model's row, and the journey's records: submissions,
completion records, ledger entries and callbacks.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict

from db.engine import Conn
from db.events import StoredEvent
from db.tables import (
    callbacks,
    completion_records,
    enrolments,
    event_repeats,
    events,
    ledger,
    mission_revisions,
    segments,
    submissions,
)
from domain.internal_events import AUDIENCE_CHANGES
from domain.journey import Journey
from domain.missions import MissionSpec

#: The most events one explanation replays (a journey's whole stream of its event type).
MAX_EVENTS = 100_000

_EVENT_COLUMNS = [events.c[name] for name in StoredEvent.model_fields]


async def events_of(conn: Conn, user_id: str, event_type: str, *, limit: int = MAX_EVENTS) -> list[StoredEvent]:
    """The user's logged events of `event_type`, in the order received (ties by id)."""
    stmt = (
        sa.select(*_EVENT_COLUMNS)
        .where(events.c.user_id == user_id, events.c.type == event_type)
        .order_by(events.c.received_at, events.c.id)
        .limit(limit)
    )
    return [StoredEvent.model_validate(dict(r._mapping)) for r in await conn.execute(stmt)]


class Repeat(BaseModel):
    """An event id sent again with the same payload (answered `duplicate: true`)."""

    model_config = ConfigDict(frozen=True)

    id: int
    event_id: str
    received_at: datetime


async def repeats_of(conn: Conn, user_id: str, event_type: str, *, limit: int = MAX_EVENTS) -> list[Repeat]:
    """The user's events of `event_type` sent again, in the order received (ties by row id)."""
    stmt = (
        sa.select(event_repeats.c.id, event_repeats.c.event_id, event_repeats.c.received_at)
        .where(event_repeats.c.user_id == user_id, event_repeats.c.type == event_type)
        .order_by(event_repeats.c.received_at, event_repeats.c.id)
        .limit(limit)
    )
    return [Repeat.model_validate(dict(r._mapping)) for r in await conn.execute(stmt)]


async def audience_changes(conn: Conn, user_id: str) -> list[StoredEvent]:
    """The user's segment entries and exits and tier changes, in the order they happened."""
    stmt = (
        sa.select(*_EVENT_COLUMNS)
        .where(events.c.user_id == user_id, events.c.type.in_(sorted(AUDIENCE_CHANGES)))
        .order_by(events.c.received_at, events.c.id)
    )
    return [StoredEvent.model_validate(dict(r._mapping)) for r in await conn.execute(stmt)]


class JourneyRecord(BaseModel):
    """The read model's row of the journey (for a recurring mission: its latest cycle)."""

    model_config = ConfigDict(frozen=True)

    workflow_id: str
    status: str
    journey: Journey
    updated_at: datetime


async def journey_of(conn: Conn, mission_id: str, user_id: str) -> JourneyRecord | None:
    """The journey as the read model holds it, or None when it never started."""
    stmt = sa.select(enrolments.c.workflow_id, enrolments.c.status, enrolments.c.state, enrolments.c.updated_at).where(
        enrolments.c.mission_id == mission_id, enrolments.c.user_id == user_id
    )
    row = (await conn.execute(stmt)).first()
    if row is None:
        return None
    return JourneyRecord(
        workflow_id=row.workflow_id,
        status=row.status,
        journey=Journey.model_validate(row.state),
        updated_at=row.updated_at,
    )


async def revisions(conn: Conn, mission_id: str) -> list[tuple[int, MissionSpec, datetime]]:
    """Every revision of the mission with its spec and when it was made, oldest first."""
    stmt = (
        sa.select(mission_revisions.c.revision, mission_revisions.c.spec, mission_revisions.c.created_at)
        .where(mission_revisions.c.mission_id == mission_id)
        .order_by(mission_revisions.c.revision)
    )
    return [(r.revision, MissionSpec.model_validate(r.spec), r.created_at) for r in await conn.execute(stmt)]


async def segment_names(conn: Conn, ids: Sequence[str]) -> dict[str, str]:
    """Segment names by id (unknown ids are left out)."""
    if not ids:
        return {}
    stmt = sa.select(segments.c.id, segments.c.name).where(segments.c.id.in_(list(ids)))
    return {r.id: r.name for r in await conn.execute(stmt)}


async def completions_of(conn: Conn, mission_id: str, user_id: str) -> list[tuple[str, datetime]]:
    """The journey's completion records (id, completed_at), oldest first."""
    stmt = (
        sa.select(completion_records.c.id, completion_records.c.completed_at)
        .where(completion_records.c.mission_id == mission_id, completion_records.c.user_id == user_id)
        .order_by(completion_records.c.completed_at, completion_records.c.id)
    )
    return [(r.id, r.completed_at) for r in await conn.execute(stmt)]


async def ledger_of(conn: Conn, mission_id: str, user_id: str) -> list[dict[str, Any]]:
    """The ledger entries the mission wrote for the user (with their idempotency keys), oldest first."""
    stmt = (
        sa.select(
            ledger.c.id,
            ledger.c.kind,
            ledger.c.points,
            ledger.c.item_id,
            ledger.c.label,
            ledger.c.idempotency_key,
            ledger.c.created_at,
        )
        .where(ledger.c.mission_id == mission_id, ledger.c.user_id == user_id)
        .order_by(ledger.c.id)
    )
    return [dict(r._mapping) for r in await conn.execute(stmt)]


async def submissions_of(conn: Conn, mission_id: str, user_id: str) -> list[dict[str, Any]]:
    """The user's submissions to the mission (status, feedback, decision), oldest first."""
    stmt = (
        sa.select(
            submissions.c.id,
            submissions.c.status,
            submissions.c.feedback,
            submissions.c.created_at,
            submissions.c.decided_at,
        )
        .where(submissions.c.mission_id == mission_id, submissions.c.user_id == user_id)
        .order_by(submissions.c.created_at, submissions.c.id)
    )
    return [dict(r._mapping) for r in await conn.execute(stmt)]


async def callbacks_of(conn: Conn, mission_id: str, user_id: str) -> list[dict[str, Any]]:
    """The mission's callbacks about this user (their delivery state and attempts), oldest first."""
    stmt = (
        sa.select(
            callbacks.c.id,
            callbacks.c.type,
            callbacks.c.status,
            callbacks.c.attempts,
            callbacks.c.last_status,
            callbacks.c.last_error,
            callbacks.c.created_at,
            callbacks.c.last_attempt_at,
            callbacks.c.delivered_at,
            callbacks.c.failed_at,
        )
        .where(callbacks.c.mission_id == mission_id, callbacks.c.payload["data"]["user_id"].astext == user_id)
        .order_by(callbacks.c.created_at, callbacks.c.id)
    )
    return [dict(r._mapping) for r in await conn.execute(stmt)]
