"""Mission lifecycle: pause/resume, deletion audit, edit-lock (issue 17).

Missions may be `paused` (with `paused_at`, every pause kept in `mission_pauses`) and `deleted`
(`deleted_at`; the deletion's job and audit in `mission_deletions`). The survey edit-lock needs no
schema: it reads `submissions`.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0019"
down_revision: str | Sequence[str] | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NOW = sa.text("now()")


def upgrade() -> None:
    """Apply this revision."""
    op.add_column("missions", sa.Column("paused_at", sa.DateTime(timezone=True)))
    op.add_column("missions", sa.Column("deleted_at", sa.DateTime(timezone=True)))
    op.drop_constraint("ck_missions_status", "missions", type_="check")
    op.create_check_constraint(
        "ck_missions_status", "missions", "status IN ('draft', 'active', 'archived', 'paused', 'deleted')"
    )
    op.create_table(
        "mission_pauses",
        sa.Column("mission_id", sa.Text, nullable=False),
        sa.Column("paused_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resumed_at", sa.DateTime(timezone=True)),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["missions.id"], name="fk_mission_pauses_mission_id_missions", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("mission_id", "paused_at", name="pk_mission_pauses"),
    )
    op.create_table(
        "mission_deletions",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("mission_id", sa.Text, nullable=False),
        sa.Column("previous_status", sa.Text, nullable=False),
        sa.Column("requested_by", sa.Text, nullable=False),
        sa.Column("step", sa.Text, nullable=False, server_default=sa.text("'journeys'")),
        sa.Column("journeys_closed", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("points_reversed", sa.BigInteger, nullable=False, server_default=sa.text("0")),
        sa.Column("users_reversed", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("submissions_removed", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("proof_keys", JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=_NOW),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=_NOW),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
        sa.ForeignKeyConstraint(["mission_id"], ["missions.id"], name="fk_mission_deletions_mission_id_missions"),
        sa.PrimaryKeyConstraint("id", name="pk_mission_deletions"),
        sa.UniqueConstraint("mission_id", name="uq_mission_deletions_mission_id"),
        sa.CheckConstraint("step IN ('journeys', 'points', 'proofs', 'done')", name="ck_mission_deletions_step"),
    )


def downgrade() -> None:
    """Revert this revision (paused missions become active again; deleted ones archived)."""
    op.drop_table("mission_deletions")
    op.drop_table("mission_pauses")
    op.execute("UPDATE missions SET status = 'active' WHERE status = 'paused'")
    op.execute(
        "UPDATE missions SET status = 'archived', archived_at = coalesce(archived_at, deleted_at)"
        " WHERE status = 'deleted'"
    )
    op.drop_constraint("ck_missions_status", "missions", type_="check")
    op.create_check_constraint("ck_missions_status", "missions", "status IN ('draft', 'active', 'archived')")
    op.drop_column("missions", "deleted_at")
    op.drop_column("missions", "paused_at")
