from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.attribute_condition_op import AttributeConditionOp
from ..types import UNSET, Unset
from typing import cast


T = TypeVar("T", bound="AttributeCondition")


@_attrs_define
class AttributeCondition:
    """A test of one profile attribute.

    `eq` / `ne`: a scalar of the same type (`ne` needs the attribute present).
    `gt` / `gte` / `lt` / `lte`: numbers with numbers; or, with an ISO 8601 date (`2030-01-31`) or
    aware date-time as the value, an attribute holding the same kind of ISO text.
    `in`: the attribute equals one of a non-empty list of scalars.
    `contains`: a text attribute contains the value as a substring, or a list attribute has it.
    `exists`: the attribute is present and not null; takes no value.

        Attributes:
            name (str):
            op (AttributeConditionOp):
            value (bool | float | int | list[bool | float | int | str] | None | str | Unset):
    """

    name: str
    op: AttributeConditionOp
    value: bool | float | int | list[bool | float | int | str] | None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        op = self.op.value

        value: bool | float | int | list[bool | float | int | str] | None | str | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        elif isinstance(self.value, list):
            value = []
            for value_type_4_item_data in self.value:
                value_type_4_item: bool | float | int | str
                value_type_4_item = value_type_4_item_data
                value.append(value_type_4_item)

        else:
            value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "op": op,
            }
        )
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        op = AttributeConditionOp(d.pop("op"))

        def _parse_value(data: object) -> bool | float | int | list[bool | float | int | str] | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                value_type_4 = []
                _value_type_4 = data
                for value_type_4_item_data in _value_type_4:

                    def _parse_value_type_4_item(data: object) -> bool | float | int | str:
                        return cast(bool | float | int | str, data)

                    value_type_4_item = _parse_value_type_4_item(value_type_4_item_data)

                    value_type_4.append(value_type_4_item)

                return value_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(bool | float | int | list[bool | float | int | str] | None | str | Unset, data)

        value = _parse_value(d.pop("value", UNSET))

        attribute_condition = cls(
            name=name,
            op=op,
            value=value,
        )

        return attribute_condition
