from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast


T = TypeVar("T", bound="Reward")


@_attrs_define
class Reward:
    """Exactly one of points, a bonus-shop item or a direct (named) reward.

    Attributes:
        direct (None | str | Unset):
        item (None | str | Unset):
        points (int | None | Unset):
    """

    direct: None | str | Unset = UNSET
    item: None | str | Unset = UNSET
    points: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        direct: None | str | Unset
        if isinstance(self.direct, Unset):
            direct = UNSET
        else:
            direct = self.direct

        item: None | str | Unset
        if isinstance(self.item, Unset):
            item = UNSET
        else:
            item = self.item

        points: int | None | Unset
        if isinstance(self.points, Unset):
            points = UNSET
        else:
            points = self.points

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if direct is not UNSET:
            field_dict["direct"] = direct
        if item is not UNSET:
            field_dict["item"] = item
        if points is not UNSET:
            field_dict["points"] = points

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_direct(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        direct = _parse_direct(d.pop("direct", UNSET))

        def _parse_item(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        item = _parse_item(d.pop("item", UNSET))

        def _parse_points(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        points = _parse_points(d.pop("points", UNSET))

        reward = cls(
            direct=direct,
            item=item,
            points=points,
        )

        return reward
