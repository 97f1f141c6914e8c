"""Notification templates, channels and deliveries (every SQL statement of them).

A delivery is written `pending` inside the transaction of the fact it announces, so it exists
exactly when that committed; its id comes from the fact, the user and the channel
(`domain.notifications.delivery_id`), so enqueueing the same fact again inserts nothing. The
relay claims due rows (`FOR UPDATE SKIP LOCKED`, so processes share the backlog), counting the
attempt and holding the row a lease ahead; the outcome is written afterwards, fenced by that
attempt's number, and no send holds a lock.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any, Literal

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.dialects.postgresql import insert

from db.engine import Conn
from db.paging import newest_after
from db.tables import (
    enrolments,
    events,
    ledger,
    missions,
    notification_channels,
    notification_deliveries,
    notification_fanouts,
    notification_templates,
)
from db.tables import users as users_table
from domain.errors import Conflict, NotFound
from domain.notifications import ChannelIn, ChannelKind, DeliveryStatus, Event, TemplateIn

#: Longest `last_error` kept: a short reason ("HTTP 500", "connect timeout"), never the receiver's answer.
MAX_ERROR = 500


class TemplateRow(BaseModel):
    """A saved template."""

    model_config = ConfigDict(frozen=True)

    event: str
    subject: str
    text: str
    html: str | None
    updated_at: datetime


class ChannelRow(BaseModel):
    """A configured channel."""

    model_config = ConfigDict(frozen=True)

    id: str
    kind: ChannelKind
    name: str
    url: str | None
    events: list[Event]
    email_attribute: str | None
    created_at: datetime
    deleted_at: datetime | None


class DeliveryRow(BaseModel):
    """One notification to one user through one channel, and how its delivery went."""

    model_config = ConfigDict(frozen=True)

    id: str
    channel_id: str
    kind: ChannelKind
    event: Event
    key: str
    mission_id: str | None
    user_id: str
    values: dict[str, Any]
    status: DeliveryStatus
    attempts: int
    next_attempt_at: datetime
    retry_from: datetime
    last_error: str | None
    last_status: int | None
    created_at: datetime
    last_attempt_at: datetime | None
    delivered_at: datetime | None
    failed_at: datetime | None


_TEMPLATE = [notification_templates.c[n] for n in TemplateRow.model_fields]
_CHANNEL = [notification_channels.c[n] for n in ChannelRow.model_fields]
_DELIVERY = [notification_deliveries.c[n] for n in DeliveryRow.model_fields]
_d = notification_deliveries.c


async def templates(conn: Conn) -> dict[str, TemplateRow]:
    """Every saved template by event."""
    rows = (await conn.execute(sa.select(*_TEMPLATE))).mappings()
    return {r["event"]: TemplateRow.model_validate(dict(r)) for r in rows}


async def save_template(conn: Conn, event: Event, template: TemplateIn) -> TemplateRow:
    """Saves (inserts or replaces) the template of `event`."""
    values = {"subject": template.subject, "text": template.text, "html": template.html}
    stmt = insert(notification_templates).values(event=event, **values)
    upsert = stmt.on_conflict_do_update(
        index_elements=[notification_templates.c.event], set_={**values, "updated_at": sa.func.now()}
    ).returning(*_TEMPLATE)
    return TemplateRow.model_validate(dict((await conn.execute(upsert)).mappings().one()))


async def delete_template(conn: Conn, event: Event) -> None:
    """Removes the saved template of `event` (the default applies again)."""
    await conn.execute(sa.delete(notification_templates).where(notification_templates.c.event == event))


async def create_channel(conn: Conn, channel_id: str, channel: ChannelIn) -> ChannelRow:
    """Adds a channel."""
    stmt = (
        insert(notification_channels)
        .values(
            id=channel_id,
            kind=channel.kind,
            name=channel.name,
            url=channel.url,
            events=list(channel.events),
            email_attribute=channel.email_attribute,
        )
        .returning(*_CHANNEL)
    )
    return ChannelRow.model_validate(dict((await conn.execute(stmt)).mappings().one()))


async def list_channels(conn: Conn) -> list[ChannelRow]:
    """The channels not deleted, oldest first."""
    stmt = (
        sa.select(*_CHANNEL)
        .where(notification_channels.c.deleted_at.is_(None))
        .order_by(notification_channels.c.created_at, notification_channels.c.id)
    )
    return [ChannelRow.model_validate(dict(r)) for r in (await conn.execute(stmt)).mappings()]


async def get_channel(conn: Conn, channel_id: str) -> ChannelRow:
    """One channel not deleted; NotFound otherwise."""
    stmt = sa.select(*_CHANNEL).where(
        notification_channels.c.id == channel_id, notification_channels.c.deleted_at.is_(None)
    )
    row = (await conn.execute(stmt)).mappings().first()
    if row is None:
        raise NotFound("channel_not_found", f"no notification channel {channel_id!r}")
    return ChannelRow.model_validate(dict(row))


async def channels_by_id(conn: Conn, ids: Iterable[str]) -> dict[str, ChannelRow]:
    """Channels by id, deleted ones included."""
    stmt = sa.select(*_CHANNEL).where(notification_channels.c.id.in_(list(set(ids))))
    return {r["id"]: ChannelRow.model_validate(dict(r)) for r in (await conn.execute(stmt)).mappings()}


async def delete_channel(conn: Conn, channel_id: str) -> int:
    """Deletes a channel (its row stays for its deliveries' sake); its pending deliveries are skipped.

    Returns how many pending deliveries were skipped; NotFound when unknown or deleted already.
    """
    stmt = (
        sa.update(notification_channels)
        .where(notification_channels.c.id == channel_id, notification_channels.c.deleted_at.is_(None))
        .values(deleted_at=sa.func.now())
        .returning(notification_channels.c.id)
    )
    if (await conn.execute(stmt)).first() is None:
        raise NotFound("channel_not_found", f"no notification channel {channel_id!r}")
    skipped = await conn.execute(
        sa.update(notification_deliveries)
        .where(_d.channel_id == channel_id, _d.status == "pending")
        .values(status="skipped", last_error="channel deleted")
        .returning(_d.id)
    )
    return len(skipped.all())


async def channels_for(conn: Conn, event: Event) -> list[ChannelRow]:
    """The channels (not deleted) that carry `event`."""
    stmt = sa.select(*_CHANNEL).where(
        notification_channels.c.deleted_at.is_(None), sa.literal(event) == sa.any_(notification_channels.c.events)
    )
    return [ChannelRow.model_validate(dict(r)) for r in (await conn.execute(stmt)).mappings()]


async def mission_facts(conn: Conn, mission_id: str) -> dict[str, Any] | None:
    """A mission's name, description and `notify` (None: no such mission)."""
    stmt = sa.select(
        missions.c.name,
        missions.c.spec["description"].astext.label("description"),
        missions.c.spec["notify"].label("notify"),
    ).where(missions.c.id == mission_id)
    row = (await conn.execute(stmt)).mappings().first()
    return None if row is None else dict(row)


async def enqueue(conn: Conn, rows: Sequence[dict[str, Any]]) -> int:
    """Adds pending deliveries (a row whose id is there already is left as it is); returns how many were new."""
    if not rows:
        return 0
    stmt = insert(notification_deliveries).on_conflict_do_nothing(index_elements=[_d.id]).returning(_d.id)
    added = 0
    for start in range(0, len(rows), 1000):
        added += len((await conn.execute(stmt, list(rows[start : start + 1000]))).all())
    return added


async def claim_due(conn: Conn, kinds: Sequence[str], *, limit: int, lease: timedelta) -> list[DeliveryRow]:
    """Counts one more attempt of each due pending delivery of `kinds` (up to `limit`) and holds it
    `lease` ahead (if the process dies mid-send, the row is due again then)."""
    due = (
        sa.select(_d.id)
        .where(_d.status == "pending", _d.next_attempt_at <= sa.func.now(), _d.kind.in_(list(kinds)))
        .order_by(_d.next_attempt_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    stmt = (
        sa.update(notification_deliveries)
        .where(_d.id.in_(due))
        .values(attempts=_d.attempts + 1, last_attempt_at=sa.func.now(), next_attempt_at=sa.func.now() + lease)
        .returning(*_DELIVERY)
    )
    return [DeliveryRow.model_validate(dict(r)) for r in (await conn.execute(stmt)).mappings()]


def _fenced(delivery: DeliveryRow) -> sa.ColumnElement[bool]:
    """The row, if it is still pending with the attempt `delivery` was claimed for."""
    return sa.and_(_d.id == delivery.id, _d.status == "pending", _d.attempts == delivery.attempts)


async def mark_delivered(conn: Conn, delivery: DeliveryRow, *, status_code: int | None) -> None:
    """The receiver accepted the notification."""
    await conn.execute(
        sa.update(notification_deliveries)
        .where(_fenced(delivery))
        .values(status="delivered", last_status=status_code, last_error=None, delivered_at=sa.func.now())
    )


async def record_failure(
    conn: Conn, delivery: DeliveryRow, *, error: str, status_code: int | None, retry_at: datetime | None
) -> None:
    """Notes why the attempt did not deliver: due again at `retry_at`, or `failed` when None."""
    values: dict[str, Any] = {"last_error": error[:MAX_ERROR], "last_status": status_code}
    if retry_at is None:
        values |= {"status": "failed", "failed_at": sa.func.now()}
    else:
        values["next_attempt_at"] = retry_at
    await conn.execute(sa.update(notification_deliveries).where(_fenced(delivery)).values(**values))


async def mark_skipped(conn: Conn, delivery: DeliveryRow, *, reason: str) -> None:
    """Nothing can be sent (the user has no address, the channel was deleted): `skipped`, with why."""
    await conn.execute(
        sa.update(notification_deliveries)
        .where(_fenced(delivery))
        .values(status="skipped", last_error=reason[:MAX_ERROR])
    )


async def get_delivery(conn: Conn, delivery_id: str) -> DeliveryRow:
    """One delivery; NotFound when unknown."""
    row = (await conn.execute(sa.select(*_DELIVERY).where(_d.id == delivery_id))).mappings().first()
    if row is None:
        raise NotFound("delivery_not_found", f"no notification delivery {delivery_id!r}")
    return DeliveryRow.model_validate(dict(row))


async def list_deliveries(
    conn: Conn,
    *,
    status: DeliveryStatus | None = None,
    event: Event | None = None,
    mission_id: str | None = None,
    user_id: str | None = None,
    channel_id: str | None = None,
    limit: int = 100,
    after: str | None = None,
) -> list[DeliveryRow]:
    """Deliveries newest first, filtered; page on with `after=<last id of the previous page>`."""
    stmt = sa.select(*_DELIVERY).order_by(_d.created_at.desc(), _d.id.desc()).limit(limit)
    for column, value in (
        (_d.status, status),
        (_d.event, event),
        (_d.mission_id, mission_id),
        (_d.user_id, user_id),
        (_d.channel_id, channel_id),
    ):
        if value is not None:
            stmt = stmt.where(column == value)
    if after is not None:
        stmt = await newest_after(conn, stmt, _d.created_at, _d.id, after, what="a notification delivery id")
    return [DeliveryRow.model_validate(dict(r)) for r in (await conn.execute(stmt)).mappings()]


async def reopen(conn: Conn, delivery_id: str) -> DeliveryRow:
    """Makes a failed delivery pending again, due now, with a fresh retry window.

    NotFound when unknown, Conflict `delivery_not_failed` unless it has failed.
    """
    stmt = (
        sa.update(notification_deliveries)
        .where(_d.id == delivery_id, _d.status == "failed")
        .values(status="pending", failed_at=None, next_attempt_at=sa.func.now(), retry_from=sa.func.now())
        .returning(*_DELIVERY)
    )
    row = (await conn.execute(stmt)).mappings().first()
    if row is not None:
        return DeliveryRow.model_validate(dict(row))
    current = await get_delivery(conn, delivery_id)
    raise Conflict(
        "delivery_not_failed",
        f"delivery {delivery_id} is {current.status}; only a failed delivery can be retried",
    )


async def user_attributes(conn: Conn, user_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The profile attributes of the users that have a profile."""
    stmt = sa.select(users_table.c.id, users_table.c.attributes).where(users_table.c.id.in_(list(set(user_ids))))
    return {r.id: dict(r.attributes or {}) for r in await conn.execute(stmt)}


# --- fan-outs: one notification to many users, worked through in the background -------------------

_f = notification_fanouts.c
FanoutKind = Literal["launch", "update"]


class Fanout(BaseModel):
    """A notification to many users, sent page by page: a mission's activation (`launch`: every known
    user it is available to) or a Send Update to all of a mission's users (`update`)."""

    model_config = ConfigDict(frozen=True)

    id: str
    kind: FanoutKind
    mission_id: str
    update_id: str | None = Field(description="`update`: the Send Update's id.")
    custom_text: str | None = Field(description="`update`: its text (`{{customText}}`).")
    status: Literal["running", "done"] = Field(description="`running` until every user has been looked at.")
    after_user: str | None = Field(description="The last user id looked at (users go in id order).")
    told: int = Field(description="Users it enqueued the notification for.")
    created_at: datetime
    finished_at: datetime | None


_FANOUT = [_f[n] for n in Fanout.model_fields]


def fanout_id(kind: FanoutKind, mission_id: str, update_id: str | None = None) -> str:
    """The id of a mission's launch fan-out, or of one Send Update's (derived: asking again finds it)."""
    key = f"{kind}\x00{mission_id}\x00{update_id or ''}"
    return "nf_" + hashlib.sha256(key.encode()).hexdigest()[:24]


async def create_fanout(
    conn: Conn, kind: FanoutKind, mission_id: str, *, update_id: str | None = None, custom_text: str | None = None
) -> Fanout:
    """Starts a fan-out, or finds the one started before for the same launch or update."""
    id = fanout_id(kind, mission_id, update_id)
    stmt = (
        insert(notification_fanouts)
        .values(id=id, kind=kind, mission_id=mission_id, update_id=update_id, custom_text=custom_text)
        .on_conflict_do_nothing()
    )
    await conn.execute(stmt)
    found = await get_fanout(conn, id)
    assert found is not None
    return found


async def claim_fanout(conn: Conn, *, lease: timedelta) -> Fanout | None:
    """A running fan-out no other process holds, now held for `lease` (None: nothing to do)."""
    free = (
        sa.select(_f.id)
        .where(_f.status == "running", sa.or_(_f.lease_until.is_(None), _f.lease_until < sa.func.now()))
        .order_by(_f.created_at)
        .limit(1)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    stmt = sa.update(notification_fanouts).where(_f.id == free).values(lease_until=sa.func.now() + lease)
    row = (await conn.execute(stmt.returning(*_FANOUT))).mappings().first()
    return None if row is None else Fanout.model_validate(dict(row))


async def get_fanout(conn: Conn, fanout_id: str) -> Fanout | None:
    """One fan-out, if there is one."""
    row = (await conn.execute(sa.select(*_FANOUT).where(_f.id == fanout_id))).mappings().first()
    return None if row is None else Fanout.model_validate(dict(row))


async def list_fanouts(conn: Conn, *, mission_id: str | None = None, limit: int = 100) -> list[Fanout]:
    """Fan-outs newest first, optionally of one mission."""
    stmt = sa.select(*_FANOUT).order_by(_f.created_at.desc(), _f.id.desc()).limit(limit)
    if mission_id is not None:
        stmt = stmt.where(_f.mission_id == mission_id)
    return [Fanout.model_validate(dict(r)) for r in (await conn.execute(stmt)).mappings()]


async def advance_fanout(conn: Conn, fanout: Fanout, *, after_user: str | None, told: int, done: bool) -> bool:
    """Moves a held fan-out on (fenced by the cursor it was claimed at); False when another process moved it."""
    values: dict[str, Any] = {"after_user": after_user, "told": _f.told + told, "lease_until": None}
    if done:
        values |= {"status": "done", "finished_at": sa.func.now()}
    cursor = _f.after_user.is_(None) if fanout.after_user is None else _f.after_user == fanout.after_user
    stmt = (
        sa.update(notification_fanouts)
        .where(_f.id == fanout.id, _f.status == "running", cursor)
        .values(**values)
        .returning(_f.id)
    )
    return (await conn.execute(stmt)).first() is not None


async def mission_users_after(conn: Conn, mission_id: str, after: str | None, limit: int) -> list[str]:
    """The next `limit` users with a journey of the mission, in id order."""
    stmt = sa.select(enrolments.c.user_id).where(enrolments.c.mission_id == mission_id)
    if after is not None:
        stmt = stmt.where(enrolments.c.user_id > after)
    return list((await conn.execute(stmt.order_by(enrolments.c.user_id).limit(limit))).scalars())


async def known_users_after(conn: Conn, after: str | None, limit: int) -> list[str]:
    """The next `limit` users Questline has heard of (a profile, an event, a journey, a ledger row), in id order."""
    parts = [
        sa.select(users_table.c.id.label("id")),
        sa.select(events.c.user_id.label("id")),
        sa.select(enrolments.c.user_id.label("id")),
        sa.select(ledger.c.user_id.label("id")),
    ]
    if after is not None:
        parts = [p.where(p.selected_columns[0] > after) for p in parts]
    # Each part ordered and limited first, so each reads only its next rows (by its user id index).
    limited = [p.distinct().order_by(p.selected_columns[0]).limit(limit).subquery() for p in parts]
    union = sa.union(*(sa.select(s.c.id) for s in limited)).subquery()
    stmt = sa.select(union.c.id).order_by(union.c.id).limit(limit)
    return list((await conn.execute(stmt)).scalars())
