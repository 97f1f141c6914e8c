from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast


T = TypeVar("T", bound="MissionIds")


@_attrs_define
class MissionIds:
    """Missions to attach.

    Attributes:
        mission_ids (list[str]):
    """

    mission_ids: list[str]

    def to_dict(self) -> dict[str, Any]:
        mission_ids = self.mission_ids

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "mission_ids": mission_ids,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        mission_ids = cast(list[str], d.pop("mission_ids"))

        mission_ids = cls(
            mission_ids=mission_ids,
        )

        return mission_ids
