"""Callbacks to missions' `callback_url`s and their delivery state (every SQL statement of them).

A callback is enqueued as a `pending` row inside the transaction of what it announces (a
completion's reward, a spent budget), so it exists exactly when that committed. Its id comes from
what happened (`domain.callbacks.delivery_id`): enqueueing the same fact again inserts nothing.
Delivery runs write the row under a fence: each run carries the `retries` value it was started
with, and only a run whose value still matches may change the row.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict
from sqlalchemy.dialects.postgresql import insert

from db.engine import Conn
from db.paging import newest_after
from db.tables import callbacks
from domain.callbacks import delivery_id, envelope
from domain.errors import Conflict, NotFound

Status = Literal["pending", "delivered", "failed"]
#: Longest `last_error` kept: a short reason ("HTTP 500", "connect timeout"), never the receiver's answer.
MAX_ERROR = 500


class Callback(BaseModel):
    """One callback and how its delivery went."""

    model_config = ConfigDict(frozen=True)

    id: str
    type: str
    mission_id: str
    url: str
    payload: dict[str, Any]
    status: Status
    attempts: int
    retries: int
    last_error: str | None
    last_status: int | None
    created_at: datetime
    last_attempt_at: datetime | None
    delivered_at: datetime | None
    failed_at: datetime | None


_COLUMNS = [callbacks.c[name] for name in Callback.model_fields]


def _one(row: Any) -> Callback:
    return Callback.model_validate(dict(row))


async def enqueue(
    conn: Conn, *, type: str, mission_id: str, url: str, data: dict[str, Any], key: str, at: datetime
) -> str | None:
    """Adds the pending callback of `type` for `key`, in the caller's transaction.

    Returns its id while it still needs delivering (new, or enqueued before and still pending:
    the caller may have crashed before starting its delivery), None once it has been delivered
    or has failed. Dispatch the returned id after the transaction commits.
    """
    id = delivery_id(type, key)
    stmt = (
        insert(callbacks)
        .values(id=id, type=type, mission_id=mission_id, url=url, payload=envelope(id, type, at, data))
        .on_conflict_do_nothing(index_elements=[callbacks.c.id])
        .returning(callbacks.c.id)
    )
    if (await conn.execute(stmt)).first() is not None:
        return id
    status = (await conn.execute(sa.select(callbacks.c.status).where(callbacks.c.id == id))).scalar_one()
    return id if status == "pending" else None


async def get(conn: Conn, callback_id: str) -> Callback:
    """One callback; NotFound when unknown."""
    row = (await conn.execute(sa.select(*_COLUMNS).where(callbacks.c.id == callback_id))).mappings().first()
    if row is None:
        raise NotFound("callback_not_found", f"no callback {callback_id!r}")
    return _one(row)


async def list_callbacks(
    conn: Conn,
    *,
    status: Status | None = None,
    mission_id: str | None = None,
    type: str | None = None,
    limit: int = 100,
    after: str | None = None,
) -> list[Callback]:
    """Callbacks newest first, filtered; page on with `after=<last id of the previous page>`."""
    stmt = sa.select(*_COLUMNS).order_by(callbacks.c.created_at.desc(), callbacks.c.id.desc()).limit(limit)
    if status is not None:
        stmt = stmt.where(callbacks.c.status == status)
    if mission_id is not None:
        stmt = stmt.where(callbacks.c.mission_id == mission_id)
    if type is not None:
        stmt = stmt.where(callbacks.c.type == type)
    if after is not None:
        stmt = await newest_after(conn, stmt, callbacks.c.created_at, callbacks.c.id, after, what="a callback id")
    return [_one(r) for r in (await conn.execute(stmt)).mappings()]


def _fenced(callback_id: str, retries: int) -> sa.ColumnElement[bool]:
    """The row, if it is still pending for the run started after `retries` manual retries."""
    return sa.and_(callbacks.c.id == callback_id, callbacks.c.status == "pending", callbacks.c.retries == retries)


async def start_attempt(conn: Conn, callback_id: str, retries: int) -> Callback | None:
    """Counts one more POST of a pending callback and returns it; None when there is nothing to send.

    Nothing to send: it has been delivered, has failed, or a manual retry started a newer run.
    """
    stmt = (
        sa.update(callbacks)
        .where(_fenced(callback_id, retries))
        .values(attempts=callbacks.c.attempts + 1, last_attempt_at=sa.func.now())
        .returning(*_COLUMNS)
    )
    row = (await conn.execute(stmt)).mappings().first()
    return None if row is None else _one(row)


async def record_failure(conn: Conn, callback_id: str, retries: int, *, error: str, http_status: int | None) -> None:
    """Notes why the last POST did not deliver (the callback stays pending: it will be retried)."""
    await conn.execute(
        sa.update(callbacks)
        .where(_fenced(callback_id, retries))
        .values(last_error=error[:MAX_ERROR], last_status=http_status)
    )


async def mark_delivered(conn: Conn, callback_id: str, retries: int, *, http_status: int) -> None:
    """The receiver accepted the callback."""
    await conn.execute(
        sa.update(callbacks)
        .where(_fenced(callback_id, retries))
        .values(status="delivered", last_status=http_status, last_error=None, delivered_at=sa.func.now())
    )


async def mark_failed(conn: Conn, callback_id: str, retries: int, *, reason: str) -> bool:
    """Delivery gave up: the callback is `failed` (listed for admins, who may retry it).

    The last attempt's error is kept; `reason` is recorded only when no attempt left one.
    Returns False when the row was no longer this run's to change.
    """
    stmt = (
        sa.update(callbacks)
        .where(_fenced(callback_id, retries))
        .values(
            status="failed",
            failed_at=sa.func.now(),
            last_error=sa.func.coalesce(callbacks.c.last_error, reason[:MAX_ERROR]),
        )
        .returning(callbacks.c.id)
    )
    return (await conn.execute(stmt)).first() is not None


async def reopen(conn: Conn, callback_id: str) -> Callback:
    """Makes a failed callback pending again for a manual retry (a new run fenced by `retries + 1`).

    The row stays locked until the caller's transaction ends, so a run started before the commit
    waits for it. NotFound when unknown, Conflict `callback_not_failed` unless it has failed.
    """
    stmt = (
        sa.update(callbacks)
        .where(callbacks.c.id == callback_id, callbacks.c.status == "failed")
        .values(status="pending", retries=callbacks.c.retries + 1, failed_at=None)
        .returning(*_COLUMNS)
    )
    row = (await conn.execute(stmt)).mappings().first()
    if row is not None:
        return _one(row)
    current = await get(conn, callback_id)
    raise Conflict(
        "callback_not_failed",
        f"callback {callback_id} is {current.status}; only a failed callback can be retried",
    )
