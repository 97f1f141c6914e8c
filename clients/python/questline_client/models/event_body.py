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
    from ..models.event_body_attributes import EventBodyAttributes


T = TypeVar("T", bound="EventBody")


@_attrs_define
class EventBody:
    """One user event from the operator's backend.

    Attributes:
        id (str): Unique per event in the whole installation (across users and types): the same id with the same payload
            is a duplicate, with a different payload 409 `idempotency_conflict`. Ids starting with `questline.` are reserved
        type_ (str):
        user_id (str): A user id: 1 to 200 characters, NFC-normalised, without whitespace, / : ? # %, control, format
            (bidi, zero-width), invisible, private-use or unassigned characters, or U+FFFD.
        attributes (EventBodyAttributes | Unset):
        occurred_at (datetime.datetime | None | Unset):
        tags (list[str] | Unset):
        value (float | None | str | Unset):
    """

    id: str
    type_: str
    user_id: str
    attributes: EventBodyAttributes | Unset = UNSET
    occurred_at: datetime.datetime | None | Unset = UNSET
    tags: list[str] | Unset = UNSET
    value: float | None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.event_body_attributes import EventBodyAttributes  # noqa: PLC0415

        id = self.id

        type_ = self.type_

        user_id = self.user_id

        attributes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.attributes, Unset):
            attributes = self.attributes.to_dict()

        occurred_at: None | str | Unset
        if isinstance(self.occurred_at, Unset):
            occurred_at = UNSET
        elif isinstance(self.occurred_at, datetime.datetime):
            occurred_at = self.occurred_at.isoformat()
        else:
            occurred_at = self.occurred_at

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        value: float | None | str | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        else:
            value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "type": type_,
                "user_id": user_id,
            }
        )
        if attributes is not UNSET:
            field_dict["attributes"] = attributes
        if occurred_at is not UNSET:
            field_dict["occurred_at"] = occurred_at
        if tags is not UNSET:
            field_dict["tags"] = tags
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.event_body_attributes import EventBodyAttributes  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        type_ = d.pop("type")

        user_id = d.pop("user_id")

        _attributes = d.pop("attributes", UNSET)
        attributes: EventBodyAttributes | Unset
        if isinstance(_attributes, Unset):
            attributes = UNSET
        else:
            attributes = EventBodyAttributes.from_dict(_attributes)

        def _parse_occurred_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                occurred_at_type_0 = datetime.datetime.fromisoformat(data)

                return occurred_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        occurred_at = _parse_occurred_at(d.pop("occurred_at", UNSET))

        tags = cast(list[str], d.pop("tags", UNSET))

        def _parse_value(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        value = _parse_value(d.pop("value", UNSET))

        event_body = cls(
            id=id,
            type_=type_,
            user_id=user_id,
            attributes=attributes,
            occurred_at=occurred_at,
            tags=tags,
            value=value,
        )

        return event_body
