"""Read-your-writes for `POST /v1/events` without asking the workflow: waiting for the journey's
own read-model write to be announced (`db.settling`).

Each API process listens on a channel of its own (one connection, started on first use). A
delivery that settles puts the channel on the event; the journey, once it has saved the change
the event made (or found it changed nothing), announces the event id there, and the delivery's
wait ends. Asking the workflow instead (a query) costs Temporal a workflow task per event. While
the listener is not (yet) listening, `listening` is False and the gateway asks the workflow.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Iterator

from db import settling

log = logging.getLogger(__name__)

#: Waits between attempts to listen again after the connection was lost.
RETRY_DELAYS = (0.1, 0.5, 1.0, 2.0, 5.0)


class SettleLost(Exception):
    """The listener lost its connection while a delivery waited: the announcement may be lost."""


class SettleListener:
    """This process's channel, and the deliveries waiting to hear on it."""

    def __init__(self, sqlalchemy_url: str) -> None:
        self._url = sqlalchemy_url
        self.channel = f"questline_settled_{uuid.uuid4().hex[:20]}"
        self._waiting: dict[tuple[str, str], asyncio.Future[None]] = {}
        self._task: asyncio.Task[None] | None = None
        self.listening = False
        #: Deliveries whose wait ended with the journey's announcement (for metrics and tests).
        self.heard = 0
        #: Connections lost (each followed by listening again).
        self.losses = 0

    def start(self) -> None:
        """Starts listening in the background (once; again after `aclose`)."""
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run(), name="settle-listener")

    @contextlib.contextmanager
    def expect(self, workflow_id: str, event_id: str) -> Iterator[asyncio.Future[None]]:
        """A future resolved when `workflow_id` announces `event_id` (failed with `SettleLost` if the
        listener loses its connection first); forgotten on exit."""
        key = (workflow_id, event_id)
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting[key] = future
        try:
            yield future
        finally:
            if self._waiting.get(key) is future:
                del self._waiting[key]

    async def _run(self) -> None:
        attempt = 0
        while True:
            try:
                async for workflow_id, event_ids in settling.listen(self._url, self.channel):
                    if not workflow_id:
                        self.listening, attempt = True, 0
                        continue
                    for event_id in event_ids:
                        future = self._waiting.get((workflow_id, event_id))
                        if future is not None and not future.done():
                            future.set_result(None)
                            self.heard += 1
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("settle listener lost its connection (%s); listening again", exc)
            self._lose()
            await asyncio.sleep(RETRY_DELAYS[min(attempt, len(RETRY_DELAYS) - 1)])
            attempt += 1

    def _lose(self) -> None:
        if self.listening:
            self.losses += 1
        self.listening = False
        for future in self._waiting.values():
            if not future.done():
                future.set_exception(SettleLost())

    async def aclose(self) -> None:
        """Stops listening; deliveries still waiting fail with `SettleLost`."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        self._lose()
