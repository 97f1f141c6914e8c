from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
    from ..models.today_progress import TodayProgress


T = TypeVar("T", bound="ChallengeProgress")


@_attrs_define
class ChallengeProgress:
    """A streak challenge's streak now (consecutive periods kept, out of `periods`, the current
    period, its freezes), or a milestone's total; the other kind's fields are null.

        Attributes:
            best (int | None): The longest streak so far (null for a milestone).
            periods (int | None): Periods in a row the challenge asks for (null for a milestone).
            streak (int | None): Consecutive periods kept now (null for a milestone).
            today (None | TodayProgress): The current period's progress (null for a milestone).
            freezes (int | None | Unset): Freezes held now: each covers one missed period (null for a milestone).
            freezes_used (int | None | Unset): Freezes used so far (null for a milestone).
            total (None | TodayProgress | Unset): A milestone's total so far and its target (else null).
    """

    best: int | None
    periods: int | None
    streak: int | None
    today: None | TodayProgress
    freezes: int | None | Unset = UNSET
    freezes_used: int | None | Unset = UNSET
    total: None | TodayProgress | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.today_progress import TodayProgress  # noqa: PLC0415

        best: int | None
        best = self.best

        periods: int | None
        periods = self.periods

        streak: int | None
        streak = self.streak

        today: dict[str, Any] | None
        if isinstance(self.today, TodayProgress):
            today = self.today.to_dict()
        else:
            today = self.today

        freezes: int | None | Unset
        if isinstance(self.freezes, Unset):
            freezes = UNSET
        else:
            freezes = self.freezes

        freezes_used: int | None | Unset
        if isinstance(self.freezes_used, Unset):
            freezes_used = UNSET
        else:
            freezes_used = self.freezes_used

        total: dict[str, Any] | None | Unset
        if isinstance(self.total, Unset):
            total = UNSET
        elif isinstance(self.total, TodayProgress):
            total = self.total.to_dict()
        else:
            total = self.total

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
        if freezes is not UNSET:
            field_dict["freezes"] = freezes
        if freezes_used is not UNSET:
            field_dict["freezes_used"] = freezes_used
        if total is not UNSET:
            field_dict["total"] = total

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.today_progress import TodayProgress  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_best(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        best = _parse_best(d.pop("best"))

        def _parse_periods(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        periods = _parse_periods(d.pop("periods"))

        def _parse_streak(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        streak = _parse_streak(d.pop("streak"))

        def _parse_today(data: object) -> None | TodayProgress:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                today_type_0 = TodayProgress.from_dict(data)

                return today_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TodayProgress, data)

        today = _parse_today(d.pop("today"))

        def _parse_freezes(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        freezes = _parse_freezes(d.pop("freezes", UNSET))

        def _parse_freezes_used(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        freezes_used = _parse_freezes_used(d.pop("freezes_used", UNSET))

        def _parse_total(data: object) -> None | TodayProgress | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                total_type_0 = TodayProgress.from_dict(data)

                return total_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TodayProgress | Unset, data)

        total = _parse_total(d.pop("total", UNSET))

        challenge_progress = cls(
            best=best,
            periods=periods,
            streak=streak,
            today=today,
            freezes=freezes,
            freezes_used=freezes_used,
            total=total,
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
