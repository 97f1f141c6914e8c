from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.mission_status import MissionStatus
from ..models.mission_type import MissionType
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
    from ..models.action_button import ActionButton
    from ..models.budget_cap import BudgetCap
    from ..models.event_goal import EventGoal
    from ..models.images import Images
    from ..models.lint_finding import LintFinding
    from ..models.manual_goal import ManualGoal
    from ..models.recurrence import Recurrence
    from ..models.reward import Reward
    from ..models.social_goal import SocialGoal
    from ..models.trigger import Trigger
    from ..models.unlock import Unlock


T = TypeVar("T", bound="ActivatedMission")


@_attrs_define
class ActivatedMission:
    """The activated mission, and the job granting it to its trigger segment's members.

    Attributes:
        created_at (datetime.datetime):
        goal (EventGoal | ManualGoal | SocialGoal):
        id (str):
        name (str):
        revision (int):
        status (MissionStatus): Lifecycle of a mission definition (docs/missions.md §1).
        type_ (MissionType): What makes a mission visible and progressable (docs/missions.md §2).
        updated_at (datetime.datetime):
        action_button (ActionButton | None | Unset):
        activated_at (datetime.datetime | None | Unset):
        archived_at (datetime.datetime | None | Unset):
        audience (None | str | Unset):
        backfill_job_id (None | str | Unset): Only with `count_events_since`: the durable job counting the logged events
            since then (follow it with `GET /v1/grant-jobs/{job_id}`, kind `event_backfill`); absent otherwise.
        budget_cap (BudgetCap | None | Unset):
        budget_completions (int | Unset): Completions recorded while it had a budget_cap (counted against
            budget_cap.completions). Default: 0.
        budget_exhausted_at (datetime.datetime | None | Unset): When the count reached budget_cap: users who have not
            started no longer see it.
        budget_spent (int | Unset): Points granted by this mission while it had a budget_cap (counted against
            budget_cap.points). Default: 0.
        callback_url (None | str | Unset):
        category_id (None | str | Unset):
        deleted_at (datetime.datetime | None | Unset): Only for a deleted mission (`status` `deleted`): when it was
            deleted.
        description (None | str | Unset):
        end_at (datetime.datetime | None | Unset):
        grant_job_id (None | str | Unset): Only with a `trigger`: the durable job granting the mission to the segment's
            current members (follow it with `GET /v1/grant-jobs/{job_id}`); absent without a trigger.
        images (Images | None | Unset):
        lint_warnings (list[LintFinding] | None | Unset): What the lint (`POST /v1/missions/lint`) found that did not
            block the activation: its warnings, and with `force` its errors too (each with its `severity`); absent when it
            found nothing.
        max_completions (int | None | Unset):
        notify (bool | None | Unset): Send users its notifications (created, declined, completed, updates); unset =
            true.
        opt_in (bool | Unset):  Default: False.
        owner_user_id (None | str | Unset): Set on a user's personal challenge: its owner.
        paused_at (datetime.datetime | None | Unset): While `status` is `paused`: when the pause began (`POST
            /v1/missions/{id}/pause`); else null.
        quest_id (None | str | Unset):
        recurrence (None | Recurrence | Unset):
        reward (None | Reward | Unset):
        segments (list[str] | Unset):
        start_at (datetime.datetime | None | Unset):
        tiers (list[str] | Unset):
        time_to_complete (float | None | str | Unset):
        timezone (str | Unset):  Default: 'UTC'.
        trigger (None | Trigger | Unset):
        unlock (None | Unlock | Unset):
        unlock_job_id (None | str | Unset): Only for a locked mission with `unlock.after_missions` or `unlock.min_tier`:
            the durable job unlocking it for every user who already completed them all or has that tier (follow it with `GET
            /v1/grant-jobs/{job_id}`); absent otherwise.
    """

    created_at: datetime.datetime
    goal: EventGoal | ManualGoal | SocialGoal
    id: str
    name: str
    revision: int
    status: MissionStatus
    type_: MissionType
    updated_at: datetime.datetime
    action_button: ActionButton | None | Unset = UNSET
    activated_at: datetime.datetime | None | Unset = UNSET
    archived_at: datetime.datetime | None | Unset = UNSET
    audience: None | str | Unset = UNSET
    backfill_job_id: None | str | Unset = UNSET
    budget_cap: BudgetCap | None | Unset = UNSET
    budget_completions: int | Unset = 0
    budget_exhausted_at: datetime.datetime | None | Unset = UNSET
    budget_spent: int | Unset = 0
    callback_url: None | str | Unset = UNSET
    category_id: None | str | Unset = UNSET
    deleted_at: datetime.datetime | None | Unset = UNSET
    description: None | str | Unset = UNSET
    end_at: datetime.datetime | None | Unset = UNSET
    grant_job_id: None | str | Unset = UNSET
    images: Images | None | Unset = UNSET
    lint_warnings: list[LintFinding] | None | Unset = UNSET
    max_completions: int | None | Unset = UNSET
    notify: bool | None | Unset = UNSET
    opt_in: bool | Unset = False
    owner_user_id: None | str | Unset = UNSET
    paused_at: datetime.datetime | None | Unset = UNSET
    quest_id: None | str | Unset = UNSET
    recurrence: None | Recurrence | Unset = UNSET
    reward: None | Reward | Unset = UNSET
    segments: list[str] | Unset = UNSET
    start_at: datetime.datetime | None | Unset = UNSET
    tiers: list[str] | Unset = UNSET
    time_to_complete: float | None | str | Unset = UNSET
    timezone: str | Unset = "UTC"
    trigger: None | Trigger | Unset = UNSET
    unlock: None | Unlock | Unset = UNSET
    unlock_job_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.action_button import ActionButton  # noqa: PLC0415
        from ..models.budget_cap import BudgetCap  # noqa: PLC0415
        from ..models.event_goal import EventGoal  # noqa: PLC0415
        from ..models.images import Images  # noqa: PLC0415
        from ..models.lint_finding import LintFinding  # noqa: PLC0415
        from ..models.manual_goal import ManualGoal  # noqa: PLC0415
        from ..models.recurrence import Recurrence  # noqa: PLC0415
        from ..models.reward import Reward  # noqa: PLC0415
        from ..models.social_goal import SocialGoal  # noqa: PLC0415
        from ..models.trigger import Trigger  # noqa: PLC0415
        from ..models.unlock import Unlock  # noqa: PLC0415

        created_at = self.created_at.isoformat()

        goal: dict[str, Any]
        if isinstance(self.goal, EventGoal):
            goal = self.goal.to_dict()
        elif isinstance(self.goal, ManualGoal):
            goal = self.goal.to_dict()
        else:
            goal = self.goal.to_dict()

        id = self.id

        name = self.name

        revision = self.revision

        status = self.status.value

        type_ = self.type_.value

        updated_at = self.updated_at.isoformat()

        action_button: dict[str, Any] | None | Unset
        if isinstance(self.action_button, Unset):
            action_button = UNSET
        elif isinstance(self.action_button, ActionButton):
            action_button = self.action_button.to_dict()
        else:
            action_button = self.action_button

        activated_at: None | str | Unset
        if isinstance(self.activated_at, Unset):
            activated_at = UNSET
        elif isinstance(self.activated_at, datetime.datetime):
            activated_at = self.activated_at.isoformat()
        else:
            activated_at = self.activated_at

        archived_at: None | str | Unset
        if isinstance(self.archived_at, Unset):
            archived_at = UNSET
        elif isinstance(self.archived_at, datetime.datetime):
            archived_at = self.archived_at.isoformat()
        else:
            archived_at = self.archived_at

        audience: None | str | Unset
        if isinstance(self.audience, Unset):
            audience = UNSET
        else:
            audience = self.audience

        backfill_job_id: None | str | Unset
        if isinstance(self.backfill_job_id, Unset):
            backfill_job_id = UNSET
        else:
            backfill_job_id = self.backfill_job_id

        budget_cap: dict[str, Any] | None | Unset
        if isinstance(self.budget_cap, Unset):
            budget_cap = UNSET
        elif isinstance(self.budget_cap, BudgetCap):
            budget_cap = self.budget_cap.to_dict()
        else:
            budget_cap = self.budget_cap

        budget_completions = self.budget_completions

        budget_exhausted_at: None | str | Unset
        if isinstance(self.budget_exhausted_at, Unset):
            budget_exhausted_at = UNSET
        elif isinstance(self.budget_exhausted_at, datetime.datetime):
            budget_exhausted_at = self.budget_exhausted_at.isoformat()
        else:
            budget_exhausted_at = self.budget_exhausted_at

        budget_spent = self.budget_spent

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

        deleted_at: None | str | Unset
        if isinstance(self.deleted_at, Unset):
            deleted_at = UNSET
        elif isinstance(self.deleted_at, datetime.datetime):
            deleted_at = self.deleted_at.isoformat()
        else:
            deleted_at = self.deleted_at

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

        grant_job_id: None | str | Unset
        if isinstance(self.grant_job_id, Unset):
            grant_job_id = UNSET
        else:
            grant_job_id = self.grant_job_id

        images: dict[str, Any] | None | Unset
        if isinstance(self.images, Unset):
            images = UNSET
        elif isinstance(self.images, Images):
            images = self.images.to_dict()
        else:
            images = self.images

        lint_warnings: list[dict[str, Any]] | None | Unset
        if isinstance(self.lint_warnings, Unset):
            lint_warnings = UNSET
        elif isinstance(self.lint_warnings, list):
            lint_warnings = []
            for lint_warnings_type_0_item_data in self.lint_warnings:
                lint_warnings_type_0_item = lint_warnings_type_0_item_data.to_dict()
                lint_warnings.append(lint_warnings_type_0_item)

        else:
            lint_warnings = self.lint_warnings

        max_completions: int | None | Unset
        if isinstance(self.max_completions, Unset):
            max_completions = UNSET
        else:
            max_completions = self.max_completions

        notify: bool | None | Unset
        if isinstance(self.notify, Unset):
            notify = UNSET
        else:
            notify = self.notify

        opt_in = self.opt_in

        owner_user_id: None | str | Unset
        if isinstance(self.owner_user_id, Unset):
            owner_user_id = UNSET
        else:
            owner_user_id = self.owner_user_id

        paused_at: None | str | Unset
        if isinstance(self.paused_at, Unset):
            paused_at = UNSET
        elif isinstance(self.paused_at, datetime.datetime):
            paused_at = self.paused_at.isoformat()
        else:
            paused_at = self.paused_at

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

        segments: list[str] | Unset = UNSET
        if not isinstance(self.segments, Unset):
            segments = self.segments

        start_at: None | str | Unset
        if isinstance(self.start_at, Unset):
            start_at = UNSET
        elif isinstance(self.start_at, datetime.datetime):
            start_at = self.start_at.isoformat()
        else:
            start_at = self.start_at

        tiers: list[str] | Unset = UNSET
        if not isinstance(self.tiers, Unset):
            tiers = self.tiers

        time_to_complete: float | None | str | Unset
        if isinstance(self.time_to_complete, Unset):
            time_to_complete = UNSET
        else:
            time_to_complete = self.time_to_complete

        timezone = self.timezone

        trigger: dict[str, Any] | None | Unset
        if isinstance(self.trigger, Unset):
            trigger = UNSET
        elif isinstance(self.trigger, Trigger):
            trigger = self.trigger.to_dict()
        else:
            trigger = self.trigger

        unlock: dict[str, Any] | None | Unset
        if isinstance(self.unlock, Unset):
            unlock = UNSET
        elif isinstance(self.unlock, Unlock):
            unlock = self.unlock.to_dict()
        else:
            unlock = self.unlock

        unlock_job_id: None | str | Unset
        if isinstance(self.unlock_job_id, Unset):
            unlock_job_id = UNSET
        else:
            unlock_job_id = self.unlock_job_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "created_at": created_at,
                "goal": goal,
                "id": id,
                "name": name,
                "revision": revision,
                "status": status,
                "type": type_,
                "updated_at": updated_at,
            }
        )
        if action_button is not UNSET:
            field_dict["action_button"] = action_button
        if activated_at is not UNSET:
            field_dict["activated_at"] = activated_at
        if archived_at is not UNSET:
            field_dict["archived_at"] = archived_at
        if audience is not UNSET:
            field_dict["audience"] = audience
        if backfill_job_id is not UNSET:
            field_dict["backfill_job_id"] = backfill_job_id
        if budget_cap is not UNSET:
            field_dict["budget_cap"] = budget_cap
        if budget_completions is not UNSET:
            field_dict["budget_completions"] = budget_completions
        if budget_exhausted_at is not UNSET:
            field_dict["budget_exhausted_at"] = budget_exhausted_at
        if budget_spent is not UNSET:
            field_dict["budget_spent"] = budget_spent
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url
        if category_id is not UNSET:
            field_dict["category_id"] = category_id
        if deleted_at is not UNSET:
            field_dict["deleted_at"] = deleted_at
        if description is not UNSET:
            field_dict["description"] = description
        if end_at is not UNSET:
            field_dict["end_at"] = end_at
        if grant_job_id is not UNSET:
            field_dict["grant_job_id"] = grant_job_id
        if images is not UNSET:
            field_dict["images"] = images
        if lint_warnings is not UNSET:
            field_dict["lint_warnings"] = lint_warnings
        if max_completions is not UNSET:
            field_dict["max_completions"] = max_completions
        if notify is not UNSET:
            field_dict["notify"] = notify
        if opt_in is not UNSET:
            field_dict["opt_in"] = opt_in
        if owner_user_id is not UNSET:
            field_dict["owner_user_id"] = owner_user_id
        if paused_at is not UNSET:
            field_dict["paused_at"] = paused_at
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
        if unlock is not UNSET:
            field_dict["unlock"] = unlock
        if unlock_job_id is not UNSET:
            field_dict["unlock_job_id"] = unlock_job_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.action_button import ActionButton  # noqa: PLC0415
        from ..models.budget_cap import BudgetCap  # noqa: PLC0415
        from ..models.event_goal import EventGoal  # noqa: PLC0415
        from ..models.images import Images  # noqa: PLC0415
        from ..models.lint_finding import LintFinding  # noqa: PLC0415
        from ..models.manual_goal import ManualGoal  # noqa: PLC0415
        from ..models.recurrence import Recurrence  # noqa: PLC0415
        from ..models.reward import Reward  # noqa: PLC0415
        from ..models.social_goal import SocialGoal  # noqa: PLC0415
        from ..models.trigger import Trigger  # noqa: PLC0415
        from ..models.unlock import Unlock  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_goal(data: object) -> EventGoal | ManualGoal | SocialGoal:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                goal_type_0 = EventGoal.from_dict(data)

                return goal_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                goal_type_1 = ManualGoal.from_dict(data)

                return goal_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            goal_type_2 = SocialGoal.from_dict(data)

            return goal_type_2

        goal = _parse_goal(d.pop("goal"))

        id = d.pop("id")

        name = d.pop("name")

        revision = d.pop("revision")

        status = MissionStatus(d.pop("status"))

        type_ = MissionType(d.pop("type"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

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

        def _parse_activated_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                activated_at_type_0 = datetime.datetime.fromisoformat(data)

                return activated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        activated_at = _parse_activated_at(d.pop("activated_at", UNSET))

        def _parse_archived_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                archived_at_type_0 = datetime.datetime.fromisoformat(data)

                return archived_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        archived_at = _parse_archived_at(d.pop("archived_at", UNSET))

        def _parse_audience(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        audience = _parse_audience(d.pop("audience", UNSET))

        def _parse_backfill_job_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        backfill_job_id = _parse_backfill_job_id(d.pop("backfill_job_id", UNSET))

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

        budget_completions = d.pop("budget_completions", UNSET)

        def _parse_budget_exhausted_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                budget_exhausted_at_type_0 = datetime.datetime.fromisoformat(data)

                return budget_exhausted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        budget_exhausted_at = _parse_budget_exhausted_at(d.pop("budget_exhausted_at", UNSET))

        budget_spent = d.pop("budget_spent", UNSET)

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

        def _parse_deleted_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                deleted_at_type_0 = datetime.datetime.fromisoformat(data)

                return deleted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        deleted_at = _parse_deleted_at(d.pop("deleted_at", UNSET))

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

        def _parse_grant_job_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        grant_job_id = _parse_grant_job_id(d.pop("grant_job_id", UNSET))

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

        def _parse_lint_warnings(data: object) -> list[LintFinding] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                lint_warnings_type_0 = []
                _lint_warnings_type_0 = data
                for lint_warnings_type_0_item_data in _lint_warnings_type_0:
                    lint_warnings_type_0_item = LintFinding.from_dict(lint_warnings_type_0_item_data)

                    lint_warnings_type_0.append(lint_warnings_type_0_item)

                return lint_warnings_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[LintFinding] | None | Unset, data)

        lint_warnings = _parse_lint_warnings(d.pop("lint_warnings", UNSET))

        def _parse_max_completions(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_completions = _parse_max_completions(d.pop("max_completions", UNSET))

        def _parse_notify(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        notify = _parse_notify(d.pop("notify", UNSET))

        opt_in = d.pop("opt_in", UNSET)

        def _parse_owner_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        owner_user_id = _parse_owner_user_id(d.pop("owner_user_id", UNSET))

        def _parse_paused_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                paused_at_type_0 = datetime.datetime.fromisoformat(data)

                return paused_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        paused_at = _parse_paused_at(d.pop("paused_at", UNSET))

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

        segments = cast(list[str], d.pop("segments", UNSET))

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

        tiers = cast(list[str], d.pop("tiers", UNSET))

        def _parse_time_to_complete(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        time_to_complete = _parse_time_to_complete(d.pop("time_to_complete", UNSET))

        timezone = d.pop("timezone", UNSET)

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

        def _parse_unlock_job_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        unlock_job_id = _parse_unlock_job_id(d.pop("unlock_job_id", UNSET))

        activated_mission = cls(
            created_at=created_at,
            goal=goal,
            id=id,
            name=name,
            revision=revision,
            status=status,
            type_=type_,
            updated_at=updated_at,
            action_button=action_button,
            activated_at=activated_at,
            archived_at=archived_at,
            audience=audience,
            backfill_job_id=backfill_job_id,
            budget_cap=budget_cap,
            budget_completions=budget_completions,
            budget_exhausted_at=budget_exhausted_at,
            budget_spent=budget_spent,
            callback_url=callback_url,
            category_id=category_id,
            deleted_at=deleted_at,
            description=description,
            end_at=end_at,
            grant_job_id=grant_job_id,
            images=images,
            lint_warnings=lint_warnings,
            max_completions=max_completions,
            notify=notify,
            opt_in=opt_in,
            owner_user_id=owner_user_id,
            paused_at=paused_at,
            quest_id=quest_id,
            recurrence=recurrence,
            reward=reward,
            segments=segments,
            start_at=start_at,
            tiers=tiers,
            time_to_complete=time_to_complete,
            timezone=timezone,
            trigger=trigger,
            unlock=unlock,
            unlock_job_id=unlock_job_id,
        )

        return activated_mission
