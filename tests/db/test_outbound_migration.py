"""Migration 0012 (issue 13.7): callbacks stored before it keep only `HTTP <status>` of a receiver's answer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from alembic import command

from db.engine import create_sync_engine
from db.migrate import alembic_config, upgrade
from tests.db.conftest import scratch_database


@pytest.fixture
def fresh_url(database_url: str) -> Iterator[str]:
    """An empty database on the session's server, dropped afterwards."""
    with scratch_database(database_url, "migrate_outbound_test") as url:
        yield url


def test_stored_receiver_answers_are_trimmed_to_their_status(fresh_url: str) -> None:
    engine = create_sync_engine(fresh_url)
    try:
        with engine.connect() as conn, conn.begin():
            config = alembic_config(fresh_url)
            config.attributes["connection"] = conn
            command.upgrade(config, "0011")
        rows = {
            "cb_body": "HTTP 500: <html>internal admin console, token=abc</html>",
            "cb_status": "HTTP 404",
            "cb_network": "ConnectError: All connection attempts failed",
            "cb_none": None,
        }
        with engine.begin() as conn:
            conn.execute(
                sa.text(
                    "INSERT INTO missions (id, status, revision, name, type, spec)"
                    " VALUES ('mis_mig', 'active', 1, 'm', 'generally_available', '{}')"
                )
            )
            for id, error in rows.items():
                conn.execute(
                    sa.text(
                        "INSERT INTO callbacks (id, type, mission_id, url, payload, last_error)"
                        " VALUES (:id, 'mission.completed', 'mis_mig', 'https://example.com/h', '{}', :error)"
                    ),
                    {"id": id, "error": error},
                )
        upgrade(fresh_url)
        with engine.connect() as conn:
            found = dict(conn.execute(sa.text("SELECT id, last_error FROM callbacks")).all())
    finally:
        engine.dispose()
    assert found == {**rows, "cb_body": "HTTP 500"}
