from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.segment_kind import SegmentKind
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
    from ..models.segment_rule_type_0 import SegmentRuleType0


T = TypeVar("T", bound="Segment")


@_attrs_define
class Segment:
    """A group of users: by rule (re-evaluated) or static (uploaded).

    Attributes:
        created_at (datetime.datetime):
        id (str):
        kind (SegmentKind):
        name (str):
        rule (None | SegmentRuleType0):
        members (int | Unset):  Default: 0.
    """

    created_at: datetime.datetime
    id: str
    kind: SegmentKind
    name: str
    rule: None | SegmentRuleType0
    members: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.segment_rule_type_0 import SegmentRuleType0  # noqa: PLC0415

        created_at = self.created_at.isoformat()

        id = self.id

        kind = self.kind.value

        name = self.name

        rule: dict[str, Any] | None
        if isinstance(self.rule, SegmentRuleType0):
            rule = self.rule.to_dict()
        else:
            rule = self.rule

        members = self.members

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "id": id,
                "kind": kind,
                "name": name,
                "rule": rule,
            }
        )
        if members is not UNSET:
            field_dict["members"] = members

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.segment_rule_type_0 import SegmentRuleType0  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = d.pop("id")

        kind = SegmentKind(d.pop("kind"))

        name = d.pop("name")

        def _parse_rule(data: object) -> None | SegmentRuleType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rule_type_0 = SegmentRuleType0.from_dict(data)

                return rule_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SegmentRuleType0, data)

        rule = _parse_rule(d.pop("rule"))

        members = d.pop("members", UNSET)

        segment = cls(
            created_at=created_at,
            id=id,
            kind=kind,
            name=name,
            rule=rule,
            members=members,
        )

        segment.additional_properties = d
        return segment

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
