"""Indexes for the statistics route (`GET /v1/stats`): completions and points per day, of one
mission or of all, read by time range instead of scanning completion_records and the ledger.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (
    ("ix_completion_records_mission_id_completed_at", "completion_records", ["mission_id", "completed_at"]),
    ("ix_completion_records_completed_at", "completion_records", ["completed_at"]),
    ("ix_ledger_mission_id_created_at", "ledger", ["mission_id", "created_at"]),
    ("ix_ledger_created_at", "ledger", ["created_at"]),
)


def upgrade() -> None:
    """Apply this revision."""
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    """Revert this revision."""
    for name, table, _ in INDEXES:
        op.drop_index(name, table_name=table)
