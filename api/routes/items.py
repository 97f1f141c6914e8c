"""Admin routes of the bonus shop: items with stock, and the item rewards owed while out of stock."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field, model_validator

from api.deps import Admin, Conn, ShopDep
from api.errors import error_responses
from api.schemas import Strict
from api.strict import JsonBody
from domain.errors import FieldInvalid
from domain.spec_base import Name
from services.shop import Item, Owed

router = APIRouter(prefix="/v1/items", tags=["shop"])

_AUTH = error_responses(401, 403)
ItemId = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9_.-]+$")]
Stock = Annotated[int, Field(ge=0, le=1_000_000_000)]


class ItemIn(Strict):
    """A new shop item. `stock` null (the default) means unlimited."""

    id: ItemId | None = Field(None, description="Your own id (letters, digits, `_.-`); generated when absent.")
    name: Name
    description: Annotated[str, Field(max_length=2000)] | None = None
    stock: Stock | None = None
    kind: Literal["item", "streak_freeze"] = Field(
        "item",
        description="`streak_freeze`: users buy it for `price` points to add a freeze to one of their streaks "
        "(`POST /v1/me/streak-freezes`); `item`: a mission reward.",
    )
    price: Annotated[int, Field(ge=1, le=1_000_000_000)] | None = Field(
        None, description="What a `streak_freeze` costs in points (required for one; null for a reward item)."
    )

    @model_validator(mode="after")
    def _freezes_have_a_price(self) -> ItemIn:
        if self.kind == "streak_freeze" and self.price is None:
            raise FieldInvalid("price", "a streak_freeze item needs a price in points")
        return self


class ItemPatch(Strict):
    """Changes to an item. Setting `stock` hands the new units to owed rewards first, oldest first."""

    name: Name | None = None
    description: Annotated[str, Field(max_length=2000)] | None = None
    stock: Stock | None = Field(None, description="The new stock; null means unlimited.")


class ItemOut(Item):
    """An item as stored."""


class ItemList(BaseModel):
    """A page of items; pass `next_cursor` as `cursor` for the next page."""

    items: list[ItemOut]
    next_cursor: str | None = None


class ItemChange(BaseModel):
    """An item after a change, and how many owed rewards the change handed out."""

    item: ItemOut
    fulfilled: int


class OwedList(BaseModel):
    """A page of owed item rewards; pass `next_cursor` as `cursor` for the next page."""

    items: list[Owed]
    next_cursor: int | None = None


@router.post("", status_code=201, response_model=ItemOut, responses={**_AUTH, **error_responses(409, 422)})
async def create_item(body: JsonBody[ItemIn], conn: Conn, _: Admin, shop: ShopDep) -> ItemOut:
    """Adds an item to the shop (409 when the id is taken)."""
    item = await shop.create(
        conn,
        name=body.name,
        description=body.description,
        stock=body.stock,
        item_id=body.id,
        kind=body.kind,
        price=body.price,
    )
    return ItemOut.model_validate(item.model_dump())


@router.get("", response_model=ItemList, responses={**_AUTH, **error_responses(422)})
async def list_items(
    conn: Conn,
    _: Admin,
    shop: ShopDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: Annotated[str | None, Query(description="`next_cursor` of the previous page")] = None,
) -> ItemList:
    """Items by id."""
    page = await shop.page(conn, limit=limit, cursor=cursor)
    return ItemList(items=[ItemOut.model_validate(i.model_dump()) for i in page.items], next_cursor=page.next_cursor)


@router.get("/{item_id}", response_model=ItemOut, responses={**_AUTH, **error_responses(404)})
async def get_item(item_id: str, conn: Conn, _: Admin, shop: ShopDep) -> ItemOut:
    """One item with its stock."""
    return ItemOut.model_validate((await shop.get(conn, item_id)).model_dump())


@router.patch("/{item_id}", response_model=ItemChange, responses={**_AUTH, **error_responses(404, 422)})
async def patch_item(item_id: str, body: JsonBody[ItemPatch], conn: Conn, _: Admin, shop: ShopDep) -> ItemChange:
    """Renames or restocks; a restock first fulfils the rewards owed for this item, oldest first."""
    changed = await shop.change(conn, item_id, body.model_dump(include=body.model_fields_set))
    return ItemChange(item=ItemOut.model_validate(changed.item.model_dump()), fulfilled=changed.fulfilled)


@router.get("/{item_id}/owed", response_model=OwedList, responses={**_AUTH, **error_responses(404, 422)})
async def owed_rewards(
    item_id: str,
    conn: Conn,
    _: Admin,
    shop: ShopDep,
    status: Literal["open", "fulfilled", "all"] = "open",
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: Annotated[int | None, Query(description="`next_cursor` of the previous page")] = None,
) -> OwedList:
    """Rewards of this item earned while it was out of stock (`open`: not handed out yet)."""
    page = await shop.owed(conn, item_id, status=status, limit=limit, cursor=cursor)
    return OwedList(items=page.items, next_cursor=page.next_cursor)
