"""Database fixtures: one embedded, migrated PostgreSQL per test session, a rolled-back connection per test.

`database_url` and `db_engine` are session-wide and not specific to these tests; to share them
with other test packages, move both (with their imports) to `tests/conftest.py` and delete them
here. `db_conn` can move too, or stay.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from db.engine import create_engine
from db.migrate import upgrade
from devstack.postgres import embedded_postgres


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of an embedded PostgreSQL, migrated to head, stopped and deleted at session end."""
    with embedded_postgres(tmp_path_factory.mktemp("postgres") / "data", delete=True) as url:
        upgrade(url)
        yield url


@pytest.fixture(scope="session")
async def db_engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    """The session's async engine on `database_url`."""
    engine = create_engine(database_url, pool_size=5, max_overflow=5)
    yield engine
    await engine.dispose()


@pytest.fixture
async def db_conn(db_engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """A connection inside a transaction that is rolled back after the test, so tests own their data.

    Code that commits can share it through
    `AsyncSession(bind=db_conn, join_transaction_mode="create_savepoint")`: its commits then
    release savepoints and the final rollback still undoes everything.
    """
    async with db_engine.connect() as conn:
        transaction = await conn.begin()
        try:
            yield conn
        finally:
            await transaction.rollback()
