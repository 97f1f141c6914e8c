"""The bonus shop: items a mission can reward, their stock, and item rewards owed while out of stock.

An item reward never disappears: granted from stock when there is some, otherwise recorded as
owed (under the same idempotency key) and fulfilled, oldest first, when the item is restocked.
Every function runs inside the caller's transaction; the item row's lock serialises grants of an
item, so concurrent completions never take the same last unit twice.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict
from sqlalchemy.dialects.postgresql import insert

from db.engine import Conn
from db.tables import items, ledger, owed_rewards
from domain.errors import Conflict, NotFound


class Item(BaseModel):
    """A bonus-shop item; `stock` None means unlimited."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    description: str | None
    stock: int | None
    created_at: datetime
    updated_at: datetime
    #: `streak_freeze`: users buy it (for `price` points) to add a freeze to a streak; `item`: a reward.
    kind: str = "item"
    price: int | None = None


class Owed(BaseModel):
    """An item reward earned while the item was out of stock."""

    model_config = ConfigDict(frozen=True)

    id: int
    user_id: str
    item_id: str
    mission_id: str | None
    created_at: datetime
    fulfilled_at: datetime | None


_ITEM = [items.c[n] for n in Item.model_fields]
_OWED = [owed_rewards.c[n] for n in Owed.model_fields]


async def create(
    conn: Conn,
    *,
    name: str,
    description: str | None,
    stock: int | None,
    item_id: str | None = None,
    kind: str = "item",
    price: int | None = None,
) -> Item:
    """Adds an item (id `itm_<hex>` unless given); 409 when the id is taken."""
    new_id = item_id or f"itm_{uuid.uuid4().hex}"
    row = (
        await conn.execute(
            insert(items)
            .values(id=new_id, name=name, description=description, stock=stock, kind=kind, price=price)
            .on_conflict_do_nothing(index_elements=[items.c.id])
            .returning(*_ITEM)
        )
    ).first()
    if row is None:
        raise Conflict("item_exists", f"an item {new_id!r} already exists", {"id": new_id})
    return Item.model_validate(dict(row._mapping))


async def get(conn: Conn, item_id: str, *, for_update: bool = False) -> Item:
    """One item, or NotFound."""
    query = sa.select(*_ITEM).where(items.c.id == item_id)
    if for_update:
        query = query.with_for_update()
    row = (await conn.execute(query)).first()
    if row is None:
        raise NotFound("item_not_found", f"no item {item_id!r}", {"item_id": item_id})
    return Item.model_validate(dict(row._mapping))


async def exists(conn: Conn, item_id: str) -> bool:
    """Whether the item exists (KEY SHARE-locked so it cannot vanish before the caller commits)."""
    found = await conn.execute(
        sa.select(items.c.id).where(items.c.id == item_id).with_for_update(read=True, key_share=True)
    )
    return found.first() is not None


async def list_items(conn: Conn, *, limit: int = 100, after: str | None = None) -> list[Item]:
    """Items by id, `after` the last id of the previous page."""
    query = sa.select(*_ITEM).order_by(items.c.id).limit(limit)
    if after is not None:
        query = query.where(items.c.id > after)
    return [Item.model_validate(dict(r._mapping)) for r in await conn.execute(query)]


async def update(conn: Conn, item_id: str, changes: dict[str, object], at: datetime) -> tuple[Item, int]:
    """Changes name, description or stock; a new stock fulfils owed rewards first, oldest first.

    Returns the item and how many owed rewards the change fulfilled.
    """
    await get(conn, item_id, for_update=True)
    row = (
        await conn.execute(
            sa.update(items).where(items.c.id == item_id).values(**changes, updated_at=sa.func.now()).returning(*_ITEM)
        )
    ).one()
    item = Item.model_validate(dict(row._mapping))
    fulfilled = await _fulfil_owed(conn, item, at) if "stock" in changes else 0
    return await get(conn, item_id), fulfilled


async def _fulfil_owed(conn: Conn, item: Item, at: datetime) -> int:
    """Hands out stock to owed rewards in the order they were earned (item row locked)."""
    query = (
        sa.select(*_OWED, owed_rewards.c.idempotency_key)
        .where(owed_rewards.c.item_id == item.id, owed_rewards.c.fulfilled_at.is_(None))
        .order_by(owed_rewards.c.id)
    )
    if item.stock is not None:
        query = query.limit(item.stock)
    owed = (await conn.execute(query)).all()
    for o in owed:
        await _hand_out(conn, key=o.idempotency_key, user_id=o.user_id, item_id=item.id, mission_id=o.mission_id)
        await conn.execute(sa.update(owed_rewards).where(owed_rewards.c.id == o.id).values(fulfilled_at=at))
    if owed and item.stock is not None:
        await conn.execute(sa.update(items).where(items.c.id == item.id).values(stock=items.c.stock - len(owed)))
    return len(owed)


async def _hand_out(conn: Conn, *, key: str, user_id: str, item_id: str, mission_id: str | None) -> None:
    """The ledger row of one unit of an item given to a user (stock is the caller's to count)."""
    await conn.execute(
        sa.insert(ledger).values(
            user_id=user_id, kind="item", points=0, item_id=item_id, mission_id=mission_id, idempotency_key=key
        )
    )


async def recorded(conn: Conn, key: str) -> bool:
    """Whether a reward was recorded under this key: in the ledger, or owed."""
    seen = await conn.execute(
        sa.select(ledger.c.id)
        .where(ledger.c.idempotency_key == key)
        .union_all(sa.select(owed_rewards.c.id).where(owed_rewards.c.idempotency_key == key))
    )
    return seen.first() is not None


async def grant(conn: Conn, *, key: str, user_id: str, item_id: str, mission_id: str | None) -> bool:
    """Grants one unit under an idempotency key: from stock, or owed when none is left.

    False when that key was already granted or owed (a retry).
    """
    item = await get(conn, item_id, for_update=True)
    if await recorded(conn, key):
        return False
    if item.stock is None or item.stock > 0:
        await _hand_out(conn, key=key, user_id=user_id, item_id=item_id, mission_id=mission_id)
        if item.stock is not None:
            await conn.execute(sa.update(items).where(items.c.id == item_id).values(stock=items.c.stock - 1))
    else:
        await conn.execute(
            sa.insert(owed_rewards).values(user_id=user_id, item_id=item_id, mission_id=mission_id, idempotency_key=key)
        )
    return True


async def owed(
    conn: Conn,
    *,
    user_id: str | None = None,
    item_id: str | None = None,
    status: Literal["open", "fulfilled"] | None = "open",
    limit: int = 100,
    after: int | None = None,
) -> list[Owed]:
    """Owed item rewards oldest first, filtered; `after` is the last id of the previous page."""
    query = sa.select(*_OWED).order_by(owed_rewards.c.id).limit(limit)
    if user_id is not None:
        query = query.where(owed_rewards.c.user_id == user_id)
    if item_id is not None:
        query = query.where(owed_rewards.c.item_id == item_id)
    if status == "open":
        query = query.where(owed_rewards.c.fulfilled_at.is_(None))
    elif status == "fulfilled":
        query = query.where(owed_rewards.c.fulfilled_at.is_not(None))
    if after is not None:
        query = query.where(owed_rewards.c.id > after)
    return [Owed.model_validate(dict(r._mapping)) for r in await conn.execute(query)]
