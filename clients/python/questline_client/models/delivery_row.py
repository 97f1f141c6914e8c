from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.delivery_row_event import DeliveryRowEvent
from ..models.delivery_row_kind import DeliveryRowKind
from ..models.delivery_row_status import DeliveryRowStatus
from typing import cast
import datetime

if TYPE_CHECKING:
    from ..models.delivery_row_values import DeliveryRowValues


T = TypeVar("T", bound="DeliveryRow")


@_attrs_define
class DeliveryRow:
    """One notification to one user through one channel, and how its delivery went.

    Attributes:
        attempts (int):
        channel_id (str):
        created_at (datetime.datetime):
        delivered_at (datetime.datetime | None):
        event (DeliveryRowEvent):
        failed_at (datetime.datetime | None):
        id (str):
        key (str):
        kind (DeliveryRowKind):
        last_attempt_at (datetime.datetime | None):
        last_error (None | str):
        last_status (int | None):
        mission_id (None | str):
        next_attempt_at (datetime.datetime):
        retry_from (datetime.datetime):
        status (DeliveryRowStatus):
        user_id (str):
        values (DeliveryRowValues):
    """

    attempts: int
    channel_id: str
    created_at: datetime.datetime
    delivered_at: datetime.datetime | None
    event: DeliveryRowEvent
    failed_at: datetime.datetime | None
    id: str
    key: str
    kind: DeliveryRowKind
    last_attempt_at: datetime.datetime | None
    last_error: None | str
    last_status: int | None
    mission_id: None | str
    next_attempt_at: datetime.datetime
    retry_from: datetime.datetime
    status: DeliveryRowStatus
    user_id: str
    values: DeliveryRowValues
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.delivery_row_values import DeliveryRowValues  # noqa: PLC0415

        attempts = self.attempts

        channel_id = self.channel_id

        created_at = self.created_at.isoformat()

        delivered_at: None | str
        if isinstance(self.delivered_at, datetime.datetime):
            delivered_at = self.delivered_at.isoformat()
        else:
            delivered_at = self.delivered_at

        event = self.event.value

        failed_at: None | str
        if isinstance(self.failed_at, datetime.datetime):
            failed_at = self.failed_at.isoformat()
        else:
            failed_at = self.failed_at

        id = self.id

        key = self.key

        kind = self.kind.value

        last_attempt_at: None | str
        if isinstance(self.last_attempt_at, datetime.datetime):
            last_attempt_at = self.last_attempt_at.isoformat()
        else:
            last_attempt_at = self.last_attempt_at

        last_error: None | str
        last_error = self.last_error

        last_status: int | None
        last_status = self.last_status

        mission_id: None | str
        mission_id = self.mission_id

        next_attempt_at = self.next_attempt_at.isoformat()

        retry_from = self.retry_from.isoformat()

        status = self.status.value

        user_id = self.user_id

        values = self.values.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attempts": attempts,
                "channel_id": channel_id,
                "created_at": created_at,
                "delivered_at": delivered_at,
                "event": event,
                "failed_at": failed_at,
                "id": id,
                "key": key,
                "kind": kind,
                "last_attempt_at": last_attempt_at,
                "last_error": last_error,
                "last_status": last_status,
                "mission_id": mission_id,
                "next_attempt_at": next_attempt_at,
                "retry_from": retry_from,
                "status": status,
                "user_id": user_id,
                "values": values,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.delivery_row_values import DeliveryRowValues  # noqa: PLC0415

        d = dict(src_dict)
        attempts = d.pop("attempts")

        channel_id = d.pop("channel_id")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_delivered_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                delivered_at_type_0 = datetime.datetime.fromisoformat(data)

                return delivered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        delivered_at = _parse_delivered_at(d.pop("delivered_at"))

        event = DeliveryRowEvent(d.pop("event"))

        def _parse_failed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                failed_at_type_0 = datetime.datetime.fromisoformat(data)

                return failed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        failed_at = _parse_failed_at(d.pop("failed_at"))

        id = d.pop("id")

        key = d.pop("key")

        kind = DeliveryRowKind(d.pop("kind"))

        def _parse_last_attempt_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_attempt_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_attempt_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_attempt_at = _parse_last_attempt_at(d.pop("last_attempt_at"))

        def _parse_last_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_error = _parse_last_error(d.pop("last_error"))

        def _parse_last_status(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        last_status = _parse_last_status(d.pop("last_status"))

        def _parse_mission_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        mission_id = _parse_mission_id(d.pop("mission_id"))

        next_attempt_at = datetime.datetime.fromisoformat(d.pop("next_attempt_at"))

        retry_from = datetime.datetime.fromisoformat(d.pop("retry_from"))

        status = DeliveryRowStatus(d.pop("status"))

        user_id = d.pop("user_id")

        values = DeliveryRowValues.from_dict(d.pop("values"))

        delivery_row = cls(
            attempts=attempts,
            channel_id=channel_id,
            created_at=created_at,
            delivered_at=delivered_at,
            event=event,
            failed_at=failed_at,
            id=id,
            key=key,
            kind=kind,
            last_attempt_at=last_attempt_at,
            last_error=last_error,
            last_status=last_status,
            mission_id=mission_id,
            next_attempt_at=next_attempt_at,
            retry_from=retry_from,
            status=status,
            user_id=user_id,
            values=values,
        )

        delivery_row.additional_properties = d
        return delivery_row

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
