"""The initial migration: idempotent, safe to run concurrently, and equal to db/tables.py."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from db.engine import create_sync_engine
from db.migrate import alembic_config, upgrade
from db.tables import metadata
from tests.db.conftest import scratch_database

REPO = Path(__file__).resolve().parents[2]

#: The newest migration (the chain is linear).
HEAD = "0026"
TABLES = {
    "missions",
    "mission_revisions",
    "catalogue_version",
    "categories",
    "quests",
    "users",
    "events",
    "enrolments",
    "tiers",
    "segments",
    "segment_members",
    "ledger",
    "submissions",
    "broadcasts",
    "inbox",
    "callbacks",
}


def _schema(url: str) -> dict[str, Any]:
    engine = create_sync_engine(url)
    try:
        with engine.connect() as conn:
            inspector = sa.inspect(conn)
            return {
                "version": conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars().all(),
                "tables": sorted(inspector.get_table_names()),
                "indexes": {t: sorted(i["name"] or "" for i in inspector.get_indexes(t)) for t in TABLES},
                "catalogue": conn.execute(sa.text("SELECT id, version FROM catalogue_version")).all(),
            }
    finally:
        engine.dispose()


@pytest.fixture
def fresh_database_url(database_url: str) -> Iterator[str]:
    """An empty database on the session's server, dropped afterwards."""
    with scratch_database(database_url, "migrate_test") as url:
        yield url


def test_tables_exist_at_head(database_url: str) -> None:
    schema = _schema(database_url)
    assert schema["version"] == [HEAD]
    assert set(schema["tables"]) >= TABLES
    # The single catalogue row exists (other tests may already have bumped its version).
    assert [row[0] for row in schema["catalogue"]] == [1]
    assert "ix_events_unrouted_received_at" in schema["indexes"]["events"]


def test_second_upgrade_is_a_no_op(database_url: str) -> None:
    before = _schema(database_url)
    upgrade(database_url)
    assert _schema(database_url) == before


def _not_a_partition(name: str | None, type_: str, parent_names: dict[str, str | None]) -> bool:
    """The event log's monthly partitions (`events_pYYYYMM`, made as months come) are not declared."""
    return not (type_ == "table" and name is not None and re.fullmatch(r"events_p\d{6}", name))


def test_migration_creates_exactly_the_declared_tables(database_url: str) -> None:
    engine = create_sync_engine(database_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(
                conn,
                opts={"compare_type": True, "compare_server_default": True, "include_name": _not_a_partition},
            )
            assert compare_metadata(context, metadata) == []
    finally:
        engine.dispose()


def test_concurrent_upgrades_all_succeed(fresh_database_url: str) -> None:
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def run() -> None:
        start.wait()
        try:
            upgrade(fresh_database_url)
        except BaseException as exc:  # collected and re-raised in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    schema = _schema(fresh_database_url)
    assert schema["version"] == [HEAD]
    assert schema["catalogue"] == [(1, 0)]


def test_downgrade_to_base_removes_every_table(fresh_database_url: str) -> None:
    upgrade(fresh_database_url)
    command.downgrade(alembic_config(fresh_database_url), "base")
    engine = create_sync_engine(fresh_database_url)
    try:
        with engine.connect() as conn:
            assert set(sa.inspect(conn).get_table_names()) == {"alembic_version"}
    finally:
        engine.dispose()
    upgrade(fresh_database_url)
    assert _schema(fresh_database_url)["version"] == [HEAD]


def _migrate_cli(url: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QUESTLINE_")}
    env["QUESTLINE_DATABASE_URL"] = url
    return subprocess.run(
        [sys.executable, "-m", "db.migrate"], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )


def test_cli_needs_only_the_database_url(fresh_database_url: str) -> None:
    # Production mode (QUESTLINE_ENV unset) with no secrets at all: migrate must still run.
    result = _migrate_cli(fresh_database_url.replace("postgresql+psycopg://", "postgresql://", 1))
    assert result.returncode == 0, result.stderr
    assert _schema(fresh_database_url)["version"] == [HEAD]


def test_cli_refuses_an_empty_url() -> None:
    result = _migrate_cli("")
    assert result.returncode == 1
    assert "QUESTLINE_DATABASE_URL is empty" in result.stderr
