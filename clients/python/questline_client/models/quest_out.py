from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
    from ..models.quest_out_reward_type_0 import QuestOutRewardType0


T = TypeVar("T", bound="QuestOut")


@_attrs_define
class QuestOut:
    """A stored quest and its missions.

    Attributes:
        created_at (datetime.datetime):
        description (None | str):
        id (str):
        mission_ids (list[str]):
        name (str):
        reward (None | QuestOutRewardType0):
    """

    created_at: datetime.datetime
    description: None | str
    id: str
    mission_ids: list[str]
    name: str
    reward: None | QuestOutRewardType0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.quest_out_reward_type_0 import QuestOutRewardType0  # noqa: PLC0415

        created_at = self.created_at.isoformat()

        description: None | str
        description = self.description

        id = self.id

        mission_ids = self.mission_ids

        name = self.name

        reward: dict[str, Any] | None
        if isinstance(self.reward, QuestOutRewardType0):
            reward = self.reward.to_dict()
        else:
            reward = self.reward

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "description": description,
                "id": id,
                "mission_ids": mission_ids,
                "name": name,
                "reward": reward,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.quest_out_reward_type_0 import QuestOutRewardType0  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        id = d.pop("id")

        mission_ids = cast(list[str], d.pop("mission_ids"))

        name = d.pop("name")

        def _parse_reward(data: object) -> None | QuestOutRewardType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                reward_type_0 = QuestOutRewardType0.from_dict(data)

                return reward_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | QuestOutRewardType0, data)

        reward = _parse_reward(d.pop("reward"))

        quest_out = cls(
            created_at=created_at,
            description=description,
            id=id,
            mission_ids=mission_ids,
            name=name,
            reward=reward,
        )

        quest_out.additional_properties = d
        return quest_out

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
