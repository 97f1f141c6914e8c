from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset


T = TypeVar("T", bound="SegmentGrantIn")


@_attrs_define
class SegmentGrantIn:
    """The segment whose every member gets the featured mission.

    Attributes:
        segment_id (str):
    """

    segment_id: str

    def to_dict(self) -> dict[str, Any]:
        segment_id = self.segment_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "segment_id": segment_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        segment_id = d.pop("segment_id")

        segment_grant_in = cls(
            segment_id=segment_id,
        )

        return segment_grant_in
