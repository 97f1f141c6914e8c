"""Admin routes of the bonus shop: items with stock, and the item rewards owed while out of stock."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from api.deps import Admin, Conn
from api.errors import error_responses
from api.schemas import Strict
from api.strict import JsonBody
from db import items as repo
from db.items import Item, Owed
from domain.missions import Name

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
async def create_item(body: JsonBody[ItemIn], conn: Conn, _: Admin) -> ItemOut:
    """Adds an item to the shop (409 when the id is taken)."""
    item = await repo.create(conn, name=body.name, description=body.description, stock=body.stock, item_id=body.id)
    return ItemOut.model_validate(item.model_dump())


@router.get("", response_model=ItemList, responses={**_AUTH, **error_responses(422)})
async def list_items(
    conn: Conn,
    _: Admin,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: Annotated[str | None, Query(description="`next_cursor` of the previous page")] = None,
) -> ItemList:
    """Items by id."""
    page = await repo.list_items(conn, limit=limit + 1, after=cursor)
    out = [ItemOut.model_validate(i.model_dump()) for i in page[:limit]]
    return ItemList(items=out, next_cursor=page[limit - 1].id if len(page) > limit else None)


@router.get("/{item_id}", response_model=ItemOut, responses={**_AUTH, **error_responses(404)})
async def get_item(item_id: str, conn: Conn, _: Admin) -> ItemOut:
    """One item with its stock."""
    return ItemOut.model_validate((await repo.get(conn, item_id)).model_dump())


@router.patch("/{item_id}", response_model=ItemChange, responses={**_AUTH, **error_responses(404, 422)})
async def patch_item(item_id: str, body: JsonBody[ItemPatch], conn: Conn, _: Admin) -> ItemChange:
    """Renames or restocks; a restock first fulfils the rewards owed for this item, oldest first."""
    changes = body.model_dump(include=body.model_fields_set)
    if changes.get("name", "") is None:
        changes.pop("name")  # a name cannot be removed
    item, fulfilled = await repo.update(conn, item_id, changes, datetime.now(UTC))
    return ItemChange(item=ItemOut.model_validate(item.model_dump()), fulfilled=fulfilled)


@router.get("/{item_id}/owed", response_model=OwedList, responses={**_AUTH, **error_responses(404, 422)})
async def owed_rewards(
    item_id: str,
    conn: Conn,
    _: Admin,
    status: Literal["open", "fulfilled", "all"] = "open",
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: Annotated[int | None, Query(description="`next_cursor` of the previous page")] = None,
) -> OwedList:
    """Rewards of this item earned while it was out of stock (`open`: not handed out yet)."""
    await repo.get(conn, item_id)
    page = await repo.owed(
        conn, item_id=item_id, status=None if status == "all" else status, limit=limit + 1, after=cursor
    )
    return OwedList(items=page[:limit], next_cursor=page[limit - 1].id if len(page) > limit else None)
