from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
    from ..models.segment_rule import SegmentRule


T = TypeVar("T", bound="SegmentIn")


@_attrs_define
class SegmentIn:
    """A segment: with a `rule` it is evaluated for every user; without one it is static.

    Attributes:
        name (str):
        rule (None | SegmentRule | Unset):
    """

    name: str
    rule: None | SegmentRule | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.segment_rule import SegmentRule  # noqa: PLC0415

        name = self.name

        rule: dict[str, Any] | None | Unset
        if isinstance(self.rule, Unset):
            rule = UNSET
        elif isinstance(self.rule, SegmentRule):
            rule = self.rule.to_dict()
        else:
            rule = self.rule

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if rule is not UNSET:
            field_dict["rule"] = rule

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.segment_rule import SegmentRule  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        def _parse_rule(data: object) -> None | SegmentRule | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rule_type_0 = SegmentRule.from_dict(data)

                return rule_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SegmentRule | Unset, data)

        rule = _parse_rule(d.pop("rule", UNSET))

        segment_in = cls(
            name=name,
            rule=rule,
        )

        return segment_in
