from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
    from ..models.bucket import Bucket


T = TypeVar("T", bound="NotCompleted")


@_attrs_define
class NotCompleted:
    """Users met who would not have completed, by the fraction of the goal they reached.

    Attributes:
        spread (list[Bucket]):
        users (int):
    """

    spread: list[Bucket]
    users: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.bucket import Bucket  # noqa: PLC0415

        spread = []
        for spread_item_data in self.spread:
            spread_item = spread_item_data.to_dict()
            spread.append(spread_item)

        users = self.users

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "spread": spread,
                "users": users,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bucket import Bucket  # noqa: PLC0415

        d = dict(src_dict)
        spread = []
        _spread = d.pop("spread")
        for spread_item_data in _spread:
            spread_item = Bucket.from_dict(spread_item_data)

            spread.append(spread_item)

        users = d.pop("users")

        not_completed = cls(
            spread=spread,
            users=users,
        )

        not_completed.additional_properties = d
        return not_completed

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
