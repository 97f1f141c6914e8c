from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
from typing import Literal, cast
import datetime


T = TypeVar("T", bound="ScheduledLaunch")


@_attrs_define
class ScheduledLaunch:
    """A mission that a durable timer will activate at `at`.

    Attributes:
        at (datetime.datetime):
        mission_id (str):
        status (Literal['scheduled'] | Unset):  Default: 'scheduled'.
    """

    at: datetime.datetime
    mission_id: str
    status: Literal["scheduled"] | Unset = "scheduled"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        at = self.at.isoformat()

        mission_id = self.mission_id

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "at": at,
                "mission_id": mission_id,
            }
        )
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))

        mission_id = d.pop("mission_id")

        status = cast(Literal["scheduled"] | Unset, d.pop("status", UNSET))
        if status != "scheduled" and not isinstance(status, Unset):
            raise ValueError(f"status must match const 'scheduled', got '{status}'")

        scheduled_launch = cls(
            at=at,
            mission_id=mission_id,
            status=status,
        )

        scheduled_launch.additional_properties = d
        return scheduled_launch

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
