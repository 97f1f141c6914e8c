"""Connecting to Temporal the same way from the API, the worker, tests and benchmarks."""

from __future__ import annotations

import asyncio

from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter

from settings import Settings

#: Where `make run`'s dev server listens when QUESTLINE_TEMPORAL_ADDRESS is empty.
DEV_SERVER_ADDRESS = "127.0.0.1:7233"


def temporal_address(settings: Settings) -> str:
    """The configured frontend address, or the embedded dev server's."""
    return settings.temporal_address or DEV_SERVER_ADDRESS


async def connect(settings: Settings) -> Client:
    """A client with the pydantic data converter (Decimal and datetime round-trip exactly)."""
    return await Client.connect(
        temporal_address(settings),
        namespace=settings.temporal_namespace,
        data_converter=pydantic_data_converter,
    )


class LazyClient:
    """A Temporal client connected on first use, so the API starts (and reports not ready) while
    Temporal is still down, and reconnects on the next call after a failed connect."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._client: Client | None = None
        self._lock = asyncio.Lock()

    async def get(self) -> Client:
        """The connected client (connecting now if needed)."""
        if self._client is None:
            async with self._lock:
                if self._client is None:
                    self._client = await connect(self._settings)
        return self._client

    async def check_health(self) -> None:
        """Raises when Temporal's frontend does not answer."""
        client = await self.get()
        await client.service_client.check_health()
