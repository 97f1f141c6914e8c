from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast


T = TypeVar("T", bound="StreakFreezeIn")


@_attrs_define
class StreakFreezeIn:
    """Which streak to protect, with which shop item.

    Attributes:
        item_id (str): A shop item of kind `streak_freeze`.
        mission_id (str): The mission (or the user's challenge) whose streak gets the freeze.
        purchase_id (None | str | Unset): Your id for this purchase: the same id again pays and adds nothing (a safe
            retry).
    """

    item_id: str
    mission_id: str
    purchase_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        item_id = self.item_id

        mission_id = self.mission_id

        purchase_id: None | str | Unset
        if isinstance(self.purchase_id, Unset):
            purchase_id = UNSET
        else:
            purchase_id = self.purchase_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "item_id": item_id,
                "mission_id": mission_id,
            }
        )
        if purchase_id is not UNSET:
            field_dict["purchase_id"] = purchase_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        item_id = d.pop("item_id")

        mission_id = d.pop("mission_id")

        def _parse_purchase_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        purchase_id = _parse_purchase_id(d.pop("purchase_id", UNSET))

        streak_freeze_in = cls(
            item_id=item_id,
            mission_id=mission_id,
            purchase_id=purchase_id,
        )

        return streak_freeze_in
