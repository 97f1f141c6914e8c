"""Broadcasts ("Send Update"): create and list them, send them to a segment, fill users' inboxes.

A broadcast goes to its segment's members now or at `send_at`, by a durable workflow recorded
with the broadcast (`services.starts`) and started once it has committed; with `on_entry` it also
goes to everyone who enters the segment afterwards (`deliver_on_entry`). Each user gets each
broadcast once: the inbox's primary key.

Each delivery is first committed to the inbox, then POSTed to `QUESTLINE_BROADCAST_WEBHOOK_URL`
when one is set. The webhook is at least once: a delivery is marked `notified_at` only after the
webhook accepted it, and a retried delivery re-posts the rows left unmarked; receivers dedupe on
`delivery_id`. A failing webhook never holds up the inbox. The webhook is called only where the
outbound policy allows (`services.outbound`), like callbacks.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine

from db import broadcasts as repo
from db import segments
from db.broadcasts import Broadcast, Delivery, InboxItem, Status
from db.engine import Conn
from domain.errors import Invalid
from domain.outbound import STRICT, OutboundPolicy
from services.outbound import Outbound, OutboundError, TargetRefused, describe
from services.paging import Page, page_of
from services.segments import require_segment
from services.starts import WorkflowStarts
from settings import Settings
from workflows.broadcast import SendBroadcast, broadcast_workflow_id

__all__ = [
    "Broadcast",
    "BroadcastSender",
    "Broadcasts",
    "Created",
    "Delivery",
    "InboxItem",
    "Status",
    "Webhook",
    "deliver_on_entry",
]

log = logging.getLogger("questline.broadcasts")

#: How far in the past `send_at` may lie and still mean "now": the caller's clock may run behind.
SEND_AT_GRACE = timedelta(minutes=1)
#: Segment members delivered per transaction (and per heartbeat).
PAGE = 500
#: Tries per delivery before the webhook is skipped for it.
ATTEMPTS = 3
#: Seconds before the first retry of a delivery; doubled for each further one.
BACKOFF = 0.5
#: Deliveries POSTed at once.
CONCURRENCY = 16
#: After this many deliveries in a row failed every try, the rest of the run skips the webhook: an
#: endpoint that is down would otherwise cost minutes per page of members.
GIVE_UP_AFTER = 20
TIMEOUT = httpx.Timeout(10.0)
#: Answers worth another try; any other non-2xx is the receiver refusing the delivery for good.
_RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})

#: Called while a send runs, with the cursor (the last member of the page before) a retry resumes from.
Beat = Callable[[str | None], None]


class Webhook:
    """POSTs deliveries to the configured URL, a few tries each; never raises for the receiver's failures."""

    def __init__(
        self, http: httpx.AsyncClient, url: str, *, backoff: float = BACKOFF, policy: OutboundPolicy = STRICT
    ) -> None:
        self._outbound = Outbound(http, policy)
        self._url = url
        self._backoff = backoff
        self._slots = asyncio.Semaphore(CONCURRENCY)
        self._failed_in_a_row = 0

    @property
    def given_up(self) -> bool:
        """True once so many deliveries in a row failed that this run stops posting."""
        return self._failed_in_a_row >= GIVE_UP_AFTER

    async def post_all(self, deliveries: Sequence[Delivery], beat: Callable[[], None] | None = None) -> list[Delivery]:
        """Posts each delivery; returns those the webhook accepted. `beat` is called after each post."""
        accepted = await asyncio.gather(*(self._post_one(d, beat) for d in deliveries))
        return [d for d, ok in zip(deliveries, accepted, strict=True) if ok]

    async def _post_one(self, delivery: Delivery, beat: Callable[[], None] | None) -> bool:
        async with self._slots:
            if self.given_up:
                return False
            ok = await self._post(delivery)
            if beat is not None:
                beat()
        if ok:
            self._failed_in_a_row = 0
            return True
        self._failed_in_a_row += 1
        if self._failed_in_a_row == GIVE_UP_AFTER:
            log.warning("webhook failed %d deliveries in a row; not posting the rest of this run", GIVE_UP_AFTER)
        return False

    async def _post(self, delivery: Delivery) -> bool:
        reason = ""
        for attempt in range(ATTEMPTS):
            if attempt:
                await asyncio.sleep(self._backoff * 2 ** (attempt - 1))
            try:
                response = await self._outbound.post(self._url, json=delivery.payload(), within=TIMEOUT)
            except TargetRefused as exc:
                reason = describe(exc)
                break  # the policy will not change between tries
            except (httpx.TransportError, OutboundError) as exc:
                reason = describe(exc)
                continue
            if response.is_success:
                return True
            reason = f"HTTP {response.status_code}"
            if response.status_code not in _RETRY_STATUSES:
                break
        log.warning("webhook did not accept delivery %s (%s); it stays in the inbox", delivery.delivery_id, reason)
        return False


async def _announce(
    engine: AsyncEngine, webhook: Webhook, pending: Sequence[Delivery], beat: Callable[[], None] | None = None
) -> None:
    """Posts the deliveries and marks those the webhook accepted."""
    if not pending:
        return
    accepted = await webhook.post_all(pending, beat)
    if accepted:
        async with engine.begin() as conn:
            await repo.mark_notified(conn, accepted)


async def deliver_on_entry(
    engine: AsyncEngine, http: httpx.AsyncClient, settings: Settings, user_id: str, segment_id: str
) -> int:
    """Delivers every on-entry broadcast of the segment to a user who entered it; returns how many were new.

    Call it after the entry has committed (e.g. when routing `questline.segment_entered`); calling
    it again is harmless. The inbox rows commit in a transaction of their own before the webhook
    is called, so no HTTP call holds a database lock and no POST announces a row that rolled back.
    """
    async with engine.begin() as conn:
        new = await repo.deliver_on_entry(conn, user_id, segment_id)
        url = settings.broadcast_webhook_url
        pending = await repo.unnotified_on_entry(conn, user_id, segment_id) if url else []
    if pending:
        await _announce(engine, Webhook(http, url, policy=settings.outbound_policy), pending)
    return len(new)


