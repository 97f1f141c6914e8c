"""Every table of Questline as SQLAlchemy Core objects (the schema the migrations create).

The migrations are written by hand and must produce exactly this schema; a test compares the two
with Alembic's autogenerate so they cannot drift apart silently. Ids are text, times are
`timestamptz`, and structured payloads are JSONB.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

#: Constraint names derived from table and columns, so migrations can name them predictably.
NAMING_CONVENTION = {
    "pk": "pk_%(table_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
}

metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)

_EMPTY_OBJECT = sa.text("'{}'::jsonb")


def _created_at() -> sa.Column[datetime]:
    return sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now())


def _updated_at() -> sa.Column[datetime]:
    return sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now())


categories = sa.Table(
    "categories",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("description", sa.Text),
    _created_at(),
)

quests = sa.Table(
    "quests",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("description", sa.Text),
    sa.Column("reward", JSONB),
    _created_at(),
)

missions = sa.Table(
    "missions",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("revision", sa.Integer, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("type", sa.Text, nullable=False),
    # Copied out of spec.goal so the event router can find active missions by event type.
    sa.Column("event_type", sa.Text),
    sa.Column("category_id", sa.Text, sa.ForeignKey(categories.c.id)),
    sa.Column("quest_id", sa.Text, sa.ForeignKey(quests.c.id)),
    # The current revision's MissionSpec, model_dump(mode="json", exclude_none=True).
    sa.Column("spec", JSONB, nullable=False),
    _created_at(),
    _updated_at(),
    sa.Column("activated_at", sa.DateTime(timezone=True)),
    sa.Column("archived_at", sa.DateTime(timezone=True)),
    # Points granted by this mission so far, kept with each grant (under the row's lock) for `budget_cap`.
    sa.Column("budget_spent", sa.BigInteger, nullable=False, server_default=sa.text("0")),
    # Completions recorded while the mission had a cap, counted like `budget_spent` (for `budget_cap.completions`).
    sa.Column("budget_completions", sa.BigInteger, nullable=False, server_default=sa.text("0")),
    # When the count the cap names first reached it: users who have not started no longer see the mission.
    sa.Column("budget_exhausted_at", sa.DateTime(timezone=True)),
    # A user-created challenge is a mission of its own user only (null: an operator's mission).
    sa.Column("owner_user_id", sa.Text),
    # Mission lifecycle (migration 0019): when the current pause began, when it was deleted.
    sa.Column("paused_at", sa.DateTime(timezone=True)),
    sa.Column("deleted_at", sa.DateTime(timezone=True)),
    sa.CheckConstraint("status IN ('draft', 'active', 'archived', 'paused', 'deleted')", name="status"),
    sa.Index(
        "ix_missions_owner_user_id_status",
        "owner_user_id",
        "status",
        postgresql_where=sa.text("owner_user_id IS NOT NULL"),
    ),
    sa.Index("ix_missions_status_event_type", "status", "event_type"),
    sa.Index("ix_missions_status_type", "status", "type"),
)

mission_revisions = sa.Table(
    "mission_revisions",
    metadata,
    sa.Column("mission_id", sa.Text, sa.ForeignKey(missions.c.id), primary_key=True),
    sa.Column("revision", sa.Integer, primary_key=True),
    sa.Column("spec", JSONB, nullable=False),
    _created_at(),
)

#: One row (id = 1) whose version every mission write bumps, so routers know when to reload.
catalogue_version = sa.Table(
    "catalogue_version",
    metadata,
    sa.Column("id", sa.SmallInteger, primary_key=True, autoincrement=False),
    sa.Column("version", sa.BigInteger, nullable=False, server_default=sa.text("0")),
    sa.CheckConstraint("id = 1", name="single_row"),
)

users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("attributes", JSONB, nullable=False, server_default=_EMPTY_OBJECT),
    sa.Column("tier", sa.Text),
    sa.Column("social", JSONB, nullable=False, server_default=_EMPTY_OBJECT),
    sa.Column("joined_at", sa.DateTime(timezone=True)),
    #: The user's own IANA time zone (migration 0020).
    sa.Column("time_zone", sa.Text),
    _created_at(),
    _updated_at(),
)

#: Tiers the operator defines; a user's tier is the highest whose threshold their points reach,
#: unless set explicitly on the user. A tier with no threshold is only ever set explicitly.
tiers = sa.Table(
    "tiers",
    metadata,
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("min_points", sa.BigInteger),
    _created_at(),
)

segments = sa.Table(
    "segments",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    # The rule of a `rule` segment (domain.segment_rules.SegmentRule JSON); null for `static` ones.
    sa.Column("rule", JSONB),
    _created_at(),
    _updated_at(),
    sa.CheckConstraint("kind IN ('rule', 'static')", name="kind"),
)

#: Stored membership: evaluated when what a rule depends on changes, or uploaded (static).
segment_members = sa.Table(
    "segment_members",
    metadata,
    sa.Column("segment_id", sa.Text, sa.ForeignKey(segments.c.id, ondelete="CASCADE"), primary_key=True),
    sa.Column("user_id", sa.Text, primary_key=True),
    sa.Column("entered_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    sa.Index("ix_segment_members_user_id", "user_id"),
)

events = sa.Table(
    "events",
    metadata,
    # The client's event id. The log is partitioned by month of `received_at` (migration 0025:
    # `events_pYYYYMM`), so the key includes it; `event_ids` is what makes a repeat a duplicate.
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("user_id", sa.Text, nullable=False),
    sa.Column("type", sa.Text, nullable=False),
    sa.Column("value", sa.Numeric),
    sa.Column("tags", ARRAY(sa.Text), nullable=False, server_default=sa.text("'{}'::text[]")),
    sa.Column("occurred_at", sa.DateTime(timezone=True)),
    sa.Column(
        "received_at", sa.DateTime(timezone=True), primary_key=True, nullable=False, server_default=sa.func.now()
    ),
    sa.Column("attributes", JSONB, nullable=False, server_default=_EMPTY_OBJECT),
    # Outbox marker: null until the event has been delivered to the journeys it can change.
    sa.Column("routed_at", sa.DateTime(timezone=True)),
    sa.Index("ix_events_unrouted_received_at", "received_at", postgresql_where=sa.text("routed_at IS NULL")),
    sa.Index("ix_events_user_id_received_at", "user_id", "received_at"),
    # Backtests page one event type's log by (received_at, id).
    sa.Index("ix_events_type_received_at_id", "type", "received_at", "id"),
    postgresql_partition_by="RANGE (received_at)",
)

#: Every logged event's id with when it was received: the dedupe of the partitioned log (a repeat
#: of an id still here is a duplicate, whichever month it was logged in). Pruned with the log's
#: partitions when a retention is set (`QUESTLINE_EVENT_RETENTION`).
event_ids = sa.Table(
    "event_ids",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_event_ids_received_at", "received_at"),
)

#: Every event id sent again with the same payload (answered `duplicate: true`), when it was:
#: what an explanation shows as not counted (`duplicate_id`). A 409 conflict is not a repeat.
event_repeats = sa.Table(
    "event_repeats",
    metadata,
    sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.Text, nullable=False),
    sa.Column("user_id", sa.Text, nullable=False),
    sa.Column("type", sa.Text, nullable=False),
    sa.Column("received_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    sa.Index("ix_event_repeats_user_id_type_received_at", "user_id", "type", "received_at"),
)

#: The read model: one row per journey, written by the projection activity.
enrolments = sa.Table(
    "enrolments",
    metadata,
    sa.Column("mission_id", sa.Text, sa.ForeignKey(missions.c.id), primary_key=True),
    sa.Column("user_id", sa.Text, primary_key=True),
    sa.Column("workflow_id", sa.Text, nullable=False),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("revision", sa.Integer, nullable=False),
    sa.Column("state", JSONB, nullable=False),
    # Monotonic per journey; a write applies only when its version is newer than the row's.
    sa.Column("version", sa.BigInteger, nullable=False),
    sa.Column("completions", sa.Integer, nullable=False, server_default=sa.text("0")),
    # Recurring missions run one journey per cycle; the row holds the latest cycle's journey.
    sa.Column("cycle", sa.Integer, nullable=False, server_default=sa.text("0")),
    _updated_at(),
    sa.Index("ix_enrolments_user_id", "user_id"),
    sa.Index("ix_enrolments_mission_id_status", "mission_id", "status"),
)

#: Every mission a user has completed, in any cycle or round: what "completed mission X" reads
#: (segments, quests). The read model keeps only a recurring mission's latest cycle, so it cannot
#: tell; this row is counted up once per completion, with its announcement in `complete_journey`.
mission_completions = sa.Table(
    "mission_completions",
    metadata,
    sa.Column("user_id", sa.Text, primary_key=True),
    sa.Column("mission_id", sa.Text, sa.ForeignKey(missions.c.id), primary_key=True),
    # Completions over every cycle (a recurring mission) or round (recurring on completion).
    sa.Column("completions", sa.Integer, nullable=False),
    sa.Column("first_completed_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_completed_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_mission_completions_mission_id", "mission_id"),
)

#: One row per completion counted, under its announcement's id: what "already counted" is decided
#: from. Only the completion activity writes it (the event log's ids are chosen by clients too).
completion_records = sa.Table(
    "completion_records",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("mission_id", sa.Text, sa.ForeignKey(missions.c.id), nullable=False),
    sa.Column("user_id", sa.Text, nullable=False),
    sa.Column("completed_at", sa.DateTime(timezone=True), nullable=False),
    # Statistics: completions per day, of one mission or all.
    sa.Index("ix_completion_records_mission_id_completed_at", "mission_id", "completed_at"),
    sa.Index("ix_completion_records_completed_at", "completed_at"),
)

ledger = sa.Table(
    "ledger",
    metadata,
    sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
    sa.Column("user_id", sa.Text, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("points", sa.BigInteger, nullable=False, server_default=sa.text("0")),
    sa.Column("item_id", sa.Text),
    sa.Column("label", sa.Text),
    sa.Column("mission_id", sa.Text, sa.ForeignKey(missions.c.id)),
    # Unique so a retried grant (activity retry, replay) is recorded once.
    sa.Column("idempotency_key", sa.Text, nullable=False, unique=True),
    _created_at(),
    sa.CheckConstraint("kind IN ('points', 'item', 'direct')", name="kind"),
    sa.Index("ix_ledger_user_id_id", "user_id", "id"),
    # Statistics: points granted per day, of one mission or all.
    sa.Index("ix_ledger_mission_id_created_at", "mission_id", "created_at"),
    sa.Index("ix_ledger_created_at", "created_at"),
    # A wallet's items: the user's item rows without walking every points row (migration 0024).
    sa.Index("ix_ledger_user_id_items", "user_id", "id", postgresql_where=sa.text("kind = 'item'")),
)

#: The bonus shop: items a mission can reward, with a stock (null = unlimited).
items = sa.Table(
    "items",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("description", sa.Text),
    sa.Column("stock", sa.Integer),
    _created_at(),
    _updated_at(),
    # `streak_freeze`: bought by a user for `price` points, it adds a freeze to one of their
    # streaks (migration 0020); `item`: a reward only.
    sa.Column("kind", sa.Text, nullable=False, server_default=sa.text("'item'")),
    sa.Column("price", sa.Integer),
    sa.CheckConstraint("stock IS NULL OR stock >= 0", name="stock"),
    sa.CheckConstraint("kind IN ('item', 'streak_freeze')", name="kind"),
    sa.CheckConstraint("price IS NULL OR price > 0", name="price"),
)

#: Item rewards earned while the item was out of stock: owed until a restock fulfils them (oldest first).
owed_rewards = sa.Table(
    "owed_rewards",
    metadata,
    sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
    sa.Column("user_id", sa.Text, nullable=False),
    sa.Column("item_id", sa.Text, sa.ForeignKey(items.c.id), nullable=False),
    sa.Column("mission_id", sa.Text, sa.ForeignKey(missions.c.id)),
    # The grant's idempotency key: the ledger row written on fulfilment carries the same key.
    sa.Column("idempotency_key", sa.Text, nullable=False, unique=True),
    _created_at(),
    sa.Column("fulfilled_at", sa.DateTime(timezone=True)),
    sa.Index("ix_owed_rewards_user_id", "user_id"),
    sa.Index("ix_owed_rewards_item_id_id", "item_id", "id", postgresql_where=sa.text("fulfilled_at IS NULL")),
)

submissions = sa.Table(
    "submissions",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("mission_id", sa.Text, sa.ForeignKey(missions.c.id), nullable=False),
    sa.Column("user_id", sa.Text, nullable=False),
    sa.Column("proof", JSONB, nullable=False),
    sa.Column("status", sa.Text, nullable=False, server_default=sa.text("'pending'")),
    sa.Column("feedback", sa.Text),
    _created_at(),
    sa.Column("decided_at", sa.DateTime(timezone=True)),
    # `expired`: still pending when the journey's deadline passed (it can no longer be decided).
    sa.CheckConstraint("status IN ('pending', 'approved', 'declined', 'expired')", name="status"),
    sa.Index("ix_submissions_status_created_at", "status", "created_at"),
    # The unfiltered review list's pages, in its order (migration 0026).
    sa.Index("ix_submissions_created_at_id", "created_at", "id"),
    sa.Index("ix_submissions_mission_id_user_id", "mission_id", "user_id"),
)

#: Messages to a segment ("Send Update"): sent now, at `send_at`, and (`on_entry`) to every later entrant.
broadcasts = sa.Table(
    "broadcasts",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    # No cascade: deleting a segment must not silently take its broadcasts (and inboxes) with it.
    sa.Column("segment_id", sa.Text, sa.ForeignKey(segments.c.id), nullable=False),
    sa.Column("send_at", sa.DateTime(timezone=True)),
    sa.Column("on_entry", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("status", sa.Text, nullable=False, server_default=sa.text("'scheduled'")),
    _created_at(),
    sa.Column("sent_at", sa.DateTime(timezone=True)),
    # Inbox rows written so far (the send and later entrants), kept with each insert.
    sa.Column("delivered", sa.Integer, nullable=False, server_default=sa.text("0")),
    sa.CheckConstraint("status IN ('scheduled', 'sending', 'sent')", name="status"),
    # Entering a segment looks up its on-entry broadcasts.
    sa.Index("ix_broadcasts_segment_id", "segment_id", postgresql_where=sa.text("on_entry")),
)

#: What each user received; the primary key is what delivers a broadcast to a user at most once.
inbox = sa.Table(
    "inbox",
    metadata,
    sa.Column("broadcast_id", sa.Text, sa.ForeignKey(broadcasts.c.id), primary_key=True),
    sa.Column("user_id", sa.Text, primary_key=True),
    # Copied, so a user's inbox is read from one table.
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    _created_at(),
    sa.Column("read_at", sa.DateTime(timezone=True)),
    # When the webhook accepted this delivery: rows left null are re-posted by a retried delivery.
    sa.Column("notified_at", sa.DateTime(timezone=True)),
    sa.Index("ix_inbox_user_id_created_at", "user_id", "created_at"),
)

#: Signed POSTs to a mission's `callback_url` (a completion, a spent budget), each delivered by a
#: `CallbackWorkflow`; the id is derived from what happened, so a retried enqueue finds its row.
callbacks = sa.Table(
    "callbacks",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("type", sa.Text, nullable=False),
    sa.Column("mission_id", sa.Text, sa.ForeignKey(missions.c.id), nullable=False),
    sa.Column("url", sa.Text, nullable=False),
    # The whole JSON body ({"id", "type", "created_at", "data"}), sent as compact sorted-key JSON.
    sa.Column("payload", JSONB, nullable=False),
    sa.Column("status", sa.Text, nullable=False, server_default=sa.text("'pending'")),
    # POSTs tried so far, over every run.
    sa.Column("attempts", sa.Integer, nullable=False, server_default=sa.text("0")),
    # Manual retries so far: a run carries the value it was started with, so a late write of an
    # earlier run cannot touch the row after an admin retried it.
    sa.Column("retries", sa.Integer, nullable=False, server_default=sa.text("0")),
    sa.Column("last_error", sa.Text),
    # The HTTP status of the last answer (null when there was none: refused, timed out).
    sa.Column("last_status", sa.Integer),
    _created_at(),
    sa.Column("last_attempt_at", sa.DateTime(timezone=True)),
    sa.Column("delivered_at", sa.DateTime(timezone=True)),
    sa.Column("failed_at", sa.DateTime(timezone=True)),
    sa.CheckConstraint("status IN ('pending', 'delivered', 'failed')", name="status"),
    sa.Index("ix_callbacks_status_created_at", "status", "created_at"),
    # The unfiltered list's pages, newest first (migration 0026).
    sa.Index("ix_callbacks_created_at_id", "created_at", "id"),
    sa.Index("ix_callbacks_mission_id_created_at", "mission_id", "created_at"),
)

#: The operator's configuration of user-created challenges (one row): enabled event types, the
#: reward per completed challenge and the limits (`domain.challenges.ChallengeConfig`).
challenge_config = sa.Table(
    "challenge_config",
    metadata,
    sa.Column("id", sa.SmallInteger, primary_key=True, autoincrement=False),
    sa.Column("config", JSONB, nullable=False),
    _updated_at(),
    sa.CheckConstraint("id = 1", name="single_row"),
)

#: Workflow starts a change promised (a revision's announcement, a launch, a broadcast...), written
#: in the change's transaction: the API starts them right after the commit and marks them done; a
#: relay in every API process and worker starts those a crash left pending (`services/starts.py`).
workflow_starts = sa.Table(
    "workflow_starts",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    # A kind registered in `services.starts.KINDS`: which workflow, with which input type.
    sa.Column("kind", sa.Text, nullable=False),
    # Stable per start, so starting twice (the API and a relay) starts one workflow.
    sa.Column("workflow_id", sa.Text, nullable=False),
    sa.Column("task_queue", sa.Text, nullable=False),
    sa.Column("payload", JSONB, nullable=False),
    _created_at(),
    sa.Column("done_at", sa.DateTime(timezone=True)),
    # started | already_started | cancelled
    sa.Column("outcome", sa.Text),
    sa.Index("ix_workflow_starts_pending_created_at", "created_at", postgresql_where=sa.text("done_at IS NULL")),
    sa.Index("ix_workflow_starts_workflow_id", "workflow_id"),
)

#: A backtest (`POST /v1/missions/{id}/backtest`): a mission's revision replayed over the event
#: log of a window as if it had been active. The job's cursor, counters and running figures are
#: committed with the journeys of each step (`backtest_users`), so a crashed step resumes exactly.
backtests = sa.Table(
    "backtests",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    # No foreign key: deleting a draft must not be refused because it was backtested.
    sa.Column("mission_id", sa.Text, nullable=False),
    sa.Column("revision", sa.Integer, nullable=False),
    # The revision's spec when the backtest was asked for (a draft's edits rewrite its revision).
    sa.Column("spec", JSONB, nullable=False),
    sa.Column("window_from", sa.DateTime(timezone=True), nullable=False),
    sa.Column("window_to", sa.DateTime(timezone=True), nullable=False),
    # Only users in one of these segments are replayed (empty: everyone).
    sa.Column("segments", ARRAY(sa.Text), nullable=False, server_default=sa.text("'{}'::text[]")),
    sa.Column("status", sa.Text, nullable=False, server_default=sa.text("'running'")),
    # Steps committed so far: a step retried after its commit finds it done.
    sa.Column("step", sa.Integer, nullable=False, server_default=sa.text("0")),
    sa.Column("events_total", sa.BigInteger, nullable=False, server_default=sa.text("0")),
    sa.Column("events_read", sa.BigInteger, nullable=False, server_default=sa.text("0")),
    # Events read by the step running now (not committed yet): what progress shows meanwhile.
    sa.Column("events_seen", sa.BigInteger, nullable=False, server_default=sa.text("0")),
    # The last event read, in (received_at, id) order.
    sa.Column("cursor_at", sa.DateTime(timezone=True)),
    sa.Column("cursor_id", sa.Text),
    sa.Column("users_stored", sa.BigInteger, nullable=False, server_default=sa.text("0")),
    # The running figures (`services.backtests.Figures`), and the final result once completed.
    sa.Column("figures", JSONB, nullable=False, server_default=_EMPTY_OBJECT),
    sa.Column("error", sa.Text),
    _created_at(),
    _updated_at(),
    sa.Column("finished_at", sa.DateTime(timezone=True)),
    sa.CheckConstraint("status IN ('running', 'completed', 'failed')", name="status"),
    sa.Index("ix_backtests_mission_id_created_at", "mission_id", "created_at"),
)

#: Each user a backtest met: their replayed journey (bounded by users, not events).
backtest_users = sa.Table(
    "backtest_users",
    metadata,
    sa.Column("backtest_id", sa.Text, sa.ForeignKey(backtests.c.id, ondelete="CASCADE"), primary_key=True),
    sa.Column("user_id", sa.Text, primary_key=True),
    sa.Column("journey", JSONB, nullable=False),
    # Completions over every cycle or round.
    sa.Column("completions", sa.Integer, nullable=False, server_default=sa.text("0")),
    # The highest fraction of the goal reached (the spread of those who did not complete).
    sa.Column("best_fraction", sa.Float, nullable=False, server_default=sa.text("0")),
)

#: Who referred whom (migration 0021): one referrer per referred user; `fired_at` is when the
#: referrer's `questline.referral` was logged (the referred user's first event after it).
referrals = sa.Table(
    "referrals",
    metadata,
    sa.Column("referred_user_id", sa.Text, primary_key=True),
    sa.Column("referrer_user_id", sa.Text, nullable=False),
    _created_at(),
    sa.Column("fired_at", sa.DateTime(timezone=True)),
    sa.Column("event_id", sa.Text),
    sa.Index("ix_referrals_referrer_user_id_created_at", "referrer_user_id", "created_at"),
)

#: How often each event type was ingested and when last (migration 0021), kept on ingest.
event_type_counts = sa.Table(
    "event_type_counts",
    metadata,
    sa.Column("type", sa.Text, primary_key=True),
    sa.Column("count", sa.BigInteger, nullable=False, server_default=sa.text("0")),
    sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
)


# --- leaderboards (migration 0017; db/leaderboards.py) ---------------------------------------------
#: A leaderboard's definition: points from the ledger, or one mission's completions, per period.
leaderboards = sa.Table(
    "leaderboards",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("mission_id", sa.Text),
    sa.Column("period", sa.Text, nullable=False),
    sa.Column("time_zone", sa.Text, nullable=False),
    sa.Column("week_starts", sa.Text, nullable=False, server_default=sa.text("'monday'")),
    sa.Column("segment_id", sa.Text),
    sa.Column("tier", sa.Text),
    sa.Column("status", sa.Text, nullable=False, server_default=sa.text("'active'")),
    _created_at(),
    sa.Column("archived_at", sa.DateTime(timezone=True)),
    sa.CheckConstraint("kind IN ('points', 'completions')", name="kind"),
    sa.CheckConstraint("period IN ('day', 'week', 'month', 'all')", name="period"),
    sa.CheckConstraint("week_starts IN ('monday', 'sunday')", name="week_starts"),
    sa.CheckConstraint("status IN ('active', 'archived')", name="status"),
)
#: Each user's score in each period of a leaderboard, kept by triggers on `ledger` and
#: `completion_records` in the writing transaction (migration 0017); derivable from them.
leaderboard_standings = sa.Table(
    "leaderboard_standings",
    metadata,
    sa.Column("leaderboard_id", sa.Text, sa.ForeignKey(leaderboards.c.id, ondelete="CASCADE"), primary_key=True),
    sa.Column("period", sa.Text, primary_key=True),
    sa.Column("user_id", sa.Text, primary_key=True),
    sa.Column("score", sa.BigInteger, nullable=False),
    sa.Column("reached_at", sa.DateTime(timezone=True), nullable=False),
)
sa.Index(
    "ix_leaderboard_standings_order",
    leaderboard_standings.c.leaderboard_id,
    leaderboard_standings.c.period,
    leaderboard_standings.c.score.desc(),
    leaderboard_standings.c.reached_at,
    leaderboard_standings.c.user_id,
)
#: How many users hold each score in a period: a rank sums the counts above a score.
leaderboard_score_counts = sa.Table(
    "leaderboard_score_counts",
    metadata,
    sa.Column("leaderboard_id", sa.Text, sa.ForeignKey(leaderboards.c.id, ondelete="CASCADE"), primary_key=True),
    sa.Column("period", sa.Text, primary_key=True),
    sa.Column("score", sa.BigInteger, primary_key=True),
    sa.Column("users", sa.BigInteger, nullable=False),
)
#: How many users hold each score reached in each hour (epoch hours): the earlier part of a tie
#: group is a sum of these, not a count over every user sharing the score.
leaderboard_tie_counts = sa.Table(
    "leaderboard_tie_counts",
    metadata,
    sa.Column("leaderboard_id", sa.Text, sa.ForeignKey(leaderboards.c.id, ondelete="CASCADE"), primary_key=True),
    sa.Column("period", sa.Text, primary_key=True),
    sa.Column("score", sa.BigInteger, primary_key=True),
    sa.Column("hour", sa.BigInteger, primary_key=True),
    sa.Column("users", sa.BigInteger, nullable=False),
)

#: An admin's streak repair (`POST /v1/streak-repairs`, migration 0020): restores the streaks of
#: a mission's (or a challenge's) users that an outage in [window_start, window_end) broke. The
#: job's users are fixed at creation (`streak_repair_users`); `lease_until` is how long the
#: process running it holds it, so a job whose runner died is resumed by the next reader.
streak_repairs = sa.Table(
    "streak_repairs",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("mission_id", sa.Text, sa.ForeignKey(missions.c.id, ondelete="CASCADE"), nullable=False),
    # The segment whose members were repaired (null: the listed users).
    sa.Column("segment_id", sa.Text),
    sa.Column("window_start", sa.DateTime(timezone=True), nullable=False),
    sa.Column("window_end", sa.DateTime(timezone=True), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("requested_by", sa.Text, nullable=False),
    sa.Column("status", sa.Text, nullable=False, server_default=sa.text("'running'")),
    sa.Column("total", sa.Integer, nullable=False, server_default=sa.text("0")),
    sa.Column("lease_until", sa.DateTime(timezone=True)),
    _created_at(),
    _updated_at(),
    sa.Column("finished_at", sa.DateTime(timezone=True)),
    sa.CheckConstraint("status IN ('running', 'completed')", name="status"),
    sa.CheckConstraint("window_start < window_end", name="window"),
)

#: Each user of a streak repair and what it did to their streak (the audit: before and after).
streak_repair_users = sa.Table(
    "streak_repair_users",
    metadata,
    sa.Column("repair_id", sa.Text, sa.ForeignKey(streak_repairs.c.id, ondelete="CASCADE"), primary_key=True),
    sa.Column("user_id", sa.Text, primary_key=True),
    # pending, then repaired (the streak grew), unchanged (nothing to restore) or skipped (no journey).
    sa.Column("outcome", sa.Text, nullable=False, server_default=sa.text("'pending'")),
    sa.Column("before", JSONB),
    sa.Column("after", JSONB),
    sa.Column("done_at", sa.DateTime(timezone=True)),
    sa.CheckConstraint("outcome IN ('pending', 'repaired', 'unchanged', 'skipped')", name="outcome"),
    sa.Index("ix_streak_repair_users_pending", "repair_id", "user_id", postgresql_where=sa.text("outcome = 'pending'")),
)

# --- Notifications (issue 17, migration 0018): templates per event, channels, deliveries. ---

#: The operator's template of one event (`domain.notifications.TemplateIn`); an event without a row
#: uses the default template.
notification_templates = sa.Table(
    "notification_templates",
    metadata,
    sa.Column("event", sa.Text, primary_key=True),
    sa.Column("subject", sa.Text, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("html", sa.Text),
    _updated_at(),
)

#: Where notifications go: a signed webhook, email over SMTP, a Slack-style webhook. A deleted
#: channel keeps its row (`deleted_at`) so its deliveries stay listed.
notification_channels = sa.Table(
    "notification_channels",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("url", sa.Text),
    sa.Column("events", ARRAY(sa.Text), nullable=False),
    sa.Column("email_attribute", sa.Text),
    _created_at(),
    sa.Column("deleted_at", sa.DateTime(timezone=True)),
    sa.CheckConstraint("kind IN ('webhook', 'email', 'slack')", name="kind"),
)

#: One notification to one user through one channel: written `pending` in the transaction of the
#: fact it announces (its id derived from that fact), sent by the notification relay, rendered
#: when it is sent. `mission_id` is no foreign key: the record outlives a deleted mission.
notification_deliveries = sa.Table(
    "notification_deliveries",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("channel_id", sa.Text, sa.ForeignKey(notification_channels.c.id), nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("event", sa.Text, nullable=False),
    # The fact announced (`mission_completed:<completion>`, `send_update:<update id>`...).
    sa.Column("key", sa.Text, nullable=False),
    sa.Column("mission_id", sa.Text),
    sa.Column("user_id", sa.Text, nullable=False),
    # The placeholders' values (`domain.notifications.PLACEHOLDERS`).
    sa.Column("values", JSONB, nullable=False),
    sa.Column("status", sa.Text, nullable=False, server_default=sa.text("'pending'")),
    sa.Column("attempts", sa.Integer, nullable=False, server_default=sa.text("0")),
    # When a pending delivery is next due (an attempt under way holds it a lease ahead).
    sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    # Since when it has been retried: it fails once the retry window from here has passed (an
    # admin's retry opens a new window).
    sa.Column("retry_from", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    sa.Column("last_error", sa.Text),
    # The HTTP status (webhook, slack) or SMTP reply code (email) of the last answer.
    sa.Column("last_status", sa.Integer),
    _created_at(),
    sa.Column("last_attempt_at", sa.DateTime(timezone=True)),
    sa.Column("delivered_at", sa.DateTime(timezone=True)),
    sa.Column("failed_at", sa.DateTime(timezone=True)),
    sa.CheckConstraint("status IN ('pending', 'delivered', 'failed', 'skipped')", name="status"),
    sa.Index("ix_notification_deliveries_due", "next_attempt_at", postgresql_where=sa.text("status = 'pending'")),
    sa.Index("ix_notification_deliveries_status_created_at", "status", "created_at"),
    sa.Index("ix_notification_deliveries_mission_id_created_at", "mission_id", "created_at"),
)

#: One notification to many users, worked through page by page under a lease (users in id order,
#: `after_user`): a mission's activation (`launch`: every known user it is available to) or a Send
#: Update to all of a mission's users (`update`). Its id is derived from the launch or the update.
notification_fanouts = sa.Table(
    "notification_fanouts",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("mission_id", sa.Text, nullable=False),
    sa.Column("update_id", sa.Text),
    sa.Column("custom_text", sa.Text),
    sa.Column("status", sa.Text, nullable=False, server_default=sa.text("'running'")),
    # The last user id looked at (null: none yet).
    sa.Column("after_user", sa.Text),
    # Users it enqueued a notification for so far.
    sa.Column("told", sa.Integer, nullable=False, server_default=sa.text("0")),
    sa.Column("lease_until", sa.DateTime(timezone=True)),
    _created_at(),
    sa.Column("finished_at", sa.DateTime(timezone=True)),
    sa.CheckConstraint("kind IN ('launch', 'update')", name="kind"),
    sa.CheckConstraint("status IN ('running', 'done')", name="status"),
)

# --- Mission lifecycle (issue 17, migration 0019): pauses and deletions ---------------------------

#: Every pause of a mission (resumed_at null while it lasts): events received inside one counted
#: for nobody, which explanations and catch-ups read from here.
mission_pauses = sa.Table(
    "mission_pauses",
    metadata,
    sa.Column("mission_id", sa.Text, sa.ForeignKey(missions.c.id, ondelete="CASCADE"), primary_key=True),
    sa.Column("paused_at", sa.DateTime(timezone=True), primary_key=True),
    sa.Column("resumed_at", sa.DateTime(timezone=True)),
)

#: The deletion of a mission that had journeys (`DELETE /v1/missions/{id}?confirm=`): a resumable
#: job (its `step`) and its audit: who asked, when, and what it reversed.
mission_deletions = sa.Table(
    "mission_deletions",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("mission_id", sa.Text, sa.ForeignKey(missions.c.id), nullable=False, unique=True),
    sa.Column("previous_status", sa.Text, nullable=False),
    sa.Column("requested_by", sa.Text, nullable=False),
    # journeys (closing them), points (reversing), proofs (removing the files), done.
    sa.Column("step", sa.Text, nullable=False, server_default=sa.text("'journeys'")),
    sa.Column("journeys_closed", sa.Integer, nullable=False, server_default=sa.text("0")),
    sa.Column("points_reversed", sa.BigInteger, nullable=False, server_default=sa.text("0")),
    sa.Column("users_reversed", sa.Integer, nullable=False, server_default=sa.text("0")),
    sa.Column("submissions_removed", sa.Integer, nullable=False, server_default=sa.text("0")),
    # Object-store keys of the removed submissions' uploads, kept until the files are gone.
    sa.Column("proof_keys", JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")),
    _created_at(),
    _updated_at(),
    sa.Column("finished_at", sa.DateTime(timezone=True)),
    sa.CheckConstraint("step IN ('journeys', 'points', 'proofs', 'done')", name="step"),
)

# --- Magic links and mission images (issue 17, migration 0022; db/links.py) -----------------------

#: A mission's shareable link: a random token (made on first read) and the audience set on the
#: link (`PUT /v1/missions/{id}/link`; null: the spec's `audience`, else registered users).
mission_links = sa.Table(
    "mission_links",
    metadata,
    sa.Column("mission_id", sa.Text, sa.ForeignKey(missions.c.id, ondelete="CASCADE"), primary_key=True),
    sa.Column("token", sa.Text, nullable=False, unique=True),
    sa.Column("audience", sa.Text),
    _created_at(),
    _updated_at(),
)

#: Card and page images uploaded for a mission, one row per upload (never replaced: a revision
#: may still point at an earlier one); the bytes are in the object store under `key`.
mission_images = sa.Table(
    "mission_images",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("mission_id", sa.Text, sa.ForeignKey(missions.c.id, ondelete="CASCADE"), nullable=False),
    sa.Column("slot", sa.Text, nullable=False),
    sa.Column("key", sa.Text, nullable=False),
    sa.Column("content_type", sa.Text, nullable=False),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("filename", sa.Text),
    _created_at(),
    sa.CheckConstraint("slot IN ('card', 'page')", name="slot"),
    sa.Index("ix_mission_images_mission_id_created_at", "mission_id", "created_at"),
)

# --- ledger balances (migration 0024) ---------------------------------------------------------------

#: Each user's points and ledger lines so far: a running sum the ledger's trigger keeps in the
#: transaction of every ledger row (the ledger stays the source; tests check they agree), so a
#: balance is one row read however long the user's ledger grows.
ledger_balances = sa.Table(
    "ledger_balances",
    metadata,
    sa.Column("user_id", sa.Text, primary_key=True),
    sa.Column("points", sa.BigInteger, nullable=False),
    sa.Column("lines", sa.BigInteger, nullable=False),
)
