from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.event_goal_tag_match import EventGoalTagMatch
from ..types import UNSET, Unset
from typing import cast
from typing import Literal, cast

if TYPE_CHECKING:
    from ..models.streak import Streak


T = TypeVar("T", bound="EventGoal")


@_attrs_define
class EventGoal:
    """Progress from events of one type (docs/missions.md §5).

    Attributes:
        event_type (str):
        kind (Literal['event']):
        amount_max (float | None | str | Unset):
        amount_min (float | None | str | Unset):
        count (int | None | Unset):
        streak (None | Streak | Unset):
        tag_match (EventGoalTagMatch | Unset):  Default: EventGoalTagMatch.ANY.
        tags (list[str] | Unset):
    """

    event_type: str
    kind: Literal["event"]
    amount_max: float | None | str | Unset = UNSET
    amount_min: float | None | str | Unset = UNSET
    count: int | None | Unset = UNSET
    streak: None | Streak | Unset = UNSET
    tag_match: EventGoalTagMatch | Unset = EventGoalTagMatch.ANY
    tags: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.streak import Streak  # noqa: PLC0415

        event_type = self.event_type

        kind = self.kind

        amount_max: float | None | str | Unset
        if isinstance(self.amount_max, Unset):
            amount_max = UNSET
        else:
            amount_max = self.amount_max

        amount_min: float | None | str | Unset
        if isinstance(self.amount_min, Unset):
            amount_min = UNSET
        else:
            amount_min = self.amount_min

        count: int | None | Unset
        if isinstance(self.count, Unset):
            count = UNSET
        else:
            count = self.count

        streak: dict[str, Any] | None | Unset
        if isinstance(self.streak, Unset):
            streak = UNSET
        elif isinstance(self.streak, Streak):
            streak = self.streak.to_dict()
        else:
            streak = self.streak

        tag_match: str | Unset = UNSET
        if not isinstance(self.tag_match, Unset):
            tag_match = self.tag_match.value

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "event_type": event_type,
                "kind": kind,
            }
        )
        if amount_max is not UNSET:
            field_dict["amount_max"] = amount_max
        if amount_min is not UNSET:
            field_dict["amount_min"] = amount_min
        if count is not UNSET:
            field_dict["count"] = count
        if streak is not UNSET:
            field_dict["streak"] = streak
        if tag_match is not UNSET:
            field_dict["tag_match"] = tag_match
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.streak import Streak  # noqa: PLC0415

        d = dict(src_dict)
        event_type = d.pop("event_type")

        kind = cast(Literal["event"], d.pop("kind"))
        if kind != "event":
            raise ValueError(f"kind must match const 'event', got '{kind}'")

        def _parse_amount_max(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        amount_max = _parse_amount_max(d.pop("amount_max", UNSET))

        def _parse_amount_min(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        amount_min = _parse_amount_min(d.pop("amount_min", UNSET))

        def _parse_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        count = _parse_count(d.pop("count", UNSET))

        def _parse_streak(data: object) -> None | Streak | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                streak_type_0 = Streak.from_dict(data)

                return streak_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Streak | Unset, data)

        streak = _parse_streak(d.pop("streak", UNSET))

        _tag_match = d.pop("tag_match", UNSET)
        tag_match: EventGoalTagMatch | Unset
        if isinstance(_tag_match, Unset):
            tag_match = UNSET
        else:
            tag_match = EventGoalTagMatch(_tag_match)

        tags = cast(list[str], d.pop("tags", UNSET))

        event_goal = cls(
            event_type=event_type,
            kind=kind,
            amount_max=amount_max,
            amount_min=amount_min,
            count=count,
            streak=streak,
            tag_match=tag_match,
            tags=tags,
        )

        return event_goal
