"""Completions counted, by announcement id (issue 13.2): `completion_records`, backfilled.

"This completion was already counted" used to be read from the event log, whose ids clients
choose: a client could send an event under the id of a user's future completion announcement and
make that completion count as counted (refused, were it not for that, once a budget cap is spent).
The new table is written only by the completion activity, in the completion's transaction.
Existing completions are taken from their announcements (the only events of the internal type
`questline.mission_completed`, which clients have never been allowed to send).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "completion_records",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("mission_id", sa.Text, nullable=False),
        sa.Column("user_id", sa.Text, nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["mission_id"], ["missions.id"], name="fk_completion_records_mission_id_missions"),
        sa.PrimaryKeyConstraint("id", name="pk_completion_records"),
    )
    op.execute(
        """
        INSERT INTO completion_records (id, mission_id, user_id, completed_at)
        SELECT e.id, m.id, e.user_id, e.received_at
        FROM events e
        JOIN missions m ON m.id = e.attributes->>'mission_id'
        WHERE e.type = 'questline.mission_completed'
        ON CONFLICT (id) DO NOTHING
        """
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table("completion_records")
