"""Broadcasts (Send Update) and the users' inbox.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "broadcasts",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("segment_id", sa.Text, nullable=False),
        sa.Column("send_at", sa.DateTime(timezone=True)),
        sa.Column("on_entry", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("status", sa.Text, nullable=False, server_default=sa.text("'scheduled'")),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
        sa.Column("delivered", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.CheckConstraint("status IN ('scheduled', 'sending', 'sent')", name="ck_broadcasts_status"),
        sa.ForeignKeyConstraint(["segment_id"], ["segments.id"], name="fk_broadcasts_segment_id_segments"),
        sa.PrimaryKeyConstraint("id", name="pk_broadcasts"),
    )
    op.create_index("ix_broadcasts_segment_id", "broadcasts", ["segment_id"], postgresql_where=sa.text("on_entry"))
    op.create_table(
        "inbox",
        sa.Column("broadcast_id", sa.Text, nullable=False),
        sa.Column("user_id", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("read_at", sa.DateTime(timezone=True)),
        sa.Column("notified_at", sa.DateTime(timezone=True)),
        sa.ForeignKeyConstraint(["broadcast_id"], ["broadcasts.id"], name="fk_inbox_broadcast_id_broadcasts"),
        sa.PrimaryKeyConstraint("broadcast_id", "user_id", name="pk_inbox"),
    )
    op.create_index("ix_inbox_user_id_created_at", "inbox", ["user_id", "created_at"])


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index("ix_inbox_user_id_created_at", table_name="inbox")
    op.drop_table("inbox")
    op.drop_index("ix_broadcasts_segment_id", table_name="broadcasts")
    op.drop_table("broadcasts")
