from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.streak_period import StreakPeriod
from ..models.streak_time_zone import StreakTimeZone
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
    from ..models.freezes import Freezes


T = TypeVar("T", bound="Streak")


@_attrs_define
class Streak:
    """The per-period goal must be met in `periods` consecutive periods.

    Attributes:
        period (StreakPeriod):
        periods (int):
        freezes (Freezes | None | Unset):
        time_zone (StreakTimeZone | Unset):  Default: StreakTimeZone.MISSION.
    """

    period: StreakPeriod
    periods: int
    freezes: Freezes | None | Unset = UNSET
    time_zone: StreakTimeZone | Unset = StreakTimeZone.MISSION

    def to_dict(self) -> dict[str, Any]:
        from ..models.freezes import Freezes  # noqa: PLC0415

        period = self.period.value

        periods = self.periods

        freezes: dict[str, Any] | None | Unset
        if isinstance(self.freezes, Unset):
            freezes = UNSET
        elif isinstance(self.freezes, Freezes):
            freezes = self.freezes.to_dict()
        else:
            freezes = self.freezes

        time_zone: str | Unset = UNSET
        if not isinstance(self.time_zone, Unset):
            time_zone = self.time_zone.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "period": period,
                "periods": periods,
            }
        )
        if freezes is not UNSET:
            field_dict["freezes"] = freezes
        if time_zone is not UNSET:
            field_dict["time_zone"] = time_zone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.freezes import Freezes  # noqa: PLC0415

        d = dict(src_dict)
        period = StreakPeriod(d.pop("period"))

        periods = d.pop("periods")

        def _parse_freezes(data: object) -> Freezes | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                freezes_type_0 = Freezes.from_dict(data)

                return freezes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Freezes | None | Unset, data)

        freezes = _parse_freezes(d.pop("freezes", UNSET))

        _time_zone = d.pop("time_zone", UNSET)
        time_zone: StreakTimeZone | Unset
        if isinstance(_time_zone, Unset):
            time_zone = UNSET
        else:
            time_zone = StreakTimeZone(_time_zone)

        streak = cls(
            period=period,
            periods=periods,
            freezes=freezes,
            time_zone=time_zone,
        )

        return streak
