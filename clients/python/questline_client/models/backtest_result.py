from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
    from ..models.day_figures import DayFigures
    from ..models.named import Named
    from ..models.not_completed import NotCompleted


T = TypeVar("T", bound="BacktestResult")


@_attrs_define
class BacktestResult:
    """What the mission would have done (running figures until `status` is completed).

    Attributes:
        assumptions (list[str]):
        budget_cap_reached_at (datetime.datetime | None): The completion that reached the mission's budget_cap (None:
            never, or no cap).
        completions (int): Every completion (a repeatable mission completes more than once per user).
        completions_by_day (list[DayFigures]):
        completions_by_segment (list[Named] | None): Users who completed, by each segment they are in now (once
            completed).
        completions_by_tier (list[Named] | None): Users who completed, by current tier (once completed).
        direct (list[Named]): Direct rewards it would have granted, by name.
        items (list[Named]): Bonus-shop items it would have paid, by item.
        not_completed (None | NotCompleted): Once completed: the progress spread of the others.
        points (int): Points it would have paid.
        users (int): Users with at least one event of the mission's type in the window (after the filter), eligible.
        users_completed (int):
        users_ineligible (int): Users with events who are not in the mission's segments or tiers (their events never
            count).
    """

    assumptions: list[str]
    budget_cap_reached_at: datetime.datetime | None
    completions: int
    completions_by_day: list[DayFigures]
    completions_by_segment: list[Named] | None
    completions_by_tier: list[Named] | None
    direct: list[Named]
    items: list[Named]
    not_completed: None | NotCompleted
    points: int
    users: int
    users_completed: int
    users_ineligible: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.day_figures import DayFigures  # noqa: PLC0415
        from ..models.named import Named  # noqa: PLC0415
        from ..models.not_completed import NotCompleted  # noqa: PLC0415

        assumptions = self.assumptions

        budget_cap_reached_at: None | str
        if isinstance(self.budget_cap_reached_at, datetime.datetime):
            budget_cap_reached_at = self.budget_cap_reached_at.isoformat()
        else:
            budget_cap_reached_at = self.budget_cap_reached_at

        completions = self.completions

        completions_by_day = []
        for completions_by_day_item_data in self.completions_by_day:
            completions_by_day_item = completions_by_day_item_data.to_dict()
            completions_by_day.append(completions_by_day_item)

        completions_by_segment: list[dict[str, Any]] | None
        if isinstance(self.completions_by_segment, list):
            completions_by_segment = []
            for completions_by_segment_type_0_item_data in self.completions_by_segment:
                completions_by_segment_type_0_item = completions_by_segment_type_0_item_data.to_dict()
                completions_by_segment.append(completions_by_segment_type_0_item)

        else:
            completions_by_segment = self.completions_by_segment

        completions_by_tier: list[dict[str, Any]] | None
        if isinstance(self.completions_by_tier, list):
            completions_by_tier = []
            for completions_by_tier_type_0_item_data in self.completions_by_tier:
                completions_by_tier_type_0_item = completions_by_tier_type_0_item_data.to_dict()
                completions_by_tier.append(completions_by_tier_type_0_item)

        else:
            completions_by_tier = self.completions_by_tier

        direct = []
        for direct_item_data in self.direct:
            direct_item = direct_item_data.to_dict()
            direct.append(direct_item)

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        not_completed: dict[str, Any] | None
        if isinstance(self.not_completed, NotCompleted):
            not_completed = self.not_completed.to_dict()
        else:
            not_completed = self.not_completed

        points = self.points

        users = self.users

        users_completed = self.users_completed

        users_ineligible = self.users_ineligible

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "assumptions": assumptions,
                "budget_cap_reached_at": budget_cap_reached_at,
                "completions": completions,
                "completions_by_day": completions_by_day,
                "completions_by_segment": completions_by_segment,
                "completions_by_tier": completions_by_tier,
                "direct": direct,
                "items": items,
                "not_completed": not_completed,
                "points": points,
                "users": users,
                "users_completed": users_completed,
                "users_ineligible": users_ineligible,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.day_figures import DayFigures  # noqa: PLC0415
        from ..models.named import Named  # noqa: PLC0415
        from ..models.not_completed import NotCompleted  # noqa: PLC0415

        d = dict(src_dict)
        assumptions = cast(list[str], d.pop("assumptions"))

        def _parse_budget_cap_reached_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                budget_cap_reached_at_type_0 = datetime.datetime.fromisoformat(data)

                return budget_cap_reached_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        budget_cap_reached_at = _parse_budget_cap_reached_at(d.pop("budget_cap_reached_at"))

        completions = d.pop("completions")

        completions_by_day = []
        _completions_by_day = d.pop("completions_by_day")
        for completions_by_day_item_data in _completions_by_day:
            completions_by_day_item = DayFigures.from_dict(completions_by_day_item_data)

            completions_by_day.append(completions_by_day_item)

        def _parse_completions_by_segment(data: object) -> list[Named] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                completions_by_segment_type_0 = []
                _completions_by_segment_type_0 = data
                for completions_by_segment_type_0_item_data in _completions_by_segment_type_0:
                    completions_by_segment_type_0_item = Named.from_dict(completions_by_segment_type_0_item_data)

                    completions_by_segment_type_0.append(completions_by_segment_type_0_item)

                return completions_by_segment_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Named] | None, data)

        completions_by_segment = _parse_completions_by_segment(d.pop("completions_by_segment"))

        def _parse_completions_by_tier(data: object) -> list[Named] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                completions_by_tier_type_0 = []
                _completions_by_tier_type_0 = data
                for completions_by_tier_type_0_item_data in _completions_by_tier_type_0:
                    completions_by_tier_type_0_item = Named.from_dict(completions_by_tier_type_0_item_data)

                    completions_by_tier_type_0.append(completions_by_tier_type_0_item)

                return completions_by_tier_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Named] | None, data)

        completions_by_tier = _parse_completions_by_tier(d.pop("completions_by_tier"))

        direct = []
        _direct = d.pop("direct")
        for direct_item_data in _direct:
            direct_item = Named.from_dict(direct_item_data)

            direct.append(direct_item)

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = Named.from_dict(items_item_data)

            items.append(items_item)

        def _parse_not_completed(data: object) -> None | NotCompleted:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                not_completed_type_0 = NotCompleted.from_dict(data)

                return not_completed_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | NotCompleted, data)

        not_completed = _parse_not_completed(d.pop("not_completed"))

        points = d.pop("points")

        users = d.pop("users")

        users_completed = d.pop("users_completed")

        users_ineligible = d.pop("users_ineligible")

        backtest_result = cls(
            assumptions=assumptions,
            budget_cap_reached_at=budget_cap_reached_at,
            completions=completions,
            completions_by_day=completions_by_day,
            completions_by_segment=completions_by_segment,
            completions_by_tier=completions_by_tier,
            direct=direct,
            items=items,
            not_completed=not_completed,
            points=points,
            users=users,
            users_completed=users_completed,
            users_ineligible=users_ineligible,
        )

        backtest_result.additional_properties = d
        return backtest_result

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
