"""Event repeats: every event id sent again with the same payload (a `duplicate: true` answer),
so a journey's explanation can show the repeat as not counted (`duplicate_id`).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | Sequence[str] | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "event_repeats",
        sa.Column("id", sa.BigInteger, autoincrement=True, nullable=False),
        sa.Column("event_id", sa.Text, nullable=False),
        sa.Column("user_id", sa.Text, nullable=False),
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.PrimaryKeyConstraint("id", name="pk_event_repeats"),
    )
    op.create_index("ix_event_repeats_user_id_type_received_at", "event_repeats", ["user_id", "type", "received_at"])


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index("ix_event_repeats_user_id_type_received_at", table_name="event_repeats")
    op.drop_table("event_repeats")
