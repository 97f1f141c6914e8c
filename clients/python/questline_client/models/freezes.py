from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast


T = TypeVar("T", bound="Freezes")


@_attrs_define
class Freezes:
    """Freezes a streak may hold: each covers one missed period instead of breaking the streak.

    Attributes:
        earn_every (int | None | Unset):
        max_ (int | Unset):  Default: 2.
    """

    earn_every: int | None | Unset = UNSET
    max_: int | Unset = 2

    def to_dict(self) -> dict[str, Any]:
        earn_every: int | None | Unset
        if isinstance(self.earn_every, Unset):
            earn_every = UNSET
        else:
            earn_every = self.earn_every

        max_ = self.max_

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if earn_every is not UNSET:
            field_dict["earn_every"] = earn_every
        if max_ is not UNSET:
            field_dict["max"] = max_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_earn_every(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        earn_every = _parse_earn_every(d.pop("earn_every", UNSET))

        max_ = d.pop("max", UNSET)

        freezes = cls(
            earn_every=earn_every,
            max_=max_,
        )

        return freezes
