"""The callback activities: one delivery attempt, and the record of giving up (`services.callbacks`).

An attempt's failure becomes an `ApplicationError` typed by its kind (`callback_refused`,
`callback_unreachable`, `callback_target_refused`), benign: a receiver that is down is expected,
and the row records it; the SDK then logs each retried attempt at debug level instead of a
warning with a traceback. A refused target, and an unknown callback (`callback_not_found`), are
not retried.
"""

from __future__ import annotations

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio import activity
from temporalio.exceptions import ApplicationError, ApplicationErrorCategory

from domain.errors import NotFound
from services.callbacks import AttemptFailed, CallbackSender
from settings import Settings
from workflows.callback import CALLBACK_NOT_FOUND, CallbackFailed, DeliverCallback


class CallbackActivities:
    """The callback activities; created once per worker with its clients."""

    def __init__(self, engine: AsyncEngine, http: httpx.AsyncClient, settings: Settings) -> None:
        self.sender = CallbackSender(engine, http, settings)

    @activity.defn(name="deliver_callback")
    async def deliver_callback(self, job: DeliverCallback) -> str:
        """POSTs the callback once: `delivered` on a 2xx, `skipped` when there is nothing left to send.

        Any other answer, or none, raises so that Temporal retries with backoff.
        """
        try:
            return await self.sender.attempt(job)
        except NotFound as exc:
            raise ApplicationError(exc.message, type=CALLBACK_NOT_FOUND, non_retryable=True) from exc
        except AttemptFailed as exc:
            raise ApplicationError(
                exc.reason, type=exc.kind, category=ApplicationErrorCategory.BENIGN, non_retryable=exc.final
            ) from exc

    @activity.defn(name="mark_callback_failed")
    async def mark_callback_failed(self, failed: CallbackFailed) -> None:
        """Marks the callback failed once its delivery has given up (visible to admins, retryable by hand)."""
        await self.sender.give_up(failed)
