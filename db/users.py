"""Users' profiles, tiers and segment memberships: what eligibility and segments read."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.dialects.postgresql import insert

from db import completions, ledger
from db.engine import Conn
from db.missions import bump_catalogue_version
from db.tables import enrolments, events, ledger_balances, segment_members, tiers, users
from db.tables import ledger as ledger_table
from domain.segment_evaluation import UserFacts
from domain.users import Tier, effective_tier


class Profile(BaseModel):
    """What the operator tells about a user."""

    model_config = ConfigDict(frozen=True)

    id: str
    attributes: dict[str, Any] = Field(default_factory=dict)
    tier: str | None = None
    social: dict[str, str] = Field(default_factory=dict)
    joined_at: datetime | None = None
    #: The user's own IANA time zone (their challenges' days, and streaks that follow the user).
    time_zone: str | None = None


async def put_profile(conn: Conn, profile: Profile) -> Profile:
    """Creates or replaces the user's profile."""
    values = profile.model_dump()
    stmt = insert(users).values(**values)
    stmt = stmt.on_conflict_do_update(
        index_elements=[users.c.id],
        set_={**{k: stmt.excluded[k] for k in values if k != "id"}, "updated_at": sa.func.now()},
    )
    await conn.execute(stmt)
    return profile


async def get_profile(conn: Conn, user_id: str) -> Profile:
    """The user's profile (an empty one for a user the operator never described)."""
    row = (
        await conn.execute(
            sa.select(
                users.c.id, users.c.attributes, users.c.tier, users.c.social, users.c.joined_at, users.c.time_zone
            ).where(users.c.id == user_id)
        )
    ).first()
    return Profile.model_validate(dict(row._mapping)) if row else Profile(id=user_id)


async def time_zone_of(conn: Conn, user_id: str) -> str | None:
    """The user's own time zone (None: the user gave none, or is unknown)."""
    query = sa.select(users.c.time_zone).where(users.c.id == user_id)
    return (await conn.execute(query)).scalar_one_or_none()


async def list_tiers(conn: Conn) -> list[Tier]:
    """The operator's tiers, lowest threshold first."""
    rows = await conn.execute(sa.select(tiers.c.name, tiers.c.min_points).order_by(tiers.c.min_points, tiers.c.name))
    return [Tier.model_validate(dict(r._mapping)) for r in rows]


async def replace_tiers(conn: Conn, new: list[Tier]) -> list[Tier]:
    """Replaces every tier (the catalogue version moves: routers reload tiers with missions)."""
    await conn.execute(sa.delete(tiers))
    if new:
        await conn.execute(insert(tiers).values([t.model_dump() for t in new]))
    await bump_catalogue_version(conn)
    return await list_tiers(conn)


async def tier_of(conn: Conn, user_id: str, defined: list[Tier]) -> str | None:
    """The user's effective tier: explicit, else reached by points."""
    explicit = (await conn.execute(sa.select(users.c.tier).where(users.c.id == user_id))).scalar_one_or_none()
    return effective_tier(explicit, await ledger.balance(conn, user_id), defined)


async def segment_ids(conn: Conn, user_id: str) -> set[str]:
    """The segments the user is a member of."""
    rows = await conn.execute(sa.select(segment_members.c.segment_id).where(segment_members.c.user_id == user_id))
    return set(rows.scalars())


async def completed_missions(conn: Conn, user_id: str) -> frozenset[str]:
    """Missions the user has completed at least once, in any cycle (not only the read model's latest)."""
    return await completions.completed_by(conn, user_id)


async def last_active_at(conn: Conn, user_id: str) -> datetime | None:
    """When the user's latest event arrived (from the event log, internal events excluded)."""
    latest: datetime | None = (
        await conn.execute(
            sa.select(sa.func.max(events.c.received_at)).where(
                events.c.user_id == user_id, ~events.c.type.startswith("questline.")
            )
        )
    ).scalar_one_or_none()
    return latest


def only_users(column: sa.ColumnElement[str], user_ids: Sequence[str] | None) -> list[sa.ColumnElement[bool]]:
    """`column IN user_ids`, or no condition at all when `user_ids` is None (everyone)."""
    return [] if user_ids is None else [column.in_(list(user_ids))]


def known_users(user_ids: Sequence[str] | None = None) -> sa.CompoundSelect[Any]:
    """Every user Questline has heard of (or those of `user_ids` it has), as one `user_id` column:
    described by the operator, sent an event, enrolled, rewarded."""
    return sa.union(
        sa.select(users.c.id.label("user_id")).where(*only_users(users.c.id, user_ids)),
        sa.select(events.c.user_id).where(*only_users(events.c.user_id, user_ids)),
        sa.select(enrolments.c.user_id).where(*only_users(enrolments.c.user_id, user_ids)),
        sa.select(ledger_table.c.user_id).where(*only_users(ledger_table.c.user_id, user_ids)),
    )


async def known_user_ids(conn: Conn) -> list[str]:
    """Every user Questline has heard of: described by the operator, sent an event, enrolled, rewarded."""
    union = known_users().subquery()
    return list((await conn.execute(sa.select(union.c.user_id).order_by(union.c.user_id))).scalars())


async def all_facts(conn: Conn, defined: list[Tier]) -> list[UserFacts]:
    """The segment facts of every known user, in a handful of set queries (sweeps and new segments)."""
    ids = await known_user_ids(conn)
    profiles = {
        r.id: r for r in await conn.execute(sa.select(users.c.id, users.c.attributes, users.c.tier, users.c.joined_at))
    }
    balances = dict((await conn.execute(sa.select(ledger_balances.c.user_id, ledger_balances.c.points))).all())
    completed = await completions.completed_by_all(conn)
    active = dict(
        (
            await conn.execute(
                sa.select(events.c.user_id, sa.func.max(events.c.received_at))
                .where(~events.c.type.startswith("questline."))
                .group_by(events.c.user_id)
            )
        ).all()
    )
    out = []
    for user_id in ids:
        profile = profiles.get(user_id)
        points = int(balances.get(user_id) or 0)
        out.append(
            UserFacts(
                user_id=user_id,
                points=points,
                tier=effective_tier(profile.tier if profile else None, points, defined),
                attributes=profile.attributes if profile else {},
                joined_at=profile.joined_at if profile else None,
                completed_missions=frozenset(completed.get(user_id, ())),
                last_active_at=active.get(user_id),
            )
        )
    return out
