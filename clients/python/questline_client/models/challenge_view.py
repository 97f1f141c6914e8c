from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.challenge_view_kind import ChallengeViewKind
from ..models.challenge_view_period_type_0 import ChallengeViewPeriodType0
from ..models.challenge_view_status import ChallengeViewStatus
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
    from ..models.challenge_progress import ChallengeProgress
    from ..models.challenge_target import ChallengeTarget
    from ..models.reward import Reward


T = TypeVar("T", bound="ChallengeView")


@_attrs_define
class ChallengeView:
    """One of a user's challenges with its progress now.

    Attributes:
        completed_at (datetime.datetime | None):
        completions (int):
        created_at (datetime.datetime):
        description (None | str):
        event_type (str):
        id (str):
        name (str):
        period (ChallengeViewPeriodType0 | None):
        periods (int | None):
        progress (ChallengeProgress): A streak challenge's streak now (consecutive periods kept, out of `periods`, the
            current
            period, its freezes), or a milestone's total; the other kind's fields are null.
        reward (None | Reward):
        status (ChallengeViewStatus):
        target (ChallengeTarget): The per-period goal (a milestone's: the total): a number of events, or an amount of
            their
            values; neither given means a count of 2.
        timezone (str): Where the challenge's days begin now (the user's own zone if it follows it).
        kind (ChallengeViewKind | Unset): `streak`: the target per period, `periods` in a row; `milestone`: a total.
            Default: ChallengeViewKind.STREAK.
    """

    completed_at: datetime.datetime | None
    completions: int
    created_at: datetime.datetime
    description: None | str
    event_type: str
    id: str
    name: str
    period: ChallengeViewPeriodType0 | None
    periods: int | None
    progress: ChallengeProgress
    reward: None | Reward
    status: ChallengeViewStatus
    target: ChallengeTarget
    timezone: str
    kind: ChallengeViewKind | Unset = ChallengeViewKind.STREAK
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.challenge_progress import ChallengeProgress  # noqa: PLC0415
        from ..models.challenge_target import ChallengeTarget  # noqa: PLC0415
        from ..models.reward import Reward  # noqa: PLC0415

        completed_at: None | str
        if isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        completions = self.completions

        created_at = self.created_at.isoformat()

        description: None | str
        description = self.description

        event_type = self.event_type

        id = self.id

        name = self.name

        period: None | str
        if isinstance(self.period, ChallengeViewPeriodType0):
            period = self.period.value
        else:
            period = self.period

        periods: int | None
        periods = self.periods

        progress = self.progress.to_dict()

        reward: dict[str, Any] | None
        if isinstance(self.reward, Reward):
            reward = self.reward.to_dict()
        else:
            reward = self.reward

        status = self.status.value

        target = self.target.to_dict()

        timezone = self.timezone

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "completed_at": completed_at,
                "completions": completions,
                "created_at": created_at,
                "description": description,
                "event_type": event_type,
                "id": id,
                "name": name,
                "period": period,
                "periods": periods,
                "progress": progress,
                "reward": reward,
                "status": status,
                "target": target,
                "timezone": timezone,
            }
        )
        if kind is not UNSET:
            field_dict["kind"] = kind

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.challenge_progress import ChallengeProgress  # noqa: PLC0415
        from ..models.challenge_target import ChallengeTarget  # noqa: PLC0415
        from ..models.reward import Reward  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_completed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)

                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        completed_at = _parse_completed_at(d.pop("completed_at"))

        completions = d.pop("completions")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        event_type = d.pop("event_type")

        id = d.pop("id")

        name = d.pop("name")

        def _parse_period(data: object) -> ChallengeViewPeriodType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                period_type_0 = ChallengeViewPeriodType0(data)

                return period_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ChallengeViewPeriodType0 | None, data)

        period = _parse_period(d.pop("period"))

        def _parse_periods(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        periods = _parse_periods(d.pop("periods"))

        progress = ChallengeProgress.from_dict(d.pop("progress"))

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

        status = ChallengeViewStatus(d.pop("status"))

        target = ChallengeTarget.from_dict(d.pop("target"))

        timezone = d.pop("timezone")

        _kind = d.pop("kind", UNSET)
        kind: ChallengeViewKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = ChallengeViewKind(_kind)

        challenge_view = cls(
            completed_at=completed_at,
            completions=completions,
            created_at=created_at,
            description=description,
            event_type=event_type,
            id=id,
            name=name,
            period=period,
            periods=periods,
            progress=progress,
            reward=reward,
            status=status,
            target=target,
            timezone=timezone,
            kind=kind,
        )

        challenge_view.additional_properties = d
        return challenge_view

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
