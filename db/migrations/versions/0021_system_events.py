"""System events: referrals and the event type catalogue (issue 17).

`referrals`: who referred whom (one referrer per referred user) and when the referrer's
`questline.referral` fired. `event_type_counts`: how often each event type was logged through
ingestion and when last, maintained on ingest so `GET /v1/event-types` never scans the log;
seeded here from the log as it stands.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | Sequence[str] | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "referrals",
        sa.Column("referred_user_id", sa.Text, nullable=False),
        sa.Column("referrer_user_id", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("fired_at", sa.DateTime(timezone=True)),
        sa.Column("event_id", sa.Text),
        sa.PrimaryKeyConstraint("referred_user_id", name="pk_referrals"),
    )
    op.create_index("ix_referrals_referrer_user_id_created_at", "referrals", ["referrer_user_id", "created_at"])
    op.create_table(
        "event_type_counts",
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("count", sa.BigInteger, nullable=False, server_default=sa.text("0")),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("type", name="pk_event_type_counts"),
    )
    op.execute(
        "INSERT INTO event_type_counts (type, count, last_seen) "
        "SELECT type, count(*), max(received_at) FROM events GROUP BY type"
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table("event_type_counts")
    op.drop_index("ix_referrals_referrer_user_id_created_at", table_name="referrals")
    op.drop_table("referrals")
