from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.my_leaderboard_summary_kind import MyLeaderboardSummaryKind
from ..models.my_leaderboard_summary_period import MyLeaderboardSummaryPeriod


T = TypeVar("T", bound="MyLeaderboardSummary")


@_attrs_define
class MyLeaderboardSummary:
    """A leaderboard the user can see.

    Attributes:
        current_period (str):
        id (str):
        kind (MyLeaderboardSummaryKind):
        name (str):
        period (MyLeaderboardSummaryPeriod):
    """

    current_period: str
    id: str
    kind: MyLeaderboardSummaryKind
    name: str
    period: MyLeaderboardSummaryPeriod
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        current_period = self.current_period

        id = self.id

        kind = self.kind.value

        name = self.name

        period = self.period.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "current_period": current_period,
                "id": id,
                "kind": kind,
                "name": name,
                "period": period,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        current_period = d.pop("current_period")

        id = d.pop("id")

        kind = MyLeaderboardSummaryKind(d.pop("kind"))

        name = d.pop("name")

        period = MyLeaderboardSummaryPeriod(d.pop("period"))

        my_leaderboard_summary = cls(
            current_period=current_period,
            id=id,
            kind=kind,
            name=name,
            period=period,
        )

        my_leaderboard_summary.additional_properties = d
        return my_leaderboard_summary

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
