"""Broadcasts ("Send Update") and the users' inbox they are delivered to.

Delivery is an `INSERT ... ON CONFLICT DO NOTHING` into `inbox`, whose primary key
(broadcast_id, user_id) is what gives each user each broadcast once, however often a delivery is
retried or raced by an on-entry delivery. `notified_at` marks rows the webhook has accepted, so a
retried delivery re-posts only what was not announced yet.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Literal

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict
from sqlalchemy.dialects.postgresql import insert

from db.engine import Conn
from db.paging import newest_after
from db.tables import broadcasts, inbox, segment_members
from domain.errors import NotFound

Status = Literal["scheduled", "sending", "sent"]


class Broadcast(BaseModel):
    """A message to a segment, with how far its sending got."""

    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    body: str
    segment_id: str
    send_at: datetime | None
    on_entry: bool
    status: Status
    created_at: datetime
    sent_at: datetime | None
    delivered: int


class InboxItem(BaseModel):
    """One broadcast in one user's inbox."""

    model_config = ConfigDict(frozen=True)

    broadcast_id: str
    title: str
    body: str
    created_at: datetime
    read_at: datetime | None


class Delivery(BaseModel):
    """An inbox row to announce to the webhook."""

    model_config = ConfigDict(frozen=True)

    broadcast_id: str
    user_id: str
    title: str
    body: str
    sent_at: datetime

    @property
    def delivery_id(self) -> str:
        """Stable across retries, so the receiver can drop a repeated POST."""
        return f"{self.broadcast_id}:{self.user_id}"

    def payload(self) -> dict[str, Any]:
        """The webhook's JSON body."""
        return {"delivery_id": self.delivery_id, **self.model_dump(mode="json")}


_BROADCAST = [broadcasts.c[name] for name in Broadcast.model_fields]
_ITEM = [inbox.c[name] for name in InboxItem.model_fields]
_DELIVERY = [inbox.c.broadcast_id, inbox.c.user_id, inbox.c.title, inbox.c.body, inbox.c.created_at.label("sent_at")]


async def create(
    conn: Conn, *, title: str, body: str, segment_id: str, send_at: datetime | None, on_entry: bool
) -> Broadcast:
    """A new broadcast, `scheduled` until its workflow starts sending it."""
    stmt = (
        sa.insert(broadcasts)
        .values(
            id=f"brd_{uuid.uuid4().hex}",
            title=title,
            body=body,
            segment_id=segment_id,
            send_at=send_at,
            on_entry=on_entry,
        )
        .returning(*_BROADCAST)
    )
    return Broadcast.model_validate(dict((await conn.execute(stmt)).mappings().one()))


async def get(conn: Conn, broadcast_id: str) -> Broadcast:
    """One broadcast; NotFound when unknown."""
    row = (await conn.execute(sa.select(*_BROADCAST).where(broadcasts.c.id == broadcast_id))).mappings().first()
    if row is None:
        raise NotFound("broadcast_not_found", f"no broadcast {broadcast_id!r}")
    return Broadcast.model_validate(dict(row))


async def list_broadcasts(
    conn: Conn, *, status: Status | None = None, limit: int = 100, after: str | None = None
) -> list[Broadcast]:
    """Broadcasts newest first; page on with `after=<last id of the previous page>`."""
    stmt = sa.select(*_BROADCAST).order_by(broadcasts.c.created_at.desc(), broadcasts.c.id.desc()).limit(limit)
    if status is not None:
        stmt = stmt.where(broadcasts.c.status == status)
    if after is not None:
        stmt = await newest_after(conn, stmt, broadcasts.c.created_at, broadcasts.c.id, after, what="a broadcast id")
    return [Broadcast.model_validate(dict(r)) for r in (await conn.execute(stmt)).mappings()]


async def start_sending(conn: Conn, broadcast_id: str) -> Broadcast | None:
    """Moves a scheduled broadcast to `sending` (others keep their status); None when unknown."""
    await conn.execute(
        sa.update(broadcasts)
        .where(broadcasts.c.id == broadcast_id, broadcasts.c.status == "scheduled")
        .values(status="sending")
    )
    try:
        return await get(conn, broadcast_id)
    except NotFound:
        return None


async def finish(conn: Conn, broadcast_id: str) -> Broadcast:
    """Marks the broadcast `sent`; the first send time is kept when a delivery runs again."""
    await conn.execute(
        sa.update(broadcasts)
        .where(broadcasts.c.id == broadcast_id)
        .values(status="sent", sent_at=sa.func.coalesce(broadcasts.c.sent_at, sa.func.now()))
    )
    return await get(conn, broadcast_id)


async def _count(conn: Conn, new: dict[str, int]) -> None:
    """Adds newly inserted inbox rows to their broadcasts' `delivered`, in the insert's transaction."""
    for broadcast_id in sorted(new):  # a fixed order, so concurrent deliveries cannot deadlock
        await conn.execute(
            sa.update(broadcasts)
            .where(broadcasts.c.id == broadcast_id)
            .values(delivered=broadcasts.c.delivered + new[broadcast_id])
        )


