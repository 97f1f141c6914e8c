"""Event ingestion: log once (the id is the idempotency key), then route to the journeys.

The event is committed to the log before it is routed, and the caller's 202 follows only that
commit: if this process dies before routing finishes, the outbox relay (`services.outbox`)
delivers the event later.

An id names one event for the whole installation (across users and types). Sent again with the
same payload (`db.events.differences`) it is a duplicate that changes nothing; with a different
payload it is refused, 409 `idempotency_conflict`, and so is the whole request, before anything
is logged. Within one batch likewise: a repeat of an earlier event is a duplicate of it, a
different event under an earlier event's id refuses the batch. Each duplicate is recorded
(`db.events.record_repeats`, in the same transaction) so an explanation shows it not counted.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from db import event_types
from db import events as event_log
from db.engine import Conn
from db.events import StoredEvent
from domain.errors import Conflict
from observability import metrics
from services import referrals
from services.outbox import RoutedMarks
from services.routing import EventRouter

log = logging.getLogger(__name__)

#: Events of one batch are received this far apart, in body order.
RECEIVED_APART = timedelta(microseconds=1)

__all__ = ["RECEIVED_APART", "Events", "Ingested", "StoredEvent", "first_of_each_id"]

#: Names the i-th event's id in an error's details (e.g. `events.3.id`).
FieldOf = Callable[[int], str]


@dataclass(frozen=True)
class Ingested:
    """What became of one sent event: logged now, or a duplicate of one logged before."""

    id: str
    duplicate: bool


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


def event_types_seen(fresh: Sequence[StoredEvent]) -> list[tuple[str, int, datetime]]:
    """Each type among the new events: how many, and the latest received (for `GET /v1/event-types`)."""
    seen: dict[str, tuple[int, datetime]] = {}
    for e in fresh:
        n, at = seen.get(e.type, (0, e.received_at))
        seen[e.type] = (n + 1, max(at, e.received_at))
    return [(t, n, at) for t, (n, at) in seen.items()]


def first_of_each_id(batch: Sequence[StoredEvent], field: FieldOf) -> list[StoredEvent]:
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


class TypeCounts:
    """The event types' counts (`GET /v1/event-types`), added up in this process and written every
    `interval` in one upsert, not in each request's transaction: there, every request of a busy
    type waited for the one row's lock until the commit before it. A crash loses at most the
    last interval's additions to these statistics (never an event)."""

    def __init__(self, engine: AsyncEngine, *, interval: timedelta = timedelta(milliseconds=200)) -> None:
        self.engine = engine
        self.interval = interval
        self._pending: dict[str, tuple[int, datetime]] = {}

    def add(self, seen: Sequence[tuple[str, int, datetime]]) -> None:
        """Queues (type, how many, latest) for the next write."""
        for t, n, at in seen:
            count, latest = self._pending.get(t, (0, at))
            self._pending[t] = (count + n, max(latest, at))

    async def flush(self) -> None:
        """Writes what is queued now (queued again if the write fails)."""
        pending, self._pending = self._pending, {}
        if not pending:
            return
        try:
            async with self.engine.begin() as conn:
                await event_types.add(conn, [(t, n, at) for t, (n, at) in pending.items()])
        except Exception:
            self.add([(t, n, at) for t, (n, at) in pending.items()])
            raise

    async def run(self) -> None:
        """Writes every `interval` until cancelled, then once more."""
        try:
            while True:
                await asyncio.sleep(self.interval.total_seconds())
                try:
                    await self.flush()
                except Exception:
                    log.warning("writing the event types' counts failed; retrying", exc_info=True)
        finally:
            with contextlib.suppress(Exception):
                await self.flush()


class Events:
    """Logs events, routes the new ones, and batches their routed marks and type counts."""

    def __init__(
        self, engine: AsyncEngine, router: EventRouter, marks: RoutedMarks, counts: TypeCounts | None = None
    ) -> None:
        self.engine = engine
        self.router = router
        self.marks = marks
        self.counts = counts or TypeCounts(engine)

    async def ingest(
        self, events: Sequence[Mapping[str, Any]], *, settle: bool, field: FieldOf = lambda _: "id"
    ) -> list[Ingested]:
        """Logs the events (new ids only), commits, routes the new ones, and reports duplicates.

        An id already logged, or repeated in the batch, with a different payload refuses the whole
        request (409, nothing logged); `field` names the i-th event's id in the error. With
        `settle`, each journey's delivery waits (briefly) for the journey to have applied it.
        """
        now = datetime.now(UTC)
        # One microsecond apart in body order, so "received after" orders a batch's events too (§3: an
        # unlock caused by one event counts the batch's later events, not the earlier ones).
        batch = [StoredEvent(received_at=now + i * RECEIVED_APART, **e) for i, e in enumerate(events)]
        unique = first_of_each_id(batch, field)
        async with self.engine.begin() as conn:
            new_ids = await self._log(conn, batch, unique, field)
            fresh = [e for e in unique if e.id in new_ids]
            seen: set[str] = set()
            results = []
            for e in batch:
                results.append(Ingested(id=e.id, duplicate=e.id not in new_ids or e.id in seen))
                seen.add(e.id)
            # Past the conflict check: every repeat here is the same event again, kept for explanations.
            await event_log.record_repeats(conn, [e for e, r in zip(batch, results, strict=True) if r.duplicate])
            # System events (domain.system_events): a referred user's first event fires the referral.
            fired = await self._system_events(conn, fresh, now)
            routed = [*fresh, *fired]
            routings = await self.router.plan(conn, routed)
        self.counts.add(event_types_seen(routed))
        # Committed: from here on the event is safe, whatever happens to this process.
        metrics.EVENTS_ACCEPTED.inc(len(fresh))
        metrics.EVENTS_DEDUPLICATED.inc(len(batch) - len(fresh))
        self.marks.add(await self.router.deliver(routed, routings, settle=settle))
        return results

    async def _system_events(self, conn: Conn, fresh: Sequence[StoredEvent], now: datetime) -> list[StoredEvent]:
        """The referral events the new events fire, logged in this transaction (`services.referrals`)."""
        fired = await referrals.fire(conn, fresh, now)
        if fired:
            new_ids = await event_log.insert_new(conn, fired)
            fired = [e for e in fired if e.id in new_ids]
        return fired

    async def _log(
        self, conn: Conn, batch: Sequence[StoredEvent], unique: Sequence[StoredEvent], field: FieldOf
    ) -> set[str]:
        """Inserts the new ids; an id logged before with a different payload raises the conflict."""
        new_ids = await event_log.insert_new(conn, unique)
        if len(new_ids) < len(unique):
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
        return new_ids
