"""Liveness and readiness probes (no credentials needed)."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import ReadinessDep, not_ready
from api.errors import error_responses
from api.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health)
async def healthz() -> Health:
    """The process is up."""
    return Health(status="ok")


@router.get("/readyz", response_model=Health, responses=error_responses(503))
async def readyz(readiness: ReadinessDep) -> Health:
    """PostgreSQL and Temporal both answer; 503 with the failing check otherwise."""
    checks = await readiness.checks()
    if any(v != "ok" for v in checks.values()):
        err = not_ready("a dependency is unreachable")
        err.details = checks
        raise err
    return Health(status="ready", checks=checks)
