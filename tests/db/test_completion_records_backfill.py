"""Migration 0011 backfills `completion_records` from the completions' announcements (issue 13.2).

Only Questline's own announcements count (type `questline.mission_completed`, which clients were
never allowed to send): a client's event squatting an announcement's id is not a completion.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from db.engine import create_sync_engine
from db.migrate import upgrade
from tests.db.conftest import scratch_database


@pytest.fixture
def before_0011(database_url: str) -> Iterator[str]:
    """An empty database on the session's server migrated to 0010, dropped afterwards."""
    with scratch_database(database_url, "completion_records_backfill_test", at="0010") as url:
        yield url


def _event(conn: sa.Connection, user: str, mission: str, which: str, type_: str) -> None:
    conn.execute(
        sa.text(
            "INSERT INTO events (id, user_id, type, received_at, attributes) "
            "VALUES (:id, :user, :type, '2026-01-01T10:00:00Z', CAST(:attrs AS jsonb))"
        ),
        {
            "id": f"questline.mission_completed:{mission}:{user}:{which}",
            "user": user,
            "type": type_,
            "attrs": f'{{"mission_id": "{mission}"}}',
        },
    )


def test_backfill_takes_the_announcements_and_not_a_clients_squatted_ids(before_0011: str) -> None:
    engine = create_sync_engine(before_0011)
    try:
        with engine.begin() as conn:
            conn.execute(
                sa.text(
                    "INSERT INTO missions (id, status, revision, name, type, spec) "
                    "VALUES ('daily', 'active', 1, 'daily', 'recurring', '{}'::jsonb)"
                )
            )
            _event(conn, "ann", "daily", "c1:1", "questline.mission_completed")
            _event(conn, "ann", "daily", "c2:1", "questline.mission_completed")
            _event(conn, "bob", "daily", "c1:1", "deposit")  # a client's, under bob's future id
            _event(conn, "cat", "gone", "1", "questline.mission_completed")  # an unknown mission
        upgrade(before_0011)
        with engine.connect() as conn:
            rows = conn.execute(sa.text("SELECT id, mission_id, user_id FROM completion_records ORDER BY id")).all()
    finally:
        engine.dispose()
    assert [tuple(r) for r in rows] == [
        ("questline.mission_completed:daily:ann:c1:1", "daily", "ann"),
        ("questline.mission_completed:daily:ann:c2:1", "daily", "ann"),
    ]
