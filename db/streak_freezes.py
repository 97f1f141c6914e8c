"""Streak freezes bought in the shop: the buyer's lock, the unit taken from stock, and the
ledger's debit of the price (a `points` row with negative points, under the purchase's key).
Functions run inside the caller's transaction.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from db.engine import Conn
from db.tables import items, ledger

#: First key of the per-user advisory lock a purchase checks and debits the balance under ("qlfz").
_BUYER_LOCK_CLASS = 0x716C667A


async def lock_buyer(conn: Conn, user_id: str) -> None:
    """Serialises the user's purchases until the transaction ends (balance check, then debit)."""
    await conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_BUYER_LOCK_CLASS, sa.func.hashtext(user_id))))


async def bought(conn: Conn, key: str) -> bool:
    """Whether the purchase under `key` was already paid (a retry)."""
    found = await conn.execute(sa.select(ledger.c.id).where(ledger.c.idempotency_key == key))
    return found.first() is not None


async def take_one(conn: Conn, item_id: str) -> bool:
    """Takes one unit of a limited item from stock; False when none is left (unlimited: True)."""
    taken = await conn.execute(
        sa.update(items)
        .where(items.c.id == item_id, sa.or_(items.c.stock.is_(None), items.c.stock > 0))
        .values(stock=sa.case((items.c.stock.is_(None), None), else_=items.c.stock - 1), updated_at=sa.func.now())
        .returning(items.c.id)
    )
    return taken.first() is not None


async def debit(conn: Conn, *, key: str, user_id: str, item_id: str, label: str, price: int, mission_id: str) -> None:
    """Records the price paid (negative points) under the purchase's key."""
    await conn.execute(
        insert(ledger)
        .values(
            user_id=user_id,
            kind="points",
            points=-price,
            item_id=item_id,
            label=label,
            mission_id=mission_id,
            idempotency_key=key,
        )
        .on_conflict_do_nothing(index_elements=[ledger.c.idempotency_key])
    )
