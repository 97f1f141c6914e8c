from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.fanout_kind import FanoutKind
from ..models.fanout_status import FanoutStatus
from typing import cast
import datetime


T = TypeVar("T", bound="Fanout")


@_attrs_define
class Fanout:
    """A notification to many users, sent page by page: a mission's activation (`launch`: every known
    user it is available to) or a Send Update to all of a mission's users (`update`).

        Attributes:
            after_user (None | str): The last user id looked at (users go in id order).
            created_at (datetime.datetime):
            custom_text (None | str): `update`: its text (`{{customText}}`).
            finished_at (datetime.datetime | None):
            id (str):
            kind (FanoutKind):
            mission_id (str):
            status (FanoutStatus): `running` until every user has been looked at.
            told (int): Users it enqueued the notification for.
            update_id (None | str): `update`: the Send Update's id.
    """

    after_user: None | str
    created_at: datetime.datetime
    custom_text: None | str
    finished_at: datetime.datetime | None
    id: str
    kind: FanoutKind
    mission_id: str
    status: FanoutStatus
    told: int
    update_id: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        after_user: None | str
        after_user = self.after_user

        created_at = self.created_at.isoformat()

        custom_text: None | str
        custom_text = self.custom_text

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        id = self.id

        kind = self.kind.value

        mission_id = self.mission_id

        status = self.status.value

        told = self.told

        update_id: None | str
        update_id = self.update_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "after_user": after_user,
                "created_at": created_at,
                "custom_text": custom_text,
                "finished_at": finished_at,
                "id": id,
                "kind": kind,
                "mission_id": mission_id,
                "status": status,
                "told": told,
                "update_id": update_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_after_user(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        after_user = _parse_after_user(d.pop("after_user"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_custom_text(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        custom_text = _parse_custom_text(d.pop("custom_text"))

        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))

        id = d.pop("id")

        kind = FanoutKind(d.pop("kind"))

        mission_id = d.pop("mission_id")

        status = FanoutStatus(d.pop("status"))

        told = d.pop("told")

        def _parse_update_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        update_id = _parse_update_id(d.pop("update_id"))

        fanout = cls(
            after_user=after_user,
            created_at=created_at,
            custom_text=custom_text,
            finished_at=finished_at,
            id=id,
            kind=kind,
            mission_id=mission_id,
            status=status,
            told=told,
            update_id=update_id,
        )

        fanout.additional_properties = d
        return fanout

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
