from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.approval_mode import ApprovalMode
from ..types import UNSET, Unset
from typing import cast


T = TypeVar("T", bound="Approval")


@_attrs_define
class Approval:
    """How a manual goal's submissions are approved.

    Attributes:
        min_points (int | None | Unset):
        mode (ApprovalMode | Unset):  Default: ApprovalMode.MANUAL.
        segment (None | str | Unset):
    """

    min_points: int | None | Unset = UNSET
    mode: ApprovalMode | Unset = ApprovalMode.MANUAL
    segment: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        min_points: int | None | Unset
        if isinstance(self.min_points, Unset):
            min_points = UNSET
        else:
            min_points = self.min_points

        mode: str | Unset = UNSET
        if not isinstance(self.mode, Unset):
            mode = self.mode.value

        segment: None | str | Unset
        if isinstance(self.segment, Unset):
            segment = UNSET
        else:
            segment = self.segment

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if min_points is not UNSET:
            field_dict["min_points"] = min_points
        if mode is not UNSET:
            field_dict["mode"] = mode
        if segment is not UNSET:
            field_dict["segment"] = segment

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_min_points(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        min_points = _parse_min_points(d.pop("min_points", UNSET))

        _mode = d.pop("mode", UNSET)
        mode: ApprovalMode | Unset
        if isinstance(_mode, Unset):
            mode = UNSET
        else:
            mode = ApprovalMode(_mode)

        def _parse_segment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        segment = _parse_segment(d.pop("segment", UNSET))

        approval = cls(
            min_points=min_points,
            mode=mode,
            segment=segment,
        )

        return approval
