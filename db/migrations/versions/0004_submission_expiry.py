"""Submissions may expire: pending when the journey's deadline passed.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.drop_constraint("ck_submissions_status", "submissions", type_="check")
    op.create_check_constraint(
        "ck_submissions_status", "submissions", "status IN ('pending', 'approved', 'declined', 'expired')"
    )


def downgrade() -> None:
    """Revert this revision (expired submissions become declined)."""
    op.execute("UPDATE submissions SET status = 'declined' WHERE status = 'expired'")
    op.drop_constraint("ck_submissions_status", "submissions", type_="check")
    op.create_check_constraint("ck_submissions_status", "submissions", "status IN ('pending', 'approved', 'declined')")
