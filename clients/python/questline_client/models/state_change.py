from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.state_change_kind import StateChangeKind
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
    from ..models.state_change_details import StateChangeDetails


T = TypeVar("T", bound="StateChange")


@_attrs_define
class StateChange:
    """One change of the journey that is not an event: an opt-in, an unlock, a completion...

    Attributes:
        at (datetime.datetime):
        kind (StateChangeKind):
        message (str):
        details (StateChangeDetails | Unset):
    """

    at: datetime.datetime
    kind: StateChangeKind
    message: str
    details: StateChangeDetails | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.state_change_details import StateChangeDetails  # noqa: PLC0415

        at = self.at.isoformat()

        kind = self.kind.value

        message = self.message

        details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.details, Unset):
            details = self.details.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "at": at,
                "kind": kind,
                "message": message,
            }
        )
        if details is not UNSET:
            field_dict["details"] = details

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.state_change_details import StateChangeDetails  # noqa: PLC0415

        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))

        kind = StateChangeKind(d.pop("kind"))

        message = d.pop("message")

        _details = d.pop("details", UNSET)
        details: StateChangeDetails | Unset
        if isinstance(_details, Unset):
            details = UNSET
        else:
            details = StateChangeDetails.from_dict(_details)

        state_change = cls(
            at=at,
            kind=kind,
            message=message,
            details=details,
        )

        state_change.additional_properties = d
        return state_change

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
