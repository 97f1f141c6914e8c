"""Tiers, segments and their members.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "tiers",
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("min_points", sa.BigInteger),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.PrimaryKeyConstraint("name", name="pk_tiers"),
    )
    op.create_table(
        "segments",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("rule", JSONB),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.CheckConstraint("kind IN ('rule', 'static')", name="ck_segments_kind"),
        sa.PrimaryKeyConstraint("id", name="pk_segments"),
    )
    op.create_table(
        "segment_members",
        sa.Column("segment_id", sa.Text, nullable=False),
        sa.Column("user_id", sa.Text, nullable=False),
        sa.Column("entered_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.ForeignKeyConstraint(
            ["segment_id"], ["segments.id"], name="fk_segment_members_segment_id_segments", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("segment_id", "user_id", name="pk_segment_members"),
    )
    op.create_index("ix_segment_members_user_id", "segment_members", ["user_id"])


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index("ix_segment_members_user_id", table_name="segment_members")
    op.drop_table("segment_members")
    op.drop_table("segments")
    op.drop_table("tiers")
