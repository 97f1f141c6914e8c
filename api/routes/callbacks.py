"""Callbacks (admin): what was POSTed to missions' `callback_url`s, how it went, and retrying failures.

A callback is retried with backoff for `QUESTLINE_CALLBACK_RETRY_FOR`; then it is `failed` and
stays so until an admin retries it here, which starts a new delivery of the same body and id.
An attempt's outcome is its HTTP status and a short reason (`HTTP 500`, `connect timeout`,
`refused: loopback address` for a target the outbound policy refuses); what the receiver
answered is never kept.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from api.deps import Admin, CallbacksDep, Conn
from api.errors import error_responses
from domain.callbacks import CallbackType
from services.callbacks import Callback, Status

router = APIRouter(prefix="/v1/callbacks", tags=["callbacks"])


class CallbackList(BaseModel):
    """A page of callbacks, newest first; pass `next_cursor` as `cursor` for the next page."""

    items: list[Callback]
    next_cursor: str | None = None


@router.get("", response_model=CallbackList, responses=error_responses(401, 403, 422))
async def list_callbacks(
    conn: Conn,
    callbacks: CallbacksDep,
    _: Admin,
    status: Annotated[Status | None, Query(description="e.g. `failed`: deliveries that gave up")] = None,
    mission_id: str | None = None,
    type: CallbackType | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: Annotated[str | None, Query(description="`next_cursor` of the previous page")] = None,
) -> CallbackList:
    """Callbacks newest first, optionally of one status, mission or type, with their attempts and last error."""
    page = await callbacks.page(conn, status=status, mission_id=mission_id, type=type, limit=limit, cursor=cursor)
    return CallbackList(items=page.items, next_cursor=page.next_cursor)


@router.get("/{callback_id}", response_model=Callback, responses=error_responses(401, 403, 404))
async def get_callback(callback_id: str, conn: Conn, callbacks: CallbacksDep, _: Admin) -> Callback:
    """One callback: its body, status, attempts, last HTTP status and last error (a short reason)."""
    return await callbacks.get(conn, callback_id)


@router.post(
    "/{callback_id}/retry", status_code=202, response_model=Callback, responses=error_responses(401, 403, 404, 409)
)
async def retry_callback(callback_id: str, conn: Conn, callbacks: CallbacksDep, _: Admin) -> Callback:
    """Delivers a failed callback again (same id and body, fresh retries); 409 `callback_not_failed` otherwise.

    Answers once the new delivery has started, with the callback back in `pending`.
    """
    return await callbacks.retry(conn, callback_id)
