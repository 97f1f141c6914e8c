from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast


T = TypeVar("T", bound="ReplaySummary")


@_attrs_define
class ReplaySummary:
    """What replaying the logged events reproduced, and whether it agrees with the journey.

    Attributes:
        agrees (bool): The replay reached the journey's progress and completions
        completions (int):
        progress (float | int):
    """

    agrees: bool
    completions: int
    progress: float | int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agrees = self.agrees

        completions = self.completions

        progress: float | int
        progress = self.progress

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agrees": agrees,
                "completions": completions,
                "progress": progress,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agrees = d.pop("agrees")

        completions = d.pop("completions")

        def _parse_progress(data: object) -> float | int:
            return cast(float | int, data)

        progress = _parse_progress(d.pop("progress"))

        replay_summary = cls(
            agrees=agrees,
            completions=completions,
            progress=progress,
        )

        replay_summary.additional_properties = d
        return replay_summary

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
