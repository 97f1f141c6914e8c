"""Liveness and readiness probes (no credentials needed)."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter
from sqlalchemy import text

from api.deps import ServicesDep, not_ready
from api.errors import error_responses
from api.schemas import Health

router = APIRouter(tags=["health"])

_CHECK_TIMEOUT = 3.0


@router.get("/healthz", response_model=Health)
async def healthz() -> Health:
    """The process is up."""
    return Health(status="ok")


@router.get("/readyz", response_model=Health, responses=error_responses(503))
async def readyz(svc: ServicesDep) -> Health:
    """PostgreSQL and Temporal both answer; 503 with the failing check otherwise."""
    checks: dict[str, str] = {}
    try:
        async with asyncio.timeout(_CHECK_TIMEOUT), svc.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception as exc:  # any failure means "not ready"; the reason is reported
        checks["database"] = f"unreachable: {type(exc).__name__}"
    try:
        async with asyncio.timeout(_CHECK_TIMEOUT):
            await svc.temporal.check_health()
        checks["temporal"] = "ok"
    except Exception as exc:
        checks["temporal"] = f"unreachable: {type(exc).__name__}"
    if any(v != "ok" for v in checks.values()):
        err = not_ready("a dependency is unreachable")
        err.details = checks
        raise err
    return Health(status="ready", checks=checks)
