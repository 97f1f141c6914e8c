"""The fuzzed stack: the real app and worker on a database of their own.

The fuzzer calls every route with the admin key, so it creates missions, replaces the tier list,
sets the challenge configuration and uploads segment members at random. On the session's shared
database that would change what other tests see; here it happens in a database created for
the fuzz module (on the same embedded server, migrated to head) and dropped afterwards.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from temporalio.testing import WorkflowEnvironment

from db.engine import create_sync_engine
from db.migrate import upgrade
from devstack.social_emulator import Emulator
from tests.conftest import SOCIAL_CHECK_DELAY, Stack, open_stack


@pytest.fixture(scope="session")
def fuzz_database_url(database_url: str) -> Iterator[str]:
    """A fresh database on the session's PostgreSQL, migrated to head, dropped at the end."""
    name = f"fuzz_{uuid.uuid4().hex[:12]}"
    admin = create_sync_engine(database_url)
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = make_url(database_url).set(database=name).render_as_string(hide_password=False)
    upgrade(url)
    try:
        yield url
    finally:
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
async def fuzz_stack(
    fuzz_database_url: str,
    dev_env: WorkflowEnvironment,
    tmp_path_factory: pytest.TempPathFactory,
    emulator_server: tuple[Emulator, str],
) -> AsyncIterator[Stack]:
    """The app (over ASGI) and a worker, like the session `stack`, on the fuzz database."""
    emulator, url = emulator_server
    async with open_stack(
        fuzz_database_url,
        dev_env,
        upload_dir=tmp_path_factory.mktemp("fuzz-uploads"),
        social_check_delay=SOCIAL_CHECK_DELAY,
        **emulator.settings(url),
    ) as opened:
        yield opened
