"""Callbacks keep a short reason, not the receiver's answer (issue 13.7): existing rows trimmed.

A refused callback's `last_error` used to be `HTTP <status>: <the first 300 bytes of the answer>`,
shown to admins by `GET /v1/callbacks`; the answer is the receiver's (an internal page, a token)
and is no longer kept. Rows written before keep only their `HTTP <status>`. No schema change.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.execute(
        """
        UPDATE callbacks
        SET last_error = substring(last_error FROM '^HTTP [0-9]{3}')
        WHERE last_error ~ '^HTTP [0-9]{3}:'
        """
    )


def downgrade() -> None:
    """Revert this revision (nothing to undo: the trimmed answers are gone)."""
