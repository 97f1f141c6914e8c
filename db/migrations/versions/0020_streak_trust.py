"""Streaks people trust: users' own time zones, streak freezes sold in the shop (items.kind,
items.price) and streak repair jobs (issue 17).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0020"
down_revision: str | Sequence[str] | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.add_column("users", sa.Column("time_zone", sa.Text))
    op.add_column("items", sa.Column("kind", sa.Text, nullable=False, server_default=sa.text("'item'")))
    op.add_column("items", sa.Column("price", sa.Integer))
    op.create_check_constraint("ck_items_kind", "items", "kind IN ('item', 'streak_freeze')")
    op.create_check_constraint("ck_items_price", "items", "price IS NULL OR price > 0")
    op.create_table(
        "streak_repairs",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("mission_id", sa.Text, nullable=False),
        sa.Column("segment_id", sa.Text),
        sa.Column("window_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("window_end", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("requested_by", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False, server_default=sa.text("'running'")),
        sa.Column("total", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("lease_until", sa.DateTime(timezone=True)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
        sa.CheckConstraint("status IN ('running', 'completed')", name="ck_streak_repairs_status"),
        sa.CheckConstraint("window_start < window_end", name="ck_streak_repairs_window"),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["missions.id"], name="fk_streak_repairs_mission_id_missions", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_streak_repairs"),
    )
    op.create_table(
        "streak_repair_users",
        sa.Column("repair_id", sa.Text, nullable=False),
        sa.Column("user_id", sa.Text, nullable=False),
        sa.Column("outcome", sa.Text, nullable=False, server_default=sa.text("'pending'")),
        sa.Column("before", JSONB),
        sa.Column("after", JSONB),
        sa.Column("done_at", sa.DateTime(timezone=True)),
        sa.CheckConstraint(
            "outcome IN ('pending', 'repaired', 'unchanged', 'skipped')", name="ck_streak_repair_users_outcome"
        ),
        sa.ForeignKeyConstraint(
            ["repair_id"],
            ["streak_repairs.id"],
            name="fk_streak_repair_users_repair_id_streak_repairs",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("repair_id", "user_id", name="pk_streak_repair_users"),
    )
    op.create_index(
        "ix_streak_repair_users_pending",
        "streak_repair_users",
        ["repair_id", "user_id"],
        postgresql_where=sa.text("outcome = 'pending'"),
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index("ix_streak_repair_users_pending", table_name="streak_repair_users")
    op.drop_table("streak_repair_users")
    op.drop_table("streak_repairs")
    op.drop_constraint("ck_items_price", "items", type_="check")
    op.drop_constraint("ck_items_kind", "items", type_="check")
    op.drop_column("items", "price")
    op.drop_column("items", "kind")
    op.drop_column("users", "time_zone")
