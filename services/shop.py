"""The bonus shop: items with stock, and the item rewards owed while an item is out of stock.

Granting an item as a reward (from stock, or owed) is the reward grant's; a restock here hands
the new units to the owed rewards first, oldest first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from db import items as repo
from db.engine import Conn
from db.items import Item, Owed
from services.paging import Page, page_of

__all__ = ["ChangedItem", "Item", "Owed", "Shop"]


@dataclass(frozen=True)
class ChangedItem:
    """An item after a change, and how many owed rewards the change handed out."""

    item: Item
    fulfilled: int


class Shop:
    """The admin's writes and reads of shop items and owed item rewards."""

    async def create(
        self, conn: Conn, *, name: str, description: str | None, stock: int | None, item_id: str | None
    ) -> Item:
        """Adds an item (`stock` None: unlimited); 409 `item_exists` when the id is taken."""
        return await repo.create(conn, name=name, description=description, stock=stock, item_id=item_id)

    async def page(self, conn: Conn, *, limit: int, cursor: str | None) -> Page[Item, str]:
        """Items by id, after `cursor` (the last id of the previous page)."""
        rows = await repo.list_items(conn, limit=limit + 1, after=cursor)
        return page_of(rows, limit, lambda item: item.id)

    async def get(self, conn: Conn, item_id: str) -> Item:
        """One item with its stock (404 `item_not_found`)."""
        return await repo.get(conn, item_id)

    async def change(self, conn: Conn, item_id: str, changes: dict[str, Any]) -> ChangedItem:
        """Renames, describes or restocks (`changes`: the fields sent); a name cannot be removed (a
        null one is ignored); a new stock first fulfils the rewards owed for the item, oldest first."""
        changes = dict(changes)
        if "name" in changes and changes["name"] is None:
            changes.pop("name")
        item, fulfilled = await repo.update(conn, item_id, changes, datetime.now(UTC))
        return ChangedItem(item, fulfilled)

    async def owed(
        self,
        conn: Conn,
        item_id: str,
        *,
        status: Literal["open", "fulfilled", "all"],
        limit: int,
        cursor: int | None,
    ) -> Page[Owed, int]:
        """Rewards of the item earned while it was out of stock (`open`: not handed out yet); 404 for the item."""
        await repo.get(conn, item_id)
        rows = await repo.owed(
            conn, item_id=item_id, status=None if status == "all" else status, limit=limit + 1, after=cursor
        )
        return page_of(rows, limit, lambda owed: owed.id)
