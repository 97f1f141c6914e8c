from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.template_out_event import TemplateOutEvent
from typing import cast
import datetime

if TYPE_CHECKING:
    from ..models.template_out_placeholders import TemplateOutPlaceholders


T = TypeVar("T", bound="TemplateOut")


@_attrs_define
class TemplateOut:
    """The template of one event: the operator's, or the default (`default: true`).

    Attributes:
        default (bool): True until the operator saves a template of this event.
        event (TemplateOutEvent):
        html (None | str):
        placeholders (TemplateOutPlaceholders): What a template may name, `{{name}}`, and what each is.
        subject (str):
        text (str):
        updated_at (datetime.datetime | None):
    """

    default: bool
    event: TemplateOutEvent
    html: None | str
    placeholders: TemplateOutPlaceholders
    subject: str
    text: str
    updated_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.template_out_placeholders import TemplateOutPlaceholders  # noqa: PLC0415

        default = self.default

        event = self.event.value

        html: None | str
        html = self.html

        placeholders = self.placeholders.to_dict()

        subject = self.subject

        text = self.text

        updated_at: None | str
        if isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "default": default,
                "event": event,
                "html": html,
                "placeholders": placeholders,
                "subject": subject,
                "text": text,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.template_out_placeholders import TemplateOutPlaceholders  # noqa: PLC0415

        d = dict(src_dict)
        default = d.pop("default")

        event = TemplateOutEvent(d.pop("event"))

        def _parse_html(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        html = _parse_html(d.pop("html"))

        placeholders = TemplateOutPlaceholders.from_dict(d.pop("placeholders"))

        subject = d.pop("subject")

        text = d.pop("text")

        def _parse_updated_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_at_type_0 = datetime.datetime.fromisoformat(data)

                return updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        updated_at = _parse_updated_at(d.pop("updated_at"))

        template_out = cls(
            default=default,
            event=event,
            html=html,
            placeholders=placeholders,
            subject=subject,
            text=text,
            updated_at=updated_at,
        )

        template_out.additional_properties = d
        return template_out

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
