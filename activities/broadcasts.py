"""Delivering broadcasts: to every member of a segment (the activity), or to one user who entered it.

Each delivery is first committed to the inbox (once per user, by its primary key), then POSTed to
`QUESTLINE_BROADCAST_WEBHOOK_URL` when one is set. The webhook is at least once: a delivery is
marked `notified_at` only after the webhook accepted it, and a retried delivery re-posts the rows
left unmarked; receivers dedupe on `delivery_id`. A failing webhook never holds up the inbox.
The webhook is called only where the outbound policy allows (`activities.outbound`), like callbacks.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable, Sequence

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio import activity

from activities.outbound import Outbound, OutboundError, TargetRefused, describe
from db import broadcasts as repo
from db import segments
from db.broadcasts import Delivery
from domain.outbound import STRICT, OutboundPolicy
from settings import Settings
from workflows.broadcast import SendBroadcast

log = logging.getLogger("questline.broadcasts")

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


class BroadcastActivities:
    """The broadcast activity; created once per worker with its clients."""

    def __init__(
        self,
        engine: AsyncEngine,
        http: httpx.AsyncClient,
        settings: Settings,
        *,
        page_size: int = PAGE,
        webhook_backoff: float = BACKOFF,
    ) -> None:
        self.engine = engine
        self.http = http
        self.settings = settings
        self.page_size = page_size
        self.webhook_backoff = webhook_backoff

    @activity.defn(name="deliver_broadcast")
    async def deliver_broadcast(self, job: SendBroadcast) -> int:
        """Delivers the broadcast to every member of its segment, resuming after a retry; returns `delivered`.

        Running it again delivers nobody twice (the inbox's primary key); it only reaches members
        who joined since, and re-posts deliveries the webhook has not accepted yet.
        """
        async with self.engine.begin() as conn:
            broadcast = await repo.start_sending(conn, job.broadcast_id)
        if broadcast is None:
            activity.logger.warning("broadcast %s no longer exists; nothing to send", job.broadcast_id)
            return 0
        url = self.settings.broadcast_webhook_url
        webhook = (
            Webhook(self.http, url, backoff=self.webhook_backoff, policy=self.settings.outbound_policy) if url else None
        )
        details = activity.info().heartbeat_details
        cursor: str | None = str(details[0]) if details and details[0] is not None else None
        while True:
            async with self.engine.begin() as conn:
                page = await segments.members(conn, broadcast.segment_id, limit=self.page_size, after=cursor)
                await repo.deliver(conn, broadcast, page)
                pending = await repo.unnotified(conn, broadcast.id, page) if webhook else []
            if webhook is not None:
                # Beat with the cursor of the page being announced: a retry redoes this page.
                await _announce(self.engine, webhook, pending, functools.partial(activity.heartbeat, cursor))
            if len(page) < self.page_size:
                break
            cursor = page[-1]
            activity.heartbeat(cursor)
        async with self.engine.begin() as conn:
            done = await repo.finish(conn, broadcast.id)
        return done.delivered
