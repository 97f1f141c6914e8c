"""`QUESTLINE_DATABASE_READ_URL`: the read routes read from the replica, everything else from the primary.

The "replica" is a second real database on the session's PostgreSQL, migrated and empty: what a
read route answers there differs from the primary, so the test sees which one each route used.
Its transactions are read-only (`BEGIN READ ONLY`).
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
import sqlalchemy as sa

from api.app import create_app
from db.engine import create_engine
from db.tables import ledger
from tests.api.helpers import create_mission, eventually, points, send, uid
from tests.conftest import Stack, make_settings
from tests.db.conftest import scratch_database


@pytest.fixture
async def replica_app(stack: Stack, database_url: str) -> AsyncIterator[tuple[httpx.AsyncClient, str, object]]:
    """An app on the session's primary with an empty migrated database as its read replica."""
    name = f"replica_{uuid.uuid4().hex[:8]}"
    with scratch_database(database_url, name, at="head") as replica_url:
        settings = make_settings(
            database_url, stack.settings.temporal_address, stack.settings.task_queue, database_read_url=replica_url
        )
        app = create_app(settings)
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://questline.test") as http:
                yield http, replica_url, app.state.services


async def test_read_routes_read_the_replica_and_writes_go_to_the_primary(
    stack: Stack, replica_app: tuple[httpx.AsyncClient, str, object]
) -> None:
    http, replica_url, services = replica_app
    client = stack.headers("client")
    earn = uid("earn")
    await create_mission(
        stack,
        {
            "type": "generally_available",
            "goal": {"kind": "event", "event_type": earn, "count": 1},
            "reward": {"points": 25},
        },
    )
    user = uid("u")
    await send(stack, user, earn)
    await eventually(lambda: _at_least(stack, user, 25))

    # The wallet reads the replica, which has not seen the grant; the profile reads the primary.
    r = await http.get(f"/v1/users/{user}/wallet", headers=client)
    assert r.status_code == 200, r.text
    assert r.json()["points"] == 0
    r = await http.put(f"/v1/users/{user}", json={"attributes": {"plan": "pro"}}, headers=client)
    assert r.status_code in (200, 201), r.text
    r = await stack.http.get(f"/v1/users/{user}", headers=client)  # the session app: the primary
    assert r.json()["attributes"] == {"plan": "pro"}, "the write went to the primary"
    assert (await http.get(f"/v1/users/{user}/missions", headers=client)).json()["items"] == []

    # Once the replica has the row, the read route shows it.
    engine = create_engine(replica_url)
    try:
        async with engine.begin() as conn:
            await conn.execute(
                sa.insert(ledger).values(user_id=user, kind="points", points=25, idempotency_key=uid("k"))
            )
    finally:
        await engine.dispose()
    r = await http.get(f"/v1/users/{user}/wallet", headers=client)
    assert r.json()["points"] == 25

    # The replica's transactions are read-only: a read route cannot write by mistake.
    read_engine = services.read_engine  # type: ignore[attr-defined]
    assert read_engine is not services.engine  # type: ignore[attr-defined]
    async with read_engine.begin() as conn:
        assert (await conn.execute(sa.text("SHOW transaction_read_only"))).scalar_one() == "on"


async def test_without_a_read_url_the_read_routes_use_the_primary(stack: Stack) -> None:
    services = stack.app.state.services
    assert services.read_engine is services.engine


async def _at_least(stack: Stack, user: str, n: int) -> bool | None:
    return await points(stack, user) >= n or None
