"""The event log's months: partitions made ahead of time, and old ones dropped past the retention.

Every API process runs `EventLogMaintenance.run` (a relay of `Services.run_relays`); a session
advisory lock lets one process at a time do the work. Each round makes sure this month's and the
next two months' partitions exist (so ingestion never creates one on its hot path), and with
`QUESTLINE_EVENT_RETENTION` set drops the months that ended longer ago than the retention, with
the event ids they held (`db.events.drop_before`: detached concurrently, so live traffic on the
other months is not blocked).
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from db import events as event_log

log = logging.getLogger(__name__)

#: Key of the session advisory lock one maintaining process holds ("qlev").
_LOCK = 0x716C6576


def months_ahead(now: datetime, count: int = 3) -> list[datetime]:
    """The first instant of this month and of the `count - 1` months after it (UTC)."""
    first = now.astimezone(UTC).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    out = []
    for i in range(count):
        year, month = divmod(first.month - 1 + i, 12)
        out.append(first.replace(year=first.year + year, month=month + 1))
    return out


class EventLogMaintenance:
    """Keeps the log's partitions ahead of time and within the retention."""

    def __init__(self, engine: AsyncEngine, retention: timedelta | None) -> None:
        self._engine = engine
        self._retention = retention

    async def once(self, now: datetime | None = None) -> list[str]:
        """One round (skipped while another process holds the lock); returns the partitions dropped."""
        now = now or datetime.now(UTC)
        async with self._engine.connect() as conn:
            auto = await conn.execution_options(isolation_level="AUTOCOMMIT")
            if not (await auto.execute(sa.select(sa.func.pg_try_advisory_lock(_LOCK)))).scalar_one():
                return []
            try:
                await event_log.ensure_partitions(auto, months_ahead(now))
                if self._retention is None:
                    return []
                return await event_log.drop_before(auto, now - self._retention)
            finally:
                await auto.execute(sa.select(sa.func.pg_advisory_unlock(_LOCK)))

    async def run(self, interval: timedelta = timedelta(hours=1)) -> None:
        """A round every `interval`, forever; errors are logged and retried next round."""
        while True:
            try:
                dropped = await self.once()
                if dropped:
                    log.info("event log: dropped %s (past QUESTLINE_EVENT_RETENTION)", ", ".join(dropped))
            except asyncio.CancelledError:
                raise
            except Exception:
                log.warning("event log maintenance failed; retrying", exc_info=True)
            await asyncio.sleep(interval.total_seconds())
