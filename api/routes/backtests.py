"""Backtests: replay a mission (a draft, or any revision) over a window of the event log."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request

from api.deps import Admin, Conn, ServicesDep, start_after_commit
from api.errors import error_responses
from api.strict import JsonBody
from services.backtests import KIND, BacktestIn, BacktestOut, Backtests

__all__ = ["jobs_router", "missions_router"]


async def _backtests(svc: ServicesDep) -> Backtests:
    return Backtests(svc.gateway)


BacktestsDep = Annotated[Backtests, Depends(_backtests)]

missions_router = APIRouter(prefix="/v1/missions", tags=["backtests"])
jobs_router = APIRouter(prefix="/v1/backtests", tags=["backtests"])

DESCRIPTION = """Replays the logged events of `[from, to)` (by the time Questline received them) through the
mission's rules (`domain.journey`, what journeys run) as if the mission — a draft, or any
`revision` — had been active from `from`, in the background: a durable job that resumes after
a crash. Follow it with `GET /v1/backtests/{id}`.

Only event goals can be replayed (422 `not_backtestable`). `segments` limits the replay to users
in one of them (422 `segment_not_found` naming `segments[i]`). 422 `validation_error` when `to`
is not after `from`; 404 `mission_not_found` / `revision_not_found`.

What the log cannot tell is assumed, and listed in the result's `assumptions`: an opt-in mission
is opted into at the first event that would count; a locked or featured mission is unlocked
(granted) for everyone at `from`; eligibility reads users' current tiers and segments."""


@missions_router.post(
    "/{mission_id}/backtest",
    status_code=202,
    response_model=BacktestOut,
    response_model_by_alias=True,
    responses=error_responses(401, 403, 404, 422),
    summary="Backtest a mission over a window of the event log",
    description=DESCRIPTION,
)
async def start_backtest(
    mission_id: str, body: JsonBody[BacktestIn], conn: Conn, backtests: BacktestsDep, request: Request, _: Admin
) -> BacktestOut:
    """Starts a backtest job."""
    start = await backtests.create(conn, mission_id, body)
    await start_after_commit(request, conn, KIND, start.workflow_id, start.job)
    return start.out


@jobs_router.get(
    "/{backtest_id}",
    response_model=BacktestOut,
    response_model_by_alias=True,
    responses=error_responses(401, 403, 404),
    summary="A backtest's status, progress and result",
)
async def get_backtest(backtest_id: str, conn: Conn, backtests: BacktestsDep, _: Admin) -> BacktestOut:
    """`status` running, completed or failed; `progress` events read of the estimated total; `result`
    the running figures, complete (with the spread of those who did not complete, and completions by
    tier and segment) once `status` is completed."""
    return await backtests.get(conn, backtest_id)
