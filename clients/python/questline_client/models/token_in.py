from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast


T = TypeVar("T", bound="TokenIn")


@_attrs_define
class TokenIn:
    """Optional lifetime of a user token (default: QUESTLINE_TOKEN_TTL).

    Attributes:
        ttl (float | None | str | Unset):
    """

    ttl: float | None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        ttl: float | None | str | Unset
        if isinstance(self.ttl, Unset):
            ttl = UNSET
        else:
            ttl = self.ttl

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if ttl is not UNSET:
            field_dict["ttl"] = ttl

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_ttl(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        ttl = _parse_ttl(d.pop("ttl", UNSET))

        token_in = cls(
            ttl=ttl,
        )

        return token_in
