"""The bonus shop (items with stock, owed item rewards) and mission budget caps.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.add_column("missions", sa.Column("budget_spent", sa.BigInteger, nullable=False, server_default=sa.text("0")))
    op.add_column("missions", sa.Column("budget_exhausted_at", sa.DateTime(timezone=True)))
    op.create_table(
        "items",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("description", sa.Text),
        sa.Column("stock", sa.Integer),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.CheckConstraint("stock IS NULL OR stock >= 0", name="ck_items_stock"),
        sa.PrimaryKeyConstraint("id", name="pk_items"),
    )
    op.create_table(
        "owed_rewards",
        sa.Column("id", sa.BigInteger, autoincrement=True, nullable=False),
        sa.Column("user_id", sa.Text, nullable=False),
        sa.Column("item_id", sa.Text, nullable=False),
        sa.Column("mission_id", sa.Text),
        sa.Column("idempotency_key", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("fulfilled_at", sa.DateTime(timezone=True)),
        sa.ForeignKeyConstraint(["item_id"], ["items.id"], name="fk_owed_rewards_item_id_items"),
        sa.ForeignKeyConstraint(["mission_id"], ["missions.id"], name="fk_owed_rewards_mission_id_missions"),
        sa.PrimaryKeyConstraint("id", name="pk_owed_rewards"),
        sa.UniqueConstraint("idempotency_key", name="uq_owed_rewards_idempotency_key"),
    )
    op.create_index("ix_owed_rewards_user_id", "owed_rewards", ["user_id"])
    op.create_index(
        "ix_owed_rewards_item_id_id",
        "owed_rewards",
        ["item_id", "id"],
        postgresql_where=sa.text("fulfilled_at IS NULL"),
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index("ix_owed_rewards_item_id_id", table_name="owed_rewards")
    op.drop_index("ix_owed_rewards_user_id", table_name="owed_rewards")
    op.drop_table("owed_rewards")
    op.drop_table("items")
    op.drop_column("missions", "budget_exhausted_at")
    op.drop_column("missions", "budget_spent")
