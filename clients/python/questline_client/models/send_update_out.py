from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast


T = TypeVar("T", bound="SendUpdateOut")


@_attrs_define
class SendUpdateOut:
    """What a Send Update did: enqueued at once for listed users, or started in the background for all.

    Attributes:
        update_id (str):
        deliveries (int | None | Unset): `user_ids` given: deliveries enqueued, users times the channels carrying
            `send_update`.
        fanout_id (None | str | Unset): To all of the mission's users: the background job sending it
            (`/v1/notifications/fanouts/{id}`).
        users (int | None | Unset): `user_ids` given: the users it is for (null for a fan-out).
    """

    update_id: str
    deliveries: int | None | Unset = UNSET
    fanout_id: None | str | Unset = UNSET
    users: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        update_id = self.update_id

        deliveries: int | None | Unset
        if isinstance(self.deliveries, Unset):
            deliveries = UNSET
        else:
            deliveries = self.deliveries

        fanout_id: None | str | Unset
        if isinstance(self.fanout_id, Unset):
            fanout_id = UNSET
        else:
            fanout_id = self.fanout_id

        users: int | None | Unset
        if isinstance(self.users, Unset):
            users = UNSET
        else:
            users = self.users

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "update_id": update_id,
            }
        )
        if deliveries is not UNSET:
            field_dict["deliveries"] = deliveries
        if fanout_id is not UNSET:
            field_dict["fanout_id"] = fanout_id
        if users is not UNSET:
            field_dict["users"] = users

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        update_id = d.pop("update_id")

        def _parse_deliveries(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        deliveries = _parse_deliveries(d.pop("deliveries", UNSET))

        def _parse_fanout_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        fanout_id = _parse_fanout_id(d.pop("fanout_id", UNSET))

        def _parse_users(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        users = _parse_users(d.pop("users", UNSET))

        send_update_out = cls(
            update_id=update_id,
            deliveries=deliveries,
            fanout_id=fanout_id,
            users=users,
        )

        send_update_out.additional_properties = d
        return send_update_out

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
