"""Broadcasts ("Send Update"): admins send a title and body to a segment; users read their inbox.

A broadcast goes to the segment's members now or at `send_at`, by a durable workflow started once
the broadcast has committed (`services.broadcasts`); with `on_entry` it also goes to everyone who
enters the segment afterwards. Each user gets each broadcast once. The inbox routes are served twice, under
`/v1/users/{user_id}` for the client key and under `/v1/me` for a user token, from one definition.
"""

# No `from __future__ import annotations`: FastAPI must resolve the dependency alias built inside
# `inbox_router` at definition time (as in api/routes/journeys.py).

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from pydantic import AwareDatetime, BaseModel, Field

from api.deps import Admin, BroadcastsDep, Conn, after_commit, path_user, token_user
from api.errors import error_responses
from api.schemas import Strict
from api.strict import JsonBody, QueryBool
from domain.spec_base import Name
from services.broadcasts import Broadcast, InboxItem, Status

router = APIRouter(prefix="/v1/broadcasts", tags=["broadcasts"])


class BroadcastIn(Strict):
    """A message to the members of a segment."""

    title: Name
    body: Annotated[str, Field(min_length=1, max_length=10_000, pattern=r"\S")]
    segment_id: str
    send_at: AwareDatetime | None = Field(
        None,
        description="When to send it (default: now). More than a minute in the past is refused with 422; "
        "less counts as now.",
    )
    on_entry: bool = Field(
        False, description="Also deliver it to everyone who enters the segment after it has been sent."
    )


class BroadcastList(BaseModel):
    """A page of broadcasts, newest first; pass `next_cursor` as `cursor` for the next page."""

    items: list[Broadcast]
    next_cursor: str | None = None


class Inbox(BaseModel):
    """A page of a user's inbox, newest first; pass `next_cursor` as `cursor` for the next page."""

    items: list[InboxItem]
    next_cursor: str | None = None


@router.post("", status_code=201, response_model=Broadcast, responses=error_responses(401, 403, 422))
async def create_broadcast(
    body: JsonBody[BroadcastIn], conn: Conn, broadcasts: BroadcastsDep, request: Request, _: Admin
) -> Broadcast:
    """Sends a broadcast to the segment's members now, or schedules it for `send_at`.

    The answer comes at once with status `scheduled`; the broadcast moves to `sending` and `sent`
    in the background. With `on_entry`, later entrants of the segment get it too.
    """
    created = await broadcasts.create(
        conn,
        title=body.title,
        body=body.body,
        segment_id=body.segment_id,
        send_at=body.send_at,
        on_entry=body.on_entry,
    )
    after_commit(request, created.on_commit)
    return created.broadcast


@router.get("", response_model=BroadcastList, responses=error_responses(401, 403, 422))
async def list_broadcasts(
    conn: Conn,
    broadcasts: BroadcastsDep,
    _: Admin,
    status: Status | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: Annotated[str | None, Query(description="`next_cursor` of the previous page")] = None,
) -> BroadcastList:
    """Broadcasts newest first, optionally of one status, with their delivered counts."""
    page = await broadcasts.page(conn, status=status, limit=limit, cursor=cursor)
    return BroadcastList(items=page.items, next_cursor=page.next_cursor)


@router.get("/{broadcast_id}", response_model=Broadcast, responses=error_responses(401, 403, 404))
async def get_broadcast(broadcast_id: str, conn: Conn, broadcasts: BroadcastsDep, _: Admin) -> Broadcast:
    """One broadcast: its status and how many users it has been delivered to."""
    return await broadcasts.get(conn, broadcast_id)


def inbox_router(prefix: str, who: Callable[..., Awaitable[str]], tag: str) -> APIRouter:
    """The inbox routes under `prefix`, with the user id taken from `who`."""
    inbox = APIRouter(prefix=prefix, tags=[tag])
    UserDep = Annotated[str, Depends(who)]

    @inbox.get("/inbox", response_model=Inbox, responses=error_responses(401, 403, 422))
    async def get_inbox(
        user_id: UserDep,
        conn: Conn,
        broadcasts: BroadcastsDep,
        unread: Annotated[QueryBool, Query(description="only items not marked read")] = False,
        limit: Annotated[int, Query(ge=1, le=200)] = 50,
        cursor: Annotated[str | None, Query(description="`next_cursor` of the previous page")] = None,
    ) -> Inbox:
        """The broadcasts the user received, newest first."""
        page = await broadcasts.inbox(conn, user_id, unread=unread, limit=limit, cursor=cursor)
        return Inbox(items=page.items, next_cursor=page.next_cursor)

    @inbox.post("/inbox/{broadcast_id}/read", response_model=InboxItem, responses=error_responses(401, 403, 404, 422))
    async def mark_read(broadcast_id: str, user_id: UserDep, conn: Conn, broadcasts: BroadcastsDep) -> InboxItem:
        """Marks one item read (again: no change); 404 when it is not in this user's inbox."""
        return await broadcasts.mark_read(conn, user_id, broadcast_id)

    return inbox


users_inbox_router = inbox_router("/v1/users/{user_id}", path_user, "users")
me_inbox_router = inbox_router("/v1/me", token_user, "me")
