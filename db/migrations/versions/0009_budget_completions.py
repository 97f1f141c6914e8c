"""Budget caps counted in completions (issue 12.6): the completions a capped mission recorded.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    # Counted from now on, like budget_spent: completions recorded before this revision are not known.
    op.add_column(
        "missions", sa.Column("budget_completions", sa.BigInteger, nullable=False, server_default=sa.text("0"))
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_column("missions", "budget_completions")
