from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset


T = TypeVar("T", bound="Trigger")


@_attrs_define
class Trigger:
    """Grant the mission to every user who enters a segment.

    Attributes:
        segment (str):
    """

    segment: str

    def to_dict(self) -> dict[str, Any]:
        segment = self.segment

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "segment": segment,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        segment = d.pop("segment")

        trigger = cls(
            segment=segment,
        )

        return trigger
