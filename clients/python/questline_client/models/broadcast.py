from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.broadcast_status import BroadcastStatus
from typing import cast
import datetime


T = TypeVar("T", bound="Broadcast")


@_attrs_define
class Broadcast:
    """A message to a segment, with how far its sending got.

    Attributes:
        body (str):
        created_at (datetime.datetime):
        delivered (int):
        id (str):
        on_entry (bool):
        segment_id (str):
        send_at (datetime.datetime | None):
        sent_at (datetime.datetime | None):
        status (BroadcastStatus):
        title (str):
    """

    body: str
    created_at: datetime.datetime
    delivered: int
    id: str
    on_entry: bool
    segment_id: str
    send_at: datetime.datetime | None
    sent_at: datetime.datetime | None
    status: BroadcastStatus
    title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        body = self.body

        created_at = self.created_at.isoformat()

        delivered = self.delivered

        id = self.id

        on_entry = self.on_entry

        segment_id = self.segment_id

        send_at: None | str
        if isinstance(self.send_at, datetime.datetime):
            send_at = self.send_at.isoformat()
        else:
            send_at = self.send_at

        sent_at: None | str
        if isinstance(self.sent_at, datetime.datetime):
            sent_at = self.sent_at.isoformat()
        else:
            sent_at = self.sent_at

        status = self.status.value

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "body": body,
                "created_at": created_at,
                "delivered": delivered,
                "id": id,
                "on_entry": on_entry,
                "segment_id": segment_id,
                "send_at": send_at,
                "sent_at": sent_at,
                "status": status,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        body = d.pop("body")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        delivered = d.pop("delivered")

        id = d.pop("id")

        on_entry = d.pop("on_entry")

        segment_id = d.pop("segment_id")

        def _parse_send_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                send_at_type_0 = datetime.datetime.fromisoformat(data)

                return send_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        send_at = _parse_send_at(d.pop("send_at"))

        def _parse_sent_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                sent_at_type_0 = datetime.datetime.fromisoformat(data)

                return sent_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        sent_at = _parse_sent_at(d.pop("sent_at"))

        status = BroadcastStatus(d.pop("status"))

        title = d.pop("title")

        broadcast = cls(
            body=body,
            created_at=created_at,
            delivered=delivered,
            id=id,
            on_entry=on_entry,
            segment_id=segment_id,
            send_at=send_at,
            sent_at=sent_at,
            status=status,
            title=title,
        )

        broadcast.additional_properties = d
        return broadcast

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
