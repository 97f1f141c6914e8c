"""Pending workflow starts: written in a change's transaction, marked done once the workflow is started."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict

from db.engine import Conn
from db.paging import newest_after
from db.tables import workflow_starts

#: What a start came to: the workflow was started, was already there, or the start was withdrawn.
STARTED, ALREADY_STARTED, CANCELLED = "started", "already_started", "cancelled"


class PendingStart(BaseModel):
    """One workflow to start: `kind` names its workflow and input type (`services.starts.KINDS`)."""

    model_config = ConfigDict(frozen=True)

    id: str
    kind: str
    workflow_id: str
    task_queue: str
    payload: Any
    created_at: datetime


async def enqueue(conn: Conn, *, kind: str, workflow_id: str, task_queue: str, payload: Any) -> PendingStart:
    """Records a start in the caller's transaction: it happens if and only if the transaction commits."""
    row = (
        await conn.execute(
            sa.insert(workflow_starts)
            .values(id=uuid.uuid4().hex, kind=kind, workflow_id=workflow_id, task_queue=task_queue, payload=payload)
            .returning(*[workflow_starts.c[n] for n in PendingStart.model_fields])
        )
    ).one()
    return PendingStart.model_validate(dict(row._mapping))


async def claim_pending(conn: Conn, *, task_queue: str, older_than: timedelta, limit: int) -> list[PendingStart]:
    """Starts of `task_queue` left pending for longer than `older_than`, locked for this caller.

    `SKIP LOCKED` lets every relay share the backlog; a start made twice is harmless (its
    workflow id is stable, so the second finds the workflow already there).
    """
    stmt = (
        sa.select(*[workflow_starts.c[n] for n in PendingStart.model_fields])
        .where(
            workflow_starts.c.done_at.is_(None),
            workflow_starts.c.task_queue == task_queue,
            workflow_starts.c.created_at < sa.func.now() - older_than,
        )
        .order_by(workflow_starts.c.created_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return [PendingStart.model_validate(dict(row._mapping)) for row in await conn.execute(stmt)]


async def mark_done(conn: Conn, outcomes: dict[str, str], at: datetime) -> None:
    """Records each start's outcome (by start id); a start already done keeps its first outcome."""
    for outcome in set(outcomes.values()):
        ids = [start_id for start_id, o in outcomes.items() if o == outcome]
        await conn.execute(
            sa.update(workflow_starts)
            .where(workflow_starts.c.id.in_(ids), workflow_starts.c.done_at.is_(None))
            .values(done_at=at, outcome=outcome)
        )


async def pending(conn: Conn, workflow_id: str) -> PendingStart | None:
    """The oldest start of `workflow_id` not yet done, or None."""
    row = (
        await conn.execute(
            sa.select(*[workflow_starts.c[n] for n in PendingStart.model_fields])
            .where(workflow_starts.c.workflow_id == workflow_id, workflow_starts.c.done_at.is_(None))
            .order_by(workflow_starts.c.created_at)
            .limit(1)
        )
    ).first()
    return PendingStart.model_validate(dict(row._mapping)) if row else None


async def cancel_pending(conn: Conn, workflow_ids: Sequence[str], at: datetime) -> int:
    """Withdraws the starts of these workflows not yet made (e.g. a launch cancelled); returns how many."""
    result = await conn.execute(
        sa.update(workflow_starts)
        .where(workflow_starts.c.workflow_id.in_(list(workflow_ids)), workflow_starts.c.done_at.is_(None))
        .values(done_at=at, outcome=CANCELLED)
        .returning(workflow_starts.c.id)
    )
    return len(result.all())


async def prune_done(conn: Conn, *, older_than: timedelta) -> int:
    """Deletes starts done longer ago than `older_than` (their workflows hold the rest); returns how many."""
    result = await conn.execute(
        sa.delete(workflow_starts)
        .where(workflow_starts.c.done_at < sa.func.now() - older_than)
        .returning(workflow_starts.c.id)
    )
    return len(result.all())


class RecordedStart(PendingStart):
    """A start as recorded, done or not (`done_at` and `outcome` None while pending)."""

    done_at: datetime | None
    outcome: str | None


async def of_kind(
    conn: Conn, kind: str | Sequence[str], *, limit: int, cursor: str | None = None
) -> list[RecordedStart]:
    """The starts of `kind` (or of any of several kinds) that made (or will make) their workflow,
    newest first, after the start whose id is `cursor`: one per workflow (a start that found its
    workflow there, or was withdrawn, is left out). Done starts are kept only for a while (`prune_done`)."""
    kinds = [kind] if isinstance(kind, str) else list(kind)
    columns = [workflow_starts.c[n] for n in RecordedStart.model_fields]
    stmt = sa.select(*columns).where(
        workflow_starts.c.kind.in_(kinds),
        sa.or_(workflow_starts.c.outcome.is_(None), workflow_starts.c.outcome == STARTED),
    )
    if cursor is not None:
        stmt = await newest_after(
            conn,
            stmt,
            workflow_starts.c.created_at,
            workflow_starts.c.id,
            cursor,
            what=f"a {' or '.join(kinds)} start",
            scope=workflow_starts.c.kind.in_(kinds),
        )
    stmt = stmt.order_by(workflow_starts.c.created_at.desc(), workflow_starts.c.id.desc()).limit(limit)
    return [RecordedStart.model_validate(dict(row._mapping)) for row in await conn.execute(stmt)]
