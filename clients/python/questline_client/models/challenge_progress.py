from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
    from ..models.today_progress import TodayProgress


T = TypeVar("T", bound="ChallengeProgress")


@_attrs_define
class ChallengeProgress:
    """The streak now: consecutive periods met, out of `periods`, and the current period.

    Attributes:
        best (int):
        periods (int):
        streak (int):
        today (TodayProgress): The current period's progress towards its target (events, or an amount).
    """

    best: int
    periods: int
    streak: int
    today: TodayProgress
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.today_progress import TodayProgress  # noqa: PLC0415

        best = self.best

        periods = self.periods

        streak = self.streak

        today = self.today.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "best": best,
                "periods": periods,
                "streak": streak,
                "today": today,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.today_progress import TodayProgress  # noqa: PLC0415

        d = dict(src_dict)
        best = d.pop("best")

        periods = d.pop("periods")

        streak = d.pop("streak")

        today = TodayProgress.from_dict(d.pop("today"))

        challenge_progress = cls(
            best=best,
            periods=periods,
            streak=streak,
            today=today,
        )

        challenge_progress.additional_properties = d
        return challenge_progress

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