async def deliver(conn: Conn, broadcast: Broadcast, user_ids: Sequence[str]) -> list[str]:
    """Puts the broadcast in each user's inbox; returns the users who did not have it yet."""
    if not user_ids:
        return []
    stmt = (
        insert(inbox)
        .values(
            [
                {"broadcast_id": broadcast.id, "user_id": u, "title": broadcast.title, "body": broadcast.body}
                for u in user_ids
            ]
        )
        .on_conflict_do_nothing(index_elements=[inbox.c.broadcast_id, inbox.c.user_id])
        .returning(inbox.c.user_id)
    )
    new = list((await conn.execute(stmt)).scalars())
    if new:
        await _count(conn, {broadcast.id: len(new)})
    return new


async def deliver_on_entry(conn: Conn, user_id: str, segment_id: str) -> list[str]:
    """Puts every on-entry broadcast of the segment in the inbox of a user who entered it.

    Only broadcasts whose send has begun: until then the send itself will reach the user. The
    user must still be a member (an entry routed late may have been followed by a leave).
    Returns the ids of the broadcasts the user did not have yet.
    """
    member = (
        sa.select(sa.literal(1))
        .where(segment_members.c.segment_id == segment_id, segment_members.c.user_id == user_id)
        .exists()
    )
    source = sa.select(broadcasts.c.id, sa.literal(user_id), broadcasts.c.title, broadcasts.c.body).where(
        broadcasts.c.segment_id == segment_id,
        broadcasts.c.on_entry,
        broadcasts.c.status != "scheduled",
        member,
    )
    stmt = (
        insert(inbox)
        .from_select(["broadcast_id", "user_id", "title", "body"], source)
        .on_conflict_do_nothing(index_elements=[inbox.c.broadcast_id, inbox.c.user_id])
        .returning(inbox.c.broadcast_id)
    )
    new = list((await conn.execute(stmt)).scalars())
    await _count(conn, dict.fromkeys(new, 1))
    return new


async def unnotified(conn: Conn, broadcast_id: str, user_ids: Sequence[str]) -> list[Delivery]:
    """Deliveries of the broadcast to these users that the webhook has not accepted yet."""
    if not user_ids:
        return []
    stmt = sa.select(*_DELIVERY).where(
        inbox.c.broadcast_id == broadcast_id, inbox.c.user_id.in_(list(user_ids)), inbox.c.notified_at.is_(None)
    )
    return [Delivery.model_validate(dict(r)) for r in (await conn.execute(stmt)).mappings()]


async def unnotified_on_entry(conn: Conn, user_id: str, segment_id: str) -> list[Delivery]:
    """The user's deliveries of the segment's on-entry broadcasts that the webhook has not accepted yet."""
    stmt = (
        sa.select(*_DELIVERY)
        .join(broadcasts, broadcasts.c.id == inbox.c.broadcast_id)
        .where(
            inbox.c.user_id == user_id,
            inbox.c.notified_at.is_(None),
            broadcasts.c.segment_id == segment_id,
            broadcasts.c.on_entry,
        )
    )
    return [Delivery.model_validate(dict(r)) for r in (await conn.execute(stmt)).mappings()]


async def mark_notified(conn: Conn, deliveries: Sequence[Delivery]) -> None:
    """Records that the webhook accepted these deliveries."""
    if not deliveries:
        return
    pairs = [(d.broadcast_id, d.user_id) for d in deliveries]
    await conn.execute(
        sa.update(inbox)
        .where(sa.tuple_(inbox.c.broadcast_id, inbox.c.user_id).in_(pairs))
        .values(notified_at=sa.func.now())
    )


async def inbox_of(
    conn: Conn, user_id: str, *, unread: bool = False, limit: int = 50, after: str | None = None
) -> list[InboxItem]:
    """The user's inbox newest first; page on with `after=<broadcast_id of the previous page's last item>`."""
    stmt = (
        sa.select(*_ITEM)
        .where(inbox.c.user_id == user_id)
        .order_by(inbox.c.created_at.desc(), inbox.c.broadcast_id.desc())
        .limit(limit)
    )
    if unread:
        stmt = stmt.where(inbox.c.read_at.is_(None))
    if after is not None:
        mine = inbox.c.user_id == user_id
        key = inbox.c.broadcast_id
        stmt = await newest_after(conn, stmt, inbox.c.created_at, key, after, what="in this inbox", scope=mine)
    return [InboxItem.model_validate(dict(r)) for r in (await conn.execute(stmt)).mappings()]


async def mark_read(conn: Conn, user_id: str, broadcast_id: str) -> InboxItem:
    """Marks one item read (keeping the first read time); NotFound when not in this user's inbox."""
    row = (
        (
            await conn.execute(
                sa.update(inbox)
                .where(inbox.c.user_id == user_id, inbox.c.broadcast_id == broadcast_id)
                .values(read_at=sa.func.coalesce(inbox.c.read_at, sa.func.now()))
                .returning(*_ITEM)
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        raise NotFound("inbox_item_not_found", f"no broadcast {broadcast_id!r} in this user's inbox")
    return InboxItem.model_validate(dict(row))
