from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset


T = TypeVar("T", bound="StreakFreezeOut")


@_attrs_define
class StreakFreezeOut:
    """A freeze bought: its price, the user's balance after, and the freezes the streak holds now.

    Attributes:
        duplicate (bool): True when this purchase id was bought before (nothing paid again).
        freezes (int):
        item_id (str):
        mission_id (str):
        points (int):
        price (int):
        purchase_id (str):
    """

    duplicate: bool
    freezes: int
    item_id: str
    mission_id: str
    points: int
    price: int
    purchase_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        duplicate = self.duplicate

        freezes = self.freezes

        item_id = self.item_id

        mission_id = self.mission_id

        points = self.points

        price = self.price

        purchase_id = self.purchase_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "duplicate": duplicate,
                "freezes": freezes,
                "item_id": item_id,
                "mission_id": mission_id,
                "points": points,
                "price": price,
                "purchase_id": purchase_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        duplicate = d.pop("duplicate")

        freezes = d.pop("freezes")

        item_id = d.pop("item_id")

        mission_id = d.pop("mission_id")

        points = d.pop("points")

        price = d.pop("price")

        purchase_id = d.pop("purchase_id")

        streak_freeze_out = cls(
            duplicate=duplicate,
            freezes=freezes,
            item_id=item_id,
            mission_id=mission_id,
            points=points,
            price=price,
            purchase_id=purchase_id,
        )

        streak_freeze_out.additional_properties = d
        return streak_freeze_out

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
