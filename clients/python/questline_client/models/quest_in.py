from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
    from ..models.reward import Reward


T = TypeVar("T", bound="QuestIn")


@_attrs_define
class QuestIn:
    """A new quest: a named group of missions with an optional reward of its own.

    Attributes:
        name (str):
        description (None | str | Unset):
        mission_ids (list[str] | Unset):
        reward (None | Reward | Unset):
    """

    name: str
    description: None | str | Unset = UNSET
    mission_ids: list[str] | Unset = UNSET
    reward: None | Reward | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.reward import Reward  # noqa: PLC0415

        name = self.name

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        mission_ids: list[str] | Unset = UNSET
        if not isinstance(self.mission_ids, Unset):
            mission_ids = self.mission_ids

        reward: dict[str, Any] | None | Unset
        if isinstance(self.reward, Unset):
            reward = UNSET
        elif isinstance(self.reward, Reward):
            reward = self.reward.to_dict()
        else:
            reward = self.reward

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if mission_ids is not UNSET:
            field_dict["mission_ids"] = mission_ids
        if reward is not UNSET:
            field_dict["reward"] = reward

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.reward import Reward  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        mission_ids = cast(list[str], d.pop("mission_ids", UNSET))

        def _parse_reward(data: object) -> None | Reward | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                reward_type_0 = Reward.from_dict(data)

                return reward_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Reward | Unset, data)

        reward = _parse_reward(d.pop("reward", UNSET))

        quest_in = cls(
            name=name,
            description=description,
            mission_ids=mission_ids,
            reward=reward,
        )

        return quest_in
