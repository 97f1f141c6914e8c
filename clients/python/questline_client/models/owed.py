from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime


T = TypeVar("T", bound="Owed")


@_attrs_define
class Owed:
    """An item reward earned while the item was out of stock.

    Attributes:
        created_at (datetime.datetime):
        fulfilled_at (datetime.datetime | None):
        id (int):
        item_id (str):
        mission_id (None | str):
        user_id (str):
    """

    created_at: datetime.datetime
    fulfilled_at: datetime.datetime | None
    id: int
    item_id: str
    mission_id: None | str
    user_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        fulfilled_at: None | str
        if isinstance(self.fulfilled_at, datetime.datetime):
            fulfilled_at = self.fulfilled_at.isoformat()
        else:
            fulfilled_at = self.fulfilled_at

        id = self.id

        item_id = self.item_id

        mission_id: None | str
        mission_id = self.mission_id

        user_id = self.user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "fulfilled_at": fulfilled_at,
                "id": id,
                "item_id": item_id,
                "mission_id": mission_id,
                "user_id": user_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_fulfilled_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                fulfilled_at_type_0 = datetime.datetime.fromisoformat(data)

                return fulfilled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        fulfilled_at = _parse_fulfilled_at(d.pop("fulfilled_at"))

        id = d.pop("id")

        item_id = d.pop("item_id")

        def _parse_mission_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        mission_id = _parse_mission_id(d.pop("mission_id"))

        user_id = d.pop("user_id")

        owed = cls(
            created_at=created_at,
            fulfilled_at=fulfilled_at,
            id=id,
            item_id=item_id,
            mission_id=mission_id,
            user_id=user_id,
        )

        owed.additional_properties = d
        return owed

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
