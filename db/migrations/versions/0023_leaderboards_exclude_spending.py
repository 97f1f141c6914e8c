"""Points leaderboards count points earned, not points spent.

A purchase paid in points (a streak freeze from the bonus shop) is a negative ledger row naming the
item bought; it lowers the balance but not what the user earned, so the ledger trigger no longer
moves standings for it. A negative row without an item (a reversal, e.g. a deleted mission's points
taken back) still lowers them. Standings already moved by a purchase are recomputed from the ledger.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-03
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0023"
down_revision: str | Sequence[str] | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EARNED = "NEW.points > 0 OR (NEW.points < 0 AND NEW.item_id IS NULL)"

# Every points board's standings and counts rebuilt from the earned rows (a purchase already counted
# is taken out); the tables are small next to the ledger and this runs once.
REBUILD = """
DELETE FROM leaderboard_tie_counts WHERE leaderboard_id IN (SELECT id FROM leaderboards WHERE kind = 'points');
DELETE FROM leaderboard_score_counts WHERE leaderboard_id IN (SELECT id FROM leaderboards WHERE kind = 'points');
DELETE FROM leaderboard_standings WHERE leaderboard_id IN (SELECT id FROM leaderboards WHERE kind = 'points');
INSERT INTO leaderboard_standings (leaderboard_id, period, user_id, score, reached_at)
SELECT b.id, leaderboard_period(b.period, b.time_zone, b.week_starts, l.created_at) AS per, l.user_id,
       sum(l.points), max(l.created_at)
FROM leaderboards b CROSS JOIN ledger l
WHERE b.kind = 'points' AND (l.points > 0 OR (l.points < 0 AND l.item_id IS NULL))
GROUP BY b.id, per, l.user_id;
INSERT INTO leaderboard_score_counts (leaderboard_id, period, score, users)
SELECT s.leaderboard_id, s.period, s.score, count(*) FROM leaderboard_standings s
JOIN leaderboards b ON b.id = s.leaderboard_id AND b.kind = 'points'
GROUP BY s.leaderboard_id, s.period, s.score;
INSERT INTO leaderboard_tie_counts (leaderboard_id, period, score, hour, users)
SELECT s.leaderboard_id, s.period, s.score, floor(extract(epoch FROM s.reached_at) / 3600)::bigint, count(*)
FROM leaderboard_standings s JOIN leaderboards b ON b.id = s.leaderboard_id AND b.kind = 'points'
GROUP BY 1, 2, 3, 4;
"""


def _trigger(when: str) -> None:
    op.execute("DROP TRIGGER IF EXISTS leaderboards_on_ledger ON ledger")
    op.execute(
        "CREATE TRIGGER leaderboards_on_ledger AFTER INSERT ON ledger FOR EACH ROW"
        f" WHEN ({when}) EXECUTE FUNCTION leaderboards_on_ledger()"
    )


def upgrade() -> None:
    """Apply this revision."""
    op.execute("LOCK TABLE ledger IN SHARE MODE")
    _trigger(EARNED)
    op.execute(REBUILD)


def downgrade() -> None:
    """Revert this revision (standings keep what they hold; new purchases count again)."""
    _trigger("NEW.points <> 0")
