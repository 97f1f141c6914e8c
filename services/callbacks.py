"""Announcing what happened to a mission's `callback_url`: enqueue in the fact's transaction, then dispatch.

    async with engine.begin() as conn:
        ...  # grant the reward
        cb = await enqueue_completion(conn, mission_id=..., url=spec.callback_url, user_id=..., ...)
    await dispatch(client, settings, [cb])  # after the commit; harmless to repeat

Both halves are idempotent, so a retried caller (an activity after a crash) may run them again:
the enqueue finds the row it wrote, and a delivery already started or finished is not started
again. A callback enqueued but never dispatched (a crash in between) is dispatched by the retry.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from pydantic import AnyUrl
from temporalio.client import Client
from temporalio.common import WorkflowIDConflictPolicy, WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from db import callbacks as repo
from db.callbacks import Callback
from db.engine import Conn
from domain.callbacks import BUDGET_EXHAUSTED, MISSION_COMPLETED, budget_key, completion_key
from domain.missions import BudgetCap, Reward
from settings import Settings
from workflows.callback import CallbackWorkflow, DeliverCallback, callback_workflow_id


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


async def dispatch(client: Client, settings: Settings, delivery_ids: Iterable[str | None]) -> None:
    """Starts the delivery of each callback (None entries are skipped); call it after the commit.

    A delivery already running or finished is left alone (`REJECT_DUPLICATE`), so calling this
    again for the same ids does nothing more.
    """
    for delivery_id in delivery_ids:
        if delivery_id is None:
            continue
        try:
            await client.start_workflow(
                CallbackWorkflow.run,
                callback_job(settings, delivery_id),
                id=callback_workflow_id(delivery_id),
                task_queue=settings.task_queue,
                id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
            )
        except WorkflowAlreadyStartedError:
            continue
        except RPCError as exc:
            # The time-skipping test server reports a duplicate without the details the SDK needs.
            if exc.status is not RPCStatusCode.ALREADY_EXISTS:
                raise


async def redeliver(client: Client, settings: Settings, callback: Callback) -> None:
    """Starts a new delivery run of a callback `db.callbacks.reopen` has just made pending again.

    Call it before committing the reopen: the new run's first attempt waits for the row lock, and
    a failed start rolls the reopen back. A previous run still closing (it has just marked the
    callback failed) is terminated; its `retries` fence would keep it from touching the row anyway.
    """
    await client.start_workflow(
        CallbackWorkflow.run,
        callback_job(settings, callback.id, callback.retries),
        id=callback_workflow_id(callback.id),
        task_queue=settings.task_queue,
        id_reuse_policy=WorkflowIDReusePolicy.ALLOW_DUPLICATE,
        id_conflict_policy=WorkflowIDConflictPolicy.TERMINATE_EXISTING,
    )
