from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset


T = TypeVar("T", bound="RepairCounts")


@_attrs_define
class RepairCounts:
    """Users per outcome so far.

    Attributes:
        pending (int): Not handled yet.
        repaired (int): Their streak was restored (or a missed period in the window is now kept).
        skipped (int): No streak to repair (no journey, or it has finished).
        unchanged (int): Nothing in the window to restore.
    """

    pending: int
    repaired: int
    skipped: int
    unchanged: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        pending = self.pending

        repaired = self.repaired

        skipped = self.skipped

        unchanged = self.unchanged

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pending": pending,
                "repaired": repaired,
                "skipped": skipped,
                "unchanged": unchanged,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        pending = d.pop("pending")

        repaired = d.pop("repaired")

        skipped = d.pop("skipped")

        unchanged = d.pop("unchanged")

        repair_counts = cls(
            pending=pending,
            repaired=repaired,
            skipped=skipped,
            unchanged=unchanged,
        )

        repair_counts.additional_properties = d
        return repair_counts

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
