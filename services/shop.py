"""The bonus shop: items with stock, and the item rewards owed while an item is out of stock;
and streak freezes users buy.

Granting an item as a reward (from stock, or owed) is the reward grant's; a restock here hands
the new units to the owed rewards first, oldest first.

A `streak_freeze` item is bought (`buy_streak_freeze`): in one transaction under the buyer's
lock, the price is checked against the balance (the ledger's sum), a unit taken from stock, the
price debited (a negative `points` row under the purchase's key) and the freeze added to the
user's journey (its `add_freeze` update, once per purchase id); a refusal by the journey rolls
the payment back. The same purchase id again changes nothing and pays nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from db import enrolments, ledger, streak_freezes
from db import items as repo
from db import missions as missions_repo
from db.engine import Conn
from db.items import Item, Owed
from domain.errors import Conflict, Invalid, NotFound
from domain.missions import EventGoal
from services.active_missions import context_of
from services.gateway import JourneyGateway, workflow_id_of
from services.paging import Page, page_of
from workflows.payloads import AddFreeze

__all__ = ["ChangedItem", "FreezeBought", "Item", "Owed", "Shop"]


@dataclass(frozen=True)
class FreezeBought:
    """A freeze bought: what it cost, the balance after, and the freezes the streak now holds."""

    purchase_id: str
    item_id: str
    mission_id: str
    price: int
    points: int
    freezes: int
    duplicate: bool


def _bad(field: str, reason: str, code: str) -> Invalid:
    return Invalid(code, f"{field}: {reason}", [{"field": field, "reason": reason}])


@dataclass(frozen=True)
class ChangedItem:
    """An item after a change, and how many owed rewards the change handed out."""

    item: Item
    fulfilled: int


class Shop:
    """The admin's writes and reads of shop items and owed item rewards."""

    async def create(
        self,
        conn: Conn,
        *,
        name: str,
        description: str | None,
        stock: int | None,
        item_id: str | None,
        kind: str = "item",
        price: int | None = None,
    ) -> Item:
        """Adds an item (`stock` None: unlimited); 409 `item_exists` when the id is taken."""
        return await repo.create(
            conn, name=name, description=description, stock=stock, item_id=item_id, kind=kind, price=price
        )

    async def buy_streak_freeze(
        self,
        conn: Conn,
        gateway: JourneyGateway,
        *,
        user_id: str,
        item_id: str,
        mission_id: str,
        purchase_id: str | None,
    ) -> FreezeBought:
        """The user buys one freeze for their streak on `mission_id` (see the module's note).

        422 naming the field: `item_not_found`, `not_a_freeze` (an item of another kind)
        (`item_id`); `mission_not_found`, `not_a_streak` (`mission_id`). 409: `no_streak` (the user
        has no journey on it yet), `insufficient_points`, `out_of_stock`, `freezes_not_offered`,
        `freezes_full`, `journey_finished`.
        """
        try:
            item = await repo.get(conn, item_id)
        except NotFound as exc:
            raise _bad("item_id", "no such item", "item_not_found") from exc
        if item.kind != "streak_freeze" or item.price is None:
            raise _bad("item_id", "the item is not a streak freeze for sale", "not_a_freeze")
        try:
            mission = await missions_repo.get(conn, mission_id)
        except NotFound as exc:
            raise _bad("mission_id", "no such mission or challenge", "mission_not_found") from exc
        goal = mission.spec.goal
        if not isinstance(goal, EventGoal) or goal.streak is None:
            raise _bad("mission_id", "the mission has no streak goal", "not_a_streak")
        if mission.owner_user_id not in (None, user_id):
            raise _bad("mission_id", "no such mission or challenge", "mission_not_found")
        journey = (await enrolments.for_user(conn, user_id, [mission_id])).get(mission_id)
        if journey is None:
            raise Conflict("no_streak", "the user has no streak on this mission yet", {"mission_id": mission_id})
        purchase = purchase_id or f"frz_{uuid.uuid4().hex[:20]}"
        key = f"streak-freeze:{user_id}:{purchase}"
        await streak_freezes.lock_buyer(conn, user_id)
        duplicate = await streak_freezes.bought(conn, key)
        if not duplicate:
            balance = await ledger.balance(conn, user_id)
            if balance < item.price:
                raise Conflict(
                    "insufficient_points",
                    f"the freeze costs {item.price} points; the user has {balance}",
                    {"price": item.price, "points": balance},
                )
            if not await streak_freezes.take_one(conn, item_id):
                raise Conflict("out_of_stock", f"item {item_id!r} is out of stock", {"item_id": item_id})
            await streak_freezes.debit(
                conn,
                key=key,
                user_id=user_id,
                item_id=item_id,
                label=f"Bought: {item.name}",
                price=item.price,
                mission_id=mission_id,
            )
        # Inside the transaction: a journey that refuses (409) rolls the payment back with it.
        ctx = context_of(mission)
        result = await gateway.act_existing(
            workflow_id_of(ctx, user_id, datetime.now(UTC)), "add_freeze", AddFreeze(purchase_id=purchase)
        )
        streak = result.journey.streak
        return FreezeBought(
            purchase_id=purchase,
            item_id=item_id,
            mission_id=mission_id,
            price=item.price,
            points=await ledger.balance(conn, user_id),
            freezes=streak.freezes if streak is not None else 0,
            duplicate=duplicate,
        )

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
