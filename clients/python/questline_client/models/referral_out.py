from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime


T = TypeVar("T", bound="ReferralOut")


@_attrs_define
class ReferralOut:
    """A referral: `fired_at` is when the referrer's `questline.referral` fired (null: not yet).

    Attributes:
        created_at (datetime.datetime):
        referred_user_id (str):
        referrer_user_id (str):
        duplicate (bool | Unset): The same referral was recorded before (nothing changed) Default: False.
        event_id (None | str | Unset): The `questline.referral` event's id once it fired
        fired_at (datetime.datetime | None | Unset):
    """

    created_at: datetime.datetime
    referred_user_id: str
    referrer_user_id: str
    duplicate: bool | Unset = False
    event_id: None | str | Unset = UNSET
    fired_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        referred_user_id = self.referred_user_id

        referrer_user_id = self.referrer_user_id

        duplicate = self.duplicate

        event_id: None | str | Unset
        if isinstance(self.event_id, Unset):
            event_id = UNSET
        else:
            event_id = self.event_id

        fired_at: None | str | Unset
        if isinstance(self.fired_at, Unset):
            fired_at = UNSET
        elif isinstance(self.fired_at, datetime.datetime):
            fired_at = self.fired_at.isoformat()
        else:
            fired_at = self.fired_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "referred_user_id": referred_user_id,
                "referrer_user_id": referrer_user_id,
            }
        )
        if duplicate is not UNSET:
            field_dict["duplicate"] = duplicate
        if event_id is not UNSET:
            field_dict["event_id"] = event_id
        if fired_at is not UNSET:
            field_dict["fired_at"] = fired_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        referred_user_id = d.pop("referred_user_id")

        referrer_user_id = d.pop("referrer_user_id")

        duplicate = d.pop("duplicate", UNSET)

        def _parse_event_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        event_id = _parse_event_id(d.pop("event_id", UNSET))

        def _parse_fired_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                fired_at_type_0 = datetime.datetime.fromisoformat(data)

                return fired_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        fired_at = _parse_fired_at(d.pop("fired_at", UNSET))

        referral_out = cls(
            created_at=created_at,
            referred_user_id=referred_user_id,
            referrer_user_id=referrer_user_id,
            duplicate=duplicate,
            event_id=event_id,
            fired_at=fired_at,
        )

        referral_out.additional_properties = d
        return referral_out

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
