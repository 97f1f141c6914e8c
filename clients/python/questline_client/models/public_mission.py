from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.mission_type import MissionType
from typing import cast
import datetime

if TYPE_CHECKING:
    from ..models.event_goal_view import EventGoalView
    from ..models.manual_goal_view import ManualGoalView
    from ..models.public_mission_action_button_type_0 import PublicMissionActionButtonType0
    from ..models.public_mission_images_type_0 import PublicMissionImagesType0
    from ..models.reward import Reward
    from ..models.social_goal_view import SocialGoalView


T = TypeVar("T", bound="PublicMission")


@_attrs_define
class PublicMission:
    """What anyone holding the link is shown of the mission: user-safe, no operator settings.

    Attributes:
        action_button (None | PublicMissionActionButtonType0):
        category_id (None | str):
        description (None | str):
        end_at (datetime.datetime | None):
        goal (EventGoalView | ManualGoalView | SocialGoalView):
        images (None | PublicMissionImagesType0):
        mission_id (str):
        name (str):
        reward (None | Reward):
        start_at (datetime.datetime | None):
        type_ (MissionType): What makes a mission visible and progressable (docs/missions.md §2).
    """

    action_button: None | PublicMissionActionButtonType0
    category_id: None | str
    description: None | str
    end_at: datetime.datetime | None
    goal: EventGoalView | ManualGoalView | SocialGoalView
    images: None | PublicMissionImagesType0
    mission_id: str
    name: str
    reward: None | Reward
    start_at: datetime.datetime | None
    type_: MissionType
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.event_goal_view import EventGoalView  # noqa: PLC0415
        from ..models.manual_goal_view import ManualGoalView  # noqa: PLC0415
        from ..models.public_mission_action_button_type_0 import PublicMissionActionButtonType0  # noqa: PLC0415
        from ..models.public_mission_images_type_0 import PublicMissionImagesType0  # noqa: PLC0415
        from ..models.reward import Reward  # noqa: PLC0415
        from ..models.social_goal_view import SocialGoalView  # noqa: PLC0415

        action_button: dict[str, Any] | None
        if isinstance(self.action_button, PublicMissionActionButtonType0):
            action_button = self.action_button.to_dict()
        else:
            action_button = self.action_button

        category_id: None | str
        category_id = self.category_id

        description: None | str
        description = self.description

        end_at: None | str
        if isinstance(self.end_at, datetime.datetime):
            end_at = self.end_at.isoformat()
        else:
            end_at = self.end_at

        goal: dict[str, Any]
        if isinstance(self.goal, EventGoalView):
            goal = self.goal.to_dict()
        elif isinstance(self.goal, ManualGoalView):
            goal = self.goal.to_dict()
        else:
            goal = self.goal.to_dict()

        images: dict[str, Any] | None
        if isinstance(self.images, PublicMissionImagesType0):
            images = self.images.to_dict()
        else:
            images = self.images

        mission_id = self.mission_id

        name = self.name

        reward: dict[str, Any] | None
        if isinstance(self.reward, Reward):
            reward = self.reward.to_dict()
        else:
            reward = self.reward

        start_at: None | str
        if isinstance(self.start_at, datetime.datetime):
            start_at = self.start_at.isoformat()
        else:
            start_at = self.start_at

        type_ = self.type_.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action_button": action_button,
                "category_id": category_id,
                "description": description,
                "end_at": end_at,
                "goal": goal,
                "images": images,
                "mission_id": mission_id,
                "name": name,
                "reward": reward,
                "start_at": start_at,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.event_goal_view import EventGoalView  # noqa: PLC0415
        from ..models.manual_goal_view import ManualGoalView  # noqa: PLC0415
        from ..models.public_mission_action_button_type_0 import PublicMissionActionButtonType0  # noqa: PLC0415
        from ..models.public_mission_images_type_0 import PublicMissionImagesType0  # noqa: PLC0415
        from ..models.reward import Reward  # noqa: PLC0415
        from ..models.social_goal_view import SocialGoalView  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_action_button(data: object) -> None | PublicMissionActionButtonType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                action_button_type_0 = PublicMissionActionButtonType0.from_dict(data)

                return action_button_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PublicMissionActionButtonType0, data)

        action_button = _parse_action_button(d.pop("action_button"))

        def _parse_category_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        category_id = _parse_category_id(d.pop("category_id"))

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        def _parse_end_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                end_at_type_0 = datetime.datetime.fromisoformat(data)

                return end_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        end_at = _parse_end_at(d.pop("end_at"))

        def _parse_goal(data: object) -> EventGoalView | ManualGoalView | SocialGoalView:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                goal_type_0 = EventGoalView.from_dict(data)

                return goal_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                goal_type_1 = ManualGoalView.from_dict(data)

                return goal_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            goal_type_2 = SocialGoalView.from_dict(data)

            return goal_type_2

        goal = _parse_goal(d.pop("goal"))

        def _parse_images(data: object) -> None | PublicMissionImagesType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                images_type_0 = PublicMissionImagesType0.from_dict(data)

                return images_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PublicMissionImagesType0, data)

        images = _parse_images(d.pop("images"))

        mission_id = d.pop("mission_id")

        name = d.pop("name")

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

        def _parse_start_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                start_at_type_0 = datetime.datetime.fromisoformat(data)

                return start_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        start_at = _parse_start_at(d.pop("start_at"))

        type_ = MissionType(d.pop("type"))

        public_mission = cls(
            action_button=action_button,
            category_id=category_id,
            description=description,
            end_at=end_at,
            goal=goal,
            images=images,
            mission_id=mission_id,
            name=name,
            reward=reward,
            start_at=start_at,
            type_=type_,
        )

        public_mission.additional_properties = d
        return public_mission

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
