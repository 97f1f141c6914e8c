from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast


T = TypeVar("T", bound="TemplateIn")


@_attrs_define
class TemplateIn:
    """A template of one event: a subject and a plain-text body, and optionally an HTML body for email.

    Attributes:
        subject (str):
        text (str):
        html (None | str | Unset): The email's HTML part; unset = the text, escaped, in paragraphs.
    """

    subject: str
    text: str
    html: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        subject = self.subject

        text = self.text

        html: None | str | Unset
        if isinstance(self.html, Unset):
            html = UNSET
        else:
            html = self.html

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "subject": subject,
                "text": text,
            }
        )
        if html is not UNSET:
            field_dict["html"] = html

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        subject = d.pop("subject")

        text = d.pop("text")

        def _parse_html(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        html = _parse_html(d.pop("html", UNSET))

        template_in = cls(
            subject=subject,
            text=text,
            html=html,
        )

        return template_in
