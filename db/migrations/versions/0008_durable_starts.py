"""The outbox of mission changes, launches and broadcasts: workflow starts written with the change (issue 12.4).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "workflow_starts",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("workflow_id", sa.Text, nullable=False),
        sa.Column("task_queue", sa.Text, nullable=False),
        sa.Column("payload", JSONB, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("done_at", sa.DateTime(timezone=True)),
        sa.Column("outcome", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_workflow_starts"),
    )
    op.create_index(
        "ix_workflow_starts_pending_created_at",
        "workflow_starts",
        ["created_at"],
        postgresql_where=sa.text("done_at IS NULL"),
    )
    op.create_index("ix_workflow_starts_workflow_id", "workflow_starts", ["workflow_id"])


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index("ix_workflow_starts_workflow_id", table_name="workflow_starts")
    op.drop_index("ix_workflow_starts_pending_created_at", table_name="workflow_starts")
    op.drop_table("workflow_starts")
