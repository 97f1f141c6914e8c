from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.callback_status import CallbackStatus
from typing import cast
import datetime

if TYPE_CHECKING:
    from ..models.callback_payload import CallbackPayload


T = TypeVar("T", bound="Callback")


@_attrs_define
class Callback:
    """One callback and how its delivery went.

    Attributes:
        attempts (int):
        created_at (datetime.datetime):
        delivered_at (datetime.datetime | None):
        failed_at (datetime.datetime | None):
        id (str):
        last_attempt_at (datetime.datetime | None):
        last_error (None | str):
        last_status (int | None):
        mission_id (str):
        payload (CallbackPayload):
        retries (int):
        status (CallbackStatus):
        type_ (str):
        url (str):
    """

    attempts: int
    created_at: datetime.datetime
    delivered_at: datetime.datetime | None
    failed_at: datetime.datetime | None
    id: str
    last_attempt_at: datetime.datetime | None
    last_error: None | str
    last_status: int | None
    mission_id: str
    payload: CallbackPayload
    retries: int
    status: CallbackStatus
    type_: str
    url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.callback_payload import CallbackPayload  # noqa: PLC0415

        attempts = self.attempts

        created_at = self.created_at.isoformat()

        delivered_at: None | str
        if isinstance(self.delivered_at, datetime.datetime):
            delivered_at = self.delivered_at.isoformat()
        else:
            delivered_at = self.delivered_at

        failed_at: None | str
        if isinstance(self.failed_at, datetime.datetime):
            failed_at = self.failed_at.isoformat()
        else:
            failed_at = self.failed_at

        id = self.id

        last_attempt_at: None | str
        if isinstance(self.last_attempt_at, datetime.datetime):
            last_attempt_at = self.last_attempt_at.isoformat()
        else:
            last_attempt_at = self.last_attempt_at

        last_error: None | str
        last_error = self.last_error

        last_status: int | None
        last_status = self.last_status

        mission_id = self.mission_id

        payload = self.payload.to_dict()

        retries = self.retries

        status = self.status.value

        type_ = self.type_

        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attempts": attempts,
                "created_at": created_at,
                "delivered_at": delivered_at,
                "failed_at": failed_at,
                "id": id,
                "last_attempt_at": last_attempt_at,
                "last_error": last_error,
                "last_status": last_status,
                "mission_id": mission_id,
                "payload": payload,
                "retries": retries,
                "status": status,
                "type": type_,
                "url": url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.callback_payload import CallbackPayload  # noqa: PLC0415

        d = dict(src_dict)
        attempts = d.pop("attempts")

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

        mission_id = d.pop("mission_id")

        payload = CallbackPayload.from_dict(d.pop("payload"))

        retries = d.pop("retries")

        status = CallbackStatus(d.pop("status"))

        type_ = d.pop("type")

        url = d.pop("url")

        callback = cls(
            attempts=attempts,
            created_at=created_at,
            delivered_at=delivered_at,
            failed_at=failed_at,
            id=id,
            last_attempt_at=last_attempt_at,
            last_error=last_error,
            last_status=last_status,
            mission_id=mission_id,
            payload=payload,
            retries=retries,
            status=status,
            type_=type_,
            url=url,
        )

        callback.additional_properties = d
        return callback

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
