"""Challenge repository: the operator's challenge configuration and users' challenges.

A challenge is a mission row owned by its user (`missions.owner_user_id`), so it is read with the
missions repository's own row mapping; this module holds the queries that find a user's
challenges. Functions run inside the caller's transaction and never commit.

The configuration is the single `challenge_config` row (id 1): the JSON of `ChallengeConfig`
plus `routed_event_types`, the event types the event router looks up challenges for. Those are
the enabled types and, after the operator disables a type, that type too for as long as
challenges on it were still running when it was disabled: disabling a type refuses new
challenges on it without stranding the running ones.

A user's challenge is `active` while its mission is active (completed ones stay active: they are
the user's history); unenrolling archives it, and archived challenges are no longer the user's.

Rewarded challenges are counted from what the grant itself writes (a ledger row, or an owed item,
under the completion's idempotency key, on a mission the user owns), so the cap per reward period
needs no table of its own; the count and the grant run under the user's reward lock.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, insert

from db import items
from db.engine import Conn
from db.missions import _COLUMNS, _to_mission, bump_catalogue_version
from db.tables import challenge_config, enrolments, ledger, missions, owed_rewards
from domain.challenges import ChallengeConfig, may_reward, reward_period_of
from domain.errors import NotFound
from domain.journey import EnrolmentStatus
from domain.missions import Mission, MissionStatus

#: First key of the per-user advisory lock taken while a challenge is counted and created
#: ("qlch"), so it cannot collide with advisory locks of other purposes.
_USER_LOCK_CLASS = 0x716C6368
#: First key of the per-user advisory lock a challenge reward is counted and granted under
#: ("qlrw"): apart from the creation lock, so a completion never waits for a creation.
_REWARD_LOCK_CLASS = 0x716C7277
_ROUTED = "routed_event_types"
_ACTIVE = MissionStatus.ACTIVE.value


async def get_config(conn: Conn, *, lock: bool = False) -> ChallengeConfig | None:
    """The operator's configuration, or None before it was ever set.

    With `lock`, the row is share-locked until the transaction ends, so a concurrent `put_config`
    waits for a challenge being created under this configuration (and then sees it).
    """
    query = sa.select(challenge_config.c.config).where(challenge_config.c.id == 1)
    if lock:
        query = query.with_for_update(read=True)
    stored = (await conn.execute(query)).scalar_one_or_none()
    if stored is None:
        return None
    return ChallengeConfig.model_validate({k: v for k, v in stored.items() if k != _ROUTED})


async def routed_event_types(conn: Conn) -> frozenset[str]:
    """The event types whose events may progress a challenge (none: no challenge lookups at all)."""
    query = sa.select(challenge_config.c.config[_ROUTED]).where(challenge_config.c.id == 1)
    routed = (await conn.execute(query)).scalar_one_or_none()
    return frozenset(routed or ())


async def put_config(conn: Conn, config: ChallengeConfig) -> ChallengeConfig:
    """Stores the configuration and bumps the catalogue version (routers cache the routed types).

    A type no longer enabled stays routed while active challenges use it.
    """
    # The catalogue row's lock serialises configuration writes with each other; the config row's
    # waits for challenges being created under the old configuration to commit.
    await bump_catalogue_version(conn)
    previous = (
        await conn.execute(sa.select(challenge_config.c.config).where(challenge_config.c.id == 1).with_for_update())
    ).scalar_one_or_none()
    enabled = set(config.event_types)
    dropped = set((previous or {}).get(_ROUTED, ())) - enabled
    running: set[str] = set()
    if dropped:
        query = (
            sa.select(missions.c.event_type)
            .distinct()
            .where(
                missions.c.status == _ACTIVE,
                missions.c.event_type.in_(sorted(dropped)),
                missions.c.owner_user_id.is_not(None),
            )
        )
        running = {str(t) for t in (await conn.execute(query)).scalars()}
    stored: dict[str, Any] = {**config.model_dump(mode="json"), _ROUTED: sorted(enabled | running)}
    stmt = insert(challenge_config).values(id=1, config=stored)
    await conn.execute(
        stmt.on_conflict_do_update(
            index_elements=[challenge_config.c.id], set_={"config": stmt.excluded.config, "updated_at": sa.func.now()}
        )
    )
    return config


async def lock_user(conn: Conn, user_id: str) -> None:
    """Serialises challenge creation per user until the transaction ends (count, then create)."""
    await conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_USER_LOCK_CLASS, sa.func.hashtext(user_id))))


async def running_by_type(conn: Conn, user_id: str) -> dict[str, str]:
    """The user's running challenges (neither completed nor left): event type → challenge id."""
    query = (
        sa.select(missions.c.event_type, missions.c.id)
        .where(missions.c.owner_user_id == user_id, missions.c.status == _ACTIVE, ~_completed())
        .order_by(missions.c.created_at, missions.c.id)
    )
    running: dict[str, str] = {}
    for event_type, mission_id in (await conn.execute(query)).all():
        running.setdefault(str(event_type), str(mission_id))
    return running


