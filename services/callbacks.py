"""Announcing what happened to a mission's `callback_url`: enqueue, dispatch, deliver, and admins' retries.

    async with engine.begin() as conn:
        ...  # grant the reward
        cb = await enqueue_completion(conn, mission_id=..., url=spec.callback_url, user_id=..., ...)
    await dispatch(gateway, settings, [cb])  # after the commit; harmless to repeat

Both halves are idempotent, so a retried caller (an activity after a crash) may run them again:
the enqueue finds the row it wrote, and a delivery already started or finished is not started
again. A callback enqueued but never dispatched (a crash in between) is dispatched by the retry.

Delivering (`CallbackSender`, the callback workflow's activities): one signed POST per attempt;
Temporal's retry policy does the backoff. An attempt is counted before it is sent (a worker lost
mid-POST still counts it), and its outcome is written afterwards; no HTTP call holds a database
lock. Every attempt sends the same body bytes with a fresh timestamp in the signature, so
receivers can refuse replays of old requests and dedupe retries on the delivery id.

Only targets the outbound policy allows are called (`services.outbound`: checked, resolved once,
pinned to the checked address). What is kept of an attempt is its HTTP status and a short reason
("HTTP 500", "connect timeout", "refused: loopback address"), never the receiver's answer: it
is shown to admins, and a receiver's body may be anything (an internal service's page, a secret).
A refused target fails the delivery at once (retrying cannot change the policy); an admin's
manual retry tries again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

import httpx
from pydantic import AnyUrl
from sqlalchemy.ext.asyncio import AsyncEngine

from db import callbacks as repo
from db.callbacks import Callback, Status
from db.engine import Conn
from domain.callbacks import (
    BUDGET_EXHAUSTED,
    DELIVERY_HEADER,
    EVENT_HEADER,
    MISSION_COMPLETED,
    SIGNATURE_HEADER,
    CallbackType,
    body_bytes,
    budget_key,
    completion_key,
    sign,
)
from domain.rewards import BudgetCap, Reward
from observability.metrics import CALLBACK_ATTEMPTS, CALLBACKS_FAILED
from services.gateway import JourneyGateway
from services.outbound import Outbound, OutboundError, TargetRefused, describe
from services.paging import Page, page_of
from settings import Settings
from workflows.callback import CallbackFailed, DeliverCallback

__all__ = ["AttemptFailed", "Callback", "CallbackSender", "Callbacks", "Status", "dispatch", "redeliver"]

log = logging.getLogger("questline.callbacks")

USER_AGENT = "Questline-Callbacks/1"


def callback_job(settings: Settings, delivery_id: str, retries: int = 0) -> DeliverCallback:
    """The delivery workflow's input, with the retry bounds of these settings."""
    return DeliverCallback(
        delivery_id=delivery_id,
        retries=retries,
        retry_for=settings.callback_retry_for,
        attempt_timeout=settings.callback_timeout,
        max_interval=settings.callback_max_interval,
    )


async def enqueue_completion(
    conn: Conn,
    *,
    mission_id: str,
    url: str | AnyUrl | None,
    user_id: str,
    completion: int,
    reward: Reward | Mapping[str, Any] | None,
    at: datetime,
    cycle: int | None = None,
) -> str | None:
    """Enqueues the `mission.completed` callback of one completion; None when there is nothing to dispatch.

    `url` is the mission's `callback_url` (None: the mission has none, nothing is enqueued).
    """
    if url is None:
        return None
    data = {
        "mission_id": mission_id,
        "user_id": user_id,
        "completion": completion,
        "reward": _plain(reward),
        "completed_at": at.isoformat(),
    }
    if cycle is not None:
        data["cycle"] = cycle
    key = completion_key(mission_id, user_id, completion, cycle)
    return await repo.enqueue(
        conn, type=MISSION_COMPLETED, mission_id=mission_id, url=str(url), data=data, key=key, at=at
    )


async def enqueue_budget_exhausted(
    conn: Conn,
    *,
    mission_id: str,
    url: str | AnyUrl | None,
    cap: BudgetCap | int,
    spent: int,
    at: datetime,
    completions: int | None = None,
) -> str | None:
    """Enqueues the `budget.exhausted` callback of a mission whose budget reached `cap` (a plain
    number is a points cap); `completions` is the count of completions, when known."""
    if url is None:
        return None
    if isinstance(cap, int):
        cap = BudgetCap(points=cap)
    data: dict[str, Any] = {
        "mission_id": mission_id,
        "budget_cap": cap.model_dump(mode="json", exclude_none=True),
        "budget_spent": spent,
        "exhausted_at": at.isoformat(),
    }
    if completions is not None:
        data["budget_completions"] = completions
    if cap.points is not None:
        key = budget_key(mission_id, cap.points)
    else:
        assert cap.completions is not None  # exactly one of the two (BudgetCap)
        key = budget_key(mission_id, cap.completions, "completions")
    return await repo.enqueue(
        conn, type=BUDGET_EXHAUSTED, mission_id=mission_id, url=str(url), data=data, key=key, at=at
    )


def _plain(reward: Reward | Mapping[str, Any] | None) -> dict[str, Any] | None:
    if reward is None:
        return None
    if isinstance(reward, Reward):
        return reward.model_dump(mode="json", exclude_none=True)
    return dict(reward)


