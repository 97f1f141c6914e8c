from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.item_in_kind import ItemInKind
from ..types import UNSET, Unset
from typing import cast


T = TypeVar("T", bound="ItemIn")


@_attrs_define
class ItemIn:
    """A new shop item. `stock` null (the default) means unlimited.

    Attributes:
        name (str):
        description (None | str | Unset):
        id (None | str | Unset): Your own id (letters, digits, `_.-`); generated when absent.
        kind (ItemInKind | Unset): `streak_freeze`: users buy it for `price` points to add a freeze to one of their
            streaks (`POST /v1/me/streak-freezes`); `item`: a mission reward. Default: ItemInKind.ITEM.
        price (int | None | Unset): What a `streak_freeze` costs in points (required for one; null for a reward item).
        stock (int | None | Unset):
    """

    name: str
    description: None | str | Unset = UNSET
    id: None | str | Unset = UNSET
    kind: ItemInKind | Unset = ItemInKind.ITEM
    price: int | None | Unset = UNSET
    stock: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        id: None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        price: int | None | Unset
        if isinstance(self.price, Unset):
            price = UNSET
        else:
            price = self.price

        stock: int | None | Unset
        if isinstance(self.stock, Unset):
            stock = UNSET
        else:
            stock = self.stock

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if id is not UNSET:
            field_dict["id"] = id
        if kind is not UNSET:
            field_dict["kind"] = kind
        if price is not UNSET:
            field_dict["price"] = price
        if stock is not UNSET:
            field_dict["stock"] = stock

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        id = _parse_id(d.pop("id", UNSET))

        _kind = d.pop("kind", UNSET)
        kind: ItemInKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = ItemInKind(_kind)

        def _parse_price(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        price = _parse_price(d.pop("price", UNSET))

        def _parse_stock(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        stock = _parse_stock(d.pop("stock", UNSET))

        item_in = cls(
            name=name,
            description=description,
            id=id,
            kind=kind,
            price=price,
            stock=stock,
        )

        return item_in