@dataclass(frozen=True)
class Created:
    """A broadcast just created, and what to run once it has committed (start sending it)."""

    broadcast: Broadcast
    on_commit: Callable[[], Awaitable[None]]


class Broadcasts:
    """The admin's broadcasts and the users' inboxes."""

    def __init__(self, starts: WorkflowStarts) -> None:
        self._starts = starts

    # --- the admin's broadcasts -------------------------------------------------------------

    async def create(
        self, conn: Conn, *, title: str, body: str, segment_id: str, send_at: datetime | None, on_entry: bool
    ) -> Created:
        """Records the broadcast and its sending workflow (started by `on_commit`).

        422 `send_at_in_past` for a `send_at` more than `SEND_AT_GRACE` ago, 422 `segment_not_found`.
        Recorded with the broadcast and started after the commit, so the workflow never looks for a
        broadcast that was rolled back, and a broadcast committed is sent even if this process dies.
        """
        starts = self._starts
        if send_at is not None and send_at < datetime.now(UTC) - SEND_AT_GRACE:
            raise Invalid(
                "send_at_in_past",
                "send_at is in the past; leave it out to send now",
                [{"field": "send_at", "reason": f"more than {int(SEND_AT_GRACE.total_seconds())} seconds in the past"}],
            )
        await require_segment(conn, segment_id)
        broadcast = await repo.create(
            conn, title=title, body=body, segment_id=segment_id, send_at=send_at, on_entry=on_entry
        )
        job = SendBroadcast(broadcast_id=broadcast.id, send_at=broadcast.send_at)
        pending = await starts.enqueue(conn, "broadcast", broadcast_workflow_id(broadcast.id), job)

        async def start() -> None:
            await starts.start_now([pending])

        return Created(broadcast, start)

    async def page(self, conn: Conn, *, status: Status | None, limit: int, cursor: str | None) -> Page[Broadcast, str]:
        """Broadcasts newest first, optionally of one status, with their delivered counts."""
        rows = await repo.list_broadcasts(conn, status=status, limit=limit + 1, after=cursor)
        return page_of(rows, limit, lambda b: b.id)

    async def get(self, conn: Conn, broadcast_id: str) -> Broadcast:
        """One broadcast (404 unknown)."""
        return await repo.get(conn, broadcast_id)

    # --- a user's inbox ---------------------------------------------------------------------

    async def inbox(
        self, conn: Conn, user_id: str, *, unread: bool, limit: int, cursor: str | None
    ) -> Page[InboxItem, str]:
        """The broadcasts the user received, newest first (only unread ones with `unread`)."""
        rows = await repo.inbox_of(conn, user_id, unread=unread, limit=limit + 1, after=cursor)
        return page_of(rows, limit, lambda item: item.broadcast_id)

    async def mark_read(self, conn: Conn, user_id: str, broadcast_id: str) -> InboxItem:
        """Marks one item read (again: no change); 404 when it is not in this user's inbox."""
        return await repo.mark_read(conn, user_id, broadcast_id)


class BroadcastSender:
    """Sends broadcasts to their segments' members (the `deliver_broadcast` activity) and to entrants."""

    def __init__(
        self,
        engine: AsyncEngine,
        http: httpx.AsyncClient,
        settings: Settings,
        *,
        page_size: int = PAGE,
        webhook_backoff: float = BACKOFF,
    ) -> None:
        self._engine = engine
        self._http = http
        self._settings = settings
        self._page_size = page_size
        self._webhook_backoff = webhook_backoff

    async def deliver_on_entry(self, user_id: str, segment_id: str) -> int:
        """Delivers the segment's on-entry broadcasts to a user who entered it (`deliver_on_entry`)."""
        return await deliver_on_entry(self._engine, self._http, self._settings, user_id, segment_id)

    async def send(self, broadcast_id: str, *, resume_after: str | None, beat: Beat) -> int:
        """Delivers the broadcast to every member of its segment from `resume_after`; returns `delivered`.

        Running it again delivers nobody twice (the inbox's primary key); it only reaches members
        who joined since, and re-posts deliveries the webhook has not accepted yet. `beat` gets the
        cursor of the page being delivered, so a retry resumes with that page. A broadcast that no
        longer exists is sent to nobody (0).
        """
        async with self._engine.begin() as conn:
            broadcast = await repo.start_sending(conn, broadcast_id)
        if broadcast is None:
            log.warning("broadcast %s no longer exists; nothing to send", broadcast_id)
            return 0
        url = self._settings.broadcast_webhook_url
        policy = self._settings.outbound_policy
        webhook = Webhook(self._http, url, backoff=self._webhook_backoff, policy=policy) if url else None
        cursor = resume_after
        while True:
            async with self._engine.begin() as conn:
                page = await segments.members(conn, broadcast.segment_id, limit=self._page_size, after=cursor)
                await repo.deliver(conn, broadcast, page)
                pending = await repo.unnotified(conn, broadcast.id, page) if webhook else []
            if webhook is not None:
                # Beat with the cursor of the page being announced: a retry redoes this page.
                await _announce(self._engine, webhook, pending, functools.partial(beat, cursor))
            if len(page) < self._page_size:
                break
            cursor = page[-1]
            beat(cursor)
        async with self._engine.begin() as conn:
            done = await repo.finish(conn, broadcast.id)
        return done.delivered
