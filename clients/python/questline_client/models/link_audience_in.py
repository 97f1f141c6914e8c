from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast


T = TypeVar("T", bound="LinkAudienceIn")


@_attrs_define
class LinkAudienceIn:
    """The audience to set on a mission's link; null goes back to the spec's (or the default).

    Attributes:
        audience (None | str):
    """

    audience: None | str

    def to_dict(self) -> dict[str, Any]:
        audience: None | str
        audience = self.audience

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "audience": audience,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_audience(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        audience = _parse_audience(d.pop("audience"))

        link_audience_in = cls(
            audience=audience,
        )

        return link_audience_in
