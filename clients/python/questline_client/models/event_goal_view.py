from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from typing import Literal, cast

if TYPE_CHECKING:
    from ..models.streak_view import StreakView


T = TypeVar("T", bound="EventGoalView")


@_attrs_define
class EventGoalView:
    """What a user must do for an event goal: events of `event_type` (progress says how many).

    Attributes:
        amount_max (float | int | None): The upper bound (exclusive) of a range goal; null otherwise.
        amount_min (float | int | None): With `amount_max`: one event's value must lie in [amount_min, amount_max);
            alone: the values add up to it.
        event_type (str): The kind of activity that counts (e.g. `deposit`).
        kind (Literal['event']):
        streak (None | StreakView): A streak goal's period and length; null otherwise.
    """

    amount_max: float | int | None
    amount_min: float | int | None
    event_type: str
    kind: Literal["event"]
    streak: None | StreakView
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.streak_view import StreakView  # noqa: PLC0415

        amount_max: float | int | None
        amount_max = self.amount_max

        amount_min: float | int | None
        amount_min = self.amount_min

        event_type = self.event_type

        kind = self.kind

        streak: dict[str, Any] | None
        if isinstance(self.streak, StreakView):
            streak = self.streak.to_dict()
        else:
            streak = self.streak

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount_max": amount_max,
                "amount_min": amount_min,
                "event_type": event_type,
                "kind": kind,
                "streak": streak,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.streak_view import StreakView  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_amount_max(data: object) -> float | int | None:
            if data is None:
                return data
            return cast(float | int | None, data)

        amount_max = _parse_amount_max(d.pop("amount_max"))

        def _parse_amount_min(data: object) -> float | int | None:
            if data is None:
                return data
            return cast(float | int | None, data)

        amount_min = _parse_amount_min(d.pop("amount_min"))

        event_type = d.pop("event_type")

        kind = cast(Literal["event"], d.pop("kind"))
        if kind != "event":
            raise ValueError(f"kind must match const 'event', got '{kind}'")

        def _parse_streak(data: object) -> None | StreakView:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                streak_type_0 = StreakView.from_dict(data)

                return streak_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | StreakView, data)

        streak = _parse_streak(d.pop("streak"))

        event_goal_view = cls(
            amount_max=amount_max,
            amount_min=amount_min,
            event_type=event_type,
            kind=kind,
            streak=streak,
        )

        event_goal_view.additional_properties = d
        return event_goal_view

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
