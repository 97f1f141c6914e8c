from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime


T = TypeVar("T", bound="BroadcastIn")


@_attrs_define
class BroadcastIn:
    """A message to the members of a segment.

    Attributes:
        body (str):
        segment_id (str):
        title (str):
        on_entry (bool | Unset): Also deliver it to everyone who enters the segment after it has been sent. Default:
            False.
        send_at (datetime.datetime | None | Unset): When to send it (default: now). More than a minute in the past is
            refused with 422; less counts as now.
    """

    body: str
    segment_id: str
    title: str
    on_entry: bool | Unset = False
    send_at: datetime.datetime | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        body = self.body

        segment_id = self.segment_id

        title = self.title

        on_entry = self.on_entry

        send_at: None | str | Unset
        if isinstance(self.send_at, Unset):
            send_at = UNSET
        elif isinstance(self.send_at, datetime.datetime):
            send_at = self.send_at.isoformat()
        else:
            send_at = self.send_at

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "body": body,
                "segment_id": segment_id,
                "title": title,
            }
        )
        if on_entry is not UNSET:
            field_dict["on_entry"] = on_entry
        if send_at is not UNSET:
            field_dict["send_at"] = send_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        body = d.pop("body")

        segment_id = d.pop("segment_id")

        title = d.pop("title")

        on_entry = d.pop("on_entry", UNSET)

        def _parse_send_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                send_at_type_0 = datetime.datetime.fromisoformat(data)

                return send_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        send_at = _parse_send_at(d.pop("send_at", UNSET))

        broadcast_in = cls(
            body=body,
            segment_id=segment_id,
            title=title,
            on_entry=on_entry,
            send_at=send_at,
        )

        return broadcast_in
