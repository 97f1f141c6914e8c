from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast


T = TypeVar("T", bound="UserIds")


@_attrs_define
class UserIds:
    """Users to act for (grants, unlocks).

    Attributes:
        user_ids (list[str]):
    """

    user_ids: list[str]

    def to_dict(self) -> dict[str, Any]:
        user_ids = self.user_ids

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "user_ids": user_ids,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        user_ids = cast(list[str], d.pop("user_ids"))

        user_ids = cls(
            user_ids=user_ids,
        )

        return user_ids
