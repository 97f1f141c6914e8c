from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.verification_status import VerificationStatus
from typing import cast
import datetime


T = TypeVar("T", bound="Verification")


@_attrs_define
class Verification:
    """The latest social check the user asked for (`POST .../verify`).

    `running` until `ends_by` at the latest (asking again on the same platform meanwhile is 429);
    then `passed` (the mission completed), `failed` (`detail` says what was not found; ask again)
    or `review` (the platform could not answer: an admin decides, see `submission`).

        Attributes:
            detail (None | str):
            ended_at (datetime.datetime | None):
            ends_by (datetime.datetime):
            found (int | None):
            needed (int | None):
            requested_at (datetime.datetime):
            status (VerificationStatus):
    """

    detail: None | str
    ended_at: datetime.datetime | None
    ends_by: datetime.datetime
    found: int | None
    needed: int | None
    requested_at: datetime.datetime
    status: VerificationStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        detail: None | str
        detail = self.detail

        ended_at: None | str
        if isinstance(self.ended_at, datetime.datetime):
            ended_at = self.ended_at.isoformat()
        else:
            ended_at = self.ended_at

        ends_by = self.ends_by.isoformat()

        found: int | None
        found = self.found

        needed: int | None
        needed = self.needed

        requested_at = self.requested_at.isoformat()

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "detail": detail,
                "ended_at": ended_at,
                "ends_by": ends_by,
                "found": found,
                "needed": needed,
                "requested_at": requested_at,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_detail(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        detail = _parse_detail(d.pop("detail"))

        def _parse_ended_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ended_at_type_0 = datetime.datetime.fromisoformat(data)

                return ended_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        ended_at = _parse_ended_at(d.pop("ended_at"))

        ends_by = datetime.datetime.fromisoformat(d.pop("ends_by"))

        def _parse_found(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        found = _parse_found(d.pop("found"))

        def _parse_needed(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        needed = _parse_needed(d.pop("needed"))

        requested_at = datetime.datetime.fromisoformat(d.pop("requested_at"))

        status = VerificationStatus(d.pop("status"))

        verification = cls(
            detail=detail,
            ended_at=ended_at,
            ends_by=ends_by,
            found=found,
            needed=needed,
            requested_at=requested_at,
            status=status,
        )

        verification.additional_properties = d
        return verification

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