async def rewarded_between(conn: Conn, user_id: str, start: datetime, end: datetime) -> int:
    """How many of the user's challenge completions were first rewarded in [start, end): their
    ledger rows and owed items (an owed item's ledger row on fulfilment has the same key)."""
    owned = missions.c.owner_user_id == user_id
    granted = sa.union_all(
        sa.select(ledger.c.idempotency_key.label("key"), ledger.c.created_at.label("at"))
        .join(missions, missions.c.id == ledger.c.mission_id)
        .where(ledger.c.user_id == user_id, owned),
        sa.select(owed_rewards.c.idempotency_key.label("key"), owed_rewards.c.created_at.label("at"))
        .join(missions, missions.c.id == owed_rewards.c.mission_id)
        .where(owed_rewards.c.user_id == user_id, owned),
    ).subquery()
    first = sa.select(granted.c.key, sa.func.min(granted.c.at).label("at")).group_by(granted.c.key).subquery()
    query = sa.select(sa.func.count()).select_from(first).where(first.c.at >= start, first.c.at < end)
    return int((await conn.execute(query)).scalar_one())


async def may_reward_completion(conn: Conn, user_id: str, key: str) -> bool:
    """Whether the completion of one of the user's challenges, granted under `key`, may be
    rewarded: within the configuration's `max_rewarded_per_period` for the period holding the
    transaction's time (the ledger's clock), or already granted (a retry).

    Takes the user's reward lock until the transaction ends, so concurrent completions of the
    user's challenges are counted one after the other: the caller grants in the same transaction.
    """
    await conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_REWARD_LOCK_CLASS, sa.func.hashtext(user_id))))
    if await items.recorded(conn, key):
        return True
    config = await get_config(conn) or ChallengeConfig(reward=None)
    now: datetime = (await conn.execute(sa.select(sa.func.now()))).scalar_one()
    start, end = reward_period_of(config, now)
    return may_reward(config, await rewarded_between(conn, user_id, start, end))


def _completed() -> sa.Exists:
    """The challenge's journey has completed (as the read model last heard)."""
    return (
        sa.select(enrolments.c.mission_id)
        .where(
            enrolments.c.mission_id == missions.c.id,
            enrolments.c.user_id == missions.c.owner_user_id,
            enrolments.c.status == EnrolmentStatus.COMPLETED.value,
        )
        .exists()
    )


async def count_active(conn: Conn, user_id: str) -> int:
    """How many of the user's challenges are running (neither completed nor left)."""
    query = (
        sa.select(sa.func.count())
        .select_from(missions)
        .where(missions.c.owner_user_id == user_id, missions.c.status == _ACTIVE, ~_completed())
    )
    return int((await conn.execute(query)).scalar_one())


async def list_for_user(conn: Conn, user_id: str) -> list[Mission]:
    """The user's challenges, running and completed, newest first (left ones are not listed)."""
    query = (
        sa.select(*_COLUMNS)
        .where(missions.c.owner_user_id == user_id, missions.c.status == _ACTIVE)
        .order_by(missions.c.created_at.desc(), missions.c.id.desc())
    )
    return [_to_mission(row) for row in (await conn.execute(query)).mappings()]


async def get_for_user(conn: Conn, user_id: str, challenge_id: str, *, for_update: bool = False) -> Mission:
    """One of the user's challenges; NotFound for an unknown id, another user's, or one left."""
    query = sa.select(*_COLUMNS).where(
        missions.c.id == challenge_id, missions.c.owner_user_id == user_id, missions.c.status == _ACTIVE
    )
    if for_update:
        query = query.with_for_update()
    row = (await conn.execute(query)).mappings().first()
    if row is None:
        raise NotFound("challenge_not_found", f"the user has no challenge {challenge_id!r}", {"id": challenge_id})
    return _to_mission(row)


async def running_for(conn: Conn, user_ids: Collection[str], event_types: Collection[str]) -> list[Mission]:
    """The users' running challenges on any of the event types, in one query (the event router's)."""
    if not user_ids or not event_types:
        return []
    # `= ANY(array)`: one statement (and one plan) whatever the batch size; the owner index finds the rows.
    query = sa.select(*_COLUMNS).where(
        missions.c.owner_user_id == sa.any_(sa.bindparam("owners", sorted(user_ids), type_=ARRAY(sa.Text))),
        missions.c.status == _ACTIVE,
        missions.c.event_type == sa.any_(sa.bindparam("event_types", sorted(event_types), type_=ARRAY(sa.Text))),
        ~_completed(),
    )
    return [_to_mission(row) for row in (await conn.execute(query)).mappings()]
