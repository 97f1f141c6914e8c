from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.streak_period import StreakPeriod


T = TypeVar("T", bound="Streak")


@_attrs_define
class Streak:
    """The per-period goal must be met in `periods` consecutive periods.

    Attributes:
        period (StreakPeriod):
        periods (int):
    """

    period: StreakPeriod
    periods: int

    def to_dict(self) -> dict[str, Any]:
        period = self.period.value

        periods = self.periods

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "period": period,
                "periods": periods,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        period = StreakPeriod(d.pop("period"))

        periods = d.pop("periods")

        streak = cls(
            period=period,
            periods=periods,
        )

        return streak
