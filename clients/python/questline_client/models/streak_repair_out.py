from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.streak_repair_out_status import StreakRepairOutStatus
from typing import cast
import datetime

if TYPE_CHECKING:
    from ..models.repair_counts import RepairCounts


T = TypeVar("T", bound="StreakRepairOut")


@_attrs_define
class StreakRepairOut:
    """A repair job: what it covers, who asked and why, and how far it got.

    Attributes:
        counts (RepairCounts): Users per outcome so far.
        created_at (datetime.datetime):
        done (int): Users handled so far.
        finished_at (datetime.datetime | None):
        from_ (datetime.datetime): When the outage began.
        id (str):
        mission_id (str):
        reason (str):
        requested_by (str):
        segment_id (None | str):
        status (StreakRepairOutStatus):
        to (datetime.datetime): When it ended.
        total (int): Users the job covers (fixed when it was asked for).
    """

    counts: RepairCounts
    created_at: datetime.datetime
    done: int
    finished_at: datetime.datetime | None
    from_: datetime.datetime
    id: str
    mission_id: str
    reason: str
    requested_by: str
    segment_id: None | str
    status: StreakRepairOutStatus
    to: datetime.datetime
    total: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.repair_counts import RepairCounts  # noqa: PLC0415

        counts = self.counts.to_dict()

        created_at = self.created_at.isoformat()

        done = self.done

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        from_ = self.from_.isoformat()

        id = self.id

        mission_id = self.mission_id

        reason = self.reason

        requested_by = self.requested_by

        segment_id: None | str
        segment_id = self.segment_id

        status = self.status.value

        to = self.to.isoformat()

        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "counts": counts,
                "created_at": created_at,
                "done": done,
                "finished_at": finished_at,
                "from": from_,
                "id": id,
                "mission_id": mission_id,
                "reason": reason,
                "requested_by": requested_by,
                "segment_id": segment_id,
                "status": status,
                "to": to,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.repair_counts import RepairCounts  # noqa: PLC0415

        d = dict(src_dict)
        counts = RepairCounts.from_dict(d.pop("counts"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        done = d.pop("done")

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

        from_ = datetime.datetime.fromisoformat(d.pop("from"))

        id = d.pop("id")

        mission_id = d.pop("mission_id")

        reason = d.pop("reason")

        requested_by = d.pop("requested_by")

        def _parse_segment_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        segment_id = _parse_segment_id(d.pop("segment_id"))

        status = StreakRepairOutStatus(d.pop("status"))

        to = datetime.datetime.fromisoformat(d.pop("to"))

        total = d.pop("total")

        streak_repair_out = cls(
            counts=counts,
            created_at=created_at,
            done=done,
            finished_at=finished_at,
            from_=from_,
            id=id,
            mission_id=mission_id,
            reason=reason,
            requested_by=requested_by,
            segment_id=segment_id,
            status=status,
            to=to,
            total=total,
        )

        streak_repair_out.additional_properties = d
        return streak_repair_out

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
