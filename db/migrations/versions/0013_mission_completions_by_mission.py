"""Index mission_completions by mission: per-mission counts (the console's list, statistics) no
longer scan every user's completions. The primary key (user_id, mission_id) serves only lookups by user.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_index("ix_mission_completions_mission_id", "mission_completions", ["mission_id"])


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index("ix_mission_completions_mission_id", table_name="mission_completions")
