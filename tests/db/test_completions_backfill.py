"""Migration 0010 backfills `mission_completions` from what was already recorded (issue 12.9)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from db.engine import create_sync_engine
from db.migrate import upgrade
from tests.db.conftest import scratch_database


@pytest.fixture
def before_0010(database_url: str) -> Iterator[str]:
    """An empty database on the session's server migrated to 0009, dropped afterwards."""
    with scratch_database(database_url, "completions_backfill_test", at="0009") as url:
        yield url


def _announce(conn: sa.Connection, user: str, mission: str, which: str, at: str) -> None:
    conn.execute(
        sa.text(
            "INSERT INTO events (id, user_id, type, received_at, attributes) "
            "VALUES (:id, :user, 'questline.mission_completed', CAST(:at AS timestamptz), "
            "CAST(:attrs AS jsonb))"
        ),
        {
            "id": f"questline.mission_completed:{mission}:{user}:{which}",
            "user": user,
            "at": at,
            "attrs": f'{{"mission_id": "{mission}"}}',
        },
    )


def _enrol(conn: sa.Connection, user: str, mission: str, completions: int, cycle: int) -> None:
    conn.execute(
        sa.text(
            "INSERT INTO enrolments (mission_id, user_id, workflow_id, status, revision, state, version, "
            "completions, cycle) VALUES (:m, :u, :w, 'available', 1, '{}'::jsonb, 1, :c, :cycle)"
        ),
        {"m": mission, "u": user, "w": f"enrolment:{mission}:{user}", "c": completions, "cycle": cycle},
    )


def test_backfill_counts_every_cycle_from_the_announcements(before_0010: str) -> None:
    engine = create_sync_engine(before_0010)
    try:
        with engine.begin() as conn:
            for mission, type_ in (("daily", "recurring"), ("repeat", "recurring_on_completion"), ("once", "locked")):
                conn.execute(
                    sa.text(
                        "INSERT INTO missions (id, status, revision, name, type, spec) "
                        "VALUES (:id, 'active', 1, :id, :type, '{}'::jsonb)"
                    ),
                    {"id": mission, "type": type_},
                )
            # Completed in cycles 1 and 2; the read model now holds cycle 3, not completed.
            _announce(conn, "ann", "daily", "c1:1", "2026-01-01T10:00:00Z")
            _announce(conn, "ann", "daily", "c2:1", "2026-01-02T10:00:00Z")
            _enrol(conn, "ann", "daily", 0, 3)
            # The read model counts more rounds than the log shows: the larger count is kept.
            _announce(conn, "bob", "repeat", "1", "2026-01-03T10:00:00Z")
            _enrol(conn, "bob", "repeat", 3, 0)
            # Started, never completed: no row. An announcement of an unknown mission is skipped.
            _enrol(conn, "cat", "once", 0, 0)
            _announce(conn, "cat", "gone", "1", "2026-01-04T10:00:00Z")
        upgrade(before_0010)
        with engine.connect() as conn:
            rows = conn.execute(
                sa.text(
                    "SELECT user_id, mission_id, completions, first_completed_at, last_completed_at "
                    "FROM mission_completions ORDER BY user_id, mission_id"
                )
            ).all()
    finally:
        engine.dispose()
    assert [tuple(r[:3]) for r in rows] == [("ann", "daily", 2), ("bob", "repeat", 3)]
    assert (rows[0][3], rows[0][4]) == (datetime(2026, 1, 1, 10, tzinfo=UTC), datetime(2026, 1, 2, 10, tzinfo=UTC))
