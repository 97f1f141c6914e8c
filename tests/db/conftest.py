"""Database test fixtures live in `tests/conftest.py` (shared with the API and workflow tests);
this module adds the scratch databases that migration tests build from nothing."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import sqlalchemy as sa
from alembic import command

from db.engine import create_sync_engine
from db.migrate import alembic_config


@contextlib.contextmanager
def scratch_database(database_url: str, name: str, *, at: str | None = None) -> Iterator[str]:
    """An empty database `name` on the session's server (migrated to revision `at`, if given),
    dropped afterwards; yields its URL."""
    admin = create_sync_engine(database_url).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name}"))
        conn.execute(sa.text(f"CREATE DATABASE {name}"))
    url = sa.make_url(database_url).set(database=name).render_as_string(hide_password=False)
    try:
        if at is not None:
            command.upgrade(alembic_config(url), at)
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f"DROP DATABASE {name} WITH (FORCE)"))
        admin.dispose()
