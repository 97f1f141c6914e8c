from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.challenge_config_reward_period import ChallengeConfigRewardPeriod
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
    from ..models.freezes import Freezes
    from ..models.reward import Reward


T = TypeVar("T", bound="ChallengeConfig")


@_attrs_define
class ChallengeConfig:
    """The operator's rules for user challenges: what may be challenged, the reward, the limits.

    Attributes:
        reward (None | Reward):
        event_types (list[str] | Unset):
        freezes (Freezes | None | Unset):
        max_active_per_user (int | Unset):  Default: 10.
        max_amount (float | None | str | Unset):
        max_count (int | None | Unset):
        max_periods (int | Unset):  Default: 365.
        max_rewarded_per_period (int | Unset):  Default: 3.
        min_amount (float | None | str | Unset):
        min_count (int | Unset):  Default: 1.
        min_periods (int | Unset):  Default: 1.
        reward_period (ChallengeConfigRewardPeriod | Unset):  Default: ChallengeConfigRewardPeriod.DAY.
        timezone (str | Unset):  Default: 'UTC'.
    """

    reward: None | Reward
    event_types: list[str] | Unset = UNSET
    freezes: Freezes | None | Unset = UNSET
    max_active_per_user: int | Unset = 10
    max_amount: float | None | str | Unset = UNSET
    max_count: int | None | Unset = UNSET
    max_periods: int | Unset = 365
    max_rewarded_per_period: int | Unset = 3
    min_amount: float | None | str | Unset = UNSET
    min_count: int | Unset = 1
    min_periods: int | Unset = 1
    reward_period: ChallengeConfigRewardPeriod | Unset = ChallengeConfigRewardPeriod.DAY
    timezone: str | Unset = "UTC"

    def to_dict(self) -> dict[str, Any]:
        from ..models.freezes import Freezes  # noqa: PLC0415
        from ..models.reward import Reward  # noqa: PLC0415

        reward: dict[str, Any] | None
        if isinstance(self.reward, Reward):
            reward = self.reward.to_dict()
        else:
            reward = self.reward

        event_types: list[str] | Unset = UNSET
        if not isinstance(self.event_types, Unset):
            event_types = self.event_types

        freezes: dict[str, Any] | None | Unset
        if isinstance(self.freezes, Unset):
            freezes = UNSET
        elif isinstance(self.freezes, Freezes):
            freezes = self.freezes.to_dict()
        else:
            freezes = self.freezes

        max_active_per_user = self.max_active_per_user

        max_amount: float | None | str | Unset
        if isinstance(self.max_amount, Unset):
            max_amount = UNSET
        else:
            max_amount = self.max_amount

        max_count: int | None | Unset
        if isinstance(self.max_count, Unset):
            max_count = UNSET
        else:
            max_count = self.max_count

        max_periods = self.max_periods

        max_rewarded_per_period = self.max_rewarded_per_period

        min_amount: float | None | str | Unset
        if isinstance(self.min_amount, Unset):
            min_amount = UNSET
        else:
            min_amount = self.min_amount

        min_count = self.min_count

        min_periods = self.min_periods

        reward_period: str | Unset = UNSET
        if not isinstance(self.reward_period, Unset):
            reward_period = self.reward_period.value

        timezone = self.timezone

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reward": reward,
            }
        )
        if event_types is not UNSET:
            field_dict["event_types"] = event_types
        if freezes is not UNSET:
            field_dict["freezes"] = freezes
        if max_active_per_user is not UNSET:
            field_dict["max_active_per_user"] = max_active_per_user
        if max_amount is not UNSET:
            field_dict["max_amount"] = max_amount
        if max_count is not UNSET:
            field_dict["max_count"] = max_count
        if max_periods is not UNSET:
            field_dict["max_periods"] = max_periods
        if max_rewarded_per_period is not UNSET:
            field_dict["max_rewarded_per_period"] = max_rewarded_per_period
        if min_amount is not UNSET:
            field_dict["min_amount"] = min_amount
        if min_count is not UNSET:
            field_dict["min_count"] = min_count
        if min_periods is not UNSET:
            field_dict["min_periods"] = min_periods
        if reward_period is not UNSET:
            field_dict["reward_period"] = reward_period
        if timezone is not UNSET:
            field_dict["timezone"] = timezone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.freezes import Freezes  # noqa: PLC0415
        from ..models.reward import Reward  # noqa: PLC0415

        d = dict(src_dict)

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

        event_types = cast(list[str], d.pop("event_types", UNSET))

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

        max_active_per_user = d.pop("max_active_per_user", UNSET)

        def _parse_max_amount(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        max_amount = _parse_max_amount(d.pop("max_amount", UNSET))

        def _parse_max_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_count = _parse_max_count(d.pop("max_count", UNSET))

        max_periods = d.pop("max_periods", UNSET)

        max_rewarded_per_period = d.pop("max_rewarded_per_period", UNSET)

        def _parse_min_amount(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        min_amount = _parse_min_amount(d.pop("min_amount", UNSET))

        min_count = d.pop("min_count", UNSET)

        min_periods = d.pop("min_periods", UNSET)

        _reward_period = d.pop("reward_period", UNSET)
        reward_period: ChallengeConfigRewardPeriod | Unset
        if isinstance(_reward_period, Unset):
            reward_period = UNSET
        else:
            reward_period = ChallengeConfigRewardPeriod(_reward_period)

        timezone = d.pop("timezone", UNSET)

        challenge_config = cls(
            reward=reward,
            event_types=event_types,
            freezes=freezes,
            max_active_per_user=max_active_per_user,
            max_amount=max_amount,
            max_count=max_count,
            max_periods=max_periods,
            max_rewarded_per_period=max_rewarded_per_period,
            min_amount=min_amount,
            min_count=min_count,
            min_periods=min_periods,
            reward_period=reward_period,
            timezone=timezone,
        )

        return challenge_config
