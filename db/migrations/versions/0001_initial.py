"""Initial schema: missions and their catalogue, users, events, enrolments, ledger, submissions.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Written out rather than imported from db.tables: a migration must keep creating the schema of
# its own day even after tables.py moves on.
EMPTY_OBJECT = sa.text("'{}'::jsonb")


def timestamp(name: str, *, nullable: bool = False, default: bool = True) -> sa.Column:
    return sa.Column(
        name,
        sa.DateTime(timezone=True),
        nullable=nullable,
        server_default=sa.func.now() if default else None,
    )


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "categories",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("description", sa.Text),
        timestamp("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_categories"),
    )
    op.create_table(
        "quests",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("description", sa.Text),
        sa.Column("reward", JSONB),
        timestamp("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_quests"),
    )
    op.create_table(
        "missions",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("event_type", sa.Text),
        sa.Column("category_id", sa.Text),
        sa.Column("quest_id", sa.Text),
        sa.Column("spec", JSONB, nullable=False),
        timestamp("created_at"),
        timestamp("updated_at"),
        timestamp("activated_at", nullable=True, default=False),
        timestamp("archived_at", nullable=True, default=False),
        sa.PrimaryKeyConstraint("id", name="pk_missions"),
        sa.CheckConstraint("status IN ('draft', 'active', 'archived')", name="ck_missions_status"),
        sa.ForeignKeyConstraint(["category_id"], ["categories.id"], name="fk_missions_category_id_categories"),
        sa.ForeignKeyConstraint(["quest_id"], ["quests.id"], name="fk_missions_quest_id_quests"),
    )
    op.create_index("ix_missions_status_event_type", "missions", ["status", "event_type"])
    op.create_index("ix_missions_status_type", "missions", ["status", "type"])

    op.create_table(
        "mission_revisions",
        sa.Column("mission_id", sa.Text, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("spec", JSONB, nullable=False),
        timestamp("created_at"),
        sa.PrimaryKeyConstraint("mission_id", "revision", name="pk_mission_revisions"),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["missions.id"], name="fk_mission_revisions_mission_id_missions"
        ),
    )

    catalogue_version = op.create_table(
        "catalogue_version",
        sa.Column("id", sa.SmallInteger, nullable=False, autoincrement=False),
        sa.Column("version", sa.BigInteger, nullable=False, server_default=sa.text("0")),
        sa.PrimaryKeyConstraint("id", name="pk_catalogue_version"),
        sa.CheckConstraint("id = 1", name="ck_catalogue_version_single_row"),
    )
    op.bulk_insert(catalogue_version, [{"id": 1, "version": 0}])

    op.create_table(
        "users",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("attributes", JSONB, nullable=False, server_default=EMPTY_OBJECT),
        sa.Column("tier", sa.Text),
        sa.Column("social", JSONB, nullable=False, server_default=EMPTY_OBJECT),
        timestamp("joined_at", nullable=True, default=False),
        timestamp("created_at"),
        timestamp("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
    )

    op.create_table(
        "events",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("user_id", sa.Text, nullable=False),
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("value", sa.Numeric),
        sa.Column("tags", ARRAY(sa.Text), nullable=False, server_default=sa.text("'{}'::text[]")),
        timestamp("occurred_at", nullable=True, default=False),
        timestamp("received_at"),
        sa.Column("attributes", JSONB, nullable=False, server_default=EMPTY_OBJECT),
        timestamp("routed_at", nullable=True, default=False),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
    )
    op.create_index(
        "ix_events_unrouted_received_at",
        "events",
        ["received_at"],
        postgresql_where=sa.text("routed_at IS NULL"),
    )
    op.create_index("ix_events_user_id_received_at", "events", ["user_id", "received_at"])

    op.create_table(
        "enrolments",
        sa.Column("mission_id", sa.Text, nullable=False),
        sa.Column("user_id", sa.Text, nullable=False),
        sa.Column("workflow_id", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("state", JSONB, nullable=False),
        sa.Column("version", sa.BigInteger, nullable=False),
        sa.Column("completions", sa.Integer, nullable=False, server_default=sa.text("0")),
        timestamp("updated_at"),
        sa.PrimaryKeyConstraint("mission_id", "user_id", name="pk_enrolments"),
        sa.ForeignKeyConstraint(["mission_id"], ["missions.id"], name="fk_enrolments_mission_id_missions"),
    )
    op.create_index("ix_enrolments_user_id", "enrolments", ["user_id"])
    op.create_index("ix_enrolments_mission_id_status", "enrolments", ["mission_id", "status"])

    op.create_table(
        "ledger",
        sa.Column("id", sa.BigInteger, nullable=False, autoincrement=True),
        sa.Column("user_id", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("points", sa.BigInteger, nullable=False, server_default=sa.text("0")),
        sa.Column("item_id", sa.Text),
        sa.Column("label", sa.Text),
        sa.Column("mission_id", sa.Text),
        sa.Column("idempotency_key", sa.Text, nullable=False),
        timestamp("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_ledger"),
        sa.CheckConstraint("kind IN ('points', 'item', 'direct')", name="ck_ledger_kind"),
        sa.ForeignKeyConstraint(["mission_id"], ["missions.id"], name="fk_ledger_mission_id_missions"),
        sa.UniqueConstraint("idempotency_key", name="uq_ledger_idempotency_key"),
    )
    op.create_index("ix_ledger_user_id_id", "ledger", ["user_id", "id"])

    op.create_table(
        "submissions",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("mission_id", sa.Text, nullable=False),
        sa.Column("user_id", sa.Text, nullable=False),
        sa.Column("proof", JSONB, nullable=False),
        sa.Column("status", sa.Text, nullable=False, server_default=sa.text("'pending'")),
        sa.Column("feedback", sa.Text),
        timestamp("created_at"),
        timestamp("decided_at", nullable=True, default=False),
        sa.PrimaryKeyConstraint("id", name="pk_submissions"),
        sa.CheckConstraint("status IN ('pending', 'approved', 'declined')", name="ck_submissions_status"),
        sa.ForeignKeyConstraint(["mission_id"], ["missions.id"], name="fk_submissions_mission_id_missions"),
    )
    op.create_index("ix_submissions_status_created_at", "submissions", ["status", "created_at"])
    op.create_index("ix_submissions_mission_id_user_id", "submissions", ["mission_id", "user_id"])


def downgrade() -> None:
    """Revert this revision."""
    for table in (
        "submissions",
        "ledger",
        "enrolments",
        "events",
        "users",
        "catalogue_version",
        "mission_revisions",
        "missions",
        "quests",
        "categories",
    ):
        op.drop_table(table)
