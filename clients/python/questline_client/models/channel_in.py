from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.channel_in_events_item import ChannelInEventsItem
from ..models.channel_in_kind import ChannelInKind
from ..types import UNSET, Unset
from typing import cast


T = TypeVar("T", bound="ChannelIn")


@_attrs_define
class ChannelIn:
    """A channel the operator configures: a signed webhook, email over SMTP, or a Slack-style webhook.

    Attributes:
        kind (ChannelInKind): `webhook`: a signed JSON POST (like callbacks); `email`: SMTP to the user's address;
            `slack`: a POST of `{"text": ...}` to an incoming-webhook URL.
        name (str):
        email_attribute (None | str | Unset): `email`: the user attribute holding the address (default `email`).
        events (list[ChannelInEventsItem] | Unset): The events it carries (default all).
        url (None | str | Unset): Where `webhook` and `slack` POST (required for them; not for `email`).
    """

    kind: ChannelInKind
    name: str
    email_attribute: None | str | Unset = UNSET
    events: list[ChannelInEventsItem] | Unset = UNSET
    url: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        name = self.name

        email_attribute: None | str | Unset
        if isinstance(self.email_attribute, Unset):
            email_attribute = UNSET
        else:
            email_attribute = self.email_attribute

        events: list[str] | Unset = UNSET
        if not isinstance(self.events, Unset):
            events = []
            for events_item_data in self.events:
                events_item = events_item_data.value
                events.append(events_item)

        url: None | str | Unset
        if isinstance(self.url, Unset):
            url = UNSET
        else:
            url = self.url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "name": name,
            }
        )
        if email_attribute is not UNSET:
            field_dict["email_attribute"] = email_attribute
        if events is not UNSET:
            field_dict["events"] = events
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = ChannelInKind(d.pop("kind"))

        name = d.pop("name")

        def _parse_email_attribute(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email_attribute = _parse_email_attribute(d.pop("email_attribute", UNSET))

        _events = d.pop("events", UNSET)
        events: list[ChannelInEventsItem] | Unset = UNSET
        if _events is not UNSET:
            events = []
            for events_item_data in _events:
                events_item = ChannelInEventsItem(events_item_data)

                events.append(events_item)

        def _parse_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        url = _parse_url(d.pop("url", UNSET))

        channel_in = cls(
            kind=kind,
            name=name,
            email_attribute=email_attribute,
            events=events,
            url=url,
        )

        return channel_in
