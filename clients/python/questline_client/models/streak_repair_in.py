from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime


T = TypeVar("T", bound="StreakRepairIn")


@_attrs_define
class StreakRepairIn:
    """Which users' streaks of which mission to repair, for which outage, and why.

    Attributes:
        from_ (datetime.datetime): When the outage began.
        mission_id (str): A mission (or a user's challenge) with a streak goal.
        reason (str): Why: kept in the audit.
        requested_by (str): Who asks (a name or e-mail): kept in the audit.
        to (datetime.datetime): When it ended (at most 31 days after `from`, not in the future).
        segment_id (None | str | Unset): Repair this segment's members now.
        user_ids (list[str] | None | Unset): Or repair these users (exactly one of the two).
    """

    from_: datetime.datetime
    mission_id: str
    reason: str
    requested_by: str
    to: datetime.datetime
    segment_id: None | str | Unset = UNSET
    user_ids: list[str] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from_ = self.from_.isoformat()

        mission_id = self.mission_id

        reason = self.reason

        requested_by = self.requested_by

        to = self.to.isoformat()

        segment_id: None | str | Unset
        if isinstance(self.segment_id, Unset):
            segment_id = UNSET
        else:
            segment_id = self.segment_id

        user_ids: list[str] | None | Unset
        if isinstance(self.user_ids, Unset):
            user_ids = UNSET
        elif isinstance(self.user_ids, list):
            user_ids = self.user_ids

        else:
            user_ids = self.user_ids

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "from": from_,
                "mission_id": mission_id,
                "reason": reason,
                "requested_by": requested_by,
                "to": to,
            }
        )
        if segment_id is not UNSET:
            field_dict["segment_id"] = segment_id
        if user_ids is not UNSET:
            field_dict["user_ids"] = user_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        from_ = datetime.datetime.fromisoformat(d.pop("from"))

        mission_id = d.pop("mission_id")

        reason = d.pop("reason")

        requested_by = d.pop("requested_by")

        to = datetime.datetime.fromisoformat(d.pop("to"))

        def _parse_segment_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        segment_id = _parse_segment_id(d.pop("segment_id", UNSET))

        def _parse_user_ids(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                user_ids_type_0 = cast(list[str], data)

                return user_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        user_ids = _parse_user_ids(d.pop("user_ids", UNSET))

        streak_repair_in = cls(
            from_=from_,
            mission_id=mission_id,
            reason=reason,
            requested_by=requested_by,
            to=to,
            segment_id=segment_id,
            user_ids=user_ids,
        )

        return streak_repair_in
