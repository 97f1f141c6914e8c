from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.challenge_in_period import ChallengeInPeriod
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
        period (ChallengeInPeriod):
        periods (int):
        target (ChallengeTarget): The per-period goal: a number of events, or a total amount of their values.
        timezone (None | str | Unset):
    """

    event_type: str
    name: str
    period: ChallengeInPeriod
    periods: int
    target: ChallengeTarget
    timezone: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.challenge_target import ChallengeTarget  # noqa: PLC0415

        event_type = self.event_type

        name = self.name

        period = self.period.value

        periods = self.periods

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
                "period": period,
                "periods": periods,
                "target": target,
            }
        )
        if timezone is not UNSET:
            field_dict["timezone"] = timezone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.challenge_target import ChallengeTarget  # noqa: PLC0415

        d = dict(src_dict)
        event_type = d.pop("event_type")

        name = d.pop("name")

        period = ChallengeInPeriod(d.pop("period"))

        periods = d.pop("periods")

        target = ChallengeTarget.from_dict(d.pop("target"))

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
            period=period,
            periods=periods,
            target=target,
            timezone=timezone,
        )

        return challenge_in
