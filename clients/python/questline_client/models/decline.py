from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset


T = TypeVar("T", bound="Decline")


@_attrs_define
class Decline:
    """Why the proof was declined; the user sees it.

    Attributes:
        feedback (str):
    """

    feedback: str

    def to_dict(self) -> dict[str, Any]:
        feedback = self.feedback

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "feedback": feedback,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        feedback = d.pop("feedback")

        decline = cls(
            feedback=feedback,
        )

        return decline
