from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.channel_row_events_item import ChannelRowEventsItem
from ..models.channel_row_kind import ChannelRowKind
from typing import cast
import datetime


T = TypeVar("T", bound="ChannelRow")


@_attrs_define
class ChannelRow:
    """A configured channel.

    Attributes:
        created_at (datetime.datetime):
        deleted_at (datetime.datetime | None):
        email_attribute (None | str):
        events (list[ChannelRowEventsItem]):
        id (str):
        kind (ChannelRowKind):
        name (str):
        url (None | str):
    """

    created_at: datetime.datetime
    deleted_at: datetime.datetime | None
    email_attribute: None | str
    events: list[ChannelRowEventsItem]
    id: str
    kind: ChannelRowKind
    name: str
    url: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        deleted_at: None | str
        if isinstance(self.deleted_at, datetime.datetime):
            deleted_at = self.deleted_at.isoformat()
        else:
            deleted_at = self.deleted_at

        email_attribute: None | str
        email_attribute = self.email_attribute

        events = []
        for events_item_data in self.events:
            events_item = events_item_data.value
            events.append(events_item)

        id = self.id

        kind = self.kind.value

        name = self.name

        url: None | str
        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "deleted_at": deleted_at,
                "email_attribute": email_attribute,
                "events": events,
                "id": id,
                "kind": kind,
                "name": name,
                "url": url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_deleted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                deleted_at_type_0 = datetime.datetime.fromisoformat(data)

                return deleted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        deleted_at = _parse_deleted_at(d.pop("deleted_at"))

        def _parse_email_attribute(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        email_attribute = _parse_email_attribute(d.pop("email_attribute"))

        events = []
        _events = d.pop("events")
        for events_item_data in _events:
            events_item = ChannelRowEventsItem(events_item_data)

            events.append(events_item)

        id = d.pop("id")

        kind = ChannelRowKind(d.pop("kind"))

        name = d.pop("name")

        def _parse_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        url = _parse_url(d.pop("url"))

        channel_row = cls(
            created_at=created_at,
            deleted_at=deleted_at,
            email_attribute=email_attribute,
            events=events,
            id=id,
            kind=kind,
            name=name,
            url=url,
        )

        channel_row.additional_properties = d
        return channel_row

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
