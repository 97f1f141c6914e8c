from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
    from ..models.preview_in_values import PreviewInValues
    from ..models.template_in import TemplateIn


T = TypeVar("T", bound="PreviewIn")


@_attrs_define
class PreviewIn:
    """What to preview: a template (default: the event's saved or default one) and placeholder values.

    Attributes:
        template (None | TemplateIn | Unset): An unsaved template to try (checked as a save is).
        values (PreviewInValues | Unset): Placeholder values; the others get sample values.
    """

    template: None | TemplateIn | Unset = UNSET
    values: PreviewInValues | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.preview_in_values import PreviewInValues  # noqa: PLC0415
        from ..models.template_in import TemplateIn  # noqa: PLC0415

        template: dict[str, Any] | None | Unset
        if isinstance(self.template, Unset):
            template = UNSET
        elif isinstance(self.template, TemplateIn):
            template = self.template.to_dict()
        else:
            template = self.template

        values: dict[str, Any] | Unset = UNSET
        if not isinstance(self.values, Unset):
            values = self.values.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if template is not UNSET:
            field_dict["template"] = template
        if values is not UNSET:
            field_dict["values"] = values

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.preview_in_values import PreviewInValues  # noqa: PLC0415
        from ..models.template_in import TemplateIn  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_template(data: object) -> None | TemplateIn | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                template_type_0 = TemplateIn.from_dict(data)

                return template_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TemplateIn | Unset, data)

        template = _parse_template(d.pop("template", UNSET))

        _values = d.pop("values", UNSET)
        values: PreviewInValues | Unset
        if isinstance(_values, Unset):
            values = UNSET
        else:
            values = PreviewInValues.from_dict(_values)

        preview_in = cls(
            template=template,
            values=values,
        )

        preview_in.additional_properties = d
        return preview_in

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
