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


T = TypeVar("T", bound="TokenOut")


@_attrs_define
class TokenOut:
    """A user token for the `/v1/me` routes.

    Attributes:
        expires_at (datetime.datetime):
        expires_in (int): seconds
        token (str):
        user_id (str):
        token_type (Literal['Bearer'] | Unset):  Default: 'Bearer'.
    """

    expires_at: datetime.datetime
    expires_in: int
    token: str
    user_id: str
    token_type: Literal["Bearer"] | Unset = "Bearer"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        expires_at = self.expires_at.isoformat()

        expires_in = self.expires_in

        token = self.token

        user_id = self.user_id

        token_type = self.token_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "expires_at": expires_at,
                "expires_in": expires_in,
                "token": token,
                "user_id": user_id,
            }
        )
        if token_type is not UNSET:
            field_dict["token_type"] = token_type

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        expires_in = d.pop("expires_in")

        token = d.pop("token")

        user_id = d.pop("user_id")

        token_type = cast(Literal["Bearer"] | Unset, d.pop("token_type", UNSET))
        if token_type != "Bearer" and not isinstance(token_type, Unset):
            raise ValueError(f"token_type must match const 'Bearer', got '{token_type}'")

        token_out = cls(
            expires_at=expires_at,
            expires_in=expires_in,
            token=token,
            user_id=user_id,
            token_type=token_type,
        )

        token_out.additional_properties = d
        return token_out

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
