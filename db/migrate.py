"""Schema migrations: `python -m db.migrate` upgrades the database to the newest revision.

It needs only `QUESTLINE_DATABASE_URL`, not the API's secrets, so a one-shot migrate container
can run before the API and workers start. Running it again, or in two processes at once, is safe.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from db.engine import create_sync_engine, database_url

#: Key of the transaction-level advisory lock that serialises concurrent upgrades ("questmig").
MIGRATION_LOCK_KEY = 0x7175_6573_746D_6967

_MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str) -> Config:
    """An Alembic configuration for `url`, built in code (no alembic.ini)."""
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    # Attributes rather than "sqlalchemy.url": ini interpolation would mangle a "%" in passwords.
    config.attributes["url"] = database_url(url)
    return config


def upgrade(url: str) -> None:
    """Upgrades the database at `url` to the newest revision; a no-op when already there."""
    config = alembic_config(url)
    engine = create_sync_engine(url)
    try:
        with engine.connect() as connection, connection.begin():
            # Concurrent upgraders queue here; each then sees the schema its predecessor committed
            # (read committed) and finds nothing left to do. The lock ends with the transaction.
            connection.execute(sa.select(sa.func.pg_advisory_xact_lock(MIGRATION_LOCK_KEY)))
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    finally:
        engine.dispose()


def main() -> None:
    """Command-line entry point: upgrade the database named by QUESTLINE_DATABASE_URL."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    # Read the one variable directly: building Settings in production would demand API secrets.
    url = os.environ.get("QUESTLINE_DATABASE_URL", "").strip()
    if not url:
        sys.exit("db.migrate: QUESTLINE_DATABASE_URL is empty; set it to the PostgreSQL URL to migrate")
    upgrade(url)
    logging.getLogger("db.migrate").info("database schema is at the newest revision")


if __name__ == "__main__":
    main()
