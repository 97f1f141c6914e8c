"""The event log: every accepted event once (its id is the idempotency key, kept in `event_ids`),
partitioned by month of receipt, and the outbox."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from db.engine import Conn
from db.tables import event_ids, event_repeats, events


class StoredEvent(BaseModel):
    """An event as logged, with the server time it was received at."""

    model_config = ConfigDict(frozen=True)

    id: str
    user_id: str
    type: str
    value: Decimal | None = None
    tags: list[str] = Field(default_factory=list)
    occurred_at: datetime | None = None
    received_at: datetime
    attributes: dict[str, Any] = Field(default_factory=dict)


#: What makes two events under one id the same event (`received_at` is the server's, not the payload).
PAYLOAD_FIELDS = ("user_id", "type", "value", "tags", "occurred_at", "attributes")


def differences(stored: StoredEvent, sent: StoredEvent) -> list[str]:
    """The payload fields in which two events under one id differ; empty when they are the same event.

    Compared by meaning, as a retry may spell it: `value` as a number (10.5 = 10.50), `tags` as a
    set (in any order), `occurred_at` as an instant (in any offset; absent only equals absent),
    `attributes` as JSON (keys in any order, numbers by value, `true` is not `1`).
    """
    same = {
        "user_id": stored.user_id == sent.user_id,
        "type": stored.type == sent.type,
        "value": stored.value == sent.value,
        "tags": set(stored.tags) == set(sent.tags),
        "occurred_at": stored.occurred_at == sent.occurred_at,
        "attributes": _same_json(stored.attributes, sent.attributes),
    }
    return [name for name in PAYLOAD_FIELDS if not same[name]]


def _same_json(a: Any, b: Any) -> bool:
    """JSON equality: objects by keys, arrays in order, numbers by value, booleans apart from numbers."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, int | float | Decimal) and isinstance(b, int | float | Decimal):
        return Decimal(str(a)) == Decimal(str(b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same_json(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same_json(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and bool(a == b)


#: Rows per statement: PostgreSQL takes at most 65,535 bind parameters in one (a sweep that moves
#: tens of thousands of users into a segment logs that many events at once).
CHUNK = 1000


#: Months whose partition of the log is known to exist (`events_pYYYYMM`), per database this
#: process writes to (one in production; a test process meets many scratch databases).
_MONTHS: set[tuple[str, int, int]] = set()


def _database(conn: Conn) -> str:
    bind = conn.get_bind() if isinstance(conn, AsyncSession) else conn.sync_connection
    assert bind is not None, "a connection inside a transaction"
    return bind.engine.url.render_as_string(hide_password=True)


def _month(at: datetime) -> tuple[int, int]:
    utc = at.astimezone(UTC)
    return utc.year, utc.month


async def ensure_partitions(conn: Conn, instants: Sequence[datetime]) -> None:
    """Makes sure the log has a partition for the month (UTC) of each instant (migration 0025's
    `events_ensure_partition`); a month seen once in this process costs nothing after."""
    database = _database(conn)
    wanted = sorted({(database, *_month(at)) for at in instants} - _MONTHS)
    for _, year, month in wanted:
        name = f"events_p{year:04d}{month:02d}"
        exists = (await conn.execute(sa.select(sa.func.to_regclass(name)))).scalar_one() is not None
        if exists:
            _MONTHS.add((database, year, month))  # made and committed before: it stays
        else:
            # Made in the caller's transaction (not cached: a rollback would take it back).
            await conn.execute(sa.select(sa.func.events_ensure_partition(date(year, month, 1))))


async def insert_new(conn: Conn, batch: Sequence[StoredEvent]) -> set[str]:
    """Logs the events whose ids are new and returns those ids; known ids are left untouched.

    An id is new when `event_ids` does not hold it (the dedupe across the log's partitions)."""
    new: set[str] = set()
    if not batch:
        return new
    await ensure_partitions(conn, [e.received_at for e in batch])
    for start in range(0, len(batch), CHUNK):
        chunk = batch[start : start + CHUNK]
        claimed = await conn.execute(
            insert(event_ids)
            .values([{"id": e.id, "received_at": e.received_at} for e in chunk])
            .on_conflict_do_nothing(index_elements=[event_ids.c.id])
            .returning(event_ids.c.id)
        )
        fresh = set(claimed.scalars())
        rows = [e.model_dump() for e in chunk if e.id in fresh]
        if rows:
            await conn.execute(sa.insert(events).values(rows))
        new.update(fresh)
    return new


def _partitions_sql() -> sa.TextClause:
    return sa.text(
        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
        " JOIN pg_class p ON p.oid = i.inhparent"
        " WHERE p.relname = 'events' AND c.relname ~ '^events_p[0-9]{6}$' ORDER BY c.relname"
    )


async def partitions(conn: Conn) -> list[str]:
    """The log's monthly partitions (`events_pYYYYMM`), oldest first."""
    return [str(name) for name in (await conn.execute(_partitions_sql())).scalars()]


async def drop_before(conn: AsyncConnection, cutoff: datetime, *, batch: int = 10_000) -> list[str]:
    """Detaches and drops every monthly partition that ends at or before `cutoff`, then forgets the
    ids of the events they held (a repeat of one is a new event again); returns the partitions
    dropped. A month goes whole: the one the cutoff falls in stays, with its ids.

    `conn` must be in autocommit mode: `DETACH PARTITION ... CONCURRENTLY` runs in transactions of
    its own and takes no lock that stops inserts into or reads of the other months."""
    dropped = []
    database = _database(conn)
    for name in await partitions(conn):
        year, month = int(name[8:12]), int(name[12:14])
        ends = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=UTC)
        if ends <= cutoff:
            await conn.execute(sa.text(f'ALTER TABLE events DETACH PARTITION "{name}" CONCURRENTLY'))
            await conn.execute(sa.text(f'DROP TABLE "{name}"'))
            _MONTHS.discard((database, year, month))
            dropped.append(name)
    # The ids of exactly the events dropped (those of the months before the cutoff's month): an id
    # whose event is still in the log (the month the cutoff falls in) stays a duplicate.
    forget_before = cutoff.astimezone(UTC).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    while True:  # in batches, so no long transaction holds the dedupe table
        old = sa.select(event_ids.c.id).where(event_ids.c.received_at < forget_before).limit(batch).scalar_subquery()
        gone = await conn.execute(sa.delete(event_ids).where(event_ids.c.id.in_(old)))
        if gone.rowcount < batch:
            break
    return dropped


async def record_repeats(conn: Conn, repeats: Sequence[StoredEvent]) -> None:
    """Records events sent again with the same payload (one INSERT for them all)."""
    rows = [{"event_id": e.id, "user_id": e.user_id, "type": e.type, "received_at": e.received_at} for e in repeats]
    for start in range(0, len(rows), CHUNK):
        await conn.execute(sa.insert(event_repeats).values(rows[start : start + CHUNK]))


async def mark_routed(conn: Conn, ids: Sequence[str], at: datetime) -> None:
    """Records that these events reached every journey they can change."""
    ids = list(ids)
    for start in range(0, len(ids), CHUNK):
        await conn.execute(sa.update(events).where(events.c.id.in_(ids[start : start + CHUNK])).values(routed_at=at))


async def claim_unrouted(conn: Conn, *, older_than: timedelta, limit: int) -> list[StoredEvent]:
    """Events accepted but never marked routed (their router died), locked for this caller.

    `SKIP LOCKED` lets several relays (API processes, workers) share the backlog without
    delivering one event twice at the same time; redelivery after a crash is harmless because
    journeys drop event ids they have seen.
    """
    stmt = (
        sa.select(*[events.c[name] for name in StoredEvent.model_fields])
        .where(events.c.routed_at.is_(None), events.c.received_at < sa.func.now() - older_than)
        .order_by(events.c.received_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return [StoredEvent.model_validate(dict(row._mapping)) for row in await conn.execute(stmt)]


async def get_many(conn: Conn, ids: Sequence[str]) -> dict[str, StoredEvent]:
    """The logged events among `ids`, by id (one query)."""
    if not ids:
        return {}
    stmt = sa.select(*[events.c[n] for n in StoredEvent.model_fields]).where(events.c.id.in_(list(ids)))
    found = [StoredEvent.model_validate(dict(row._mapping)) for row in await conn.execute(stmt)]
    return {e.id: e for e in found}


async def get(conn: Conn, event_id: str) -> StoredEvent | None:
    """One logged event, or None."""
    row = (
        await conn.execute(sa.select(*[events.c[n] for n in StoredEvent.model_fields]).where(events.c.id == event_id))
    ).first()
    return StoredEvent.model_validate(dict(row._mapping)) if row else None


#: First key of the per-(mission, user) advisory lock that orders routing against an opening
#: ("qlop": an unlock, a grant or an eligibility gained), so it collides with no other lock.
_OPENING_LOCK_CLASS = 0x716C6F70


def _opening_key(mission_id: str, user_id: str) -> sa.ColumnElement[int]:
    return sa.func.hashtext(sa.literal(f"{mission_id}\x1f{user_id}"))


async def hold_for_routing(conn: Conn, pairs: Sequence[tuple[str, str]]) -> None:
    """Shares the opening locks of these (mission id, user id) pairs until the transaction ends.

    Taken by ingestion before it reads the journeys it routes to: an opening's catch-up
    (`since_opening`) waits for every ingestion that may have judged the journey still closed
    to commit, so it finds their events in the log.
    """
    keys = sorted({f"{m}\x1f{u}" for m, u in pairs})
    if not keys:
        return
    stmt = sa.text(
        "SELECT pg_advisory_xact_lock_shared(:lock_class, hashtext(k)) FROM unnest(CAST(:keys AS text[])) AS k"
    ).bindparams(lock_class=_OPENING_LOCK_CLASS, keys=keys)
    await conn.execute(stmt)


async def lock_opening(conn: Conn, mission_id: str, user_id: str) -> None:
    """Takes the (mission, user) opening lock for the caller's transaction.

    It waits for every ingestion that may have judged the journey still closed (they share the
    lock while they plan, `hold_for_routing`) and holds off new ones, so what the opening's
    catch-up delivers reaches the journey before anything routed after it.
    """
    await conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_OPENING_LOCK_CLASS, _opening_key(mission_id, user_id))))


async def since(conn: Conn, *, user_id: str, event_type: str, at: datetime, limit: int = 1000) -> list[StoredEvent]:
    """The user's logged events of `event_type` received at or after `at`, oldest first."""
    stmt = (
        sa.select(*[events.c[name] for name in StoredEvent.model_fields])
        .where(events.c.user_id == user_id, events.c.type == event_type, events.c.received_at >= at)
        .order_by(events.c.received_at, events.c.id)
        .limit(limit)
    )
    return [StoredEvent.model_validate(dict(row._mapping)) for row in await conn.execute(stmt)]
