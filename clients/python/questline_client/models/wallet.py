from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
    from ..models.ledger_entry import LedgerEntry
    from ..models.owed import Owed


T = TypeVar("T", bound="Wallet")


@_attrs_define
class Wallet:
    """A user's balance, items and recent ledger entries.

    Attributes:
        items (list[LedgerEntry]):
        ledger (list[LedgerEntry]):
        owed (list[Owed]):
        points (int):
    """

    items: list[LedgerEntry]
    ledger: list[LedgerEntry]
    owed: list[Owed]
    points: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.ledger_entry import LedgerEntry  # noqa: PLC0415
        from ..models.owed import Owed  # noqa: PLC0415

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        ledger = []
        for ledger_item_data in self.ledger:
            ledger_item = ledger_item_data.to_dict()
            ledger.append(ledger_item)

        owed = []
        for owed_item_data in self.owed:
            owed_item = owed_item_data.to_dict()
            owed.append(owed_item)

        points = self.points

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
                "ledger": ledger,
                "owed": owed,
                "points": points,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ledger_entry import LedgerEntry  # noqa: PLC0415
        from ..models.owed import Owed  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = LedgerEntry.from_dict(items_item_data)

            items.append(items_item)

        ledger = []
        _ledger = d.pop("ledger")
        for ledger_item_data in _ledger:
            ledger_item = LedgerEntry.from_dict(ledger_item_data)

            ledger.append(ledger_item)

        owed = []
        _owed = d.pop("owed")
        for owed_item_data in _owed:
            owed_item = Owed.from_dict(owed_item_data)

            owed.append(owed_item)

        points = d.pop("points")

        wallet = cls(
            items=items,
            ledger=ledger,
            owed=owed,
            points=points,
        )

        wallet.additional_properties = d
        return wallet

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
