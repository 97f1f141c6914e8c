from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
    from ..models.explanation_reasons import ExplanationReasons
    from ..models.journey_summary import JourneySummary
    from ..models.replay_summary import ReplaySummary
    from ..models.state_change import StateChange
    from ..models.streak_status import StreakStatus
    from ..models.timeline_event import TimelineEvent


T = TypeVar("T", bound="Explanation")


@_attrs_define
class Explanation:
    """Why each of the user's events counted for the mission or not, and what happened to the journey.

    `events` is a page of the timeline, oldest first (pass `next_cursor` as `cursor` for the next);
    `changes`, `journey` and `replay` are whole on every page. `workflow_id` and
    `temporal_ui_url` are left out (null) in the user-safe form.

        Attributes:
            changes (list[StateChange]):
            event_type (None | str):
            events (list[TimelineEvent]):
            journey (JourneySummary): The journey as the read model holds it (null fields: never started).
            mission_id (str):
            replay (ReplaySummary): What replaying the logged events reproduced, and whether it agrees with the journey.
            user_id (str):
            next_cursor (None | str | Unset):
            reasons (ExplanationReasons | Unset): Every reason code's meaning
            streak (None | StreakStatus | Unset): For a streak goal, the journey's streak now: freezes held and used, and
                the latest periods a freeze or an operator's repair kept (`frozen`). The replay counts events only: a run a
                freeze, a repair or the user's own time zone kept can make `replay.agrees` false.
            temporal_ui_url (None | str | Unset):
            workflow_id (None | str | Unset):
    """

    changes: list[StateChange]
    event_type: None | str
    events: list[TimelineEvent]
    journey: JourneySummary
    mission_id: str
    replay: ReplaySummary
    user_id: str
    next_cursor: None | str | Unset = UNSET
    reasons: ExplanationReasons | Unset = UNSET
    streak: None | StreakStatus | Unset = UNSET
    temporal_ui_url: None | str | Unset = UNSET
    workflow_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.explanation_reasons import ExplanationReasons  # noqa: PLC0415
        from ..models.journey_summary import JourneySummary  # noqa: PLC0415
        from ..models.replay_summary import ReplaySummary  # noqa: PLC0415
        from ..models.state_change import StateChange  # noqa: PLC0415
        from ..models.streak_status import StreakStatus  # noqa: PLC0415
        from ..models.timeline_event import TimelineEvent  # noqa: PLC0415

        changes = []
        for changes_item_data in self.changes:
            changes_item = changes_item_data.to_dict()
            changes.append(changes_item)

        event_type: None | str
        event_type = self.event_type

        events = []
        for events_item_data in self.events:
            events_item = events_item_data.to_dict()
            events.append(events_item)

        journey = self.journey.to_dict()

        mission_id = self.mission_id

        replay = self.replay.to_dict()

        user_id = self.user_id

        next_cursor: None | str | Unset
        if isinstance(self.next_cursor, Unset):
            next_cursor = UNSET
        else:
            next_cursor = self.next_cursor

        reasons: dict[str, Any] | Unset = UNSET
        if not isinstance(self.reasons, Unset):
            reasons = self.reasons.to_dict()

        streak: dict[str, Any] | None | Unset
        if isinstance(self.streak, Unset):
            streak = UNSET
        elif isinstance(self.streak, StreakStatus):
            streak = self.streak.to_dict()
        else:
            streak = self.streak

        temporal_ui_url: None | str | Unset
        if isinstance(self.temporal_ui_url, Unset):
            temporal_ui_url = UNSET
        else:
            temporal_ui_url = self.temporal_ui_url

        workflow_id: None | str | Unset
        if isinstance(self.workflow_id, Unset):
            workflow_id = UNSET
        else:
            workflow_id = self.workflow_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "changes": changes,
                "event_type": event_type,
                "events": events,
                "journey": journey,
                "mission_id": mission_id,
                "replay": replay,
                "user_id": user_id,
            }
        )
        if next_cursor is not UNSET:
            field_dict["next_cursor"] = next_cursor
        if reasons is not UNSET:
            field_dict["reasons"] = reasons
        if streak is not UNSET:
            field_dict["streak"] = streak
        if temporal_ui_url is not UNSET:
            field_dict["temporal_ui_url"] = temporal_ui_url
        if workflow_id is not UNSET:
            field_dict["workflow_id"] = workflow_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.explanation_reasons import ExplanationReasons  # noqa: PLC0415
        from ..models.journey_summary import JourneySummary  # noqa: PLC0415
        from ..models.replay_summary import ReplaySummary  # noqa: PLC0415
        from ..models.state_change import StateChange  # noqa: PLC0415
        from ..models.streak_status import StreakStatus  # noqa: PLC0415
        from ..models.timeline_event import TimelineEvent  # noqa: PLC0415

        d = dict(src_dict)
        changes = []
        _changes = d.pop("changes")
        for changes_item_data in _changes:
            changes_item = StateChange.from_dict(changes_item_data)

            changes.append(changes_item)

        def _parse_event_type(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        event_type = _parse_event_type(d.pop("event_type"))

        events = []
        _events = d.pop("events")
        for events_item_data in _events:
            events_item = TimelineEvent.from_dict(events_item_data)

            events.append(events_item)

        journey = JourneySummary.from_dict(d.pop("journey"))

        mission_id = d.pop("mission_id")

        replay = ReplaySummary.from_dict(d.pop("replay"))

        user_id = d.pop("user_id")

        def _parse_next_cursor(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor", UNSET))

        _reasons = d.pop("reasons", UNSET)
        reasons: ExplanationReasons | Unset
        if isinstance(_reasons, Unset):
            reasons = UNSET
        else:
            reasons = ExplanationReasons.from_dict(_reasons)

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

        def _parse_temporal_ui_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        temporal_ui_url = _parse_temporal_ui_url(d.pop("temporal_ui_url", UNSET))

        def _parse_workflow_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        workflow_id = _parse_workflow_id(d.pop("workflow_id", UNSET))

        explanation = cls(
            changes=changes,
            event_type=event_type,
            events=events,
            journey=journey,
            mission_id=mission_id,
            replay=replay,
            user_id=user_id,
            next_cursor=next_cursor,
            reasons=reasons,
            streak=streak,
            temporal_ui_url=temporal_ui_url,
            workflow_id=workflow_id,
        )

        explanation.additional_properties = d
        return explanation

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
