"""Database engines: the async one every process shares, and a sync one for migrations."""

from __future__ import annotations

from typing import TypeAlias

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, create_async_engine

from settings import Settings

#: What repositories accept: a connection or a session, inside a transaction the caller owns.
Conn: TypeAlias = AsyncConnection | AsyncSession


def database_url(settings_or_url: Settings | str) -> str:
    """The SQLAlchemy URL (psycopg 3 driver) of settings or of a raw URL; ValueError when empty."""
    if isinstance(settings_or_url, str):
        # Reuse the settings' normalisation without validating secrets a URL does not need.
        settings_or_url = Settings.model_construct(database_url=settings_or_url)
    url = settings_or_url.sqlalchemy_url()
    if not url:
        raise ValueError("no database URL: set QUESTLINE_DATABASE_URL or start the embedded server first")
    return url


def create_engine(settings_or_url: Settings | str, *, pool_size: int | None = None) -> AsyncEngine:
    """The process-wide async engine (psycopg 3); create it once and dispose of it on shutdown.

    The pool holds `QUESTLINE_DB_POOL_SIZE` connections and as many again at peak: a pool smaller
    than the request concurrency keeps opening and closing connections, which costs more than
    the queries.
    """
    if pool_size is None:
        pool_size = settings_or_url.db_pool_size if isinstance(settings_or_url, Settings) else 10
    return create_async_engine(
        database_url(settings_or_url),
        pool_size=pool_size,
        max_overflow=pool_size,
        # Connections die with database restarts and idle timeouts; check before handing one out.
        pool_pre_ping=True,
        # Recycle before common proxy/firewall idle limits cut a pooled connection.
        pool_recycle=1800,
    )


def create_read_engine(settings: Settings) -> AsyncEngine | None:
    """The engine of the read replica (`QUESTLINE_DATABASE_READ_URL`), or None without one. Its
    transactions are read-only (`BEGIN READ ONLY`, sent by psycopg): a read route never writes."""
    if not settings.database_read_url:
        return None
    engine = create_async_engine(
        settings.sqlalchemy_url(settings.database_read_url),
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_pool_size,
        pool_pre_ping=True,
        pool_recycle=1800,
    )
    return engine.execution_options(postgresql_readonly=True)


def create_sync_engine(settings_or_url: Settings | str) -> sa.Engine:
    """A pool-less sync engine for Alembic, which runs migrations synchronously."""
    return sa.create_engine(database_url(settings_or_url), poolclass=sa.NullPool)
