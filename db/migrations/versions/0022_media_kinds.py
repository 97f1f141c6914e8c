"""Magic links and uploaded card and page images (issue 17).

`mission_links`: each mission's shareable link token and the audience set on it.
`mission_images`: images uploaded for a mission's card or page (the bytes in the object store).
The new proof kinds (`linkedin_post`, `document`) live in the mission spec's JSON: no column.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | Sequence[str] | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "mission_links",
        sa.Column("mission_id", sa.Text, nullable=False),
        sa.Column("token", sa.Text, nullable=False),
        sa.Column("audience", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.PrimaryKeyConstraint("mission_id", name="pk_mission_links"),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["missions.id"], name="fk_mission_links_mission_id_missions", ondelete="CASCADE"
        ),
        sa.UniqueConstraint("token", name="uq_mission_links_token"),
    )
    op.create_table(
        "mission_images",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("mission_id", sa.Text, nullable=False),
        sa.Column("slot", sa.Text, nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("content_type", sa.Text, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("filename", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.PrimaryKeyConstraint("id", name="pk_mission_images"),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["missions.id"], name="fk_mission_images_mission_id_missions", ondelete="CASCADE"
        ),
        sa.CheckConstraint("slot IN ('card', 'page')", name="ck_mission_images_slot"),
    )
    op.create_index("ix_mission_images_mission_id_created_at", "mission_images", ["mission_id", "created_at"])


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index("ix_mission_images_mission_id_created_at", table_name="mission_images")
    op.drop_table("mission_images")
    op.drop_table("mission_links")
