from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
    from ..models.item_out import ItemOut


T = TypeVar("T", bound="ItemChange")


@_attrs_define
class ItemChange:
    """An item after a change, and how many owed rewards the change handed out.

    Attributes:
        fulfilled (int):
        item (ItemOut): An item as stored.
    """

    fulfilled: int
    item: ItemOut
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.item_out import ItemOut  # noqa: PLC0415

        fulfilled = self.fulfilled

        item = self.item.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "fulfilled": fulfilled,
                "item": item,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.item_out import ItemOut  # noqa: PLC0415

        d = dict(src_dict)
        fulfilled = d.pop("fulfilled")

        item = ItemOut.from_dict(d.pop("item"))

        item_change = cls(
            fulfilled=fulfilled,
            item=item,
        )

        item_change.additional_properties = d
        return item_change

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
