from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
    from ..models.tier import Tier


T = TypeVar("T", bound="Tiers")


@_attrs_define
class Tiers:
    """The operator's tiers; each reached at `min_points` (or, without it, only set explicitly).

    Attributes:
        tiers (list[Tier]):
    """

    tiers: list[Tier]

    def to_dict(self) -> dict[str, Any]:
        from ..models.tier import Tier  # noqa: PLC0415

        tiers = []
        for tiers_item_data in self.tiers:
            tiers_item = tiers_item_data.to_dict()
            tiers.append(tiers_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "tiers": tiers,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tier import Tier  # noqa: PLC0415

        d = dict(src_dict)
        tiers = []
        _tiers = d.pop("tiers")
        for tiers_item_data in _tiers:
            tiers_item = Tier.from_dict(tiers_item_data)

            tiers.append(tiers_item)

        tiers = cls(
            tiers=tiers,
        )

        return tiers
