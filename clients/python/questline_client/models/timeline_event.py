from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.timeline_event_verdict import TimelineEventVerdict
from ..types import UNSET, Unset
from typing import cast
import datetime


T = TypeVar("T", bound="TimelineEvent")


@_attrs_define
class TimelineEvent:
    """One logged event of the mission's event type from the user, with its verdict.

    Attributes:
        completion (int): Which completion the event worked toward (1 for the first)
        event_id (str):
        message (str): A sentence saying what the event did or why it did not count
        received_at (datetime.datetime):
        verdict (TimelineEventVerdict):
        added (float | int | None | Unset): What the event added to the progress (counted events)
        completed (bool | Unset): This event completed the mission (one completion) Default: False.
        cycle (int | None | Unset): A recurring mission's cycle the event fell in
        occurred_at (datetime.datetime | None | Unset):
        progress (float | int | None | Unset): The progress right after the event (counted events)
        reason (None | str | Unset): Why it did not count (null when counted): `wrong_event_type`: the event is not of
            the mission's event type; `wrong_tags`: the event lacks the tags the goal asks for (any or all of them);
            `value_out_of_range`: the value is outside the goal's range [amount_min, amount_max); `no_positive_amount`: an
            amount goal adds up positive values; this one had none; `duplicate_id`: an event with this id was seen before
            (it counts once); `mission_closed`: the mission was not active (a draft, archived) or the journey was closed;
            `not_eligible`: the user was not in the mission's segments or tiers at the time; `before_start`: received before
            the mission opened (its start_at, activation or first cycle); `locked`: the mission was still locked for the
            user; `not_granted`: the featured mission had not been granted to the user yet; `after_deadline`: received after
            the deadline (end_at, time_to_complete or the cycle's reset); `not_opted_in`: the mission needs an opt-in, and
            the user had not opted in yet; `submission_pending`: a submission was waiting for review; `already_completed`:
            the mission was already completed (every completion used); `cycle_completed`: the recurring mission's current
            cycle was already completed; `budget_spent`: the mission's budget cap was spent before the user started;
            `mission_paused`: received while the mission was paused: its events count for nobody, then or later
        tags (list[str] | Unset):
        value (float | int | None | Unset):
    """

    completion: int
    event_id: str
    message: str
    received_at: datetime.datetime
    verdict: TimelineEventVerdict
    added: float | int | None | Unset = UNSET
    completed: bool | Unset = False
    cycle: int | None | Unset = UNSET
    occurred_at: datetime.datetime | None | Unset = UNSET
    progress: float | int | None | Unset = UNSET
    reason: None | str | Unset = UNSET
    tags: list[str] | Unset = UNSET
    value: float | int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        completion = self.completion

        event_id = self.event_id

        message = self.message

        received_at = self.received_at.isoformat()

        verdict = self.verdict.value

        added: float | int | None | Unset
        if isinstance(self.added, Unset):
            added = UNSET
        else:
            added = self.added

        completed = self.completed

        cycle: int | None | Unset
        if isinstance(self.cycle, Unset):
            cycle = UNSET
        else:
            cycle = self.cycle

        occurred_at: None | str | Unset
        if isinstance(self.occurred_at, Unset):
            occurred_at = UNSET
        elif isinstance(self.occurred_at, datetime.datetime):
            occurred_at = self.occurred_at.isoformat()
        else:
            occurred_at = self.occurred_at

        progress: float | int | None | Unset
        if isinstance(self.progress, Unset):
            progress = UNSET
        else:
            progress = self.progress

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        value: float | int | None | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        else:
            value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "completion": completion,
                "event_id": event_id,
                "message": message,
                "received_at": received_at,
                "verdict": verdict,
            }
        )
        if added is not UNSET:
            field_dict["added"] = added
        if completed is not UNSET:
            field_dict["completed"] = completed
        if cycle is not UNSET:
            field_dict["cycle"] = cycle
        if occurred_at is not UNSET:
            field_dict["occurred_at"] = occurred_at
        if progress is not UNSET:
            field_dict["progress"] = progress
        if reason is not UNSET:
            field_dict["reason"] = reason
        if tags is not UNSET:
            field_dict["tags"] = tags
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        completion = d.pop("completion")

        event_id = d.pop("event_id")

        message = d.pop("message")

        received_at = datetime.datetime.fromisoformat(d.pop("received_at"))

        verdict = TimelineEventVerdict(d.pop("verdict"))

        def _parse_added(data: object) -> float | int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | int | None | Unset, data)

        added = _parse_added(d.pop("added", UNSET))

        completed = d.pop("completed", UNSET)

        def _parse_cycle(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        cycle = _parse_cycle(d.pop("cycle", UNSET))

        def _parse_occurred_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                occurred_at_type_0 = datetime.datetime.fromisoformat(data)

                return occurred_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        occurred_at = _parse_occurred_at(d.pop("occurred_at", UNSET))

        def _parse_progress(data: object) -> float | int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | int | None | Unset, data)

        progress = _parse_progress(d.pop("progress", UNSET))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        tags = cast(list[str], d.pop("tags", UNSET))

        def _parse_value(data: object) -> float | int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | int | None | Unset, data)

        value = _parse_value(d.pop("value", UNSET))

        timeline_event = cls(
            completion=completion,
            event_id=event_id,
            message=message,
            received_at=received_at,
            verdict=verdict,
            added=added,
            completed=completed,
            cycle=cycle,
            occurred_at=occurred_at,
            progress=progress,
            reason=reason,
            tags=tags,
            value=value,
        )

        timeline_event.additional_properties = d
        return timeline_event

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
