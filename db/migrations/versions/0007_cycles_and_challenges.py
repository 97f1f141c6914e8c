"""Recurring cycles in the read model, user-owned missions (challenges) and their configuration.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.add_column("enrolments", sa.Column("cycle", sa.Integer, nullable=False, server_default=sa.text("0")))
    op.add_column("missions", sa.Column("owner_user_id", sa.Text))
    op.create_index(
        "ix_missions_owner_user_id_status",
        "missions",
        ["owner_user_id", "status"],
        postgresql_where=sa.text("owner_user_id IS NOT NULL"),
    )
    op.create_table(
        "challenge_config",
        sa.Column("id", sa.SmallInteger, autoincrement=False, nullable=False),
        sa.Column("config", JSONB, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.CheckConstraint("id = 1", name="ck_challenge_config_single_row"),
        sa.PrimaryKeyConstraint("id", name="pk_challenge_config"),
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table("challenge_config")
    op.drop_index("ix_missions_owner_user_id_status", table_name="missions")
    op.drop_column("missions", "owner_user_id")
    op.drop_column("enrolments", "cycle")
