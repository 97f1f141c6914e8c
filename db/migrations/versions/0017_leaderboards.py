"""Leaderboards: definitions, standings per (leaderboard, period, user), the count of users per
score (what a rank sums), and the triggers that keep standings in step with every ledger row and
counted completion in the writing transaction (issue 17).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | Sequence[str] | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The period a moment falls in, as the local date its period starts on ('all' for all time).
PERIOD_FUNCTION = """
CREATE OR REPLACE FUNCTION leaderboard_period(period text, tz text, week_starts text, at timestamptz)
RETURNS text LANGUAGE sql STABLE AS $$
  SELECT CASE period
    WHEN 'all' THEN 'all'
    WHEN 'day' THEN to_char((at AT TIME ZONE tz)::date, 'YYYY-MM-DD')
    WHEN 'month' THEN to_char(date_trunc('month', at AT TIME ZONE tz)::date, 'YYYY-MM-DD')
    ELSE CASE week_starts
      WHEN 'sunday' THEN to_char(
        (date_trunc('week', (at AT TIME ZONE tz) + interval '1 day') - interval '1 day')::date, 'YYYY-MM-DD')
      ELSE to_char(date_trunc('week', at AT TIME ZONE tz)::date, 'YYYY-MM-DD')
    END
  END
$$
"""

# Adds `delta` to a user's standing in one period, moving them between score counts and between
# tie counts (users per score and hour of reaching it: what ranks a large tie group quickly).
ADD_FUNCTION = """
CREATE OR REPLACE FUNCTION leaderboard_add(lb text, per text, uid text, delta bigint, at timestamptz)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  old_score bigint;
  old_at timestamptz;
  new_score bigint;
  new_at timestamptz;
BEGIN
  LOOP
    SELECT score, reached_at INTO old_score, old_at FROM leaderboard_standings
    WHERE leaderboard_id = lb AND period = per AND user_id = uid FOR UPDATE;
    IF FOUND THEN
      new_score := old_score + delta;
      new_at := greatest(old_at, at);
      UPDATE leaderboard_standings SET score = new_score, reached_at = new_at
      WHERE leaderboard_id = lb AND period = per AND user_id = uid;
      UPDATE leaderboard_score_counts SET users = users - 1
      WHERE leaderboard_id = lb AND period = per AND score = old_score;
      UPDATE leaderboard_tie_counts SET users = users - 1
      WHERE leaderboard_id = lb AND period = per AND score = old_score
        AND hour = floor(extract(epoch FROM old_at) / 3600)::bigint;
      EXIT;
    END IF;
    new_score := delta;
    new_at := at;
    INSERT INTO leaderboard_standings (leaderboard_id, period, user_id, score, reached_at)
    VALUES (lb, per, uid, new_score, new_at) ON CONFLICT DO NOTHING;
    EXIT WHEN FOUND;
  END LOOP;
  INSERT INTO leaderboard_score_counts AS c (leaderboard_id, period, score, users)
  VALUES (lb, per, new_score, 1)
  ON CONFLICT (leaderboard_id, period, score) DO UPDATE SET users = c.users + 1;
  INSERT INTO leaderboard_tie_counts AS c (leaderboard_id, period, score, hour, users)
  VALUES (lb, per, new_score, floor(extract(epoch FROM new_at) / 3600)::bigint, 1)
  ON CONFLICT (leaderboard_id, period, score, hour) DO UPDATE SET users = c.users + 1;
END
$$
"""

# Leaderboards in id order, so concurrent grants lock their standings in one order.
LEDGER_TRIGGER_FUNCTION = """
CREATE OR REPLACE FUNCTION leaderboards_on_ledger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  b record;
BEGIN
  FOR b IN SELECT id, period, time_zone, week_starts FROM leaderboards
           WHERE kind = 'points' AND status = 'active' ORDER BY id LOOP
    PERFORM leaderboard_add(b.id, leaderboard_period(b.period, b.time_zone, b.week_starts, NEW.created_at),
                            NEW.user_id, NEW.points, NEW.created_at);
  END LOOP;
  RETURN NULL;
END
$$
"""

COMPLETION_TRIGGER_FUNCTION = """
CREATE OR REPLACE FUNCTION leaderboards_on_completion() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  b record;
BEGIN
  FOR b IN SELECT id, period, time_zone, week_starts FROM leaderboards
           WHERE kind = 'completions' AND status = 'active' AND mission_id = NEW.mission_id ORDER BY id LOOP
    PERFORM leaderboard_add(b.id, leaderboard_period(b.period, b.time_zone, b.week_starts, NEW.completed_at),
                            NEW.user_id, 1, NEW.completed_at);
  END LOOP;
  RETURN NULL;
