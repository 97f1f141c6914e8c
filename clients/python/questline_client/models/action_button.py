from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast


T = TypeVar("T", bound="ActionButton")


@_attrs_define
class ActionButton:
    """A call to action shown with the mission.

    Attributes:
        label (str):
        url (str): An http(s) URL, or an app deep link such as `myapp://open/wallet` (any RFC 3986 scheme except
            javascript, vbscript, data, file, blob, about, filesystem, view-source, jar, ws, wss and http look-alikes).
    """

    label: str
    url: str

    def to_dict(self) -> dict[str, Any]:
        label = self.label

        url: str
        url = self.url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "label": label,
                "url": url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        label = d.pop("label")

        def _parse_url(data: object) -> str:
            return cast(str, data)

        url = _parse_url(d.pop("url"))

        action_button = cls(
            label=label,
            url=url,
        )

        return action_button
