from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime


T = TypeVar("T", bound="StreakStatus")


@_attrs_define
class StreakStatus:
    """Where the user's streak stands now, with its freezes (`Streak.freezes`).

    Attributes:
        best (int): The longest streak so far.
        current (int): Consecutive periods kept now (a frozen period keeps the run, adding nothing).
        freezes (int): Freezes held now: each covers one missed period instead of breaking the streak.
        freezes_used (int): Freezes used so far.
        frozen (list[datetime.date]): The latest periods (their local start dates) a freeze or an operator's repair
            kept.
    """

    best: int
    current: int
    freezes: int
    freezes_used: int
    frozen: list[datetime.date]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        best = self.best

        current = self.current

        freezes = self.freezes

        freezes_used = self.freezes_used

        frozen = []
        for frozen_item_data in self.frozen:
            frozen_item = frozen_item_data.isoformat()
            frozen.append(frozen_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "best": best,
                "current": current,
                "freezes": freezes,
                "freezes_used": freezes_used,
                "frozen": frozen,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        best = d.pop("best")

        current = d.pop("current")

        freezes = d.pop("freezes")

        freezes_used = d.pop("freezes_used")

        frozen = []
        _frozen = d.pop("frozen")
        for frozen_item_data in _frozen:
            frozen_item = datetime.date.fromisoformat(frozen_item_data)

            frozen.append(frozen_item)

        streak_status = cls(
            best=best,
            current=current,
            freezes=freezes,
            freezes_used=freezes_used,
            frozen=frozen,
        )

        streak_status.additional_properties = d
        return streak_status

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