END
$$
"""


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "leaderboards",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("mission_id", sa.Text, nullable=True),
        sa.Column("period", sa.Text, nullable=False),
        sa.Column("time_zone", sa.Text, nullable=False),
        sa.Column("week_starts", sa.Text, nullable=False, server_default=sa.text("'monday'")),
        sa.Column("segment_id", sa.Text, nullable=True),
        sa.Column("tier", sa.Text, nullable=True),
        sa.Column("status", sa.Text, nullable=False, server_default=sa.text("'active'")),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_leaderboards"),
        sa.CheckConstraint("kind IN ('points', 'completions')", name="ck_leaderboards_kind"),
        sa.CheckConstraint("period IN ('day', 'week', 'month', 'all')", name="ck_leaderboards_period"),
        sa.CheckConstraint("week_starts IN ('monday', 'sunday')", name="ck_leaderboards_week_starts"),
        sa.CheckConstraint("status IN ('active', 'archived')", name="ck_leaderboards_status"),
    )
    op.create_table(
        "leaderboard_standings",
        sa.Column("leaderboard_id", sa.Text, nullable=False),
        sa.Column("period", sa.Text, nullable=False),
        sa.Column("user_id", sa.Text, nullable=False),
        sa.Column("score", sa.BigInteger, nullable=False),
        sa.Column("reached_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("leaderboard_id", "period", "user_id", name="pk_leaderboard_standings"),
        sa.ForeignKeyConstraint(
            ["leaderboard_id"],
            ["leaderboards.id"],
            name="fk_leaderboard_standings_leaderboard_id_leaderboards",
            ondelete="CASCADE",
        ),
    )
    op.create_index(
        "ix_leaderboard_standings_order",
        "leaderboard_standings",
        ["leaderboard_id", "period", sa.text("score DESC"), "reached_at", "user_id"],
    )
    op.create_table(
        "leaderboard_score_counts",
        sa.Column("leaderboard_id", sa.Text, nullable=False),
        sa.Column("period", sa.Text, nullable=False),
        sa.Column("score", sa.BigInteger, nullable=False),
        sa.Column("users", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("leaderboard_id", "period", "score", name="pk_leaderboard_score_counts"),
        sa.ForeignKeyConstraint(
            ["leaderboard_id"],
            ["leaderboards.id"],
            name="fk_leaderboard_score_counts_leaderboard_id_leaderboards",
            ondelete="CASCADE",
        ),
    )
    op.create_table(
        "leaderboard_tie_counts",
        sa.Column("leaderboard_id", sa.Text, nullable=False),
        sa.Column("period", sa.Text, nullable=False),
        sa.Column("score", sa.BigInteger, nullable=False),
        sa.Column("hour", sa.BigInteger, nullable=False),
        sa.Column("users", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("leaderboard_id", "period", "score", "hour", name="pk_leaderboard_tie_counts"),
        sa.ForeignKeyConstraint(
            ["leaderboard_id"],
            ["leaderboards.id"],
            name="fk_leaderboard_tie_counts_leaderboard_id_leaderboards",
            ondelete="CASCADE",
        ),
    )
    for sql in (PERIOD_FUNCTION, ADD_FUNCTION, LEDGER_TRIGGER_FUNCTION, COMPLETION_TRIGGER_FUNCTION):
        op.execute(sql)
    op.execute(
        "CREATE TRIGGER leaderboards_on_ledger AFTER INSERT ON ledger FOR EACH ROW"
        " WHEN (NEW.points <> 0) EXECUTE FUNCTION leaderboards_on_ledger()"
    )
    op.execute(
        "CREATE TRIGGER leaderboards_on_completion AFTER INSERT ON completion_records FOR EACH ROW"
        " EXECUTE FUNCTION leaderboards_on_completion()"
    )


def downgrade() -> None:
    """Revert this revision."""
    op.execute("DROP TRIGGER IF EXISTS leaderboards_on_completion ON completion_records")
    op.execute("DROP TRIGGER IF EXISTS leaderboards_on_ledger ON ledger")
    op.execute("DROP FUNCTION IF EXISTS leaderboards_on_completion()")
    op.execute("DROP FUNCTION IF EXISTS leaderboards_on_ledger()")
    op.execute("DROP FUNCTION IF EXISTS leaderboard_add(text, text, text, bigint, timestamptz)")
    op.execute("DROP FUNCTION IF EXISTS leaderboard_period(text, text, text, timestamptz)")
    op.drop_table("leaderboard_tie_counts")
    op.drop_table("leaderboard_score_counts")
    op.drop_index("ix_leaderboard_standings_order", table_name="leaderboard_standings")
    op.drop_table("leaderboard_standings")
    op.drop_table("leaderboards")
