"""Backtests (`POST /v1/missions/{id}/backtest`): a job row with its cursor and running figures,
the replayed journey of every user it met, and an index that pages one event type's log by time.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

revision: str = "0015"
down_revision: str | Sequence[str] | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "backtests",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("mission_id", sa.Text, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("spec", JSONB, nullable=False),
        sa.Column("window_from", sa.DateTime(timezone=True), nullable=False),
        sa.Column("window_to", sa.DateTime(timezone=True), nullable=False),
        sa.Column("segments", ARRAY(sa.Text), nullable=False, server_default=sa.text("'{}'::text[]")),
        sa.Column("status", sa.Text, nullable=False, server_default=sa.text("'running'")),
        sa.Column("step", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("events_total", sa.BigInteger, nullable=False, server_default=sa.text("0")),
        sa.Column("events_read", sa.BigInteger, nullable=False, server_default=sa.text("0")),
        sa.Column("events_seen", sa.BigInteger, nullable=False, server_default=sa.text("0")),
        sa.Column("cursor_at", sa.DateTime(timezone=True)),
        sa.Column("cursor_id", sa.Text),
        sa.Column("users_stored", sa.BigInteger, nullable=False, server_default=sa.text("0")),
        sa.Column("figures", JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")),
        sa.Column("error", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
        sa.CheckConstraint("status IN ('running', 'completed', 'failed')", name="ck_backtests_status"),
        sa.PrimaryKeyConstraint("id", name="pk_backtests"),
    )
    op.create_index("ix_backtests_mission_id_created_at", "backtests", ["mission_id", "created_at"])
    op.create_table(
        "backtest_users",
        sa.Column("backtest_id", sa.Text, nullable=False),
        sa.Column("user_id", sa.Text, nullable=False),
        sa.Column("journey", JSONB, nullable=False),
        sa.Column("completions", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("best_fraction", sa.Float, nullable=False, server_default=sa.text("0")),
        sa.ForeignKeyConstraint(
            ["backtest_id"], ["backtests.id"], name="fk_backtest_users_backtest_id_backtests", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("backtest_id", "user_id", name="pk_backtest_users"),
    )
    op.create_index("ix_events_type_received_at_id", "events", ["type", "received_at", "id"])


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index("ix_events_type_received_at_id", table_name="events")
    op.drop_table("backtest_users")
    op.drop_index("ix_backtests_mission_id_created_at", table_name="backtests")
    op.drop_table("backtests")
