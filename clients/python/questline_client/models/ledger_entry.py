from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime


T = TypeVar("T", bound="LedgerEntry")


@_attrs_define
class LedgerEntry:
    """One grant.

    Attributes:
        created_at (datetime.datetime):
        id (int):
        item_id (None | str):
        kind (str):
        label (None | str):
        mission_id (None | str):
        points (int):
    """

    created_at: datetime.datetime
    id: int
    item_id: None | str
    kind: str
    label: None | str
    mission_id: None | str
    points: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        id = self.id

        item_id: None | str
        item_id = self.item_id

        kind = self.kind

        label: None | str
        label = self.label

        mission_id: None | str
        mission_id = self.mission_id

        points = self.points

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "id": id,
                "item_id": item_id,
                "kind": kind,
                "label": label,
                "mission_id": mission_id,
                "points": points,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = d.pop("id")

        def _parse_item_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        item_id = _parse_item_id(d.pop("item_id"))

        kind = d.pop("kind")

        def _parse_label(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        label = _parse_label(d.pop("label"))

        def _parse_mission_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        mission_id = _parse_mission_id(d.pop("mission_id"))

        points = d.pop("points")

        ledger_entry = cls(
            created_at=created_at,
            id=id,
            item_id=item_id,
            kind=kind,
            label=label,
            mission_id=mission_id,
            points=points,
        )

        ledger_entry.additional_properties = d
        return ledger_entry

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
