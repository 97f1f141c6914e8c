"""Alembic environment: runs migrations on the connection `db.migrate` hands over, synchronously.

`db.migrate.alembic_config` builds the configuration in code (there is no alembic.ini). It puts the
database URL in `config.attributes["url"]` and, when upgrading, an open sync connection already
holding the migration lock in `config.attributes["connection"]`.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from db.engine import create_sync_engine
from db.tables import metadata

config = context.config


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, compare_server_default=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    """Writes the SQL of the migrations instead of running it (`alembic upgrade --sql`)."""
    context.configure(url=config.attributes["url"], target_metadata=metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Runs the migrations on the given connection, or on a new one to the configured URL."""
    connection: Connection | None = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_sync_engine(config.attributes["url"])
    try:
        with engine.connect() as new_connection:
            _run(new_connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
