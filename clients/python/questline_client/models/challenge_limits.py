from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.challenge_limits_periods_item import ChallengeLimitsPeriodsItem
from typing import cast

if TYPE_CHECKING:
    from ..models.reward import Reward


T = TypeVar("T", bound="ChallengeLimits")


@_attrs_define
class ChallengeLimits:
    """What a user may create a challenge within (the user-facing part of the operator's configuration).

    A challenge outside these limits is refused (422 `challenge_not_allowed`). Leaves out how many
    completions are rewarded per period (the anti-farming cap is the operator's).

        Attributes:
            enabled (bool): False while the operator has enabled no event type: creating is 409.
            event_types (list[str]): The event types a challenge may be built on.
            max_active_per_user (int): How many challenges a user may run at once.
            max_amount (float | int | None): Largest per-period `target.amount` (null: no limit).
            max_count (int | None): Largest per-period `target.count` (null: no limit).
            max_periods (int): Most consecutive periods a challenge may ask for.
            min_amount (float | int | None): Smallest per-period `target.amount` (null: no limit).
            min_count (int): Smallest per-period `target.count`.
            min_periods (int): Fewest consecutive periods (`periods`) a challenge may ask for.
            periods (list[ChallengeLimitsPeriodsItem]): The periods a challenge may count in.
            reward (None | Reward): What each completed challenge earns (the same for every challenge).
            timezone (str): Where days and weeks begin when the challenge names no `timezone`.
    """

    enabled: bool
    event_types: list[str]
    max_active_per_user: int
    max_amount: float | int | None
    max_count: int | None
    max_periods: int
    min_amount: float | int | None
    min_count: int
    min_periods: int
    periods: list[ChallengeLimitsPeriodsItem]
    reward: None | Reward
    timezone: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.reward import Reward  # noqa: PLC0415

        enabled = self.enabled

        event_types = self.event_types

        max_active_per_user = self.max_active_per_user

        max_amount: float | int | None
        max_amount = self.max_amount

        max_count: int | None
        max_count = self.max_count

        max_periods = self.max_periods

        min_amount: float | int | None
        min_amount = self.min_amount

        min_count = self.min_count

        min_periods = self.min_periods

        periods = []
        for periods_item_data in self.periods:
            periods_item = periods_item_data.value
            periods.append(periods_item)

        reward: dict[str, Any] | None
        if isinstance(self.reward, Reward):
            reward = self.reward.to_dict()
        else:
            reward = self.reward

        timezone = self.timezone

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "enabled": enabled,
                "event_types": event_types,
                "max_active_per_user": max_active_per_user,
                "max_amount": max_amount,
                "max_count": max_count,
                "max_periods": max_periods,
                "min_amount": min_amount,
                "min_count": min_count,
                "min_periods": min_periods,
                "periods": periods,
                "reward": reward,
                "timezone": timezone,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.reward import Reward  # noqa: PLC0415

        d = dict(src_dict)
        enabled = d.pop("enabled")

        event_types = cast(list[str], d.pop("event_types"))

        max_active_per_user = d.pop("max_active_per_user")

        def _parse_max_amount(data: object) -> float | int | None:
            if data is None:
                return data
            return cast(float | int | None, data)

        max_amount = _parse_max_amount(d.pop("max_amount"))

        def _parse_max_count(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        max_count = _parse_max_count(d.pop("max_count"))

        max_periods = d.pop("max_periods")

        def _parse_min_amount(data: object) -> float | int | None:
            if data is None:
                return data
            return cast(float | int | None, data)

        min_amount = _parse_min_amount(d.pop("min_amount"))

        min_count = d.pop("min_count")

        min_periods = d.pop("min_periods")

        periods = []
        _periods = d.pop("periods")
        for periods_item_data in _periods:
            periods_item = ChallengeLimitsPeriodsItem(periods_item_data)

            periods.append(periods_item)

        def _parse_reward(data: object) -> None | Reward:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                reward_type_0 = Reward.from_dict(data)

                return reward_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Reward, data)

        reward = _parse_reward(d.pop("reward"))

        timezone = d.pop("timezone")

        challenge_limits = cls(
            enabled=enabled,
            event_types=event_types,
            max_active_per_user=max_active_per_user,
            max_amount=max_amount,
            max_count=max_count,
            max_periods=max_periods,
            min_amount=min_amount,
            min_count=min_count,
            min_periods=min_periods,
            periods=periods,
            reward=reward,
            timezone=timezone,
        )

        challenge_limits.additional_properties = d
        return challenge_limits

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
