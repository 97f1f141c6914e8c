from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
    from ..models.event_type_out_attributes import EventTypeOutAttributes


T = TypeVar("T", bound="EventTypeOut")


@_attrs_define
class EventTypeOut:
    """An event type missions can count.

    Attributes:
        system (bool): A built-in type Questline logs itself (clients cannot send it)
        type_ (str):
        attributes (EventTypeOutAttributes | Unset): The event's data fields and what they hold
        count (int | None | Unset): How many were logged through ingestion (clients' events, widget opens, referrals);
            null for the system types logged with a completion (not counted, so completions share no hot row)
        description (None | str | Unset):
        last_seen (datetime.datetime | None | Unset):
        tags (list[str] | Unset): The tags it carries (patterns)
    """

    system: bool
    type_: str
    attributes: EventTypeOutAttributes | Unset = UNSET
    count: int | None | Unset = UNSET
    description: None | str | Unset = UNSET
    last_seen: datetime.datetime | None | Unset = UNSET
    tags: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.event_type_out_attributes import EventTypeOutAttributes  # noqa: PLC0415

        system = self.system

        type_ = self.type_

        attributes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.attributes, Unset):
            attributes = self.attributes.to_dict()

        count: int | None | Unset
        if isinstance(self.count, Unset):
            count = UNSET
        else:
            count = self.count

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        last_seen: None | str | Unset
        if isinstance(self.last_seen, Unset):
            last_seen = UNSET
        elif isinstance(self.last_seen, datetime.datetime):
            last_seen = self.last_seen.isoformat()
        else:
            last_seen = self.last_seen

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "system": system,
                "type": type_,
            }
        )
        if attributes is not UNSET:
            field_dict["attributes"] = attributes
        if count is not UNSET:
            field_dict["count"] = count
        if description is not UNSET:
            field_dict["description"] = description
        if last_seen is not UNSET:
            field_dict["last_seen"] = last_seen
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.event_type_out_attributes import EventTypeOutAttributes  # noqa: PLC0415

        d = dict(src_dict)
        system = d.pop("system")

        type_ = d.pop("type")

        _attributes = d.pop("attributes", UNSET)
        attributes: EventTypeOutAttributes | Unset
        if isinstance(_attributes, Unset):
            attributes = UNSET
        else:
            attributes = EventTypeOutAttributes.from_dict(_attributes)

        def _parse_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        count = _parse_count(d.pop("count", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_last_seen(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_seen_type_0 = datetime.datetime.fromisoformat(data)

                return last_seen_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        last_seen = _parse_last_seen(d.pop("last_seen", UNSET))

        tags = cast(list[str], d.pop("tags", UNSET))

        event_type_out = cls(
            system=system,
            type_=type_,
            attributes=attributes,
            count=count,
            description=description,
            last_seen=last_seen,
            tags=tags,
        )

        event_type_out.additional_properties = d
        return event_type_out

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
