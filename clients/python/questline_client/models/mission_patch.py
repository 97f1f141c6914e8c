from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.mission_type import MissionType
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
    from ..models.action_button import ActionButton
    from ..models.budget_cap import BudgetCap
    from ..models.event_goal import EventGoal
    from ..models.images import Images
    from ..models.manual_goal import ManualGoal
    from ..models.recurrence import Recurrence
    from ..models.reward import Reward
    from ..models.social_goal import SocialGoal
    from ..models.trigger import Trigger
    from ..models.unlock import Unlock


T = TypeVar("T", bound="MissionPatch")


@_attrs_define
class MissionPatch:
    """Fields to change; absent fields stay, `null` removes an optional field.

    Attributes:
        action_button (ActionButton | None | Unset):
        audience (None | str | Unset):
        budget_cap (BudgetCap | None | Unset):
        callback_url (None | str | Unset):
        category_id (None | str | Unset):
        description (None | str | Unset):
        end_at (datetime.datetime | None | Unset):
        goal (EventGoal | ManualGoal | None | SocialGoal | Unset):
        images (Images | None | Unset):
        max_completions (int | None | Unset):
        name (None | str | Unset):
        notify (bool | None | Unset): Send users its notifications (created, declined, completed, updates); unset =
            true.
        opt_in (bool | None | Unset):
        quest_id (None | str | Unset):
        recurrence (None | Recurrence | Unset):
        reward (None | Reward | Unset):
        segments (list[str] | None | Unset):
        start_at (datetime.datetime | None | Unset):
        tiers (list[str] | None | Unset):
        time_to_complete (float | None | str | Unset):
        timezone (None | str | Unset):
        trigger (None | Trigger | Unset):
        type_ (MissionType | None | Unset):
        unlock (None | Unlock | Unset):
    """

    action_button: ActionButton | None | Unset = UNSET
    audience: None | str | Unset = UNSET
    budget_cap: BudgetCap | None | Unset = UNSET
    callback_url: None | str | Unset = UNSET
    category_id: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    end_at: datetime.datetime | None | Unset = UNSET
    goal: EventGoal | ManualGoal | None | SocialGoal | Unset = UNSET
    images: Images | None | Unset = UNSET
    max_completions: int | None | Unset = UNSET
    name: None | str | Unset = UNSET
    notify: bool | None | Unset = UNSET
    opt_in: bool | None | Unset = UNSET
    quest_id: None | str | Unset = UNSET
    recurrence: None | Recurrence | Unset = UNSET
    reward: None | Reward | Unset = UNSET
    segments: list[str] | None | Unset = UNSET
    start_at: datetime.datetime | None | Unset = UNSET
    tiers: list[str] | None | Unset = UNSET
    time_to_complete: float | None | str | Unset = UNSET
    timezone: None | str | Unset = UNSET
    trigger: None | Trigger | Unset = UNSET
    type_: MissionType | None | Unset = UNSET
    unlock: None | Unlock | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.action_button import ActionButton  # noqa: PLC0415
        from ..models.budget_cap import BudgetCap  # noqa: PLC0415
        from ..models.event_goal import EventGoal  # noqa: PLC0415
        from ..models.images import Images  # noqa: PLC0415
        from ..models.manual_goal import ManualGoal  # noqa: PLC0415
        from ..models.recurrence import Recurrence  # noqa: PLC0415
        from ..models.reward import Reward  # noqa: PLC0415
        from ..models.social_goal import SocialGoal  # noqa: PLC0415
        from ..models.trigger import Trigger  # noqa: PLC0415
        from ..models.unlock import Unlock  # noqa: PLC0415

        action_button: dict[str, Any] | None | Unset
        if isinstance(self.action_button, Unset):
            action_button = UNSET
        elif isinstance(self.action_button, ActionButton):
            action_button = self.action_button.to_dict()
        else:
            action_button = self.action_button

        audience: None | str | Unset
        if isinstance(self.audience, Unset):
            audience = UNSET
        else:
            audience = self.audience

        budget_cap: dict[str, Any] | None | Unset
        if isinstance(self.budget_cap, Unset):
            budget_cap = UNSET
        elif isinstance(self.budget_cap, BudgetCap):
            budget_cap = self.budget_cap.to_dict()
        else:
            budget_cap = self.budget_cap

        callback_url: None | str | Unset
        if isinstance(self.callback_url, Unset):
            callback_url = UNSET
        else:
            callback_url = self.callback_url

        category_id: None | str | Unset
        if isinstance(self.category_id, Unset):
            category_id = UNSET
        else:
            category_id = self.category_id

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        end_at: None | str | Unset
        if isinstance(self.end_at, Unset):
            end_at = UNSET
        elif isinstance(self.end_at, datetime.datetime):
            end_at = self.end_at.isoformat()
        else:
            end_at = self.end_at

        goal: dict[str, Any] | None | Unset
        if isinstance(self.goal, Unset):
            goal = UNSET
        elif isinstance(self.goal, EventGoal):
            goal = self.goal.to_dict()
        elif isinstance(self.goal, ManualGoal):
            goal = self.goal.to_dict()
        elif isinstance(self.goal, SocialGoal):
            goal = self.goal.to_dict()
        else:
            goal = self.goal

        images: dict[str, Any] | None | Unset
        if isinstance(self.images, Unset):
            images = UNSET
        elif isinstance(self.images, Images):
            images = self.images.to_dict()
        else:
            images = self.images

        max_completions: int | None | Unset
        if isinstance(self.max_completions, Unset):
            max_completions = UNSET
        else:
            max_completions = self.max_completions

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        notify: bool | None | Unset
        if isinstance(self.notify, Unset):
            notify = UNSET
        else:
            notify = self.notify

        opt_in: bool | None | Unset
        if isinstance(self.opt_in, Unset):
            opt_in = UNSET
        else:
            opt_in = self.opt_in

        quest_id: None | str | Unset
        if isinstance(self.quest_id, Unset):
            quest_id = UNSET
        else:
            quest_id = self.quest_id

        recurrence: dict[str, Any] | None | Unset
        if isinstance(self.recurrence, Unset):
            recurrence = UNSET
        elif isinstance(self.recurrence, Recurrence):
            recurrence = self.recurrence.to_dict()
        else:
            recurrence = self.recurrence

        reward: dict[str, Any] | None | Unset
        if isinstance(self.reward, Unset):
            reward = UNSET
        elif isinstance(self.reward, Reward):
            reward = self.reward.to_dict()
        else:
            reward = self.reward

        segments: list[str] | None | Unset
        if isinstance(self.segments, Unset):
            segments = UNSET
        elif isinstance(self.segments, list):
            segments = self.segments

        else:
            segments = self.segments

        start_at: None | str | Unset
        if isinstance(self.start_at, Unset):
            start_at = UNSET
        elif isinstance(self.start_at, datetime.datetime):
            start_at = self.start_at.isoformat()
        else:
            start_at = self.start_at

        tiers: list[str] | None | Unset
        if isinstance(self.tiers, Unset):
            tiers = UNSET
        elif isinstance(self.tiers, list):
            tiers = self.tiers

        else:
            tiers = self.tiers

        time_to_complete: float | None | str | Unset
        if isinstance(self.time_to_complete, Unset):
            time_to_complete = UNSET
        else:
            time_to_complete = self.time_to_complete

        timezone: None | str | Unset
        if isinstance(self.timezone, Unset):
            timezone = UNSET
        else:
            timezone = self.timezone

        trigger: dict[str, Any] | None | Unset
        if isinstance(self.trigger, Unset):
            trigger = UNSET
        elif isinstance(self.trigger, Trigger):
            trigger = self.trigger.to_dict()
        else:
            trigger = self.trigger

        type_: None | str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        elif isinstance(self.type_, MissionType):
            type_ = self.type_.value
        else:
            type_ = self.type_

        unlock: dict[str, Any] | None | Unset
        if isinstance(self.unlock, Unset):
            unlock = UNSET
        elif isinstance(self.unlock, Unlock):
            unlock = self.unlock.to_dict()
        else:
            unlock = self.unlock

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if action_button is not UNSET:
            field_dict["action_button"] = action_button
        if audience is not UNSET:
            field_dict["audience"] = audience
        if budget_cap is not UNSET:
            field_dict["budget_cap"] = budget_cap
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url
        if category_id is not UNSET:
            field_dict["category_id"] = category_id
        if description is not UNSET:
            field_dict["description"] = description
        if end_at is not UNSET:
            field_dict["end_at"] = end_at
        if goal is not UNSET:
            field_dict["goal"] = goal
        if images is not UNSET:
            field_dict["images"] = images
        if max_completions is not UNSET:
            field_dict["max_completions"] = max_completions
        if name is not UNSET:
            field_dict["name"] = name
        if notify is not UNSET:
            field_dict["notify"] = notify
        if opt_in is not UNSET:
            field_dict["opt_in"] = opt_in
        if quest_id is not UNSET:
            field_dict["quest_id"] = quest_id
        if recurrence is not UNSET:
            field_dict["recurrence"] = recurrence
        if reward is not UNSET:
            field_dict["reward"] = reward
        if segments is not UNSET:
            field_dict["segments"] = segments
        if start_at is not UNSET:
            field_dict["start_at"] = start_at
        if tiers is not UNSET:
            field_dict["tiers"] = tiers
        if time_to_complete is not UNSET:
            field_dict["time_to_complete"] = time_to_complete
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if trigger is not UNSET:
            field_dict["trigger"] = trigger
        if type_ is not UNSET:
            field_dict["type"] = type_
        if unlock is not UNSET:
            field_dict["unlock"] = unlock

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.action_button import ActionButton  # noqa: PLC0415
        from ..models.budget_cap import BudgetCap  # noqa: PLC0415
        from ..models.event_goal import EventGoal  # noqa: PLC0415
        from ..models.images import Images  # noqa: PLC0415
        from ..models.manual_goal import ManualGoal  # noqa: PLC0415
        from ..models.recurrence import Recurrence  # noqa: PLC0415
        from ..models.reward import Reward  # noqa: PLC0415
        from ..models.social_goal import SocialGoal  # noqa: PLC0415
        from ..models.trigger import Trigger  # noqa: PLC0415
        from ..models.unlock import Unlock  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_action_button(data: object) -> ActionButton | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                action_button_type_0 = ActionButton.from_dict(data)

                return action_button_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ActionButton | None | Unset, data)

        action_button = _parse_action_button(d.pop("action_button", UNSET))

        def _parse_audience(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        audience = _parse_audience(d.pop("audience", UNSET))

        def _parse_budget_cap(data: object) -> BudgetCap | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                budget_cap_type_0 = BudgetCap.from_dict(data)

                return budget_cap_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BudgetCap | None | Unset, data)

        budget_cap = _parse_budget_cap(d.pop("budget_cap", UNSET))

        def _parse_callback_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        callback_url = _parse_callback_url(d.pop("callback_url", UNSET))

        def _parse_category_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        category_id = _parse_category_id(d.pop("category_id", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_end_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                end_at_type_0 = datetime.datetime.fromisoformat(data)

                return end_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        end_at = _parse_end_at(d.pop("end_at", UNSET))

        def _parse_goal(data: object) -> EventGoal | ManualGoal | None | SocialGoal | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                goal_type_0_type_0 = EventGoal.from_dict(data)

                return goal_type_0_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                goal_type_0_type_1 = ManualGoal.from_dict(data)

                return goal_type_0_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                goal_type_0_type_2 = SocialGoal.from_dict(data)

                return goal_type_0_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EventGoal | ManualGoal | None | SocialGoal | Unset, data)

        goal = _parse_goal(d.pop("goal", UNSET))

        def _parse_images(data: object) -> Images | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                images_type_0 = Images.from_dict(data)

                return images_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Images | None | Unset, data)

        images = _parse_images(d.pop("images", UNSET))

        def _parse_max_completions(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_completions = _parse_max_completions(d.pop("max_completions", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_notify(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        notify = _parse_notify(d.pop("notify", UNSET))

        def _parse_opt_in(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        opt_in = _parse_opt_in(d.pop("opt_in", UNSET))

        def _parse_quest_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        quest_id = _parse_quest_id(d.pop("quest_id", UNSET))

        def _parse_recurrence(data: object) -> None | Recurrence | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                recurrence_type_0 = Recurrence.from_dict(data)

                return recurrence_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Recurrence | Unset, data)

        recurrence = _parse_recurrence(d.pop("recurrence", UNSET))

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

        def _parse_segments(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                segments_type_0 = cast(list[str], data)

                return segments_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        segments = _parse_segments(d.pop("segments", UNSET))

        def _parse_start_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                start_at_type_0 = datetime.datetime.fromisoformat(data)

                return start_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        start_at = _parse_start_at(d.pop("start_at", UNSET))

        def _parse_tiers(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tiers_type_0 = cast(list[str], data)

                return tiers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        tiers = _parse_tiers(d.pop("tiers", UNSET))

        def _parse_time_to_complete(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        time_to_complete = _parse_time_to_complete(d.pop("time_to_complete", UNSET))

        def _parse_timezone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        timezone = _parse_timezone(d.pop("timezone", UNSET))

        def _parse_trigger(data: object) -> None | Trigger | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                trigger_type_0 = Trigger.from_dict(data)

                return trigger_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Trigger | Unset, data)

        trigger = _parse_trigger(d.pop("trigger", UNSET))

        def _parse_type_(data: object) -> MissionType | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                type_type_0 = MissionType(data)

                return type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MissionType | None | Unset, data)

        type_ = _parse_type_(d.pop("type", UNSET))

        def _parse_unlock(data: object) -> None | Unlock | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                unlock_type_0 = Unlock.from_dict(data)

                return unlock_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unlock | Unset, data)

        unlock = _parse_unlock(d.pop("unlock", UNSET))

        mission_patch = cls(
            action_button=action_button,
            audience=audience,
            budget_cap=budget_cap,
            callback_url=callback_url,
            category_id=category_id,
            description=description,
            end_at=end_at,
            goal=goal,
            images=images,
            max_completions=max_completions,
            name=name,
            notify=notify,
            opt_in=opt_in,
            quest_id=quest_id,
            recurrence=recurrence,
            reward=reward,
            segments=segments,
            start_at=start_at,
            tiers=tiers,
            time_to_complete=time_to_complete,
            timezone=timezone,
            trigger=trigger,
            type_=type_,
            unlock=unlock,
        )

        return mission_patch
