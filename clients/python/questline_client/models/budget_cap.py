from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast


T = TypeVar("T", bound="BudgetCap")


@_attrs_define
class BudgetCap:
    """Stop new users from starting once the mission has granted `points` points, or recorded
    `completions` completions (any reward, or none): exactly one of the two.

        Attributes:
            completions (int | None | Unset):
            points (int | None | Unset):
    """

    completions: int | None | Unset = UNSET
    points: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        completions: int | None | Unset
        if isinstance(self.completions, Unset):
            completions = UNSET
        else:
            completions = self.completions

        points: int | None | Unset
        if isinstance(self.points, Unset):
            points = UNSET
        else:
            points = self.points

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if completions is not UNSET:
            field_dict["completions"] = completions
        if points is not UNSET:
            field_dict["points"] = points

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_completions(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        completions = _parse_completions(d.pop("completions", UNSET))

        def _parse_points(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        points = _parse_points(d.pop("points", UNSET))

        budget_cap = cls(
            completions=completions,
            points=points,
        )

        return budget_cap
