"""The points ledger: append-only, one row per grant, the only source of a user's balance."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict
from sqlalchemy.dialects.postgresql import insert

from db import items
from db.engine import Conn
from db.items import Owed
from db.tables import ledger, ledger_balances
from domain.rewards import Reward


class LedgerEntry(BaseModel):
    """One grant."""

    model_config = ConfigDict(frozen=True)

    id: int
    kind: str
    points: int
    item_id: str | None
    label: str | None
    mission_id: str | None
    created_at: datetime


class Wallet(BaseModel):
    """A user's balance, items and recent ledger entries."""

    points: int
    items: list[LedgerEntry]
    #: Item rewards earned while the item was out of stock, not yet handed out.
    owed: list[Owed]
    ledger: list[LedgerEntry]


async def grant(conn: Conn, *, key: str, user_id: str, reward: Reward, mission_id: str | None) -> bool:
    """Records a reward under an idempotency key; False when that key was already granted.

    An item comes out of the shop's stock, or is owed to the user while there is none (`db.items`).
    """
    if reward.item is not None:
        return await items.grant(conn, key=key, user_id=user_id, item_id=reward.item, mission_id=mission_id)
    if reward.points is not None:
        kind, points, item, label = "points", reward.points, None, None
    else:
        kind, points, item, label = "direct", 0, None, reward.direct
    stmt = (
        insert(ledger)
        .values(
            user_id=user_id,
            kind=kind,
            points=points,
            item_id=item,
            label=label,
            mission_id=mission_id,
            idempotency_key=key,
        )
        .on_conflict_do_nothing(index_elements=[ledger.c.idempotency_key])
        .returning(ledger.c.id)
    )
    return (await conn.execute(stmt)).first() is not None


async def balance(conn: Conn, user_id: str) -> int:
    """The user's points: the sum of the ledger, as the running sum its trigger keeps in
    `ledger_balances` (one row, however many lines; `summed` is the sum itself)."""
    total = await conn.execute(sa.select(ledger_balances.c.points).where(ledger_balances.c.user_id == user_id))
    return int(total.scalar_one_or_none() or 0)


async def summed(conn: Conn, user_id: str) -> int:
    """The user's points summed over every ledger line (what `balance` must always equal)."""
    total = await conn.execute(
        sa.select(sa.func.coalesce(sa.func.sum(ledger.c.points), 0)).where(ledger.c.user_id == user_id)
    )
    return int(total.scalar_one())


async def wallet(conn: Conn, user_id: str, *, recent: int = 100) -> Wallet:
    """The balance (the ledger's running sum), items, and the latest entries."""
    points = await balance(conn, user_id)
    cols = [ledger.c[n] for n in LedgerEntry.model_fields]
    rows = await conn.execute(
        sa.select(*cols).where(ledger.c.user_id == user_id).order_by(ledger.c.id.desc()).limit(recent)
    )
    entries = [LedgerEntry.model_validate(dict(r._mapping)) for r in rows]
    item_rows = await conn.execute(
        sa.select(*cols).where(ledger.c.user_id == user_id, ledger.c.kind == "item").order_by(ledger.c.id)
    )
    granted = [LedgerEntry.model_validate(dict(r._mapping)) for r in item_rows]
    owed = await items.owed(conn, user_id=user_id, limit=1000)
    return Wallet(points=int(points), items=granted, owed=owed, ledger=entries)
