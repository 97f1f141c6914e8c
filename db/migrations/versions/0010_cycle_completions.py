"""Completions of a mission in any cycle (issue 12.9): `mission_completions`, backfilled.

The read model keeps a recurring mission's latest cycle only, so "completed mission X" (segments,
quests) forgot a completion of an earlier cycle. The new table counts every completion; existing
ones are taken from the completion announcements in the event log (one per completion, in every
cycle), and from the read model for any journey that shows more.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "mission_completions",
        sa.Column("user_id", sa.Text, nullable=False),
        sa.Column("mission_id", sa.Text, nullable=False),
        sa.Column("completions", sa.Integer, nullable=False),
        sa.Column("first_completed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_completed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["mission_id"], ["missions.id"], name="fk_mission_completions_mission_id_missions"),
        sa.PrimaryKeyConstraint("user_id", "mission_id", name="pk_mission_completions"),
    )
    # Every announcement is one completion (its id names the mission, user, cycle and completion).
    op.execute(
        """
        INSERT INTO mission_completions (user_id, mission_id, completions, first_completed_at, last_completed_at)
        SELECT e.user_id, e.attributes->>'mission_id', count(*), min(e.received_at), max(e.received_at)
        FROM events e
        JOIN missions m ON m.id = e.attributes->>'mission_id'
        WHERE e.type = 'questline.mission_completed'
        GROUP BY e.user_id, e.attributes->>'mission_id'
        """
    )
    # A journey whose row counts more (or an announcement that is missing) is not forgotten either.
    op.execute(
        """
        INSERT INTO mission_completions (user_id, mission_id, completions, first_completed_at, last_completed_at)
        SELECT user_id, mission_id, completions, updated_at, updated_at
        FROM enrolments
        WHERE completions > 0
        ON CONFLICT (user_id, mission_id) DO UPDATE
        SET completions = GREATEST(mission_completions.completions, excluded.completions)
        """
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table("mission_completions")
