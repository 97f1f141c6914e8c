from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.challenge_in_kind import ChallengeInKind
from ..models.challenge_in_period_type_0 import ChallengeInPeriodType0
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
    from ..models.challenge_target import ChallengeTarget


T = TypeVar("T", bound="ChallengeIn")


@_attrs_define
class ChallengeIn:
    """A challenge as a user creates it (the body of `POST /v1/users/{user_id}/challenges`).

    Attributes:
        event_type (str):
        name (str):
        kind (ChallengeInKind | Unset):  Default: ChallengeInKind.STREAK.
        period (ChallengeInPeriodType0 | None | Unset):
        periods (int | None | Unset):
        target (ChallengeTarget | Unset): The per-period goal (a milestone's: the total): a number of events, or an
            amount of their
            values; neither given means a count of 2.
        timezone (None | str | Unset):
    """

    event_type: str
    name: str
    kind: ChallengeInKind | Unset = ChallengeInKind.STREAK
    period: ChallengeInPeriodType0 | None | Unset = UNSET
    periods: int | None | Unset = UNSET
    target: ChallengeTarget | Unset = UNSET
    timezone: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.challenge_target import ChallengeTarget  # noqa: PLC0415

        event_type = self.event_type

        name = self.name

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        period: None | str | Unset
        if isinstance(self.period, Unset):
            period = UNSET
        elif isinstance(self.period, ChallengeInPeriodType0):
            period = self.period.value
        else:
            period = self.period

        periods: int | None | Unset
        if isinstance(self.periods, Unset):
            periods = UNSET
        else:
            periods = self.periods

        target: dict[str, Any] | Unset = UNSET
        if not isinstance(self.target, Unset):
            target = self.target.to_dict()

        timezone: None | str | Unset
        if isinstance(self.timezone, Unset):
            timezone = UNSET
        else:
            timezone = self.timezone

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "event_type": event_type,
                "name": name,
            }
        )
        if kind is not UNSET:
            field_dict["kind"] = kind
        if period is not UNSET:
            field_dict["period"] = period
        if periods is not UNSET:
            field_dict["periods"] = periods
        if target is not UNSET:
            field_dict["target"] = target
        if timezone is not UNSET:
            field_dict["timezone"] = timezone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.challenge_target import ChallengeTarget  # noqa: PLC0415

        d = dict(src_dict)
        event_type = d.pop("event_type")

        name = d.pop("name")

        _kind = d.pop("kind", UNSET)
        kind: ChallengeInKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = ChallengeInKind(_kind)

        def _parse_period(data: object) -> ChallengeInPeriodType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                period_type_0 = ChallengeInPeriodType0(data)

                return period_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ChallengeInPeriodType0 | None | Unset, data)

        period = _parse_period(d.pop("period", UNSET))

        def _parse_periods(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        periods = _parse_periods(d.pop("periods", UNSET))

        _target = d.pop("target", UNSET)
        target: ChallengeTarget | Unset
        if isinstance(_target, Unset):
            target = UNSET
        else:
            target = ChallengeTarget.from_dict(_target)

        def _parse_timezone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        timezone = _parse_timezone(d.pop("timezone", UNSET))

        challenge_in = cls(
            event_type=event_type,
            name=name,
            kind=kind,
            period=period,
            periods=periods,
            target=target,
            timezone=timezone,
        )

        return challenge_in
