from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.my_leaderboard_kind import MyLeaderboardKind
from typing import cast

if TYPE_CHECKING:
    from ..models.entry import Entry
    from ..models.period_out import PeriodOut


T = TypeVar("T", bound="MyLeaderboard")


@_attrs_define
class MyLeaderboard:
    """A leaderboard as its widget shows it to one user.

    Attributes:
        around (list[Entry]): You with the users just above and below you.
        id (str):
        kind (MyLeaderboardKind):
        me (Entry | None): Your rank and score (None before you score in this period).
        name (str):
        period (PeriodOut): One period: its key (the local date it starts on, or `all`), when it starts and resets.
        top (list[Entry]):
        total (int):
    """

    around: list[Entry]
    id: str
    kind: MyLeaderboardKind
    me: Entry | None
    name: str
    period: PeriodOut
    top: list[Entry]
    total: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.entry import Entry  # noqa: PLC0415
        from ..models.period_out import PeriodOut  # noqa: PLC0415

        around = []
        for around_item_data in self.around:
            around_item = around_item_data.to_dict()
            around.append(around_item)

        id = self.id

        kind = self.kind.value

        me: dict[str, Any] | None
        if isinstance(self.me, Entry):
            me = self.me.to_dict()
        else:
            me = self.me

        name = self.name

        period = self.period.to_dict()

        top = []
        for top_item_data in self.top:
            top_item = top_item_data.to_dict()
            top.append(top_item)

        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "around": around,
                "id": id,
                "kind": kind,
                "me": me,
                "name": name,
                "period": period,
                "top": top,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.entry import Entry  # noqa: PLC0415
        from ..models.period_out import PeriodOut  # noqa: PLC0415

        d = dict(src_dict)
        around = []
        _around = d.pop("around")
        for around_item_data in _around:
            around_item = Entry.from_dict(around_item_data)

            around.append(around_item)

        id = d.pop("id")

        kind = MyLeaderboardKind(d.pop("kind"))

        def _parse_me(data: object) -> Entry | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                me_type_0 = Entry.from_dict(data)

                return me_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Entry | None, data)

        me = _parse_me(d.pop("me"))

        name = d.pop("name")

        period = PeriodOut.from_dict(d.pop("period"))

        top = []
        _top = d.pop("top")
        for top_item_data in _top:
            top_item = Entry.from_dict(top_item_data)

            top.append(top_item)

        total = d.pop("total")

        my_leaderboard = cls(
            around=around,
            id=id,
            kind=kind,
            me=me,
            name=name,
            period=period,
            top=top,
            total=total,
        )

        my_leaderboard.additional_properties = d
        return my_leaderboard

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
