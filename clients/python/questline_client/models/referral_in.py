from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset


T = TypeVar("T", bound="ReferralIn")


@_attrs_define
class ReferralIn:
    """The user this user referred.

    Attributes:
        referred_user_id (str): A user id: 1 to 200 characters, NFC-normalised, without whitespace, / : ? # %, control,
            format (bidi, zero-width), invisible, private-use or unassigned characters, or U+FFFD.
    """

    referred_user_id: str

    def to_dict(self) -> dict[str, Any]:
        referred_user_id = self.referred_user_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "referred_user_id": referred_user_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        referred_user_id = d.pop("referred_user_id")

        referral_in = cls(
            referred_user_id=referred_user_id,
        )

        return referral_in
