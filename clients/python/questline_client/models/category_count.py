from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast


T = TypeVar("T", bound="CategoryCount")


@_attrs_define
class CategoryCount:
    """A category of missions the user can see, with how many are in each tab.

    Attributes:
        count (int):
        id (None | str): null: the missions in no category
        name (None | str):
        available (int | Unset):  Default: 0.
        completed (int | Unset):  Default: 0.
        description (None | str | Unset):
        locked (int | Unset):  Default: 0.
        missed (int | Unset):  Default: 0.
    """

    count: int
    id: None | str
    name: None | str
    available: int | Unset = 0
    completed: int | Unset = 0
    description: None | str | Unset = UNSET
    locked: int | Unset = 0
    missed: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        id: None | str
        id = self.id

        name: None | str
        name = self.name

        available = self.available

        completed = self.completed

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        locked = self.locked

        missed = self.missed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "count": count,
                "id": id,
                "name": name,
            }
        )
        if available is not UNSET:
            field_dict["available"] = available
        if completed is not UNSET:
            field_dict["completed"] = completed
        if description is not UNSET:
            field_dict["description"] = description
        if locked is not UNSET:
            field_dict["locked"] = locked
        if missed is not UNSET:
            field_dict["missed"] = missed

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        count = d.pop("count")

        def _parse_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        id = _parse_id(d.pop("id"))

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        available = d.pop("available", UNSET)

        completed = d.pop("completed", UNSET)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        locked = d.pop("locked", UNSET)

        missed = d.pop("missed", UNSET)

        category_count = cls(
            count=count,
            id=id,
            name=name,
            available=available,
            completed=completed,
            description=description,
            locked=locked,
            missed=missed,
        )

        category_count.additional_properties = d
        return category_count

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
