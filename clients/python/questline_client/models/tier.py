from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast


T = TypeVar("T", bound="Tier")


@_attrs_define
class Tier:
    """A tier: reached at `min_points`, or (without a threshold) only ever set explicitly.

    Attributes:
        name (str):
        min_points (int | None | Unset):
    """

    name: str
    min_points: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        min_points: int | None | Unset
        if isinstance(self.min_points, Unset):
            min_points = UNSET
        else:
            min_points = self.min_points

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if min_points is not UNSET:
            field_dict["min_points"] = min_points

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        def _parse_min_points(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        min_points = _parse_min_points(d.pop("min_points", UNSET))

        tier = cls(
            name=name,
            min_points=min_points,
        )

        return tier
