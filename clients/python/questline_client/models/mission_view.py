from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.mission_type import MissionType
from ..models.mission_view_chips_item import MissionViewChipsItem
from ..models.tab import Tab
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
    from ..models.event_goal_view import EventGoalView
    from ..models.manual_goal_view import ManualGoalView
    from ..models.mission_view_action_button_type_0 import MissionViewActionButtonType0
    from ..models.mission_view_images_type_0 import MissionViewImagesType0
    from ..models.progress_view import ProgressView
    from ..models.reward import Reward
    from ..models.social_goal_view import SocialGoalView
    from ..models.streak_status import StreakStatus
    from ..models.submission import Submission
    from ..models.timer import Timer
    from ..models.verification import Verification


T = TypeVar("T", bound="MissionView")


@_attrs_define
class MissionView:
    """One mission as a user sees it now (docs/missions.md §4).

    Attributes:
        action_button (MissionViewActionButtonType0 | None):
        can_opt_in (bool):
        category_id (None | str):
        chips (list[MissionViewChipsItem]):
        completions (int):
        description (None | str):
        goal (EventGoalView | ManualGoalView | SocialGoalView): What the user must do, by `kind`: `event` (event_type,
            amount range, streak), `manual` (proof kinds, survey questions) or `social` (platform, action, target, count,
            verify_label). User-safe: no approval rules, tags or other operator settings.
        images (MissionViewImagesType0 | None):
        max_completions (int | None):
        mission_id (str):
        name (str):
        progress (ProgressView): Progress as numbers a client can show (integers when whole).
        quest_id (None | str):
        reward (None | Reward):
        status (str):
        tab (Tab): Each visible mission sits in exactly one tab.
        timer (None | Timer):
        type_ (MissionType): What makes a mission visible and progressable (docs/missions.md §2).
        streak (None | StreakStatus | Unset): For a streak goal: the streak now, the freezes held and used; null
            otherwise.
        submission (None | Submission | Unset):
        verification (None | Unset | Verification):
    """

    action_button: MissionViewActionButtonType0 | None
    can_opt_in: bool
    category_id: None | str
    chips: list[MissionViewChipsItem]
    completions: int
    description: None | str
    goal: EventGoalView | ManualGoalView | SocialGoalView
    images: MissionViewImagesType0 | None
    max_completions: int | None
    mission_id: str
    name: str
    progress: ProgressView
    quest_id: None | str
    reward: None | Reward
    status: str
    tab: Tab
    timer: None | Timer
    type_: MissionType
    streak: None | StreakStatus | Unset = UNSET
    submission: None | Submission | Unset = UNSET
    verification: None | Unset | Verification = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.event_goal_view import EventGoalView  # noqa: PLC0415
        from ..models.manual_goal_view import ManualGoalView  # noqa: PLC0415
        from ..models.mission_view_action_button_type_0 import MissionViewActionButtonType0  # noqa: PLC0415
        from ..models.mission_view_images_type_0 import MissionViewImagesType0  # noqa: PLC0415
        from ..models.progress_view import ProgressView  # noqa: PLC0415
        from ..models.reward import Reward  # noqa: PLC0415
        from ..models.social_goal_view import SocialGoalView  # noqa: PLC0415
        from ..models.streak_status import StreakStatus  # noqa: PLC0415
        from ..models.submission import Submission  # noqa: PLC0415
        from ..models.timer import Timer  # noqa: PLC0415
        from ..models.verification import Verification  # noqa: PLC0415

        action_button: dict[str, Any] | None
        if isinstance(self.action_button, MissionViewActionButtonType0):
            action_button = self.action_button.to_dict()
        else:
            action_button = self.action_button

        can_opt_in = self.can_opt_in

        category_id: None | str
        category_id = self.category_id

        chips = []
        for chips_item_data in self.chips:
            chips_item = chips_item_data.value
            chips.append(chips_item)

        completions = self.completions

        description: None | str
        description = self.description

        goal: dict[str, Any]
        if isinstance(self.goal, EventGoalView):
            goal = self.goal.to_dict()
        elif isinstance(self.goal, ManualGoalView):
            goal = self.goal.to_dict()
        else:
            goal = self.goal.to_dict()

        images: dict[str, Any] | None
        if isinstance(self.images, MissionViewImagesType0):
            images = self.images.to_dict()
        else:
            images = self.images

        max_completions: int | None
        max_completions = self.max_completions

        mission_id = self.mission_id

        name = self.name

        progress = self.progress.to_dict()

        quest_id: None | str
        quest_id = self.quest_id

        reward: dict[str, Any] | None
        if isinstance(self.reward, Reward):
            reward = self.reward.to_dict()
        else:
            reward = self.reward

        status = self.status

        tab = self.tab.value

        timer: dict[str, Any] | None
        if isinstance(self.timer, Timer):
            timer = self.timer.to_dict()
        else:
            timer = self.timer

        type_ = self.type_.value

        streak: dict[str, Any] | None | Unset
        if isinstance(self.streak, Unset):
            streak = UNSET
        elif isinstance(self.streak, StreakStatus):
            streak = self.streak.to_dict()
        else:
            streak = self.streak

        submission: dict[str, Any] | None | Unset
        if isinstance(self.submission, Unset):
            submission = UNSET
        elif isinstance(self.submission, Submission):
            submission = self.submission.to_dict()
        else:
            submission = self.submission

        verification: dict[str, Any] | None | Unset
        if isinstance(self.verification, Unset):
            verification = UNSET
        elif isinstance(self.verification, Verification):
            verification = self.verification.to_dict()
        else:
            verification = self.verification

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action_button": action_button,
                "can_opt_in": can_opt_in,
                "category_id": category_id,
                "chips": chips,
                "completions": completions,
                "description": description,
                "goal": goal,
                "images": images,
                "max_completions": max_completions,
                "mission_id": mission_id,
                "name": name,
                "progress": progress,
                "quest_id": quest_id,
                "reward": reward,
                "status": status,
                "tab": tab,
                "timer": timer,
                "type": type_,
            }
        )
        if streak is not UNSET:
            field_dict["streak"] = streak
        if submission is not UNSET:
            field_dict["submission"] = submission
        if verification is not UNSET:
            field_dict["verification"] = verification

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.event_goal_view import EventGoalView  # noqa: PLC0415
        from ..models.manual_goal_view import ManualGoalView  # noqa: PLC0415
        from ..models.mission_view_action_button_type_0 import MissionViewActionButtonType0  # noqa: PLC0415
        from ..models.mission_view_images_type_0 import MissionViewImagesType0  # noqa: PLC0415
        from ..models.progress_view import ProgressView  # noqa: PLC0415
        from ..models.reward import Reward  # noqa: PLC0415
        from ..models.social_goal_view import SocialGoalView  # noqa: PLC0415
        from ..models.streak_status import StreakStatus  # noqa: PLC0415
        from ..models.submission import Submission  # noqa: PLC0415
        from ..models.timer import Timer  # noqa: PLC0415
        from ..models.verification import Verification  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_action_button(data: object) -> MissionViewActionButtonType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                action_button_type_0 = MissionViewActionButtonType0.from_dict(data)

                return action_button_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MissionViewActionButtonType0 | None, data)

        action_button = _parse_action_button(d.pop("action_button"))

        can_opt_in = d.pop("can_opt_in")

        def _parse_category_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        category_id = _parse_category_id(d.pop("category_id"))

        chips = []
        _chips = d.pop("chips")
        for chips_item_data in _chips:
            chips_item = MissionViewChipsItem(chips_item_data)

            chips.append(chips_item)

        completions = d.pop("completions")

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

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

        def _parse_images(data: object) -> MissionViewImagesType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                images_type_0 = MissionViewImagesType0.from_dict(data)

                return images_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MissionViewImagesType0 | None, data)

        images = _parse_images(d.pop("images"))

        def _parse_max_completions(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        max_completions = _parse_max_completions(d.pop("max_completions"))

        mission_id = d.pop("mission_id")

        name = d.pop("name")

        progress = ProgressView.from_dict(d.pop("progress"))

        def _parse_quest_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        quest_id = _parse_quest_id(d.pop("quest_id"))

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

        status = d.pop("status")

        tab = Tab(d.pop("tab"))

        def _parse_timer(data: object) -> None | Timer:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                timer_type_0 = Timer.from_dict(data)

                return timer_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Timer, data)

        timer = _parse_timer(d.pop("timer"))

        type_ = MissionType(d.pop("type"))

        def _parse_streak(data: object) -> None | StreakStatus | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                streak_type_0 = StreakStatus.from_dict(data)

                return streak_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | StreakStatus | Unset, data)

        streak = _parse_streak(d.pop("streak", UNSET))

        def _parse_submission(data: object) -> None | Submission | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                submission_type_0 = Submission.from_dict(data)

                return submission_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Submission | Unset, data)

        submission = _parse_submission(d.pop("submission", UNSET))

        def _parse_verification(data: object) -> None | Unset | Verification:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                verification_type_0 = Verification.from_dict(data)

                return verification_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | Verification, data)

        verification = _parse_verification(d.pop("verification", UNSET))

        mission_view = cls(
            action_button=action_button,
            can_opt_in=can_opt_in,
            category_id=category_id,
            chips=chips,
            completions=completions,
            description=description,
            goal=goal,
            images=images,
            max_completions=max_completions,
            mission_id=mission_id,
            name=name,
            progress=progress,
            quest_id=quest_id,
            reward=reward,
            status=status,
            tab=tab,
            timer=timer,
            type_=type_,
            streak=streak,
            submission=submission,
            verification=verification,
        )

        mission_view.additional_properties = d
        return mission_view

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
