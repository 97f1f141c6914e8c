"""Delivering callbacks: one signed POST per activity attempt; Temporal's retry policy does the backoff.

An attempt is counted before it is sent (a worker lost mid-POST still counts it), and its outcome
is written afterwards; no HTTP call holds a database lock. Every attempt sends the same body
bytes with a fresh timestamp in the signature, so receivers can refuse replays of old requests
and dedupe retries on the delivery id.

Only targets the outbound policy allows are called (`activities.outbound`: checked, resolved once,
pinned to the checked address). What is kept of an attempt is its HTTP status and a short reason
("HTTP 500", "connect timeout", "refused: loopback address"), never the receiver's answer: it
is shown to admins, and a receiver's body may be anything (an internal service's page, a secret).
A refused target fails the delivery at once (retrying cannot change the policy); an admin's
manual retry tries again.
"""

from __future__ import annotations

import time

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio import activity
from temporalio.exceptions import ApplicationError, ApplicationErrorCategory

from activities.outbound import Outbound, OutboundError, TargetRefused, describe
from db import callbacks as repo
from domain.callbacks import DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, body_bytes, sign
from domain.errors import NotFound
from observability.metrics import CALLBACK_ATTEMPTS, CALLBACKS_FAILED
from settings import Settings
from workflows.callback import CALLBACK_NOT_FOUND, CallbackFailed, DeliverCallback

USER_AGENT = "Questline-Callbacks/1"


class CallbackActivities:
    """The callback activities; created once per worker with its clients."""

    def __init__(self, engine: AsyncEngine, http: httpx.AsyncClient, settings: Settings) -> None:
        self.engine = engine
        self.http = http
        self.settings = settings
        self.outbound = Outbound(http, settings.outbound_policy)

    @activity.defn(name="deliver_callback")
    async def deliver_callback(self, job: DeliverCallback) -> str:
        """POSTs the callback once: `delivered` on a 2xx, `skipped` when there is nothing left to send.

        Any other answer, or none, raises so that Temporal retries with backoff.
        """
        async with self.engine.begin() as conn:
            callback = await repo.start_attempt(conn, job.delivery_id, job.retries)
            if callback is None:
                try:
                    await repo.get(conn, job.delivery_id)
                except NotFound as exc:
                    raise ApplicationError(exc.message, type=CALLBACK_NOT_FOUND, non_retryable=True) from exc
        if callback is None:
            CALLBACK_ATTEMPTS.labels("skipped").inc()
            return "skipped"  # delivered, failed, or a manual retry runs it now
        body = body_bytes(callback.payload)
        headers = {
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            DELIVERY_HEADER: callback.id,
            EVENT_HEADER: callback.type,
            SIGNATURE_HEADER: sign(self.settings.callback_secret, int(time.time()), body),
        }
        status: int | None = None
        refused = False
        try:
            async with self.outbound.stream(
                "POST", callback.url, content=body, headers=headers, within=job.attempt_timeout.total_seconds()
            ) as response:
                status = response.status_code
                if response.is_success:
                    async with self.engine.begin() as conn:
                        await repo.mark_delivered(conn, callback.id, job.retries, http_status=status)
                    CALLBACK_ATTEMPTS.labels("delivered").inc()
                    return "delivered"
                # The status only: the answer's body is the receiver's, never ours to keep or show.
                error, kind = f"HTTP {status}", "callback_refused"
        except (httpx.HTTPError, httpx.InvalidURL, OutboundError) as exc:
            refused = isinstance(exc, TargetRefused)
            error, kind = describe(exc), "callback_target_refused" if refused else "callback_unreachable"
        async with self.engine.begin() as conn:
            await repo.record_failure(conn, callback.id, job.retries, error=error, http_status=status)
        # A refused target is counted `unreachable`: the metric's outcomes stay those documented.
        CALLBACK_ATTEMPTS.labels("refused" if kind == "callback_refused" else "unreachable").inc()
        # Benign: a receiver that is down is expected, and the row records it; the SDK then logs
        # each retried attempt at debug level instead of a warning with a traceback.
        raise ApplicationError(error, type=kind, category=ApplicationErrorCategory.BENIGN, non_retryable=refused)

    @activity.defn(name="mark_callback_failed")
    async def mark_callback_failed(self, failed: CallbackFailed) -> None:
        """Marks the callback failed once its delivery has given up (visible to admins, retryable by hand)."""
        async with self.engine.begin() as conn:
            changed = await repo.mark_failed(conn, failed.delivery_id, failed.retries, reason=failed.reason)
        if changed:
            CALLBACKS_FAILED.inc()
            activity.logger.warning("callback %s failed for good: %s", failed.delivery_id, failed.reason)
