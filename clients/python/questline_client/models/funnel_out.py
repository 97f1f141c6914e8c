from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset


T = TypeVar("T", bound="FunnelOut")


@_attrs_define
class FunnelOut:
    """Journeys (user-mission pairs; for one mission, its users) at each step or a later one.

    Attributes:
        completed (int): Of those, journeys completed at least once.
        opted_in (int): Of those, journeys that opted in (or whose mission needs no opt-in), or got further.
        progressed (int): Of those, journeys with progress above zero, a submitted proof or a social check asked for, or
            a completion.
        saw (int): Journeys recorded: a read-model row, a submission or a completion. An approximation of who saw the
            mission: merely displaying a mission records nothing, so a user counts from their first event, opt-in, proof,
            check, grant or unlock.
    """

    completed: int
    opted_in: int
    progressed: int
    saw: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        completed = self.completed

        opted_in = self.opted_in

        progressed = self.progressed

        saw = self.saw

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "completed": completed,
                "opted_in": opted_in,
                "progressed": progressed,
                "saw": saw,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        completed = d.pop("completed")

        opted_in = d.pop("opted_in")

        progressed = d.pop("progressed")

        saw = d.pop("saw")

        funnel_out = cls(
            completed=completed,
            opted_in=opted_in,
            progressed=progressed,
            saw=saw,
        )

        funnel_out.additional_properties = d
        return funnel_out

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