async def dispatch(gateway: JourneyGateway, settings: Settings, delivery_ids: Iterable[str | None]) -> None:
    """Starts the delivery of each callback (None entries are skipped); call it after the commit.

    A delivery already running or finished is left alone, so calling this again for the same ids
    does nothing more.
    """
    await gateway.dispatch_callbacks([callback_job(settings, d) for d in delivery_ids if d is not None])


async def redeliver(gateway: JourneyGateway, settings: Settings, callback: Callback) -> None:
    """Starts a new delivery run of a callback `db.callbacks.reopen` has just made pending again.

    Call it before committing the reopen: the new run's first attempt waits for the row lock, and
    a failed start rolls the reopen back. A previous run still closing (it has just marked the
    callback failed) is terminated; its `retries` fence would keep it from touching the row anyway.
    """
    await gateway.redeliver_callback(callback_job(settings, callback.id, callback.retries))


class Callbacks:
    """Admins' view of the callbacks, and their manual retry."""

    def __init__(self, gateway: JourneyGateway, settings: Settings) -> None:
        self._gateway = gateway
        self._settings = settings

    async def page(
        self,
        conn: Conn,
        *,
        status: Status | None,
        mission_id: str | None,
        type: CallbackType | None,
        limit: int,
        cursor: str | None,
    ) -> Page[Callback, str]:
        """Callbacks newest first, optionally of one status, mission or type."""
        rows = await repo.list_callbacks(
            conn, status=status, mission_id=mission_id, type=type, limit=limit + 1, after=cursor
        )
        return page_of(rows, limit, lambda c: c.id)

    async def get(self, conn: Conn, callback_id: str) -> Callback:
        """One callback (404 unknown)."""
        return await repo.get(conn, callback_id)

    async def retry(self, conn: Conn, callback_id: str) -> Callback:
        """Delivers a failed callback again (same id and body, fresh retries), back in `pending`.

        404 unknown, 409 `callback_not_failed`. The new run starts before `conn` commits, while
        the row is locked: a failed start leaves the callback failed.
        """
        callback = await repo.reopen(conn, callback_id)
        await redeliver(self._gateway, self._settings, callback)
        return callback


class AttemptFailed(Exception):
    """An attempt that got no 2xx: `reason` is kept on the row, `kind` names the failure, `final`
    when retrying cannot help (a target the outbound policy refuses)."""

    def __init__(self, reason: str, kind: str, *, final: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.kind = kind
        self.final = final


class CallbackSender:
    """Delivery attempts of callbacks, and their giving up (the callback workflow's activities)."""

    def __init__(self, engine: AsyncEngine, http: httpx.AsyncClient, settings: Settings) -> None:
        self._engine = engine
        self._settings = settings
        self._outbound = Outbound(http, settings.outbound_policy)

    async def attempt(self, job: DeliverCallback) -> str:
        """POSTs the callback once: `delivered` on a 2xx, `skipped` when there is nothing left to send.

        Any other answer, or none, raises `AttemptFailed` (its outcome written to the row first);
        an unknown callback raises `NotFound`.
        """
        async with self._engine.begin() as conn:
            callback = await repo.start_attempt(conn, job.delivery_id, job.retries)
            if callback is None:
                await repo.get(conn, job.delivery_id)  # NotFound for a callback that is not there
        if callback is None:
            CALLBACK_ATTEMPTS.labels("skipped").inc()
            return "skipped"  # delivered, failed, or a manual retry runs it now
        status, failure = await self._post(callback, job.attempt_timeout.total_seconds())
        if failure is None:
            assert status is not None  # a 2xx
            async with self._engine.begin() as conn:
                await repo.mark_delivered(conn, callback.id, job.retries, http_status=status)
            CALLBACK_ATTEMPTS.labels("delivered").inc()
            return "delivered"
        async with self._engine.begin() as conn:
            await repo.record_failure(conn, callback.id, job.retries, error=failure.reason, http_status=status)
        # A refused target is counted `unreachable`: the metric's outcomes stay those documented.
        CALLBACK_ATTEMPTS.labels("refused" if failure.kind == "callback_refused" else "unreachable").inc()
        raise failure

    async def _post(self, callback: Callback, within: float) -> tuple[int | None, AttemptFailed | None]:
        """The HTTP status of one signed POST (None: no answer), and the failure (None on a 2xx)."""
        body = body_bytes(callback.payload)
        headers = {
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            DELIVERY_HEADER: callback.id,
            EVENT_HEADER: callback.type,
            SIGNATURE_HEADER: sign(self._settings.callback_secret, int(time.time()), body),
        }
        status: int | None = None
        try:
            async with self._outbound.stream(
                "POST", callback.url, content=body, headers=headers, within=within
            ) as response:
                status = response.status_code
                if response.is_success:
                    return status, None
                # The status only: the answer's body is the receiver's, never ours to keep or show.
                failure = AttemptFailed(f"HTTP {status}", "callback_refused", final=False)
        except (httpx.HTTPError, httpx.InvalidURL, OutboundError) as exc:
            refused = isinstance(exc, TargetRefused)
            kind = "callback_target_refused" if refused else "callback_unreachable"
            failure = AttemptFailed(describe(exc), kind, final=refused)
        return status, failure

    async def give_up(self, failed: CallbackFailed) -> None:
        """Marks the callback failed once its delivery has given up (visible to admins, retryable by hand)."""
        async with self._engine.begin() as conn:
            changed = await repo.mark_failed(conn, failed.delivery_id, failed.retries, reason=failed.reason)
        if changed:
            CALLBACKS_FAILED.inc()
            log.warning("callback %s failed for good: %s", failed.delivery_id, failed.reason)
