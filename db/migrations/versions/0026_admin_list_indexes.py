"""Indexes for the admin lists' unfiltered pages (issue 19): submissions and callbacks in
(created_at, id) order, so a page reads its rows off the index instead of sorting the table
(`bench/scale_data.py` measured 200k rows sorted per page).

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-03
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0026"
down_revision: str | Sequence[str] | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_index("ix_submissions_created_at_id", "submissions", ["created_at", "id"])
    op.create_index("ix_callbacks_created_at_id", "callbacks", ["created_at", "id"])


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index("ix_callbacks_created_at_id", table_name="callbacks")
    op.drop_index("ix_submissions_created_at_id", table_name="submissions")
