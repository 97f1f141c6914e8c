"""A worker started while Temporal is down (or restarting) waits for it instead of exiting.

Temporal "comes up" here as a plain TCP forwarder, opened on the address the worker dials after
its first attempts were refused, to the session's real dev server.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket

from temporalio.testing import WorkflowEnvironment

from services.gateway import LazyClient
from tests.conftest import make_settings
from worker import connect_when_up


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    with contextlib.suppress(ConnectionError):
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    writer.close()


async def test_a_worker_waits_for_temporal_to_come_up(dev_env: WorkflowEnvironment, database_url: str) -> None:
    host, target_port = dev_env.client.service_client.config.target_host.rsplit(":", 1)
    port = _free_port()
    settings = make_settings(database_url, f"127.0.0.1:{port}", "connect-test")
    connecting = asyncio.create_task(connect_when_up(LazyClient(settings), first_delay=0.2, max_delay=0.5))
    await asyncio.sleep(1.0)
    assert not connecting.done(), "the worker gave up while Temporal was down"

    async def forward(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        upstream_reader, upstream_writer = await asyncio.open_connection(host, int(target_port))
        await asyncio.gather(_pipe(reader, upstream_writer), _pipe(upstream_reader, writer))

    server = await asyncio.start_server(forward, "127.0.0.1", port)
    try:
        client = await asyncio.wait_for(connecting, timeout=20)
        await client.service_client.check_health()
    finally:
        server.close()
        connecting.cancel()
