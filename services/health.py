"""Readiness: whether the process's dependencies (PostgreSQL, Temporal) answer."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

#: Each check gives up after this many seconds.
CHECK_TIMEOUT = 3.0


class Readiness:
    """Checks the database and Temporal; each failure is reported by the check's name."""

    def __init__(self, engine: AsyncEngine, temporal_health: Callable[[], Awaitable[None]]) -> None:
        self.engine = engine
        self.temporal_health = temporal_health

    async def checks(self) -> dict[str, str]:
        """`ok` or `unreachable: <error type>` for `database` and `temporal`."""
        checks: dict[str, str] = {}
        try:
            async with asyncio.timeout(CHECK_TIMEOUT), self.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
            checks["database"] = "ok"
        except Exception as exc:  # any failure means "not ready"; the reason is reported
            checks["database"] = f"unreachable: {type(exc).__name__}"
        try:
            async with asyncio.timeout(CHECK_TIMEOUT):
                await self.temporal_health()
            checks["temporal"] = "ok"
        except Exception as exc:
            checks["temporal"] = f"unreachable: {type(exc).__name__}"
        return checks
