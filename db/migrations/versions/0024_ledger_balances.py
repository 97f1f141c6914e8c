"""Ledger balances: each user's running sum of points, kept by the ledger's trigger (issue 19).

A wallet, a tier and a segment's `points_at_least` read one row instead of summing every ledger
line of the user (100k lines for a heavy user). The ledger stays append-only and the source: the
sum is written in the same transaction as each ledger row, and tests check they agree. A partial
index serves a wallet's item rows.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0024"
down_revision: str | Sequence[str] | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TRIGGER_FUNCTION = """
CREATE OR REPLACE FUNCTION ledger_balances_on_ledger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ledger_balances AS b (user_id, points, lines) VALUES (NEW.user_id, NEW.points, 1)
  ON CONFLICT (user_id) DO UPDATE SET points = b.points + EXCLUDED.points, lines = b.lines + 1;
  RETURN NULL;
END
$$
"""


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "ledger_balances",
        sa.Column("user_id", sa.Text, nullable=False),
        sa.Column("points", sa.BigInteger, nullable=False),
        sa.Column("lines", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("user_id", name="pk_ledger_balances"),
    )
    op.create_index("ix_ledger_user_id_items", "ledger", ["user_id", "id"], postgresql_where=sa.text("kind = 'item'"))
    # No grant may land between the fill and the trigger: writers wait on the lock until commit.
    op.execute("LOCK TABLE ledger IN SHARE MODE")
    op.execute(TRIGGER_FUNCTION)
    op.execute(
        "CREATE TRIGGER ledger_balances_on_ledger AFTER INSERT ON ledger FOR EACH ROW"
        " EXECUTE FUNCTION ledger_balances_on_ledger()"
    )
    op.execute(
        "INSERT INTO ledger_balances (user_id, points, lines)"
        " SELECT user_id, sum(points), count(*) FROM ledger GROUP BY user_id"
    )


def downgrade() -> None:
    """Revert this revision."""
    op.execute("DROP TRIGGER IF EXISTS ledger_balances_on_ledger ON ledger")
    op.execute("DROP FUNCTION IF EXISTS ledger_balances_on_ledger()")
    op.drop_index("ix_ledger_user_id_items", table_name="ledger")
    op.drop_table("ledger_balances")
