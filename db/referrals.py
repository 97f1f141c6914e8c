"""Referrals: who referred whom (one referrer per referred user), and when it fired."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

import sqlalchemy as sa
from pydantic import BaseModel
from sqlalchemy.dialects.postgresql import insert

from db.engine import Conn
from db.tables import referrals


class Referral(BaseModel):
    """One referral as stored."""

    referrer_user_id: str
    referred_user_id: str
    created_at: datetime
    fired_at: datetime | None = None
    event_id: str | None = None


_COLUMNS = (
    referrals.c.referrer_user_id,
    referrals.c.referred_user_id,
    referrals.c.created_at,
    referrals.c.fired_at,
    referrals.c.event_id,
)


async def insert_new(conn: Conn, referrer_user_id: str, referred_user_id: str) -> Referral | None:
    """Records the referral; None when the referred user already has one (theirs is kept)."""
    row = (
        await conn.execute(
            insert(referrals)
            .values(referrer_user_id=referrer_user_id, referred_user_id=referred_user_id)
            .on_conflict_do_nothing(index_elements=[referrals.c.referred_user_id])
            .returning(*_COLUMNS)
        )
    ).first()
    return Referral.model_validate(dict(row._mapping)) if row else None


async def of_referred(conn: Conn, referred_user_id: str) -> Referral | None:
    """The referral of this referred user, if any."""
    row = (await conn.execute(sa.select(*_COLUMNS).where(referrals.c.referred_user_id == referred_user_id))).first()
    return Referral.model_validate(dict(row._mapping)) if row else None


async def by_referrer(conn: Conn, referrer_user_id: str, *, limit: int = 1000) -> list[Referral]:
    """The referrer's referrals, oldest first."""
    rows = await conn.execute(
        sa.select(*_COLUMNS)
        .where(referrals.c.referrer_user_id == referrer_user_id)
        .order_by(referrals.c.created_at, referrals.c.referred_user_id)
        .limit(limit)
    )
    return [Referral.model_validate(dict(r._mapping)) for r in rows]


async def fire(
    conn: Conn, referred_user_ids: Collection[str], at: datetime, event_id_of: dict[str, str]
) -> list[Referral]:
    """Marks the unfired referrals of these referred users fired (once: the row lock orders racers)."""
    if not referred_user_ids:
        return []
    ids = sorted(referred_user_ids)
    rows = await conn.execute(
        sa.update(referrals)
        .where(referrals.c.referred_user_id.in_(ids), referrals.c.fired_at.is_(None))
        .values(
            fired_at=at,
            event_id=sa.case(event_id_of, value=referrals.c.referred_user_id),
        )
        .returning(*_COLUMNS)
    )
    return [Referral.model_validate(dict(r._mapping)) for r in rows]
