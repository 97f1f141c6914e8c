from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
    from ..models.attribute_condition import AttributeCondition


T = TypeVar("T", bound="SegmentRule")


@_attrs_define
class SegmentRule:
    """One node of a segment rule: exactly one of its keys is given (see the module's docstring).

    Attributes:
        all_ (list[SegmentRule] | None | Unset):
        any_ (list[SegmentRule] | None | Unset):
        attribute (AttributeCondition | None | Unset):
        completed_mission (None | str | Unset):
        inactive_for (float | None | str | Unset):
        joined_after (datetime.datetime | None | Unset):
        joined_before (datetime.datetime | None | Unset):
        not_ (None | SegmentRule | Unset):
        points_at_least (int | None | Unset):
        tier_in (list[str] | None | Unset):
    """

    all_: list[SegmentRule] | None | Unset = UNSET
    any_: list[SegmentRule] | None | Unset = UNSET
    attribute: AttributeCondition | None | Unset = UNSET
    completed_mission: None | str | Unset = UNSET
    inactive_for: float | None | str | Unset = UNSET
    joined_after: datetime.datetime | None | Unset = UNSET
    joined_before: datetime.datetime | None | Unset = UNSET
    not_: None | SegmentRule | Unset = UNSET
    points_at_least: int | None | Unset = UNSET
    tier_in: list[str] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.attribute_condition import AttributeCondition  # noqa: PLC0415

        all_: list[dict[str, Any]] | None | Unset
        if isinstance(self.all_, Unset):
            all_ = UNSET
        elif isinstance(self.all_, list):
            all_ = []
            for all_type_0_item_data in self.all_:
                all_type_0_item = all_type_0_item_data.to_dict()
                all_.append(all_type_0_item)

        else:
            all_ = self.all_

        any_: list[dict[str, Any]] | None | Unset
        if isinstance(self.any_, Unset):
            any_ = UNSET
        elif isinstance(self.any_, list):
            any_ = []
            for any_type_0_item_data in self.any_:
                any_type_0_item = any_type_0_item_data.to_dict()
                any_.append(any_type_0_item)

        else:
            any_ = self.any_

        attribute: dict[str, Any] | None | Unset
        if isinstance(self.attribute, Unset):
            attribute = UNSET
        elif isinstance(self.attribute, AttributeCondition):
            attribute = self.attribute.to_dict()
        else:
            attribute = self.attribute

        completed_mission: None | str | Unset
        if isinstance(self.completed_mission, Unset):
            completed_mission = UNSET
        else:
            completed_mission = self.completed_mission

        inactive_for: float | None | str | Unset
        if isinstance(self.inactive_for, Unset):
            inactive_for = UNSET
        else:
            inactive_for = self.inactive_for

        joined_after: None | str | Unset
        if isinstance(self.joined_after, Unset):
            joined_after = UNSET
        elif isinstance(self.joined_after, datetime.datetime):
            joined_after = self.joined_after.isoformat()
        else:
            joined_after = self.joined_after

        joined_before: None | str | Unset
        if isinstance(self.joined_before, Unset):
            joined_before = UNSET
        elif isinstance(self.joined_before, datetime.datetime):
            joined_before = self.joined_before.isoformat()
        else:
            joined_before = self.joined_before

        not_: dict[str, Any] | None | Unset
        if isinstance(self.not_, Unset):
            not_ = UNSET
        elif isinstance(self.not_, SegmentRule):
            not_ = self.not_.to_dict()
        else:
            not_ = self.not_

        points_at_least: int | None | Unset
        if isinstance(self.points_at_least, Unset):
            points_at_least = UNSET
        else:
            points_at_least = self.points_at_least

        tier_in: list[str] | None | Unset
        if isinstance(self.tier_in, Unset):
            tier_in = UNSET
        elif isinstance(self.tier_in, list):
            tier_in = self.tier_in

        else:
            tier_in = self.tier_in

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if all_ is not UNSET:
            field_dict["all"] = all_
        if any_ is not UNSET:
            field_dict["any"] = any_
        if attribute is not UNSET:
            field_dict["attribute"] = attribute
        if completed_mission is not UNSET:
            field_dict["completed_mission"] = completed_mission
        if inactive_for is not UNSET:
            field_dict["inactive_for"] = inactive_for
        if joined_after is not UNSET:
            field_dict["joined_after"] = joined_after
        if joined_before is not UNSET:
            field_dict["joined_before"] = joined_before
        if not_ is not UNSET:
            field_dict["not"] = not_
        if points_at_least is not UNSET:
            field_dict["points_at_least"] = points_at_least
        if tier_in is not UNSET:
            field_dict["tier_in"] = tier_in

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attribute_condition import AttributeCondition  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_all_(data: object) -> list[SegmentRule] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                all_type_0 = []
                _all_type_0 = data
                for all_type_0_item_data in _all_type_0:
                    all_type_0_item = SegmentRule.from_dict(all_type_0_item_data)

                    all_type_0.append(all_type_0_item)

                return all_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[SegmentRule] | None | Unset, data)

        all_ = _parse_all_(d.pop("all", UNSET))

        def _parse_any_(data: object) -> list[SegmentRule] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                any_type_0 = []
                _any_type_0 = data
                for any_type_0_item_data in _any_type_0:
                    any_type_0_item = SegmentRule.from_dict(any_type_0_item_data)

                    any_type_0.append(any_type_0_item)

                return any_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[SegmentRule] | None | Unset, data)

        any_ = _parse_any_(d.pop("any", UNSET))

        def _parse_attribute(data: object) -> AttributeCondition | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                attribute_type_0 = AttributeCondition.from_dict(data)

                return attribute_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AttributeCondition | None | Unset, data)

        attribute = _parse_attribute(d.pop("attribute", UNSET))

        def _parse_completed_mission(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        completed_mission = _parse_completed_mission(d.pop("completed_mission", UNSET))

        def _parse_inactive_for(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        inactive_for = _parse_inactive_for(d.pop("inactive_for", UNSET))

        def _parse_joined_after(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                joined_after_type_0 = datetime.datetime.fromisoformat(data)

                return joined_after_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        joined_after = _parse_joined_after(d.pop("joined_after", UNSET))

        def _parse_joined_before(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                joined_before_type_0 = datetime.datetime.fromisoformat(data)

                return joined_before_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        joined_before = _parse_joined_before(d.pop("joined_before", UNSET))

        def _parse_not_(data: object) -> None | SegmentRule | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                not_type_0 = SegmentRule.from_dict(data)

                return not_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SegmentRule | Unset, data)

        not_ = _parse_not_(d.pop("not", UNSET))

        def _parse_points_at_least(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        points_at_least = _parse_points_at_least(d.pop("points_at_least", UNSET))

        def _parse_tier_in(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tier_in_type_0 = cast(list[str], data)

                return tier_in_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        tier_in = _parse_tier_in(d.pop("tier_in", UNSET))

        segment_rule = cls(
            all_=all_,
            any_=any_,
            attribute=attribute,
            completed_mission=completed_mission,
            inactive_for=inactive_for,
            joined_after=joined_after,
            joined_before=joined_before,
            not_=not_,
            points_at_least=points_at_least,
            tier_in=tier_in,
        )

        return segment_rule
