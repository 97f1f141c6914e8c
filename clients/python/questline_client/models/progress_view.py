from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast


T = TypeVar("T", bound="ProgressView")


@_attrs_define
class ProgressView:
    """Progress as numbers a client can show (integers when whole).

    Attributes:
        current (float | int):
        target (float | int):
        unit (str):
    """

    current: float | int
    target: float | int
    unit: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        current: float | int
        current = self.current

        target: float | int
        target = self.target

        unit = self.unit

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "current": current,
                "target": target,
                "unit": unit,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_current(data: object) -> float | int:
            return cast(float | int, data)

        current = _parse_current(d.pop("current"))

        def _parse_target(data: object) -> float | int:
            return cast(float | int, data)

        target = _parse_target(d.pop("target"))

        unit = d.pop("unit")

        progress_view = cls(
            current=current,
            target=target,
            unit=unit,
        )

        progress_view.additional_properties = d
        return progress_view

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
