"""The event log partitioned by month, with its dedupe kept in `event_ids` (issue 19).

`events` becomes a table partitioned by `received_at`, one partition per UTC month
(`events_pYYYYMM`), so an old month can be detached and dropped without touching live traffic
(`db.events.drop_before`, driven by `QUESTLINE_EVENT_RETENTION`). A partitioned table's unique
keys must include the partition key, so the event id alone no longer is one: `event_ids` (an id
per logged event, with when it was received) is what makes a repeated id a duplicate, across
partitions, for as long as the retention keeps it.

`events_ensure_partition(month)` creates a month's partition when it is missing (ingest calls it
for a month it has not seen; the maintenance relay creates the coming months ahead).

The existing log is copied into the new table (under an exclusive lock: run it in a deploy
window for a large log), and `event_ids` filled from it.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-03
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0025"
down_revision: str | Sequence[str] | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = "id, user_id, type, value, tags, occurred_at, received_at, attributes, routed_at"

ENSURE_FUNCTION = """
CREATE OR REPLACE FUNCTION events_ensure_partition(month date) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  first date := date_trunc('month', month)::date;
  name text := 'events_p' || to_char(first, 'YYYYMM');
BEGIN
  IF to_regclass(name) IS NULL THEN
    -- Serialises concurrent creators of the same month (the loser finds it made).
    PERFORM pg_advisory_xact_lock(hashtext('events_ensure_partition'), hashtext(name));
    IF to_regclass(name) IS NULL THEN
      EXECUTE format(
        'CREATE TABLE %I PARTITION OF events FOR VALUES FROM (%L) TO (%L)',
        name, (first::timestamp AT TIME ZONE 'UTC'), ((first + interval '1 month')::timestamp AT TIME ZONE 'UTC'));
    END IF;
  END IF;
  RETURN name;
END
$$
"""

CREATE_PARENT = """
CREATE TABLE events (
  id text NOT NULL,
  user_id text NOT NULL,
  type text NOT NULL,
  value numeric,
  tags text[] DEFAULT '{}'::text[] NOT NULL,
  occurred_at timestamptz,
  received_at timestamptz DEFAULT now() NOT NULL,
  attributes jsonb DEFAULT '{}'::jsonb NOT NULL,
  routed_at timestamptz,
  CONSTRAINT pk_events PRIMARY KEY (id, received_at)
) PARTITION BY RANGE (received_at)
"""


def upgrade() -> None:
    """Apply this revision."""
    op.execute("LOCK TABLE events IN ACCESS EXCLUSIVE MODE")
    op.execute("ALTER TABLE events RENAME TO events_unpartitioned")
    op.execute("ALTER TABLE events_unpartitioned RENAME CONSTRAINT pk_events TO pk_events_unpartitioned")
    for index in ("ix_events_unrouted_received_at", "ix_events_user_id_received_at", "ix_events_type_received_at_id"):
        op.execute(f"ALTER INDEX {index} RENAME TO {index}_unpartitioned")
    op.execute(CREATE_PARENT)
    op.execute("CREATE INDEX ix_events_unrouted_received_at ON events (received_at) WHERE routed_at IS NULL")
    op.execute("CREATE INDEX ix_events_user_id_received_at ON events (user_id, received_at)")
    op.execute("CREATE INDEX ix_events_type_received_at_id ON events (type, received_at, id)")
    op.execute(ENSURE_FUNCTION)
    # Every month the log holds, this one and the next three.
    op.execute(
        "SELECT events_ensure_partition(m::date) FROM ("
        " SELECT DISTINCT date_trunc('month', received_at AT TIME ZONE 'UTC') AS m FROM events_unpartitioned"
        " UNION SELECT date_trunc('month', now() AT TIME ZONE 'UTC') + n * interval '1 month'"
        " FROM generate_series(0, 3) n) months"
    )
    op.execute(f"INSERT INTO events ({COLUMNS}) SELECT {COLUMNS} FROM events_unpartitioned")
    op.execute(
        "CREATE TABLE event_ids (id text NOT NULL, received_at timestamptz NOT NULL,"
        " CONSTRAINT pk_event_ids PRIMARY KEY (id))"
    )
    op.execute("CREATE INDEX ix_event_ids_received_at ON event_ids (received_at)")
    op.execute("INSERT INTO event_ids (id, received_at) SELECT id, received_at FROM events_unpartitioned")
    op.execute("DROP TABLE events_unpartitioned")


def downgrade() -> None:
    """Revert this revision: one plain table again (ids unique), the partitions and dedupe dropped."""
    op.execute("LOCK TABLE events IN ACCESS EXCLUSIVE MODE")
    op.execute("ALTER TABLE events RENAME TO events_partitioned")
    op.execute("ALTER TABLE events_partitioned RENAME CONSTRAINT pk_events TO pk_events_partitioned")
    for index in ("ix_events_unrouted_received_at", "ix_events_user_id_received_at", "ix_events_type_received_at_id"):
        op.execute(f"ALTER INDEX {index} RENAME TO {index}_partitioned")
    op.execute(CREATE_PARENT.replace("PRIMARY KEY (id, received_at)", "PRIMARY KEY (id)").split(") PARTITION")[0] + ")")
    op.execute("CREATE INDEX ix_events_unrouted_received_at ON events (received_at) WHERE routed_at IS NULL")
    op.execute("CREATE INDEX ix_events_user_id_received_at ON events (user_id, received_at)")
    op.execute("CREATE INDEX ix_events_type_received_at_id ON events (type, received_at, id)")
    op.execute(
        f"INSERT INTO events ({COLUMNS}) SELECT DISTINCT ON (id) {COLUMNS} FROM events_partitioned"
        " ORDER BY id, received_at"
    )
    op.execute("DROP TABLE events_partitioned")
    op.execute("DROP TABLE event_ids")
    op.execute("DROP FUNCTION IF EXISTS events_ensure_partition(date)")
