from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.recurrence_weekdays_type_0_item import RecurrenceWeekdaysType0Item
from ..types import UNSET, Unset
from typing import cast


T = TypeVar("T", bound="Recurrence")


@_attrs_define
class Recurrence:
    """When a `recurring` mission resets: day, week (on weekdays), month (on a day) or a duration.

    Attributes:
        every (str):
        day (int | None | Unset):
        weekdays (list[RecurrenceWeekdaysType0Item] | None | Unset):
    """

    every: str
    day: int | None | Unset = UNSET
    weekdays: list[RecurrenceWeekdaysType0Item] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        every = self.every

        day: int | None | Unset
        if isinstance(self.day, Unset):
            day = UNSET
        else:
            day = self.day

        weekdays: list[str] | None | Unset
        if isinstance(self.weekdays, Unset):
            weekdays = UNSET
        elif isinstance(self.weekdays, list):
            weekdays = []
            for weekdays_type_0_item_data in self.weekdays:
                weekdays_type_0_item = weekdays_type_0_item_data.value
                weekdays.append(weekdays_type_0_item)

        else:
            weekdays = self.weekdays

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "every": every,
            }
        )
        if day is not UNSET:
            field_dict["day"] = day
        if weekdays is not UNSET:
            field_dict["weekdays"] = weekdays

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        every = d.pop("every")

        def _parse_day(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        day = _parse_day(d.pop("day", UNSET))

        def _parse_weekdays(data: object) -> list[RecurrenceWeekdaysType0Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                weekdays_type_0 = []
                _weekdays_type_0 = data
                for weekdays_type_0_item_data in _weekdays_type_0:
                    weekdays_type_0_item = RecurrenceWeekdaysType0Item(weekdays_type_0_item_data)

                    weekdays_type_0.append(weekdays_type_0_item)

                return weekdays_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[RecurrenceWeekdaysType0Item] | None | Unset, data)

        weekdays = _parse_weekdays(d.pop("weekdays", UNSET))

        recurrence = cls(
            every=every,
            day=day,
            weekdays=weekdays,
        )

        return recurrence
