from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.quest_view_status import QuestViewStatus
from typing import cast

if TYPE_CHECKING:
    from ..models.progress_view import ProgressView
    from ..models.quest_view_reward_type_0 import QuestViewRewardType0


T = TypeVar("T", bound="QuestView")


@_attrs_define
class QuestView:
    """A quest as a user sees it: which of its missions they completed.

    Attributes:
        completed_mission_ids (list[str]):
        description (None | str):
        mission_ids (list[str]):
        name (str):
        progress (ProgressView): Progress as numbers a client can show (integers when whole).
        quest_id (str):
        reward (None | QuestViewRewardType0):
        status (QuestViewStatus):
    """

    completed_mission_ids: list[str]
    description: None | str
    mission_ids: list[str]
    name: str
    progress: ProgressView
    quest_id: str
    reward: None | QuestViewRewardType0
    status: QuestViewStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.progress_view import ProgressView  # noqa: PLC0415
        from ..models.quest_view_reward_type_0 import QuestViewRewardType0  # noqa: PLC0415

        completed_mission_ids = self.completed_mission_ids

        description: None | str
        description = self.description

        mission_ids = self.mission_ids

        name = self.name

        progress = self.progress.to_dict()

        quest_id = self.quest_id

        reward: dict[str, Any] | None
        if isinstance(self.reward, QuestViewRewardType0):
            reward = self.reward.to_dict()
        else:
            reward = self.reward

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "completed_mission_ids": completed_mission_ids,
                "description": description,
                "mission_ids": mission_ids,
                "name": name,
                "progress": progress,
                "quest_id": quest_id,
                "reward": reward,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.progress_view import ProgressView  # noqa: PLC0415
        from ..models.quest_view_reward_type_0 import QuestViewRewardType0  # noqa: PLC0415

        d = dict(src_dict)
        completed_mission_ids = cast(list[str], d.pop("completed_mission_ids"))

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        mission_ids = cast(list[str], d.pop("mission_ids"))

        name = d.pop("name")

        progress = ProgressView.from_dict(d.pop("progress"))

        quest_id = d.pop("quest_id")

        def _parse_reward(data: object) -> None | QuestViewRewardType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                reward_type_0 = QuestViewRewardType0.from_dict(data)

                return reward_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | QuestViewRewardType0, data)

        reward = _parse_reward(d.pop("reward"))

        status = QuestViewStatus(d.pop("status"))

        quest_view = cls(
            completed_mission_ids=completed_mission_ids,
            description=description,
            mission_ids=mission_ids,
            name=name,
            progress=progress,
            quest_id=quest_id,
            reward=reward,
            status=status,
        )

        quest_view.additional_properties = d
        return quest_view

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
