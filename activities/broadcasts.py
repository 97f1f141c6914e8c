"""The broadcast activity: sends one broadcast to its segment's members (`services.broadcasts`)."""

from __future__ import annotations

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio import activity

from services.broadcasts import BACKOFF, PAGE, BroadcastSender
from settings import Settings
from workflows.broadcast import SendBroadcast


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
        self.sender = BroadcastSender(engine, http, settings, page_size=page_size, webhook_backoff=webhook_backoff)

    @activity.defn(name="deliver_broadcast")
    async def deliver_broadcast(self, job: SendBroadcast) -> int:
        """Delivers the broadcast to every member of its segment, resuming after a retry; returns `delivered`.

        A retry resumes from the cursor the last attempt heartbeat (`BroadcastSender.send`).
        """
        details = activity.info().heartbeat_details
        resume_after = str(details[0]) if details and details[0] is not None else None
        return await self.sender.send(job.broadcast_id, resume_after=resume_after, beat=activity.heartbeat)
