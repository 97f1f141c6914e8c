from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.link_out_audience_source import LinkOutAudienceSource
from typing import cast
import datetime


T = TypeVar("T", bound="LinkOut")


@_attrs_define
class LinkOut:
    """A mission's magic link.

    Attributes:
        audience (str): Who the link opens the mission for: `anyone`, `registered` or `segment:<id>`.
        audience_source (LinkOutAudienceSource): Where the audience comes from: set on the `link`, the mission `spec`'s
            `audience`, or the `default`.
        created_at (datetime.datetime):
        mission_id (str):
        token (str): The link's token (the `questline_link` parameter of `url`).
        updated_at (datetime.datetime):
        url (str): The shareable URL: the page embedding the widget, with `?questline_link=<token>`.
    """

    audience: str
    audience_source: LinkOutAudienceSource
    created_at: datetime.datetime
    mission_id: str
    token: str
    updated_at: datetime.datetime
    url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        audience = self.audience

        audience_source = self.audience_source.value

        created_at = self.created_at.isoformat()

        mission_id = self.mission_id

        token = self.token

        updated_at = self.updated_at.isoformat()

        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "audience": audience,
                "audience_source": audience_source,
                "created_at": created_at,
                "mission_id": mission_id,
                "token": token,
                "updated_at": updated_at,
                "url": url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        audience = d.pop("audience")

        audience_source = LinkOutAudienceSource(d.pop("audience_source"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        mission_id = d.pop("mission_id")

        token = d.pop("token")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        url = d.pop("url")

        link_out = cls(
            audience=audience,
            audience_source=audience_source,
            created_at=created_at,
            mission_id=mission_id,
            token=token,
            updated_at=updated_at,
            url=url,
        )

        link_out.additional_properties = d
        return link_out

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
