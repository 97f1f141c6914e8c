from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
    from ..models.entry import Entry
    from ..models.period_out import PeriodOut


T = TypeVar("T", bound="Standings")


@_attrs_define
class Standings:
    """A period's standings: the top N, or a user with those around them.

    Attributes:
        entries (list[Entry]):
        leaderboard_id (str):
        period (PeriodOut): One period: its key (the local date it starts on, or `all`), when it starts and resets.
        total (int): Users ranked in the period.
        user (Entry | None | Unset): The `around` user (None when they hold no score in the period).
    """

    entries: list[Entry]
    leaderboard_id: str
    period: PeriodOut
    total: int
    user: Entry | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.entry import Entry  # noqa: PLC0415
        from ..models.period_out import PeriodOut  # noqa: PLC0415

        entries = []
        for entries_item_data in self.entries:
            entries_item = entries_item_data.to_dict()
            entries.append(entries_item)

        leaderboard_id = self.leaderboard_id

        period = self.period.to_dict()

        total = self.total

        user: dict[str, Any] | None | Unset
        if isinstance(self.user, Unset):
            user = UNSET
        elif isinstance(self.user, Entry):
            user = self.user.to_dict()
        else:
            user = self.user

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "entries": entries,
                "leaderboard_id": leaderboard_id,
                "period": period,
                "total": total,
            }
        )
        if user is not UNSET:
            field_dict["user"] = user

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.entry import Entry  # noqa: PLC0415
        from ..models.period_out import PeriodOut  # noqa: PLC0415

        d = dict(src_dict)
        entries = []
        _entries = d.pop("entries")
        for entries_item_data in _entries:
            entries_item = Entry.from_dict(entries_item_data)

            entries.append(entries_item)

        leaderboard_id = d.pop("leaderboard_id")

        period = PeriodOut.from_dict(d.pop("period"))

        total = d.pop("total")

        def _parse_user(data: object) -> Entry | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                user_type_0 = Entry.from_dict(data)

                return user_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Entry | None | Unset, data)

        user = _parse_user(d.pop("user", UNSET))

        standings = cls(
            entries=entries,
            leaderboard_id=leaderboard_id,
            period=period,
            total=total,
            user=user,
        )

        standings.additional_properties = d
        return standings

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
