"""Notifications: templates per event, the channels that deliver them (signed webhook, SMTP email,
Slack-style webhook), one delivery row per user and channel, and the fan-out jobs that send one notification
to many users in the background (a mission's activation, a Send Update to all its users) (issue 17).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

revision: str = "0018"
down_revision: str | Sequence[str] | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "notification_templates",
        sa.Column("event", sa.Text, nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("html", sa.Text),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.PrimaryKeyConstraint("event", name="pk_notification_templates"),
    )
    op.create_table(
        "notification_channels",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("events", ARRAY(sa.Text), nullable=False),
        sa.Column("email_attribute", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("deleted_at", sa.DateTime(timezone=True)),
        sa.CheckConstraint("kind IN ('webhook', 'email', 'slack')", name="ck_notification_channels_kind"),
        sa.PrimaryKeyConstraint("id", name="pk_notification_channels"),
    )
    op.create_table(
        "notification_deliveries",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("channel_id", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("event", sa.Text, nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("mission_id", sa.Text),
        sa.Column("user_id", sa.Text, nullable=False),
        sa.Column("values", JSONB, nullable=False),
        sa.Column("status", sa.Text, nullable=False, server_default=sa.text("'pending'")),
        sa.Column("attempts", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("retry_from", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("last_error", sa.Text),
        sa.Column("last_status", sa.Integer),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("last_attempt_at", sa.DateTime(timezone=True)),
        sa.Column("delivered_at", sa.DateTime(timezone=True)),
        sa.Column("failed_at", sa.DateTime(timezone=True)),
        sa.CheckConstraint(
            "status IN ('pending', 'delivered', 'failed', 'skipped')", name="ck_notification_deliveries_status"
        ),
        sa.ForeignKeyConstraint(
            ["channel_id"],
            ["notification_channels.id"],
            name="fk_notification_deliveries_channel_id_notification_channels",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_notification_deliveries"),
    )
    op.create_index(
        "ix_notification_deliveries_due",
        "notification_deliveries",
        ["next_attempt_at"],
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.create_index("ix_notification_deliveries_status_created_at", "notification_deliveries", ["status", "created_at"])
    op.create_index(
        "ix_notification_deliveries_mission_id_created_at", "notification_deliveries", ["mission_id", "created_at"]
    )

    op.create_table(
        "notification_fanouts",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("mission_id", sa.Text, nullable=False),
        sa.Column("update_id", sa.Text),
        sa.Column("custom_text", sa.Text),
        sa.Column("status", sa.Text, nullable=False, server_default=sa.text("'running'")),
        sa.Column("after_user", sa.Text),
        sa.Column("told", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("lease_until", sa.DateTime(timezone=True)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
        sa.CheckConstraint("kind IN ('launch', 'update')", name="ck_notification_fanouts_kind"),
        sa.CheckConstraint("status IN ('running', 'done')", name="ck_notification_fanouts_status"),
        sa.PrimaryKeyConstraint("id", name="pk_notification_fanouts"),
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table("notification_fanouts")
    op.drop_table("notification_deliveries")
    op.drop_table("notification_channels")
    op.drop_table("notification_templates")
